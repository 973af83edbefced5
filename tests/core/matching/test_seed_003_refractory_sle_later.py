"""Seed 003 (UMIN000042298, refractory SLE): refer, don't exclude (issue 14).

Re-read for modifiable parts: the group definitions (steroid dose for induction, PSL under
10 mg/day, normal complement) describe who the observational groups are, not something to
change before enrolment, and a refusal of consent is the patient's answer: no criterion
holds a step. The common exclusion "under 15 years" ends on the 15th birthday.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE
from resources import paths
from tests.core.matching.seedkit import merge
from tests.core.matching.test_seed_003_refractory_sle import GROUP_2, HEALTHY, TRIAL, screen

pytestmark = pytest.mark.usefixtures("catalog")


def test_no_criterion_is_a_step():
    curation = json.loads((paths.curation_dir() / f"{TRIAL}.json").read_text(encoding="utf-8"))
    assert all('"step"' not in json.dumps(c["rule"]) for c in curation["criteria"])


def test_fourteen_year_old_is_eligible_from_the_15th_birthday():
    v = screen(merge(GROUP_2, {"date_of_birth": "2010-07-20"}))
    assert (v.verdict, v.eligible_from, v.when) == (ELIGIBLE, date(2025, 7, 20), ["age reaches 15 years"])
    exc1 = v.criterion("exc-1")
    assert (exc1.status_now, exc1.status, exc1.eligible_from) == ("met", "not_met_from_date", date(2025, 7, 20))


def test_a_refusal_is_not_waited_out():
    v = screen(merge(HEALTHY, {"date_of_birth": "2010-07-20", "consent": {"informed_consent": False}}))
    assert (v.verdict, v.deciding, v.eligible_from) == (NOT_ELIGIBLE, ["exc-1"], None)
