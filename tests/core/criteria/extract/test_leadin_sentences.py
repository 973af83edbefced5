"""Items read alone but blocked by their lead-in (issue 16, h-lead7): sentence lead-ins with their own subject
("Patients must:", "Children may be eligible for this study if they:", "Volunteers must have:") read each item
as a requirement of the list's kind; the unsafe lead-ins (alternatives, conditions, exceptions, examples, scopes,
two kinds of people in one trial) keep blocking. Lead-ins are real ones from the dev side of the corpus."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rules
from core.criteria.extract.leadins import BLOCK, FLIP, NEUTRAL, classify
from core.criteria.extract.populations import as_patients, named
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode
from tests.core.criteria.extract.phrasings import f as _f
from tests.core.criteria.extract.phrasings import rule_of as _rule
from tests.core.criteria.extract.phrasings import tree as _node

_HIV = _f("hiv", "=", True)


def test_patients_must_over_verb_phrases_reads_each_item():
    out = propose_rules([_node(INCLUSION, "Patients must:", "Have HIV infection.", "Be between 18 and 45 years old",
                               "not be pregnant or nursing;")])
    assert _rule(out, "inc-1.1") == _HIV
    assert _rule(out, "inc-1.2") == {"all": [_f("age_years", ">=", 18), _f("age_years", "<=", 45)]}
    assert _rule(out, "inc-1.3") == {"all": [_f("pregnant", "=", False), _f("lactating", "=", False)]}
    assert classify("Subject must:", INCLUSION).verbs


def test_patients_must_in_an_exclusion_list_still_blocks():
    # which list holds them? "Patients must:" printed among the exclusions is not read either way
    out = propose_rules([_node(EXCLUSION, "Patients must:", "Have HIV infection.")])
    assert out["exc-1.1"] is None


def test_a_sentence_lead_in_with_items_ends_a_childless_lead_in_before_it():
    # ACTG: "Allowed:" over its own item, then "Patients must have:" over the inclusions (NCT00000856)
    criteria = [CriterionNode(kind=INCLUSION, text="Concurrent Medication:"),
                CriterionNode(kind=INCLUSION, text="Allowed:"),
                CriterionNode(kind=INCLUSION, text="Zidovudine (AZT)."),
                _node(INCLUSION, "Patients must have:", "Documented HIV infection.",
                      "CD4+ cell count < 100 cells/mm3.")]
    out = propose_rules(criteria)
    assert out["inc-3"] is None  # still under "Allowed:"
    assert _rule(out, "inc-4.1") == _HIV
    assert _rule(out, "inc-4.2") == _f("lab:cd4_count", "<", 100)


@pytest.mark.parametrize("before", ["Genetic Relatives of Patients:", "Healthy volunteers:", "For group 2:"])
def test_a_group_heading_is_not_ended_by_a_sentence_lead_in(before):
    criteria = [CriterionNode(kind=INCLUSION, text=before),
                _node(INCLUSION, "Subjects must have:", "Documented HIV infection.")]
    assert propose_rules(criteria)["inc-2.1"] is None


def test_an_exclusion_heading_of_the_inclusion_list_still_flips_the_items_after_it():
    criteria = [CriterionNode(kind=INCLUSION, text="Exclusion criteria:"),
                _node(INCLUSION, "Subjects must have:", "Documented HIV infection.")]
    assert _rule(propose_rules(criteria), "inc-2.1") == _f("hiv", "=", False)


def test_population_nouns_read_as_patients_in_a_trial_with_one_kind_of_people():
    criteria = [_node(INCLUSION, "Children may be eligible for this study if they:", "Are HIV-positive.",
                      "Have consent of parent or legal guardian."),
                _node(EXCLUSION, "Children will not be eligible for this study if they:", "Are pregnant.",
                      "Have ever had shingles.")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1.1") == _HIV
    assert _rule(out, "exc-1.1") == _f("pregnant", "=", True)
    assert _rule(out, "exc-1.2") == _f("condition:herpes_zoster", "=", True)
    women = propose_rules([_node(EXCLUSION, "Women will not be eligible for this study if they:",
                                 "Are breast-feeding.")])
    assert _rule(women, "exc-1.1") == _f("lactating", "=", True)
    volunteers = propose_rules([_node(INCLUSION, "Volunteers must have:", "HIV negativity.",
                                      "CD4 count >= 400 cells/mm3."),
                                _node(EXCLUSION, "Volunteers with the following prior conditions are excluded:",
                                      "Are pregnant.")])
    assert _rule(volunteers, "inc-1.1") == _f("hiv", "=", False)
    assert _rule(volunteers, "inc-1.2") == _f("lab:cd4_count", ">=", 400)


def _grouped(proposal, group):
    """Read for one group only (h-cohort10, ``cohort_groups``): never trial-wide."""
    return proposal is not None and f"\u201c{group}\u201d" in str(proposal.rule) and "cohort-" in str(proposal.rule)


def test_two_kinds_of_people_in_one_trial_are_groups_each_read_for_its_group():
    criteria = [_node(INCLUSION, "Mothers may be eligible for this study if they:", "Are HIV-positive."),
                _node(INCLUSION, "Infants may be eligible for this study if they:", "Are receiving ZDV therapy.")]
    out = propose_rules(criteria)
    assert _grouped(out["inc-1.1"], "Mothers") and (out["inc-2.1"] is None or _grouped(out["inc-2.1"], "Infants"))
    mixed = [_node(INCLUSION, "Patients must have:", "Documented HIV infection."),
             _node(INCLUSION, "Volunteers must have:", "HIV negativity.")]
    out = propose_rules(mixed)
    assert _grouped(out["inc-2.1"], "Volunteers")
    assert named(["Patients must have:", "Volunteers must have:"]) == {"patient", "volunteer"}


@pytest.mark.parametrize("text", [
    "Children with a history of porencephaly or stroke:",  # a group with a condition
    "Healthy children:",
    "Healthy volunteers will be excluded for any of the following:",
    "Children may be eligible for the second part of this study if they:",  # a scope
    "Volunteers must have one of the following:",  # alternatives
    "Women may be eligible for this study if they meet at least 2 of the following:",
])
def test_unsafe_population_lead_ins_are_not_rewritten_or_still_block(text):
    lead = classify(text, INCLUSION)
    assert lead.role == BLOCK or (lead.any_of and lead.role == NEUTRAL) or as_patients(text) is None


@pytest.mark.parametrize("lead", [
    "Patients must meet at least one of the following:",  # alternatives
    "Patients must have one of the following:",
    "Patients must have the following if they are over 60:",  # a condition
    "Patients must have, except:",  # exceptions
    "Patients must have, such as:",  # examples
    "Patients in cohort B must have:",  # a scope: read for that group only (cohort_groups), never trial-wide
    "Patients must have within 3 months of:",  # a time scope
    "Patients must have at a dose of:",
])
def test_unsafe_words_in_a_patients_must_lead_in_keep_its_items_unread(lead):
    out = propose_rules([_node(INCLUSION, lead, "Documented HIV infection.", "CD4+ cell count < 100 cells/mm3.")])
    if _rule(out, "inc-1") == {"children": "any"}:  # alternatives: read, and the parent needs only one of them
        return
    if "cohort" in lead:
        assert all(p is None or _grouped(p, "Patients in cohort B") for p in (out["inc-1.1"], out["inc-1.2"]))
        return
    assert out["inc-1.1"] is None and out["inc-1.2"] is None


def test_negating_sentence_lead_ins_flip_in_an_inclusion_list():
    lead = classify("Women will not be eligible for this study if they:", INCLUSION)
    assert lead.role == FLIP and lead.verbs
    out = propose_rules([_node(INCLUSION, "Women will not be eligible for this study if they:", "Are pregnant.")])
    assert _rule(out, "inc-1.1") == _f("pregnant", "=", False)


@pytest.mark.parametrize("lead", ["Women will not be eligible for this study if they:",
                                  "Patients will not be eligible for this study if they:"])
def test_a_present_tense_verb_keeps_a_malignancy_now(lead):
    def read(item: str) -> dict | None:
        return _rule(propose_rules([_node(EXCLUSION, lead, item)]), "exc-1.1")

    # "Have cancer." is a cancer now: one cured years ago must not exclude
    assert read("Have cancer.") == {"all": [_f("malignancy", "=", True), _f("malignancy_inactive", "=", False)]}
    assert read("Have lymphoma.") == _f("condition_current:lymphoma", "=", True)
    assert read("Have epilepsy or cancer.") is None  # "current" would reach only the first
    # has or had, as written: read as "History of cancer." (the fact "History of malignancy")
    assert read("Have had cancer.") == _f("malignancy", "=", True)
    assert read("Have epilepsy.") == _f("condition:epilepsy", "=", True)  # a lasting condition keeps its reading
