"""What the phrasing tables of the extractor tests share: the rule pieces the readers produce for the
people facts, a fact comparison, and the check each table row goes through."""

from __future__ import annotations

from core.criteria.extract import propose_rule
from core.matching.rules import rule_problems
from core.trial_record import CriterionNode

CONTRA = {"step": {"kind": "contraception", "text": "Agree to use effective contraception"},
          "rule": {"fact": "contraception_assured", "op": "=", "value": True}}
PREGNANCY_TEST = {"step": {"kind": "other", "text": "Negative pregnancy test before enrolment"},
                  "rule": {"fact": "pregnancy_test_negative", "op": "=", "value": True}}
NOT_CBP = {"fact": "childbearing_potential", "op": "=", "value": False}
# said of "fertile patients" (men too): only a woman who cannot bear children is exempt from the step
FERTILE_CONTRA = {"any": [{"all": [{"fact": "sex", "op": "=", "value": "female"}, NOT_CBP]}, CONTRA]}
CONSENT = {"step": {"kind": "consent", "text": "Give informed consent"},
           "rule": {"fact": "informed_consent", "op": "=", "value": True}}


def f(fact, op, value):
    return {"fact": fact, "op": op, "value": value}


def now(concept: str, value: bool = True) -> dict:
    """The condition (or one below it) is present now."""
    return f(f"condition_current:{concept}", "=", value)


def ever(concept: str, value: bool = True) -> dict:
    """The condition (or one below it) is present or was."""
    return f(f"condition:{concept}", "=", value)


def assert_reads(text, kind, rule):
    """The criterion gets exactly ``rule``, and the rule is valid."""
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == rule
    assert rule_problems(proposal.rule) == []


def tree(kind: str, text: str, *children: str | CriterionNode) -> CriterionNode:
    """A criterion with sub-items (a plain string is a childless sub-item of the same kind)."""
    kids = [c if isinstance(c, CriterionNode) else CriterionNode(kind=kind, text=c) for c in children]
    return CriterionNode(kind=kind, text=text, children=kids)


def rule_of(out: dict, key: str) -> dict | None:
    """The rule ``propose_rules`` gave ``key``, or None."""
    return out[key].rule if out[key] is not None else None


def verdict_of_reading(text: str, kind: str, profile: dict) -> str:
    """The verdict a one-criterion trial gets from the automatic reading of ``text``, for a woman born in 1970
    with the given profile fields (what the reading does to a patient, not only what it says)."""
    from datetime import date

    from core.matching.verdict import evaluate_trial
    from core.patient.profile import profile_from_dict
    from core.trial_record import EXCLUSION

    proposal = propose_rule(text, kind)
    criteria = [{"key": "exc-1" if kind == EXCLUSION else "inc-1", "parent_key": None, "kind": kind, "label": "1",
                 "text": text, "rule": proposal.rule}]
    data = {"format_version": 2, "date_of_birth": "1970-01-01", "sex": "female", **profile}
    return evaluate_trial("T1", criteria, profile_from_dict(data), today=date(2026, 11, 30)).verdict


def facts_of(rule) -> list[tuple]:
    """The fact comparisons of a rule, in order: (fact, op, value)."""
    if isinstance(rule, dict):
        if "fact" in rule:
            return [(rule["fact"], rule["op"], rule["value"])]
        return [f for v in rule.values() for f in facts_of(v)]
    if isinstance(rule, list):
        return [f for r in rule for f in facts_of(r)]
    return []


def steps_of(rule) -> list[str]:
    """The kinds of the steps in a rule, in order."""
    if isinstance(rule, dict):
        own = [rule["step"]["kind"]] if "step" in rule else []
        return own + [k for key, v in rule.items() if key != "step" for k in steps_of(v)]
    if isinstance(rule, list):
        return [k for r in rule for k in steps_of(r)]
    return []


def assert_facts_and_steps(text: str, kind: str, facts: list[tuple], steps: list[str]) -> None:
    """``text`` gets a valid rule whose fact comparisons and step kinds are, in order, ``facts`` and ``steps``."""
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert facts_of(proposal.rule) == facts
    assert steps_of(proposal.rule) == steps
    assert rule_problems(proposal.rule) == []
