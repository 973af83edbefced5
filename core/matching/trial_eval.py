"""Evaluating a trial's criteria once each, in one world: the facts of one day, with the
steps before enrolment either taken as they stand today or counted as done.

Sub-items, refs (cycles settled by repeating until nothing changes), rule-less and invalid
criteria (questions for the clinician) are handled here; ``verdict.py`` turns the values
into a verdict. Statuses: ``met`` / ``not_met`` / ``unknown`` (for exclusions "met" means
the exclusion is present).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from core.i18n import _, pgettext
from core.matching import sentences
from core.matching.evaluate import Context, Outcome, evaluate, json_value, merge_steps
from core.matching.rules import (
    RuleError,
    confirm_key,
    default_children_mode,
    has_steps,
    parse_rule,
    rule_problems,
)
from core.patient.kleene import Truth, kleene_and, kleene_or
from core.trial_record import is_heading_text, is_placeholder_text

MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
HEADING_BASIS = "heading"  # CriterionResult.basis of a heading printed as an item (not a requirement)
CHILDREN_BASIS = "children"  # CriterionResult.basis of a criterion with no rule of its own, decided by its sub-items
STATUS = {True: MET, False: NOT_MET, None: UNKNOWN}
# Status suffixes: the value once the listed steps are taken / from the criterion's eligible_from.
AFTER_STEPS, FROM_DATE = "_after_steps", "_from_date"


def base_status(status: str) -> str:
    """``met`` / ``not_met`` / ``unknown`` without the after-steps / from-date suffix."""
    return status.removesuffix(AFTER_STEPS).removesuffix(FROM_DATE)


@dataclass
class CriterionResult:
    """How one criterion came out for this patient."""

    key: str
    parent_key: str | None
    kind: str
    label: str | None
    text: str
    status: str  # met / not_met / unknown
    sentence: str
    facts: dict[str, Any] = field(default_factory=dict)  # fact id -> JSON value (None = unknown)
    basis: str = "rule"  # rule / children / clinician (no rule) / invalid_rule / heading (no requirement)
    problems: list[str] = field(default_factory=list)  # rule problems when basis is invalid_rule
    status_now: str | None = None  # met / not_met / unknown today, before any step (None: same as status)
    steps: list[dict[str, Any]] = field(default_factory=list)  # {"kind", "text", "needed"} before enrolment
    eligible_from: date | None = None  # when waiting settles it: the first day it is satisfied
    when: str | None = None  # why that day, e.g. "RA duration reaches 3 months"
    conflict: str | None = None  # a direct answer and the recorded facts disagree: which one is used

    @property
    def today(self) -> str:
        return self.status_now or base_status(self.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "parent_key": self.parent_key, "kind": self.kind, "label": self.label,
            "text": self.text, "status": self.status, "sentence": self.sentence,
            "facts": dict(sorted(self.facts.items())), "basis": self.basis, "problems": self.problems,
            "status_now": self.today, "steps": self.steps,
            "eligible_from": self.eligible_from.isoformat() if self.eligible_from else None, "when": self.when,
            "conflict": self.conflict,
        }


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


@dataclass
class Item:
    key: str
    parent_key: str | None
    kind: str
    label: str | None
    text: str
    rule: Any
    children: list[Item] = field(default_factory=list)
    origin: str | None = None  # where the rule came from (core.catalog.curation.ORIGINS)


class TrialEvaluator:
    """Evaluates a trial's criteria once each, following refs and sub-items."""

    def __init__(self, trial_id: str, items: list[Item], facts: Mapping[str, Any],
                 confirmations: Mapping[str, Truth], explain: bool, after_steps: bool = False):
        self.trial_id = trial_id
        self.after_steps = after_steps
        self.items = {item.key: item for item in items}
        self.facts = facts
        self.confirmations = confirmations
        self.explain = explain
        self.results: dict[str, CriterionResult] = {}
        self.values: dict[str, Truth] = {}
        self._active: set[str] = set()
        # Values from the previous pass, read where refs form a cycle (see evaluate_all).
        self.previous: dict[str, Truth] = {}
        self.cycle_hit = False

    def evaluate_all(self, items: list[Item]) -> None:
        """Evaluate every item; where refs form a cycle (two alternative arms that refer
        to each other), repeat with the last pass's values until nothing changes. Kleene
        logic only ever moves unknown to known, so this ends at the least fixed point:
        a cycle nothing decides stays unknown."""
        for _pass in range(len(items) + 1):
            self.values, self.results, self.cycle_hit = {}, {}, False
            for item in items:
                self.value(item)
            if not self.cycle_hit or self.values == self.previous:
                return
            self.previous = dict(self.values)

    def name_of(self, item: Item) -> str:
        return sentences.criterion_name(item.kind, shown_label(item.key, item.label))

    def _ref(self, key: str) -> tuple[Truth, str, list[dict[str, Any]]]:
        item = self.items.get(key)
        if item is None:
            return None, _("criterion {key} does not exist in this trial").format(key=key), []
        value = self.value(item)
        template = {True: _("{criterion} is met"), False: _("{criterion} is not met"),
                    None: _("{criterion} is not yet known")}[value]
        result = self.results.get(key)
        return value, template.format(criterion=self.name_of(item)), (result.steps if result else [])

    def value(self, item: Item) -> Truth:
        if item.key in self.values:
            return self.values[item.key]
        if item.key in self._active:
            # A ref cycle: use the previous pass's value (unknown on the first pass).
            self.cycle_hit = True
            return self.previous.get(item.key)
        self._active.add(item.key)
        try:
            result = self._evaluate(item)
        finally:
            self._active.discard(item.key)
        self.results[item.key] = result
        self.values[item.key] = {MET: True, NOT_MET: False, UNKNOWN: None}[result.status]
        return self.values[item.key]

    def _confirm_for(self, item: Item):
        def answer(node_id: str | None) -> Truth:
            return self.confirmations.get(confirm_key(item.key, node_id))
        return answer

    def _evaluate(self, item: Item) -> CriterionResult:
        if isinstance(item.rule, str):
            rule, checked = _checked_rule_text(item.rule)
            problems = list(checked)
        else:
            rule, problems = _checked_rule(item.rule)
        ctx = Context(self.facts, self._confirm_for(item), self._ref, self.explain, self.after_steps)
        if problems:
            outcome = evaluate({"confirm": item.text}, ctx)
            basis = "invalid_rule"
        elif is_heading(item):
            # Neutral wherever it stands (verdict.py and the parents leave it out of their logic).
            outcome = Outcome(item.kind == "inclusion", [
                _("The record states nothing to meet here: not a requirement") if is_placeholder_text(item.text)
                else _("A heading in the record with nothing required under it: not a requirement") if item.children
                else _("A heading in the record with nothing listed under it: not a requirement")])
            basis = HEADING_BASIS
        elif rule is None or "children" in rule:
            if item.children:
                child_values = [self.value(child) for child in item.children if not is_heading(child)]
                mode = rule["children"] if rule else default_children_mode(item.kind)
                value = (kleene_or if mode == "any" else kleene_and)(child_values)
                outcome = self._from_children(item, value, child_values)
                basis = CHILDREN_BASIS
            else:
                outcome = evaluate({"confirm": item.text}, ctx)
                basis = "clinician"
        else:
            outcome = evaluate(rule, ctx, item.kind == "inclusion")
            basis = "rule"
        for child in item.children:  # sub-items are reported even when the parent's rule decides
            self.value(child)
        sentence = outcome.sentence if self.explain else ""
        if basis == "invalid_rule" and self.explain:
            sentence = _("The rule for this criterion could not be used; {rest}").format(
                rest=sentence[0].lower() + sentence[1:])
        whole = basis == CHILDREN_BASIS or (basis == "rule" and not has_bare_confirm(rule))
        direct = self.confirmations.get(item.key) if whole else None
        if direct is not None:  # answered directly for the whole criterion: that answer decides it
            if basis == CHILDREN_BASIS:
                self._answered_with_list(item, direct, rule["children"] if rule else default_children_mode(item.kind))
            return self._direct(item, direct, outcome, basis, sentence)
        return CriterionResult(
            key=item.key, parent_key=item.parent_key, kind=item.kind, label=item.label, text=item.text,
            status=STATUS[outcome.value], sentence=sentence,
            facts={k: json_value(v) for k, v in outcome.facts.items()}, basis=basis, problems=problems,
            steps=outcome.steps,
        )

    def _answered_with_list(self, item: Item, answer: bool, mode: str) -> None:
        """A list answered once for its parent (the questionnaire asks it so) also settles each sub-item
        the answer implies: "none of these applies" (any) or "all of these are met" (all). A sub-item
        with its own value keeps it; an answer that names no item ("one of these applies") settles none."""
        if answer is not (mode == "all"):
            return
        for child in item.children:
            if is_heading(child) or self.values.get(child.key) is not None:
                continue
            said = _state_words(child.kind, answer)
            self.values[child.key] = answer
            old = self.results[child.key]
            self.results[child.key] = dataclasses.replace(
                old, status=STATUS[answer], basis="clinician",
                sentence=_("Answered with its list: {said}.").format(said=said) if self.explain else "")

    def _direct(self, item: Item, answer: bool, outcome: Outcome, basis: str, sentence: str) -> CriterionResult:
        """The clinician's answer for the whole criterion wins over its rule (issue 13); when the
        recorded facts say otherwise, the result says so and which one is used."""
        said = _state_words(item.kind, answer)
        conflict = None
        if outcome.value is not None and outcome.value is not answer:
            conflict = _("Conflict: answered directly as {said}, but the recorded facts say {facts} ({why}). "
                         "The direct answer is used; check the record.").format(
                said=said, facts=_state_words(item.kind, outcome.value),
                why=sentence.rstrip(".。") or _("by its rule"))
        text = _("The clinician answered directly: {said}.").format(said=said) if self.explain else ""
        if conflict and self.explain:
            text = f"{text} {conflict}"
        return CriterionResult(
            key=item.key, parent_key=item.parent_key, kind=item.kind, label=item.label, text=item.text,
            status=STATUS[answer], sentence=text, facts={k: json_value(v) for k, v in outcome.facts.items()},
            basis=basis, conflict=conflict)

    def _from_children(self, item: Item, value: Truth, child_values: list[Truth]) -> Outcome:
        counted = [c for c in item.children if not is_heading(c)]
        if not self.explain:
            steps: list[dict[str, Any]] = []
            for child in counted:
                steps = merge_steps(steps, self.results[child.key].steps)
            return Outcome(value, steps=steps)
        deciding = [c for c, v in zip(counted, child_values, strict=True) if v is value] or counted
        clauses: list[str] = []
        used: dict[str, Any] = {}
        steps: list[dict[str, Any]] = []
        for child in deciding:
            result = self.results[child.key]
            clauses.append(result.sentence.rstrip("."))
        for child in counted:
            used.update(self.results[child.key].facts)
            steps = merge_steps(steps, self.results[child.key].steps)
        return Outcome(value, clauses, used, steps)


