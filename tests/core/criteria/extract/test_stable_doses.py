"""Stable-dose periods ("on a stable dose of methotrexate (7.5-25 mg/week) for at least 4 weeks"): the drug
or its dose as facts, the period a ``stable_dose`` step asked of the clinician (never a reason to exclude);
real phrasings of the registry corpus and near-misses that must give no rule."""

from __future__ import annotations

import pytest

from benchmarks.extraction_judge import judge
from core.criteria.extract import propose_rule
from core.matching.evaluate import Context, evaluate
from core.matching.rule_texts import english_template
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION


def _yes(fact):
    return {"fact": fact, "op": "=", "value": True}


def _stable(drug, words):
    return {"step": {"kind": "stable_dose", "text": f"Dose of {drug} stable for at least {words} before entry"},
            "rule": {"confirm": f"Has the dose of {drug} been stable for at least {words}?", "id": "stable_dose"}}


@pytest.mark.parametrize(("text", "rule"), [
    ("Stable dose of methotrexate (7.5–25 mg/week) for at least 4 weeks before baseline",
     {"all": [{"fact": "drug_dose:methotrexate", "op": ">=", "value": 7.5},
              {"fact": "drug_dose:methotrexate", "op": "<=", "value": 25}, _stable("methotrexate", "4 weeks")]}),
    ("Methotrexate at a stable dose of 15-25 mg/week for at least 4 weeks prior to baseline",
     {"all": [{"fact": "drug_dose:methotrexate", "op": ">=", "value": 15},
              {"fact": "drug_dose:methotrexate", "op": "<=", "value": 25}, _stable("methotrexate", "4 weeks")]}),
    ("On a stable dose of prednisone ≤ 10 mg/day for ≥ 4 weeks prior to randomization.",
     {"all": [{"fact": "prednisone_eq_mg_day", "op": "<=", "value": 10}, _stable("prednisone", "4 weeks")]}),
    ("Received a stable dose of methadone for a minimum of 30 days prior to study entry.",
     {"all": [_yes("drug_current:methadone"), _stable("methadone", "30 days")]}),
    ("Must be on a stable dose of MTX for at least 28 days prior to Day 1",
     {"all": [_yes("drug_current:methotrexate"), _stable("methotrexate", "28 days")]}),
    ("Treatment with stable dose of clozapine for at least 4 weeks",
     {"all": [_yes("drug_current:clozapine"), _stable("clozapine", "4 weeks")]}),
    ("stable methotrexate for >=12 weeks.",
     {"all": [_yes("drug_current:methotrexate"), _stable("methotrexate", "12 weeks")]}),
])
def test_a_stable_dose_period_is_a_step(text, rule):
    proposal = propose_rule(text, INCLUSION)
    assert proposal is not None, text
    assert proposal.rule == rule
    assert rule_problems(proposal.rule) == [] and proposal.modifiable
    step = proposal.rule["all"][-1]
    assert english_template(step["step"]["text"]) is not None  # translated by its template
    assert english_template(step["rule"]["confirm"]) is not None


def test_the_period_never_excludes_and_is_listed_until_answered():
    rule = propose_rule("Received a stable dose of methadone for a minimum of 30 days prior to study entry.",
                        INCLUSION).rule
    taking = {"drug_current:methadone": True}
    assert evaluate(rule, Context(taking)).value is None  # today: the period is not known
    after = evaluate(rule, Context(taking, after_steps=True))
    assert after.value is True and after.steps[0]["kind"] == "stable_dose" and after.steps[0]["needed"] is None
    assert evaluate(rule, Context({"drug_current:methadone": False}, after_steps=True)).value is False


def test_the_comparison_reads_the_step_as_the_readings_stable_dose():
    rule = propose_rule("Stable dose of methotrexate (7.5–25 mg/week) for at least 4 weeks before baseline",
                        INCLUSION).rule
    reading = {"drug": "methotrexate", "class": False, "time": "current", "stable_dose": [4, "weeks"],
               "dose": {"op": "between", "value": [7.5, 25], "unit": "mg/week"}}
    assert judge(rule, reading, True) == "right"
    assert judge(rule, {**reading, "stable_dose": [8, "weeks"]}, True) == "wrong"
    assert judge(rule, {k: v for k, v in reading.items() if k != "stable_dose"}, True) == "wrong"
    assert judge(rule["all"][:2], reading, True) == "wrong"  # the period dropped


