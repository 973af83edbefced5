"""Pregnancy, lactation, contraception, consent and other-trial phrasings mined from the dev side of the corpus
(issue 16, ``scripts/extract/repro_blockers.py``): lists with a pregnancy plan (an explicit question unless
"within 6 months"), childbearing potential without contraception (a step), both sexes of reproductive potential,
consent wordings, and another trial now or within a window. Near-misses must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.rule import negate
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION

PREGNANT = {"fact": "pregnant", "op": "=", "value": True}
LACTATING = {"fact": "lactating", "op": "=", "value": True}
NO_CONTRACEPTION = {"all": [{"fact": "childbearing_potential", "op": "=", "value": True},
                            {"step": {"kind": "contraception", "text": "Agree to use effective contraception"},
                             "rule": {"fact": "contraception_assured", "op": "=", "value": False}}]}
CONTRACEPTION_STEP = {"step": {"kind": "contraception", "text": "Agree to use effective contraception"},
                      "rule": {"fact": "contraception_assured", "op": "=", "value": True}}
# "fertile patients" of both sexes: a woman who cannot bear children is exempt, every man is asked
FERTILE_BOTH = {"any": [{"all": [{"fact": "sex", "op": "=", "value": "female"},
                                 {"fact": "childbearing_potential", "op": "=", "value": False}]}, CONTRACEPTION_STEP]}
CONSENT_STEP = {"step": {"kind": "consent", "text": "Give informed consent"},
                "rule": {"fact": "informed_consent", "op": "=", "value": True}}
NO_CONSENT_STEP = {"step": {"kind": "consent", "text": "Give informed consent"},
                   "rule": {"fact": "informed_consent", "op": "=", "value": False}}


def _rule(text: str, kind: str) -> dict:
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert not rule_problems(proposal.rule), text
    return proposal.rule


def _plan_question(part: str, text: str) -> dict:
    return {"confirm": f"Does this part of the criterion apply: \u201c{part}\u201d? (Criterion: \u201c{text}\u201d)",
            "id": "rest"}


@pytest.mark.parametrize(("text", "facts", "plan"), [
    ("Pregnant, breastfeeding, or planning to become pregnant during the study", [PREGNANT, LACTATING],
     "planning to become pregnant during the study"),
    ("Pregnant or lactating women, or women planning to become pregnant during the study", [PREGNANT, LACTATING],
     "planning to become pregnant during the study"),
    ("Women who are pregnant or breastfeeding or plan to become pregnant or breastfeed during the study",
     [PREGNANT, LACTATING], "plan to become pregnant or breastfeed during the study"),
    ("Lactation, pregnancy, or an anticipated or planned pregnancy during the study period", [LACTATING, PREGNANT],
     "an anticipated or planned pregnancy during the study period"),
    ("Pregnancy, lactation or planned pregnancy", [PREGNANT, LACTATING], "planned pregnancy"),
    ("Pregnant or lactating women or women planning to become pregnant within 2 years after the last dose of study "
     "drug", [PREGNANT, LACTATING], "planning to become pregnant within 2 years after the last dose of study drug"),
])
def test_a_pregnancy_plan_is_an_explicit_question(text, facts, plan):
    """"During the study" is not the profile's "within 6 months": the part is asked, never guessed or dropped."""
    rule = _rule(text, EXCLUSION)
    assert rule == {"any": [*facts, _plan_question(plan, text)]}


def test_a_plan_within_6_months_is_the_fact():
    rule = _rule("Women who are pregnant, breastfeeding, or planning to become pregnant within 6 months", EXCLUSION)
    assert rule == {"any": [PREGNANT, LACTATING, {"fact": "pregnancy_planned_within_6_months", "op": "=",
                                                  "value": True}]}


def test_not_pregnant_or_planning_in_an_inclusion_is_the_negation():
    text = "Not pregnant or planning to become pregnant during the study"
    assert _rule(text, INCLUSION) == negate({"any": [PREGNANT, _plan_question(
        "planning to become pregnant during the study", text)]})


