"""Treatment and vaccine phrasings read after the distinct-text count of issue 16 round 9
(``scripts/extract/drug_blockers.py --gaps``): names the vocabulary lacked (retinoids, antiandrogens, growth hormone,
rabies and smallpox vaccination) and a class with an exception it does not hold ("NSAIDs (except acetaminophen)"),
with the near-misses that must stay unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_facts_and_steps


@pytest.mark.parametrize(("text", "kind", "facts", "steps"), [
    ("At least 3 weeks since prior retinoids", INCLUSION, [("drug_weeks_since:retinoid", ">=", 3.0)], ["washout"]),
    ("No prior isotretinoin", INCLUSION, [("drug_ever:isotretinoin", "=", False)], []),
    ("At least 4 weeks since prior nonsteroidal antiandrogens", INCLUSION,
     [("drug_weeks_since:nonsteroidal_antiandrogen", ">=", 4.0)], ["washout"]),
    ("Subjects who are taking androgens or anti-androgens", EXCLUSION,
     [("drug_current:androgen", "=", True), ("drug_current:antiandrogen", "=", True)], ["stop_medication"]),
    ("Prior rabies immunization.", EXCLUSION, [("drug_ever:rabies_vaccine", "=", True)], []),
    ("Previous immunization against rabies.", EXCLUSION, [("drug_ever:rabies_vaccine", "=", True)], []),
    ("No history of smallpox vaccination.", INCLUSION, [("drug_ever:smallpox_vaccine_live", "=", False)], []),
    ("Human growth hormone within 30 days prior to study entry", EXCLUSION,
     [("drug_weeks_since:somatropin", "<", 4.2857)], ["washout"]),
    # an exception the class does not hold leaves the class whole
    ("Antiretroviral agents (except ribavirin) within 30 days prior to study entry", EXCLUSION,
     [("drug_weeks_since:antiretroviral", "<", 4.2857)], ["washout"]),
    ("Current use of nonsteroidal anti-inflammatory drugs (except acetaminophen)", EXCLUSION,
     [("drug_current:nsaid", "=", True)], ["stop_medication"]),
])
def test_reads(text, kind, facts, steps):
    assert_facts_and_steps(text, kind, facts, steps)


@pytest.mark.parametrize(("text", "kind"), [
    ("At least 4 weeks since prior retinoids and recovered", INCLUSION),  # recovery is judgement
    ("No prior anti-androgen therapy for metastatic disease", INCLUSION),  # a purpose the facts do not hold
    ("No prior systemic therapy", INCLUSION),  # which systemic therapy? not said
    ("No concurrent hormonal therapy (except tamoxifen and somatostatin analogues)", INCLUSION),  # "and"
])
def test_near_misses_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_an_exception_sharing_a_drug_with_the_class_is_not_dropped():
    # methotrexate is a DMARD: "immunosuppressants other than DMARDs" takes drugs out that the class holds, so the
    # class is not read whole (the exception reader opens it up, or nothing is read)
    from core.criteria.extract.drug_names import _disjoint

    assert not _disjoint("dmard", "methotrexate") and not _disjoint("antiretroviral", "nrti")
    assert _disjoint("nsaid", "paracetamol") and _disjoint("antiretroviral", "ribavirin")


@pytest.mark.parametrize(("text", "weeks"), [
    ("Live attenuated vaccines within 60 days prior to study entry. NOTE: Medically indicated killed or subunit "
     "vaccines (e.g., influenza, pneumococcal) do not exclude if administered at least 2 weeks prior to study entry.",
     8.5714),
    ("Live attenuated vaccines within 30 days prior to study entry (NOTE: Medically indicated subunit or killed "
     "vaccines, e.g., influenza or pneumococcal, are not exclusionary, but should not be given within 2 weeks)",
     4.2857),
])
def test_a_note_allowing_non_live_vaccines_leaves_the_live_vaccine_wait(text, weeks):
    assert_facts_and_steps(text, EXCLUSION, [("drug_weeks_since:live_vaccine", "<", weeks)], ["vaccine_wait"])


@pytest.mark.parametrize("text", [
    "Vaccines within 30 days. Note: killed vaccines do not exclude",  # the note takes killed ones out of all vaccines
    "Live vaccines within 30 days. Note: killed vaccines and BCG do not exclude",  # BCG is a live vaccine
])
def test_a_note_that_changes_the_window_keeps_the_item_unread(text):
    assert propose_rule(text, EXCLUSION) is None


def _node(text, *children):
    from core.trial_record import CriterionNode

    return CriterionNode(kind=EXCLUSION, text=text, children=[CriterionNode(kind=EXCLUSION, text=c) for c in children])


def test_excluded_at_any_time_takes_the_sections_topic():
    from core.criteria.extract import propose_rules
    from tests.core.criteria.extract.phrasings import rule_of

    out = propose_rules([_node("Concurrent Medication:"), _node("Excluded at any time:", "Terfenadine."),
                         _node("Prior Medication:"), _node("Excluded at any time:", "Rifabutin."),
                         _node("Excluded for a minimum of 3 weeks prior to study entry:", "Immunomodulatory agents."),
                         _node("Excluded in all patients:", "Prior protease inhibitors.")])
    assert rule_of(out, "exc-2.1")["rule"] == {"fact": "drug_current:terfenadine", "op": "=", "value": True}
    assert rule_of(out, "exc-4.1") == {"fact": "drug_ever:rifabutin", "op": "=", "value": True}
    assert rule_of(out, "exc-5.1")["rule"] == {"fact": "drug_weeks_since:immunomodulator", "op": "<", "value": 3.0}
    assert rule_of(out, "exc-6.1") == {"fact": "drug_ever:hiv_protease_inhibitor", "op": "=", "value": True}


def test_excluded_at_any_time_without_a_topic_or_for_a_group_stays_unread():
    from core.criteria.extract import propose_rules

    out = propose_rules([_node("Excluded at any time:", "Terfenadine."),
                         _node("Excluded in blinded study patients:", "Prior protease inhibitors.")])
    assert out["exc-1.1"] is None and out["exc-2.1"] is None


@pytest.mark.parametrize("text", [
    "No concurrent investigational drugs (except antiretroviral therapy)",  # investigational antiretrovirals allowed
    "No treatment with an investigational agent (other than hematopoietic growth factors) within 4 weeks of entry.",
])
def test_an_investigational_class_with_an_exception_stays_unread(text):
    assert propose_rule(text, INCLUSION) is None


@pytest.mark.parametrize(("text", "fact"), [
    ("No concurrent colony stimulating factors (CSFs) during first course of therapy",
     "drug_current:colony_stimulating_factor"),  # G-CSF/GM-CSF, not the ESAs (h-judge9)
    ("No concurrent filgrastim (G-CSF) during the first course", "drug_current:filgrastim"),
    ("No concurrent immunotherapy during first 4 weeks of study", "drug_current:immunotherapy"),
])
def test_during_the_first_course_is_a_drug_to_stop(text, fact):
    assert_facts_and_steps(text, INCLUSION, [(fact, "=", False)], ["stop_medication"])


@pytest.mark.parametrize("text", [
    "No concurrent chemotherapy during first 2 weeks of radiotherapy",  # a part of another treatment
    "No prior chemotherapy during the first course",  # prior and during: two times
])
def test_during_another_time_stays_unread(text):
    assert propose_rule(text, INCLUSION) is None


def test_a_salt_name_is_the_drug():
    assert_facts_and_steps("Current use of ondansetron hydrochloride", EXCLUSION,
                           [("drug_current:ondansetron", "=", True)], ["stop_medication"])
    assert_facts_and_steps("Prior sertraline HCl", EXCLUSION, [("drug_ever:sertraline", "=", True)], [])
    assert propose_rule("No prior doxorubicin HCl liposome", INCLUSION) is None  # a form the salt does not name
