"""The catalog's automatic rules read each item with its lead-ins (core.catalog.proposals), as the
extraction benchmark does: "Pregnancy" under "None of the following:" is not a requirement to be pregnant."""

from __future__ import annotations

import json

import pytest

from core.catalog import database
from core.catalog.curation import propose_automatic_rules
from core.catalog.models import Criterion
from core.catalog.proposals import proposal_in_context
from core.catalog.review_batch import identical_criteria
from core.catalog.store import save_record
from core.matching.verdict import evaluate_trial
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, TrialRecord

TRIAL = "NCT09000001"


def record() -> TrialRecord:
    none_of = CriterionNode(INCLUSION, "None of the following:",
                            children=[CriterionNode(INCLUSION, "Pregnancy"), CriterionNode(INCLUSION, "Lactation")])
    volunteers = CriterionNode(INCLUSION, "Healthy volunteers:", children=[CriterionNode(INCLUSION, "Pregnancy")])
    return TrialRecord(title="Lead-ins", registry_ids=[TRIAL], source_format="test", criteria=[
        CriterionNode(INCLUSION, "Age 18 years or older"), none_of, volunteers,
        CriterionNode(EXCLUSION, "Pregnancy")])


@pytest.fixture()
def catalog(tmp_path):
    database.connect(tmp_path / "catalog.sqlite", create=True)
    save_record(record())
    propose_automatic_rules([TRIAL])
    yield
    database.close()


def rules() -> dict[str, object]:
    rows = Criterion.select().where(Criterion.trial == TRIAL)
    return {r.key: (json.loads(r.rule) if isinstance(r.rule, str) else r.rule) for r in rows}


def test_items_are_read_with_their_lead_ins(catalog):
    got = rules()
    assert got["inc-1"] == {"fact": "age_years", "op": ">=", "value": 18}
    # under "None of the following:" each item is an exclusion in effect: not pregnant
    assert got["inc-2.1"] is not None and got["inc-2.1"] != got["exc-1"]
    assert got["inc-3.1"] is None  # a scoped group ("Healthy volunteers:"): nothing is proposed
    rows = [{"key": r.key, "parent_key": r.parent_key, "kind": r.kind, "label": r.label, "text": r.text,
             "rule": r.rule} for r in Criterion.select().where(Criterion.trial == TRIAL)]
    pregnant = evaluate_trial(TRIAL, rows, {"age_years": 30, "pregnant": True, "lactating": False})
    assert pregnant.criterion("inc-2.1").status == "not_met" and pregnant.verdict == "not_eligible"


def test_the_review_screen_and_identical_criteria_use_the_proposal_in_context(catalog):
    assert proposal_in_context(TRIAL, "inc-3.1") is None
    in_tree = proposal_in_context(TRIAL, "inc-2.1")
    assert in_tree is not None and in_tree.rule == rules()["inc-2.1"]
    assert identical_criteria(TRIAL, "inc-3.1") == []
