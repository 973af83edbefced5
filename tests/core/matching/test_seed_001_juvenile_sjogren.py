"""Patient vignettes for seed 001 (LOCAL-C4F6E322F6): belimumab after rituximab in resistant
primary juvenile Sjögren's, ages 5-18. Screened against the bundled catalog with its curation."""

from __future__ import annotations

from datetime import date

import pytest

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE

from .seedkit import DROP, merge, screen_one

TRIAL = "LOCAL-C4F6E322F6"
TODAY = date(2025, 3, 1)


pytestmark = pytest.mark.usefixtures("catalog")  # the seed catalog (conftest.py)


def base() -> dict:
    """A 12-year-old with primary Sjögren's (AECG), prednisolone + MMF for 9 months, systemic involvement."""
    return {
        "format_version": 1,
        "date_of_birth": "2012-06-15",
        "sex": "female",
        "weight_kg": 40,
        "diagnoses_complete": True,
        "diagnoses": [{"code": "sjogren", "diagnosis_date": "2022-01-10", "classification": ["aecg_2002"]}],
        "treatments_complete": True,
        "treatments": [
            {"drug": "prednisolone", "start": "2024-06-01", "dose": 10, "dose_unit": "mg/day", "outcome": "ongoing"},
            {"drug": "mycophenolate mofetil", "start": "2024-06-01", "dose": 1000, "dose_unit": "mg/day",
             "outcome": "ongoing"},
        ],
        "findings": {"systemic_involvement": True, "b_cell_activation": False,
                     "persistent_inflammatory_markers": False},
        "consent": {"agrees_to_study_treatment": True},
        "confirmations": {TRIAL: {"inc-2#primary": "yes"}},
    }


def screen(data: dict):
    return screen_one(data, TRIAL, TODAY)


def courses(*items):
    return {"treatments": list(items)}


def course(drug, start, stop=None, outcome="ongoing", dose=None, unit=None):
    out = {"drug": drug, "start": start, "outcome": outcome}
    if stop:
        out["stop"] = stop
    if dose is not None:
        out.update(dose=dose, dose_unit=unit)
    return out


# (name, patch on base(), verdict, deciding)
CASES = [
    ("clear match", {}, ELIGIBLE, []),
    ("japan criteria instead of AECG",
     {"diagnoses": [{"code": "sjogren", "classification": ["japan_sjogren"]}]}, ELIGIBLE, []),
    # --- age 5-18, both limits inclusive, completed years ---
    ("age exactly 5", {"date_of_birth": "2020-03-01"}, ELIGIBLE, []),
    ("one day short of 5: eligible from the 5th birthday", {"date_of_birth": "2020-03-02"}, ELIGIBLE, []),
    ("age exactly 18", {"date_of_birth": "2007-03-01"}, ELIGIBLE, []),
    ("18 years and 364 days", {"date_of_birth": "2006-03-02"}, ELIGIBLE, []),
    ("19th birthday", {"date_of_birth": "2006-03-01"}, NOT_ELIGIBLE, ["inc-1"]),
    ("adult of 25 is not juvenile", {"date_of_birth": "2000-01-01"}, NOT_ELIGIBLE, ["inc-1"]),
    # --- classification and primary Sjögren's ---
    ("neither AECG nor Japan criteria met",
     {"diagnoses": [{"code": "sjogren", "classification": ["acr_eular_2016_sjogren"],
                     "classification_not_met": ["aecg_2002", "japan_sjogren"]}]}, NOT_ELIGIBLE, ["inc-2"]),
    ("clinician says secondary Sjögren's", {"confirmations": {TRIAL: {"inc-2#primary": "no"}}},
     NOT_ELIGIBLE, ["inc-2"]),
    # --- resistance: duration of glucocorticoid + immunosuppressant ---
    ("glucocorticoid + immunosuppressant exactly 3 months, ongoing: more than 3 from tomorrow",
     courses(course("prednisolone", "2024-12-01", dose=10, unit="mg/day"),
             course("mycophenolate mofetil", "2024-12-01")), ELIGIBLE, []),
    ("glucocorticoid + immunosuppressant exactly 3 months, both stopped: not more than 3",
     courses(course("prednisolone", "2024-12-01", "2025-03-01", dose=10, unit="mg/day", outcome="other"),
             course("mycophenolate mofetil", "2024-12-01", "2025-03-01", outcome="other")),
     NOT_ELIGIBLE, ["inc-3"]),
    ("glucocorticoid + immunosuppressant 3 months and a day",
     courses(course("prednisolone", "2024-11-30", dose=10, unit="mg/day"),
             course("mycophenolate mofetil", "2024-11-30")), ELIGIBLE, []),
    ("glucocorticoid and immunosuppressant not at the same time",
     courses(course("prednisolone", "2023-01-01", "2023-12-31", outcome="other"),
             course("azathioprine", "2024-01-01")), NOT_ELIGIBLE, ["inc-3"]),
    ("hydroxychloroquine is not an immunosuppressant",
     courses(course("prednisolone", "2024-01-01", dose=5, unit="mg/day"),
             course("hydroxychloroquine", "2024-01-01")), NOT_ELIGIBLE, ["inc-3"]),
    # --- resistance: two or more immunosuppressants ---
    ("two immunosuppressants, one course over 3 months, no steroid",
     courses(course("methotrexate", "2023-01-01", "2023-12-31", outcome="inadequate_response"),
             course("mycophenolate mofetil", "2024-01-01")), ELIGIBLE, []),
    ("two short immunosuppressant courses: clinician confirms more than 3 months in total",
     merge(courses(course("methotrexate", "2024-09-01", "2024-10-31", outcome="intolerance"),
                   course("azathioprine", "2024-11-01", "2024-12-31", outcome="inadequate_response")),
           {"confirmations": {TRIAL: {"inc-3#duration": "yes"}}}), ELIGIBLE, []),
    ("two short immunosuppressant courses: clinician says no",
     merge(courses(course("methotrexate", "2024-09-01", "2024-10-31", outcome="intolerance"),
                   course("azathioprine", "2024-11-01", "2024-12-31", outcome="inadequate_response")),
           {"confirmations": {TRIAL: {"inc-3#duration": "no"}}}), NOT_ELIGIBLE, ["inc-3"]),
    # --- resistance: one of a) b) c) still present ---
    ("none of a/b/c", {"findings": {"systemic_involvement": False}}, NOT_ELIGIBLE, ["inc-3"]),
    ("only b) B-cell activation",
     {"findings": {"systemic_involvement": False, "b_cell_activation": True}}, ELIGIBLE, []),
    ("only c) persistent inflammatory markers",
     {"findings": {"systemic_involvement": False, "persistent_inflammatory_markers": True}}, ELIGIBLE, []),
    # --- agreement ---
    ("does not agree to rituximab + belimumab", {"consent": {"agrees_to_study_treatment": False}},
     NOT_ELIGIBLE, ["inc-4"]),
]


