"""Condition wordings read in h-cond8, each with near-misses that must stay unread: "current diagnosis of X" (X now),
"(clinical) evidence of" an infection (the infection now), "concomitant malignancy" (a malignancy now), the Chiari
malformations of the vocabulary, and tails that only restate the exclusion ("… will not be considered for
inclusion into the trial", "… are not eligible for this study"). Phrasings from the dev side of the registry
corpus (``scripts/extract/mine.py``)."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.polarity_tails import restate
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads, ever, f, now

MALIGNANCY_NOW = {"all": [f("malignancy", "=", True), f("malignancy_inactive", "=", False)]}
NO_MALIGNANCY_NOW = {"any": [f("malignancy", "=", False), f("malignancy_inactive", "=", True)]}


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # "current diagnosis of X" is "current X": a state held now
    ("Current diagnosis of depression", EXCLUSION, now("depression")),
    ("Current diagnosis of cerebral toxoplasmosis", EXCLUSION, now("toxoplasmosis")),
    ("Current diagnosis of generalized anxiety disorder or depression", EXCLUSION,
     {"any": [now("generalized_anxiety_disorder"), now("depression")]}),
    ("Current diagnosis of malignancy.", EXCLUSION, MALIGNANCY_NOW),
    ("Concomitant malignancy", EXCLUSION, MALIGNANCY_NOW),
    ("No concomitant malignancies", INCLUSION, NO_MALIGNANCY_NOW),
    # evidence of an infection is the infection found now
    ("Clinical evidence of skin infection", EXCLUSION, now("skin_infection")),
    ("Patients with evidence of sepsis.", EXCLUSION, now("sepsis")),
    ("Laboratory evidence of toxoplasmosis", EXCLUSION, now("toxoplasmosis")),
    ("No clinical evidence of pneumonia", INCLUSION, now("pneumonia", False)),
    ("Evidence of infection.", EXCLUSION, f("active_infection", "=", True)),
    ("Clinical evidence of an infection", EXCLUSION, f("active_infection", "=", True)),
    # the vocabulary's Chiari malformations: type I and type II (Arnold-Chiari) each their own concept
    ("Have Arnold-Chiari malformation;", EXCLUSION, ever("arnold_chiari_malformation")),
    ("History of Chiari I malformation", EXCLUSION, ever("chiari_i_malformation")),
    ("Chiari malformation", EXCLUSION, ever("chiari_malformation")),
    # tails that only say "excluded"
    ("Patients with any active infections will not be considered for inclusion into the trial.", EXCLUSION,
     f("active_infection", "=", True)),
    ("Patients who are receiving anticonvulsants are not eligible for this study", EXCLUSION,
     {"step": {"kind": "stop_medication", "text": "Stop anticonvulsants"},
      "rule": f("drug_current:antiepileptic", "=", True)}),
    ("Patients with lymphoma will not be enrolled in this study.", EXCLUSION, ever("lymphoma")),
    ("Patients with lymphoma will not be enrolled in this study.", INCLUSION, ever("lymphoma", False)),
    ("Patients with a history of seizures are not eligible for this study.", INCLUSION, ever("seizure", False)),
])
def test_reads(text, kind, rule):
    assert_reads(text, kind, rule)


@pytest.mark.parametrize(("text", "kind"), [
    # "current" before an event, or a judgement after it: no "active now" to ask
    ("Current diagnosis of stroke", EXCLUSION),
    ("Current diagnosis of any substance dependence other than alcohol, nicotine, or cannabis", EXCLUSION),
    ("Current diagnosis of malignancy for which systemic therapy would be required during the study", EXCLUSION),
    # evidence of a condition that is no infection keeps its own reading or none; a degree or a test stays
    ("Evidence of serious infection", EXCLUSION),
    ("Evidence of infection by gram stain and/or culture specimens", EXCLUSION),
    ("Evidence of pneumonia", INCLUSION),  # an inclusion's requirement: the trial's own disease
    ("Night sweats without evidence of infection", INCLUSION),
    # a bracket naming kinds of infection restricts it: not every active infection
    ("Patients with any active infections (viral or bacterial) will not be considered for inclusion into the trial.",
     EXCLUSION),
    # tails with a scope or a condition of their own
    ("Subjects who have had tetanus toxoid within the last 7 years are not eligible for tetanus vaccine component of "
     "this protocol", EXCLUSION),
    ("Patients with a history of seafood allergy are excluded from receiving KLH", EXCLUSION),
    ("Patients with lymphoma may be considered for inclusion into the trial", EXCLUSION),
])
def test_stays_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_evidence_of_a_non_infection_keeps_has_or_had():
    assert_reads("Evidence of lymphoma", EXCLUSION, ever("lymphoma"))


@pytest.mark.parametrize(("text", "out"), [
    ("patients with x will not be considered for inclusion into the trial", "patients with x are excluded"),
    ("patients with x should not be considered as candidates for enrollment", "patients with x are excluded"),
    ("patients with x are excluded from participation in this study", "patients with x are excluded"),
    ("patients with x will not be included", "patients with x are excluded"),
    ("will not be included in the study", "will not be included in the study"),  # no subject: unchanged
    ("patients with x will not be considered eligible", "patients with x will not be considered eligible"),
])
def test_restate(text, out):
    assert restate(text) == out


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # "(who) suffer(s) from X" is "with X"
    ("No patients who suffer from claustrophobia.", INCLUSION, ever("claustrophobia", False)),
    ("Must not suffer from claustrophobia.", INCLUSION, ever("claustrophobia", False)),
    ("Patients who suffer from epilepsy", EXCLUSION, ever("epilepsy")),
    # what a diagnosis was based on is how it is known
    ("Diagnosis of Wegener's granulomatosis based on clinical and histological characteristics.", INCLUSION,
     ever("granulomatosis_with_polyangiitis")),
    ("History of lymphoma based on histology", EXCLUSION, ever("lymphoma")),
    # "X diagnosis by <named> criteria" is X by those criteria
    ("JRA Diagnosis by American College of Rheumatology diagnostic criteria", INCLUSION,
     f("classified:juvenile_idiopathic_arthritis", "=", True)),
    ("Fibromyalgia diagnosis according to the ACR 1990 criteria", INCLUSION, f("classified:fibromyalgia", "=", True)),
    # a bracket naming the same or a broader condition restates it: the narrower name is read
    ("Progressive systemic sclerosis (scleroderma)", INCLUSION, f("diagnoses", "has", "systemic_sclerosis")),
    ("History of stroke (cerebrovascular accident) within 6 months", EXCLUSION,
     f("condition_recent_years:stroke", "<", 0.5)),
])
def test_verbs_bases_and_glosses(text, kind, rule):
    assert_reads(text, kind, rule)


@pytest.mark.parametrize(("text", "kind"), [
    ("Joint MRI: Must not suffer from claustrophobia.", INCLUSION),  # a section prefix: a scope
    ("Patients who suffer from severe asthma", EXCLUSION),  # the degree is a judgement
    ("Diagnosis of lupus based on clinical criteria", INCLUSION),  # unnamed criteria: no classification
    ("Diagnosis of asthma based on clinical judgement", INCLUSION),
    ("Differential diagnosis according to ACR criteria", INCLUSION),
    # a bracket naming a narrower or another concept restricts or adds: not a gloss
    ("Heart disease (congestive heart failure)", EXCLUSION),
    ("Hepatitis (viral or bacterial)", EXCLUSION),
])
def test_verbs_bases_and_glosses_near_misses(text, kind):
    assert propose_rule(text, kind) is None


def test_gloss_dropped_only_when_it_restates():
    from core.criteria.extract.glosses import drop_glosses

    assert drop_glosses("progressive systemic sclerosis (scleroderma)") == "progressive systemic sclerosis"
    assert drop_glosses("heart disease (congestive heart failure)") == "heart disease (congestive heart failure)"
    assert drop_glosses("lupus (lvef < 35 %)") == "lupus (lvef < 35 %)"


def test_bare_infection_in_a_present_conditions_list_is_had_now():
    from core.criteria.extract import propose_rules
    from tests.core.criteria.extract.phrasings import tree

    out = propose_rules([tree(EXCLUSION, "Patients with the following symptoms or conditions are excluded:",
                              "Syphilis.", "Cryptococcosis.", "History of syphilis.", "Tuberculosis.")])
    assert out["exc-1.1"].rule == now("syphilis")
    assert out["exc-1.2"].rule == now("cryptococcosis")
    assert out["exc-1.3"].rule == ever("syphilis")  # its own history word
    assert out["exc-1.4"] is None  # "current tuberculosis": latent or active? not read
    out = propose_rules([tree(EXCLUSION, "Patients with the following other symptoms or conditions are excluded:",
                              "Syphilis.")])
    assert out["exc-1.1"].rule == now("syphilis")


def test_bare_infection_elsewhere_stays_unread():
    from core.criteria.extract import propose_rules
    from tests.core.criteria.extract.phrasings import tree

    for lead in ("Patients with the following prior conditions are excluded:",
                 "Patients with the following are excluded:"):
        out = propose_rules([tree(EXCLUSION, lead, "Syphilis.")])
        assert out["exc-1.1"] is None, lead


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # "A, B or other C" where C covers A and B: C, the class the criterion counts
    ("Current diagnosis of generalized anxiety disorder, depression or other psychiatric illness", EXCLUSION,
     now("psychiatric_disorder")),
    ("History of asthma or other lung disease", EXCLUSION, ever("lung_disease")),
    ("No history of asthma or other lung disease", INCLUSION, ever("lung_disease", False)),
])
def test_members_the_class_covers_merge_into_it(text, kind, rule):
    assert_reads(text, kind, rule)


def test_members_the_class_does_not_cover_stay():
    from core.criteria.extract.covered_parts import drop_covered, merge_listed_class

    # without "other" the criterion does not say the first is one of the second: both are asked
    assert_reads("Current mental disorder or substance abuse.", EXCLUSION,
                 {"any": [now("psychiatric_disorder"), now("substance_use_disorder")]})
    rule = {"any": [now("depression"), now("psychiatric_disorder")]}
    assert merge_listed_class(rule, "depression or psychiatric illness") == rule
    assert merge_listed_class(rule, "depression or other psychiatric illness") == now("psychiatric_disorder")
    assert merge_listed_class(rule, "depression or other than psychiatric illness") == rule

    parts = [ever("asthma"), ever("copd")]
    assert drop_covered(parts) == parts
    # another kind or comparison is another statement: never merged
    mixed = [ever("asthma"), now("lung_disease")]
    assert drop_covered(mixed) == mixed
    assert drop_covered([ever("depression"), ever("psychiatric_disorder", False)]) == [
        ever("depression"), ever("psychiatric_disorder", False)]
    assert drop_covered([now("depression"), now("psychiatric_disorder")]) == [now("psychiatric_disorder")]


@pytest.mark.parametrize(("text", "kind", "rule"), [
    # an acute infection that passes, named bare, is had now; with a history word or a window as before
    ("Sepsis", EXCLUSION, now("sepsis")),
    ("Septicemia.", EXCLUSION, now("sepsis")),
    ("No septicemia", INCLUSION, now("sepsis", False)),
    ("No pneumonia", INCLUSION, now("pneumonia", False)),
    ("History of pneumonia", EXCLUSION, ever("pneumonia")),
    ("Pneumonia within 4 weeks", EXCLUSION, f("condition_recent_years:pneumonia", "<", round(28 / 365.25, 4))),
])
def test_acute_infections_named_bare_are_now(text, kind, rule):
    assert_reads(text, kind, rule)


@pytest.mark.parametrize(("text", "kind"), [
    ("Systemic infection", EXCLUSION),  # filed as sepsis, but broader than it
    ("No systemic infection", INCLUSION),
    ("Severe sepsis", EXCLUSION),  # a degree
    ("Pneumocystis carinii pneumonia.", EXCLUSION),  # an opportunistic infection filed under pneumonia: not listed
    ("Pneumonia", INCLUSION),  # the trial's own topic
    ("Pneumonia or tuberculosis", EXCLUSION),  # tuberculosis: latent or active?
])
def test_acute_infections_near_misses(text, kind):
    assert propose_rule(text, kind) is None
