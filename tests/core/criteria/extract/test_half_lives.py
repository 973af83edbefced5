"""Washouts given in half-lives too ("within 30 days or 5 half-lives, whichever is longer"): the washout step
with its weeks, the half-life part kept as words in the step and asked of the clinician; real phrasings of
the registry corpus, and near-misses that must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.matching.evaluate import Context, evaluate
from core.matching.rule_texts import english_template
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION


def _step(rule):
    assert "step" in rule, rule
    return rule


@pytest.mark.parametrize(("text", "fact", "weeks", "words", "which"), [
    ("Use of any investigational drugs within 30 days or 5 half-lives, whichever is longer, prior to screening.",
     "drug_weeks_since:investigational_product", 4.2857, "5 half-lives", "longer"),
    ("Participation in another investigational trial within 30 days or 5 half-lives of investigational product "
     "(whichever is longer).", "drug_weeks_since:investigational_product", 4.2857,
     "5 half-lives of investigational product", "longer"),
    ("Treatment with investigational agent within 42 days prior to Cycle 1, Day 1 (or within 5 half-lives of the "
     "investigational product, whichever is longer).", "drug_weeks_since:investigational_product", 6.0,
     "5 half-lives of the investigational product", "longer"),
    ("Treatment with any biologic within 12 weeks or 5 half-lives, whichever is longer, prior to baseline",
     "drug_weeks_since:biologic", 12.0, "5 half-lives", "longer"),
    ("Treatment with an investigational drug within 5 half-lives or 30 days, whichever is longer, prior to "
     "randomization", "drug_weeks_since:investigational_product", 4.2857, "5 half-lives", "longer"),
])
def test_an_exclusion_washout_in_half_lives(text, fact, weeks, words, which):
    rule = _step(propose_rule(text, EXCLUSION).rule)
    assert rule_problems(rule) == []
    assert rule["step"]["kind"] == "washout"
    assert rule["step"]["text"].endswith(f"or {words}, whichever is {which}, before entry")
    assert english_template(rule["step"]["text"]) is not None  # translated by its template
    within, question = rule["rule"]["any"]
    assert within == {"fact": fact, "op": "<", "value": weeks}
    assert question["id"] == "half_lives" and f"within {words}" in question["confirm"]
    assert english_template(question["confirm"]) is not None
    # today: 10 weeks since the last dose of a 30-day washout may still be within 5 half-lives
    far = {fact: 20.0}
    near = {fact: 1.0}
    assert evaluate(rule, Context(far)).value is None  # never "no": the half-lives are not known
    assert evaluate(rule, Context(near)).value is True
    assert evaluate(rule, Context(near, after_steps=True), want=False).value is False  # a step never excludes


def test_the_shorter_of_two_washouts_is_within_both():
    rule = _step(propose_rule("Received any investigational drug within 4 weeks or 5 half-lives, whichever is "
                              "shorter, prior to randomization", EXCLUSION).rule)
    within, _question = rule["rule"]["all"]
    assert within["op"] == "<" and "whichever is shorter" in rule["step"]["text"]
    assert evaluate(rule, Context({"drug_weeks_since:investigational_product": 20.0})).value is False


def test_an_inclusion_without_recent_investigational_treatment():
    rule = propose_rule("No investigational agent within the longer of 30 days or 10 half-lives of the agent",
                        INCLUSION).rule
    step = _step(rule)
    past, question = step["rule"]["all"]
    assert past == {"fact": "drug_weeks_since:investigational_product", "op": ">=", "value": 4.2857}
    assert "not" in question and "10 half-lives of the agent" in question["not"]["confirm"]
    assert evaluate(rule, Context({"drug_weeks_since:investigational_product": 1.0})).value is False


@pytest.mark.parametrize(("text", "kind"), [
    ("Use of an investigational drug within 28 days or 5 half-lives.", EXCLUSION),  # which one applies?
    ("Any investigational drug with a washout < 5 half-lives prior to study entry.", EXCLUSION),
    ("Treatment with any investigational drug within 5 half-lives of that drug prior to entry into the study",
     EXCLUSION),
    ("Received any chemotherapy within 2 weeks or 3 half-lives, whichever is shorter, prior to apheresis",
     EXCLUSION),  # counted back from a procedure, not the start of the study
    ("Pregnant or use of rituximab within 30 days or 5 half-lives, whichever is longer", EXCLUSION),
    ("Use of other investigational drugs within 5 half-lives of enrollment, or until the expected pharmacodynamic "
     "effect has returned to baseline, whichever is longer", EXCLUSION),
    ("Exposure to an experimental drug within 28 days or 5 half-lives of the test agent, or twice the duration of "
     "the biological effect of the test agent, whichever is longer, prior to the first dose", EXCLUSION),
    ("Anticholinergics will be withdrawn for a period equivalent to 3 half lives of the drug before attempting the "
     "study", INCLUSION),
])
def test_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None, text