def is_heading(item: Item) -> bool:
    """A heading printed as an item, with no rule and nothing under it but headings or placeholders
    ("Life expectancy:" over "Not specified"; ``is_heading_text``)."""
    return item.rule in (None, "") and is_heading_text(item.text) and all(is_heading(c) for c in item.children)


def has_bare_confirm(rule: Any) -> bool:
    """Whether a confirm node without an id is in the rule: its answer is keyed by the criterion's
    key, so that key is the node's answer there, not an answer for the whole criterion."""
    if not isinstance(rule, Mapping):
        return False
    if "confirm" in rule and rule.get("id") is None:
        return True
    subs = [node for k in ("all", "any") if isinstance(rule.get(k), list) for node in rule[k]]
    return any(has_bare_confirm(n) for n in [*subs, rule.get("not"), rule.get("rule")])


def _state_words(kind: str, value: bool) -> str:
    if kind == "exclusion":
        return pgettext("exclusion state", "present") if value else pgettext("exclusion state", "not present")
    return pgettext("inclusion state", "met") if value else pgettext("inclusion state", "not met")


def _checked_rule(rule: Any) -> tuple[Any, list[str]]:
    """The parsed rule and its problems (none when it can be used)."""
    try:
        parsed = parse_rule(rule)
    except RuleError as exc:
        return None, exc.problems
    return parsed, (rule_problems(parsed) if parsed is not None else [])


