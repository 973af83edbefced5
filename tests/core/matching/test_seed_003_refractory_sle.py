"""Patient vignettes for seed 003 (UMIN000042298): refractory SLE, four alternative groups
(inclusion_logic "any") with group-specific exclusions. Screened against the bundled catalog."""

from __future__ import annotations

from datetime import date

import pytest

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE

from .seedkit import DROP, merge, screen_one

TRIAL = "UMIN000042298"
TODAY = date(2025, 3, 1)
NO_GROUP = ["inc-1", "inc-2", "inc-3", "inc-4"]


pytestmark = pytest.mark.usefixtures("catalog")  # the seed catalog (conftest.py)


def screen(data: dict):
    return screen_one(data, TRIAL, TODAY)


def course(drug, start, dose=None, unit=None, outcome="ongoing"):
    out = {"drug": drug, "start": start, "outcome": outcome}
    if dose is not None:
        out.update(dose=dose, dose_unit=unit)
    return out


def lab(name, value, unit, uln=None, lln=None):
    out = {"name": name, "value": value, "unit": unit, "date": "2025-02-20"}
    if uln is not None:
        out["uln"] = uln
    if lln is not None:
        out["lln"] = lln
    return out


EGFR_OK = lab("egfr", 85, "mL/min/1.73m²")
EGFR_15 = lab("egfr", 15, "mL/min/1.73m²")
EGFR_LOW = lab("egfr", 12, "mL/min/1.73m²")
NORMAL_SEROLOGY = [lab("c3", 1.0, "g/L", lln=0.8, uln=1.6), lab("c4", 0.25, "g/L", lln=0.1, uln=0.4),
                   lab("anti_dsdna", 5, "IU/mL", uln=12), lab("crp", 1, "mg/L", uln=3)]


def sle_patient(pred_mg_day: float, *, labs=None, confirmations=None, activity="moderate") -> dict:
    """A 40-year-old woman (50 kg) with SLE on prednisolone and mycophenolate; nothing else wrong."""
    return {
        "format_version": 1,
        "date_of_birth": "1984-07-01",
        "sex": "female",
        "weight_kg": 50,
        "diagnoses_complete": True,
        "diagnoses": [{"code": "sle", "diagnosis_date": "2015-03-01", "classification": ["slicc_2012"],
                       "activity": activity}],
        "treatments_complete": True,
        "treatments": [course("prednisolone", "2024-06-01", pred_mg_day, "mg/day"),
                       course("mycophenolate mofetil", "2023-01-01", 2000, "mg/day")],
        "labs": [EGFR_OK] + (labs or []),
        "findings": {"severe_lung_disease": False, "lupus_nephritis_active": False},
        "history": {"healthy_volunteer": False, "malignancy": False, "cns_disease": False},
        "consent": {"informed_consent": True},
        "confirmations": {TRIAL: confirmations or {}},
    }


# Group 1 only: induction dose 30 mg/day = 0.6 mg/kg/day; not a belimumab candidate; PSL >= 10 so not group 3.
GROUP_1 = sle_patient(30, confirmations={"inc-1.1#induction": "yes", "inc-1.2": "no",
                                         "inc-2.1#belimumab": "no", "inc-1#physician": "no"})
# Group 2 only: 15 mg/day = 0.3 mg/kg/day (not induction), belimumab decided, cannot taper.
GROUP_2 = sle_patient(15, confirmations={"inc-1.2": "no", "inc-2.1#belimumab": "yes", "inc-2.1#taper": "yes",
                                         "inc-2#physician": "no"})
# Group 3 only: 5 mg/day, normal complement/anti-DNA/CRP, severe fatigue, no belimumab.
GROUP_3 = merge(sle_patient(5, labs=NORMAL_SEROLOGY, confirmations={"inc-1.2": "no", "inc-2.1#belimumab": "no",
                                                                     "inc-3#physician": "no"}),
                {"findings": {"fatigue_severity": "severe"}})
# Group 4: a healthy 30-year-old volunteer.
HEALTHY = {
    "format_version": 1,
    "date_of_birth": "1994-11-20",
    "sex": "male",
    "diagnoses_complete": True,
    "diagnoses": [],
    "treatments_complete": True,
    "treatments": [],
    "labs": [EGFR_OK],
    "findings": {"severe_lung_disease": False},
    "history": {"healthy_volunteer": True, "malignancy": False, "cns_disease": False},
    "consent": {"informed_consent": True},
    "confirmations": {TRIAL: {"inc-4#physician": "no"}},
}

