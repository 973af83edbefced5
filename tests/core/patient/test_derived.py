"""Derived facts at their boundaries."""

from __future__ import annotations

import math
from datetime import date

import pytest

from core.patient.derived import compute_facts
from core.patient.profile import profile_from_dict
from core.patient.values import Range

ASSESSED = "2025-03-15"


def facts_of(**fields) -> dict:
    data = {"format_version": 1, "assessment_date": ASSESSED, **fields}
    return compute_facts(profile_from_dict(data))


@pytest.mark.parametrize(("dob", "age"), [
    ("2007-03-15", 18), ("2007-03-16", 17),  # 18th birthday on the assessment day
    ("1955-03-15", 70), ("1955-03-16", 69),
    ("2020-03-15", 5), ("2020-03-16", 4),
    ("2010-03-15", 15), ("2010-03-16", 14),
])
def test_age_turns_on_the_birthday(dob, age):
    assert facts_of(date_of_birth=dob)["age_years"] == age


def test_assessment_date_defaults_to_today():
    profile = profile_from_dict({"format_version": 1, "date_of_birth": "2000-06-01"})
    assert compute_facts(profile, today=date(2018, 6, 1))["age_years"] == 18
    assert compute_facts(profile, today=date(2018, 5, 31))["age_years"] == 17


@pytest.mark.parametrize(("diagnosed", "months", "years"), [
    ("2024-12-15", 3, 0), ("2024-12-16", 2, 0),
    ("2024-03-15", 12, 1), ("2024-03-16", 11, 0),
])
def test_disease_duration_boundaries(diagnosed, months, years):
    f = facts_of(diagnoses=[{"code": "rheumatoid_arthritis", "diagnosis_date": diagnosed}])
    assert f["ra_duration_months"] == months
    assert f["ra_duration_years"] == years
    assert f["ra_diagnosed"] is True


def test_duration_counts_from_the_earliest_of_several_entries():
    f = facts_of(diagnoses=[{"code": "dermatomyositis", "diagnosis_date": "2024-01-01"},
                            {"code": "clinically_amyopathic_dermatomyositis", "diagnosis_date": "2023-01-01"}])
    assert f["dm_duration_years"] == 2


def test_absent_condition_is_false_only_when_the_diagnosis_list_is_complete():
    listed = [{"code": "sle"}]
    assert "ra_diagnosed" not in facts_of(diagnoses=listed)
    assert facts_of(diagnoses=listed, diagnoses_complete=True)["ra_diagnosed"] is False
    assert facts_of(diagnoses=listed, diagnoses_complete=True)["diagnoses"].has("sjogren") is False


def test_juvenile_sjogren_age_at_onset():
    f = facts_of(date_of_birth="2012-01-01",
                 diagnoses=[{"code": "sjogren", "diagnosis_date": "2023-06-01", "onset_date": "2022-01-01"}])
    assert f["sjogren_age_at_onset_years"] == 10
    assert f["sjogren_age_at_diagnosis_years"] == 11
    no_onset = facts_of(date_of_birth="2012-01-01", diagnoses=[{"code": "sjogren", "diagnosis_date": "2023-06-01"}])
    assert no_onset["sjogren_age_at_onset_years"] == Range(0, 11)


def test_classification_sets_include_known_and_exclude_not_met():
    f = facts_of(diagnoses=[{"code": "sjogren", "classification": ["aecg_2002"],
                             "classification_not_met": ["japan_sjogren"]}])
    cls = f["sjogren_classification"]
    assert cls.has("aecg_2002") is True
    assert cls.has("japan_sjogren") is False
    assert cls.has("acr_eular_2016_sjogren") is None


def test_acr_eular_2010_score_feeds_ra_classification():
    items = {"joints": "over_10_including_small", "serology": "low_positive"}
    f = facts_of(diagnoses=[{"code": "rheumatoid_arthritis", "acr_eular_2010_items": items}])
    assert f["ra_classification"].has("acr_eular_2010") is True
    low = {"joints": "1_large", "serology": "negative", "acute_phase": "abnormal",
           "symptom_duration": "6_weeks_or_more"}
    f = facts_of(diagnoses=[{"code": "rheumatoid_arthritis", "acr_eular_2010_items": low}])
    assert f["acr_eular_2010_score"] == 2
    assert f["ra_classification"].has("acr_eular_2010") is False


# --- treatments ---------------------------------------------------------------------

def course(drug, start=None, stop=None, outcome=None, **kw):
    out = {"drug": drug, "start": start, "stop": stop, "outcome": outcome, **kw}
    return {k: v for k, v in out.items() if v is not None}


