"""The wrong readings of the seed-5160 audit of all dev-side proposals (task h-prec8): a footnote mark whose note
(an exception) was never read, and lists the registry text flattened so that their items reached the extractor
without their lead-in. Real phrasings from the corpus, and near-misses that keep their reading."""

from __future__ import annotations

from core.criteria.extract import propose_rule, propose_rules, why_no_rule
from core.criteria.extract.footnotes import marked
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import ever, f, rule_of, tree

# --- footnote marks -------------------------------------------------------------------------------------------


def test_a_threshold_with_a_footnote_mark_gets_no_rule():
    # NCT00006252, NCT00003311, NCT00006009, NCT00006021, NCT00002765: the "*" points to "NOTE: *Unless attributable
    # to disease" / "*Unless due to lymphoma" / "*nonleukemic patients", which the threshold alone would overrule
    for text in ("Bilirubin no greater than 3 times upper limit of normal (ULN)*",
                 "Absolute neutrophil count greater than 1,000/mm^3*",
                 "Absolute neutrophil count greater than 1,000/mm3*",
                 "AST/ALT no greater than 2.5 times upper limit of normal*",
                 "Alkaline phosphatase no greater than 2 times normal*",
                 "Histologically or cytologically confirmed solid tumor*"):
        assert propose_rule(text, INCLUSION) is None, text
        assert "footnote" in why_no_rule(text, INCLUSION)


def test_the_same_thresholds_without_the_mark_keep_their_reading():
    assert propose_rule("Bilirubin no greater than 3 times upper limit of normal (ULN)", INCLUSION).rule == \
        f("bilirubin_x_uln", "<=", 3)
    assert propose_rule("Absolute neutrophil count greater than 1,000/mm^3", INCLUSION).rule == f("neutrophils", ">", 1)


def test_stars_that_are_no_footnote_marks():
    assert marked("Bilirubin no greater than 3 times upper limit of normal (ULN)*")
    assert marked("active hepatitis* or chronic hepatitis")
    assert marked("Platelets at least 100,000/mm^3** NOTE")
    # a bullet, markdown emphasis, a multiplication: no mark
    for text in ("* Age over 18", "**Age**: over 18", "**Inclusion Criteria:**", "WBC 3*10^9/L", "ALT < 2.5*ULN",
                 "ALT < 2.5 * ULN", "*Note*: ECOG 0-1"):
        assert not marked(text), text
    assert propose_rule("* Age 18 years or older", INCLUSION).rule == f("age_years", ">=", 18)
    assert propose_rule("**Age 18 years or older**", INCLUSION).rule == f("age_years", ">=", 18)


# --- a dangling lead-in: its items printed one level up ----------------------------------------------------------


def test_examples_after_a_deeper_such_as_lead_in_are_not_requirements():
    # NCT00004842: "No liver disease of other etiology such as:" is the last item under "Other:"; its examples follow
    # as top-level items, and "Wilson's disease" was read as a required diagnosis
    criteria = [tree(INCLUSION, "Other:", "Not pregnant", "No liver disease of other etiology such as:"),
                tree(INCLUSION, "Chronic alcoholic liver disease"), tree(INCLUSION, "Hemochromatosis"),
                tree(INCLUSION, "Wilson's disease"), tree(INCLUSION, "No recurrent variceal bleeds"),
                tree(INCLUSION, "Platelet count at least 100,000/mm3")]
    out = propose_rules(criteria)
    assert rule_of(out, "inc-1.1") == f("pregnant", "=", False)
    assert out["inc-3"] is None and out["inc-4"] is None
    # an item that states its own polarity ends the list; what follows reads as it stands
    assert rule_of(out, "inc-6") == f("platelets", ">=", 100)


