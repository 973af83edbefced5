"""Wrong readings found by the third independent precision audit (seed 5152, ``benchmarks/audits``, issue 16): each
test holds the real phrasing that was misread and near-misses that must keep their reading (or stay unread)."""

from __future__ import annotations

from core.criteria.extract import propose_rule, propose_rules
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode
from tests.core.criteria.extract.phrasings import f as _f
from tests.core.criteria.extract.phrasings import rule_of as _rule
from tests.core.criteria.extract.phrasings import tree as _node

# --- a malignancy in a list of present conditions is meant now ---------------------------------------------------

_PRESENT = "Patients with the following symptoms or conditions are excluded:"


def _coexisting(*items: str, lead: str = _PRESENT) -> dict:
    return propose_rules([_node(EXCLUSION, "Co-existing Condition:"), _node(EXCLUSION, lead, *items)])


def test_lymphoma_in_a_coexisting_condition_list_is_a_lymphoma_now():
    # NCT00002443: "Lymphoma." beside "Acute hepatitis.", "Active infection." was "Lymphoma: yes" (ever had)
    out = _coexisting("Lymphoma.", "Leukemia or lymphoma.", "Malignancy.")
    assert _rule(out, "exc-2.1") == _f("condition_current:lymphoma", "=", True)
    assert _rule(out, "exc-2.2") == {"any": [_f("condition_current:leukaemia", "=", True),
                                             _f("condition_current:lymphoma", "=", True)]}
    assert _rule(out, "exc-2.3") == {"all": [_f("malignancy", "=", True), _f("malignancy_inactive", "=", False)]}
    # the other wordings of the ACTG present list
    for lead in ("Patients with the following conditions or symptoms are excluded:",
                 "Subjects with the following symptoms and conditions are excluded:"):
        assert _rule(_coexisting("Kaposi's sarcoma.", lead=lead), "exc-2.1") == _f(
            "condition_current:kaposi_sarcoma", "=", True)


def test_history_words_and_lasting_conditions_keep_has_or_had():
    out = _coexisting("History of lymphoma.", "Diabetes mellitus.", "Hypogammaglobulinemia.")
    assert _rule(out, "exc-2.1") == _f("condition:lymphoma", "=", True)  # the item says history
    assert _rule(out, "exc-2.2") == _f("condition:diabetes_mellitus", "=", True)  # lasting: the same either way
    assert _rule(out, "exc-2.3") == _f("condition:hypogammaglobulinaemia", "=", True)
    # the prior-conditions list, and a list that names no symptoms, read as before
    prior = _coexisting("Lymphoma.", lead="Patients with the following prior conditions are excluded:")
    assert _rule(prior, "exc-2.1") == _f("condition:lymphoma", "=", True)
    plain = _coexisting("Lymphoma.", lead="Patients with the following conditions are excluded:")
    assert _rule(plain, "exc-2.1") == _f("condition:lymphoma", "=", True)
    # outside such a list a bare name is read as it always was
    assert propose_rule("Lymphoma.", EXCLUSION).rule == _f("condition:lymphoma", "=", True)


# --- a malignancy exception is read by the vocabulary, or not at all ----------------------------------------------


def test_skin_cancer_exception_is_not_read_as_cured_carcinoma_in_situ():
    # NCT00006196: the exception was the fact "every malignancy a cured carcinoma in situ of the skin or cervix",
    # so an untreated or invasive basal cell carcinoma excluded though the text excepts it
    for text, kind in (("history of malignancy other than basal cell or squamous cell cancer of the skin", EXCLUSION),
                       ("No history of malignancy other than squamous cell and/or basal carcinoma of the skin.",
                        INCLUSION),
                       ("any previous cancer (except non-melanoma skin cancer or in situ cancer of the cervix).",
                        EXCLUSION)):
        proposal = propose_rule(text, kind)
        assert proposal is None or "malignancy_only_cured_in_situ_skin_or_cervix" not in str(proposal.rule), text
    # near-misses: exceptions the vocabulary names keep their reading, one diagnosis at a time
    assert propose_rule("No prior or concurrent malignancy other than nonmelanomatous skin cancer", INCLUSION).rule == \
        _f("condition_other_than:malignancy|non_melanoma_skin_cancer", "=", False)
    assert propose_rule("History of malignancy other than basal cell carcinoma or carcinoma in situ of the cervix",
                        EXCLUSION).rule == _f(
        "condition_other_than:malignancy|basal_cell_carcinoma,cervical_carcinoma_in_situ", "=", True)
    assert propose_rule("History of malignancy", EXCLUSION).rule == _f("malignancy", "=", True)


# --- a histology or qualifier in a condition's name never widens to the concept -----------------------------------


def test_histology_named_in_a_criterion_does_not_widen_to_the_site():
    # NCT00003026 "Histologically confirmed adenocarcinoma of the prostate" was "Prostate cancer: yes"; NCT00005883
    # "No dyspnea at rest" was "Dyspnoea: no" (dyspnoea on exertion excluded too)
    for text, kind in (("Histologically confirmed adenocarcinoma of the prostate", INCLUSION),
                       ("Histologically proven squamous cell carcinoma of the head and neck", INCLUSION),
                       ("Histologically confirmed adenocarcinoma of the colon or rectum", INCLUSION),
                       ("Histologically or cytologically confirmed renal cell carcinoma", INCLUSION),
                       ("Transitional cell carcinoma of the bladder", INCLUSION),
                       ("No dyspnea at rest", INCLUSION), ("Dyspnea at rest", EXCLUSION)):
        assert propose_rule(text, kind) is None, text
    # near-misses: a concept whose own name holds the histology, a synonym of the same histology, the bare site
    assert propose_rule("Histologically confirmed adenocarcinoma of the lung", INCLUSION).rule == _f(
        "condition:lung_adenocarcinoma", "=", True)
    assert propose_rule("Non-small cell lung cancer", INCLUSION).rule == _f(
        "condition:nsclc", "=", True)
    assert propose_rule("Transitional cell carcinoma", INCLUSION).rule == _f(
        "condition:urothelial_carcinoma", "=", True)
    assert propose_rule("Prostate cancer", INCLUSION).rule == _f("condition:prostate_cancer", "=", True)
    assert propose_rule("No dyspnea", INCLUSION).rule == _f("condition:dyspnoea", "=", False)
    # the part not read is asked, the rest read: "X or <histology of site>" keeps X
    proposal = propose_rule("Renal cell carcinoma or malignant melanoma", EXCLUSION)
    assert proposal is None or "kidney_cancer" not in str(proposal.rule)


