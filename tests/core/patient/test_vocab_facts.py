"""Facts about any vocabulary concept: conditions with their hierarchy, drug classes with
time windows, labs in any unit, scores, allergies — and unknown never taken as no."""

from __future__ import annotations

import math

import pytest

from core.matching.evaluate import Context, evaluate
from core.matching.rules import rule_problems
from core.patient.derived import compute_facts
from core.patient.facts import get_fact
from core.patient.profile import profile_from_dict
from core.patient.values import Range


def facts_of(**fields):
    return compute_facts(profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30", **fields}))


def test_condition_covers_everything_below_it():
    f = facts_of(diagnoses=[{"code": "sle", "diagnosis_date": "2020-01-10"}])
    assert f.get("condition:sle") is True
    assert f.get("condition:lupus") is True  # the broader group
    assert f.get("condition:rheumatoid_arthritis") is None  # open list: unknown, never "no"
    assert 6.88 < f.get("condition_years:sle") < 6.89  # 2020-01-10 to 2026-11-30, with its fraction


def test_an_absent_broader_condition_rules_out_every_narrower_one():
    f = facts_of(diagnoses=[{"code": "malignancy", "status": "absent"}])
    assert f.get("condition:lymphoma") is False
    assert f.get("condition:basal_cell_carcinoma") is False
    assert f.get("condition:sle") is None


def test_an_absent_narrower_condition_says_nothing_of_the_broader_one():
    f = facts_of(diagnoses=[{"code": "lymphoma", "status": "absent"}])
    assert f.get("condition:lymphoma") is False
    assert f.get("condition:malignancy") is None


def test_a_complete_list_and_the_fixed_history_answers_decide_conditions():
    f = facts_of(diagnoses=[{"code": "rheumatoid_arthritis"}], diagnoses_complete=True)
    assert f.get("condition:sle") is False and f.get("condition:rheumatoid_arthritis") is True
    f = facts_of(history={"malignancy": False, "tb_latent": True})
    assert f.get("condition:lymphoma") is False
    assert f.get("condition:latent_tuberculosis") is True and f.get("condition:tuberculosis") is True


def test_a_complete_list_with_a_broader_diagnosis_leaves_the_narrower_one_unknown():
    # "malignancy" recorded, list complete: it may be a lymphoma, so "lymphoma" is unknown, never "no"
    f = facts_of(diagnoses=[{"code": "malignancy", "diagnosis_date": "2015-03-01"}], diagnoses_complete=True)
    assert f.get("condition:malignancy") is True
    assert f.get("condition:lymphoma") is None
    assert f.get("condition_current:lymphoma") is None
    assert f.get("condition_recent_years:lymphoma") is None
    assert f.get("condition_other_than:malignancy|basal_cell_carcinoma") is None
    assert f.get("condition:sle") is False  # not under the recorded diagnosis: the complete list still says no
    # the same from the fixed history answer, and an explicit absence still decides
    f = facts_of(history={"malignancy": True}, diagnoses=[{"code": "lymphoma", "status": "absent"}],
                 diagnoses_complete=True)
    assert f.get("condition:lymphoma") is False
    assert f.get("condition:leukaemia") is None


def test_a_no_asked_in_the_present_says_nothing_of_the_past():
    # "Does the patient have active tuberculosis?" no: treated TB years ago is still "has had active TB"
    f = facts_of(history={"tb_active": False, "mental_disorder": False, "bleeding_disorder": False,
                          "malignancy": False, "epilepsy": False})
    assert f.get("condition:active_tuberculosis") is None
    assert f.get("condition_current:active_tuberculosis") is False  # but it settles "now"
    assert f.get("condition:psychiatric_disorder") is None and f.get("condition:bleeding_disorder") is None
    # asked about the whole past ("ever had a malignancy?", "has had epilepsy?"): a no is a no
    assert f.get("condition:lymphoma") is False and f.get("condition:epilepsy") is False


def test_drug_classes_exposure_now_and_in_the_past():
    f = facts_of(treatments=[
        {"drug": "Humira", "start": "2018-01-01", "stop": "2019-03-01", "status": "stopped",
         "response": "loss_of_response"},
        {"drug": "メトトレキサート", "start": "2012", "status": "ongoing", "response": "inadequate_response"},
    ], treatments_complete=True)
    assert f.get("drug_ever:tnf_inhibitor") is True and f.get("drug_ever:biologic") is True
    assert f.get("drug_current:tnf_inhibitor") is False
    assert f.get("drug_current:methotrexate") is True  # ongoing AND failed
    assert f.get("drug_weeks_since:methotrexate") == 0
    from datetime import date

    assert f.get("drug_weeks_since:adalimumab") == pytest.approx((date(2026, 11, 30) - date(2019, 3, 1)).days / 7)
    assert f.get("drug_failed_count:dmard") == 2
    assert f.get("drug_ever:rituximab") is False and f.get("drug_weeks_since:rituximab") == math.inf


def test_a_complete_list_with_a_broader_class_leaves_the_narrower_drug_unknown():
    # "a TNF inhibitor" recorded as the course, list complete: it may have been adalimumab
    f = facts_of(treatments=[{"drug": "TNF inhibitor", "start": "2018-01-01", "stop": "2019-03-01",
                              "status": "stopped", "response": "loss_of_response"}], treatments_complete=True)
    assert f.get("drug_ever:tnf_inhibitor") is True and f.get("drug_ever:biologic") is True
    assert f.get("drug_ever:adalimumab") is None
    assert f.get("drug_current:adalimumab") is None
    assert f.get("drug_weeks_since:adalimumab") is None
    assert f.get("drug_ever:rituximab") is False  # not under the recorded class: the complete list still says no
    assert f.get("drugs_used").has("adalimumab") is None  # the older set fact ("prior use of adalimumab") too
    f = facts_of(ever_treated_with=["biologic"], treatments_complete=True)
    assert f.get("drug_ever:biologic") is True and f.get("drug_ever:adalimumab") is None


def test_never_treated_with_decides_its_class_alone():
    f = facts_of(treatments=[{"drug": "methotrexate", "status": "ongoing"}], never_treated_with=["biologic"])
    assert f.get("drug_ever:tnf_inhibitor") is False and f.get("drug_ever:rituximab") is False
    assert f.get("drug_ever:tofacitinib") is None  # a JAK inhibitor is not a biologic: still open
    assert f.get("drug_failed_count:biologic") == 0


def test_an_open_treatment_list_leaves_class_facts_unknown():
    f = facts_of(treatments=[{"drug": "Enbrel", "start": "2019-01-01", "stop": "2020-01-01", "status": "stopped",
                              "response": "inadequate_response"}])
    assert f.get("drug_current:tnf_inhibitor") is None  # another TNF course may be running
    assert f.get("drug_failed_count:tnf_inhibitor") == Range(1, math.inf)
    assert isinstance(f.get("drug_weeks_since:tnf_inhibitor"), Range)


def test_labs_in_any_unit_as_multiples_and_qualitative():
    f = facts_of(labs=[{"name": "creatinine", "value": 1.2, "unit": "mg/dL"}, {"name": "ALT", "x_uln": 2.5},
                       {"name": "anti-Jo-1", "result": "positive"}, {"name": "crp", "result": "normal"}])
    assert f.get("lab:creatinine") == pytest.approx(106.08)
    assert f.get("lab_x_uln:alt") == 2.5
    assert f.get("lab_positive:anti_jo1") is True
    assert f.get("lab_x_uln:crp") == Range(0, 1)  # normal: at most the ULN
    assert f.get("lab:ast") is None


def test_allergy_to_a_class_covers_its_drugs():
    f = facts_of(allergies=[{"substance": "penicillin"}])
    assert f.get("allergy:amoxicillin") is True and f.get("allergy:penicillin_class") is True
    assert f.get("allergy:methotrexate") is None
    assert facts_of(allergies_complete=True).get("allergy:methotrexate") is False


def test_scores_from_the_list_and_from_the_calculator():
    f = facts_of(scores=[{"name": "SLEDAI-2K", "value": 8, "date": "2026-11-01"},
                         {"name": "sledai_2k", "value": 4, "date": "2026-01-01"}])
    assert f.get("score:sledai_2k") == 8  # the newest


def test_partial_dates_give_ranges_for_vocabulary_facts():
    f = facts_of(diagnoses=[{"code": "sle", "diagnosis_date": "2020"}])
    # diagnosed some day of 2020, seen on 2026-11-30: between 5.92 years (31 December) and 6.91 (1 January)
    assert f.get("condition_years:sle") == Range(5.9151, 6.9123)


def test_rules_over_vocabulary_facts_validate_and_evaluate():
    rule = {"all": [{"fact": "condition:lupus", "op": "=", "value": True},
                    {"fact": "drug_weeks_since:tnf_inhibitor", "op": ">=", "value": 12},
                    {"fact": "lab_x_uln:alt", "op": "<=", "value": 3}]}
    assert rule_problems(rule) == []
    assert rule_problems({"fact": "condition:no_such_disease", "op": "=", "value": True})
    f = facts_of(diagnoses=[{"code": "sle"}], never_treated_with=["TNF inhibitor"], labs=[{"name": "alt", "x_uln": 2}])
    outcome = evaluate(rule, Context(facts=f))
    assert outcome.value is True
    assert get_fact("condition:lupus").label



def test_a_category_marked_complete_on_its_own():
    f = facts_of(diagnoses=[{"code": "basal_cell_carcinoma"}], diagnoses_complete_for=["malignancy"])
    assert f.get("condition:lymphoma") is False  # every malignancy is listed: lymphoma is not there
    assert f.get("condition:malignancy") is True
    assert f.get("condition:sle") is None  # other conditions stay open
    f = facts_of(treatments=[{"drug": "Humira", "start": "2019-01-01", "stop": "2020-01-01", "status": "stopped",
                              "response": "intolerance"}], treatments_complete_for=["biologic"])
    assert f.get("drug_ever:rituximab") is False and f.get("drug_failed_count:biologic") == 1
    assert f.get("drug_ever:tofacitinib") is None  # a JAK inhibitor is not a biologic: still open


def test_a_copy_of_the_facts_keeps_vocabulary_facts_out_so_callers_must_not_copy():
    # Facts works vocabulary facts out on demand: dict(facts) would lose them. The screening and
    # the questionnaire pass the Facts object itself; this pins the reason they must.
    f = facts_of(diagnoses=[{"code": "sle"}])
    assert dict(f).get("condition:sle") is None and f.get("condition:sle") is True