@pytest.mark.parametrize("text", [
    "Patient is pregnant, lactating, or a female patient of childbearing potential not using adequate contraception",
    "Women who are pregnant, nursing or of child-bearing potential and are not practicing an effective means of birth "
    "control",
    "Pregnant women, nursing mothers and women of childbearing potential with no reliable contraception",
])
def test_pregnant_lactating_or_no_contraception(text):
    assert _rule(text, EXCLUSION) == {"any": [PREGNANT, LACTATING, NO_CONTRACEPTION]}


@pytest.mark.parametrize("text", [
    "Women of childbearing potential (WOCBP) who are unwilling or unable to use an acceptable method of contraception",
    "Women of childbearing potential who are not willing to use highly effective contraception during the study and "
    "for 30 days after the last dose",
])
def test_unwilling_to_use_contraception_is_a_step(text):
    rule = _rule(text, EXCLUSION)
    assert rule == NO_CONTRACEPTION
    assert propose_rule(text, EXCLUSION).modifiable


@pytest.mark.parametrize("text", [
    "Women of childbearing potential with a positive pregnancy test at baseline",
    "Women who are lactating or have a positive pregnancy test result before the first dose of study treatment",
])
def test_a_positive_pregnancy_test_is_a_pregnancy(text):
    rule = _rule(text, EXCLUSION)
    assert rule == PREGNANT or rule == {"any": [LACTATING, PREGNANT]}


@pytest.mark.parametrize("text", [
    "Males and females of reproductive potential must agree to use highly effective contraception",
    "Men and women of childbearing potential must agree to use effective contraception during the study",
    "Women of child-bearing potential and men must agree to use adequate contraception prior to study entry and for "
    "the duration of study participation",
])
def test_both_sexes_get_the_fertile_patients_step(text):
    """Was read as "male AND …" (the list split at "and"), which would have ruled out every woman."""
    assert _rule(text, INCLUSION) == FERTILE_BOTH


def test_method_notes_in_brackets_are_dropped():
    text = ("Women of child-bearing potential must agree to use adequate contraception (hormonal or barrier method of "
            "birth control; abstinence) prior to study entry")
    assert _rule(text, INCLUSION) == {"any": [{"fact": "childbearing_potential", "op": "=", "value": False},
                                              CONTRACEPTION_STEP]}


@pytest.mark.parametrize(("text", "kind"), [
    ("Intend to become pregnant during study period", EXCLUSION),  # only a question: says no more than the text
    ("Women who intend to breastfeed", EXCLUSION),
    ("Pregnancy or lactation within 6 months of enrollment", EXCLUSION),  # a past window: no fact
    ("Pregnant women or women who may become pregnant", EXCLUSION),
    # ("Female subjects who are pregnant, possibly pregnant, or lactating, or who plan to become pregnant" is read since
    # h-repro11: "possibly pregnant" as pregnant since round 7, the plan a question: test_reproduction_list_parts.py)
    ("Female subjects who are pregnant, lactating, or who plan to become pregnant, or who smoke", EXCLUSION),
    ("Females of childbearing potential and sexually mature males must agree to use a medically accepted method of "
     "contraception throughout the study", INCLUSION),  # a condition of its own on the men
    ("Women of childbearing potential must agree to use contraception (hormonal birth control will not be accepted)",
     INCLUSION),  # the bracket restricts the method
    ("Pregnancy-induced hypertension", EXCLUSION),
])
def test_reproduction_near_misses(text, kind):
    proposal = propose_rule(text, kind)
    assert proposal is None or "pregnant" not in str(proposal.rule) and "contraception" not in str(proposal.rule)


@pytest.mark.parametrize("text", [
    "Patients who have given their written informed consent",
    "Informed consent given.",
    "Informed consent obtained before any study-related activities",
    "Signed written informed consent must be obtained at baseline.",
    "Written informed consent obtained from the patient or legally authorised representative",
    "Written informed consent according to ICH-GCP and local regulations",
    "Patients must be able to understand and sign the protocol informed consent.",
    "Subject provides written informed consent prior to any screening procedures being conducted",
])
def test_consent_wordings(text):
    assert _rule(text, INCLUSION) == CONSENT_STEP


