"""Seed 002 (abatacept in refractory dermatomyositis, LOCAL-4D015546CB): refer, don't exclude.

Re-read for modifiable parts (issue 14): inclusion 2's glucocorticoid dose below 1 mg/kg/day
and immunosuppressant at a stable dose are conditions "before enrollment", inclusion 3 is the
biologic washout, exclusion 5's "cannot guarantee contraception" is removed by agreeing to
contraception: each is a step before enrolment. Consent, the iMACS failure, diseases and
pregnancy are not. Age and the 3 months of combined treatment are counted forward.
"""

from __future__ import annotations

from datetime import date

import pytest

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE
from tests.core.matching.seedkit import DROP, merge
from tests.core.matching.test_seed_002_dermatomyositis import TRIAL, base, course, screen

HIGH_DOSE = {"treatments": [course("prednisolone", "2023-01-15", dose=60, unit="mg/day"),
                            course("azathioprine", "2023-02-01", "2023-08-01", outcome="inadequate_response")]}

pytestmark = pytest.mark.usefixtures("catalog")  # the seed catalog (conftest.py)


def kinds(v):
    return [(s["kind"], s["needed"]) for s in v.steps]


def test_clear_match_needs_no_step():
    v = screen(base())
    assert (v.verdict, v.steps) == (ELIGIBLE, [])


def test_high_glucocorticoid_dose_is_a_dose_reduction_step():
    v = screen(merge(base(), HIGH_DOSE))
    assert (v.verdict, kinds(v)) == (ELIGIBLE, [("other", True)])
    assert v.steps[0]["text"] == "Glucocorticoid dose below 1 mg/kg/day (prednisone equivalent) before enrolment"
    assert (v.criterion("inc-2").status_now, v.criterion("inc-2").status) == ("not_met", "met_after_steps")


def test_stable_dose_washout_and_contraception_steps():
    v = screen(merge(base(), {"confirmations": {TRIAL: {"inc-2#stable_dose": "no", "inc-3": "no"}},
                              "findings": {"contraception_assured": False}}))
    assert (v.verdict, kinds(v)) == (ELIGIBLE, [("stable_dose", True), ("washout", True), ("contraception", True)])
    exc5 = v.criterion("exc-5")
    assert (exc5.status_now, exc5.status) == ("met", "not_met_after_steps")


def test_unknowns_covered_by_steps_are_listed_unless_already_done():
    v = screen(merge(base(), {"weight_kg": DROP, "confirmations": {TRIAL: {"inc-2#stable_dose": DROP,
                                                                            "inc-3": DROP}},
                              "findings": {"contraception_assured": DROP}}))
    assert v.verdict == ELIGIBLE
    assert kinds(v) == [("other", None), ("stable_dose", None), ("washout", None), ("contraception", None)]


def test_contraception_is_no_step_without_childbearing_potential():
    v = screen(merge(base(), {"findings": {"childbearing_potential": False, "contraception_assured": False}}))
    assert (v.verdict, v.steps) == (ELIGIBLE, [])


def test_pregnancy_is_not_a_step():
    v = screen(merge(base(), {"findings": {"pregnant": True}}))
    assert (v.verdict, v.deciding, v.steps) == (NOT_ELIGIBLE, ["exc-5"], [])


def test_failed_regimen_denied_is_not_a_step():
    v = screen(merge(base(), {"treatments": [course("prednisolone", "2024-01-01", dose=20, unit="mg/day"),
                                             course("methotrexate", "2024-01-01", dose=15, unit="mg/week")],
                              "confirmations": {TRIAL: {"inc-2#failure": "no"}}}))
    assert (v.verdict, v.deciding) == (NOT_ELIGIBLE, ["inc-2"])


def test_combined_treatment_two_months_in_is_eligible_from_three_months_with_steps():
    # Prednisolone 60 mg/day with methotrexate since 2025-01-01 (TODAY 2025-03-01): 3 months on
    # 2025-04-01; the dose is still above 1 mg/kg/day then, so the dose step stays.
    v = screen(merge(base(), {"treatments": [
        course("azathioprine", "2023-06-01", "2023-12-31", outcome="intolerance"),
        course("methotrexate", "2024-01-01", dose=15, unit="mg/week"),
        course("prednisolone", "2025-01-01", dose=60, unit="mg/day")]}))
    assert (v.verdict, v.eligible_from, kinds(v)) == (ELIGIBLE, date(2025, 4, 1), [("other", True)])
    assert v.when == ["time on a glucocorticoid combined with an immunosuppressant reaches 3 months"]


def test_seventeen_year_old_with_an_open_question():
    v = screen(merge(base(), {"date_of_birth": "2007-05-01", "labs": []}))
    assert (v.verdict, v.to_verify, v.eligible_from) == (POSSIBLY_ELIGIBLE, ["exc-3"], date(2025, 5, 1))
