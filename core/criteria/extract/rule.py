"""Stage 6: the rule itself: the ``Proposal`` handed to reviewers, small rule builders, exact
negation, and plain words for any rule (``describe_rule``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.criteria.rule_words import rule_in_words
from core.i18n import using_language
from core.patient.facts import REGISTRY


@dataclass(frozen=True)
class Proposal:
    """An automatic rule for one criterion, for a reviewer to accept or reject."""

    rule: dict
    description: str  # the rule in plain words
    pattern: str  # names of the patterns that matched, "age+informed_consent"
    span: str  # the (normalised) text the rule was read from
    confidence: float  # 0..1: 0.9 exact reading, lower when a part is left to the clinician
    # each part of the rule with the words it was read from: ({"pattern": "age", "words": "aged 18 or over"}, …)
    parts: tuple[dict, ...] = ()
    modifiable: bool = False  # holds a step the patient can take before enrolment (washout, consent …)

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "description": self.description, "pattern": self.pattern,
                "span": self.span, "confidence": self.confidence, "modifiable": self.modifiable,
                "parts": [dict(p) for p in self.parts]}


# ---------------------------------------------------------------------------------------
# small rule builders


def _fact_def(fact_id: str):
    """The fact definition of a fixed fact or of a vocabulary fact (``condition:<id>`` …), or None."""
    fact = REGISTRY.get(fact_id)
    if fact is None and ":" in fact_id:
        from core.patient.vocab_facts import fact_for

        fact = fact_for(fact_id)
    return fact


def _f(fact: str, op: str, value: Any) -> dict:
    return {"fact": fact, "op": op, "value": value}


def _yes(fact: str) -> dict:
    return _f(fact, "=", True)


def _no(fact: str) -> dict:
    return _f(fact, "=", False)


def _all(*rules: dict) -> dict:
    flat: list[dict] = []
    for r in rules:
        flat.extend(r["all"] if "all" in r else [r])
    return flat[0] if len(flat) == 1 else {"all": flat}


def _any(*rules: dict) -> dict:
    flat: list[dict] = []
    for r in rules:
        flat.extend(r["any"] if "any" in r else [r])
    return flat[0] if len(flat) == 1 else {"any": flat}


def _step(kind: str, text: str, rule: dict) -> dict:
    """A part the patient can satisfy before enrolment (docs/rules.md, "Steps before enrolment")."""
    return {"step": {"kind": kind, "text": text}, "rule": rule}


def has_step(rule: Any) -> bool:
    if isinstance(rule, dict):
        return "step" in rule or any(has_step(v) for v in rule.values())
    if isinstance(rule, list):
        return any(has_step(r) for r in rule)
    return False


def _confirm(question: str, id: str | None = None) -> dict:
    node = {"confirm": question}
    if id:
        node["id"] = id
    return node


def _part_question(part: str, id: str) -> dict:
    """The clinician question about one part of a criterion, quoting it and the whole criterion ({TEXT}, filled in by
    ``propose``); one wording, which ``core/matching/rule_texts.py`` translates by its template."""
    return _confirm(f"Does this part of the criterion apply: \u201c{part}\u201d? (Criterion: \u201c{{TEXT}}\u201d)", id)


_FLIP = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}


def negate(rule: dict) -> dict:
    """The Kleene negation of ``rule``, pushed down to comparisons where that is exact."""
    if "all" in rule:
        return _any(*[negate(r) for r in rule["all"]])
    if "any" in rule:
        return _all(*[negate(r) for r in rule["any"]])
    if "not" in rule:
        return rule["not"]
    if "step" in rule:  # the step stays; its condition is negated ("favourable" flips with it)
        return {"step": rule["step"], "rule": negate(rule["rule"])}
    if "fact" in rule:
        fact = _fact_def(rule["fact"])
        if fact is None:
            return {"not": rule}
        if fact.type == "bool" and rule["op"] == "=":
            return _f(rule["fact"], "=", not rule["value"])
        if fact.type in ("number", "enum") and rule["op"] in _FLIP:
            return _f(rule["fact"], _FLIP[rule["op"]], rule["value"])
    return {"not": rule}




# ---------------------------------------------------------------------------------------
# plain words for any rule


def describe_rule(rule: Any, _start: bool = True) -> str:
    """Plain English words for a rule: "Age is at least 18 years AND sex is female".

    English always: it is cached in ``Proposal.description`` (the stable JSON field). Where a rule
    is shown to a person, ``core.criteria.rule_words.rule_in_words`` words it in the app's language.
    """
    with using_language("en"):
        return rule_in_words(rule, _start)
