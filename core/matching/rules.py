"""The rule language: small JSON expressions over patient facts, and their validation.

Forms (exactly one operator key per object):

- ``{"all": [rule, ...]}``, ``{"any": [rule, ...]}``, ``{"not": rule}``
- ``{"fact": "age_years", "op": ">", "value": 18}`` with ops ``= != < <= > >= in has``
- ``{"confirm": "question for the clinician", "id": "optional-suffix"}``; an id starting "cohort-" is one question
  of the whole trial (is the patient in this group of participants?), answered once for every criterion asking it
  (``confirm_key``)
- ``{"ref": "inc-1"}``: the result of another criterion of the same trial
- ``{"children": "all" | "any"}``: only as a parent criterion's whole rule; combine its sub-items.
  A parent with no rule combines them by ``default_children_mode``: all for an inclusion, any for an
  exclusion (one sub-item present is the exclusion present: "Patients will not be eligible if they:")
- ``{"step": {"kind": "washout", "text": "..."}, "rule": rule}``: a part the patient can satisfy
  before enrolment (a washout, stopping a drug, consent...). Today it is its sub-rule; "after the
  steps" it counts as done (see ``core.matching.verdict``). ``"drugs": "<set fact>"`` in the step
  names the patient's drugs in its text ("... (now taking: prednisone)")

``rule_problems`` lists every problem in plain words; ``validate_rule`` raises ``RuleError``.
"""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any

from core.patient import facts

OPS = ("=", "!=", "<", "<=", ">", ">=", "in", "has")
OPS_BY_TYPE = {
    "number": ("=", "!=", "<", "<=", ">", ">=", "in"),
    "date": ("=", "!=", "<", "<=", ">", ">="),
    "bool": ("=", "!="),
    "enum": ("=", "!=", "in"),
    "set": ("has",),
}
OPERATOR_KEYS = ("all", "any", "not", "fact", "confirm", "ref", "children", "step")
# a confirm id asked once per trial, whatever criterion holds it (core/criteria/extract/cohort_groups.py)
TRIAL_CONFIRM_PREFIX = "cohort-"


def confirm_key(owner: str, node_id: Any) -> str:
    """The key a confirm node's answer is kept under in a trial: the criterion's key, ``key#id`` for a node with an
    id, or ``#id`` for an id asked once per trial ("cohort-1": every criterion of that group shares the answer)."""
    if node_id is None:
        return owner
    if str(node_id).startswith(TRIAL_CONFIRM_PREFIX):
        return f"#{node_id}"
    return f"{owner}#{node_id}"


_ALLOWED_KEYS = {
    "all": {"all"}, "any": {"any"}, "not": {"not"}, "fact": {"fact", "op", "value"},
    "confirm": {"confirm", "id"}, "ref": {"ref"}, "children": {"children"}, "step": {"step", "rule"},
}
# What a patient can do before enrolment to satisfy a criterion (the step node's "kind").
STEP_KINDS = ("washout", "stop_medication", "stable_dose", "contraception", "consent", "vaccine_wait", "other")


def default_children_mode(kind: str) -> str:
    """How a parent criterion with no rule combines its sub-items: an inclusion needs all of them,
    an exclusion is present when any of them is (a list under an exclusion names alternatives)."""
    return "any" if kind == "exclusion" else "all"


