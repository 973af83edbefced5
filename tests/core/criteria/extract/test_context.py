"""ConText over the rules file: the documented behaviour of medspaCy's ConText algorithm."""

from __future__ import annotations

import json
import re

from core.criteria.extract import context
from core.criteria.extract.context import Rule, categories, modifiers, tokens
from resources.paths import resource


def _at(text: str, target: str) -> set[str]:
    start = text.index(target)
    return categories(text, start, start + len(target))


def _rule(literal: str, category: str, direction: str) -> Rule:
    return Rule(literal, category, direction, re.compile(rf"(?<![^ ])(?:{re.escape(literal)})(?= |$)"))


def test_rules_file_is_medspacys_default_english_set_with_attribution():
    data = json.loads(resource("criteria", "context_rules.json").read_text(encoding="utf-8"))
    assert data["licence"] == "MIT" and "medspaCy" in data["source"]
    assert len(data["context_rules"]) == len(context.rules()) == 102
    assert {r.direction for r in context.rules()} == {"FORWARD", "BACKWARD", "TERMINATE"}


def test_forward_trigger_negates_what_follows_not_what_precedes():
    assert _at("no evidence of pneumonia", "pneumonia") == {"NEGATED_EXISTENCE"}
    assert _at("pneumonia, no fever", "pneumonia") == set()


def test_backward_trigger_negates_what_precedes():
    assert _at("pneumonia was ruled out", "pneumonia") == {"NEGATED_EXISTENCE"}
    assert _at("was ruled out before pneumonia", "pneumonia") == set()


def test_termination_ends_the_scope():
    text = "no evidence of chf, but there is pneumonia"
    assert _at(text, "chf") == {"NEGATED_EXISTENCE"}
    assert _at(text, "pneumonia") == set()  # "but" terminates


def test_a_later_trigger_of_the_same_category_takes_over_the_scope():
    mods = modifiers(tokens("no chf, no pneumonia"))
    assert [(m.start, m.scope_end) for m in mods] == [(0, 3), (3, 5)]


def test_scope_ends_at_the_sentence():
    assert _at("no fever. pneumonia present", "pneumonia") == set()


def test_other_categories_history_family_hypothetical_possible():
    assert _at("history of stroke", "stroke") == {"HISTORICAL"}
    assert _at("family history of lupus", "lupus") >= {"FAMILY"}
    assert _at("if pneumonia develops", "pneumonia") == {"HYPOTHETICAL"}


def test_longest_overlapping_trigger_wins():
    mods = modifiers(tokens("no evidence of fever"))
    assert [m.rule.literal for m in mods] == ["no evidence"]


def test_pseudo_trigger_is_matched_but_modifies_nothing():
    rules = (_rule("no", "NEGATED_EXISTENCE", "FORWARD"), _rule("no increase", "PSEUDO", "PSEUDO"))
    toks = tokens("no increase in pain")
    mods = modifiers(toks, rules)
    assert [m.rule.literal for m in mods] == ["no increase"]  # the shorter "no" is pruned
    assert not any(context.modifies(m, 3, 4) for m in mods)


def test_a_trigger_never_modifies_a_target_it_overlaps():
    toks = tokens("no pain")
    (m,) = modifiers(toks)
    assert not context.modifies(m, 0, 1)
    assert context.modifies(m, 1, 2)
