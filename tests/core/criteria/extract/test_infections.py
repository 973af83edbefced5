"""Infections read as facts (HIV, AIDS, hepatitis B antigen, active tuberculosis): the subject and diagnosis
words of real registry phrasings, and near-misses that must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION


def _yes(fact):
    return {"fact": fact, "op": "=", "value": True}


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # the subject's words before an infection that is read as now ("with known HIV infection")
    ("Patients with known HIV infection", EXCLUSION, _yes("hiv")),
    ("Patients with HIV infection", EXCLUSION, _yes("hiv")),
    # an AIDS diagnosis stays: "diagnosed with", "clinical diagnosis of" state it, also as an inclusion
    ("Have been diagnosed with AIDS.", EXCLUSION, _yes("condition:aids")),
    ("Clinical diagnosis of AIDS.", EXCLUSION, _yes("condition:aids")),
    ("Diagnosis of AIDS.", INCLUSION, _yes("condition:aids")),
    ("Diagnosis of AIDS as defined by the CDC.", INCLUSION, _yes("condition:aids")),
    ("AIDS as defined by the CDC.", EXCLUSION, _yes("condition:aids")),
    ("Diagnosis of HIV infection", INCLUSION, _yes("hiv")),
    # the hepatitis B antigen in the blood, however it is worded
    ("Circulating hepatitis B antigenemia.", EXCLUSION, _yes("hbsag_positive")),
    ("Hepatitis B surface antigenemia.", EXCLUSION, _yes("hbsag_positive")),
    ("Positive for circulating hepatitis B surface antigen.", EXCLUSION, _yes("hbsag_positive")),
    ("Positive circulating hepatitis B virus antigen.", EXCLUSION, _yes("hbsag_positive")),
    # HIV never clears: a stage of it named bare is has-or-had, unlike an infection that may clear
    ("AIDS dementia.", EXCLUSION, _yes("condition:hiv_associated_dementia")),
    ("AIDS related complex (ARC).", EXCLUSION, _yes("condition:symptomatic_hiv_infection")),
    ("Diagnosis of AIDS or AIDS related complex (ARC).", INCLUSION,
     {"any": [_yes("condition:aids"), _yes("condition:symptomatic_hiv_infection")]}),
    # a negative result, however it is worded (an inclusion requirement)
    ("Are HIV-negative.", INCLUSION, {"fact": "hiv", "op": "=", "value": False}),
    ("Negative HIV test.", INCLUSION, {"fact": "hiv", "op": "=", "value": False}),
    ("Negative serology for human immunodeficiency virus", INCLUSION, {"fact": "hiv", "op": "=", "value": False}),
    ("Negative hepatitis B surface antigen.", INCLUSION, {"fact": "hbsag_positive", "op": "=", "value": False}),
    ("Negativity for Hepatitis B surface antigen.", INCLUSION, {"fact": "hbsag_positive", "op": "=", "value": False}),
    ("Positive HIV antibody test.", INCLUSION, _yes("hiv")),
    # the tests an HIV infection is documented by say how it is known, nothing narrower
    ("Documented HIV infection (ELISA and Western blot positive).", INCLUSION, _yes("hiv")),
    ("HIV infection confirmed by ELISA and Western blot.", INCLUSION, _yes("hiv")),
    ("HIV positive by ELISA with confirmation by Western blot.", EXCLUSION, _yes("hiv")),
    ("Documented HIV infection as determined by a positive ELISA and/or Western blot.", INCLUSION, _yes("hiv")),
    ("Negative ELISA for HIV.", INCLUSION, {"fact": "hiv", "op": "=", "value": False}),
    ("HIV negativity by ELISA.", INCLUSION, {"fact": "hiv", "op": "=", "value": False}),
    # the organism named for the disease
    ("Active M. tuberculosis.", EXCLUSION, _yes("tb_active")),
    ("Active Mycobacterium tuberculosis infection", EXCLUSION, _yes("tb_active")),
])
def test_infection_phrasings(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == rule


@pytest.mark.parametrize(("text", "kind"), [
    ("AIDS as defined by the CDC.", INCLUSION),  # a bare name in an inclusion may be the trial's topic
    ("Patients with HIV", INCLUSION),
    ("HIV negative", EXCLUSION),
    ("Cytomegalovirus (CMV) retinitis", EXCLUSION),  # an infection that may clear, named bare: now or ever?
    ("Syphilis", EXCLUSION),
    ("HIV test", EXCLUSION),  # the test, not its result
    ("HIV serology", EXCLUSION),
    ("HIV ELISA", EXCLUSION),
    ("HIV positive by ELISA within 30 days", EXCLUSION),  # a window the fact does not hold
    ("Negative ELISA for HIV within 8 weeks of immunization.", INCLUSION),
    ("Hepatitis B surface antigen test", EXCLUSION),
    ("Negative HIV test.", EXCLUSION),  # a requirement written among the exclusions
    ("Suspected active tuberculosis", EXCLUSION),
    ("Active M. tuberculosis prophylaxis", EXCLUSION),
    ("History of hepatitis B antigenemia", EXCLUSION),  # the antigen once: not the fact "positive now"
])
def test_infection_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None


def test_a_cdc_classification_stays_a_classification():
    # "by CDC criteria" names the criteria set: the classification fact, not the bare diagnosis
    assert propose_rule("AIDS by CDC criteria.", INCLUSION).rule == _yes("classified:aids")


def _no(fact):
    return {"fact": fact, "op": "=", "value": False}


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # an uncontrolled infection is an active one: "active or uncontrolled" is the active infection (20 dev-side items)
    ("No active or uncontrolled infection", INCLUSION, _no("active_infection")),
    ("Active and/or uncontrolled infection", EXCLUSION, _yes("active_infection")),
    # "active or chronic": a chronic infection present now as well (a carrier state is not "active")
    ("No active or chronic infections", INCLUSION,
     {"all": [_no("active_infection"), _no("condition_current:chronic_infection")]}),
    ("Patients with active or chronic infection are not eligible.", INCLUSION,
     {"all": [_no("active_infection"), _no("condition_current:chronic_infection")]}),
    # "infectious disease" / "process" with "active" is the active infection; the subject words before it
    ("Patients with active infectious diseases", EXCLUSION, _yes("active_infection")),
    ("No active infectious process", INCLUSION, _no("active_infection")),
])
def test_active_infection_wordings(text: str, kind: str, rule: dict) -> None:
    proposal = propose_rule(text, kind)
    assert proposal is not None and proposal.rule == rule


@pytest.mark.parametrize(("text", "kind"), [
    ("No active, uncontrolled infection", INCLUSION),  # both at once: "uncontrolled" narrows it (a judgement)
    ("Active or uncontrolled infection requiring antibiotics", EXCLUSION),  # a treatment the fact does not hold
    ("Patients with serious active infection", EXCLUSION),  # "serious" with nothing defining it
    ("Active or severe infection", EXCLUSION),
    ("Active infectious enteritis", EXCLUSION),  # one infection, not any
])
def test_active_infection_near_misses_stay_unread(text: str, kind: str) -> None:
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "rule"), [
    # the vocabulary's new names (issue 16, h-cond7), read by the condition reader with their time words
    ("Lower respiratory tract infection within 4 weeks prior to the screening visit",
     {"fact": "condition_recent_years:lower_respiratory_tract_infection", "op": "<", "value": 0.0767}),
    ("History of near fatal asthma", _yes("condition:near_fatal_asthma")),
    ("Diagnosis of restrictive lung disease.", _yes("condition:restrictive_lung_disease")),
    ("History of drug addiction or excessive use of alcohol ;",
     {"any": [_yes("condition:drug_use_disorder"), _yes("condition:alcohol_use_disorder")]}),
])
def test_respiratory_and_asthma_names(text: str, rule: dict) -> None:
    proposal = propose_rule(text, EXCLUSION)
    assert proposal is not None and proposal.rule == rule


@pytest.mark.parametrize("text", [
    # a time after screening the rule cannot hold: not dropped, so no rule
    "Lower respiratory tract infection within 4 weeks prior to the screening visit or during the run-in period.",
    "Lower respiratory tract infection",  # an infection named bare means now: "has or had" would be wrong
    "Skin infection",
])
def test_infection_names_that_stay_unread(text: str) -> None:
    assert propose_rule(text, EXCLUSION) is None
