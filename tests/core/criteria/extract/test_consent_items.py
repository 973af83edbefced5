"""Consent items read wherever they stand (core/criteria/extract/consent_items.py): a lead-in not understood or a
group's heading leaves other items unread, but an item that says only "give consent" is the consent step anyway."""

from __future__ import annotations

from core.criteria.extract import propose_rules
from core.criteria.extract.consent_items import is_consent_step, read_anywhere
from core.criteria.extract.rule import Proposal
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode
from tests.core.criteria.extract.phrasings import tree

GIVE = {"step": {"kind": "consent", "text": "Give informed consent"},
        "rule": {"fact": "informed_consent", "op": "=", "value": True}}


def _rules(criteria) -> dict:
    return {key: (p.rule if p is not None else None) for key, p in propose_rules(criteria).items()}


def test_a_consent_item_under_a_leadin_not_understood_is_the_consent_step():
    out = _rules([tree(INCLUSION, "Qualifications to eligibility:", "Written informed consent.", "Age 18 or older.",
                       "At least 12 years of age at the time of signing the informed consent"),
                  tree(EXCLUSION, "Qualifications to eligibility:", "Unable to provide informed consent",
                       "Unwilling to sign informed consent")])
    assert out["inc-1.1"] == GIVE
    assert out["inc-1.2"] is None  # the lead-in still blocks everything else
    assert out["inc-1.3"] is None  # an age "at the time of signing the consent" is an age, not the step
    assert out["exc-1.1"] is None  # inability to consent is capacity, which may exclude: the tree's verdict stands
    assert out["exc-1.2"] == {**GIVE, "rule": {"fact": "informed_consent", "op": "=", "value": False}}


def test_a_consent_item_among_alternatives_is_left_to_its_group():
    child = CriterionNode(INCLUSION, "Written informed consent of a parent or guardian.")
    parent = CriterionNode(INCLUSION, "At least one of the following:", children=[child])
    keyed = [("inc-1", None, parent), ("inc-1.1", "inc-1", child)]
    given = Proposal(rule=GIVE, description="", pattern="consent", span="", confidence=0.9)
    read = {"Written informed consent of a parent or guardian.": given}.get

    out = {"inc-1": Proposal(rule={"children": "any"}, description="", pattern="children_any", span="",
                             confidence=0.9), "inc-1.1": None}
    read_anywhere(keyed, out, lambda text, kind: read(text))
    assert out["inc-1.1"] is None  # one alternative of several: the group decides

    out = {"inc-1": None, "inc-1.1": None}  # the same item under a lead-in that is no group of alternatives
    read_anywhere(keyed, out, lambda text, kind: read(text))
    assert out["inc-1.1"] is given


def test_is_consent_step_checks_the_polarity_of_the_kind():
    assert is_consent_step(GIVE, INCLUSION)
    assert not is_consent_step(GIVE, EXCLUSION)
    assert not is_consent_step({"fact": "informed_consent", "op": "=", "value": True}, INCLUSION)  # no step
    assert not is_consent_step({**GIVE, "confirm": "x"}, INCLUSION)
