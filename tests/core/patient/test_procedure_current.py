"""``procedure_current:<id>``: a procedure received now (core/patient/procedure_facts.py), and the profile's
``ongoing`` mark on a procedure (core/patient/procedure_record.py)."""

from datetime import date

import pytest

from core.patient import vocab_facts
from core.patient.profile import PatientProfile, ProcedureRecord, ProfileError, profile_from_dict, profile_to_dict

TODAY = date(2026, 11, 1)


def _profile(*records: ProcedureRecord, complete: bool = False, never: tuple[str, ...] = (), **kw) -> PatientProfile:
    return PatientProfile(assessment_date=TODAY, procedures=list(records), procedures_complete=complete,
                          procedures_never_had=list(never), **kw)


def now(concept: str, profile: PatientProfile):
    return vocab_facts.compute(f"procedure_current:{concept}", profile, TODAY, {})


def test_unknown_unless_something_says_so():
    assert now("radiotherapy", _profile()) is None
    # a course listed with no word on whether it goes on, even in a complete list
    assert now("radiotherapy", _profile(ProcedureRecord("radiotherapy", date(2019, 3, 1)), complete=True)) is None
    # an ended one in an open list: another course may be going on
    assert now("radiotherapy", _profile(ProcedureRecord("radiotherapy", date(2019, 3, 1), ongoing=False))) is None


def test_no_when_the_list_is_complete_or_it_was_never_done_or_every_course_ended():
    assert now("radiotherapy", _profile(complete=True)) is False
    assert now("whole_brain_radiotherapy", _profile(never=("radiotherapy",))) is False
    ended = ProcedureRecord("whole_brain_radiotherapy", date(2019, 3, 1), ongoing=False)
    assert now("radiotherapy", _profile(ended, complete=True)) is False
    # a broader entry that may be this one, and has not ended, keeps it open
    assert now("haemodialysis", _profile(ProcedureRecord("dialysis", ongoing=None), complete=True)) is None
    assert now("haemodialysis", _profile(ProcedureRecord("dialysis", ongoing=False), complete=True)) is False


def test_an_ongoing_course_is_yes_for_it_and_every_group_above_it():
    on = _profile(ProcedureRecord("haemodialysis", date(2024, 1, 1), ongoing=True))
    assert now("haemodialysis", on) is True and now("dialysis", on) is True
    assert now("peritoneal_dialysis", on) is None  # a sibling: not said
    assert now("radiotherapy", on) is None
    # received now: had it, and its last session is this week
    assert vocab_facts.compute("procedure:dialysis", on, TODAY, {}) is True
    assert vocab_facts.compute("procedure_weeks_since:dialysis", on, TODAY, {}) == 0.0
    # a planned course is not one going on
    planned = _profile(ProcedureRecord("radiotherapy", date(2026, 12, 1), planned=True), complete=True)
    assert now("radiotherapy", planned) is False


def test_the_question_s_answer_in_history():
    yes = _profile(history={"procedure_current:haemodialysis": True})
    assert now("dialysis", yes) is True and now("haemodialysis", yes) is True
    assert vocab_facts.compute("procedure:haemodialysis", yes, TODAY, {}) is True
    no = _profile(history={"procedure_current:dialysis": False})
    assert now("dialysis", no) is False and now("haemodialysis", no) is False
    narrower_no = _profile(history={"procedure_current:haemodialysis": False})
    assert now("dialysis", narrower_no) is None  # peritoneal dialysis may go on
    # a course charted ongoing outweighs an answer that none goes on: the chart is asked again, never overridden
    both = _profile(ProcedureRecord("radiotherapy", ongoing=True), history={"procedure_current:radiotherapy": False})
    assert now("radiotherapy", both) is True


def test_profile_round_trip_and_old_profiles_stay_unsaid():
    data = {"format_version": 2, "assessment_date": "2026-11-01",
            "procedures": [{"procedure": "haemodialysis", "date": "2024", "ongoing": True},
                           {"procedure": "radiotherapy", "date": "2019", "ongoing": False},
                           {"procedure": "splenectomy", "date": "2001"}],
            "history": {"procedure_current:phototherapy": False}}
    profile = profile_from_dict(data)
    assert [p.ongoing for p in profile.procedures] == [True, False, None]
    assert profile_to_dict(profile) == data


@pytest.mark.parametrize(("bad", "field"), [
    ({"procedures": [{"procedure": "dialysis", "ongoing": "yes"}]}, "procedures[0].ongoing"),
    ({"procedures": [{"procedure": "radiotherapy", "planned": True, "ongoing": True}]}, "procedures[0].ongoing"),
    ({"history": {"procedure_current:dialysis": "yes"}}, "history.procedure_current:dialysis"),
    ({"history": {"procedure_current:not_a_procedure": True}}, "history.procedure_current:not_a_procedure"),
])
def test_bad_ongoing_marks_are_refused_with_their_field(bad, field):
    with pytest.raises(ProfileError) as caught:
        profile_from_dict({"format_version": 2, "assessment_date": "2026-11-01", **bad})
    assert caught.value.field == field


def test_fact_definition():
    fact = vocab_facts.fact_for("procedure_current:radiotherapy")
    assert fact.type == "bool" and fact.section == "history"
    assert fact.question == "Is the patient receiving this now: radiotherapy?"