def test_overlapping_csdmard_courses_are_merged():
    f = facts_of(treatments_complete=True, treatments=[
        course("methotrexate", "2020-01-01", "2021-01-01", "inadequate_response"),
        course("leflunomide", "2020-07-01", "2021-07-01", "intolerance"),  # overlaps MTX by 6 months
        course("Humira", "2019-01-01", "2019-06-01", "intolerance"),  # not a csDMARD
    ])
    assert f["csdmard_years"] == pytest.approx(1.5, abs=0.01)
    assert f["dmard_years"] == pytest.approx(1.5 + 5 / 12, abs=0.01)


def test_csdmard_time_exactly_one_year_and_a_day_short():
    exactly = facts_of(treatments_complete=True, treatments=[course("MTX", "2021-01-01", "2022-01-01", "other")])
    assert exactly["csdmard_years"] == 1.0
    short = facts_of(treatments_complete=True, treatments=[course("MTX", "2021-01-02", "2022-01-01", "other")])
    assert short["csdmard_years"] < 1.0


def test_ongoing_course_runs_to_the_assessment_date():
    f = facts_of(treatments_complete=True, treatments=[course("sulfasalazine", "2024-03-15", outcome="ongoing")])
    assert f["csdmard_years"] == 1.0
    no_outcome = facts_of(treatments_complete=True, treatments=[course("sulfasalazine", "2024-03-15")])
    assert no_outcome["csdmard_years"] == 1.0


def test_incomplete_history_gives_lower_bounds():
    f = facts_of(treatments=[course("MTX", "2021-01-01", "2022-01-01", "inadequate_response")])
    assert f["csdmard_years"] == Range(1.0, math.inf)
    assert f["failed_csdmard_count"] == Range(1, math.inf)
    assert "failed_btsdmard_count" not in f  # nothing recorded, list incomplete: unknown


def test_stopped_course_without_stop_date_has_unknown_length():
    f = facts_of(treatments_complete=True, treatments=[
        course("MTX", "2020-01-01", "2021-01-01", "other"),
        course("leflunomide", "2021-06-01", outcome="intolerance"),
    ])
    assert f["csdmard_years"] == Range(1.0, math.inf)


def test_unknown_drug_makes_counts_lower_bounds():
    f = facts_of(treatments_complete=True, treatments=[course("Humira", "2020-01-01", "2021-01-01", "intolerance"),
                                                       course("experimental-xyz", "2021-01-01", "2021-06-01")])
    assert f["failed_btsdmard_count"] == Range(1, math.inf)


def test_failed_btsdmards_and_distinct_mechanisms():
    f = facts_of(treatments_complete=True, treatments=[
        course("adalimumab", "2018-01-01", "2019-01-01", "inadequate_response"),
        course("Enbrel", "2019-01-01", "2020-01-01", "loss_of_response"),
        course("Actemra", "2020-01-01", "2021-01-01", "intolerance"),
        course("Olumiant", "2021-01-01", outcome="ongoing"),
        course("methotrexate", "2015-01-01", "2018-01-01", "inadequate_response"),
    ])
    assert f["failed_btsdmard_count"] == 3
    assert f["failed_btsdmard_mechanism_count"] == 2  # TNF twice, IL-6 once; JAK ongoing
    assert f["failed_dmard_count"] == 4
    assert f["failed_csdmard_count"] == 1


def test_missing_outcome_leaves_the_count_open():
    f = facts_of(treatments_complete=True, treatments=[
        course("adalimumab", "2018-01-01", "2019-01-01", "inadequate_response"),
        course("rituximab", "2019-01-01", "2019-06-01"),
    ])
    assert f["failed_btsdmard_count"] == Range(1, 2)
    assert f["failed_btsdmard_mechanism_count"] == Range(1, 2)


def test_same_course_counts_once_per_drug():
    f = facts_of(treatments_complete=True, treatments=[
        course("adalimumab", "2018-01-01", "2018-06-01", "intolerance"),
        course("Humira", "2019-01-01", "2019-06-01", "intolerance"),
    ])
    assert f["failed_btsdmard_count"] == 1


def test_lab_multiples_of_uln_at_the_boundary():
    f = facts_of(labs=[{"name": "ast", "value": 105, "unit": "U/L", "uln": 35},
                       {"name": "alt", "value": 106, "uln": 35}])
    assert f["ast_x_uln"] == 3.0
    assert f["alt_x_uln"] > 3.0
    assert f["ast"] == 105
    assert "alt" not in f  # no unit: the value cannot be compared with a threshold in U/L


