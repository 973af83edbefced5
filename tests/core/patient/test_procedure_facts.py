"""Procedures in the patient profile (core/patient/procedure_record.py) and their facts
(core/patient/procedure_facts.py through vocab_facts)."""

import math
from datetime import date

import pytest

from core.patient import vocab_facts
from core.patient.profile import PatientProfile, ProcedureRecord, ProfileError, profile_from_dict, profile_to_dict
from core.patient.values import Range

TODAY = date(2026, 11, 1)


def _profile(*records: ProcedureRecord, complete: bool = False, never: tuple[str, ...] = (), **kw) -> PatientProfile:
    return PatientProfile(assessment_date=TODAY, procedures=list(records), procedures_complete=complete,
                          procedures_never_had=list(never), **kw)


def value(fact: str, profile: PatientProfile):
    return vocab_facts.compute(fact, profile, TODAY, {})


def test_profile_round_trip_and_old_profiles_load():
    data = {"format_version": 2, "assessment_date": "2026-11-01", "procedures_complete": True,
            "procedures": [{"procedure": "kidney_transplant", "date": "2019"},
                           {"procedure": "hip_replacement", "date": "2027-01-05", "planned": True}],
            "procedures_never_had": ["splenectomy"]}
    profile = profile_from_dict(data)
    assert profile.procedures[0].procedure == "kidney_transplant" and profile.procedures[1].planned
    assert profile_to_dict(profile) == data
    old = profile_from_dict({"format_version": 2, "sex": "female"})
    assert old.procedures == [] and not old.procedures_complete and old.procedures_never_had == []
    assert "procedures" not in profile_to_dict(old)  # nothing written for nothing known


@pytest.mark.parametrize(("entry", "field", "words"), [
    ({"procedure": "nope"}, "procedures[0].procedure", "Unknown procedure"),
    ({"procedure": ""}, "procedures[0].procedure", "must be text"),
    ({"procedure": "splenectomy", "date": "2027-02-01"}, "procedures[0].date", "mark it planned"),
    ({"procedure": "splenectomy", "date": "1950"}, "procedures[0].date", "before the date of birth"),
    ({"procedure": "kidney_transplant"}, "procedures[0].procedure", "never done"),
])
def test_impossible_entries_are_refused_with_their_field(entry, field, words):
    data = {"format_version": 2, "assessment_date": "2026-11-01", "date_of_birth": "1960-05-01",
            "procedures": [entry], "procedures_never_had": ["transplantation"]}
    with pytest.raises(ProfileError) as caught:
        profile_from_dict(data)
    assert caught.value.field == field and words in str(caught.value)


@pytest.mark.parametrize("bad", [{"procedures": [{"procedure": "splenectomy", "planned": "yes"}]},
                                 {"procedures": [{"procedure": "splenectomy", "when": "2019"}]},
                                 {"procedures": "splenectomy"}, {"procedures_complete": "yes"},
                                 {"procedures_never_had": [3]}])
def test_malformed_procedure_fields_are_refused(bad):
    with pytest.raises(ProfileError):
        profile_from_dict({"format_version": 2, **bad})


def test_ever_had_covers_the_procedures_below():
    profile = _profile(ProcedureRecord("kidney_transplant", date(2019, 3, 1)))
    assert value("procedure:kidney_transplant", profile) is True
    assert value("procedure:solid_organ_transplant", profile) is True
    assert value("procedure:transplantation", profile) is True
    assert value("procedure:liver_transplant", profile) is None  # the list is open: unknown, never "no"
    assert value("procedure:liver_transplant", _profile(ProcedureRecord("kidney_transplant"), complete=True)) is False


def test_recorded_never_done_is_no_for_it_and_everything_below():
    profile = _profile(never=("transplantation",))
    assert value("procedure:allogeneic_hsct", profile) is False
    assert value("procedure_weeks_since:kidney_transplant", profile) == math.inf
    assert value("procedure:splenectomy", profile) is None


def test_a_broader_entry_leaves_a_narrower_question_unknown():
    profile = _profile(ProcedureRecord("joint_replacement", date(2020, 1, 1)), complete=True)
    assert value("procedure:joint_replacement", profile) is True
    assert value("procedure:hip_replacement", profile) is None  # it may have been the hip
    assert value("procedure:splenectomy", profile) is False


