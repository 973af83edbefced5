"""Items read with their lead-ins (issue 16): the ACTG "Concurrent Medication:" / "Excluded within 4 weeks of
study entry:" layout, verb-phrase lead-ins ("Patients may be eligible for this study if they:"), negating
lead-ins of an inclusion list, PDQ topic headings; and the lead-ins that must keep blocking."""

from __future__ import annotations

from core.criteria.extract import propose_rules
from core.criteria.extract.leadins import BLOCK, FLIP, NEUTRAL, classify, compose, strip_verb
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import f as _f
from tests.core.criteria.extract.phrasings import rule_of as _rule
from tests.core.criteria.extract.phrasings import tree as _node


def _inner(rule: dict) -> dict:
    """The condition of a step node (a washout, a medication to stop)."""
    return rule["rule"] if "step" in rule else rule


def test_actg_medication_sections_read_bare_drug_names_with_the_section_and_window():
    criteria = [
        _node(EXCLUSION, "Concurrent Medication:"),
        _node(EXCLUSION, "Excluded:", "Zidovudine (AZT).", "Corticosteroids.", "Other experimental therapy."),
        _node(EXCLUSION, "Prior Medication:"),
        _node(EXCLUSION, "Excluded within 3 weeks of study entry:", "Zidovudine (AZT).", "Chemotherapy.",
              "An anticipated need for any of these agents within the next 16 weeks."),
        _node(EXCLUSION, "Prior Treatment:"),
        _node(EXCLUSION, "Excluded:", "Blood transfusion within the past 6 months."),
    ]
    out = propose_rules(criteria)
    assert _inner(_rule(out, "exc-2.1")) == _f("drug_current:zidovudine", "=", True)
    assert _inner(_rule(out, "exc-2.2")) == _f("drug_current:corticosteroid", "=", True)
    assert _inner(_rule(out, "exc-4.1")) == _f("drug_weeks_since:zidovudine", "<", 3.0)
    assert _inner(_rule(out, "exc-4.2")) == _f("drug_weeks_since:chemotherapy", "<", 3.0)
    assert out["exc-4.3"] is None  # has its own time words: the lead-in's window cannot be put in
    assert _inner(_rule(out, "exc-6.1"))["fact"] == "procedure_weeks_since:blood_transfusion"
    assert out["exc-2"] is None and out["exc-4"] is None  # an exclusion parent with no rule: any item excludes


def test_bare_drug_names_are_not_read_without_a_section():
    out = propose_rules([_node(EXCLUSION, "Excluded:", "Zidovudine (AZT).")])
    assert out["exc-1.1"] is None  # current? ever? nothing says


def test_allowed_and_required_lists_stay_unread():
    criteria = [_node(INCLUSION, "Concurrent Medication:"), _node(INCLUSION, "Allowed:", "Zidovudine (AZT)."),
                _node(INCLUSION, "Required:", "PCP prophylaxis.")]
    out = propose_rules(criteria)
    assert out["inc-2.1"] is None and out["inc-3.1"] is None


def test_verb_phrase_items_under_eligibility_lead_ins():
    criteria = [
        _node(INCLUSION, "Patients may be eligible for this study if they:", "Are HIV-positive.",
              "Are at least 18 years old.", "Have a CD4 count of at least 50 cells/mm3.",
              "Are able to take medications by mouth."),
        _node(EXCLUSION, "Patients will not be eligible for this study if they:", "Are pregnant or breast-feeding.",
              "Have chronic diarrhea.", "Have had pancreatitis or hepatitis within the last 6 months."),
    ]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1.1") == _f("hiv", "=", True)
    assert _rule(out, "inc-1.2") == _f("age_years", ">=", 18)
    assert _rule(out, "inc-1.3") == _f("lab:cd4_count", ">=", 50)
    assert out["inc-1.4"] is None
    assert _rule(out, "exc-1.1") == {"any": [_f("pregnant", "=", True), _f("lactating", "=", True)]}
    assert _rule(out, "exc-1.2") == _f("condition:chronic_diarrhoea", "=", True)
    assert _rule(out, "exc-1.3") == {"any": [_f("condition_recent_years:pancreatitis", "<", 0.5),
                                             _f("condition_recent_years:hepatitis", "<", 0.5)]}


