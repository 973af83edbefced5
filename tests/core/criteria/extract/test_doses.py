"""Drug dose limits (``doses``, ``steroid_doses``): "hydroxychloroquine at > 400 mg/day" and "corticosteroids in
doses equivalent to > 10 mg/d prednisone"; a dose of a drug the patient does not take is 0, so a floor is not met
and a limit in an exclusion is not present; near-misses that must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.matching.evaluate import Context, evaluate
from core.trial_record import EXCLUSION, INCLUSION


@pytest.mark.parametrize(("text", "kind", "rule"), [
    ("Hydroxychloroquine at > 400 mg/day", EXCLUSION,
     {"fact": "drug_dose:hydroxychloroquine", "op": ">", "value": 400}),
    ("Acyclovir at > 1 g/day", EXCLUSION, {"fact": "drug_dose:aciclovir", "op": ">", "value": 1000}),
    ("Corticosteroids in doses equivalent to over 10 mg/d prednisone", EXCLUSION,
     {"fact": "prednisone_eq_mg_day", "op": ">", "value": 10}),
    ("Glucocorticoids at doses equivalent to > 7.5 mg/day prednisolone", EXCLUSION,
     {"fact": "prednisone_eq_mg_day", "op": ">", "value": 7.5}),
    ("No corticosteroids in doses equivalent to more than 10 mg/day of prednisone", INCLUSION,
     {"fact": "prednisone_eq_mg_day", "op": "<=", "value": 10}),
])
def test_dose_limits(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == rule


def test_a_drug_not_taken_meets_no_floor_and_no_excluding_limit():
    floor = propose_rule("Methotrexate 15-25 mg/week", INCLUSION).rule
    assert evaluate(floor, Context({"drug_dose:methotrexate": 0.0})).value is False
    limit = propose_rule("Corticosteroids in doses equivalent to over 10 mg/d prednisone", EXCLUSION).rule
    assert evaluate(limit, Context({"prednisone_eq_mg_day": 0.0})).value is False
    assert evaluate(limit, Context({"prednisone_eq_mg_day": 15.0})).value is True


@pytest.mark.parametrize(("text", "kind"), [
    ("Oral acyclovir at > 1 g/day", EXCLUSION),  # a route the dose fact does not know
    ("Intolerance to zidovudine at 500 mg/day", EXCLUSION),
    ("Corticosteroids in doses equivalent to over 10 mg prednisone", EXCLUSION),  # per day?
    ("Corticosteroids in doses equivalent to less than 10 mg/d prednisone", EXCLUSION),  # a ceiling
    ("Corticosteroids in doses equivalent to over 10 mg/d dexamethasone", EXCLUSION),
    ("Chronic corticosteroids in doses equivalent to over 10 mg/d prednisone", EXCLUSION),
    ("Opioids in doses equivalent to > 10 mg/day morphine", EXCLUSION),
    ("Corticosteroids in doses equivalent to over 10 mg/d prednisone within 4 weeks", EXCLUSION),
])
def test_dose_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None, text