@pytest.mark.parametrize(("patch", "verdict", "deciding"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_vignette(patch, verdict, deciding):
    v = screen(merge(base(), patch))
    assert v.verdict == verdict, v.to_json()
    assert v.deciding == deciding


# Missing facts: unknown is never "no" -> possibly_eligible with the open criteria listed.
MISSING = [
    ("empty profile", None, ["inc-1", "inc-2", "inc-3", "inc-4"]),
    ("no date of birth", {"date_of_birth": DROP}, ["inc-1"]),
    ("primary Sjögren's not yet confirmed", {"confirmations": DROP}, ["inc-2"]),
    ("classification not recorded", {"diagnoses": [{"code": "sjogren"}]}, ["inc-2"]),
    ("findings a/b/c not recorded", {"findings": DROP}, ["inc-3"]),
    ("only c) unknown, a) and b) no",
     {"findings": {"systemic_involvement": False, "persistent_inflammatory_markers": DROP}}, ["inc-3"]),
    ("incomplete treatment list with a short overlap",
     {"treatments_complete": False,
      "treatments": [course("prednisolone", "2025-01-01", dose=10, unit="mg/day"),
                     course("mycophenolate mofetil", "2025-01-01")]}, ["inc-3"]),
    ("two short immunosuppressant courses, duration not confirmed",
     courses(course("methotrexate", "2024-09-01", "2024-10-31", outcome="intolerance"),
             course("azathioprine", "2024-11-01", "2024-12-31", outcome="inadequate_response")), ["inc-3"]),
    ("agreement not recorded", {"consent": DROP}, ["inc-4"]),
]


@pytest.mark.parametrize(("patch", "to_verify"), [c[1:] for c in MISSING], ids=[c[0] for c in MISSING])
def test_missing_facts_leave_the_patient_possibly_eligible(patch, to_verify):
    data = {"format_version": 1} if patch is None else merge(base(), patch)
    v = screen(data)
    assert v.verdict == POSSIBLY_ELIGIBLE, v.to_json()
    assert v.to_verify == to_verify
    assert v.deciding == []


def test_incomplete_treatment_list_still_decides_a_long_overlap():
    # "At least 9 months" of glucocorticoid + immunosuppressant is enough for "more than 3 months".
    v = screen(merge(base(), {"treatments_complete": False}))
    assert v.verdict == ELIGIBLE


def test_sub_items_are_reported_with_the_parent_deciding():
    v = screen(merge(base(), {"findings": {"b_cell_activation": DROP}}))
    assert v.verdict == ELIGIBLE
    statuses = {c.key: c.status for c in v.criteria}
    assert statuses == {"inc-1": "met", "inc-2": "met", "inc-3": "met", "inc-3.1": "met",
                        "inc-3.2": "unknown", "inc-3.3": "not_met", "inc-4": "met"}
    assert v.criterion("inc-3").basis == "rule"
    assert {c.key: c.parent_key for c in v.criteria if c.parent_key} == {
        "inc-3.1": "inc-3", "inc-3.2": "inc-3", "inc-3.3": "inc-3"}


def test_every_criterion_is_curated():
    v = screen(base())
    assert all(c.basis in ("rule", "children") and not c.problems for c in v.criteria)