def test_scoped_eligibility_lead_ins_still_block():
    criteria = [
        _node(INCLUSION, "Children may be eligible for this study if they:", "Are HIV-positive."),
        _node(EXCLUSION, "Patients will not be eligible for step I of this study if they:", "Are pregnant."),
        _node(EXCLUSION, "Healthy volunteers will be excluded for any of the following:", "Are pregnant."),
    ]
    out = propose_rules(criteria)
    assert out["exc-1.1"] is None and out["exc-2.1"] is None
    # "Children" beside "Patients … step I": a group of its own, read for that group only (h-cohort10)
    assert out["inc-1.1"] is not None and "cohort-" in str(out["inc-1.1"].rule)


def test_negating_lead_ins_of_an_inclusion_list_read_each_item_as_an_exclusion():
    criteria = [
        _node(INCLUSION, "Patients with the following are excluded:", "Liver dysfunction.",
              "Hypersensitivity to zidovudine (AZT)."),
        _node(INCLUSION, "No history of any of the following within the past 6 months:", "Myocardial infarction"),
        _node(INCLUSION, "Patients will not be eligible for this study if they:", "Are pregnant."),
    ]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1.1") == _f("condition_current:hepatic_impairment", "=", False)
    assert _rule(out, "inc-1.2") == _f("allergy:zidovudine", "=", False)
    assert _rule(out, "inc-2.1") == _f("condition_recent_years:myocardial_infarction", ">=", 0.5)
    assert _rule(out, "inc-3.1") == _f("pregnant", "=", False)


def test_a_negating_lead_in_with_a_qualifier_still_blocks():
    out = propose_rules([_node(INCLUSION, "No active or uncontrolled:", "Hepatitis"),
                         _node(INCLUSION, "No second malignancy except:", "Carcinoma in situ of the cervix")])
    assert out["inc-1.1"] is None and out["inc-2.1"] is None


def test_pdq_topic_headings_and_fields():
    criteria = [
        _node(INCLUSION, "PATIENT CHARACTERISTICS:", _node(INCLUSION, "Performance status:", "ECOG 0-1"),
              _node(INCLUSION, "Life expectancy:", "At least 3 months")),
        _node(INCLUSION, "PRIOR CONCURRENT THERAPY:", _node(INCLUSION, "Chemotherapy:", "No prior chemotherapy",
                                                            "Not specified")),
    ]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1.1.1") == _f("ecog", "<=", 1)
    # "Life expectancy:" composes with its item, but a life expectancy is the investigator's estimate: no rule
    assert out["inc-1.2.1"] is None
    assert _rule(out, "inc-2.1.1") == _f("drug_ever:chemotherapy", "=", False)
    assert out["inc-2.1.2"] is None


def test_items_joined_by_a_dangling_or_are_alternatives():
    # neither alone: lab and score thresholds are read together as either (``alternative_items``), anything else
    # stays unread
    criteria = [_node(INCLUSION, "Performance status:", "ECOG 0-1 or", "Karnofsky 70-100%"),
                _node(INCLUSION, "Renal:", "Creatinine no greater than 1.5 mg/dL OR",
                      "Creatinine clearance at least 60 mL/min"),
                _node(INCLUSION, "Other:", "Prior chemotherapy or", "Radiotherapy within 4 weeks")]
    out = propose_rules(criteria)
    either = {"any": [_f("ecog", "<=", 1), _f("score:karnofsky", ">=", 70)]}
    assert _rule(out, "inc-1.1") == either and _rule(out, "inc-1.2") == either
    either = {"any": [_f("creatinine", "<=", 132.6), _f("creatinine_clearance", ">=", 60)]}
    assert _rule(out, "inc-2.1") == either and _rule(out, "inc-2.2") == either
    assert out["inc-3.1"] is None and out["inc-3.2"] is None


def test_exclusion_lead_ins_that_mean_all_or_a_count():
    criteria = [
        _node(EXCLUSION, "Patients with both of the following are excluded:", "Hepatitis", "Pregnancy"),
        _node(EXCLUSION, "At least 2 of the following:", "Hepatitis", "Pregnancy"),
        _node(EXCLUSION, "All of the following:"),
        _node(EXCLUSION, "Pregnancy"),
    ]
    out = propose_rules(criteria)
    assert _rule(out, "exc-1") == {"children": "all"}
    assert _rule(out, "exc-1.1") == _f("condition_current:hepatitis", "=", True)
    assert out["exc-2"] is None and out["exc-2.1"] is None and out["exc-2.2"] is None
    assert out["exc-4"] is None  # a sibling after "All of the following:" cannot exclude alone


