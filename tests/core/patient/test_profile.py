"""Profile JSON: round trip, malformed input, impossible values, unknown stays unknown."""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.patient.derived import compute_facts
from core.patient.profile import (
    FORMAT_VERSION,
    ProfileError,
    load_profile,
    profile_from_dict,
    profile_to_dict,
    save_profile,
)
from core.patient.validation import profile_problems


def full_profile() -> dict:
    return {
        "format_version": 1,
        "profile_id": "p-1",
        "assessment_date": "2025-03-01",
        "date_of_birth": "1970-05-02",
        "sex": "female",
        "weight_kg": 62.5,
        "diagnoses_complete": True,
        "diagnoses": [{
            "code": "rheumatoid_arthritis", "diagnosis_date": "2015-04-01", "classification": ["acr_1987"],
            "classification_not_met": ["acr_eular_2010"], "activity": "moderate", "scores": {"sledai_2k": 2},
            "acr_eular_2010_items": {"joints": "4_10_small"},
        }],
        "treatments_complete": True,
        "treatments": [{"drug": "methotrexate", "start": "2015-05-01", "dose": 15, "dose_unit": "mg/week",
                        "outcome": "ongoing", "route": "oral"}],
        "labs": [{"name": "ast", "value": 40, "unit": "U/L", "uln": 35, "lln": 5, "date": "2025-02-20"}],
        "joint_assessment": {"date": "2025-03-01", "tender_28": 6, "swollen_28": 4, "patient_global_mm": 50,
                             "evaluator_global_mm": 40},
        "findings": {"lvef_percent": 60, "ecog": 1, "pregnant": False},
        "history": {"malignancy": False},
        "consent": {"informed_consent": True},
        "confirmations": {"NCT1": {"inc-3": "yes", "exc-2": "no", "exc-3": "unknown"}},
    }


def test_round_trip_keeps_every_field(tmp_path):
    profile = profile_from_dict(full_profile())
    path = tmp_path / "p.json"
    save_profile(profile, path)
    again = load_profile(path)
    assert again == profile
    expected = full_profile()
    expected["format_version"] = 2
    course = expected["treatments"][0]
    del course["outcome"]
    course["status"] = "ongoing"  # format 1's "ongoing" is format 2's status
    assert profile_to_dict(again) == expected


