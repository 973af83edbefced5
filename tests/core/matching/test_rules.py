"""Rule validation: unknown facts, wrong ops, wrong value types, shape errors."""

from __future__ import annotations

import pytest

from core.matching.rules import RuleError, parse_rule, rule_facts, rule_problems, validate_rule

GOOD = [
    {"fact": "age_years", "op": ">", "value": 18},
    {"fact": "age_years", "op": "in", "value": [18, 19]},
    {"fact": "sex", "op": "=", "value": "female"},
    {"fact": "ra_activity", "op": "in", "value": ["moderate", "high", "severe"]},
    {"fact": "pregnant", "op": "=", "value": True},
    {"fact": "ra_classification", "op": "has", "value": "acr_1987"},
    {"fact": "date_of_birth", "op": "<", "value": "2000-01-01"},
    {"all": [{"fact": "ecog", "op": "<=", "value": 2}, {"not": {"fact": "hiv", "op": "=", "value": True}}]},
    {"any": [{"confirm": "Is the heart structurally normal?", "id": "echo"}, {"ref": "inc-1"}]},
    {"children": "any"},
    {"step": {"kind": "washout", "text": "Last prednisone dose 2 weeks before the first study dose"},
     "rule": {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}},
    {"not": {"step": {"kind": "stop_medication", "text": "Stop the CYP3A4 inhibitor",
                      "drugs": "current_immunosuppressive_drugs"}, "rule": {"confirm": "Takes one?"}}},
]


@pytest.mark.parametrize("rule", GOOD)
def test_good_rules_pass(rule):
    assert rule_problems(rule) == []
    validate_rule(rule)


@pytest.mark.parametrize(("rule", "words"), [
    ({"fact": "age", "op": ">", "value": 18}, "unknown fact 'age'"),
    ({"fact": "age_years", "op": "~", "value": 18}, "unknown op"),
    ({"fact": "age_years", "op": ">", "value": "18"}, "is a number"),
    ({"fact": "age_years", "op": ">", "value": True}, "is a number"),
    ({"fact": "age_years", "op": ">", "value": 200}, "outside the possible range"),
    ({"fact": "age_years", "op": ">"}, "needs a value"),
    ({"fact": "age_years", "op": "has", "value": 18}, "does not apply to number fact"),
    ({"fact": "ra_classification", "op": "=", "value": "acr_1987"}, "does not apply to set fact"),
    ({"fact": "pregnant", "op": ">", "value": True}, "does not apply to bool"),
    ({"fact": "pregnant", "op": "=", "value": "yes"}, "compare it with true or false"),
    ({"fact": "sex", "op": "=", "value": "f"}, "one of female, male"),
    ({"fact": "ra_activity", "op": "in", "value": []}, "non-empty list"),
    ({"fact": "ra_activity", "op": "in", "value": ["moderate", "lots"]}, "not 'lots'"),
    ({"fact": "date_of_birth", "op": "<", "value": "01/01/2000"}, "YYYY-MM-DD"),
    ({"all": []}, "non-empty list"),
    ({"all": {"fact": "hiv"}}, "non-empty list"),
    ({"any": [{"fact": "hiv", "op": "=", "value": 1}]}, "rule.any[0]"),
    ({"fact": "hiv", "op": "=", "value": True, "all": []}, "exactly one of"),
    ({}, "exactly one of"),
    ({"confirm": ""}, "question text"),
    ({"ref": 3}, "criterion key"),
    ({"not": {"children": "all"}}, "only be a criterion's whole rule"),
    ({"children": "some"}, "'all' or 'any'"),
    ({"fact": "hiv", "op": "=", "value": True, "note": "x"}, "unexpected key 'note'"),
    ([1, 2], "must be an object"),
    ({"step": {"kind": "washout", "text": "Wait"}}, "needs the 'rule'"),
    ({"step": {"kind": "nap", "text": "Wait"}, "rule": {"ref": "inc-1"}}, "step.kind must be one of"),
    ({"step": {"kind": "washout", "text": " "}, "rule": {"ref": "inc-1"}}, "step.text"),
    ({"step": "washout", "rule": {"ref": "inc-1"}}, "must be an object with 'kind' and 'text'"),
    ({"step": {"kind": "washout", "text": "W", "days": 14}, "rule": {"ref": "inc-1"}}, "unexpected key 'days'"),
    ({"step": {"kind": "washout", "text": "W", "drugs": "age_years"}, "rule": {"ref": "inc-1"}}, "set fact"),
    ({"step": {"kind": "washout", "text": "W"}, "rule": {"fact": "hiv", "op": "=", "value": 1}}, "rule.rule"),
    ({"step": {"kind": "washout", "text": "W"}, "rule": {"children": "all"}}, "whole rule"),
])
def test_bad_rules_explained(rule, words):
    problems = rule_problems(rule)
    assert problems
    assert any(words in p for p in problems), problems
    with pytest.raises(RuleError):
        validate_rule(rule)


def test_parse_rule_accepts_json_text():
    assert parse_rule('{"ref": "inc-1"}') == {"ref": "inc-1"}
    assert parse_rule("  ") is None
    assert parse_rule(None) is None
    with pytest.raises(RuleError, match="not valid JSON"):
        parse_rule("{nope")


def test_rule_facts_lists_what_a_rule_reads():
    rule = {"all": [{"fact": "age_years", "op": ">", "value": 18},
                    {"not": {"any": [{"fact": "hiv", "op": "=", "value": True}, {"confirm": "x"}]}}]}
    assert rule_facts(rule) == {"age_years", "hiv"}
    stepped = {"step": {"kind": "washout", "text": "W"},
               "rule": {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}}
    assert rule_facts({"all": [rule, stepped]}) == {"age_years", "hiv", "weeks_since_last_immunosuppressive_dose"}


def test_has_steps_finds_a_step_anywhere():
    from core.matching.rules import has_steps

    stepped = {"step": {"kind": "consent", "text": "Sign"}, "rule": {"confirm": "Signed?"}}
    assert has_steps({"all": [{"confirm": "x"}, {"not": {"any": [stepped]}}]})
    assert not has_steps({"all": [{"confirm": "x"}, {"not": {"ref": "inc-1"}}]})


def test_without_steps_gives_the_rule_as_it_stands_today_and_the_step_texts():
    from core.matching.rules import without_steps

    washed = {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}
    rule = {"all": [{"step": {"kind": "washout", "text": "Wait 2 weeks "}, "rule": washed},
                    {"not": {"step": {"kind": "other", "text": "Stop it"}, "rule": {"confirm": "Takes it?"}}}]}
    assert without_steps(rule) == ({"all": [washed, {"not": {"confirm": "Takes it?"}}]}, ["Wait 2 weeks", "Stop it"])
