"""Treatment and procedure phrasings read after the blocking-word count of issue 16 (round 6,
``scripts/extract/drug_blockers.py``): words left out of a list ("intra-articular or parenteral corticosteroids",
"strong CYP3A4 inhibitors or inducers", "solid organ or bone marrow transplantation"), "had previously received"
a procedure, "vaccination with", "a live, attenuated vaccine", a PDQ treatment topic printed before its item
("Radiotherapy: At least 4 weeks since prior radiotherapy"), "blood products"; and the near-misses that must stay
unread. Every phrasing is a real one from the corpus."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.drug_names import drug_ids
from core.criteria.extract.procedures import _ids as procedure_ids
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_facts_and_steps


@pytest.mark.parametrize(("body", "ids"), [
    # the head noun written once, at the end
    ("moderate or strong cyp3a4 inhibitors", ["moderate_cyp3a4_inhibitor", "strong_cyp3a4_inhibitor"]),
    # the qualifier written once, at the start
    ("strong cyp3a4 inhibitors or inducers", ["strong_cyp3a4_inhibitor", "strong_cyp3a4_inducer"]),
    ("strong cyp3a inhibitors or inducers", ["strong_cyp3a4_inhibitor", "strong_cyp3a4_inducer"]),
    ("p-gp inhibitors or inducers", ["pgp_inhibitor", "pgp_inducer"]),
])
def test_elided_drug_lists(body, ids):
    read = drug_ids(body)
    assert read is not None and read[0] == ids


@pytest.mark.parametrize("body", [
    "intra-articular or intramuscular corticosteroids",  # "intramuscular corticosteroids": no term of the vocabulary
    "prior or current corticosteroids",  # "prior": no qualifier of a drug term
    "high or low dose corticosteroids",
    "strong cyp3a4 inhibitors or substrates",
    # "intra-articular corticosteroids" is narrower than the locally acting class it is filed under (h-judge8)
    "intra-articular or parenteral corticosteroids", "intra-articular, intravenous or oral corticosteroids",
])
def test_elided_drug_lists_not_read(body):
    assert drug_ids(body) is None


@pytest.mark.parametrize(("body", "ids"), [
    ("solid organ or bone marrow transplantation", ["solid_organ_transplant", "bone_marrow_transplant"]),
    ("solid organ or hematopoietic stem cell transplant", ["solid_organ_transplant",
                                                           "haematopoietic_stem_cell_transplant"]),
    ("knee or hip replacement", ["knee_replacement", "hip_replacement"]),
    ("pelvic or thoracic radiotherapy", ["pelvic_radiotherapy", "thoracic_radiotherapy"]),
    ("blood or blood product transfusion", ["blood_transfusion"]),
])
def test_elided_procedure_lists(body, ids):
    assert procedure_ids(body) == ids


@pytest.mark.parametrize("body", [
    "knee or hip surgery",  # "knee surgery": no procedure of the vocabulary
    "autologous or other transplantation",  # "other": not an elided qualifier
    "radiotherapy or any surgery",
    "kidney (living donor) or liver transplant",
])
def test_elided_procedure_lists_not_read(body):
    assert procedure_ids(body) is None


@pytest.mark.parametrize(("text", "kind", "facts", "steps"), [
    ("Concomitant use of strong CYP3A inhibitors or inducers", EXCLUSION,
     [("drug_current:strong_cyp3a4_inhibitor", "=", True), ("drug_current:strong_cyp3a4_inducer", "=", True)],
     ["stop_medication"]),
    ("Use of strong CYP3A4 inhibitors or inducers within 14 days prior to the first dose", EXCLUSION,
     [("drug_weeks_since:strong_cyp3a4_inhibitor", "<", 2.0), ("drug_weeks_since:strong_cyp3a4_inducer", "<", 2.0)],
     ["washout"]),
    # a vaccination named by its noun, a live vaccine with a comma between its adjectives
    ("Vaccination with a live vaccine within 4 weeks prior to randomization", EXCLUSION,
     [("drug_weeks_since:live_vaccine", "<", 4.0)], ["vaccine_wait"]),
    ("Administration of a live, attenuated vaccine within 30 days before the first dose", EXCLUSION,
     [("drug_weeks_since:live_vaccine", "<", 4.2857)], ["vaccine_wait"]),
    ("Immunization with a live attenuated vaccine within 6 weeks", EXCLUSION,
     [("drug_weeks_since:live_vaccine", "<", 6.0)], ["vaccine_wait"]),
    ("No prior treatment with a nitrosourea or with bleomycin", INCLUSION,
     [("drug_ever:nitrosourea", "=", False), ("drug_ever:bleomycin", "=", False)], []),
    # procedures: "previously", "recipient of", a list with its head noun once
    ("Had previously received an allogeneic bone marrow transplant.", EXCLUSION,
     [("procedure:allogeneic_hsct", "=", True)], []),
    ("Patients who have previously received allogeneic stem cell transplant are ineligible", EXCLUSION,
     [("procedure:allogeneic_hsct", "=", True)], []),
    ("All subjects must be recipients of a renal allograft.", INCLUSION, [("procedure:kidney_transplant", "=", True)],
     []),
    ("History of solid organ or bone marrow transplantation", EXCLUSION,
     [("procedure:solid_organ_transplant", "=", True), ("procedure:bone_marrow_transplant", "=", True)], []),
    ("No prior autologous or allogeneic bone marrow transplantation", INCLUSION,
     [("procedure:autologous_hsct", "=", False), ("procedure:allogeneic_hsct", "=", False)], []),
    ("Blood or blood product transfusion within previous six months.", EXCLUSION,
     [("procedure_weeks_since:blood_transfusion", "<", 26.0)], ["other"]),
    ("Receipt of blood products or immunoglobulin within past 6 months.", EXCLUSION,
     [("procedure_weeks_since:blood_transfusion", "<", 26.0), ("drug_weeks_since:immunoglobulin", "<", 26.0)],
     ["other", "washout"]),
    # a PDQ treatment topic printed before its item: the item is whole on its own
    ("Radiotherapy: At least 4 weeks since prior radiotherapy.", INCLUSION,
     [("procedure_weeks_since:radiotherapy", ">=", 4.0)], ["other"]),
    ("Biologic therapy: No prior biologic therapy", INCLUSION, [("drug_ever:biologic", "=", False)], []),
    ("Endocrine therapy: No concurrent androgens", INCLUSION, [("drug_current:androgen", "=", False)],
     ["stop_medication"]),
    ("Surgery: At least 2 weeks since prior major surgery", INCLUSION,
     [("procedure_weeks_since:major_surgery", ">=", 2.0)], ["other"]),
    # drugs and procedures in one list said to have been had ever: any of them
    ("No prior chemotherapy or radiotherapy", INCLUSION,
     [("drug_ever:chemotherapy", "=", False), ("procedure:radiotherapy", "=", False)], []),
    ("No prior chemotherapy, radiotherapy, or immunotherapy", INCLUSION,
     [("drug_ever:chemotherapy", "=", False), ("procedure:radiotherapy", "=", False),
      ("drug_ever:immunotherapy", "=", False)], []),
    ("Patient must not have received previous chemotherapy or radiotherapy.", INCLUSION,
     [("drug_ever:chemotherapy", "=", False), ("procedure:radiotherapy", "=", False)], []),
    ("Patients who have had prior chemotherapy or radiation therapy.", EXCLUSION,
     [("drug_ever:chemotherapy", "=", True), ("procedure:radiotherapy", "=", True)], []),
    ("Previous chemotherapy or radiotherapy.", EXCLUSION,
     [("drug_ever:chemotherapy", "=", True), ("procedure:radiotherapy", "=", True)], []),
    ("Prior biologic therapy or joint replacement", EXCLUSION,
     [("drug_ever:biologic", "=", True), ("procedure:joint_replacement", "=", True)], []),
])
def test_reads(text, kind, facts, steps):
    assert_facts_and_steps(text, kind, facts, steps)


@pytest.mark.parametrize(("text", "kind"), [
    # a word that changes the meaning: no rule
    ("Intra-articular or intramuscular corticosteroids within 4 weeks", EXCLUSION),
    ("Complicated knee or hip surgery within previous year", EXCLUSION),
    ("Chemotherapy: No prior chemotherapy for sarcoma.", INCLUSION),  # for sarcoma only
    ("Chemotherapy: No prior (greater than 30 days) or concurrent chemotherapy.", INCLUSION),
    ("Surgery: Not specified", INCLUSION),
    ("Surgery: Recovered from prior surgery.", INCLUSION),
    ("Blood transfusions or cryoprecipitates within the past 6 months.", EXCLUSION),
    ("History of allergy to blood products", EXCLUSION),
    ("Vaccination with a live vaccine", EXCLUSION),  # ever, or now? not said
    # a mixed list with no word saying "ever", a broad procedure group, both at once
    ("Chemotherapy or radiotherapy", EXCLUSION),
    ("No prior surgery or chemotherapy", INCLUSION),
    ("No prior chemotherapy and radiotherapy", INCLUSION),
    ("Prior chemotherapy or radiotherapy", INCLUSION),  # required: either, or the one the trial means?
    # the topic word with a dash is no heading: "chemotherapy-induced" stays a word of the item
    ("Chemotherapy-induced neuropathy", EXCLUSION),
])
def test_not_read(text, kind):
    assert propose_rule(text, kind) is None
