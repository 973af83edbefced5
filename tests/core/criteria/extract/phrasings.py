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
