"""The questionnaire with steps before enrolment and eligible-from dates (issue 14): it agrees
with the matching engine, never asks what only a step covers, and keeps asking about a trial
that is only ruled out until a later date."""

from __future__ import annotations

from datetime import date

from core.matching.verdict import ELIGIBLE, POSSIBLY_ELIGIBLE, evaluate_trial
from core.patient.profile import PatientProfile, profile_from_dict
from core.questionnaire import Questionnaire
from core.questionnaire.analysis import analyse_trial
from core.questionnaire.simulate import answer_from

TODAY = date(2025, 6, 15)


def crit(key, kind, rule):
    return {"key": key, "parent_key": None, "kind": kind, "label": key.split("-")[-1], "text": key, "rule": rule}


WASHOUT = {"step": {"kind": "washout", "text": "Last dose 2 weeks before the first study dose"},
           "rule": {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}}
STEPPED = {"trial_id": "T-STEP", "title": "washout", "criteria": [
    crit("inc-1", "inclusion", {"fact": "age_years", "op": ">=", "value": 18}),
    crit("inc-2", "inclusion", WASHOUT),
    crit("exc-1", "exclusion", {"step": {"kind": "washout", "text": "3 months after another trial"},
                                "rule": {"fact": "other_trial_within_3_months", "op": "=", "value": True}}),
    crit("exc-2", "exclusion", {"fact": "pregnant", "op": "=", "value": True}),
]}
ADULT = {"format_version": 1, "assessment_date": "2025-06-15", "date_of_birth": "1980-01-01", "sex": "female",
         "findings": {"pregnant": False}, "treatments_complete": True,
         "treatments": [{"drug": "prednisone", "start": "2024-01-01", "dose": 10, "dose_unit": "mg/day",
                         "outcome": "ongoing"}]}


def test_steps_are_never_asked_and_the_analysis_agrees():
    q = Questionnaire(PatientProfile(assessment_date=TODAY), [STEPPED], today=TODAY)
    truth = profile_from_dict(ADULT)
    asked = []
    while (question := q.next_question()) is not None:
        spec = q.trials[0]
        answers = q.profile.confirmations.get("T-STEP", {})
        official = evaluate_trial("T-STEP", spec.criteria_dicts(), q.facts(), confirmations=answers, explain=False)
        assert analyse_trial(spec, q.facts(), answers).verdict == official.verdict
        asked.append(question.id)
        q.answer(question.id, answer_from(truth, question))
    assert "treatments" not in asked and "other_trial_within_3_months" not in asked
    v = q.verdicts()["T-STEP"]
    assert v.verdict == ELIGIBLE == q.verdict_of("T-STEP")
    assert [s["needed"] for s in v.steps] == [None, None]  # neither asked: "unless already done"


def test_a_trial_ruled_out_until_a_birthday_stays_open():
    young = {**ADULT, "date_of_birth": "2008-01-01", "findings": {}}
    q = Questionnaire(profile_from_dict(young), [STEPPED], today=TODAY)
    v = q.verdicts()["T-STEP"]
    assert (v.verdict, v.eligible_from) == (POSSIBLY_ELIGIBLE, date(2026, 1, 1))
    assert q.verdict_of("T-STEP") == POSSIBLY_ELIGIBLE  # the questionnaire's view is the same
    assert "pregnant" in {x.id for x in q.open_questions()}
