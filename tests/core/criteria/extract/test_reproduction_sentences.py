"""Reproductive statements in several sentences (h-repro11, ``reproduction_sentences``, ``reproduction_wording``),
each layout mined from the dev side of the corpus (the NCI and COG wordings): the reasons between the sentences
dropped, "may not participate unless they have agreed to use" read as the requirement, an inclusion's requirements
all met, an exclusion's states any. Near-misses: a sentence not understood, or of another kind, gives no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import CONTRA, FERTILE_CONTRA, NOT_CBP, assert_reads, f

PREGNANT = f("pregnant", "=", True)
LACTATING = f("lactating", "=", True)
NOT_PREGNANT_NOR_NURSING = [f("pregnant", "=", False), f("lactating", "=", False)]


@pytest.mark.parametrize("text", [
    "Non-pregnant and non-nursing. Treatment under this protocol would expose an unborn child to significant risks. "
    "Women and men of reproductive potential should agree to use an effective means of birth control.",
    "Non-pregnant and non-nursing; treatment under this protocol would expose an unborn child to significant risks; "
    "women and men of reproductive potential should agree to use an effective means of birth control",
    "Non-pregnant and not nursing, as chemotherapy is thought to present substantial risk to the fetus/infant; men and "
    "women of reproductive potential may not participate unless they have agreed to use an effective contraceptive "
    "method while in this study",
])
def test_an_inclusion_of_requirements_in_sentences_with_the_reason_between(text):
    assert_reads(text, INCLUSION, {"all": [*NOT_PREGNANT_NOR_NURSING, FERTILE_CONTRA]})


def test_an_inclusion_of_two_requirements_of_the_women():
    assert_reads("Women must not be pregnant or lactating. Women of childbearing age must use birth control while "
                 "participating in this study.", INCLUSION,
                 {"all": [*NOT_PREGNANT_NOR_NURSING, {"any": [NOT_CBP, CONTRA]}]})


@pytest.mark.parametrize("text", [
    "Pregnant women are excluded from this study because the agents used in this study have the potential for "
    "teratogenic or abortifacient effects. Because there is a potential risk for adverse events in nursing infants "
    "secondary to treatment of the mother with the chemotherapy agents, breastfeeding should also be avoided.",
    "Women that are pregnant or breastfeeding Note: Pregnant women are excluded from this study because the agents "
    "used in this study may be teratogenic to a fetus. Because there is an unknown but potential risk for adverse "
    "events in nursing infants secondary to treatment of the mother with thalidomide, breastfeeding women are also "
    "excluded from this study.",
])
def test_an_exclusion_of_states_in_sentences_with_their_reasons(text):
    assert_reads(text, EXCLUSION, {"any": [PREGNANT, LACTATING]})


def test_the_cog_requirement_after_the_states_of_an_exclusion():
    """In an exclusion the requirement not met excludes; the contraception part stays a step."""
    rule = propose_rule("Pregnant or lactating women. Men and women of reproductive potential may not participate "
                        "unless they have agreed to use an effective contraceptive method", EXCLUSION).rule
    assert rule["any"][:2] == [PREGNANT, LACTATING]
    assert rule["any"][2]["all"][1]["step"]["kind"] == "contraception"


@pytest.mark.parametrize(("text", "kind"), [
    # a sentence of another kind
    ("Not pregnant. Fertile patients must use effective contraception. No active infection.", INCLUSION),
    ("Pregnant women are excluded from this study. Patients with HIV are also excluded from this study.", EXCLUSION),
    # a sentence that names no harm to a fetus or a child is no reason, and is not dropped
    ("Non-pregnant and non-nursing. Treatment under this protocol would expose patients to significant travel. "
     "Women of childbearing age must use birth control.", INCLUSION),
    # a state in an inclusion's sentences is no requirement ("Pregnant women. Women must use birth control.")
    ("Pregnant women. Women of childbearing age must use birth control.", INCLUSION),
    # "unless" with something else than the agreement to contraception stays refused
    ("Men and women of reproductive potential may not participate unless approved by the investigator", INCLUSION),
    # a reason that names no harm to a fetus or a child may be a scope
    ("Pregnant women are excluded from this study because of the MRI. Breastfeeding should also be avoided.",
     EXCLUSION),
])
def test_near_misses_of_sentences_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize("text", [
    "Women of child-bearing potential and men must agree to use adequate contraception (hormonal or barrier method of "
    "birth control; abstinence) prior to study entry and for the duration of study participation. Should a woman "
    "become pregnant or suspect she is pregnant while participating in this study, she should inform her treating "
    "physician immediately.",
    "Women of child-bearing potential and men must agree to use adequate contraception (hormonal or barrier method of "
    "birth control) prior to study entry and for the duration of study participation; should a woman become pregnant "
    "or suspect she is pregnant while participating in this study, she should inform her treating physician "
    "immediately",
])
def test_what_a_woman_who_becomes_pregnant_must_do_is_no_criterion(text):
    assert_reads(text, INCLUSION, FERTILE_CONTRA)


def test_what_she_must_do_otherwise_stays_unread():
    assert propose_rule("Women of child-bearing potential and men must agree to use adequate contraception prior to "
                        "study entry; should a woman become pregnant or suspect she is pregnant while participating in "
                        "this study, she will be taken off study", INCLUSION) is None


FERTILE_REFUSAL = {"all": [{"any": [f("sex", "!=", "female"), f("childbearing_potential", "=", True)]},
                           {"step": CONTRA["step"], "rule": f("contraception_assured", "=", False)}]}


@pytest.mark.parametrize("text", [
    "Men and women of childbearing potential who do not practice contraception.",
    # the requirement said again in a second sentence: one rule
    "Men and women of childbearing potential who do not practice contraception. Women of childbearing potential and "
    "men must agree to use contraception prior to study entry and for the duration of study participation.",
])
def test_the_fertile_patients_of_both_sexes_without_contraception(text):
    """A man, or a woman who can bear children, without contraception: still a step, never a reason to exclude."""
    assert_reads(text, EXCLUSION, FERTILE_REFUSAL)


@pytest.mark.parametrize("text", [
    "Men and women of childbearing potential whose partners do not practice contraception.",
    "Men and women of childbearing potential who do not practice contraception. Men must not donate sperm.",
])
def test_near_misses_of_the_fertile_patients_without_contraception(text):
    assert propose_rule(text, EXCLUSION) is None


def test_at_least_one_method_is_a_method():
    assert_reads("Patients must use at least one method of contraception during the study", INCLUSION, CONTRA)


@pytest.mark.parametrize(("text", "rule"), [
    ("Not pregnant or nursing Effective contraceptive method must be used during study",
     {"all": [*NOT_PREGNANT_NOR_NURSING, CONTRA]}),
    ("Effective contraceptive method used by fertile patients", FERTILE_CONTRA),
])
def test_pdq_items_printed_without_their_line_breaks(text, rule):
    assert_reads(text, INCLUSION, rule)


def test_a_glued_item_not_understood_stays_unread():
    assert propose_rule("Not pregnant or nursing Effective contraceptive method used while on study No prior "
                        "malignancies allowed, except: basal or squamous cell skin cancer", INCLUSION) is None
    assert propose_rule("Effective contraceptive method used", INCLUSION) is None  # by whom? not said
