"""The yardstick's one equivalence for items bound to a group of participants: the exact cohort wrapper around R is
judged as R (benchmarks.extraction_compare.cohort_content); near-misses are judged as they stand."""

from __future__ import annotations

import pytest

from benchmarks.extraction_compare import cohort_content
from benchmarks.extraction_judge import judge

R = {"fact": "condition:stroke", "op": "=", "value": True}
READING = {"condition": "stroke"}
Q = {"confirm": "Does the patient belong to this group of the trial: \u201cNormal Subjects\u201d?", "id": "cohort-1"}


def test_the_exact_wrapper_is_its_content_for_its_kind():
    assert cohort_content({"all": [Q, R]}, "exclusion") == R
    assert cohort_content({"any": [{"not": Q}, R]}, "inclusion") == R
    assert judge({"all": [Q, R]}, READING, False, "exclusion") == "right"
    assert judge({"any": [{"not": Q}, R]}, READING, False, "inclusion") == "right"


@pytest.mark.parametrize("rule, kind", [
    ({"all": [{**Q, "id": "washout"}, R]}, "exclusion"),  # another confirm id
    ({"all": [{"confirm": Q["confirm"]}, R]}, "exclusion"),  # no id
    ({"any": [{"not": Q}, R]}, "exclusion"),  # the inclusion form on an exclusion
    ({"all": [Q, R]}, "inclusion"),  # the exclusion form on an inclusion
    ({"any": [Q, R]}, "inclusion"),  # the question not negated
    ({"all": [Q, R, R]}, "exclusion"),  # an extra part
    ({"all": [R, Q]}, "exclusion"),  # the question not first
    ({"all": [Q, R]}, None),  # kind not given
])
def test_near_misses_stay_as_they_are(rule, kind):
    if kind is not None:
        assert cohort_content(rule, kind) == rule
    assert judge(rule, READING, False, kind) != "right"