class RuleError(ValueError):
    """A rule that cannot be evaluated, with every problem found."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def parse_rule(rule: Any) -> Any:
    """A rule as stored (dict, JSON text or None) as a dict or None."""
    if isinstance(rule, str):
        text = rule.strip()
        if not text:
            return None
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise RuleError([f"rule is not valid JSON: {exc.msg}"]) from None
    return rule


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and not math.isnan(value)


def _value_problem(fact: facts.Fact, op: str, value: Any) -> str | None:
    """What is wrong with ``value`` for ``fact`` under ``op``, or None."""
    if op == "in":
        if not isinstance(value, list) or not value:
            return f"'in' needs a non-empty list of values for {fact.id}"
        for item in value:
            if problem := _value_problem(fact, "=", item):
                return problem
        return None
    if fact.type == "number":
        if not _is_number(value):
            return f"{fact.id} is a number; {value!r} is not"
        if fact.minimum is not None and value < fact.minimum or fact.maximum is not None and value > fact.maximum:
            low = "-∞" if fact.minimum is None else fact.minimum
            high = "∞" if fact.maximum is None else fact.maximum
            return f"{value!r} is outside the possible range of {fact.id} ({low} to {high})"
        return None
    if fact.type == "bool":
        return None if isinstance(value, bool) else f"{fact.id} is yes/no; compare it with true or false"
    if fact.type == "enum":
        return None if value in fact.choices else f"{fact.id} is one of {', '.join(fact.choices)}; not {value!r}"
    if fact.type == "date":
        try:
            date.fromisoformat(value)
        except (TypeError, ValueError):
            return f"{fact.id} is a date; compare it with a YYYY-MM-DD date, not {value!r}"
        return None
    if fact.type == "set":
        return None if isinstance(value, str) and value else f"'has' on {fact.id} needs one code as text"
    return f"{fact.id} has an unsupported type {fact.type}"


def rule_problems(rule: Any, path: str = "rule", top: bool = True) -> list[str]:
    """Every problem in ``rule``, each naming where it is (``rule.all[1].value``)."""
    if not isinstance(rule, dict):
        return [f"{path} must be an object, not {type(rule).__name__}"]
    ops = [k for k in rule if k in OPERATOR_KEYS]
    if len(ops) != 1:
        found = ", ".join(ops) or "none"
        return [f"{path} needs exactly one of {', '.join(OPERATOR_KEYS)} (found {found})"]
    kind = ops[0]
    extra = set(rule) - _ALLOWED_KEYS[kind]
    problems = [f"{path} has unexpected key {k!r}" for k in sorted(extra)]
    body = rule[kind]
    if kind in ("all", "any"):
        if not isinstance(body, list) or not body:
            problems.append(f"{path}.{kind} must be a non-empty list of rules")
        else:
            for i, item in enumerate(body):
                problems += rule_problems(item, f"{path}.{kind}[{i}]", top=False)
    elif kind == "not":
        problems += rule_problems(body, f"{path}.not", top=False)
    elif kind == "confirm":
        if not isinstance(body, str) or not body.strip():
            problems.append(f"{path}.confirm must be the question text")
        if "id" in rule and (not isinstance(rule["id"], str) or not rule["id"]):
            problems.append(f"{path}.id must be text")
    elif kind == "ref":
        if not isinstance(body, str) or not body:
            problems.append(f"{path}.ref must be a criterion key such as 'inc-1'")
    elif kind == "step":
        problems += _step_problems(body, path)
        if "rule" not in rule:
            problems.append(f"{path}: a step needs the 'rule' it makes true")
        else:
            problems += rule_problems(rule["rule"], f"{path}.rule", top=False)
    elif kind == "children":
        if not top:
            problems.append(f"{path}: 'children' can only be a criterion's whole rule")
        if body not in ("all", "any"):
            problems.append(f"{path}.children must be 'all' or 'any'")
    else:  # fact comparison
        fact = facts.get_fact(body) if isinstance(body, str) else None
        op = rule.get("op")
        if fact is None:
            problems.append(f"{path}: unknown fact {body!r}")
        if op not in OPS:
            problems.append(f"{path}: unknown op {op!r}; use one of {' '.join(OPS)}")
        if "value" not in rule:
            problems.append(f"{path}: a comparison needs a value")
        if fact is not None and op in OPS:
            if op not in OPS_BY_TYPE[fact.type]:
                problems.append(f"{path}: op {op!r} does not apply to {fact.type} fact {fact.id} "
                                f"(use {' '.join(OPS_BY_TYPE[fact.type])})")
            elif "value" in rule and (problem := _value_problem(fact, op, rule["value"])):
                problems.append(f"{path}: {problem}")
    return problems


def _step_problems(step: Any, path: str) -> list[str]:
    if not isinstance(step, dict):
        return [f"{path}.step must be an object with 'kind' and 'text'"]
    problems = [f"{path}.step has unexpected key {k!r}" for k in sorted(set(step) - {"kind", "text", "drugs"})]
    if "drugs" in step:
        fact = facts.get_fact(step["drugs"]) if isinstance(step["drugs"], str) else None
        if fact is None or fact.type != "set":
            problems.append(f"{path}.step.drugs must name a set fact (the drugs the step is about), "
                            f"not {step['drugs']!r}")
    if step.get("kind") not in STEP_KINDS:
        problems.append(f"{path}.step.kind must be one of {', '.join(STEP_KINDS)}, not {step.get('kind')!r}")
    if not isinstance(step.get("text"), str) or not step["text"].strip():
        problems.append(f"{path}.step.text must say what is to be done before enrolment")
    return problems


def validate_rule(rule: Any) -> None:
    """Raise ``RuleError`` if ``rule`` has any problem."""
    problems = rule_problems(rule)
    if problems:
        raise RuleError(problems)


def rule_facts(rule: Any) -> set[str]:
    """Fact ids a rule reads (refs not followed): what a questionnaire must ask."""
    out: set[str] = set()
    if isinstance(rule, dict):
        if isinstance(rule.get("fact"), str):
            out.add(rule["fact"])
        for key in ("all", "any"):
            for item in rule.get(key, []) if isinstance(rule.get(key), list) else []:
                out |= rule_facts(item)
        for key in ("not", "rule"):
            if key in rule:
                out |= rule_facts(rule[key])
    return out


def has_steps(rule: Any) -> bool:
    """Whether a rule holds a step node anywhere."""
    if not isinstance(rule, dict):
        return False
    if "step" in rule:
        return True
    parts = [rule.get("not")]
    for key in ("all", "any"):
        parts += rule[key] if isinstance(rule.get(key), list) else []
    return any(has_steps(p) for p in parts)


def without_steps(rule: Any) -> tuple[Any, list[str]]:
    """The rule with each step node replaced by its sub-rule, and the steps' texts (for
    describing a rule in words as it stands today)."""
    texts: list[str] = []

    def strip(node: Any) -> Any:
        if not isinstance(node, dict):
            return node
        if "step" in node:
            step = node.get("step")
            if isinstance(step, dict) and isinstance(step.get("text"), str):
                texts.append(step["text"].strip())
            return strip(node.get("rule"))
        out = dict(node)
        for key in ("all", "any"):
            if isinstance(node.get(key), list):
                out[key] = [strip(item) for item in node[key]]
        if "not" in node:
            out["not"] = strip(node["not"])
        return out

    return strip(rule), texts
