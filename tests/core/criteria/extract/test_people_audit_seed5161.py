"""The wrong readings of the people-families precision audit, seed 5161 (task h-people8,
``benchmarks/audits/precision-people-seed5161*.tsv``), fixed by cause, with the real dev-side phrasings and
near-misses that must keep their reading."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION
from tests.core.criteria.extract.phrasings import CONSENT, assert_reads, f, steps_of

NO_CONSENT = f("informed_consent", "=", False)
NO_CONSENT_STEP = {"step": CONSENT["step"], "rule": NO_CONSENT}


@pytest.mark.parametrize("text", [
    "Lack of consent capacity",  # the audit's item (NCT00001198:exc-7)
    "Patients not capable of giving an informed consent",
    "Lack of capacity to provide consent",
    "Unable to give informed consent.",
    "Patients incapable of giving informed consent.",  # a tuning item (dev), unread before
])
def test_an_inability_to_consent_is_not_a_step(text):
    """Lacking the capacity to consent is no step the patient can take: after the steps it still excludes."""
    assert_reads(text, EXCLUSION, NO_CONSENT)
    assert steps_of(propose_rule(text, EXCLUSION).rule) == []


@pytest.mark.parametrize("text", [
    "Refuse Informed Consent",
    "Patients unwilling to give informed consent",
    "Absence of informed consent",
    # an inability named beside a refusal: one fact answers both, so the step (test4, retired: NCT02392273:exc-8)
    "Unable or unwilling to provide informed consent",
    "Patient unwilling or unable to sign informed consent",
    "Inability or refusal to give informed consent",
])
def test_a_refusal_or_absence_stays_the_consent_step(text):
    """Near-misses: not an inability, so still the consent step (consent is given at the screening visit)."""
    assert_reads(text, EXCLUSION, NO_CONSENT_STEP)


@pytest.mark.parametrize("text", [
    # the audit's item (NCT00462423:exc-16): "nursing" and the contraception sentence were one "does this apply"
    "Pregnant or nursing. Use of effective means of contraception (men and women) in subjects of child-bearing "
    "potential.",
    "Pregnancy or use of adequate contraception",
])
def test_contraception_in_an_exclusion_is_not_a_part_that_applies(text):
    """A requirement written as a noun in an exclusion list is never asked as a condition (a patient who uses
    contraception would answer yes and be excluded): no rule rather than that question."""
    proposal = propose_rule(text, EXCLUSION)
    assert proposal is None or "contracept" not in str(proposal.rule).lower()


def test_not_using_contraception_is_still_a_part_that_applies():
    """Near-miss: with its negation the unread contraception part is a condition, asked as before."""
    text = "Pregnancy or lack of contraception in a man"
    rule = propose_rule(text, EXCLUSION).rule
    assert rule["any"][0] == f("pregnant", "=", True)
    assert "lack of contraception in a man" in rule["any"][1]["confirm"]


def test_a_drug_named_contraceptive_is_still_a_part_that_applies():
    """Near-miss of the fix above: "contraceptive therapy" is a drug taken, a condition like the estrogen beside it."""
    rule = propose_rule("Subjects receiving estrogen therapy or contraceptive therapy", EXCLUSION).rule
    assert "contraceptive therapy" in str(rule)


def test_an_abbreviation_is_no_sentence_break():
    """Near-miss: "St. John's wort" in a list of drugs is no second sentence."""
    assert propose_rule("Are using astemizole, cisapride, midazolam, triazolam, ergot derivatives, St. John's wort, or "
                        "drugs for a mental disorder.", EXCLUSION) is not None
