"""Condition and drug statements read as vocabulary facts, with ConText as a guard."""

from __future__ import annotations

import pytest

from core.criteria.extract.treatments import _vocab_drug
from core.criteria.extract.vocab_atoms import _vocab_condition
from core.matching.rules import rule_problems


@pytest.mark.parametrize(("text", "rule"), [
    ("history of stroke", {"fact": "condition:stroke", "op": "=", "value": True}),
    ("known lymphoma", {"fact": "condition:lymphoma", "op": "=", "value": True}),
    ("lymphoma or leukemia", {"any": [{"fact": "condition:lymphoma", "op": "=", "value": True},
                                      {"fact": "condition:leukaemia", "op": "=", "value": True}]}),
])
def test_condition_statements(text, rule):
    atom = _vocab_condition(text, "cond")
    assert atom is not None and atom.rule == rule
    assert rule_problems(atom.rule) == []


@pytest.mark.parametrize("text", [
    "suspected lupus", "family history of lupus", "active lymphoma", "lymphoma of the skin", "pregnancy",
    "lymphoma except asthma", "lymphoma except those treated more than 5 years ago", "no lymphoma",
])
def test_condition_refusals(text):
    assert _vocab_condition(text, "cond") is None


def test_condition_list_as_an_inclusion_requirement_is_not_decided():
    assert _vocab_condition("lymphoma, leukemia", "req") is None  # all or any?
    assert _vocab_condition("lymphoma and leukemia", "req") is None
    assert _vocab_condition("lymphoma or leukemia", "req").rule["any"]  # "or" is any
    assert _vocab_condition("lymphoma", "req") is not None


def test_drug_window_is_a_washout_step_in_an_exclusion_only():
    cond = _vocab_drug("methotrexate within the past 6 months", "cond").rule
    assert cond["step"]["kind"] == "washout"
    assert cond["rule"] == {"fact": "drug_weeks_since:methotrexate", "op": "<", "value": 26.0}
    req = _vocab_drug("methotrexate within the past 6 months", "req").rule
    assert req == cond["rule"]


def test_current_drug_in_an_exclusion_is_a_stop_step():
    rule = _vocab_drug("concomitant use of rituximab", "cond").rule
    assert rule == {"step": {"kind": "stop_medication", "text": "Stop rituximab"},
                    "rule": {"fact": "drug_current:rituximab", "op": "=", "value": True}}


def test_prior_use_is_ever():
    assert _vocab_drug("prior treatment with a tnf inhibitor", "cond").rule == {
        "fact": "drug_ever:tnf_inhibitor", "op": "=", "value": True}


@pytest.mark.parametrize("text", [
    "methotrexate", "methotrexate at a stable dose", "dmard other than methotrexate", "failed methotrexate",
    "prednisone > 10 mg/day", "current use of zinc-containing lozenges",  # no such concept
])
def test_drug_refusals(text):
    assert _vocab_drug(text, "cond") is None


def test_allergy_to_a_named_drug_or_class():
    from core.criteria.extract.vocab_atoms import _vocab_allergy

    assert _vocab_allergy("known allergy to methotrexate", "cond").rule == {
        "fact": "allergy:methotrexate", "op": "=", "value": True}
    assert _vocab_allergy("hypersensitivity to the study drug", "cond") is None
    assert _vocab_allergy("intolerance to methotrexate", "cond") is None


def test_a_vaccine_window_is_a_vaccine_wait():
    rule = _vocab_drug("receipt of a live vaccine within 4 weeks", "cond").rule
    assert rule["step"]["kind"] == "vaccine_wait"
    assert rule["rule"] == {"fact": "drug_weeks_since:live_vaccine", "op": "<", "value": 4.0}


def test_words_of_the_concept_name_are_not_refusal_words():
    assert _vocab_condition("chronic kidney disease", "cond").rule == {
        "fact": "condition:chronic_kidney_disease", "op": "=", "value": True}
    assert _vocab_condition("chronic lymphoma", "cond") is None


@pytest.mark.parametrize(("text", "fact"), [
    # the skin written between the cell type and "carcinoma" (h-cond11)
    ("History of malignancy other than basal cell or squamous cell cancer of the skin",
     "condition_other_than:malignancy|basal_cell_carcinoma,cutaneous_squamous_cell_carcinoma"),
    ("Malignancy other than basal or squamous cell skin carcinoma",
     "condition_other_than:malignancy|basal_cell_carcinoma,cutaneous_squamous_cell_carcinoma"),
    ("Malignancy other than nonmelanoma skin carcinoma", "condition_other_than:malignancy|non_melanoma_skin_cancer"),
])
def test_skin_cancers_named_with_the_skin_in_the_middle(text, fact):
    from core.criteria.extract import propose_rule
    from core.trial_record import EXCLUSION

    assert propose_rule(text, EXCLUSION).rule == {"fact": fact, "op": "=", "value": True}

