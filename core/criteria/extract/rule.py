"""Stage 6: the rule itself: the ``Proposal`` handed to reviewers, small rule builders, exact
negation, and plain words for any rule (``describe_rule``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from core.matching.sentences import code_name, format_threshold
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

_OP_WORDS = {">": "is above", ">=": "is at least", "<": "is below", "<=": "is at most", "=": "is", "!=": "is not",
             "in": "is one of"}


def _label(fact_id: str, start: bool) -> str:
    fact = _fact_def(fact_id)
    label = fact.label if fact else fact_id
    if not start and len(label) > 1 and label[0].isupper() and label[1].islower() and not label.startswith("Sj"):
        label = label[0].lower() + label[1:]
    return label


def _value_words(fact_id: str, value: Any) -> str:
    fact = _fact_def(fact_id)
    if fact is None:
        return json.dumps(value)
    if fact.type == "set":
        return code_name(str(value))
    return format_threshold(fact, value)


def describe_rule(rule: Any, _start: bool = True) -> str:
    """Plain words for a rule: "Age is at least 18 years AND sex is female"."""
    if not isinstance(rule, dict):
        return "(not a rule)"
    if "all" in rule and isinstance(rule["all"], list):
        parts = [_wrap(r, "all", _start and i == 0) for i, r in enumerate(rule["all"])]
        return " AND ".join(parts)
    if "any" in rule and isinstance(rule["any"], list):
        parts = [_wrap(r, "any", _start and i == 0) for i, r in enumerate(rule["any"])]
        return " OR ".join(parts)
    if "not" in rule:
        inner = rule["not"]
        if isinstance(inner, dict) and "fact" in inner and inner.get("op") == "has" and inner["fact"] in REGISTRY:
            return f"{_label(inner['fact'], _start)} do not include {_value_words(inner['fact'], inner.get('value'))}"
        return ("NOT (" if _start else "not (") + describe_rule(inner, False) + ")"
    if "confirm" in rule:
        return ("The clinician confirms: " if _start else "the clinician confirms: ") + str(rule["confirm"])
    if "ref" in rule:
        return ("Criterion " if _start else "criterion ") + f"{rule['ref']} is met"
    if "children" in rule:
        which = "all" if rule["children"] == "all" else "at least one"
        return f"{which.capitalize() if _start else which} of its sub-items {'are' if which == 'all' else 'is'} met"
    if "step" in rule and isinstance(rule.get("step"), dict):
        inner = describe_rule(rule.get("rule"), _start)
        return f"{inner} [can change before enrolment: {rule['step'].get('text', '')}]"
    if "fact" in rule:
        fid = str(rule["fact"])
        fact = _fact_def(fid)
        label = _label(fid, _start)
        op, value = rule.get("op"), rule.get("value")
        if fact is not None and fact.type == "bool" and op in ("=", "!="):
            yes = bool(value) == (op == "=")
            return f"{label}: {'yes' if yes else 'no'}"
        if fact is not None and fact.type == "set":
            return f"{label} include {_value_words(fid, value)}"
        if op == "in" and isinstance(value, list):
            words = [_value_words(fid, v) for v in value]
            return f"{label} is one of {', '.join(words)}"
        return f"{label} {_OP_WORDS.get(str(op), str(op))} {_value_words(fid, value)}"
    return "(not a rule)"


def _wrap(rule: dict, parent: str, start: bool) -> str:
    text = describe_rule(rule, start)
    if isinstance(rule, dict) and (("all" in rule and parent == "any") or ("any" in rule and parent == "all")):
        return f"({text})"
    return text
