"""Wrong readings found by auditing random proposals on the dev side of the corpus (issue 16, precision): each
test holds the real phrasing that was misread and near-misses that must keep their reading (or stay unread)."""

from __future__ import annotations

from core.criteria.extract import propose_rule, propose_rules
from core.criteria.extract.leadins import BLOCK, classify
from core.trial_record import EXCLUSION, INCLUSION
from core.vocab import drugs
from tests.core.criteria.extract.phrasings import f as _f
from tests.core.criteria.extract.phrasings import rule_of as _rule
from tests.core.criteria.extract.phrasings import tree as _node

# --- an exclusion heading in the inclusion list without its colon, or glued to an item ------------------------


def test_exclusions_glued_onto_the_inclusion_list_are_not_read_as_inclusions():
    # NCT00006046: the record glues its exclusions onto its inclusions after "… Exclusion Criteria"
    criteria = [_node(INCLUSION, "Karnofsky 80-100%."),
                _node(INCLUSION, "At least 4 weeks since other prior immunotherapy. Exclusion Criteria"),
                _node(INCLUSION, "New York Heart Association class III or IV heart disease."),
                _node(INCLUSION, "Pregnancy or nursing.")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1") == _f("score:karnofsky", ">=", 80)  # before the heading: read as it stands
    assert out["inc-3"] is None  # was "NYHA class at least 3" required
    assert out["inc-4"] is None


def test_a_bare_exclusion_heading_without_colon_blocks_the_items_after_it():
    # NCT00005219 / NCT00002956: "Exclusion" alone, then the exclusions as plain items
    for heading in ("Exclusion", "EXCLUSION", "Exclusions", "2.2 Exclusion Criteria", "Donor Exclusion Criteria"):
        criteria = [_node(INCLUSION, "Inclusion"), _node(INCLUSION, "Age 18 to 60 years"),
                    _node(INCLUSION, heading), _node(INCLUSION, "Heart Disease"),
                    _node(INCLUSION, "Bilirubin less than 2.0 mg/dL")]
        out = propose_rules(criteria)
        assert _rule(out, "inc-2") is not None, heading
        assert out["inc-4"] is None and out["inc-5"] is None, heading


def test_items_that_only_mention_exclusion_are_not_headings():
    criteria = [_node(INCLUSION, "No exclusions"), _node(INCLUSION, "No heart disease")]
    assert _rule(propose_rules(criteria), "inc-2") == _f("condition_current:heart_disease", "=", False)
    # with its colon the heading keeps its old reading: each item after it is an exclusion, negated
    criteria = [_node(INCLUSION, "Exclusion criteria:"), _node(INCLUSION, "Heart disease")]
    assert _rule(propose_rules(criteria), "inc-2") == _f("condition_current:heart_disease", "=", False)


# --- a lead-in stating requirements, printed in the exclusion list ---------------------------------------------


def test_requirements_lead_in_in_the_exclusion_list_blocks():
    # NCT00002048: "Patients must meet the following criteria:" among the exclusions, over "HIV infection …"
    out = propose_rules([_node(EXCLUSION, "Patients must meet the following criteria:",
                               "HIV infection demonstrated by ELISA and confirmed by Western blot.")])
    assert out["exc-1.1"] is None
    assert classify("Patients must have:", EXCLUSION).role == BLOCK
    # near-misses: "must not have" and "excluded" lead-ins still read their items
    for lead in ("Patients must not have any of the following:", "Patients with the following are excluded:"):
        out = propose_rules([_node(EXCLUSION, lead, "History of pancreatitis.")])
        assert _rule(out, "exc-1.1") == _f("condition:pancreatitis", "=", True), lead


# --- a group of people named by a lead-in --------------------------------------------------------------------


def test_items_under_a_cohort_heading_are_not_read_for_every_patient():
    # NCT00001927: exclusions of one cohort ("CHILDREN WITH A HISTORY OF PORENCEPHALY OR STROKE:"), another
    # cohort of healthy mothers in the same trial
    criteria = [_node(EXCLUSION, "CHILDREN WITH A HISTORY OF PORENCEPHALY OR STROKE:",
                      "Children greater than 18 years of age.", "Congenital heart disease."),
                _node(EXCLUSION, "Family members of patients, above",
                      "Pregnant or lactating at the time of enrollment"),
                _node(INCLUSION, "Donors:", "Age 18 to 60 years")]
    out = propose_rules(criteria)
    assert out["exc-1.1"] is None and out["exc-1.2"] is None and out["exc-2.1"] is None
    # "Donors:" is only a group's name: its item is read for that group only (h-cohort10, cohort_groups)
    assert out["inc-1.1"] is not None and out["inc-1.1"].rule["any"][0]["not"]["id"] == "cohort-1"
    # near-miss: a lead-in about the patient's own conditions still reads them
    out = propose_rules([_node(EXCLUSION, "Patients with the following conditions are excluded:",
                               "Congenital heart disease.")])
    assert _rule(out, "exc-1.1") == _f("condition:congenital_heart_disease", "=", True)


# --- sub-items of a statement that is no lead-in ----------------------------------------------------------------


def test_histologies_under_a_diagnosis_statement_are_not_each_required():
    # NCT00008112: "… carcinoma of the cervix" over "Adenocarcinoma", "Squamous cell carcinoma": alternatives
    criteria = [_node(INCLUSION, "Histologically or cytologically confirmed stage IIB-IVA carcinoma of the cervix",
                      "Adenocarcinoma", "Squamous cell carcinoma", "No distant metastases")]
    out = propose_rules(criteria)
    assert out["inc-1.1"] is None and out["inc-1.2"] is None
    assert _rule(out, "inc-1.3") == _f("condition:distant_metastases", "=", False)  # a negated condition stays


def test_lab_thresholds_and_alternatives_under_a_statement_stay_read():
    criteria = [_node(INCLUSION, "Adequate bone marrow function, defined as follows;", "Platelets > 100,000/mm3"),
                _node(INCLUSION, "Required initial laboratory data", "Bilirubin ≤2 x upper limits of normal"),
                _node(INCLUSION, "One of the following histologically confirmed diagnoses", "Hodgkin's lymphoma")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1.1") == _f("platelets", ">", 100)
    assert _rule(out, "inc-2.1") == _f("bilirubin_x_uln", "<=", 2)
    assert _rule(out, "inc-3.1") == _f("condition:hodgkin_lymphoma", "=", True)


# --- a drug named as the sign of an illness -------------------------------------------------------------------


def test_a_drug_under_an_illness_named_by_its_examples_is_no_stop_medication_step():
    # NCT00003045: "Patients with unstable cardiac status including:" over "Patients on anti-arrhythmic drugs"
    criteria = [_node(EXCLUSION, "Patients with unstable cardiac status including:",
                      "Patients on anti-arrhythmic drugs")]
    out = propose_rules(criteria)
    assert _rule(out, "exc-1.1") == _f("drug_current:antiarrhythmic", "=", True)
    assert not out["exc-1.1"].modifiable
    # near-miss: the same drug in a medication section is still a drug to stop
    criteria = [_node(EXCLUSION, "Concurrent Medication:"), _node(EXCLUSION, "Excluded:", "Amiodarone.")]
    assert _rule(propose_rules(criteria), "exc-2.1")["step"]["kind"] == "stop_medication"


# --- several diagnoses joined by "and" in an inclusion ------------------------------------------------------


def test_an_inclusion_listing_diagnoses_with_and_is_not_read_as_all_of_them():
    for text in ("lymphangioleiomyomatosis and the cystic lung disease; pulmonary fibrosis; and sarcoidosis.",
                 "Patients with diabetic retinopathy and age-related macular degeneration."):
        assert propose_rule(text, INCLUSION) is None, text
    # near-misses: one diagnosis, a diagnosis with another fact, and negated conditions keep their reading
    assert propose_rule("Diagnosis of COPD", INCLUSION).rule == _f("condition:copd", "=", True)
    assert propose_rule("No diabetes or hypertension", INCLUSION) is not None
    assert propose_rule("Diabetes mellitus or hypertension", EXCLUSION) is not None


# --- vocabulary: HIV protease inhibitors are antiretrovirals -----------------------------------------------


def test_hiv_protease_inhibitors_are_antiretrovirals():
    assert drugs.is_a("darunavir", "antiretroviral") and drugs.is_a("hiv_protease_inhibitor", "antiviral")
    # "antiretroviral agents (other than AZT)" names every antiretroviral class but zidovudine
    proposal = propose_rule("Antiretroviral agents (other than AZT) within 15 days prior to study entry.", EXCLUSION)
    facts = {p["fact"] for p in proposal.rule["rule"]["any"]}
    assert "drug_weeks_since:hiv_protease_inhibitor" in facts and "drug_weeks_since:zidovudine" not in facts


# --- vocabulary: a carcinoid is one kind of neuroendocrine tumour -------------------------------------------


def test_carcinoid_is_read_as_itself_not_every_neuroendocrine_tumour():
    # NCT00576225: "Evidence of small cell carcinoma, carcinoid, or mixed … histology" excluded every NET
    proposal = propose_rule("Evidence of small cell carcinoma, carcinoid, or mixed small cell/non-small cell "
                            "histology.", EXCLUSION)
    assert _f("condition:carcinoid_tumour", "=", True) in proposal.rule["any"]
    assert propose_rule("No carcinoid tumors", INCLUSION).rule == _f("condition:carcinoid_tumour", "=", False)
    # near-miss: the broader term keeps the broader concept
    assert propose_rule("Neuroendocrine tumour", EXCLUSION).rule == _f("condition:neuroendocrine_tumour", "=", True)


# --- vocabulary: an EGFR TKI is not every EGFR inhibitor ---------------------------------------------------


def test_egfr_tki_excludes_the_anti_egfr_antibodies():
    # NCT04811001: "Previous therapy with any EGFR-TKI" had excluded a patient once given cetuximab
    proposal = propose_rule("Previous therapy with any EGFR-TKI;", EXCLUSION)
    assert proposal.rule == _f("drug_ever:egfr_tki", "=", True)
    assert drugs.is_a("osimertinib", "egfr_tki") and not drugs.is_a("cetuximab", "egfr_tki")
    # near-miss: "EGFR inhibitor" keeps the whole class, antibodies included
    assert propose_rule("Prior EGFR inhibitor", EXCLUSION).rule == _f("drug_ever:egfr_inhibitor", "=", True)
    assert drugs.is_a("cetuximab", "egfr_inhibitor") and drugs.is_a("osimertinib", "egfr_inhibitor")


# --- a lone adjective in a list shares the head noun after it ------------------------------------------------


def test_a_lone_adjective_in_a_list_is_not_read_as_its_disease():
    # NCT00002125: "No evidence of tuberculous, diabetic, or hypertensive retinopathy" had read "Diabetes: no"
    assert propose_rule("No evidence of tuberculous, diabetic, or hypertensive retinopathy.", INCLUSION) is None
    assert propose_rule("Diabetic or hypertensive nephropathy", EXCLUSION) is None
    # near-misses: the adjective alone, and nouns in a list, keep their reading
    assert propose_rule("Diabetic patients", EXCLUSION).rule == _f("condition:diabetes_mellitus", "=", True)
    assert propose_rule("Diabetes, hypertension, or heart failure", EXCLUSION).rule == {"any": [
        _f("condition:diabetes_mellitus", "=", True), _f("condition:hypertension", "=", True),
        _f("condition:heart_failure", "=", True)]}


# --- examples or diagnoses under an "including:" / "diagnosis of:" lead-in ------------------------------------


def test_examples_under_an_including_lead_in_are_not_each_required():
    # NCT00003745 / NCT00005797: the items are the diagnoses the trial takes, any one of them
    criteria = [_node(INCLUSION, "Histologically confirmed malignancy that is relapsed or refractory to conventional "
                      "therapy at original diagnosis including:", "Brain tumors", "Sarcomas"),
                _node(INCLUSION, "Histologically confirmed diagnosis of:", "Multiple myeloma", "Myelodysplasia")]
    out = propose_rules(criteria)
    assert all(out[k] is None for k in ("inc-1.1", "inc-1.2", "inc-2.1", "inc-2.2"))
    # near-misses: a requirement lead-in and a bare "include:" heading keep their items' readings
    criteria = [_node(INCLUSION, "Patients must have the following:", "HIV infection."),
                _node(INCLUSION, "include:", "ECOG Performance Status of 0 or 1.")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1.1") == _f("hiv", "=", True)
    assert _rule(out, "inc-2.1") == _f("ecog", "<=", 1)


# --- "no infection" means now, which the "has or had" condition fact cannot say ------------------------------


def test_no_infection_is_not_read_as_never_had_an_infection():
    for text in ("No acute or chronic infection", "No infection", "No evidence of infection"):
        assert propose_rule(text, INCLUSION) is None, text
    # near-miss: "active infection" has its own fact
    assert propose_rule("No active infection", INCLUSION).rule == _f("active_infection", "=", False)


def test_a_negating_lead_in_without_its_colon_blocks_the_items_after_it():
    # NCT00462241 (found by the seed-999 audit): "Inflammatory joint disease." after it had been required
    criteria = [_node(INCLUSION, "Be between 18 and 75 year of age."),
                _node(INCLUSION, "Patients will not be included if any of the following conditions are present"),
                _node(INCLUSION, "Inflammatory joint disease."), _node(INCLUSION, "Osteoporosis.")]
    out = propose_rules(criteria)
    assert out["inc-3"] is None and out["inc-4"] is None
    # near-miss: a positive lead-in without its colon leaves the items after it as they stand
    criteria = [_node(INCLUSION, "Patients must have all of the following"), _node(INCLUSION, "Osteoporosis.")]
    assert _rule(propose_rules(criteria), "inc-2") == _f("condition:osteoporosis", "=", True)
