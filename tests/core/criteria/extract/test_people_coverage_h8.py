"""Coverage of the people families (task h-people8), each shape mined from the dev side of the corpus: an age with
the consent a minor needs in brackets, a
contraception period ending "after" with no object, "adhere to" and "willingness to", the examples of a barrier method
("such as condoms"), and the count of methods kept in the method's question. Near-misses stay unread or keep
their question."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import INCLUSION
from tests.core.criteria.extract.phrasings import (
    CONSENT,
    CONTRA,
    FERTILE_CONTRA,
    NOT_CBP,
    assert_facts_and_steps,
    assert_reads,
    f,
)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Are at least 13 years old (consent of parent or guardian required if under 18).", 13, None),
    ("Are at least 13 years old (need consent of parent or guardian if under 18).", 13, None),
    ("Are at least 13 years old (need consent if under 18).", 13, None),
    ("Are 13 years of age or older (consent of parent or guardian required if under the age of 18).", 13, None),
    ("Are age 13 or older (consent of a parent or legal guardian is required if under 18).", 13, None),
    ("Is 3 to 16 years of age (consent of parent or guardian is required).", 3, 16),
    ("Are between 8 and 22 years old (consent of parent or guardian required if under 18).", 8, 22),
])
def test_an_age_with_the_consent_a_minor_needs(text, low, high):
    """Both are required: the age, and the consent (a guardian's for a minor is the patient's consent fact)."""
    age = [f("age_years", ">=", low)] + ([f("age_years", "<=", high)] if high else [])
    assert_reads(text, INCLUSION, {"all": [*age, CONSENT]})


@pytest.mark.parametrize("text", [
    "Are at least 13 years old (parent must be present)",
    "Are at least 13 years old (consent of parent or guardian required if under 18 and able to comply)",
    "Are at least 13 years old (consent of parent or guardian required if under 21)",
])
def test_an_age_with_another_note_stays_unread(text):
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize("text", [
    "Negative urine pregnancy test within 2 weeks prior to study entry (for women of childbearing potential)",
    "Negative pregnancy test within 2 weeks of starting protocol.",
    "Negative pregnancy test 72 hours prior to start of study medication",
])
def test_a_pregnancy_test_window_stays_unread(text):
    """The fact is the latest result, taken at screening; the labels write the window as part of the test
    (``benchmarks/extraction_compare.py``), so a test with a window is left to the clinician."""
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize(("text", "rule"), [
    ("Are willing to use effective methods of birth control during the study and for 3 months after.", CONTRA),
    ("Agree to use effective methods of birth control during the study and for 3 months after.", CONTRA),
    ("Effective contraception required of fertile patients throughout study and for 1 year thereafter",
     FERTILE_CONTRA),
    ("Willingness to adhere to effective contraception in women of child bearing age", {"any": [NOT_CBP, CONTRA]}),
])
def test_a_contraception_period_and_its_verbs(text, rule):
    assert_reads(text, INCLUSION, rule)


def test_willingness_to_adhere_after_the_test():
    assert_facts_and_steps(
        "Women of childbearing potential must have a negative pregnancy test and willingness to adhere to reliable "
        "birth control methods during the study", INCLUSION,
        [("childbearing_potential", "=", False), ("pregnancy_test_negative", "=", True),
         ("contraception_assured", "=", True)], ["other", "contraception"])


def _method_question(text: str) -> str:
    rule = propose_rule(text, INCLUSION).rule
    found = []

    def walk(node):
        if isinstance(node, dict):
            if "confirm" in node:
                found.append(node["confirm"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
    walk(rule)
    assert len(found) == 1, rule
    return found[0]


@pytest.mark.parametrize(("text", "words"), [
    ("Agree to use a barrier method of birth control, such as condoms, during the study.", "barrier method"),
    ("Agree to use an effective barrier method of birth control (such as condoms) during the study and for 3 months "
     "after.", "barrier method"),
    ("Agree to practice abstinence or to use a barrier method of birth control during the study (such as condoms).",
     "abstinence or barrier method"),
    ("Agree to use 2 barrier methods of birth control (such as condoms) during the study and for 3 months after.",
     "2 barrier methods"),
    ("Patients of reproductive potential must agree to practice two effective medically approved contraceptive method "
     "during the trial and 3 months afterwards", "2 effective medically approved contraceptive method"),
])
def test_the_named_method_is_asked_without_its_examples(text, words):
    """The examples of a barrier method say how, not whether; the method itself (with its count, or with abstinence
    beside it) is asked of the clinician, never read as any contraception."""
    assert f"\u201c{words}\u201d" in _method_question(text)


@pytest.mark.parametrize("text", [
    "Agree to use birth control, such as the pill",  # examples of any method: "such as" still refused
    "Agree to use hormonal contraception, such as an implant",
])
def test_examples_of_another_method_stay_unread(text):
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize("text", [
    "The subjects themselves participated voluntarily and signed a written informed consent form.",
    "The patient voluntarily participated in this study and signed an informed consent form;",
    "Patients voluntarily join the study and sign an informed consent form for the study.",
])
def test_taking_part_voluntarily_is_the_consent(text):
    assert_reads(text, INCLUSION, CONSENT)


@pytest.mark.parametrize("text", [
    "Subjects who participated in a previous trial and signed consent",  # another trial: not the consent
    "Participants must be able to give informed consent for themselves and/or their minor children who wish to enroll.",
])
def test_taking_part_elsewhere_stays_unread(text):
    assert propose_rule(text, INCLUSION) is None


def test_contraception_required_of_all_fertile_women():
    """"required of all fertile women", as "required of fertile women" and as the test "required of all …"."""
    assert_reads("Effective contraception required of all fertile women", INCLUSION, {"any": [NOT_CBP, CONTRA]})


def test_an_experimental_device_is_the_investigational_product():
    """"Experimental drug or experimental device" (PDQ HIV trials, under "Excluded within 30 days of study entry:"):
    a device tried in a trial is the last investigational treatment too, as "investigational device" already was."""
    from core.trial_record import EXCLUSION
    assert_facts_and_steps("Experimental drug or experimental device within 30 days", EXCLUSION,
                           [("drug_weeks_since:investigational_product", "<", 4.2857)], ["washout"])
