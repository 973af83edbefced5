"""Vocabulary facts in the questionnaire: asked once, used by every trial that reads them."""

from __future__ import annotations

from datetime import date

from core.patient.profile import PatientProfile
from core.questionnaire import Questionnaire

TODAY = date(2026, 11, 30)


def inc(key, rule):
    return {"key": key, "kind": "inclusion", "text": key, "rule": rule}


def exc(key, rule):
    return {"key": key, "kind": "exclusion", "text": key, "rule": rule}


def fact(f, op, value):
    return {"fact": f, "op": op, "value": value}


LUPUS_A = {"trial_id": "T-A", "title": "Lupus A", "criteria": [
    inc("inc-1", fact("condition:sle", "=", True)), exc("exc-1", fact("condition:lymphoma", "=", True))]}
LUPUS_B = {"trial_id": "T-B", "title": "Lupus B", "criteria": [
    inc("inc-1", fact("condition:lupus", "=", True)), exc("exc-1", fact("condition:malignancy", "=", True)),
    exc("exc-2", fact("drug_ever:rituximab", "=", True))]}


def test_one_answer_decides_every_trial_that_reads_the_fact():
    q = Questionnaire(PatientProfile(date_of_birth=date(1980, 1, 1), sex="female"), [LUPUS_A, LUPUS_B], today=TODAY)
    assert q.question("condition:malignancy").kind == "bool"
    q.answer("condition:malignancy", "no")  # "no malignancy ever": lymphoma too, in trial A
    verdicts = q.verdicts()
    assert verdicts["T-A"].criterion("exc-1").status == "not_met"
    assert verdicts["T-B"].criterion("exc-1").status == "not_met"
    q.answer("condition:sle", "yes")  # SLE is a lupus: both inclusions met by one answer
    verdicts = q.verdicts()
    assert verdicts["T-A"].criterion("inc-1").status == "met"
    assert verdicts["T-B"].criterion("inc-1").status == "met"
    assert "condition:lupus" not in {x.id for x in q.open_questions()}  # never asked: already known


def test_never_received_answer_is_kept_and_can_be_changed():
    q = Questionnaire(PatientProfile(date_of_birth=date(1980, 1, 1), sex="female"), [LUPUS_B], today=TODAY)
    q.answer("drug_ever:rituximab", "no")
    assert q.verdicts()["T-B"].criterion("exc-2").status == "not_met"
    assert q.profile.never_treated_with == ["rituximab"]
    q.answer("drug_ever:rituximab", "yes")
    assert q.profile.never_treated_with == [] and q.profile.ever_treated_with == ["rituximab"]
    assert q.verdicts()["T-B"].criterion("exc-2").status == "met"


def test_the_diagnoses_table_keeps_yes_no_answers_about_one_condition():
    q = Questionnaire(PatientProfile(date_of_birth=date(1980, 1, 1), sex="female"), [LUPUS_A], today=TODAY)
    q.answer("condition:lymphoma", "no")
    q.answer("diagnoses", {"diagnoses": [{"code": "sle", "diagnosis_date": "2015"}], "complete": False})
    codes = {(d.code, d.status) for d in q.profile.diagnoses}
    assert codes == {("lymphoma", "absent"), ("sle", "present")}
    assert q.current_answer("diagnoses") == {"diagnoses": [{"code": "sle", "diagnosis_date": "2015"}],
                                             "complete": False}


SSC_A = {"trial_id": "T-S1", "title": "SSc A", "criteria": [
    {"key": "inc-1", "kind": "inclusion", "text": "Systemic sclerosis meeting the ACR 1980 preliminary criteria",
     "rule": fact("classified:systemic_sclerosis", "=", True)}]}
SSC_B = {"trial_id": "T-S2", "title": "SSc B", "criteria": [
    {"key": "inc-1", "kind": "inclusion", "text": "Fulfilling the 2013 ACR/EULAR criteria for systemic sclerosis",
     "rule": fact("classified:systemic_sclerosis", "=", True)}]}


def test_classification_criteria_are_asked_once_with_each_trials_own_words():
    q = Questionnaire(PatientProfile(date_of_birth=date(1980, 1, 1), sex="female"), [SSC_A, SSC_B], today=TODAY)
    question = q.question("classified:systemic_sclerosis")
    assert question.kind == "bool" and "classification criteria" in question.text
    shown = {r.criterion_text for r in q.why_asked("classified:systemic_sclerosis")}
    assert shown == {SSC_A["criteria"][0]["text"], SSC_B["criteria"][0]["text"]}  # the sets each trial names
    q.answer("classified:systemic_sclerosis", "yes")
    assert q.profile.history == {"classified:systemic_sclerosis": True}
    verdicts = q.verdicts()
    assert verdicts["T-S1"].criterion("inc-1").status == "met" and verdicts["T-S2"].criterion("inc-1").status == "met"
    q.answer("classified:systemic_sclerosis", "no")
    assert q.verdicts()["T-S1"].criterion("inc-1").status == "not_met"
    q.clear_answer("classified:systemic_sclerosis")
    assert q.profile.history == {}