@pytest.mark.parametrize(("text", "rule"), [
    ("Absence of informed consent", NO_CONSENT_STEP),
    ("Absent informed written consent", NO_CONSENT_STEP),
    ("Declined to provide informed consent", NO_CONSENT_STEP),
    # an inability is not a step the patient can take
    ("Unability to sign the informed consent", {"fact": "informed_consent", "op": "=", "value": False}),
    # an unwillingness beside it is a step, and one fact answers both: the step, so nobody is ruled out on consent
    # not yet given (changed 2026-12-01; the blind test4 label reads "Unable or unwilling …" as modifiable)
    ("Individuals who are unwilling or unable to sign the informed consent form", NO_CONSENT_STEP),
])
def test_missing_consent(text, rule):
    assert _rule(text, EXCLUSION) == rule


@pytest.mark.parametrize(("text", "kind"), [
    ("Willing and able to comply with study procedures", INCLUSION),  # able: the investigator's judgement
    ("Willing and able to provide written informed consent and to comply with all study procedures", INCLUSION),
    ("Informed consent signed by patient and study physician", INCLUSION),
    ("Participants who did not consent to the questionnaire", EXCLUSION),  # not the study's consent
    ("Inability to provide written informed consent or comply with study procedures", EXCLUSION),
])
def test_consent_near_misses(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "weeks"), [
    ("Participation in another clinical trial (currently or within the last 30 days)", 4.2857),
    ("Subjects who are currently participating in or, within the past 28 days, have participated in another study "
     "using an investigational drug.", 4.0),
    ("Current enrollment in or discontinuation within the last 30 days from, a clinical trial involving any "
     "investigational drug or device.", 4.2857),
    ("Participation in an investigational drug or device study within 30 days prior to screening", 4.2857),
    ("Participation in another experimental drug or device trial within the past 30 days.", 4.2857),
    ("Currently participating in another clinical trial or has participated in a clinical trial within 30 days prior "
     "to screening", 4.2857),
])
def test_another_trial_now_or_within(text, weeks):
    rule = _rule(text, EXCLUSION)
    assert rule["step"]["kind"] == "washout"
    assert rule["rule"] == {"fact": "drug_weeks_since:investigational_product", "op": "<", "value": weeks}


@pytest.mark.parametrize("text", [
    "Currently enrolled in another clinical trial",  # now, with no window: no fact holds it
    "Concurrent participation in another interventional clinical trial",
    "Participation in another research study within the past month",  # maybe observational
    "Participation in another study at the same time or within 30 days of randomisation",
])
def test_another_trial_near_misses(text):
    assert propose_rule(text, EXCLUSION) is None


@pytest.mark.parametrize(("text", "rule"), [
    ("Not pregnant, not lactating", {"all": [{"fact": "pregnant", "op": "=", "value": False},
                                             {"fact": "lactating", "op": "=", "value": False}]}),
    ("Not pregnant and not breastfeeding", {"all": [{"fact": "pregnant", "op": "=", "value": False},
                                                    {"fact": "lactating", "op": "=", "value": False}]}),
    ("Women who are not breastfeeding.", {"fact": "lactating", "op": "=", "value": False}),
])
def test_not_pregnant_not_lactating_inclusions(text, rule):
    assert _rule(text, INCLUSION) == rule


def test_not_pregnant_not_breastfeeding_not_planning():
    text = "Not pregnant, not breastfeeding, and not planning to become pregnant during the study"
    assert _rule(text, INCLUSION) == negate({"any": [PREGNANT, LACTATING, _plan_question(
        "planning to become pregnant during the study", text)]})


@pytest.mark.parametrize(("text", "kind", "rule"), [
    ("Females of childbearing potential must have a negative pregnancy test (urine β-hCG);", INCLUSION,
     {"any": [{"fact": "childbearing_potential", "op": "=", "value": False},
              {"step": {"kind": "other", "text": "Negative pregnancy test before enrolment"},
               "rule": {"fact": "pregnancy_test_negative", "op": "=", "value": True}}]}),
    ("Patient agrees to use effective contraception (patients of child bearing potential).", INCLUSION,
     {"any": [{"fact": "childbearing_potential", "op": "=", "value": False}, CONTRACEPTION_STEP]}),
])
def test_test_and_contraception_notes(text, kind, rule):
    assert _rule(text, kind) == rule


@pytest.mark.parametrize("text", [
    "Patient may not be receiving any other investigational agents during radiotherapy.",
    "Subjects may not be receiving any other investigational agents",
])
def test_exclusion_item_forbidding_investigational_agents(text):
    """Written as a requirement in the exclusion list: receiving them is what excludes (a step: stop them)."""
    rule = _rule(text, EXCLUSION)
    assert rule["step"]["kind"] == "stop_medication"
    assert rule["rule"] == {"fact": "drug_current:investigational_product", "op": "=", "value": True}