def test_a_joint_injection_of_unknown_kind_is_no_steroid_injection_yet():
    """A steroid injection is one kind of joint injection: an injection of another or unknown drug leaves the
    steroid question unknown, a steroid injection answers both (issue 16: a test4 item read once retired)."""
    any_kind = _profile(ProcedureRecord("intra_articular_injection", date(2026, 11, 1)), complete=True)
    assert value("procedure_weeks_since:intra_articular_injection", any_kind) is not None
    assert value("procedure_weeks_since:intra_articular_corticosteroid_injection", any_kind) is None
    steroid = _profile(ProcedureRecord("intra_articular_corticosteroid_injection", date(2026, 11, 1)), complete=True)
    assert value("procedure:intra_articular_injection", steroid) is True
    assert value("procedure:intra_articular_corticosteroid_injection", steroid) is True


def test_major_surgery_is_the_trials_word_an_unlisted_operation_may_be_one():
    recent = _profile(ProcedureRecord("cholecystectomy", date(2026, 10, 20)), complete=True)
    assert value("procedure:major_surgery", recent) is None
    assert value("procedure_weeks_since:major_surgery", recent) is None
    hip = _profile(ProcedureRecord("hip_replacement", date(2026, 10, 4)), complete=True)
    assert value("procedure_weeks_since:major_surgery", hip) == 4.0
    assert value("procedure:major_surgery", _profile(ProcedureRecord("radiotherapy", date(2026, 1, 1)),
                                                      complete=True)) is False  # radiotherapy is no operation


def test_weeks_since_the_last_one():
    two = _profile(ProcedureRecord("radiotherapy", date(2026, 1, 1)),
                   ProcedureRecord("pelvic_radiotherapy", date(2026, 10, 4)), complete=True)
    assert value("procedure_weeks_since:radiotherapy", two) == 4.0
    assert value("procedure_weeks_since:radiotherapy", _profile(complete=True)) == math.inf
    open_list = _profile(ProcedureRecord("radiotherapy", date(2026, 10, 4)))
    assert value("procedure_weeks_since:radiotherapy", open_list) == Range(0.0, 4.0)  # a later one may be missing
    assert value("procedure_weeks_since:radiotherapy", _profile()) is None
    undated = _profile(ProcedureRecord("radiotherapy"), complete=True)
    assert value("procedure_weeks_since:radiotherapy", undated) is None


def test_a_partial_date_gives_a_range():
    profile = _profile(ProcedureRecord("hip_replacement", date(2026, 1, 1)), complete=True)
    from core.patient.partial_dates import parse_date

    profile.procedures[0].date = parse_date("2025")
    weeks = value("procedure_weeks_since:hip_replacement", profile)
    assert isinstance(weeks, Range) and 43 < weeks.low < 45 and 95 < weeks.high < 97


def test_planned_is_apart_from_done():
    profile = _profile(ProcedureRecord("knee_replacement", date(2027, 1, 5), planned=True), complete=True)
    assert value("procedure_planned:knee_replacement", profile) is True
    assert value("procedure_planned:major_surgery", profile) is True
    assert value("procedure:knee_replacement", profile) is False  # not done yet
    assert value("procedure_weeks_since:knee_replacement", profile) == math.inf
    assert value("procedure_planned:radiotherapy", profile) is False
    assert value("procedure_planned:radiotherapy", _profile()) is None


def test_a_transplant_recipient_diagnosis_counts_as_the_transplant():
    from core.patient.profile import Diagnosis

    profile = _profile(diagnoses=[Diagnosis("kidney_transplant")])
    assert value("procedure:kidney_transplant", profile) is True
    assert value("procedure:solid_organ_transplant", profile) is True
    assert value("procedure_weeks_since:kidney_transplant", profile) is None  # date unknown
    absent = _profile(diagnoses=[Diagnosis("kidney_transplant", status="absent")])
    assert value("procedure:kidney_transplant", absent) is None


def test_fact_definitions():
    fact = vocab_facts.fact_for("procedure_weeks_since:major_surgery")
    assert fact.type == "number" and fact.unit == "weeks" and fact.derived
    assert vocab_facts.fact_for("procedure:kidney_transplant").type == "bool"
    assert vocab_facts.fact_for("procedure_planned:hip_replacement").question.startswith("Is hip replacement")
    assert vocab_facts.fact_for("procedure:no_such_thing") is None
