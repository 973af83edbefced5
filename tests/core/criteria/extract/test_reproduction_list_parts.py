"""More wordings of a list of reproductive states (h-repro11, ``reproduction_lists``), mined from the dev side of the
corpus: "pregnant /lactating", a later part that names its people again ("or who plan to …", "or those planning to
…"), "the wish to become pregnant". A plan with no 6-month period stays a question for the clinician."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads, f

PREGNANT = f("pregnant", "=", True)
LACTATING = f("lactating", "=", True)


def _plan(part: str, text: str) -> dict:
    return {"confirm": f"Does this part of the criterion apply: \u201c{part}\u201d? (Criterion: \u201c{text}\u201d)",
            "id": "rest"}


def test_a_slash_with_a_space():
    assert_reads("Pregnant /Lactating women", EXCLUSION, {"any": [PREGNANT, LACTATING]})
    assert_reads("Not pregnant/lactating", INCLUSION, {"all": [f("pregnant", "=", False), f("lactating", "=", False)]})


@pytest.mark.parametrize(("text", "plan"), [
    ("Female subjects who are pregnant, possibly pregnant, or lactating, or who plan to become pregnant",
     "plan to become pregnant"),
    ("Pregnant or breastfeeding women, or those planning to become pregnant during the study",
     "planning to become pregnant during the study"),
])
def test_a_later_part_naming_its_people_again(text, plan):
    assert_reads(text, EXCLUSION, {"any": [PREGNANT, LACTATING, _plan(plan, text)]})


def test_the_wish_to_become_pregnant_is_asked():
    text = "Pregnancy or the wish to become pregnant during the study period"
    assert_reads(text, EXCLUSION, {"any": [PREGNANT, _plan("the wish to become pregnant during the study period",
                                                            text)]})


@pytest.mark.parametrize("text", [
    "Pregnant women, or who smoke",  # another kind of part
    "Pregnant or lactating women, or those who are not using contraception",  # every woman, or the fertile ones?
    "Those planning to become pregnant",  # a plan alone: the question would say no more than the criterion
])
def test_near_misses_stay_unread(text):
    assert propose_rule(text, EXCLUSION) is None