@lru_cache(maxsize=65536)
def _checked_rule_text(text: str) -> tuple[Any, tuple[str, ...]]:
    """Rules stored as JSON text are parsed and validated once per distinct text (a
    screening of many trials meets the same rule texts again and again)."""
    parsed, problems = _checked_rule(text)
    return parsed, tuple(problems)


def parse_items(criteria: Iterable[Any]) -> list[Item]:
    items: list[Item] = []
    for c in criteria:
        kind = _get(c, "kind")
        if kind not in ("inclusion", "exclusion"):
            raise ValueError(f"criterion {_get(c, 'key')!r} has kind {kind!r}; expected inclusion or exclusion")
        items.append(Item(key=_get(c, "key"), parent_key=_get(c, "parent_key"), kind=kind,
                           label=_get(c, "label"), text=_get(c, "text") or "", rule=_get(c, "rule"),
                           origin=_get(c, "rule_origin")))
    by_key = {item.key: item for item in items}
    if len(by_key) != len(items):
        raise ValueError("two criteria share a key")
    for item in items:
        if item.parent_key is not None:
            parent = by_key.get(item.parent_key)
            if parent is None:
                raise ValueError(f"criterion {item.key!r} names a parent {item.parent_key!r} that does not exist")
            parent.children.append(item)
    return items



def item_has_steps(item: Item) -> bool:
    """Whether the criterion's own rule (valid) holds a step node."""
    rule = _checked_rule_text(item.rule) if isinstance(item.rule, str) else _checked_rule(item.rule)
    return not rule[1] and has_steps(rule[0])


def item_rule(item: Item) -> Any:
    """The criterion's rule as a dict when it is used (valid), else None."""
    rule = _checked_rule_text(item.rule) if isinstance(item.rule, str) else _checked_rule(item.rule)
    return None if rule[1] else rule[0]


def shown_label(key: str, label: str | None) -> str:
    from core.trial_record import display_label

    return display_label(key, label)
