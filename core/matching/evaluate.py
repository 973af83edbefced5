"""Three-valued evaluation of one rule against a patient's facts.

A missing fact is unknown (None), never false; ``all``/``any``/``not`` follow Kleene
logic. Each evaluation returns an ``Outcome``: the truth value, the clauses that decided
it (for the clinician's sentence) and the facts it read with their values.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.i18n import _, pgettext
from core.matching import sentences
from core.matching.rule_texts import rule_text
from core.patient import facts as registry
from core.patient.kleene import Truth, kleene_and, kleene_not, kleene_or
from core.patient.values import FactSet, Range


@dataclass
class Outcome:
    """The result of evaluating a rule."""

    value: Truth
    clauses: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)  # fact id -> value read (None = unknown)
    steps: list[dict[str, Any]] = field(default_factory=list)  # {kind, text, needed} (after-steps world)

    @property
    def sentence(self) -> str:
        return sentences.join_clauses(self.clauses)


@dataclass
class Context:
    """What a rule can see besides facts: the clinician's answers and other criteria."""

    facts: Mapping[str, Any]
    confirm: Callable[[str | None], Truth] = lambda _id: None  # answer for a confirm node (its id or None)
    ref: Callable[[str], tuple[Truth, str, list[dict[str, Any]]]] | None = None  # key -> (value, clause, steps)
    explain: bool = True
    after_steps: bool = False  # step nodes count as done (their favourable value)


def _bounds(value: Any) -> tuple[float, float]:
    if isinstance(value, Range):
        return value.low, value.high
    return value, value


def compare(value: Any, op: str, threshold: Any) -> Truth:
    """``value op threshold`` in three-valued logic; ``value`` may be a Range or FactSet."""
    if value is None:
        return None
    if op == "has":
        if isinstance(value, FactSet):
            return value.has(threshold)
        return threshold in value
    if op == "in":
        return kleene_or(compare(value, "=", item) for item in threshold)
    if isinstance(value, date) and isinstance(threshold, str):
        threshold = date.fromisoformat(threshold)
    if isinstance(value, Range):
        low, high = _bounds(value)
        if op == "=":
            return True if low == high == threshold else (False if not low <= threshold <= high else None)
        if op == "!=":
            return kleene_not(compare(value, "=", threshold))
        # The comparison holds for every possible value, for none, or the range straddles it.
        at_low, at_high = compare(low, op, threshold), compare(high, op, threshold)
        return at_low if at_low == at_high else None
    if op == "=":
        return value == threshold
    if op == "!=":
        return value != threshold
    if op == "<":
        return value < threshold
    if op == "<=":
        return value <= threshold
    if op == ">":
        return value > threshold
    if op == ">=":
        return value >= threshold
    raise ValueError(f"unknown op {op!r}")


def _step_text(step: Mapping[str, Any], facts: Mapping[str, Any]) -> str:
    """The step's text, naming the patient's drugs when the step says which set fact holds them."""
    text = rule_text(step["text"].strip())  # in the active language (a curated or generated text)
    drugs = facts.get(step.get("drugs", ""))
    if isinstance(drugs, FactSet) and drugs.items:
        names = pgettext("list separator", ", ").join(_drug_name(d) for d in sorted(drugs.items))
        text = _("{step} (now taking: {drugs})").format(step=text.rstrip("."), drugs=names)
    return text


def _drug_name(generic: str) -> str:
    """A generic drug name in the active language (the drug vocabulary's Chinese or Japanese name)."""
    from core.patient.fact_labels import local_name
    from core.vocab import drugs

    concept = next((c for c in drugs.lookup(generic) if c.kind == "drug"), None)
    return local_name(concept, generic) if concept is not None else generic


def merge_steps(*groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Steps in order, each (kind, text) once; ``needed`` is true if any copy says so."""
    steps: list[dict[str, Any]] = []
    for group in groups:
        for step in group:
            same = next((s for s in steps if (s["kind"], s["text"]) == (step["kind"], step["text"])), None)
            if same is None:
                steps.append(dict(step))
            elif step["needed"]:
                same["needed"] = True
    return steps


def evaluate(rule: Mapping[str, Any], ctx: Context, want: bool = True) -> Outcome:
    """Evaluate a validated rule (see ``rules.validate_rule``). ``want`` is the value that
    favours the patient here (True in an inclusion, False in an exclusion): a step node
    takes it in the after-steps world."""
    if "fact" in rule:
        fact_id, op, threshold = rule["fact"], rule["op"], rule["value"]
        value = ctx.facts.get(fact_id)
        result = compare(value, op, threshold)
        if isinstance(value, Range) and value.exact is not None:
            value = value.exact
        clause = []
        if ctx.explain:
            clause = [sentences.comparison_clause(registry.get_fact(fact_id), op, threshold, value, result)]
        return Outcome(result, clause, {fact_id: value})
    if "all" in rule or "any" in rule:
        is_all = "all" in rule
        parts = [evaluate(item, ctx, want) for item in rule["all" if is_all else "any"]]
        value = (kleene_and if is_all else kleene_or)(p.value for p in parts)
        used: dict[str, Any] = {}
        for p in parts:
            used.update(p.facts)
        # The deciding parts: for all, the False ones when False; for any, the True ones when True;
        # otherwise the unknown ones (what is left to find out), or every part when all agree.
        deciding = [p for p in parts if p.value is value] or parts
        clauses = [c for p in deciding for c in p.clauses]
        return Outcome(value, clauses, used, merge_steps(*(p.steps for p in parts)))
    if "not" in rule:
        inner = evaluate(rule["not"], ctx, not want)
        return Outcome(kleene_not(inner.value), inner.clauses, inner.facts, inner.steps)
    if "step" in rule:
        inner = evaluate(rule["rule"], ctx, want)
        if not ctx.after_steps:
            return Outcome(inner.value, inner.clauses, inner.facts)
        # Still needed: definitely (true) when the sub-rule is against the patient today, perhaps
        # (None: "unless already done") when it is unknown today.
        step = {"kind": rule["step"]["kind"], "text": _step_text(rule["step"], ctx.facts),
                "needed": True if inner.value is (not want) else None}
        needed = [step] if inner.value is not want else []
        clause = [_("before enrolment: {step}").format(step=step["text"])] if ctx.explain else []
        return Outcome(want, clause, inner.facts, merge_steps(inner.steps, needed))
    if "confirm" in rule:
        question = rule_text(rule["confirm"].strip())
        answer = ctx.confirm(rule.get("id"))
        if not ctx.explain:
            return Outcome(answer)
        if answer is True:
            clause = _("the clinician confirmed: {question}").format(question=question)
        elif answer is False:
            clause = _("the clinician answered no to: {question}").format(question=question)
        else:
            clause = _("to be confirmed by the clinician: {question}").format(question=question)
        return Outcome(answer, [clause])
    if "ref" in rule:
        if ctx.ref is None:
            return Outcome(None, [_("criterion {key} cannot be consulted here").format(key=rule["ref"])])
        value, clause, steps = ctx.ref(rule["ref"])
        return Outcome(value, [clause] if ctx.explain else [], steps=list(steps))
    raise ValueError(f"not an evaluable rule: {sorted(rule)}")


def json_value(value: Any) -> Any:
    """A fact value in the form JSON output uses."""
    if isinstance(value, Range | FactSet):
        return value.to_json()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isinf(value):
            return "never"
        return int(value) if value.is_integer() else round(value, 4)
    return value
