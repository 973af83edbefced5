"""``condition_recent_years`` (the latest diagnosis, for "within N years") and ``classified``
("meets established classification criteria for X"): values, unknown never taken as no."""

from __future__ import annotations

import math

from core.matching.evaluate import Context, evaluate
from core.patient.derived import compute_facts
from core.patient.facts import get_fact
from core.patient.profile import profile_from_dict
from core.patient.values import Range


def facts_of(**fields):
    return compute_facts(profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30", **fields}))


def test_the_latest_diagnosis_decides_a_window():
    f = facts_of(diagnoses=[{"code": "breast_cancer", "diagnosis_date": "2010-01-01"},
                            {"code": "lymphoma", "diagnosis_date": "2025-11-30"}], diagnoses_complete=True)
    assert 16.9 < f.get("condition_years:malignancy") < 16.92  # the first diagnosis (2010-01-01): a duration
    assert abs(f.get("condition_recent_years:malignancy") - 1.0) < 0.01  # the latest: a window
    assert f.get("condition_recent_years:sle") == math.inf  # complete list, never diagnosed


def test_an_open_list_or_an_undated_diagnosis_only_bounds_the_window():
    f = facts_of(diagnoses=[{"code": "breast_cancer", "diagnosis_date": "2010-01-01"}])
    value = f.get("condition_recent_years:malignancy")
    assert isinstance(value, Range) and value.low == 0 and 16 < value.high < 17  # a newer one may be missing
    f = facts_of(diagnoses=[{"code": "breast_cancer", "diagnosis_date": "2010-01-01"}, {"code": "lymphoma"}],
                 diagnoses_complete=True)
    assert isinstance(f.get("condition_recent_years:malignancy"), Range)
    assert facts_of().get("condition_recent_years:malignancy") is None
    assert facts_of(diagnoses=[{"code": "malignancy", "status": "absent"}]).get(
        "condition_recent_years:lymphoma") == math.inf


def test_a_window_rule_with_an_exception_evaluates():
    rule = {"fact": "condition_other_than_recent_years:malignancy|basal_cell_carcinoma", "op": "<", "value": 5}
    only_bcc = facts_of(diagnoses=[{"code": "basal_cell_carcinoma", "diagnosis_date": "2025-01-01"}],
                        diagnoses_complete=True)
    assert evaluate(rule, Context(only_bcc)).value is False  # the exception: not excluded
    old_bcc_new_lymphoma = facts_of(diagnoses=[{"code": "basal_cell_carcinoma", "diagnosis_date": "2010-01-01"},
                                               {"code": "lymphoma", "diagnosis_date": "2025-01-01"}],
                                    diagnoses_complete=True)
    assert evaluate(rule, Context(old_bcc_new_lymphoma)).value is True
    new_bcc_new_lymphoma = facts_of(diagnoses=[{"code": "basal_cell_carcinoma", "diagnosis_date": "2025-01-01"},
                                               {"code": "lymphoma", "diagnosis_date": "2025-06-01"}],
                                    diagnoses_complete=True)
    assert evaluate(rule, Context(new_bcc_new_lymphoma)).value is True  # the old all(X, not Y) form said False
    old_lymphoma = facts_of(diagnoses=[{"code": "basal_cell_carcinoma", "diagnosis_date": "2025-01-01"},
                                       {"code": "lymphoma", "diagnosis_date": "2010-01-01"}], diagnoses_complete=True)
    assert evaluate(rule, Context(old_lymphoma)).value is False
    assert evaluate(rule, Context(facts_of())).value is None  # nothing known: unknown, never "no"


def test_classified_from_the_answer_a_diagnosis_or_the_condition_absent():
    assert get_fact("classified:systemic_sclerosis").section == "history"
    f = facts_of(history={"classified:systemic_sclerosis": True})
    assert f.get("classified:systemic_sclerosis") is True
    assert f.get("condition:systemic_sclerosis") is True  # meeting the criteria means having it
    assert facts_of(history={"classified:sle": False}).get("classified:sle") is False
    assert facts_of(diagnoses=[{"code": "rheumatoid_arthritis", "classification": ["acr_eular_2010"]}]).get(
        "classified:rheumatoid_arthritis") is True
    assert facts_of(diagnoses=[{"code": "rheumatoid_arthritis"}]).get("classified:rheumatoid_arthritis") is None
    assert facts_of(diagnoses_complete=True).get("classified:sle") is False
    assert facts_of().get("classified:sle") is None


def test_an_unknown_classified_answer_is_refused():
    import pytest

    from core.patient.profile import ProfileError

    with pytest.raises(ProfileError):
        profile_from_dict({"format_version": 2, "history": {"classified:no_such_condition": True}})
    with pytest.raises(ProfileError):
        profile_from_dict({"format_version": 2, "history": {"classified:sle": "yes"}})
