"""Evaluating rules: every op, unknowns, bounded values, and the clinician's sentence."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.matching.evaluate import Context, compare, evaluate
from core.patient.values import FactSet, Range


def run(rule, **facts):
    return evaluate(rule, Context(facts))


def cmp(fact, op, value):
    return {"fact": fact, "op": op, "value": value}


@pytest.mark.parametrize(("op", "value", "expected"), [
    ("=", 18, True), ("=", 19, False), ("!=", 18, False), ("!=", 19, True),
    ("<", 18, False), ("<", 19, True), ("<=", 18, True), ("<=", 17, False),
    (">", 18, False), (">", 17, True), (">=", 18, True), (">=", 19, False),
    ("in", [17, 18], True), ("in", [5, 15], False),
])
def test_each_number_op_at_age_18(op, value, expected):
    assert run(cmp("age_years", op, value), age_years=18).value is expected


def test_missing_fact_is_unknown_for_every_op():
    for op, value in [("=", 18), ("!=", 18), ("<", 18), ("<=", 18), (">", 18), (">=", 18), ("in", [18])]:
        outcome = run(cmp("age_years", op, value))
        assert outcome.value is None
        assert outcome.facts == {"age_years": None}
    assert run(cmp("pregnant", "=", False)).value is None
    assert run({"not": cmp("pregnant", "=", True)}).value is None


def test_has_on_sets_is_three_valued():
    open_set = FactSet(frozenset({"acr_1987"}), frozenset({"aecg_2002"}))
    assert run(cmp("classification_criteria", "has", "acr_1987"), classification_criteria=open_set).value is True
    assert run(cmp("classification_criteria", "has", "aecg_2002"), classification_criteria=open_set).value is False
    assert run(cmp("classification_criteria", "has", "sontheimer"), classification_criteria=open_set).value is None
    closed = FactSet(frozenset({"acr_1987"}), complete=True)
    assert run(cmp("classification_criteria", "has", "sontheimer"), classification_criteria=closed).value is False


def test_bool_enum_and_date_ops():
    assert run(cmp("pregnant", "=", True), pregnant=False).value is False
    assert run(cmp("pregnant", "!=", True), pregnant=False).value is True
    assert run(cmp("ra_activity", "in", ["moderate", "severe"]), ra_activity="moderate").value is True
    assert run(cmp("ra_activity", "=", "severe"), ra_activity="moderate").value is False
    born = date(2000, 1, 1)
    assert run(cmp("date_of_birth", "<", "2000-01-02"), date_of_birth=born).value is True
    assert run(cmp("date_of_birth", ">=", "2000-01-02"), date_of_birth=born).value is False


def test_ranges_decide_when_the_bound_is_enough():
    at_least_two = Range(2, math.inf)
    assert run(cmp("failed_btsdmard_count", ">=", 2), failed_btsdmard_count=at_least_two).value is True
    assert run(cmp("failed_btsdmard_count", "<", 2), failed_btsdmard_count=at_least_two).value is False
    assert run(cmp("failed_btsdmard_count", ">=", 3), failed_btsdmard_count=at_least_two).value is None
    assert run(cmp("failed_btsdmard_count", "=", 1), failed_btsdmard_count=at_least_two).value is False
    assert run(cmp("failed_btsdmard_count", "in", [0, 1]), failed_btsdmard_count=at_least_two).value is False
    assert run(cmp("failed_btsdmard_count", "in", [1, 2]), failed_btsdmard_count=at_least_two).value is None


@given(st.integers(0, 20), st.integers(0, 20), st.integers(-1, 22), st.sampled_from(["<", "<=", ">", ">=", "=", "!="]))
def test_range_comparison_agrees_with_every_point(low, width, threshold, op):
    high = low + width
    points = {compare(x, op, threshold) for x in range(low, high + 1)}
    result = compare(Range(low, high) if width else low, op, threshold)
    if len(points) == 1:
        assert result is points.pop()
    else:
        assert result is None


def test_all_any_not_follow_kleene():
    t, f, u = cmp("hiv", "=", True), cmp("hiv", "=", False), cmp("epilepsy", "=", True)
    facts = {"hiv": True}
    assert evaluate({"all": [t, u]}, Context(facts)).value is None
    assert evaluate({"all": [f, u]}, Context(facts)).value is False
    assert evaluate({"any": [t, u]}, Context(facts)).value is True
    assert evaluate({"any": [f, u]}, Context(facts)).value is None
    assert evaluate({"not": {"any": [f, t]}}, Context(facts)).value is False


def test_confirm_reads_the_clinicians_answer():
    rule = {"confirm": "Is the heart structurally normal?"}
    assert evaluate(rule, Context({})).value is None
    yes = evaluate(rule, Context({}, confirm=lambda _id: True))
    assert yes.value is True
    assert "confirmed" in yes.sentence
    assert evaluate(rule, Context({}, confirm=lambda _id: False)).value is False
    assert evaluate(rule, Context({})).sentence == "To be confirmed by the clinician: Is the heart structurally normal?"


@pytest.mark.parametrize(("rule", "facts", "sentence"), [
    (cmp("age_years", ">", 18), {"age_years": 17}, "Age 17 years is not above 18 years."),
    (cmp("age_years", ">=", 18), {"age_years": 18}, "Age 18 years is at least 18 years."),
    (cmp("prednisone_eq_mg_day", "<", 10), {}, "Prednisone-equivalent dose is unknown."),
    (cmp("ast_x_uln", "<=", 3), {"ast_x_uln": 2.5}, "AST 2.5 × ULN is at most 3 × ULN."),
    (cmp("ast_x_uln", "<=", 3), {"ast_x_uln": 3.5}, "AST 3.5 × ULN is above 3 × ULN."),
    (cmp("lvef_percent", ">=", 45), {"lvef_percent": 40}, "LVEF 40% is below 45%."),
    (cmp("csdmard_years", ">=", 1), {"csdmard_years": Range(0.5, math.inf)},
     "Cumulative csDMARD treatment (at least 0.5 years) may or may not be at least 1 year."),
    (cmp("pregnant", "=", True), {"pregnant": False}, "Pregnant: no."),
    (cmp("ra_activity", "in", ["moderate", "severe"]), {"ra_activity": "low"},
     "Rheumatoid arthritis activity is low, not moderate or severe."),
    ({"all": [cmp("ecog", "<=", 2), cmp("lvef_percent", ">=", 45)]}, {},
     "ECOG performance status and LVEF are unknown."),
    ({"all": [cmp("ecog", "<=", 2), cmp("lvef_percent", ">=", 45)]}, {"ecog": 3, "lvef_percent": 60},
     "ECOG performance status 3 is above 2."),
])
def test_one_readable_sentence(rule, facts, sentence):
    assert evaluate(rule, Context(facts)).sentence == sentence


def test_facts_used_are_reported_with_values():
    rule = {"any": [cmp("ecog", "<=", 2), cmp("lvef_percent", ">=", 45)]}
    outcome = evaluate(rule, Context({"ecog": 1}))
    assert outcome.value is True
    assert outcome.facts == {"ecog": 1, "lvef_percent": None}
