"""Thrombotic microangiopathies are episodes (seed-6201 audit, task h-judge10): "No evidence of hemolytic uremic
syndrome." in a mitomycin-era phase I tree was read "has or had HUS: no", excluding a patient whose childhood STEC HUS
resolved. HUS and thrombotic microangiopathy named bare now mean the episode now (``episodes.EPISODIC``); a history
word or a window keeps the old facts; "atypical HUS" (a lasting complement disease filed as a synonym of the same
concept) gets no rule, and "acute HUS" none either (the concept has a lasting form)."""

from __future__ import annotations

import pytest

from core.criteria.extract import episodes, propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import ever, f, now


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # the audit's wrong item (NCT00001579:inc-40)
    ("No evidence of hemolytic uremic syndrome.", INCLUSION, now("haemolytic_uraemic_syndrome", False)),
    ("No HUS", INCLUSION, now("haemolytic_uraemic_syndrome", False)),
    ("Hemolytic uremic syndrome", EXCLUSION, now("haemolytic_uraemic_syndrome")),
    ("No thrombotic microangiopathy", INCLUSION, now("thrombotic_microangiopathy", False)),
    # a history word or a window keeps "has or had" / the window fact
    ("History of hemolytic uremic syndrome", EXCLUSION, ever("haemolytic_uraemic_syndrome")),
    ("No history of hemolytic uremic syndrome", INCLUSION, ever("haemolytic_uraemic_syndrome", False)),
    ("Prior thrombotic microangiopathy", EXCLUSION, ever("thrombotic_microangiopathy")),
    ("Hemolytic uremic syndrome within the past year", EXCLUSION,
     f("condition_recent_years:haemolytic_uraemic_syndrome", "<", 1)),
])
def test_thrombotic_microangiopathies_are_episodes(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None and proposal.rule == rule


@pytest.mark.parametrize(("text", "kind"), [
    # the lasting form named: "has or had HUS" is broader, "HUS now" narrower
    ("Atypical hemolytic uremic syndrome", EXCLUSION),
    ("aHUS", EXCLUSION),
    ("No atypical hemolytic uremic syndrome", INCLUSION),
    # "acute" sets apart a lasting form the concept holds
    ("Acute hemolytic uremic syndrome", EXCLUSION),
    # the trial's own topic in an inclusion is no requirement
    ("Diagnosis of hemolytic uremic syndrome", INCLUSION),
])
def test_near_misses_give_no_rule(text, kind):
    assert propose_rule(text, kind) is None


def test_lasting_form_is_only_the_named_one():
    assert episodes.lasting_form("haemolytic_uraemic_syndrome", "atypical hemolytic uremic syndrome")
    assert not episodes.lasting_form("haemolytic_uraemic_syndrome", "hemolytic uremic syndrome")
    assert not episodes.lasting_form("thrombocytopenia", "atypical thrombocytopenia")
    assert "haemolytic_uraemic_syndrome" not in episodes.ACUTE_EPISODES
