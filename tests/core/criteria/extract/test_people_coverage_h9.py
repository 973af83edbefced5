"""Coverage of the people families (task h-people9), each shape mined from the dev side of the corpus (real texts):
the reason a trial gives for excluding pregnancy, the women a pregnancy statement concerns said again, the
contraception requirement said of the men, of every woman, in the passive or as a noun, a pregnancy test said of every
woman, consent's filler words and the tails that only say "excluded". Near-misses stay unread; consent and
contraception stay steps."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import (
    CONTRA,
    FERTILE_CONTRA,
    NOT_CBP,
    PREGNANCY_TEST,
    assert_facts_and_steps,
    assert_reads,
    f,
)

PREGNANT = f("pregnant", "=", True)
LACTATING = f("lactating", "=", True)


@pytest.mark.parametrize(("text", "rule"), [
    ("Pregnant or lactating individuals, since the effects of hyperoxia on the fetus are unclear.",
     {"any": [PREGNANT, LACTATING]}),
    ("Patients who are pregnant or lactating; vincristine can cause fetal harm", {"any": [PREGNANT, LACTATING]}),
    ("Is pregnant (because X-rays might injure a fetus).", PREGNANT),
    ("Pregnant or breast feeding patients, as the drug may be harmful to the fetus or nursing infant.",
     {"any": [PREGNANT, LACTATING]}),
    ("Pregnant or lactating women due to the unknown risk to the unborn child", {"any": [PREGNANT, LACTATING]}),
    ("Current Pregnancy in females.", PREGNANT),
    ("Ongoing pregnancy", PREGNANT),
    ("Pregnancy or nursing for female patients.", {"any": [PREGNANT, LACTATING]}),
])
def test_an_exclusion_of_pregnancy_with_its_reason_or_its_women(text, rule):
    """Why a pregnancy excludes, and the women it concerns said again, change nothing."""
    assert_reads(text, EXCLUSION, rule)


def test_an_inclusion_not_pregnant_without_its_subject():
    assert_reads("Are not breast-feeding.", INCLUSION, f("lactating", "=", False))
    assert_reads("Are not pregnant.", INCLUSION, f("pregnant", "=", False))


def test_an_inclusion_not_pregnant_with_the_women_or_the_reason():
    assert_reads("For females, not pregnant.", INCLUSION, f("pregnant", "=", False))
    assert_reads("No patients who are pregnant (because of possible side effects on the fetus).", INCLUSION,
                 f("pregnant", "=", False))


@pytest.mark.parametrize(("text", "kind"), [
    # "as well as" lists another state, not a reason
    ("Pregnant women as well as women nursing infants", EXCLUSION),
    # the tail is how the pregnancy is found, not why it excludes
    ("Pregnancy as verified by a positive pregnancy test or nursing woman", EXCLUSION),
    # a reason with no harm to a fetus or a child named may be a scope ("… for those who need an MRI")
    ("Pregnancy, since the study requires an MRI with contrast", EXCLUSION),
    # "if female" restricts a contraception requirement: not dropped there
    ("Are breast-feeding or pregnant or not using birth control, if a female.", EXCLUSION),
])
def test_tails_that_are_no_reason_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


MEN_EXEMPT = f("sex", "=", "female")
WOMEN_EXEMPT = f("sex", "=", "male")


@pytest.mark.parametrize(("text", "rule"), [
    ("Fertile male patients must use effective contraception", {"any": [MEN_EXEMPT, CONTRA]}),
    ("Men must use effective contraception during and for 3 months after study", {"any": [MEN_EXEMPT, CONTRA]}),
    ("Women must agree to use contraception", {"any": [WOMEN_EXEMPT, CONTRA]}),
    ("female participants must use appropriate contraception", {"any": [WOMEN_EXEMPT, CONTRA]}),
    ("Women must be taking appropriate birth control measures.", {"any": [WOMEN_EXEMPT, CONTRA]}),
    ("Effective contraceptive method must be used during study", CONTRA),
    ("Effective contraceptive method must be used for the duration of the study", CONTRA),
    ("Use of acceptable method of birth control.", CONTRA),
    ("Adequate birth control in fertile patients.", FERTILE_CONTRA),
])
def test_the_contraception_requirement_said_of_the_men_of_the_women_or_in_the_passive(text, rule):
    """A step in each: the men's exempts a woman, the women's a man, the fertile patients' a woman who cannot bear
    children."""
    assert_reads(text, INCLUSION, rule)


def test_a_barrier_method_said_of_the_men_is_asked():
    text = "Men must use effective barrier contraception during and for 1 month after study"
    assert_facts_and_steps(text, INCLUSION, [("sex", "=", "female"), ("contraception_assured", "=", True)],
                           ["contraception"])
    rule = propose_rule(text, INCLUSION).rule
    assert "barrier" in str(rule) and "confirm" in str(rule)


@pytest.mark.parametrize("text", [
    # a condition of their own on the men
    "Sexually active males must agree to practice barrier contraception for the duration of the study.",
    # the women of the first part would become a question of their own
    "Females of childbearing potential and sexually mature males must agree to use a medically accepted method of "
    "contraception throughout the study;",
])
def test_men_with_a_condition_of_their_own_stay_unread(text):
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize(("text", "kind"), [
    # the reason ends at the full stop: the requirement after it is read or nothing is
    ("Pregnant women or nursing mothers are ineligible since the effect of this investigational treatment on the "
     "health of the embryo is not known. Women with reproductive potential must have negative pregnancy test and must "
     "use adequate contraception.", EXCLUSION),
    ("Non-pregnant and not nursing, as chemotherapy is thought to present substantial risk to the fetus/infant; men "
     "and women of reproductive potential may not participate unless they have agreed to use an effective "
     "contraceptive method while in this study", INCLUSION),
])
def test_a_reason_never_swallows_the_sentence_after_it(text, kind):
    proposal = propose_rule(text, kind)
    assert proposal is None or "contraception" in str(proposal.rule)


@pytest.mark.parametrize(("text", "kind"), [
    ("Effective contraception strongly advised for fertile women", INCLUSION),
    ("Adequate contraception encouraged in fertile women.", INCLUSION),
    ("Women of childbearing potential must be advised to use an accepted and effective method of contraception",
     INCLUSION),
    ("Oral contraceptives.", INCLUSION),
    ("Oral contraceptives.", EXCLUSION),
    ("Use of birth control pills", EXCLUSION),
    ("Acceptable methods of contraception", INCLUSION),
    ("Effective contraception", INCLUSION),
    ("Adequate contraception required", INCLUSION),  # of whom? not said (as the pregnancy test)
    ("Unwillingness to use birth control during chemotherapy.", EXCLUSION),  # of whom? not said
    ("Lack of effective contraception.", EXCLUSION),
])
def test_advice_and_contraceptive_drugs_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "rule"), [
    ("Females must have a negative pregnancy test.", {"any": [WOMEN_EXEMPT, PREGNANCY_TEST]}),
    ("Negative serum pregnancy test (females of childbearing potential only).", {"any": [NOT_CBP, PREGNANCY_TEST]}),
])
def test_a_pregnancy_test_required_or_said_of_every_woman(text, rule):
    assert_reads(text, INCLUSION, rule)


def test_a_pregnancy_test_with_a_window_stays_unread():
    """The labels write the window as part of the test (reproduction._TIMING): not read."""
    assert propose_rule("Negative pregnancy test within 2 weeks of starting protocol.", INCLUSION) is None


@pytest.mark.parametrize(("text", "facts"), [
    ("No history of seizure disorder Not pregnant or nursing",
     [("condition:epilepsy", "=", False), ("pregnant", "=", False), ("lactating", "=", False)]),
    ("No AIDS or positive HIV serology No pregnant women",
     [("condition:aids", "=", False), ("hiv", "=", False), ("pregnant", "=", False)]),
])
def test_pdq_items_glued_before_not_pregnant_are_read_each(text, facts):
    """PDQ "Other:" items printed without their line breaks: a capitalised "Not pregnant" starts an item."""
    assert_facts_and_steps(text, INCLUSION, facts, [])


def test_a_lower_case_not_pregnant_starts_no_item():
    """Only the capitalised opening of a PDQ item is a break: "be not pregnant" stays one statement."""
    from core.criteria.extract.normalise import glued_items

    assert glued_items("Women must be not pregnant or nursing") == ["Women must be not pregnant or nursing"]
    assert glued_items("Patients who are Not pregnant") == ["Patients who are Not pregnant"]


@pytest.mark.parametrize(("text", "kind"), [
    ("Consent and assent obtained in writing.", INCLUSION),
    ("Must be capable of rendering informed consent for all procedures.", INCLUSION),
    ("Have given written informed consent prior to enrollment.", INCLUSION),
    ("accepted the patient information sheet and gave informed consent", INCLUSION),
    ("Failure to sign informed consent to participate in the research program", EXCLUSION),
    ("Patient does not complete or agree to terms outlined in the Informed Consent Form", EXCLUSION),
])
def test_consent_with_its_filler_words_is_the_step(text, kind):
    """Consent stays a step: given (inclusion) or not yet given (exclusion), never a fixed exclusion."""
    facts = [("informed_consent", "=", kind == INCLUSION)]
    assert_facts_and_steps(text, kind, facts, ["consent"])


@pytest.mark.parametrize(("text", "kind"), [
    ("Consent to the optional sub-study", INCLUSION),
    ("Willing to consent to complete the questionnaires", INCLUSION),
    ("Able to read and understand English to give informed consent", INCLUSION),
    ("Consent to share information with the primary care physician", INCLUSION),
])
def test_consent_to_something_else_or_language_stays_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_the_women_of_childbearing_potential_must_not_be_pregnant_or_lactating():
    """The others are exempt; the women concerned must be in neither state. A plan (a question) is not read so."""
    rule = {"any": [NOT_CBP, {"all": [f("pregnant", "=", False), f("lactating", "=", False)]}]}
    assert_reads("Women of childbearing potential must not be pregnant or lactating.", INCLUSION, rule)
    assert_reads("Women of child bearing age must not be pregnant or breast feeding.", INCLUSION, rule)
    assert propose_rule("Women of childbearing potential must not be pregnant or planning a pregnancy", INCLUSION) \
        is None
    assert propose_rule("Women of childbearing potential must not be pregnant or lactating.", EXCLUSION) is None


def test_a_period_before_and_during_participation_is_read():
    assert_reads("Women of child-bearing age must be using adequate contraceptive method for at least one month prior "
                 "to and during participation in the study.", INCLUSION, {"any": [NOT_CBP, CONTRA]})


@pytest.mark.parametrize(("text", "rule"), [
    ("If female, the patient must have a negative pregnancy test prior to study entry.",
     {"any": [WOMEN_EXEMPT, PREGNANCY_TEST]}),
    ("Negative urine pregnancy test (if female)", {"any": [WOMEN_EXEMPT, PREGNANCY_TEST]}),
    ("Agree to practice effective methods of birth control while on the study, if a woman.",
     {"any": [WOMEN_EXEMPT, CONTRA]}),
])
def test_a_requirement_said_if_female_is_said_of_the_women(text, rule):
    assert_reads(text, INCLUSION, rule)


@pytest.mark.parametrize(("text", "kind"), [
    ("If female, not pregnant and using effective birth control methods.", INCLUSION),
    ("If female, must be HIV negative", INCLUSION),  # no reproductive requirement: "if" stays refused
    ("Positive pregnancy test, if female", EXCLUSION),  # an exclusion: not rewritten
    ("Not using safe contraception (if fertile woman)", EXCLUSION),
])
def test_other_if_female_wordings_stay_unread(text, kind):
    assert propose_rule(text, kind) is None