def test_latest_lab_wins_and_units_convert():
    f = facts_of(labs=[{"name": "crp", "value": 1.2, "unit": "mg/dL", "date": "2025-03-01"},
                       {"name": "crp", "value": 50, "unit": "mg/L", "date": "2025-01-01"},
                       {"name": "c3", "value": 0.7, "unit": "g/L", "lln": 0.9}])
    assert f["crp"] == pytest.approx(12.0)
    assert f["c3_below_lln"] is True


@pytest.mark.parametrize(("drug", "dose", "unit", "expected"), [
    ("prednisone", 10, "mg/day", 10.0),
    ("prednisolone", 10, "mg/day", 10.0),
    ("methylprednisolone", 8, "mg/day", 10.0),
    ("dexamethasone", 1.5, "mg/day", 10.0),
    ("hydrocortisone", 40, "mg/day", 10.0),
    ("prednisone", 70, "mg/week", 10.0),
    ("prednisone", 0.2, "mg/kg/day", 10.0),  # 50 kg patient
])
def test_prednisone_equivalents(drug, dose, unit, expected):
    f = facts_of(weight_kg=50, treatments_complete=True,
                 treatments=[course(drug, "2025-01-01", outcome="ongoing", dose=dose, dose_unit=unit)])
    assert f["prednisone_eq_mg_day"] == pytest.approx(expected, rel=1e-3)
    assert f["prednisone_eq_mg_per_kg_day"] == pytest.approx(expected / 50, rel=1e-3)


def test_prednisone_equivalent_sums_current_courses_only():
    f = facts_of(weight_kg=40, treatments_complete=True, treatments=[
        course("prednisone", "2025-01-01", outcome="ongoing", dose=20, dose_unit="mg/day"),
        course("methylprednisolone", "2024-01-01", "2024-06-01", "other", dose=16, dose_unit="mg/day"),
        course("hydrocortisone", "2025-02-01", outcome="ongoing", dose=20, dose_unit="mg/day"),
    ])
    assert f["prednisone_eq_mg_day"] == pytest.approx(25.0)
    assert f["prednisone_eq_mg_per_kg_day"] == pytest.approx(25.0 / 40)
    assert f["glucocorticoid_current"] is True


def test_no_glucocorticoid_is_zero_only_when_the_list_is_complete():
    assert facts_of(treatments_complete=True)["prednisone_eq_mg_day"] == 0
    assert facts_of(treatments_complete=True)["glucocorticoid_current"] is False
    assert "prednisone_eq_mg_day" not in facts_of()


def test_current_glucocorticoid_without_dose_is_unknown():
    f = facts_of(treatments_complete=True, treatments=[course("prednisone", "2025-01-01", outcome="ongoing")])
    assert "prednisone_eq_mg_day" not in f
    assert f["glucocorticoid_current"] is True


def test_weeks_since_last_immunosuppressive_dose():
    f = facts_of(treatments_complete=True, treatments=[
        course("tacrolimus", "2024-01-01", "2025-03-01", "other"),  # 2 weeks before assessment
        course("hydroxychloroquine", "2024-01-01", outcome="ongoing"),  # not immunosuppressive
    ])
    assert f["weeks_since_last_immunosuppressive_dose"] == 2.0
    ongoing = facts_of(treatments_complete=True, treatments=[course("prednisone", "2024-01-01", outcome="ongoing")])
    assert ongoing["weeks_since_last_immunosuppressive_dose"] == 0
    never = facts_of(treatments_complete=True, treatments=[course("hydroxychloroquine", "2024-01-01")])
    assert never["weeks_since_last_immunosuppressive_dose"] == math.inf
    incomplete = facts_of(treatments=[course("tacrolimus", "2024-01-01", "2025-03-01", "other")])
    assert incomplete["weeks_since_last_immunosuppressive_dose"] == Range(0, 2.0)


def test_glucocorticoid_combined_with_immunosuppressant():
    f = facts_of(treatments_complete=True, treatments=[
        course("prednisone", "2024-01-01", "2024-12-01", "other", dose=10, dose_unit="mg/day"),
        course("azathioprine", "2024-06-01", "2025-01-01", "inadequate_response"),
        course("tacrolimus", "2024-02-01", "2024-04-01", "intolerance"),
    ])
    assert f["glucocorticoid_with_immunosuppressant_months"] == pytest.approx(2 + 6, abs=0.05)
    assert f["immunosuppressant_count"] == 2
    assert f["failed_immunosuppressant_count"] == 2
    assert f["longest_immunosuppressant_course_months"] == pytest.approx(7.0)


