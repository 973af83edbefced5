"""condition_current:<id> in the questionnaire: "has had X?" first when unknown, then "Is the patient's X
active now?", answered once for every trial and stored on the diagnosis; changing or clearing it removes only
what it wrote; the patient record keeps it."""

from __future__ import annotations

from datetime import date

from core.i18n import using_language
from core.patient.profile import PatientProfile, profile_from_dict
from core.questionnaire import Questionnaire
from core.questionnaire.record import merge_into_record
from core.questionnaire.wording import question_text

TODAY = date(2026, 11, 30)


def exc(key, rule, text=None):
    return {"key": key, "kind": "exclusion", "text": text or key, "rule": rule}


def current(concept):
    return {"fact": f"condition_current:{concept}", "op": "=", "value": True}


TB_A = {"trial_id": "T-A", "title": "A", "criteria": [exc("exc-1", current("tuberculosis"), "Active tuberculosis")]}
TB_B = {"trial_id": "T-B", "title": "B", "criteria": [
    exc("exc-1", current("tuberculosis"), "Current tuberculosis infection"),
    exc("exc-2", current("malignancy"), "Active malignancy")]}


def patient(**fields):
    data = {"format_version": 2, "date_of_birth": "1970-01-01", "sex": "female", **fields}
    return profile_from_dict(data)


def asked(q):
    return [x.id for x in q.open_questions()]


def test_when_the_condition_is_unknown_has_had_it_comes_first_and_a_no_settles_it():
    q = Questionnaire(patient(), [TB_A, TB_B], today=TODAY)
    open_ids = asked(q)
    assert "condition:tuberculosis" in open_ids and "condition_current:tuberculosis" not in open_ids
    q.answer("condition:tuberculosis", "no")
    assert {v.criterion("exc-1").status for v in q.verdicts().values()} == {"not_met"}  # both trials, one answer
    assert "condition_current:tuberculosis" not in asked(q)


def test_a_yes_then_opens_active_now_stored_on_the_diagnosis():
    q = Questionnaire(patient(), [TB_A, TB_B], today=TODAY)
    q.answer("condition:tuberculosis", "yes")
    assert q.verdicts()["T-A"].criterion("exc-1").status == "unknown"  # had it: not necessarily now
    assert "condition_current:tuberculosis" in asked(q)
    question = q.question("condition_current:tuberculosis")
    assert question.kind == "bool" and question.text.endswith("active now?")
    q.answer("condition_current:tuberculosis", "no")
    assert [(d.code, d.active) for d in q.profile.diagnoses] == [("tuberculosis", False)]
    assert q.verdicts()["T-A"].criterion("exc-1").status == "not_met"
    assert q.verdicts()["T-B"].criterion("exc-1").status == "not_met"
    assert q.current_answer("condition_current:tuberculosis") is False
    q.answer("condition_current:tuberculosis", "yes")  # changed: the same diagnosis, now active
    assert [(d.code, d.active) for d in q.profile.diagnoses] == [("tuberculosis", True)]
    assert q.verdicts()["T-A"].criterion("exc-1").status == "met"


def test_a_charted_diagnosis_is_asked_about_directly_and_clearing_restores_not_recorded():
    profile = patient(diagnoses=[{"code": "lymphoma", "diagnosis_date": "2010"}])
    q = Questionnaire(profile, [TB_B], today=TODAY)
    ids = asked(q)
    assert "condition_current:malignancy" in ids
    assert ids.index("condition_current:malignancy") < ids.index("condition:malignancy")  # known had: asks now
    q.answer("condition_current:malignancy", "yes")
    assert q.profile.diagnoses[0].active is True and len(q.profile.diagnoses) == 1
    assert q.verdicts()["T-B"].criterion("exc-2").status == "met"
    q.clear_answer("condition_current:malignancy")
    assert q.profile.diagnoses[0].active is None  # the charted row itself stays
    assert q.verdicts()["T-B"].criterion("exc-2").status == "unknown"


def test_active_now_answered_unknown_does_not_ask_has_had_instead():
    profile = patient(diagnoses=[{"code": "lymphoma", "diagnosis_date": "2010"}])
    q = Questionnaire(profile, [TB_B], today=TODAY)
    q.answer_unknown("condition_current:malignancy")
    assert "condition:malignancy" not in asked(q)
    assert q.verdicts()["T-B"].criterion("exc-2").status == "unknown"


def test_a_charted_activity_is_never_asked_and_never_cleared():
    profile = patient(diagnoses=[{"code": "lymphoma", "active": False}], diagnoses_complete=True)
    q = Questionnaire(profile, [TB_B], today=TODAY)
    assert "condition_current:malignancy" not in asked(q)
    assert q.verdicts()["T-B"].criterion("exc-2").status == "not_met"
    q.clear_answer("condition_current:malignancy")
    assert q.profile.diagnoses[0].active is False


def test_yes_with_several_diagnoses_does_not_say_which_is_active():
    profile = patient(diagnoses=[{"code": "lymphoma"}, {"code": "melanoma"}])
    q = Questionnaire(profile, [TB_B], today=TODAY)
    q.answer("condition_current:malignancy", "yes")
    assert [d.active for d in q.profile.diagnoses] == [None, None]  # which one is active is not said
    assert q.facts().get("condition_current:malignancy") is True
    assert q.facts().get("condition_current:melanoma") is None


def test_the_answer_reaches_the_patient_record():
    profile = patient(diagnoses=[{"code": "tuberculosis", "diagnosis_date": "2009"}])
    q = Questionnaire(profile, [TB_A], today=TODAY)
    q.answer("condition_current:tuberculosis", "no")
    record = merge_into_record({"format_version": 2, "diagnoses": [{"code": "tuberculosis", "diagnosis_date": "2009"}]},
                               q.profile, q.history, TODAY)
    assert [(d["code"], d.get("active")) for d in record["diagnoses"]] == [("tuberculosis", False)]
    assert record["history"] == {"condition_current:tuberculosis": False}
    assert profile_from_dict(record).history == {"condition_current:tuberculosis": False}  # reads back


def test_the_question_is_worded_in_each_language():
    q = Questionnaire(PatientProfile(), [TB_A], today=TODAY)
    question = q.question("condition_current:tuberculosis")
    with using_language("en"):
        assert question_text(question) == question.text
    for lang in ("zh", "ja"):
        with using_language(lang):
            text = question_text(question)
            assert text != question.text and "active now" not in text


def test_active_now_from_the_record_lasts_only_the_setting():
    from datetime import timedelta

    from core.questionnaire.record import start_from_record

    old, recent = (TODAY - timedelta(days=200)).isoformat(), (TODAY - timedelta(days=10)).isoformat()
    record = {"format_version": 2, "diagnoses": [
        {"code": "tuberculosis", "diagnosis_date": "2009", "active": False, "resolved_date": "2010", "recorded": old},
        {"code": "lymphoma", "active": True, "recorded": recent}], "known_on": {"diagnoses": old}}
    start = start_from_record(record, TODAY, 90)
    rows = {d.code: d for d in start.profile.diagnoses}
    assert rows["tuberculosis"].active is None  # asked again: it may have come back
    assert str(rows["tuberculosis"].resolved_date) == "2010"  # the history stays
    assert rows["lymphoma"].active is True
    assert "diagnoses[0].active" in start.stale and "diagnoses" in start.carried
    # answered again in a screening since: its part's date counts
    record["known_on"] = {"diagnoses": recent}
    assert {d.code: d.active for d in start_from_record(record, TODAY, 90).profile.diagnoses}["tuberculosis"] is False
