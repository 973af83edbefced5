"""Readings of h-repro11, each shape mined from the dev side of the corpus (real texts): the contraception requirement
with post-menopause or surgical sterility beside it (``reproduction_alternatives``), both sexes said so ("patients of
both genders"), "willingness of … to", and more wordings of how long the agreement lasts. Near-misses that change who
it concerns or what it asks stay unread; contraception stays a step. Also the exclusion of every woman who is
pregnant, nursing or not using contraception (``reproduction._pregnant_or_no_contraception``), read as written."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import CONTRA, FERTILE_CONTRA, assert_reads, f

PREGNANT = f("pregnant", "=", True)
LACTATING = f("lactating", "=", True)
POSTMENOPAUSAL = f("condition:postmenopausal", "=", True)
NO_CONTRA = {"step": CONTRA["step"], "rule": f("contraception_assured", "=", False)}


def _question(part: str, text: str) -> dict:
    return {"confirm": f"Does this part of the criterion apply: \u201c{part}\u201d? (Criterion: \u201c{text}\u201d)",
            "id": "rest"}


def test_post_menopausal_or_contraception_said_of_the_patients():
    """Read as written, for every patient (test8's convention); contraception stays the step."""
    assert_reads("Patients must be post-menopausal or practicing adequate contraception.", INCLUSION,
                 {"any": [POSTMENOPAUSAL, CONTRA]})


@pytest.mark.parametrize(("text", "parts"), [
    ("Females must be either post-menopausal, surgically incapable of bearing children, or practicing a medically "
     "accepted method of birth control.", [POSTMENOPAUSAL, "surgically incapable of bearing children", CONTRA]),
    ("Females who are postmenopausal, have had surgical sterilization, or use reliable means of birth control.",
     [POSTMENOPAUSAL, "have had surgical sterilization", CONTRA]),
    ("Females who use an acceptable method of birth control, are sterilized, or are at least 2 years "
     "post-menopausal.", [CONTRA, "sterilized", ">= 2 years post-menopausal"]),
])
def test_said_of_the_women_a_man_is_exempt_and_sterility_is_asked(text, parts):
    """Sterility and a length of menopause have no fact: each is a question, never guessed."""
    want = [f("sex", "=", "male")] + [_question(p, text.rstrip(".")) if isinstance(p, str) else p for p in parts]
    assert_reads(text, INCLUSION, {"any": want})


def test_said_of_the_men_a_woman_is_exempt():
    text = ("Male subjects must be surgically sterile or using an acceptable method of contraception for the duration "
            "of the study.")
    assert_reads(text, INCLUSION, {"any": [f("sex", "=", "female"), _question("surgically sterile", text[:-1]),
                                           CONTRA]})


@pytest.mark.parametrize(("text", "kind"), [
    # a condition on who must agree
    ("Female participants must be postmenopausal for at least 1 year, surgically sterile, abstinent, or, if sexually "
     "active, agree to practice an effective method of birth control before entry and throughout the study", INCLUSION),
    # no contraception alternative, or its refusal
    ("Patients must be post-menopausal or surgically sterile.", INCLUSION),
    ("Patients must be post-menopausal or not practicing contraception.", INCLUSION),
    # an alternative not understood
    ("Patients must be post-menopausal, abstinent, or practicing adequate contraception.", INCLUSION),
    # the requirement in an exclusion list: not read by this reader
    ("Patients must be post-menopausal or practicing adequate contraception.", EXCLUSION),
])
def test_near_misses_of_the_alternatives_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "rule"), [
    ("Patients of both genders must be willing to practice effective birth control during this trial.", CONTRA),
    ("Both male and female patients must practice effective contraception while on study and for four months "
     "following its conclusion.", CONTRA),
    ("Agree to use effective birth control while on study drugs and for 60 days after stopping study drugs.", CONTRA),
    ("Willingness of men and women of childbearing potential to practice an adequate method of birth control during "
     "the study and for 3 months afterwards.", FERTILE_CONTRA),
])
def test_more_wordings_of_who_and_how_long(text, rule):
    """Both sexes said so are every patient; how long the agreement lasts is part of it, as the readers already had
    it ("during and for 3 months after the study")."""
    assert_reads(text, INCLUSION, rule)


