"""``drug_dose:<id>``: the current dose of a drug in its unit (mg/week for a weekly drug, mg/day for any
other), the prednisone-equivalent dose for the glucocorticoid class; 0 when not taken, unknown when
a current dose says no amount per day or per week."""

from __future__ import annotations

from core.matching.rules import rule_problems
from core.patient.derived import compute_facts
from core.patient.facts import get_fact
from core.patient.profile import profile_from_dict


def facts_of(**fields):
    return compute_facts(profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30", **fields}))


def test_weekly_and_daily_drugs_in_their_own_units():
    f = facts_of(treatments=[
        {"drug": "MTX", "start": "2024-01-01", "dose": 20, "dose_unit": "mg/week", "status": "ongoing"},
        {"drug": "sulfasalazine", "start": "2024-01-01", "dose": 2, "dose_unit": "g/day", "status": "ongoing"},
        {"drug": "hydroxychloroquine", "start": "2020-01-01", "stop": "2023-01-01", "dose": 400,
         "dose_unit": "mg/day", "status": "stopped"},
    ], treatments_complete=True)
    assert f.get("drug_dose:methotrexate") == 20
    assert f.get("drug_dose:sulfasalazine") == 2000
    assert f.get("drug_dose:hydroxychloroquine") == 0  # stopped: not taken now
    assert f.get("drug_dose:leflunomide") == 0  # never given, the list is complete


def test_unknown_is_never_zero():
    f = facts_of(treatments=[{"drug": "methotrexate", "start": "2024-01-01", "dose": 20, "dose_unit": "mg",
                              "status": "ongoing"}])
    assert f.get("drug_dose:methotrexate") is None  # "20 mg": per week? per day?
    assert f.get("drug_dose:leflunomide") is None  # an open list: maybe taken


def test_the_glucocorticoid_class_is_the_prednisone_equivalent():
    f = facts_of(treatments=[{"drug": "methylprednisolone", "start": "2025-01-01", "dose": 8,
                              "dose_unit": "mg/day", "status": "ongoing"}], treatments_complete=True)
    assert f.get("drug_dose:glucocorticoid") == f.get("prednisone_eq_mg_day") == 10


def test_a_class_has_no_dose_fact():
    assert get_fact("drug_dose:nsaid") is None
    assert rule_problems({"fact": "drug_dose:nsaid", "op": "<", "value": 1000})
    fact = get_fact("drug_dose:methotrexate")
    assert fact.unit == "mg/week" and get_fact("drug_dose:leflunomide").unit == "mg/day"
    assert rule_problems({"fact": "drug_dose:methotrexate", "op": ">=", "value": 15}) == []