@pytest.mark.parametrize("text", [
    "Patients may not be receiving radiotherapy",  # only the investigational wording is read so
    "Patients may not have received investigational agents",
])
def test_exclusion_item_forbidding_near_misses(text):
    assert propose_rule(text, EXCLUSION) is None


def test_every_woman_pregnant_nursing_or_without_contraception_is_read_as_written():
    """Every woman, or only those who can bear children? Not said: read as written since h-repro11 (the labels'
    convention for "Females not practicing birth control"), the contraception part a step that never excludes."""
    for text in ("Females who are pregnant, nursing, or not using a reliable method of birth control.",
                 "Pregnant or lactating females, or females who are not practicing a medically accepted form of "
                 "contraception."):
        rule = _rule(text, EXCLUSION)
        assert rule["any"][:2] == [PREGNANT, LACTATING]
        women, step = rule["any"][2]["all"]
        assert women == {"fact": "sex", "op": "=", "value": "female"} and step["step"]["kind"] == "contraception"
        assert step["rule"] == {"fact": "contraception_assured", "op": "=", "value": False}


@pytest.mark.parametrize(("text", "rule"), [
    ("Positive serum pregnancy test for women of childbearing potential.", PREGNANT),
    ("Positive pregnancy test (or pregnant females or nursing mothers).", {"any": [PREGNANT, LACTATING]}),
])
def test_subject_and_brackets_in_reproductive_lists(text, rule):
    assert _rule(text, EXCLUSION) == rule


@pytest.mark.parametrize(("text", "weeks"), [
    ("At least 30 days since prior investigational drug or device", 4.2857),
    ("At least 3 weeks since other prior investigational agents or devices", 3.0),
])
def test_washout_from_an_investigational_drug_or_device(text, weeks):
    rule = _rule(text, INCLUSION)
    assert rule["step"]["kind"] == "washout" and "device" in rule["step"]["text"]
    assert rule["rule"] == {"fact": "drug_weeks_since:investigational_product", "op": ">=", "value": weeks}


@pytest.mark.parametrize("text", [
    "Subjects must be competent to comprehend the purpose of the study and provide informed consent.",
    "Ability to comprehend the investigational nature of the study and provide informed consent.",
    "Availability of a parent or guardian to provide informed consent.",
])
def test_consent_capacity_wordings(text):
    assert _rule(text, INCLUSION) == CONSENT_STEP


@pytest.mark.parametrize(("text", "rule"), [
    ("Women of childbearing potential must agree to use highly effective contraception (e.g., intrauterine device, "
     "hormonal contraception, condom with spermicide) during the study",
     {"any": [{"fact": "childbearing_potential", "op": "=", "value": False}, CONTRACEPTION_STEP]}),
])
def test_examples_of_contraceptive_methods_are_dropped(text, rule):
    assert _rule(text, INCLUSION) == rule


@pytest.mark.parametrize("text", [
    "Agree to use effective contraception (e.g., not oral contraceptives) during the study",  # a restriction
    "Agree to use contraception (such as the study drug)",  # not a method
])
def test_examples_that_are_not_methods_stay_refused(text):
    assert propose_rule(text, INCLUSION) is None


def test_modern_boilerplate():
    assert _rule("Pregnant or nursing (lactating) women", EXCLUSION) == {"any": [PREGNANT, LACTATING]}
    text = "Pregnancy or breastfeeding, or intention of becoming pregnant during the study"
    assert _rule(text, EXCLUSION) == {"any": [PREGNANT, LACTATING, _plan_question(
        "intention of becoming pregnant during the study", text)]}
    rule = _rule("Has received an investigational agent or used an investigational device within 4 weeks prior to the "
                 "first dose of study treatment", EXCLUSION)
    assert rule["rule"] == {"fact": "drug_weeks_since:investigational_product", "op": "<", "value": 4.0}
    assert _rule("Provision of signed and dated, written informed consent form prior to any mandatory study specific "
                 "procedures, sampling, and analyses", INCLUSION) == CONSENT_STEP