@pytest.mark.parametrize(("text", "kind"), [
    # "Concurrent corticosteroids allowed if on stable dose for at least 6 weeks" is not a requirement to take them:
    # read as the period asked of those who do (test_stable_if.py)
    ("Must be on stable dose for at least 4 weeks prior to study entry", INCLUSION),  # which drug?
    ("Non-responder to methotrexate, but on a stable dose of 12.5 to 20 mg/week", INCLUSION),  # no period
    ("Stable dose of methotrexate and prednisone for 4 weeks", INCLUSION),  # two drugs
    ("Concurrent prednisone therapy allowed as long as dose is stable or decreasing over the past 4 weeks",
     INCLUSION),
    ("Must be on stable or decreasing dose of dexamethasone within 2 weeks of study.", INCLUSION),
    ("Prednisone dose up to 0.5 mg/kg/day for control of underlying disease allowed if stable dose for at least 3 "
     "weeks", INCLUSION),
    ("Stable dose of methotrexate for at least 4 weeks prior to baseline", EXCLUSION),  # a requirement
    ("Phenytoin or carbamazepine (unless on stable dose for 8 weeks prior to study entry).", EXCLUSION),
    ("Patients must be on a stable antiretroviral regimen (same drug or combination drugs;", INCLUSION),
    ("Stable disease for at least 4 weeks", INCLUSION),
])
def test_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None, text


# A dose held for a period with no word "stable" (``stable_doses._HELD``): the same step, for a floor or a range only.
@pytest.mark.parametrize(("text", "rule"), [
    ("Receiving methotrexate at a dose of 15 to 25 mg/week for at least 12 weeks",
     {"all": [{"fact": "drug_dose:methotrexate", "op": ">=", "value": 15},
              {"fact": "drug_dose:methotrexate", "op": "<=", "value": 25}, _stable("methotrexate", "12 weeks")]}),
    ("Zidovudine (AZT) = or > 300 mg/day for 6 weeks prior to study entry.",
     {"all": [{"fact": "drug_dose:zidovudine", "op": ">=", "value": 300}, _stable("zidovudine", "6 weeks")]}),
    ("Methotrexate at least 15 mg/week for at least 3 months before baseline",
     {"all": [{"fact": "drug_dose:methotrexate", "op": ">=", "value": 15}, _stable("methotrexate", "3 months")]}),
])
def test_a_dose_held_for_a_period_is_the_dose_and_a_step(text, rule):
    proposal = propose_rule(text, INCLUSION)
    assert proposal is not None, text
    assert proposal.rule == rule
    assert rule_problems(proposal.rule) == [] and proposal.modifiable


def test_a_held_dose_is_not_met_by_a_patient_not_taking_the_drug():
    rule = propose_rule("Receiving methotrexate at a dose of 15 to 25 mg/week for at least 12 weeks", INCLUSION).rule
    assert evaluate(rule, Context({"drug_dose:methotrexate": 0.0}, after_steps=True)).value is False
    assert evaluate(rule, Context({"drug_dose:methotrexate": 20.0}, after_steps=True)).value is True
    assert evaluate(rule, Context({"drug_dose:methotrexate": 30.0}, after_steps=True)).value is False


@pytest.mark.parametrize(("text", "kind"), [
    ("Prednisone <= 10 mg/day for at least 4 weeks", INCLUSION),  # a ceiling: met by not taking it
    ("Methotrexate <= 25 mg/week for at least 4 weeks", INCLUSION),
    ("Received methotrexate >= 15 mg/week for 12 weeks", INCLUSION),  # perhaps a past course
    ("Methotrexate >= 15 mg/day for at least 4 weeks", INCLUSION),  # a weekly drug per day
    ("Methotrexate >= 15 mg/kg/week for at least 4 weeks", INCLUSION),
    ("MTX >= 15 mg/week plus HCQ >= 200 mg/day for at least 12 weeks", INCLUSION),  # two drugs, one period
    ("No prior fluoxetine of 20 mg/day for 6 weeks", INCLUSION),
    ("Zidovudine at a dose of >= 1000 mg/day for >= 6 weeks prior to study entry.", EXCLUSION),  # an exposure
    ("Prior hard capsule saquinavir at 1800 mg/day for more than 1 year.", INCLUSION),
])
def test_held_dose_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None, text


def test_a_requirement_for_some_patients_only_blocks_its_items():
    from core.criteria.extract import leadins

    assert leadins.classify("Required in patients with prior ongoing therapy:", INCLUSION).role == leadins.BLOCK
    assert leadins.classify("Required:", INCLUSION).role == leadins.NEUTRAL