def test_saved_file_is_versioned_json(tmp_path):
    path = tmp_path / "p.json"
    save_profile(profile_from_dict({"format_version": 1, "sex": "male"}), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {"format_version": FORMAT_VERSION, "sex": "male"}
    assert not (tmp_path / "p.json.tmp").exists()


def test_confirmations_are_three_valued():
    profile = profile_from_dict(full_profile())
    assert profile.confirmation("NCT1", "inc-3") is True
    assert profile.confirmation("NCT1", "exc-2") is False
    assert profile.confirmation("NCT1", "exc-3") is None
    assert profile.confirmation("NCT1", "never-asked") is None


@pytest.mark.parametrize("version", [0, 3, "1", None])
def test_unknown_format_version_refused(version):
    data = full_profile()
    data["format_version"] = version
    with pytest.raises(ProfileError) as err:
        profile_from_dict(data)
    assert err.value.field == "format_version"
    assert "format_version" in str(err.value)


@pytest.mark.parametrize(("patch", "field", "words"), [
    ({"date_of_birth": "1970-13-01"}, "date_of_birth", "not a valid date"),
    ({"date_of_birth": 1970}, "date_of_birth", "YYYY-MM-DD"),
    ({"weight_kg": "heavy"}, "weight_kg", "must be a number"),
    ({"sex": "unknown"}, "sex", "female or male"),
    ({"date_of_brith": "1970-01-01"}, "date_of_brith", "Unknown field"),
    ({"diagnoses": [{"diagnosis_date": "2020-01-01"}]}, "diagnoses[0].code", "required"),
    ({"treatments": [{"drug": "mtx", "outcome": "great"}]}, "treatments[0].outcome", "inadequate_response"),
    ({"treatments": [{"drug": "mtx", "dose": 1, "dose_unit": "spoons"}]}, "treatments[0].dose_unit", "mg/day"),
    ({"labs": [{"name": "ast"}]}, "labs[0].value", "needs a value"),
    ({"findings": {"ecog": "two"}}, "findings.ecog", "must be a number"),
    ({"findings": {"pregnant": "no"}}, "findings.pregnant", "true or false"),
    ({"history": {"no_such_question": True}}, "history.no_such_question", "Unknown field"),
    ({"confirmations": {"NCT1": {"inc-1": "maybe"}}}, "confirmations.NCT1.inc-1", "yes, no or unknown"),
    ({"diagnoses": [{"code": "ra", "acr_eular_2010_items": {"joints": "lots"}}]},
     "diagnoses[0].acr_eular_2010_items.joints", "must be one of"),
])
def test_malformed_input_names_the_field(patch, field, words):
    data = {"format_version": 1, **patch}
    with pytest.raises(ProfileError) as err:
        profile_from_dict(data)
    assert err.value.field == field
    assert words in str(err.value)


def test_invalid_json_file_explained(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{\"format_version\": 1,", encoding="utf-8")
    with pytest.raises(ProfileError, match="not valid JSON"):
        load_profile(path)


def test_missing_file_explained(tmp_path):
    with pytest.raises(ProfileError, match="Cannot read"):
        load_profile(tmp_path / "absent.json")


def _problems(patch: dict) -> dict[str, str]:
    data = {"format_version": 1, "assessment_date": "2025-01-01", "date_of_birth": "1980-01-01", **patch}
    profile = profile_from_dict(data, strict=False)
    return dict(profile_problems(profile, today=date(2025, 6, 1)))


@pytest.mark.parametrize(("patch", "field", "words"), [
    ({"date_of_birth": "1904-12-31"}, "date_of_birth", "older than 120"),
    ({"date_of_birth": "2025-02-01"}, "date_of_birth", "after the assessment date"),
    ({"diagnoses": [{"code": "sle", "diagnosis_date": "1979-12-31"}]}, "diagnoses[0].diagnosis_date",
     "before the date of birth"),
    ({"diagnoses": [{"code": "sle", "diagnosis_date": "2025-01-02"}]}, "diagnoses[0].diagnosis_date", "future"),
    ({"treatments": [{"drug": "methotrexate", "dose": -5, "dose_unit": "mg/week"}]}, "treatments[0].dose",
     "negative"),
    ({"treatments": [{"drug": "methotrexate", "start": "2020-01-02", "stop": "2020-01-01"}]},
     "treatments[0].stop", "before the start"),
    ({"labs": [{"name": "ast", "value": 30, "uln": 0}]}, "labs[0].uln", "above zero"),
    ({"labs": [{"name": "ast", "value": 30, "uln": -3}]}, "labs[0].uln", "above zero"),
    ({"labs": [{"name": "crp", "value": 3, "unit": "furlongs"}]}, "labs[0].unit", "not known for CRP"),
    ({"findings": {"lvef_percent": 101}}, "findings.lvef_percent", "at most 100"),
    ({"findings": {"lvef_percent": -1}}, "findings.lvef_percent", "at least 0"),
    ({"findings": {"ecog": 6}}, "findings.ecog", "at most 5"),
    ({"findings": {"ecog": 1.5}}, "findings.ecog", "whole number"),
    ({"findings": {"nyha_class": 0}}, "findings.nyha_class", "at least 1"),
    ({"findings": {"nyha_class": 5}}, "findings.nyha_class", "at most 4"),
    ({"findings": {"fatigue_severity": "extreme"}}, "findings.fatigue_severity", "one of"),
    ({"weight_kg": 0}, "weight_kg", "at least"),
    ({"joint_assessment": {"tender_28": 29}}, "joint_assessment.tender_28", "at most 28"),
])
def test_impossible_values_get_a_message_per_field(patch, field, words):
    problems = _problems(patch)
    assert field in problems, problems
    assert words in problems[field]


def test_boundary_values_are_accepted():
    patch = {"date_of_birth": "1905-01-01",  # exactly 120 at assessment
             "findings": {"lvef_percent": 100, "ecog": 5, "nyha_class": 4},
             "diagnoses": [{"code": "sle", "diagnosis_date": "2025-01-01"}]}
    assert _problems(patch) == {}
    patch["findings"] = {"lvef_percent": 0, "ecog": 0, "nyha_class": 1}
    assert _problems(patch) == {}


def test_strict_load_refuses_impossible_values_and_lists_them():
    data = {"format_version": 1, "findings": {"ecog": 9, "lvef_percent": 120}}
    with pytest.raises(ProfileError) as err:
        profile_from_dict(data)
    fields = [f for f, _ in err.value.problems]
    assert fields == ["findings.lvef_percent", "findings.ecog"] or sorted(fields) == sorted(
        ["findings.ecog", "findings.lvef_percent"])
    assert profile_from_dict(data, strict=False).findings["ecog"] == 9


def test_missing_values_are_unknown_not_false():
    facts = compute_facts(profile_from_dict({"format_version": 1}), today=date(2025, 1, 1))
    for fact_id in ("pregnant", "malignancy", "age_years", "ra_diagnosed", "informed_consent", "lvef_percent",
                    "prednisone_eq_mg_day", "csdmard_years", "failed_btsdmard_count", "dtt_ra"):
        assert fact_id not in facts, fact_id
    assert facts["diagnoses"].has("sle") is None


def test_explicit_null_answer_is_unknown():
    profile = profile_from_dict({"format_version": 1, "findings": {"pregnant": None}})
    assert "pregnant" not in profile.findings
