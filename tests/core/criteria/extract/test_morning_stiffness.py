"""Morning stiffness (``morning_stiffness``): how long it lasts, as ``morning_stiffness_minutes`` (hours × 60);
near-misses with no unit, a period in weeks or a site give no rule; the yardstick's plain words "morning stiffness
duration" are the fact, exactly (``benchmarks.extraction_compare_plain.PLAIN_MEASURES``)."""

from __future__ import annotations

import pytest

from benchmarks.extraction_judge import judge
from core.criteria.extract import propose_rule
from core.matching.evaluate import Context, evaluate
from core.matching.rules import rule_problems
from core.patient.facts import get_fact
from core.trial_record import EXCLUSION, INCLUSION

FACT = "morning_stiffness_minutes"


@pytest.mark.parametrize(("text", "kind", "op", "value"), [
    ("Morning stiffness lasting at least 45 minutes", INCLUSION, ">=", 45),
    ("Morning stiffness > 1 hour", INCLUSION, ">", 60),
    ("30 minutes of morning stiffness", INCLUSION, ">=", 30),
    ("Morning stiffness of at least 30 minutes' duration", INCLUSION, ">=", 30),
    ("Duration of morning stiffness >= 60 minutes", INCLUSION, ">=", 60),
    ("Morning stiffness > 2 hours", EXCLUSION, ">", 120),
])
def test_morning_stiffness(text, kind, op, value):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == {"fact": FACT, "op": op, "value": value}
    assert rule_problems(proposal.rule) == []


def test_in_a_list_beside_a_lab():
    rule = propose_rule("ESR greater than 28 mm/hr or morning stiffness greater than 45 minutes.", INCLUSION).rule
    assert {"fact": FACT, "op": ">", "value": 45} in rule["any"]


def test_no_stiffness_is_zero_minutes_and_meets_no_floor():
    rule = propose_rule("Morning stiffness lasting at least 45 minutes", INCLUSION).rule
    assert evaluate(rule, Context({FACT: 0})).value is False
    assert evaluate(rule, Context({FACT: 60})).value is True
    assert evaluate(rule, Context({})).value is None
    fact = get_fact(FACT)
    assert fact.unit == "minutes" and fact.minimum == 0 and fact.question and not fact.derived


@pytest.mark.parametrize("text", [
    "Morning stiffness for at least 6 weeks",  # how long it has gone on, not how long it lasts
    "Morning stiffness 30",  # no unit
    "Morning stiffness 30 minutes",  # at least? at most?
    "Morning stiffness in the spine > 30 minutes",
    "Morning stiffness lasting at least 45 minutes for at least 6 weeks",
    "Morning stiffness > 2 days",
])
def test_near_misses_give_no_rule(text):
    assert propose_rule(text, INCLUSION) is None, text


def test_the_yardstick_reads_the_plain_words_exactly():
    rule = {"fact": FACT, "op": ">", "value": 45}
    reading = {"fact": "morning stiffness duration", "value": 45, "op": ">", "unit": "minutes"}
    assert judge(rule, reading, False) == "right"
    assert judge(rule, {**reading, "value": 0.75, "unit": "hours"}, False) == "right"
    assert judge(rule, {**reading, "unit": "seconds"}, False) == "wrong"
    assert judge(rule, {k: v for k, v in reading.items() if k != "unit"}, False) == "wrong"
    assert judge(rule, {**reading, "fact": "morning stiffness"}, False) == "wrong"
    assert judge(rule, {**reading, "op": ">="}, False) == "wrong"
    assert judge(rule, {**reading, "within": [6, "weeks"]}, False) == "wrong"
    assert judge(rule, {**reading, "value": 30}, False) == "wrong"
