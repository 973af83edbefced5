"""Procedure facts in the questionnaire: the procedures table and a yes/no per procedure, one answer serving
every trial that reads it (tests/core/questionnaire/test_vocab_questions.py for conditions and drugs)."""

from __future__ import annotations

from datetime import date

import pytest

from core.patient.profile import PatientProfile
from core.questionnaire import AnswerError, Questionnaire

TODAY = date(2026, 11, 30)


def _item(key, kind, rule):
    return {"key": key, "kind": kind, "text": key, "rule": rule}


SURGERY = {"trial_id": "T-P1", "title": "Surgery window", "criteria": [
    _item("exc-1", "exclusion", {"fact": "procedure_weeks_since:major_surgery", "op": "<", "value": 4}),
    _item("exc-2", "exclusion", {"fact": "procedure_planned:surgery", "op": "=", "value": True})]}
TRANSPLANT = {"trial_id": "T-P2", "title": "No transplant", "criteria": [
    _item("exc-1", "exclusion", {"fact": "procedure:solid_organ_transplant", "op": "=", "value": True})]}


def _questionnaire(*trials):
    return Questionnaire(PatientProfile(date_of_birth=date(1970, 1, 1), sex="female"), list(trials), today=TODAY)


def test_the_table_and_the_yes_no_are_the_questions_that_can_decide():
    q = _questionnaire(SURGERY, TRANSPLANT)
    open_ids = {x.id for x in q.open_questions()}
    assert {"procedures", "procedure:major_surgery", "procedure:solid_organ_transplant"} <= open_ids
    assert q.question("procedures").kind == "procedures"
    assert q.question("procedure:solid_organ_transplant").kind == "bool"


def test_never_had_it_decides_the_window_too():
    q = _questionnaire(SURGERY)
    q.answer("procedure:major_surgery", "no")
    assert q.verdicts()["T-P1"].criterion("exc-1").status == "not_met"  # never: infinitely long ago
    assert q.profile.procedures_never_had == ["major_surgery"]
    assert q.verdicts()["T-P1"].criterion("exc-2").status == "unknown"  # says nothing of a plan


def test_one_table_answer_serves_every_trial():
    q = _questionnaire(SURGERY, TRANSPLANT)
    q.answer("procedures", {"procedures": [{"procedure": "kidney transplant", "date": "2012"},
                                           {"procedure": "THA", "date": "2026-11-10"}], "complete": True})
    verdicts = q.verdicts()
    assert verdicts["T-P1"].criterion("exc-1").status == "met"  # a hip replacement 3 weeks ago is major
    assert verdicts["T-P1"].criterion("exc-2").status == "not_met"  # the list is complete: nothing planned
    assert verdicts["T-P2"].criterion("exc-1").status == "met"
    assert q.current_answer("procedures")["procedures"][1] == {"procedure": "hip_replacement", "date": "2026-11-10"}


def test_a_wrong_name_is_refused_and_changes_nothing():
    q = _questionnaire(TRANSPLANT)
    with pytest.raises(AnswerError) as caught:
        q.answer("procedures", {"procedures": [{"procedure": "liver thing"}], "complete": True})
    assert caught.value.field == "procedures[0].procedure"
    assert q.profile.procedures == [] and not q.profile.procedures_complete


def test_the_yes_no_and_the_table_keep_their_own_rows():
    q = _questionnaire(TRANSPLANT)
    q.answer("procedure:solid_organ_transplant", "yes")
    q.answer("procedures", {"procedures": [{"procedure": "splenectomy", "date": "2001"}], "complete": False})
    assert {(p.procedure, p.source) for p in q.profile.procedures} == {("solid_organ_transplant", "question"),
                                                                       ("splenectomy", None)}
    assert q.current_answer("procedure:solid_organ_transplant") is True
    q.answer("procedure:solid_organ_transplant", "no")
    assert [p.procedure for p in q.profile.procedures] == ["splenectomy"]
    assert q.verdicts()["T-P2"].criterion("exc-1").status == "not_met"
