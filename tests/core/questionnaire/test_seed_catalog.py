"""The questionnaire over the real seed catalog: general properties only (the curated rules
are still being written, so no test here depends on their exact content)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.catalog import database
from core.catalog.bundle import build_seed_catalog
from core.matching.screening import screen_profile
from core.matching.verdict import NOT_ELIGIBLE, POSSIBLY_ELIGIBLE
from core.patient.profile import profile_from_dict
from core.questionnaire import Questionnaire, load_trials, unanswerable_facts
from core.questionnaire.simulate import answer_from, run_to_end

TODAY = date(2025, 6, 15)

PATIENTS = {
    "refractory RA": {
        "format_version": 1, "assessment_date": "2025-06-15", "date_of_birth": "1970-05-02", "sex": "female",
        "weight_kg": 62, "diagnoses_complete": True,
        "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2012-03-01",
                       "classification": ["acr_1987"], "activity": "high"}],
        "treatments_complete": True,
        "treatments": [
            {"drug": "methotrexate", "start": "2012-04-01", "stop": "2016-04-01", "outcome": "inadequate_response"},
            {"drug": "adalimumab", "start": "2016-05-01", "stop": "2018-05-01", "outcome": "loss_of_response"},
            {"drug": "tocilizumab", "start": "2018-06-01", "stop": "2020-06-01", "outcome": "intolerance"},
            {"drug": "tofacitinib", "start": "2020-07-01", "outcome": "ongoing"}],
        "labs": [{"name": "esr", "value": 40, "unit": "mm/h", "uln": 20}],
        "joint_assessment": {"tender_28": 8, "swollen_28": 6, "patient_global_mm": 60, "evaluator_global_mm": 50},
        "findings": {"ra_management_problematic": True},
        "history": {"healthy_volunteer": False},
        "consent": {"informed_consent": True, "willing_to_participate": True},
    },
    "healthy adult": {
        "format_version": 1, "assessment_date": "2025-06-15", "date_of_birth": "1995-07-07", "sex": "male",
        "diagnoses_complete": True, "treatments_complete": True,
        "history": {"healthy_volunteer": True}, "consent": {"informed_consent": True},
    },
    "12-year-old": {
        "format_version": 1, "assessment_date": "2025-06-15", "date_of_birth": "2013-01-01", "sex": "female",
    },
}


@pytest.fixture(scope="module")
def trials(tmp_path_factory):
    path = build_seed_catalog(tmp_path_factory.mktemp("questionnaire") / "c.sqlite")
    database.connect(path)
    yield load_trials()
    database.close()


def test_the_catalog_trials_load(trials):
    assert len(trials) >= 5
    assert all(t.criteria for t in trials)
    assert unanswerable_facts(sorted(set().union(*(t.facts() for t in trials)))) == []


@pytest.mark.parametrize("name", sorted(PATIENTS))
def test_finishes_with_fewer_questions_than_facts(trials, name):
    truth = profile_from_dict(PATIENTS[name])
    q = Questionnaire(None, trials, today=TODAY)
    asked = run_to_end(q, truth)
    assert q.is_finished()
    assert len(asked) == len(set(asked))
    checklist = set().union(*(t.facts() for t in trials))
    assert len(asked) < len(checklist)
    # the verdicts are the matching engine's for the profile built by the questions
    screened = {s.trial_id: s.verdict.verdict for s in screen_profile(q.profile, [t.trial_id for t in trials],
                                                                      today=TODAY)}
    assert {tid: v.verdict for tid, v in q.verdicts().items()} == screened
    # whatever is still open can only be settled by questions answered "unknown"
    for tid in q.open_trials():
        assert q.verdicts()[tid].verdict == POSSIBLY_ELIGIBLE


def test_nothing_known_rules_nobody_out(trials):
    q = Questionnaire(None, trials, today=TODAY)
    asked = run_to_end(q, profile_from_dict({"format_version": 1}))
    assert asked and set(asked) == q.unknown
    assert NOT_ELIGIBLE not in {v.verdict for v in q.verdicts().values()}


def test_a_child_is_asked_little(trials):
    q = Questionnaire(None, trials, today=TODAY)
    first = q.next_question()
    assert first.id in ("date_of_birth", "diagnoses")
    q.answer("date_of_birth", "2013-01-01")
    adult_only = [tid for tid in (t.trial_id for t in trials) if q.verdict_of(tid) == NOT_ELIGIBLE]
    assert adult_only  # the seeds include adult-only trials
    for question in q.open_questions():
        assert not set(question.trial_ids) & set(adult_only)


def test_save_and_resume_from_the_catalog(trials):
    q = Questionnaire(None, trials, today=TODAY)
    truth = profile_from_dict(PATIENTS["refractory RA"])
    for _ in range(3):
        question = q.next_question()
        q.answer(question.id, answer_from(truth, question))
    saved = json.loads(json.dumps(q.to_dict()))
    back = Questionnaire.from_dict(saved, today=TODAY)  # trials read from the open catalog
    assert [t.trial_id for t in back.trials] == [t.trial_id for t in trials]
    assert back.to_dict() == saved
    assert back.next_question().id == q.next_question().id