def test_risk_factors_after_a_deeper_count_lead_in_are_not_requirements():
    # NCT00006252: "At least 3 of the following risk factors:" closes a sub-list; "Over 60 years of age" follows
    criteria = [tree(INCLUSION, "Low-grade non-Hodgkin's lymphoma", "Failure of at least 1 prior regimen OR",
                     "At least 3 of the following risk factors:"),
                tree(INCLUSION, "Over 60 years of age"), tree(INCLUSION, "LDH greater than normal"),
                tree(INCLUSION, "Disease stage III or IV", "Mantle cell lymphoma"),
                tree(INCLUSION, "Age:", "Under 70")]
    out = propose_rules(criteria)
    assert out["inc-2"] is None
    assert rule_of(out, "inc-5.1") == f("age_years", "<", 70)


def test_a_deeper_neutral_heading_or_a_sibling_lead_in_is_no_dangling_list():
    # NCT00002984 / NCT00006393: a PDQ heading printed at the end of the previous group ("Surgery:",
    # "Disease Characteristics--") starts a section: the items after it read as they stand
    criteria = [tree(INCLUSION, "PRIOR CONCURRENT THERAPY:", "Surgery:"),
                tree(INCLUSION, "More than 1 week since major surgery"), tree(INCLUSION, "Over 60 years of age")]
    out = propose_rules(criteria)
    assert out["inc-2"] is not None and rule_of(out, "inc-3") == f("age_years", ">", 60)
    # the exclusion side: an item under an example lead-in still excludes on its own (NCT00007137)
    criteria = [tree(EXCLUSION, "Other:", "Any contraindication for MRI, including:"),
                tree(EXCLUSION, "Pacemaker")]
    assert propose_rules(criteria)["exc-2"] is not None


# --- sibling diagnoses each required on its own ------------------------------------------------------------------


def test_alternative_diagnoses_printed_as_sibling_items_are_not_each_required():
    # NCT04353505: "Established diagnosis of one of the three following … [chronic migraine, cluster headache,
    # trigeminal neuralgia] …" with one sub-item; the other two diagnoses follow as top-level items
    criteria = [tree(INCLUSION, "Established diagnosis of one of the three following headache or facial pain "
                                "disorders", "Chronic migraine"),
                tree(INCLUSION, "Cluster headache"), tree(INCLUSION, "Trigeminal neuralgia"),
                tree(INCLUSION, "Age 18 years or older")]
    out = propose_rules(criteria)
    assert out["inc-2"] is None and out["inc-3"] is None
    assert rule_of(out, "inc-4") == f("age_years", ">=", 18)


def test_exceptions_continued_as_sibling_items_are_not_required():
    # NCT00003263: "No prior malignancy within 3 years, except nonmelanomatous skin cancer" then the other exceptions
    criteria = [tree(INCLUSION, "Other:", "No prior malignancy within 3 years, except nonmelanomatous skin cancer",
                     "Carcinoma in situ of the cervix", "Ductal carcinoma in situ of the breast", "Not pregnant")]
    out = propose_rules(criteria)
    assert out["inc-1.2"] is None and out["inc-1.3"] is None
    assert rule_of(out, "inc-1.4") == f("pregnant", "=", False)


def test_one_required_diagnosis_or_diagnoses_joined_as_alternatives_keep_their_reading():
    # a single diagnosis among other requirements is read
    out = propose_rules([tree(INCLUSION, "Wilson's disease"), tree(INCLUSION, "Age 18 years or older")])
    assert rule_of(out, "inc-1") == ever("wilson_disease")
    # "One of the following diagnoses:" joins its items (children: any): each keeps its reading
    out = propose_rules([tree(INCLUSION, "One of the following diagnoses:", "Acute myeloid leukemia",
                              "Myelodysplastic syndrome")])
    assert rule_of(out, "inc-1") == {"children": "any"}
    assert rule_of(out, "inc-1.1") == ever("acute_myeloid_leukaemia")
    assert rule_of(out, "inc-1.2") == ever("myelodysplastic_syndrome")
    # exclusions each exclude: two diagnoses side by side are two exclusions
    out = propose_rules([tree(EXCLUSION, "Wilson's disease"), tree(EXCLUSION, "Hemochromatosis")])
    assert out["exc-1"] is not None and out["exc-2"] is not None
