"""A trial's verdict for one patient, with a status and a sentence for every criterion.

Criteria come as dicts or objects with ``key``, ``parent_key``, ``kind`` ("inclusion" or
"exclusion"), ``label``, ``text`` and ``rule``. A parent with a rule is decided by its
rule; a parent without one is decided by its sub-items (all of them, or any when its rule
is ``{"children": "any"}``). A criterion with no rule, or with an invalid one, is
evaluated as a question for the clinician, so it is unknown until answered and never
silently met. For exclusions "met" means the exclusion is present.

The verdict is ``eligible`` (every inclusion met, no exclusion present), ``not_eligible``
(an inclusion definitely not met or an exclusion definitely present; those are named) or
``possibly_eligible`` (nothing rules the patient out; the unknowns are listed). The
recruitment status is carried beside the verdict and never changes it. ``to_json`` gives
the stable shape documented in ``docs/rules.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from core.matching import sentences
from core.matching.evaluate import Context, Outcome, evaluate, json_value
from core.matching.rules import RuleError, parse_rule, rule_problems
from core.patient.kleene import Truth, kleene_and, kleene_or
from core.patient.profile import PatientProfile

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
POSSIBLY_ELIGIBLE = "possibly_eligible"
MET, NOT_MET, UNKNOWN = "met", "not_met", "unknown"
_STATUS = {True: MET, False: NOT_MET, None: UNKNOWN}
SHAPE_VERSION = 1


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
    basis: str = "rule"  # rule / children / clinician (no rule) / invalid_rule
    problems: list[str] = field(default_factory=list)  # rule problems when basis is invalid_rule

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "parent_key": self.parent_key, "kind": self.kind, "label": self.label,
            "text": self.text, "status": self.status, "sentence": self.sentence,
            "facts": dict(sorted(self.facts.items())), "basis": self.basis, "problems": self.problems,
        }


@dataclass
class TrialVerdict:
    """The verdict for one trial, with every criterion's result."""

    trial_id: str
    verdict: str
    criteria: list[CriterionResult]
    deciding: list[str]  # keys of inclusions not met / exclusions present (not_eligible)
    to_verify: list[str]  # keys of unknown criteria that still matter (possibly_eligible)
    inclusion_logic: str = "all"
    recruitment_status: str | None = None

    def criterion(self, key: str) -> CriterionResult:
        for result in self.criteria:
            if result.key == key:
                return result
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "shape_version": SHAPE_VERSION,
            "trial_id": self.trial_id,
            "verdict": self.verdict,
            "recruitment_status": self.recruitment_status,
            "inclusion_logic": self.inclusion_logic,
            "deciding": self.deciding,
            "to_verify": self.to_verify,
            "criteria": [c.to_dict() for c in self.criteria],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=2)


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


@dataclass
class _Item:
    key: str
    parent_key: str | None
    kind: str
    label: str | None
    text: str
    rule: Any
    children: list[_Item] = field(default_factory=list)


class _TrialEvaluator:
    """Evaluates a trial's criteria once each, following refs and sub-items."""

    def __init__(self, trial_id: str, items: list[_Item], facts: Mapping[str, Any],
                 confirmations: Mapping[str, Truth], explain: bool):
        self.trial_id = trial_id
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

    def evaluate_all(self, items: list[_Item]) -> None:
        """Evaluate every item; where refs form a cycle (two alternative arms that refer
        to each other), repeat with the last pass's values until nothing changes. Kleene
        logic only ever moves unknown to known, so this ends at the least fixed point:
        a cycle nothing decides stays unknown."""
        for _ in range(len(items) + 1):
            self.values, self.results, self.cycle_hit = {}, {}, False
            for item in items:
                self.value(item)
            if not self.cycle_hit or self.values == self.previous:
                return
            self.previous = dict(self.values)

    def name_of(self, item: _Item) -> str:
        return f"{item.kind} {_shown_label(item.key, item.label)}"

    def _ref(self, key: str) -> tuple[Truth, str]:
        item = self.items.get(key)
        if item is None:
            return None, f"criterion {key} does not exist in this trial"
        value = self.value(item)
        status = {True: "is met", False: "is not met", None: "is not yet known"}[value]
        return value, f"{self.name_of(item)} {status}"

    def value(self, item: _Item) -> Truth:
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

    def _confirm_for(self, item: _Item):
        def answer(node_id: str | None) -> Truth:
            return self.confirmations.get(item.key if node_id is None else f"{item.key}#{node_id}")
        return answer

    def _evaluate(self, item: _Item) -> CriterionResult:
        if isinstance(item.rule, str):
            rule, checked = _checked_rule_text(item.rule)
            problems = list(checked)
        else:
            rule, problems = _checked_rule(item.rule)
        ctx = Context(self.facts, self._confirm_for(item), self._ref, self.explain)
        if problems:
            outcome = evaluate({"confirm": item.text}, ctx)
            basis = "invalid_rule"
        elif rule is None or "children" in rule:
            if item.children:
                child_values = [self.value(child) for child in item.children]
                mode = rule["children"] if rule else "all"
                value = (kleene_or if mode == "any" else kleene_and)(child_values)
                outcome = self._from_children(item, value, child_values)
                basis = "children"
            else:
                outcome = evaluate({"confirm": item.text}, ctx)
                basis = "clinician"
        else:
            outcome = evaluate(rule, ctx)
            basis = "rule"
        for child in item.children:  # sub-items are reported even when the parent's rule decides
            self.value(child)
        sentence = outcome.sentence if self.explain else ""
        if basis == "invalid_rule" and self.explain:
            sentence = "The rule for this criterion could not be used; " + sentence[0].lower() + sentence[1:]
        return CriterionResult(
            key=item.key, parent_key=item.parent_key, kind=item.kind, label=item.label, text=item.text,
            status=_STATUS[outcome.value], sentence=sentence,
            facts={k: json_value(v) for k, v in outcome.facts.items()}, basis=basis, problems=problems,
        )

    def _from_children(self, item: _Item, value: Truth, child_values: list[Truth]) -> Outcome:
        if not self.explain:
            return Outcome(value)
        deciding = [c for c, v in zip(item.children, child_values, strict=True) if v is value] or item.children
        clauses: list[str] = []
        used: dict[str, Any] = {}
        for child in deciding:
            result = self.results[child.key]
            clauses.append(result.sentence.rstrip("."))
        for child in item.children:
            used.update(self.results[child.key].facts)
        return Outcome(value, clauses, used)


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