def test_a_lead_in_among_siblings_reaches_the_siblings_after_it():
    criteria = [_node(INCLUSION, "Other:", "Not pregnant", "No second malignancy within 5 years except:",
                      "In situ cervical cancer")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1.1") == _f("pregnant", "=", False)
    assert out["inc-1.3"] is None  # an exception of the malignancy, not a requirement


def test_a_section_heading_ends_the_lead_in_before_it():
    criteria = [_node(INCLUSION, "And/or:"), _node(INCLUSION, "Exclusion criteria:", "Pregnancy")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-2.1") == _f("pregnant", "=", False)


def test_classify_roles():
    assert classify("Excluded within 4 weeks prior to study entry:", EXCLUSION).window \
        == "within 4 weeks prior to study entry"
    assert classify("Excluded:", INCLUSION).role == FLIP
    assert classify("None of the following:", INCLUSION).role == FLIP
    assert classify("Cohort A:", INCLUSION).role == BLOCK
    assert classify("For group 2:", EXCLUSION).role == BLOCK
    assert classify("Two or more of the following:", EXCLUSION).role == BLOCK
    assert classify("Adequate hematopoietic, renal and hepatic function, defined as:", INCLUSION).role == NEUTRAL
    assert classify("The following patients will be excluded from the study:", EXCLUSION).role == NEUTRAL


def test_strip_verb_only_when_the_verb_adds_nothing():
    assert strip_verb("Are HIV-positive.") == "HIV-positive."
    assert strip_verb("Have had Fibromyalgia Syndrome.") == "History of Fibromyalgia Syndrome."
    assert strip_verb("Have had a history of pancreatitis.") == "a history of pancreatitis."
    assert strip_verb("Have no AIDS-defining illnesses.") == "no AIDS-defining illnesses."
    assert strip_verb("Are able to swallow pills.") == "Are able to swallow pills."
    assert strip_verb("Have been on antiretroviral therapy for 7 days.") == \
        "Have been on antiretroviral therapy for 7 days."
    assert strip_verb("Hepatitis.") == "Hepatitis."


def test_have_had_under_a_verb_leadin_is_a_history_not_the_episode_now():
    """ "Have had pancreatitis." excludes a past pancreatitis too; "Have pancreatitis." only one now."""
    criteria = [_node(EXCLUSION, "Patients will not be eligible for this study if they:", "Have had pancreatitis.",
                      "Have pancreatitis.", "Have had radiation therapy within 28 days of study entry.")]
    out = propose_rules(criteria)
    assert _rule(out, "exc-1.1") == _f("condition:pancreatitis", "=", True)
    assert _rule(out, "exc-1.2") == _f("condition_current:pancreatitis", "=", True)
    assert _inner(_rule(out, "exc-1.3"))["fact"] == "procedure_weeks_since:radiotherapy"


def test_compose_puts_a_window_only_on_a_bare_phrase():
    window = classify("Excluded within 30 days of study entry:", EXCLUSION)
    assert compose("Rifampin.", [window]) == "Rifampin within 30 days of study entry"
    assert compose("Rifampin within 14 days.", [window]) is None
    assert compose("Patients who need rifampin.", [window]) is None


def test_a_note_qualifies_only_the_item_after_it():
    criteria = [_node(EXCLUSION, "Patients with the following conditions and symptoms are excluded:",
                      "Serious uncontrolled infection. NOTE:", "Must be ruled out by work-up in patients with fevers.",
                      "Thrombocytopenia.")]
    out = propose_rules(criteria)
    assert out["exc-1.2"] is None
    assert _rule(out, "exc-1.3") == _f("condition_current:thrombocytopenia", "=", True)


def test_exceptions_under_a_parent_are_not_read_as_exclusions():
    criteria = [_node(EXCLUSION, "History of malignancy other than:", "Basal cell carcinoma of the skin"),
                _node(EXCLUSION, "Malignancy, except:", "Carcinoma in situ of the cervix")]
    out = propose_rules(criteria)
    assert out["exc-1.1"] is None and out["exc-2.1"] is None


def test_any_of_the_following_under_an_exclusion_heading_of_the_inclusion_list():
    # each item negated and all of them required: no "any" rule for the parent (De Morgan)
    criteria = [_node(INCLUSION, "Exclusion criteria:", _node(INCLUSION, "Any of the following:", "Pregnancy"))]
    out = propose_rules(criteria)
    assert out["inc-1.1"] is None
    assert _rule(out, "inc-1.1.1") == _f("pregnant", "=", False)


def test_required_drugs_under_a_concurrent_medication_section():
    criteria = [_node(INCLUSION, "Concurrent Medication:"), _node(INCLUSION, "Required:", "AZT, d4T, ddI, or ddC.")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-2.1") == {"any": [_f(f"drug_current:{d}", "=", True)
                                             for d in ("zidovudine", "stavudine", "didanosine", "zalcitabine")]}


def test_alternatives_in_an_inclusion_list_are_read_only_under_an_any_parent():
    criteria = [
        _node(INCLUSION, "At least one of the following:", "Anti-dsDNA > 2 x ULN", "C3 < 0.9 g/L"),
        _node(INCLUSION, "Active lupus nephritis with one of the following:", "Anti-dsDNA > 2 x ULN",
              "C3 < 0.9 g/L"),
        _node(INCLUSION, "Patients must meet one of the following:"),
        _node(INCLUSION, "No prior chemotherapy"),
    ]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1") == {"children": "any"}
    assert _rule(out, "inc-1.1") == _f("anti_dsdna_x_uln", ">", 2)
    assert out["inc-2.1"] is None and out["inc-2.2"] is None  # the parent names no rule: all would be required
    assert out["inc-4"] is None  # one alternative of the lead-in before it


def test_diagnosis_of_one_of_the_following_is_any_of_its_items():
    criteria = [_node(INCLUSION, "Diagnosis of one of the following neoplastic diseases:", "Multiple myeloma",
                      "Prostate cancer"),
                _node(INCLUSION, "Diagnosis of one of the following cancers and undergoing high dose chemotherapy:",
                      "Multiple myeloma")]
    out = propose_rules(criteria)
    assert _rule(out, "inc-1") == {"children": "any"}
    assert _rule(out, "inc-1.1") == _f("condition:multiple_myeloma", "=", True)
    assert out["inc-2"] is None and out["inc-2.1"] is None


def test_a_bare_or_between_items_makes_both_alternatives():
    criteria = [_node(INCLUSION, "ECOG 0-1"), _node(INCLUSION, "OR"), _node(INCLUSION, "Karnofsky 70-100%"),
                _node(INCLUSION, "Other"), _node(INCLUSION, "Age 18 or over"), _node(INCLUSION, "Other"),
                _node(INCLUSION, "Not pregnant")]
    out = propose_rules(criteria)
    assert out["inc-1"] is None and out["inc-3"] is None
    assert _rule(out, "inc-5") == _f("age_years", ">=", 18)  # a heading printed twice hides no cohorts
    assert _rule(out, "inc-7") == _f("pregnant", "=", False)


def test_a_window_ending_a_lead_in_is_read_with_each_item_or_blocks():
    criteria = [
        _node(EXCLUSION, "Any of the following within 6 months prior to study drug administration:",
              "Myocardial infarction"),
        _node(EXCLUSION, "Any of the following during the study:", "Pregnancy"),
    ]
    out = propose_rules(criteria)
    assert _rule(out, "exc-1.1") == _f("condition_recent_years:myocardial_infarction", "<", 0.5)
    assert out["exc-2.1"] is None


def test_propose_for_items_reads_stored_rows_with_their_lead_ins():
    from core.criteria.extract import propose_for_items

    rows = [("exc-1", None, EXCLUSION, "Concurrent Medication:"), ("exc-2", None, EXCLUSION, "Excluded:"),
            ("exc-2.1", "exc-2", EXCLUSION, "Zidovudine (AZT)."), ("inc-1", None, INCLUSION, "None of the following:"),
            ("inc-1.1", "inc-1", INCLUSION, "Pregnancy")]
    out = propose_for_items(rows)
    assert set(out) == {"exc-1", "exc-2", "exc-2.1", "inc-1", "inc-1.1"}
    assert _inner(out["exc-2.1"].rule) == _f("drug_current:zidovudine", "=", True)
    assert out["inc-1.1"].rule == _f("pregnant", "=", False)