# --- "neoplasms other than" cancers means other cancers -----------------------------------------------------------


def test_neoplasms_other_than_named_cancers_are_malignancies():
    # NCT00002279: "Neoplasms other than Kaposi's sarcoma or basal cell carcinoma." was any neoplasm, benign included
    assert propose_rule("Neoplasms other than Kaposi's sarcoma or basal cell carcinoma.", EXCLUSION).rule == _f(
        "condition_other_than:malignancy|basal_cell_carcinoma,kaposi_sarcoma", "=", True)
    # near-misses: a bare "neoplasm" stays the concept as written
    assert propose_rule("Neoplasms", EXCLUSION).rule == _f("condition:neoplasm", "=", True)


# --- an unread "<adjective> <noun>" before "or <noun>" may give the read noun its adjective (seed 5153) ------------


def test_an_unread_adjective_may_reach_the_bare_noun_read_after_or():
    # NCT00004734: "… intracardiac thrombus or neoplasm, valvular vegetation" was "neoplasm (anywhere): yes OR confirm"
    assert propose_rule("Presence of potential sources of cardiogenic emboli: atrial fibrillation, prosthetic cardiac "
                        "valve, intracardiac thrombus or neoplasm, valvular vegetation", EXCLUSION) is None
    assert propose_rule("Intracardiac thrombus or neoplasm", EXCLUSION) is None
    # near-misses: both parts read, or a read part with words of its own, keep their reading
    assert propose_rule("Pulmonary hypertension or asthma", EXCLUSION).rule == {
        "any": [_f("condition:pulmonary_hypertension", "=", True), _f("condition:asthma", "=", True)]}
    assert propose_rule("Lymphoma or visceral Kaposi's sarcoma", EXCLUSION) is not None
    # NCT00002920 "… atypical hyperplasia, or carcinoma" was "no malignancy (any)": the endometrial site reaches it
    assert propose_rule("No endometrial simple or cystic hyperplasia, proliferative changes, complex (adenomatous) or "
                        "atypical hyperplasia, or carcinoma", INCLUSION) is None
    # a read noun that is no generic head ("seizures", "ascites") takes no site adjective
    assert "condition:seizure" in str(propose_rule("History of psychiatric disabilities or seizures.", EXCLUSION).rule)


# --- an exception list printed over several items (supplementary audit of condition proposals) -------------------


def test_an_item_continuing_an_except_list_is_not_a_required_diagnosis():
    # NCT00001450: "No second malignancy within 5 years except: Nonmelanomatous skin cancer." then "In situ cervical
    # cancer." was "carcinoma in situ of the cervix: yes" required of every patient
    items = [CriterionNode(kind=INCLUSION, text=t) for t in (
        "No second malignancy within 5 years except: Nonmelanomatous skin cancer.", "In situ cervical cancer.",
        "No pregnant or nursing women.")]
    out = propose_rules(items)
    assert out["inc-2"] is None
    # near-misses: the next requirement is read, and a diagnosis after an ordinary item stays a requirement
    assert _rule(out, "inc-3") == {"all": [_f("pregnant", "=", False), _f("lactating", "=", False)]}
    out = propose_rules([CriterionNode(kind=INCLUSION, text=t) for t in ("Age 18 and over", "Knee osteoarthritis")])
    assert _rule(out, "inc-2") == _f("condition:knee_osteoarthritis", "=", True)


def test_items_under_an_i_e_or_e_g_lead_in_are_not_each_required():
    # NCT00004771: "Men aged 18 and over with motor neuron disease, i.e.:" over Kennedy's disease, ALS, SMA: each was
    # required on its own ("ALS: yes")
    out = propose_rules([_node(INCLUSION, "Men aged 18 and over with motor neuron disease, i.e.:",
                               "Amyotrophic lateral sclerosis", "Spinal muscular atrophy")])
    assert out["inc-1.1"] is None and out["inc-1.2"] is None
    out = propose_rules([_node(INCLUSION, "Patients with connective tissue disease, e.g.:", "Systemic sclerosis")])
    assert out["inc-1.1"] is None
    # near-miss: a plain list lead-in still reads its items
    out = propose_rules([_node(INCLUSION, "Patients must have:", "HIV infection.")])
    assert _rule(out, "inc-1.1") == _f("hiv", "=", True)


def test_a_present_list_reading_quotes_the_item_as_written():
    out = _coexisting("Lymphoma or visceral Kaposi's sarcoma.")
    rule = _rule(out, "exc-2.1")
    assert rule["any"][0] == _f("condition_current:lymphoma", "=", True)
    assert "(Criterion: \u201cLymphoma or visceral Kaposi's sarcoma\u201d)" in rule["any"][1]["confirm"]
    assert "current" not in rule["any"][1]["confirm"]
