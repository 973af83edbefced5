"""The fact registry: complete descriptions, and the facts the seed trials need."""

from __future__ import annotations

import pytest

from core.patient import fact_model, facts
from core.patient.derived import compute_facts
from core.patient.profile import profile_from_dict


def test_every_fact_is_fully_described():
    for fact in facts.REGISTRY.values():
        assert fact.type in fact_model.FACT_TYPES, fact.id
        assert fact.group in fact_model.GROUPS, fact.id
        assert fact.label and fact.question, fact.id
        if fact.type == "enum":
            assert fact.choices, fact.id
        if fact.minimum is not None and fact.maximum is not None:
            assert fact.minimum < fact.maximum, fact.id
        if not fact.derived:
            assert fact.section in ("profile", *fact_model.ANSWER_SECTIONS), fact.id


def test_check_value_by_type():
    ecog = facts.get_fact("ecog")
    assert ecog.check_value(2) is None
    assert "at most 5" in ecog.check_value(6)
    assert "number" in ecog.check_value(True)
    assert "yes or no" in facts.get_fact("pregnant").check_value("no")
    assert "one of" in facts.get_fact("fatigue_severity").check_value("awful")


# Fact ids the five seed trials' criteria need (see the report / docs/rules.md).
SEED_FACTS = [
    # 000 refractory RA cohort
    "ra_classification", "age_years", "csdmard_years", "dtt_ra", "informed_consent", "dmard_years",
    "willing_to_participate",
    # 001 juvenile Sjögren
    "sjogren_classification", "sjogren_age_at_onset_years", "immunosuppressant_count",
    "glucocorticoid_with_immunosuppressant_months", "systemic_involvement", "b_cell_activation",
    "persistent_inflammatory_markers", "agrees_to_study_treatment",
    # 002 refractory dermatomyositis
    "dm_classification", "failed_immunosuppressant_count", "prednisone_eq_mg_per_kg_day",
    "longest_immunosuppressant_course_months", "weeks_since_last_bdmard_dose", "diagnoses", "other_myopathy_cause",
    "ast_x_uln", "alt_x_uln", "severe_organ_disease", "active_infection", "hbsag_positive", "hcv_antibody_positive",
    "tb_treated_within_3_years", "tb_latent", "pregnant", "lactating", "childbearing_potential",
    "contraception_assured", "severe_drug_allergy", "mental_disorder", "unable_to_cooperate",
    # 003 refractory SLE (UMIN)
    "sle_diagnosed", "prednisone_eq_mg_day", "c3_below_lln", "c4_below_lln", "anti_dsdna_x_uln", "crp_x_uln",
    "fatigue_severity", "healthy_volunteer", "egfr", "cns_disease", "lupus_nephritis_active", "malignancy",
    "severe_lung_disease",
    # 004 CAR-NK in RA / ASyS
    "ra_duration_months", "asys_classification", "asys_duration_months", "ra_activity", "asys_activity",
    "failed_dmard_count", "estimated_survival_weeks", "creatinine_clearance", "ecog", "structural_heart_disease",
    "lvef_percent", "weeks_since_last_immunosuppressive_dose", "bone_marrow_failure_syndrome",
    "active_infection_requiring_iv", "severe_active_infection", "nyha_class", "epilepsy",
    "malignancy_only_cured_in_situ_skin_or_cervix", "malignancy_inactive", "bleeding_disorder",
    "unstable_angina_6_months", "mi_6_months", "chf_6_months", "pregnancy_planned_within_6_months",
    "other_trial_within_3_months", "willing_to_follow_procedures",
]


@pytest.mark.parametrize("fact_id", SEED_FACTS)
def test_seed_trials_facts_exist(fact_id):
    assert facts.get_fact(fact_id) is not None


def test_answer_sections_hold_only_raw_facts():
    for section in fact_model.ANSWER_SECTIONS:
        for fact in facts.answer_facts(section).values():
            assert not fact.derived


def test_every_computed_fact_is_registered_with_a_matching_type():
    data = {
        "format_version": 1, "assessment_date": "2025-01-01", "date_of_birth": "1980-01-01", "sex": "female",
        "weight_kg": 60, "diagnoses_complete": True, "treatments_complete": True,
        "diagnoses": [{"code": c, "diagnosis_date": "2020-01-01", "activity": "moderate"}
                      for c in ("rheumatoid_arthritis", "sjogren", "dermatomyositis", "sle",
                                "antisynthetase_syndrome")],
        "treatments": [{"drug": "prednisone", "start": "2024-01-01", "dose": 5, "dose_unit": "mg/day"},
                       {"drug": "methotrexate", "start": "2021-01-01", "stop": "2023-01-01", "outcome": "other"}],
        "labs": [{"name": n, "value": 1, "unit": s["unit"], "uln": 2, "lln": 0.5} for n, s in facts.LABS.items()],
        "joint_assessment": {"tender_28": 1, "swollen_28": 1, "patient_global_mm": 10, "evaluator_global_mm": 10},
    }
    computed = compute_facts(profile_from_dict(data))
    python_types = {"bool": (bool,), "number": (int, float), "enum": (str,)}
    for fact_id, value in computed.items():
        fact = facts.get_fact(fact_id)
        assert fact is not None, fact_id
        if fact.type in python_types and not hasattr(value, "low"):
            assert isinstance(value, python_types[fact.type]), (fact_id, value)


def test_every_fact_is_documented():
    from resources import paths

    doc = (paths.resources_dir().parent / "docs" / "patient-profile.md").read_text(encoding="utf-8")
    missing = [fact_id for fact_id in facts.fact_ids() if f"`{fact_id}`" not in doc]
    assert missing == []