def _items(criteria: Iterable[Any]) -> list[_Item]:
    items: list[_Item] = []
    for c in criteria:
        kind = _get(c, "kind")
        if kind not in ("inclusion", "exclusion"):
            raise ValueError(f"criterion {_get(c, 'key')!r} has kind {kind!r}; expected inclusion or exclusion")
        items.append(_Item(key=_get(c, "key"), parent_key=_get(c, "parent_key"), kind=kind,
                           label=_get(c, "label"), text=_get(c, "text") or "", rule=_get(c, "rule")))
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


def evaluate_trial(
    trial_id: str,
    criteria: Iterable[Any],
    patient: PatientProfile | Mapping[str, Any],
    *,
    confirmations: Mapping[str, Truth] | None = None,
    inclusion_logic: str = "all",
    recruitment_status: str | None = None,
    today: date | None = None,
    explain: bool = True,
) -> TrialVerdict:
    """The verdict of one trial for one patient.

    ``patient`` is a profile (facts are derived and its confirmations for ``trial_id``
    used) or an already computed facts mapping from ``derived.compute_facts`` (pass the
    trial's ``confirmations`` beside it) so a screening derives facts once for all trials.
    ``explain=False`` skips the sentences for bulk screening.
    """
    if inclusion_logic not in ("all", "any"):
        raise ValueError(f"inclusion_logic must be 'all' or 'any', not {inclusion_logic!r}")
    if isinstance(patient, PatientProfile):
        from core.patient.derived import compute_facts

        facts = compute_facts(patient, today=today)
        answers = dict(patient.confirmations.get(trial_id, {}))
        answers.update(confirmations or {})
    else:
        facts, answers = patient, dict(confirmations or {})
    items = _items(criteria)
    evaluator = _TrialEvaluator(trial_id, items, facts, answers, explain)
    evaluator.evaluate_all(items)
    results = [evaluator.results[item.key] for item in items]
    top = [item for item in items if item.parent_key is None]
    inclusions = [i for i in top if i.kind == "inclusion"]
    exclusions = [i for i in top if i.kind == "exclusion"]
    inc_values = [evaluator.values[i.key] for i in inclusions]
    inc = (kleene_or if inclusion_logic == "any" and inclusions else kleene_and)(inc_values)
    present = [i.key for i in exclusions if evaluator.values[i.key] is True]

    if inc is False or present:
        verdict = NOT_ELIGIBLE
        if inc is False:
            failing = [i.key for i in inclusions if evaluator.values[i.key] is False]
        else:
            failing = []
        deciding, to_verify = failing + present, []
    elif inc is True and all(evaluator.values[i.key] is False for i in exclusions):
        verdict, deciding, to_verify = ELIGIBLE, [], []
    else:
        verdict, deciding = POSSIBLY_ELIGIBLE, []
        open_inclusions = [i.key for i in inclusions if evaluator.values[i.key] is None] if inc is None else []
        to_verify = open_inclusions + [i.key for i in exclusions if evaluator.values[i.key] is None]
    return TrialVerdict(trial_id=trial_id, verdict=verdict, criteria=results, deciding=deciding,
                        to_verify=to_verify, inclusion_logic=inclusion_logic,
                        recruitment_status=recruitment_status)


def _shown_label(key: str, label: str | None) -> str:
    from core.trial_record import display_label

    shown = display_label(key, label)
    return key if shown == "•" else shown


def describe_verdict(verdict: TrialVerdict) -> str:
    """One line for lists: the verdict and what decided it."""
    names = {c.key: f"{c.kind} {_shown_label(c.key, c.label)}" for c in verdict.criteria}
    if verdict.verdict == NOT_ELIGIBLE:
        return sentences.join_clauses(["not eligible: " + ", ".join(names[k] for k in verdict.deciding)])
    if verdict.verdict == POSSIBLY_ELIGIBLE:
        listing = ", ".join(names[k] for k in verdict.to_verify)
        return sentences.join_clauses(["possibly eligible; to verify: " + listing])
    return "Eligible."
