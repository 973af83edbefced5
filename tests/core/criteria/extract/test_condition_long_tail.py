"""The long tail of condition wordings (issue 16, h-cond2): "history or diagnosis of", "current diagnosis or past
history of", "prior or concurrent", the subject written after the condition ("HIV-positive patients"), "have had"
for an infection, "<carcinoma> of the <organ>" and Mycobacterium avium complex. Real registry phrasings, and
near-misses that must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import concepts, propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from core.vocab import conditions


def _yes(fact):
    return {"fact": fact, "op": "=", "value": True}


def _no(fact):
    return {"fact": fact, "op": "=", "value": False}


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # "history or diagnosis of", "current diagnosis or (past) history of": has or had
    ("Participants with a history or diagnosis of Behcet's disease", EXCLUSION, _yes("condition:behcet_disease")),
    ("Current diagnosis or history of alcoholism or drug dependence", EXCLUSION,
     {"any": [_yes("condition:alcohol_use_disorder"), _yes("condition:drug_use_disorder")]}),
    ("No current diagnosis or past history of myelodysplastic syndromes", INCLUSION,
     _no("condition:myelodysplastic_syndrome")),
    ("History or current diagnosis of epilepsy", EXCLUSION, _yes("condition:epilepsy")),
    ("Diagnosis or history of epilepsy", EXCLUSION, _yes("condition:epilepsy")),
    # "prior or concurrent", "previous or concomitant": has or had
    ("Previous or concomitant malignancy", EXCLUSION, _yes("condition:malignancy")),
    ("Prior or concurrent opportunistic infection", EXCLUSION, _yes("condition:opportunistic_infection")),
    ("Previous or current mycobacterium avium complex (MAC) infection.", EXCLUSION,
     _yes("condition:mycobacterium_avium_complex_infection")),
    ("No prior or current MAC infection.", INCLUSION, _no("condition:mycobacterium_avium_complex_infection")),
    ("Have had MAC disease.", EXCLUSION, _yes("condition:mycobacterium_avium_complex_infection")),
    ("Patients with a history of mycobacterium avium intracellulare infection.", EXCLUSION,
     _yes("condition:mycobacterium_avium_complex_infection")),
    # the subject after the condition says nothing more
    ("HIV-infected patients.", EXCLUSION, _yes("hiv")),
    ("HIV positive patients", EXCLUSION, _yes("hiv")),
    ("No HIV positive patients", INCLUSION, _no("hiv")),
    ("Hepatitis B surface antigen positive patients", EXCLUSION, _yes("hbsag_positive")),
    ("Lung cancer patients", EXCLUSION, _yes("condition:lung_cancer")),
    # "any (prior) history of"; "those with", "persons with"
    ("Any prior history of wheezing or asthma", EXCLUSION,
     {"any": [_yes("condition:wheezing"), _yes("condition:asthma")]}),
    ("Any history of pancreatitis", EXCLUSION, _yes("condition:pancreatitis")),
    ("Those with psychiatric disorder or history of drug abuse", EXCLUSION,
     {"any": [_yes("condition:psychiatric_disorder"), _yes("condition:drug_use_disorder")]}),
    # lifelong diagnoses as alternatives in an inclusion
    ("Confirmed HIV infection or diagnosis of AIDS", INCLUSION, {"any": [_yes("hiv"), _yes("condition:aids")]}),
    ("HIV infection and diagnosis of AIDS", INCLUSION, {"all": [_yes("hiv"), _yes("condition:aids")]}),
    # "<carcinoma> of the <organ>" (a histology, "adenocarcinoma of the prostate", is not widened to the site:
    # test_audit_seed5152.py)
    ("History of carcinoma of the head and neck", EXCLUSION, _yes("condition:head_and_neck_cancer")),
])
def test_long_tail_readings(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == rule


@pytest.mark.parametrize(("text", "kind"), [
    ("Diagnosis or history of significant psychiatric disease", EXCLUSION),  # judgement
    ("Concurrent neoplasms other than localized prostate cancer", EXCLUSION),  # an exception narrower than read
    ("MAC infection.", EXCLUSION),  # an infection now: the "has or had" fact cannot say it
    ("Disseminated MAC disease.", EXCLUSION),  # which extent: not read
    ("No documented salmonella infection", INCLUSION),  # now, not "has or had"
    ("Hospitalized patients", EXCLUSION),  # no condition
    ("HIV infection or hepatitis B", INCLUSION),  # hepatitis B now is not a lifelong diagnosis: any or all?
    ("HIV positive or HIV negative", INCLUSION),  # no restriction, not a rule
    ("Other cancer patients", EXCLUSION),  # "other": which?
    ("Prior or concurrent chemotherapy allowed", INCLUSION),  # permission, not a requirement
    ("Histologically confirmed metastatic adenocarcinoma of the prostate", INCLUSION),  # stage not held by the fact
])
def test_long_tail_near_misses(text, kind):
    assert propose_rule(text, kind) is None, text


def test_the_new_names_are_concepts_with_their_class_and_codes():
    assert conditions.is_a("mycobacterium_avium_complex_infection", "nontuberculous_mycobacterial_infection")
    assert conditions.is_a("mycobacterium_avium_complex_infection", "opportunistic_infection")
    assert [c.id for c in conditions.lookup("A31.0")][0] == "mycobacterium_avium_complex_infection"
    assert conditions.is_a("salmonellosis", "bacterial_infection")
    assert [c.id for c in conditions.lookup("A02")][0] == "salmonellosis"
    assert [c.id for c in conditions.lookup("carcinoma of the bladder")][0] == "bladder_cancer"


def test_mac_alone_is_not_the_infection():
    # "MAC" is also monitored anaesthesia care and the membrane attack complex: only the written-out names count
    found = concepts.find("mac", ("condition",))
    assert all(m.concept_id != "mycobacterium_avium_complex_infection" for m in found)


def test_an_organ_list_after_of_the_is_read_whole_or_not_at_all():
    rule = propose_rule("Individuals with known prior cancer of the colon, rectum, lung, prostate", EXCLUSION).rule
    assert rule == {"any": [_yes("condition:colon_cancer"), _yes("condition:rectal_cancer"),
                            _yes("condition:lung_cancer"), _yes("condition:prostate_cancer")]}
    # "urethra, ureter" share the head "carcinoma of the": never a clinician question of bare organs
    assert propose_rule("History of carcinoma of the bladder, urethra, ureter", EXCLUSION) is None
    assert propose_rule("History of carcinoma of the breast or asthma", EXCLUSION).rule == {
        "any": [_yes("condition:breast_cancer"), _yes("condition:asthma")]}


@pytest.mark.parametrize("text", ["must not have end-stage renal or hepatic disease",
                                  "No end-stage renal or hepatic disease", "No chronic kidney or liver disease"])
def test_a_stage_written_once_before_a_list_gives_no_rule(text):
    # "end-stage renal or hepatic disease" is end-stage liver disease too: not "any liver disease"
    assert propose_rule(text, "inclusion") is None


def test_a_stage_that_belongs_to_its_own_condition_still_reads():
    for text in ("No chronic kidney disease or stroke", "No end stage renal disease"):
        assert propose_rule(text, "inclusion") is not None
