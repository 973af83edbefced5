"""Consent items read wherever they stand (issue 16).

"Written informed consent.", "Ability to give informed consent", "Parent or guardian available to give written
informed consent" are left unread by the tree reader when a lead-in above them is not understood, when the flat list
hides cohorts, or when they sit under one group of participants. Consent is a step every participant takes before
enrolment and never a reason to exclude (``people``: the ``consent`` step), so what such an item says does not depend
on the group or the lead-in it stands under: its own reading is proposed. Only an item whose whole reading is the
consent step is (an inclusion's "give consent", an exclusion's "unwilling to give consent"); "at least 12 years of
age at the time of signing the informed consent" or "unable to provide consent" (capacity, which may exclude) keep
the tree's verdict, and so does an item inside a group of alternatives ("at least one of the following:").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from core.criteria.extract.rule import Proposal
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode

_GIVEN = {"fact": "informed_consent", "op": "=", "value": True}
_REFUSED = {"fact": "informed_consent", "op": "=", "value": False}


def is_consent_step(rule: dict, kind: str) -> bool:
    """Whether ``rule`` is the consent step alone, with the polarity its kind gives it."""
    step = rule.get("step")
    if not isinstance(step, dict) or step.get("kind") != "consent" or set(rule) != {"step", "rule"}:
        return False
    return rule["rule"] == (_GIVEN if kind == INCLUSION else _REFUSED if kind == EXCLUSION else None)


def read_anywhere(keyed: Iterable[tuple[str, str | None, CriterionNode]], out: dict[str, Proposal | None],
                  read: Callable[[str, str], Proposal | None]) -> None:
    """Fill in, in ``out``, each unread childless item whose own reading is the consent step."""
    for key, parent, node in keyed:
        if out.get(key) is not None or node.children or not node.text:
            continue
        above = out.get(parent) if parent is not None else None
        if above is not None and "children" in above.rule:
            continue  # one of several alternatives: the group decides, not this item alone
        proposal = read(node.text, node.kind)
        if proposal is not None and is_consent_step(proposal.rule, node.kind):
            out[key] = proposal