def test_das28_from_joint_counts_and_esr_lab():
    f = facts_of(joint_assessment={"tender_28": 4, "swollen_28": 2, "patient_global_mm": 50,
                                   "evaluator_global_mm": 30},
                 labs=[{"name": "esr", "value": 20, "unit": "mm/h"}])
    assert f["das28_esr"] == pytest.approx(4.313, abs=0.001)
    assert f["cdai"] == pytest.approx(4 + 2 + 5 + 3)
    assert "das28_crp" not in f


def test_recorded_score_is_used_when_inputs_are_missing():
    f = facts_of(diagnoses=[{"code": "rheumatoid_arthritis", "scores": {"das28_esr": 5.1}}])
    assert f["das28_esr"] == 5.1


def _dtt_profile(**overrides) -> dict:
    treatments = [
        course("methotrexate", "2015-01-01", "2017-01-01", "inadequate_response"),
        course("adalimumab", "2017-01-01", "2018-01-01", "inadequate_response"),
        course("tocilizumab", "2018-01-01", "2019-01-01", "loss_of_response"),
    ]
    fields = dict(diagnoses=[{"code": "rheumatoid_arthritis", "scores": {"das28_esr": 4.0}}],
                  treatments_complete=True, treatments=treatments,
                  findings={"ra_management_problematic": True})
    fields.update(overrides)
    return facts_of(**fields)


def test_dtt_ra_all_components_met():
    f = _dtt_profile()
    assert (f["dtt_ra_treatment_failure"], f["dtt_ra_active_disease"], f["dtt_ra"]) == (True, True, True)


def test_dtt_ra_two_failures_with_the_same_mechanism_are_not_enough():
    treatments = [course("methotrexate", "2015-01-01", "2017-01-01", "inadequate_response"),
                  course("adalimumab", "2017-01-01", "2018-01-01", "inadequate_response"),
                  course("infliximab", "2018-01-01", "2019-01-01", "loss_of_response")]
    f = _dtt_profile(treatments=treatments)
    assert f["dtt_ra_treatment_failure"] is False
    assert f["dtt_ra"] is False


def test_dtt_ra_unknown_when_management_not_assessed():
    f = _dtt_profile(findings={})
    assert f["dtt_ra_treatment_failure"] is True
    assert "dtt_ra" not in f


def test_dtt_ra_inactive_disease_rules_it_out_only_when_every_sign_is_known():
    low = [{"code": "rheumatoid_arthritis", "scores": {"das28_esr": 2.5, "cdai": 8}}]
    assert "dtt_ra" not in _dtt_profile(diagnoses=low)
    f = _dtt_profile(diagnoses=low, history={"gc_taper_below_7_5_failed": False},
                     findings={"ra_management_problematic": True, "ra_other_signs_of_active_disease": False})
    assert f["dtt_ra_active_disease"] is False
    assert f["dtt_ra"] is False


def test_pregnancy_is_known_no_for_male_patients():
    assert facts_of(sex="male")["pregnant"] is False
    assert "pregnant" not in facts_of(sex="female")


@pytest.mark.parametrize("labs, serology", [
    ([{"name": "rf", "result": "negative"}, {"name": "acpa", "result": "negative"}], "negative"),
    ([{"name": "rf", "value": 30, "unit": "IU/mL", "uln": 14}, {"name": "acpa", "result": "negative"}],
     "low_positive"),  # 2.1 x ULN
    ([{"name": "rf", "result": "negative"}, {"name": "acpa", "x_uln": 8}], "high_positive"),
    ([{"name": "rf", "result": "positive"}, {"name": "acpa", "result": "negative"}], None),  # low or high?
    ([{"name": "rf", "result": "negative"}], None),  # ACPA unknown
])
def test_ra_2010_serology_from_rf_and_acpa(labs, serology):
    from core.patient.lab_facts import ra_2010_serology
    from core.patient.profile import LabResult

    assert ra_2010_serology([LabResult(**lab) for lab in labs]) == serology


def test_autoantibodies_and_acute_phase_feed_the_ra_2010_classification():
    # joints 4-10 small (3) + high-positive ACPA (3) = 6 without the clinician scoring serology
    f = facts_of(diagnoses=[{"code": "rheumatoid_arthritis", "acr_eular_2010_items": {"joints": "4_10_small"}}],
                 labs=[{"name": "rf", "result": "negative"}, {"name": "acpa", "x_uln": 5},
                       {"name": "crp", "result": "normal"}, {"name": "esr", "result": "normal"}])
    assert f["acr_eular_2010_score"] == Range(6, 7)  # symptom duration still open
    assert f["ra_classification"].has("acr_eular_2010") is True
