"""Seed 001 (juvenile Sjögren's, LOCAL-C4F6E322F6): refer, don't exclude (issue 14).

Re-read for modifiable parts: agreeing to the study treatment (inclusion 4) is the patient's
answer, not a step; no criterion holds a step. Age 5 and more than 3 months of treatment
change with time: eligible from the date they are reached; past 18 never.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE
from resources import paths
from tests.core.matching.seedkit import merge
from tests.core.matching.test_seed_001_juvenile_sjogren import TRIAL, base, course, courses, screen

pytestmark = pytest.mark.usefixtures("catalog")  # the seed catalog (conftest.py)


def test_no_criterion_is_a_step():
    curation = json.loads((paths.curation_dir() / f"{TRIAL}.json").read_text(encoding="utf-8"))
    assert all('"step"' not in json.dumps(c["rule"]) for c in curation["criteria"])


def test_four_year_old_is_eligible_from_the_5th_birthday():
    v = screen(merge(base(), {"date_of_birth": "2020-10-10"}))
    assert (v.verdict, v.eligible_from, v.when) == (ELIGIBLE, date(2025, 10, 10), ["age reaches 5 years"])
    assert (v.criterion("inc-1").status_now, v.criterion("inc-1").status) == ("not_met", "met_from_date")


def test_nineteen_is_never_eligible_later():
    v = screen(merge(base(), {"date_of_birth": "2006-01-01"}))
    assert (v.verdict, v.deciding, v.eligible_from) == (NOT_ELIGIBLE, ["inc-1"], None)


def test_steroid_with_immunosuppressant_two_months_in_is_eligible_after_three():
    # Both started 2025-01-01 and continue: more than 3 months from the day after 2025-04-01.
    v = screen(merge(base(), courses(course("prednisolone", "2025-01-01", dose=10, unit="mg/day"),
                                     course("mycophenolate mofetil", "2025-01-01"))))
    assert (v.verdict, v.eligible_from) == (ELIGIBLE, date(2025, 4, 2))
    assert v.criterion("inc-3").eligible_from == date(2025, 4, 2)
