"""The words before and after a condition that the condition reader accounts for: "have a history of",
"underlying", "history of or present", "within the past year" (real registry phrasings), and near-misses
that must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION


def _yes(fact):
    return {"fact": fact, "op": "=", "value": True}


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # the subject's verb without a subject
    ("Have a history of peripheral neuropathy.", EXCLUSION, _yes("condition:peripheral_neuropathy")),
    ("Have had a history of chronic or acute pancreatitis.", EXCLUSION, _yes("condition:pancreatitis")),
    ("Have had pneumonia within 6 weeks of screening.", EXCLUSION,
     {"fact": "condition_recent_years:pneumonia", "op": "<", "value": round(42 / 365.25, 4)}),
    # "recent X (less than N)": the bracket says how recent
    ("Recent myocardial infarction (less than 5 days).", EXCLUSION,
     {"fact": "condition_recent_years:myocardial_infarction", "op": "<", "value": round(5 / 365.25, 4)}),
    ("No recent myocardial infarction (less than 1 month).", INCLUSION,
     {"fact": "condition_recent_years:myocardial_infarction", "op": ">=", "value": round(1 / 12, 4)}),
    # "underlying" says the condition is there, nothing more
    ("History of underlying lung disease.", EXCLUSION, _yes("condition:lung_disease")),
    ("Known underlying bleeding disorder.", EXCLUSION, _yes("condition:bleeding_disorder")),
    ("No underlying immunodeficiency disorder", INCLUSION,
     {"fact": "condition:immunodeficiency", "op": "=", "value": False}),
    ("Preexisting cardiomyopathy.", EXCLUSION, _yes("condition:cardiomyopathy")),
    ("No pre-existing neuropathy", INCLUSION, {"fact": "condition:peripheral_neuropathy", "op": "=", "value": False}),
    ("History of CNS infection.", EXCLUSION, _yes("condition:cns_infection")),
    # now or before: the "has or had" fact
    ("History of or present neurological disorder", EXCLUSION, _yes("condition:neurological_disease")),
    ("Current or history of epilepsy", EXCLUSION, _yes("condition:epilepsy")),
    # a window of one unit written without the number
    ("No myocardial infarction within the past year", INCLUSION,
     {"fact": "condition_recent_years:myocardial_infarction", "op": ">=", "value": 1}),
    ("Stroke within the last month", EXCLUSION,
     {"fact": "condition_recent_years:stroke", "op": "<", "value": round(1 / 12, 4)}),
    # "eczema" is ambiguous: its broader concept, dermatitis (atopic eczema is one kind)
    ("Eczema within the past year.", EXCLUSION, {"fact": "condition_recent_years:dermatitis", "op": "<", "value": 1}),
    ("History of eczema", EXCLUSION, _yes("condition:dermatitis")),
])
def test_condition_lead_and_window_words(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == rule


def test_eczema_covers_atopic_dermatitis():
    from core.vocab import conditions

    assert conditions.covers("dermatitis", "atopic_dermatitis")


@pytest.mark.parametrize(("text", "kind"), [
    # the bracket after "recent" that is no window ("recent MI (confirmed by ECG)") leaves "recent" unread
    ("Recent myocardial infarction (confirmed by ECG).", EXCLUSION),
    # in a list the bracket is the last part's only: once gone, the window would reach every part (h-judge11)
    ("No atrial fibrillation, unstable angina, or recent myocardial infarction (less than 5 days).", INCLUSION),
    ("Have a history of diabetes requiring medication.", EXCLUSION),  # how it is treated: not in the fact
    ("Has a history of severe diarrhea.", EXCLUSION),  # a degree
    ("History of injection drug use within the past year.", EXCLUSION),  # behaviour, not a diagnosis date
    ("Underlying disease of the liver requiring treatment", EXCLUSION),
    ("Significant underlying lung disease", EXCLUSION),
    ("Stroke within the past several years", EXCLUSION),  # no number, and not one unit
    ("CNS infection", EXCLUSION),
    # "controlled" says which occurrence counts: an inclusion allowing it, an exclusion of only that one
    ("Medically controlled congestive heart failure", INCLUSION),
    ("Medically controlled congestive heart failure", EXCLUSION),
    ("Hypertension must be medically controlled", INCLUSION),  # an infection named bare: now, which the fact cannot say
    ("No preexisting peripheral neuropathy grade 2 or greater", INCLUSION),  # a grade: not in the fact
])
def test_lead_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "rule"), [
    ("No distant metastases", {"fact": "condition:distant_metastases", "op": "=", "value": False}),
    ("No CNS metastasis.", {"fact": "condition:cns_metastases", "op": "=", "value": False}),  # brain, meninges, spine
    ("Must not have evidence of CNS metastasis.", {"fact": "condition:cns_metastases", "op": "=", "value": False}),
])
def test_metastases_named_as_criteria_write_them(text, rule):
    assert propose_rule(text, INCLUSION).rule == rule