@pytest.mark.parametrize("text", [
    "Willingness of partners to use effective contraception during the study.",
    "Patients of both genders and their partners must use effective birth control during this trial.",
    "Agree to use effective birth control until a pregnancy is desired.",
    "Willingness of men to practice effective birth control if sexually active.",
])
def test_near_misses_of_who_and_how_long_stay_unread(text):
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize("text", [
    "Females who are pregnant, nursing, or not using a reliable method of birth control.",
    "Female subjects who are pregnant, nursing, or not using reliable method of contraception.",
    "Women who are pregnant, nursing or not using a reliable form of birth control.",
    "Pregnant or nursing females, or females who are not practicing a medically accepted form of contraception.",
])
def test_every_woman_pregnant_nursing_or_without_contraception(text):
    """Said of every woman, the contraception part is read as written (no childbearing exception the text does not
    state) and stays a step: agreeing to it is never a reason to exclude."""
    assert_reads(text, EXCLUSION, {"any": [PREGNANT, LACTATING, {"all": [f("sex", "=", "female"), NO_CONTRA]}]})


@pytest.mark.parametrize("text", [
    # the contraception part may be said of the pregnant ones only
    "Pregnant or lactating females who are not using a reliable method of birth control.",
    # said of every patient, or of the men: not the women's statement
    "Patients who are pregnant, nursing, or not using a reliable method of birth control.",
    # a condition on who it concerns
    "Females who are pregnant, nursing, or not using a reliable method of birth control if sexually active.",
    # the states first, then other people
    "Pregnant or lactating females, or males who are not practicing a medically accepted form of contraception.",
])
def test_near_misses_of_the_womens_states_stay_unread(text):
    assert propose_rule(text, EXCLUSION) is None


@pytest.mark.parametrize(("text", "words"), [
    ("Fertile patients must use effective nonhormonal contraception", "nonhormonal"),
    ("Patients must use a non-hormonal method of contraception during the study", "non-hormonal method"),
])
def test_a_nonhormonal_method_is_asked_as_a_barrier_method_is(text, words):
    """The fact says only that contraception is assured (any method): a patient on the pill must not meet it
    silently."""
    rule = propose_rule(text, INCLUSION).rule
    assert f"\u201c{words}\u201d" in str(rule) and "'id': 'method'" in str(rule)


@pytest.mark.parametrize("text", [
    "Females of childbearing potential agree to use an approved form of birth control or to abstain from sexual "
    "activity during the study.",
    "Women of childbearing potential must agree to use effective contraception or remain abstinent during the study.",
])
def test_abstinence_said_after_the_method_is_a_method_too(text):
    assert_reads(text, INCLUSION, {"any": [f("childbearing_potential", "=", False), CONTRA]})


@pytest.mark.parametrize("text", [
    "Patients must agree to use effective contraception or to abstain from alcohol during the study.",
    "Females of childbearing potential agree to use effective contraception or to stop breastfeeding.",
])
def test_near_misses_of_abstinence_stay_unread(text):
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize(("text", "rule"), [
    ("Women of childbearing age must agree to avoid becoming pregnant while on study and for 4 months afterwards.",
     {"any": [f("childbearing_potential", "=", False), CONTRA]}),
    # said of the men too: every patient's step
    ("Agree not to become pregnant or make anyone else pregnant while on study drugs and for 60 days after stopping "
     "drugs.", CONTRA),
    # not to become pregnant alone concerns no man
    ("Agree not to become pregnant during the study.", {"any": [f("sex", "=", "male"), CONTRA]}),
])
def test_the_agreement_not_to_become_pregnant_is_the_contraception_step(text, rule):
    assert_reads(text, INCLUSION, rule)


@pytest.mark.parametrize(("text", "kind"), [
    ("Agree not to become pregnant for 5 years.", INCLUSION),  # a period beyond the study's: not said how
    ("Agree not to become pregnant during the study.", EXCLUSION),  # a requirement is no exclusion
    ("Sexually active women must agree to avoid becoming pregnant during the study.", INCLUSION),  # a condition
])
def test_near_misses_of_not_becoming_pregnant_stay_unread(text, kind):
    assert propose_rule(text, kind) is None
