"""Seed 004 (CD19 CAR-NK, LOCAL-5DC21DAC9E): refer, don't exclude (issue 14).

Inclusion 9's 2-week gap after the last glucocorticoid / immunosuppressive / experimental
dose is a washout the study team arranges after referral, and exclusion 10 (other trial
treatment within 3 months) is removed by waiting: both are steps before enrolment. A disease
duration or age still too short is an "eligible from" date.
"""

from __future__ import annotations

import json
from datetime import date

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE
from tests.core.matching.test_seed_004_car_nk import BASE, LABS, RA, course, screen, variant

WASHOUT = ("Last glucocorticoid, immunosuppressive or other experimental treatment dose at least 2 weeks "
           "before the first study dose")

# Issue 14's false exclusion: an adult with refractory RA taking prednisone 10 mg/day and
# methotrexate today.
ON_TREATMENT = {"treatments": [
    course("methotrexate", "2023-02-01", outcome="ongoing", dose=15, dose_unit="mg/week"),
    course("adalimumab", "2023-06-01", "2024-06-01", "loss_of_response"),
    course("prednisone", "2023-01-15", outcome="ongoing", dose=10, dose_unit="mg/day"),
]}


def test_refractory_ra_on_prednisone_and_methotrexate_is_eligible_with_the_washout_step(catalog):
    v = screen(variant(ON_TREATMENT))
    assert v.verdict == ELIGIBLE and v.deciding == [] and v.eligible_from is None
    assert v.steps == [{"kind": "washout", "needed": True,
                        "text": f"{WASHOUT} (now taking: methotrexate, prednisone)"}]
    inc9 = v.criterion("inc-9")
    assert (inc9.status_now, inc9.status) == ("not_met", "met_after_steps")
    assert inc9.steps == v.steps
    assert inc9.sentence == "Time since the last immunosuppressive dose 0 weeks is below 2 weeks."


def test_the_step_is_only_listed_when_still_needed(catalog):
    v = screen(variant({}))  # washed out 6 weeks ago
    assert v.verdict == ELIGIBLE and v.steps == []
    assert v.criterion("inc-9").status == "met" and v.criterion("inc-9").steps == []


def test_a_step_does_not_rescue_a_trial_excluded_for_another_reason(catalog):
    v = screen(variant({**ON_TREATMENT, "findings.ecog": 3}))
    assert (v.verdict, v.deciding, v.steps) == (NOT_ELIGIBLE, ["inc-7"], [])
    assert v.criterion("inc-9").status == "met_after_steps"  # still reported per criterion


def test_other_trial_within_3_months_is_waited_out(catalog):
    v = screen(variant({"history.other_trial_within_3_months": True}))
    assert v.verdict == ELIGIBLE
    exc10 = v.criterion("exc-10")
    assert (exc10.status_now, exc10.status) == ("met", "not_met_after_steps")
    assert [s["text"] for s in v.steps] == [
        WASHOUT, "At least 3 months since the last treatment in another clinical trial before enrolment"]


def test_ra_two_months_short_of_three_months_duration_is_eligible_from_the_date(catalog):
    v = screen(variant({"diagnoses": [{**RA, "diagnosis_date": "2025-05-15"}]}))  # 1 month on 2025-06-15
    assert (v.verdict, v.eligible_from) == (ELIGIBLE, date(2025, 8, 15))
    assert v.when == ["rheumatoid arthritis duration reaches 3 months"]
    inc2 = v.criterion("inc-2")
    assert (inc2.status_now, inc2.status, inc2.eligible_from) == ("not_met", "met_from_date", date(2025, 8, 15))
    assert v.criterion("inc-3").status == "met_from_date"  # through its ref to inclusion 2


def test_day_before_the_date_is_still_short(catalog):
    v = screen(variant({"assessment_date": "2025-08-14", "diagnoses": [{**RA, "diagnosis_date": "2025-05-15"}]}))
    assert v.eligible_from == date(2025, 8, 15)
    v = screen(variant({"assessment_date": "2025-08-15", "diagnoses": [{**RA, "diagnosis_date": "2025-05-15"}]}))
    assert (v.verdict, v.eligible_from) == (ELIGIBLE, None)


def test_steps_and_date_together(catalog):
    v = screen(variant({**ON_TREATMENT, "diagnoses": [{**RA, "diagnosis_date": "2025-05-15"}]}))
    assert (v.verdict, v.eligible_from) == (ELIGIBLE, date(2025, 8, 15))
    assert [s["kind"] for s in v.steps] == ["washout"]  # ongoing courses continue: still needed then


def test_seventeen_year_old_is_eligible_from_the_18th_birthday(catalog):
    v = screen(variant({"date_of_birth": "2008-01-20"}))
    assert (v.verdict, v.eligible_from, v.when) == (ELIGIBLE, date(2026, 1, 20), ["age reaches 18 years"])
    assert v.criterion("inc-4").eligible_from == date(2026, 1, 20)


def test_too_old_is_never_eligible_later(catalog):
    v = screen(variant({"date_of_birth": "1950-01-01"}))
    assert (v.verdict, v.deciding, v.eligible_from) == (NOT_ELIGIBLE, ["inc-4"], None)


def test_date_with_an_open_question_is_possibly_eligible_from_the_date(catalog):
    v = screen(variant({"diagnoses": [{**RA, "diagnosis_date": "2025-05-15"}], "labs": LABS[2:]}))
    assert (v.verdict, v.to_verify, v.eligible_from) == (POSSIBLY_ELIGIBLE, ["inc-6"], date(2025, 8, 15))


def test_json_carries_steps_and_dates(catalog):
    data = json.loads(screen(variant({**ON_TREATMENT, "diagnoses": [{**RA, "diagnosis_date": "2025-05-15"}]}))
                      .to_json())
    assert data["shape_version"] == 2
    assert data["eligible_from"] == "2025-08-15" and data["steps"][0]["kind"] == "washout"
    inc2 = next(c for c in data["criteria"] if c["key"] == "inc-2")
    assert (inc2["status"], inc2["eligible_from"], inc2["when"]) == (
        "met_from_date", "2025-08-15", "rheumatoid arthritis duration reaches 3 months")
    assert BASE["assessment_date"] == "2025-06-15"
