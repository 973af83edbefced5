"""Inclusions that list alternative groups of participants (core.matching.cohorts): an inclusion not met
does not rule the patient out, since it may belong to another group; the study team decides."""

from __future__ import annotations

from core.matching.cohorts import lists_cohorts, names_a_group
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, evaluate_trial
from core.questionnaire.analysis import verdict_of
from core.questionnaire.trials import TrialSpec

# as NCT00001372 prints its inclusions: patients, relatives and healthy volunteers in one flat list
COHORTS = [
    {"key": "inc-1", "kind": "inclusion", "text": "SLE or suspected SLE established by ACR criteria"},
    {"key": "inc-2", "kind": "inclusion", "text": "Adult and minor relatives (first and second degree) of "
                                                  "individuals included (only for genetic studies)"},
    {"key": "inc-3", "kind": "inclusion", "text": "Healthy volunteers (non-related) age greater than or equal to 18"},
    {"key": "exc-1", "kind": "exclusion", "text": "Pregnant or lactating women",
     "rule": {"fact": "pregnant", "op": "=", "value": True}},
]
# a trial of healthy volunteers only: its inclusions are one group's, and decide as always
VOLUNTEERS = [
    {"key": "inc-1", "kind": "inclusion", "text": "Healthy volunteers aged 18 to 45"},
    {"key": "inc-2", "kind": "inclusion", "text": "Body mass index 18 to 30"},
]


def test_groups_are_named_by_the_items_words() -> None:
    assert names_a_group("Healthy volunteers (developmental phase)")
    assert names_a_group("Adult and minor relatives (first and second degree) of individuals")
    assert names_a_group("HEALTHY CONTROL WOMEN:")
    assert not names_a_group("Patients with SLE")
    assert not names_a_group("Healthy, ambulatory adults")
    assert lists_cohorts(c["text"] for c in COHORTS if c["kind"] == "inclusion")
    assert not lists_cohorts(c["text"] for c in VOLUNTEERS)
    assert not lists_cohorts(["Healthy volunteers"])


def test_an_inclusion_not_met_in_a_cohort_list_is_to_verify() -> None:
    answers = {"inc-1": True, "inc-2": False, "inc-3": False}  # an SLE patient: not a relative, not a volunteer
    v = evaluate_trial("T", COHORTS, {"pregnant": False}, confirmations=answers)
    assert v.cohorts and v.verdict == POSSIBLY_ELIGIBLE
    assert {"inc-2", "inc-3"} <= set(v.to_verify) and not v.deciding
    assert v.criterion("inc-2").status == "not_met"  # the criterion itself says what was answered
    # an exclusion present still rules the patient out, and every inclusion met is still eligible
    assert evaluate_trial("T", COHORTS, {"pregnant": True}, confirmations=answers).verdict == NOT_ELIGIBLE
    met = {"inc-1": True, "inc-2": True, "inc-3": True}
    assert evaluate_trial("T", COHORTS, {"pregnant": False}, confirmations=met).verdict == ELIGIBLE


def test_one_groups_list_decides_as_always() -> None:
    v = evaluate_trial("T", VOLUNTEERS, {}, confirmations={"inc-1": False, "inc-2": True})
    assert not v.cohorts and v.verdict == NOT_ELIGIBLE and v.deciding == ["inc-1"]


def test_the_questionnaire_judges_it_as_the_verdict_does() -> None:
    spec = TrialSpec.from_data({"trial_id": "T", "title": "T", "criteria": COHORTS})
    values = {"inc-1": True, "inc-2": False, "inc-3": False, "exc-1": False}
    verdict, _values, to_verify = verdict_of(spec, values)
    assert spec.lists_cohorts and verdict == POSSIBLY_ELIGIBLE and {"inc-2", "inc-3"} <= set(to_verify)
    plain = TrialSpec.from_data({"trial_id": "V", "title": "V", "criteria": VOLUNTEERS})
    assert verdict_of(plain, {"inc-1": False, "inc-2": True})[0] == NOT_ELIGIBLE
