"""``procedure_current:<id>`` in the questionnaire: "Is the patient receiving this now: X?", answered once for
every trial that reads it, kept in ``history``; the procedures table's "ongoing" and "never had it" decide it
too (core/questionnaire/procedure_answers.py, mapping.py)."""

from __future__ import annotations

from datetime import date

from core.i18n import using_language
from core.patient.profile import PatientProfile, profile_from_dict
from core.questionnaire import Questionnaire
from core.questionnaire.record import merge_into_record
from core.questionnaire.wording import question_text

TODAY = date(2026, 11, 30)


def _item(key, kind, rule):
    return {"key": key, "kind": kind, "text": key, "rule": rule}


NO_RT = {"step": {"kind": "other", "text": "Complete radiotherapy before entry"},
         "rule": {"fact": "procedure_current:radiotherapy", "op": "=", "value": False}}
RT_A = {"trial_id": "T-R1", "title": "No concurrent radiotherapy", "criteria": [_item("inc-1", "inclusion", NO_RT)]}
RT_B = {"trial_id": "T-R2", "title": "Not on radiotherapy", "criteria": [
    _item("exc-1", "exclusion", {"fact": "procedure_current:radiotherapy", "op": "=", "value": True})]}
DIALYSIS = {"trial_id": "T-D1", "title": "Not on dialysis", "criteria": [
    _item("exc-1", "exclusion", {"fact": "procedure_current:dialysis", "op": "=", "value": True})]}


def _questionnaire(*trials):
    return Questionnaire(PatientProfile(date_of_birth=date(1970, 1, 1), sex="female"), list(trials), today=TODAY)


def test_the_own_question_the_table_and_never_had_it_can_decide():
    q = _questionnaire(RT_B)
    open_ids = {x.id for x in q.open_questions()}
    assert {"procedure_current:radiotherapy", "procedures", "procedure:radiotherapy"} <= open_ids
    assert q.question("procedure_current:radiotherapy").kind == "bool"


def test_one_answer_serves_every_trial_and_is_kept_in_history():
    q = _questionnaire(RT_A, RT_B)
    q.answer("procedure_current:radiotherapy", "yes")
    assert q.profile.history == {"procedure_current:radiotherapy": True}
    assert q.verdicts()["T-R2"].criterion("exc-1").status == "met"
    assert q.verdicts()["T-R1"].criterion("inc-1").status == "met_after_steps"  # complete it before entry
    assert q.current_answer("procedure_current:radiotherapy") is True
    q.answer("procedure_current:radiotherapy", "no")
    assert q.verdicts()["T-R2"].criterion("exc-1").status == "not_met"
    assert q.verdicts()["T-R1"].criterion("inc-1").status == "met"
    assert "procedure_current:radiotherapy" not in {x.id for x in q.open_questions()}


def test_not_receiving_a_group_settles_what_is_below_it_and_never_had_it_settles_now():
    q = _questionnaire(DIALYSIS)
    q.answer("procedure:dialysis", "no")
    assert q.verdicts()["T-D1"].criterion("exc-1").status == "not_met"
    haemo = {**DIALYSIS, "criteria": [_item("exc-1", "exclusion", {
        "fact": "procedure_current:haemodialysis", "op": "=", "value": True})]}
    answered = PatientProfile(date_of_birth=date(1970, 1, 1), history={"procedure_current:dialysis": False})
    assert Questionnaire(answered, [haemo], today=TODAY).verdicts()["T-D1"].criterion("exc-1").status == "not_met"
    # "not receiving haemodialysis now" says nothing of peritoneal dialysis
    narrower = PatientProfile(date_of_birth=date(1970, 1, 1), history={"procedure_current:haemodialysis": False})
    assert Questionnaire(narrower, [DIALYSIS], today=TODAY).verdicts()["T-D1"].criterion("exc-1").status == "unknown"


def test_the_table_s_ongoing_decides_it_and_an_unsaid_course_stays_unknown():
    q = _questionnaire(DIALYSIS)
    q.answer("procedures", {"procedures": [{"procedure": "haemodialysis", "date": "2024", "ongoing": True}],
                            "complete": False})
    assert q.verdicts()["T-D1"].criterion("exc-1").status == "met"
    q.answer("procedures", {"procedures": [{"procedure": "haemodialysis", "date": "2024"}], "complete": True})
    assert q.verdicts()["T-D1"].criterion("exc-1").status == "unknown"  # not said whether it goes on


def test_the_answer_reaches_the_patient_record_and_reads_back():
    q = _questionnaire(RT_B)
    q.answer("procedure_current:radiotherapy", "no")
    record = merge_into_record({"format_version": 2}, q.profile, q.history, TODAY)
    assert record["history"] == {"procedure_current:radiotherapy": False}
    assert profile_from_dict(record).history == {"procedure_current:radiotherapy": False}


def test_the_question_is_worded_in_each_language():
    q = _questionnaire(RT_B)
    question = q.question("procedure_current:radiotherapy")
    with using_language("en"):
        assert question_text(question) == question.text == "Is the patient receiving this now: radiotherapy?"
    expected = {"zh": "患者目前是否正在接受", "ja": "患者は現在これを受けていますか"}
    for lang, start in expected.items():
        with using_language(lang):
            text = question_text(question)
            assert text.startswith(start) and "receiving" not in text
