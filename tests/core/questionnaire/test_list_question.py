"""A parent whose sub-items have no rule is asked once, as a list (TrialSpec.asked_as_list): the
clinician reads the list and answers for the parent, which decides it as a direct answer does."""

from __future__ import annotations

from datetime import date

from core.matching.verdict import evaluate_trial
from core.patient.profile import PatientProfile
from core.questionnaire import Questionnaire
from core.questionnaire.wording import question_text

TODAY = date(2025, 6, 15)


def crit(kind, key, rule=None, parent=None, text=None):
    return {"key": key, "parent_key": parent, "kind": kind, "label": key, "text": text or f"{kind} {key}",
            "rule": rule}


AGE = {"fact": "age_years", "op": ">=", "value": 18}
LISTS = {"trial_id": "T-LIST", "title": "Lists", "criteria": [
    crit("inclusion", "inc-1", AGE),
    crit("exclusion", "exc-1", text="Patients will not be eligible for this study if they:"),
    crit("exclusion", "exc-1.1", parent="exc-1", text="Have severe diarrhea."),
    crit("exclusion", "exc-1.2", parent="exc-1", text="Abuse alcohol or drugs."),
    crit("exclusion", "exc-1.3", parent="exc-1", text="Plan to breast-feed."),
    # a list with one sub-item read as a rule is asked part by part, as before
    crit("exclusion", "exc-2", text="Patients with the following are excluded:"),
    crit("exclusion", "exc-2.1", {"fact": "pregnant", "op": "=", "value": True}, parent="exc-2"),
    crit("exclusion", "exc-2.2", parent="exc-2", text="Stuttering"),
]}


def new():
    profile = PatientProfile(assessment_date=TODAY, sex="female", date_of_birth=date(1980, 1, 1))
    return Questionnaire(profile, [LISTS], today=TODAY), profile


def open_ids(q):
    return {x.id for x in q.open_questions()}


def test_the_list_is_one_question_quoting_every_item():
    q, _profile = new()
    ids = open_ids(q)
    assert "confirm:T-LIST:exc-1" in ids
    assert not {"confirm:T-LIST:exc-1.1", "confirm:T-LIST:exc-1.2", "confirm:T-LIST:exc-1.3"} & ids
    text = question_text(q.question("confirm:T-LIST:exc-1"))
    assert text.startswith("Does any of these apply? Patients will not be eligible for this study if they:")
    assert "\n• Have severe diarrhea.\n• Abuse alcohol or drugs.\n• Plan to breast-feed." in text
    # the mixed list: its read sub-item is a shared fact, the other its own question
    assert {"pregnant", "confirm:T-LIST:exc-2.2"} <= ids and "confirm:T-LIST:exc-2" not in ids


def test_answering_the_list_decides_the_parent_in_the_verdict_too():
    q, _profile = new()
    q.answer("confirm:T-LIST:exc-1", True)
    assert q.verdict_of("T-LIST") == "not_eligible"
    v = evaluate_trial("T-LIST", LISTS["criteria"], q.profile, today=TODAY)
    assert v.verdict == "not_eligible" and v.deciding == ["exc-1"]
    q.answer("confirm:T-LIST:exc-1", False)
    q.answer("pregnant", False)
    q.answer("confirm:T-LIST:exc-2.2", False)
    assert q.verdict_of("T-LIST") == "eligible" and q.is_finished()
    assert evaluate_trial("T-LIST", LISTS["criteria"], q.profile, today=TODAY).verdict == "eligible"


def test_unknown_for_the_list_leaves_the_trial_open():
    q, _profile = new()
    q.answer_unknown("confirm:T-LIST:exc-1")
    assert q.verdict_of("T-LIST") == "possibly_eligible"
    assert "confirm:T-LIST:exc-1" not in open_ids(q)


def test_the_list_question_follows_the_language_and_quotes_the_items_as_published():
    from core.i18n import using_language

    q, _profile = new()
    with using_language("zh"):
        text = question_text(q.question("confirm:T-LIST:exc-1"))
    assert text.startswith("以下任何一项是否适用？Patients will not be eligible")
    assert text.endswith("• Plan to breast-feed.")


def test_none_of_the_list_settles_each_item_and_one_of_them_settles_none():
    q, _profile = new()
    q.answer("confirm:T-LIST:exc-1", False)  # "none of these applies"
    v = evaluate_trial("T-LIST", LISTS["criteria"], q.profile, today=TODAY)
    assert [v.criterion(k).status for k in ("exc-1.1", "exc-1.2", "exc-1.3")] == ["not_met"] * 3
    assert v.criterion("exc-1.2").sentence == "Answered with its list: not present."
    q.answer("confirm:T-LIST:exc-1", True)  # "one of these applies": which one is not said
    v = evaluate_trial("T-LIST", LISTS["criteria"], q.profile, today=TODAY)
    assert v.criterion("exc-1").status == "met"
    assert [v.criterion(k).status for k in ("exc-1.1", "exc-1.2", "exc-1.3")] == ["unknown"] * 3