# (name, profile, verdict, deciding, groups met)
ALL_GROUPS = ["inc-1", "inc-2", "inc-3", "inc-4"]  # with "any of the groups", all are named when none holds

CASES = [
    ("group 1-1 induction", GROUP_1, ELIGIBLE, [], {"inc-1"}),
    ("group 1-2 relapse on PSL >= 10 mg/day",
     sle_patient(12, confirmations={"inc-1.2": "yes", "inc-2.1#belimumab": "no", "inc-1#physician": "no"}),
     ELIGIBLE, [], {"inc-1"}),
    ("group 2 belimumab", GROUP_2, ELIGIBLE, [], {"inc-2"}),
    ("group 3 severe fatigue", GROUP_3, ELIGIBLE, [], {"inc-3"}),
    ("group 3 comparison arm without fatigue", merge(GROUP_3, {"findings": {"fatigue_severity": "none"}}),
     ELIGIBLE, [], {"inc-3"}),
    ("healthy 30-year-old volunteer", HEALTHY, ELIGIBLE, [], {"inc-4"}),
    # --- boundaries ---
    ("induction dose exactly 0.5 mg/kg/day", merge(GROUP_1, {"treatments": [
        course("prednisolone", "2024-06-01", 25, "mg/day"), course("mycophenolate mofetil", "2023-01-01")]}),
     ELIGIBLE, [], {"inc-1"}),
    ("induction dose exactly 1 mg/kg/day", merge(GROUP_1, {"treatments": [
        course("prednisolone", "2024-06-01", 50, "mg/day"), course("mycophenolate mofetil", "2023-01-01")]}),
     ELIGIBLE, [], {"inc-1"}),
    ("age exactly 15", merge(GROUP_2, {"date_of_birth": "2010-03-01"}), ELIGIBLE, [], {"inc-2"}),
    # Under 15 is "eligible from" the 15th birthday (issue 14; dates in test_seed_003_refractory_sle_later.py).
    ("14-year-old with SLE, 15 tomorrow", merge(GROUP_2, {"date_of_birth": "2010-03-02"}), ELIGIBLE, [], {"inc-2"}),
    ("14-year-old healthy volunteer", merge(HEALTHY, {"date_of_birth": "2010-06-01"}), ELIGIBLE, [], {"inc-4"}),
    ("eGFR exactly 15 is not below 15", merge(GROUP_1, {"labs": [EGFR_15]}), ELIGIBLE, [], {"inc-1"}),
    ("PSL exactly 10 mg/day is not below 10 (group 3)",
     merge(GROUP_3, {"treatments": [course("prednisolone", "2024-06-01", 10, "mg/day"),
                                    course("mycophenolate mofetil", "2023-01-01")]}),
     NOT_ELIGIBLE, NO_GROUP, set()),
    # --- no group ---
    ("mild fatigue fits neither group 3 arm", merge(GROUP_3, {"findings": {"fatigue_severity": "mild"}}),
     NOT_ELIGIBLE, NO_GROUP, set()),
    ("low complement is not group 3",
     merge(GROUP_3, {"labs": [EGFR_OK, lab("c3", 0.6, "g/L", lln=0.8)] + NORMAL_SEROLOGY[1:]}),
     NOT_ELIGIBLE, NO_GROUP, set()),
    ("high SLE activity is not 'mild to moderate' (group 2)", merge(GROUP_2, {"diagnoses": [
        {"code": "sle", "activity": "high"}]}), NOT_ELIGIBLE, NO_GROUP, set()),
    ("no immunosuppressant ever (group 2)", merge(GROUP_2, {"treatments": [
        course("prednisolone", "2024-06-01", 15, "mg/day"), course("hydroxychloroquine", "2020-01-01")]}),
     NOT_ELIGIBLE, NO_GROUP, set()),
    ("not SLE and not healthy", merge(GROUP_1, {"diagnoses": [{"code": "rheumatoid_arthritis"}]}),
     NOT_ELIGIBLE, NO_GROUP, set()),
    # --- common exclusion ---
    ("refuses consent", merge(GROUP_3, {"consent": {"informed_consent": False}}),
     NOT_ELIGIBLE, ["exc-1"], {"inc-3"}),
    # --- group exclusions fire for their own group ---
    ("group 1: eGFR below 15", merge(GROUP_1, {"labs": [EGFR_LOW]}), NOT_ELIGIBLE, ALL_GROUPS + ["exc-2"], set()),
    ("group 1: active malignancy",
     merge(GROUP_1, {"history": {"malignancy": True, "malignancy_inactive": False}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-2"], set()),
    ("group 1: inactive malignancy does not exclude",
     merge(GROUP_1, {"history": {"malignancy": True, "malignancy_inactive": True}}), ELIGIBLE, [], {"inc-1"}),
    ("group 1: severe lung disease", merge(GROUP_1, {"findings": {"severe_lung_disease": True}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-2"], set()),
    ("group 1: CNS disease", merge(GROUP_1, {"history": {"cns_disease": True}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-2"], set()),
    ("group 1: physician deems inappropriate",
     merge(GROUP_1, {"confirmations": {TRIAL: {"inc-1#physician": "yes"}}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-2"], set()),
    ("group 2: CNS disease", merge(GROUP_2, {"history": {"cns_disease": True}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-3"], set()),
    ("group 2: highly active lupus nephritis", merge(GROUP_2, {"findings": {"lupus_nephritis_active": True}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-3"], set()),
    ("group 2: physician deems inappropriate",
     merge(GROUP_2, {"confirmations": {TRIAL: {"inc-2#physician": "yes"}}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-3"], set()),
    ("group 3: hypothyroidism", merge(GROUP_3, {"diagnoses": GROUP_3["diagnoses"] + [{"code": "hypothyroidism"}]}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-4"], set()),
    ("group 3: eGFR below 15", merge(GROUP_3, {"labs": [EGFR_LOW] + NORMAL_SEROLOGY}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-4"], set()),
    ("group 3: physician deems inappropriate (fatigue-causing symptoms)",
     merge(GROUP_3, {"confirmations": {TRIAL: {"inc-3#physician": "yes"}}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-4"], set()),
    ("healthy: eGFR below 15", merge(HEALTHY, {"labs": [EGFR_LOW]}), NOT_ELIGIBLE, ALL_GROUPS + ["exc-5"], set()),
    ("healthy: autoimmune disease on the list",
     merge(HEALTHY, {"diagnoses": [{"code": "sjogren"}]}), NOT_ELIGIBLE, ALL_GROUPS + ["exc-5"], set()),
    ("healthy: physician deems inappropriate",
     merge(HEALTHY, {"confirmations": {TRIAL: {"inc-4#physician": "yes"}}}),
     NOT_ELIGIBLE, ALL_GROUPS + ["exc-5"], set()),
    # --- group exclusions do not fire for other groups ---
    ("group-2-only patient with eGFR < 15 is not hit by the group-1 exclusion",
     merge(GROUP_2, {"labs": [EGFR_LOW]}), ELIGIBLE, [], {"inc-2"}),
    ("group-3 patient with active lupus nephritis is not hit by the group-2 exclusion",
     merge(GROUP_3, {"findings": {"lupus_nephritis_active": True}}), ELIGIBLE, [], {"inc-3"}),
    ("group-2 patient with hypothyroidism is not hit by the group-3 exclusion",
     merge(GROUP_2, {"diagnoses": GROUP_2["diagnoses"] + [{"code": "hypothyroidism"}]}), ELIGIBLE, [], {"inc-2"}),
    ("SLE patient (group 2) is not hit by the healthy-subject autoimmune exclusion", GROUP_2, ELIGIBLE, [],
     {"inc-2"}),
]


@pytest.mark.parametrize(("data", "verdict", "deciding", "groups"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_vignette(data, verdict, deciding, groups):
    v = screen(data)
    assert v.verdict == verdict, v.to_json()
    assert v.deciding == deciding
    assert {k for k in NO_GROUP if v.criterion(k).status == "met"} == groups
    assert v.inclusion_logic == "any"


# Missing facts: unknown is never "no" -> possibly_eligible with the open criteria listed.
MISSING = [
    ("empty profile", {"format_version": 1}, NO_GROUP + ["exc-1", "exc-2", "exc-3", "exc-4", "exc-5"]),
    ("healthy volunteer with nothing else recorded",
     {"format_version": 1, "date_of_birth": "1994-11-20", "diagnoses_complete": True,
      "history": {"healthy_volunteer": True}},
     ["inc-4", "exc-1", "exc-5"]),
    # An open group leaves its own exclusion open too (the exclusion is folded into the group).
    ("group 1 without weight: mg/kg/day unknown", merge(GROUP_1, {"weight_kg": DROP}), ["inc-1", "exc-2"]),
    ("group 1 induction not yet confirmed",
     merge(GROUP_1, {"confirmations": {TRIAL: {"inc-1.1#induction": DROP}}}), ["inc-1", "exc-2"]),
    ("group 1 physician question not answered",
     merge(GROUP_1, {"confirmations": {TRIAL: {"inc-1#physician": DROP}}}), ["inc-1", "exc-2"]),
    ("group 1 malignancy with activity unknown",
     merge(GROUP_1, {"history": {"malignancy": True}}), ["inc-1", "exc-2"]),
    ("group 2 belimumab decision not yet confirmed",
     merge(GROUP_2, {"confirmations": {TRIAL: {"inc-2.1#belimumab": DROP}}}), ["inc-2", "exc-3"]),
    ("group 3 without labs", merge(GROUP_3, {"labs": [EGFR_OK]}), ["inc-3", "exc-4"]),
    ("no consent recorded", merge(GROUP_2, {"consent": DROP}), ["exc-1"]),
    ("no date of birth", merge(GROUP_2, {"date_of_birth": DROP}), ["exc-1"]),
    ("SLE patient with nothing else recorded",
     {"format_version": 1, "date_of_birth": "1984-07-01", "diagnoses": [{"code": "sle"}]},
     # not the healthy-subject group: SLE is on its list of excluding autoimmune diseases
     ["inc-1", "inc-2", "inc-3", "exc-1", "exc-2", "exc-3", "exc-4", "exc-5"]),
]


@pytest.mark.parametrize(("data", "to_verify"), [c[1:] for c in MISSING], ids=[c[0] for c in MISSING])
def test_missing_facts_leave_the_patient_possibly_eligible(data, to_verify):
    v = screen(data)
    assert v.verdict == POSSIBLY_ELIGIBLE, v.to_json()
    assert v.to_verify == to_verify
    assert v.deciding == []


def test_group_exclusion_is_off_for_other_groups_and_says_why():
    v = screen(merge(GROUP_2, {"labs": [EGFR_LOW]}))
    exc2 = v.criterion("exc-2")
    assert exc2.status == "not_met"
    assert exc2.sentence == "Inclusion 1-1 is not met; inclusion 1-2 is not met; inclusion 2 is met."


def test_sub_items_and_parents():
    v = screen(GROUP_1)
    statuses = {c.key: c.status for c in v.criteria if c.kind == "inclusion"}
    assert statuses == {"inc-1": "met", "inc-1.1": "met", "inc-1.2": "not_met", "inc-2": "not_met",
                        "inc-2.1": "not_met", "inc-3": "not_met", "inc-3.1": "not_met",
                        "inc-4": "not_met", "inc-4.1": "not_met"}


def test_every_criterion_is_curated():
    v = screen(GROUP_1)
    assert all(c.basis == "rule" and not c.problems for c in v.criteria)


def test_patient_in_two_groups_excluded_from_one_stays_eligible_through_the_other():
    both = merge(GROUP_1, {"labs": [EGFR_LOW], "confirmations": {TRIAL: {
        "inc-2.1#belimumab": "yes", "inc-2.1#taper": "yes", "inc-2#physician": "no"}}})
    v = screen(both)
    # Group 1 is closed to this patient by its own exclusion (eGFR < 15); group 2 is open.
    assert v.criterion("inc-1").status == "not_met" and v.criterion("inc-2").status == "met"
    assert v.criterion("exc-2").status == "not_met"  # not excluded: another group qualifies
    assert v.verdict == ELIGIBLE
    # Excluded from both of their groups: not eligible, naming both exclusions.
    neither = merge(both, {"history": {"cns_disease": True}})
    v = screen(neither)
    assert v.verdict == NOT_ELIGIBLE and {"exc-2", "exc-3"} <= set(v.deciding)
