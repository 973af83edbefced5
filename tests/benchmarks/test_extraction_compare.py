"""The extraction benchmark's yardstick: does a rule mean what a labelled reading says?
(benchmarks/extraction_compare.py, extraction_normal_form.py, extraction_judge.py)"""

from __future__ import annotations

import pytest

from benchmarks.extraction_compare import reading_canon, rule_canon
from benchmarks.extraction_judge import judge
from benchmarks.extraction_normal_form import normal_form

AGE_UNDER_18 = {"fact": "age_years", "op": "<", "value": 18}
CONSENT_STEP = {"step": {"kind": "consent", "text": "Give informed consent"},
                "rule": {"fact": "informed_consent", "op": "=", "value": False}}


@pytest.mark.parametrize("rule, reading, modifiable, verdict", [
    (AGE_UNDER_18, {"age": {"op": "<", "value": 18, "unit": "years"}}, False, "right"),
    (AGE_UNDER_18, {"age": {"op": "<", "value": 16, "unit": "years"}}, False, "wrong"),
    (AGE_UNDER_18, {"age": {"op": "<=", "value": 18, "unit": "years"}}, False, "wrong"),
    # units: 100 x 10^9/L is 100,000 /mm3, and nothing else
    ({"fact": "platelets", "op": ">", "value": 100}, {"lab": "platelets", "op": ">", "value": 100000,
                                                      "unit": "/mm3"}, False, "right"),
    ({"fact": "platelets", "op": ">", "value": 100}, {"lab": "platelets", "op": ">", "value": 150000,
                                                      "unit": "/mm3"}, False, "wrong"),
    # a step before enrolment must be marked as one where the label says the item is modifiable
    (CONSENT_STEP, {"not": {"consent": True}}, True, "right"),
    (CONSENT_STEP["rule"], {"not": {"consent": True}}, True, "wrong"),
    (AGE_UNDER_18, None, False, "wrong"),
])
def test_judge(rule, reading, modifiable, verdict):
    assert judge(rule, reading, modifiable) == verdict


def test_pregnant_or_breastfeeding_is_one_reading_in_either_order():
    rule = {"any": [{"fact": "pregnant", "op": "=", "value": True}, {"fact": "lactating", "op": "=", "value": True}]}
    flipped = {"any": list(reversed(rule["any"]))}
    assert rule_canon(rule)[0] == rule_canon(flipped)[0]
    assert rule_canon(rule)[0] != rule_canon(rule["any"][0])[0]


def test_not_is_pushed_down_by_de_morgan():
    a, b = ("cmp", "x", ">", 1.0), ("is", "y")
    assert normal_form(("not", ("any", (a, b)))) == ("all", frozenset({("cmp", "x", "<=", 1.0), ("not", b)}))
    assert normal_form(("not", ("not", a))) == a
    assert normal_form(("all", (a, ("all", (b,))))) == ("all", frozenset({a, b}))


def test_a_name_the_vocabularies_do_not_know_never_matches():
    assert reading_canon({"condition": "no such disease xyz", "time": "ever"}) != reading_canon(
        {"condition": "another unknown disease", "time": "ever"})
