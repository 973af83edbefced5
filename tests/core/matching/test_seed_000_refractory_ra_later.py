"""Seed 000 (refractory RA cohort, LOCAL-EB61F3F300): refer, don't exclude (issue 14).

Re-read for modifiable parts: consent (inclusion 5) and willingness (exclusion 3) are the
patient's own answers, so a refusal stays a refusal and an unanswered question is already
only "to verify"; no criterion holds a step. Age and csDMARD / DMARD duration change with
time: a patient short of them is eligible from the date they are reached.
"""

from __future__ import annotations

import json
from datetime import date

from core.matching.verdict import NOT_ELIGIBLE, POSSIBLY_ELIGIBLE
from resources import paths
from tests.core.matching.test_seed_000_refractory_ra import BASE, TRIAL, course, screen, variant

# Methotrexate since 2024-08-15 (10 months on 2025-06-15, ongoing); both biologics failed.
SHORT_ONGOING_MTX = {"treatments": [
    course("methotrexate", "2024-08-15", outcome="ongoing", dose=20, dose_unit="mg/week"),
    course("adalimumab", "2024-09-01", "2024-12-01", "inadequate_response"),
    course("tocilizumab", "2024-12-01", "2025-03-01", "intolerance"),
]}


def test_no_criterion_is_a_step():
    curation = json.loads((paths.curation_dir() / f"{TRIAL}.json").read_text(encoding="utf-8"))
    assert all('"step"' not in json.dumps(c["rule"]) for c in curation["criteria"])


def test_csdmard_year_still_running_is_eligible_from_its_anniversary(catalog):
    v = screen(variant(SHORT_ONGOING_MTX))
    # Methotrexate has not failed (still taken), so difficult-to-treat RA stays to be verified.
    assert (v.verdict, v.to_verify, v.eligible_from) == (POSSIBLY_ELIGIBLE, ["inc-4"], date(2025, 8, 15))
    assert v.when == ["cumulative csDMARD treatment reaches 1 year", "cumulative DMARD treatment reaches 1 year"]
    assert (v.criterion("inc-3").status, v.criterion("exc-2").status) == ("met_from_date", "not_met_from_date")
    assert v.criterion("exc-2").status_now == "met"


def test_csdmard_stopped_short_of_a_year_stays_not_eligible(catalog):
    stopped = {"treatments": [course("methotrexate", "2024-08-15", "2025-06-01", "intolerance"),
                              *SHORT_ONGOING_MTX["treatments"][1:]]}
    v = screen(variant(stopped))
    assert (v.verdict, v.deciding, v.eligible_from) == (NOT_ELIGIBLE, ["inc-3", "exc-2"], None)
    assert v.criterion("inc-3").status == "not_met"


def test_seventeen_year_old_is_referable_from_the_18th_birthday(catalog):
    # "Age <18" stops excluding at 18, and at 18 the "Age >18" inclusion is for the study team
    # to confirm (18 itself falls in neither): possibly eligible from the 18th birthday.
    v = screen(variant({"date_of_birth": "2007-09-01"}))
    assert (v.verdict, v.eligible_from) == (POSSIBLY_ELIGIBLE, date(2025, 9, 1))
    assert v.criterion("exc-1").eligible_from == date(2025, 9, 1)
    assert v.criterion("inc-2").eligible_from == date(2025, 9, 1)  # from then on, to confirm
    assert v.when == ["age is 18 years", "age reaches 18 years"]


def test_refusal_is_not_waited_out(catalog):
    v = screen(variant({"consent.informed_consent": False, "date_of_birth": "2007-09-01"}))
    assert (v.verdict, v.eligible_from, v.steps) == (NOT_ELIGIBLE, None, [])
    assert BASE["consent"]["informed_consent"] is True
