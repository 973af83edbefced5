"""Provisos after a lab or performance-score threshold (``lab_provisos``, task h-labs9): real dev-side phrasings of
the mined corpus, and near-misses that must stay unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.lab_provisos import split
from tests.core.criteria.extract.phrasings import assert_reads, ever, f


def _ask(words: str, text: str) -> dict:
    return {"confirm": f"Does this part of the criterion apply: \u201c{words}\u201d? (Criterion: \u201c{text}\u201d)",
            "id": "exception"}


@pytest.mark.parametrize(("text", "threshold", "words"), [
    ("Platelet count at least 100,000/mm3 (unless due to bone marrow involvement by lymphoma)",
     f("platelets", ">=", 100), "unless due to bone marrow involvement by lymphoma"),
    ("Bilirubin less than 1.6 mg/dL (unless due to disease)", f("bilirubin", "<", 27.36), "unless due to disease"),
    ("SWOG 0-2 (unless due to bone pain)", f("ecog", "<=", 2), "unless due to bone pain"),
    ("Total serum bilirubin ≤ 1.5 × ULN, unless due to Gilbert's syndrome or CML", f("bilirubin_x_uln", "<=", 1.5),
     "unless due to gilbert's syndrome or cml"),
    ("Absolute neutrophil count at least 500/mm3 (except for cases of bone marrow infiltration by tumor)",
     f("neutrophils", ">=", 0.5), "except for cases of bone marrow infiltration by tumor"),
    ("Absolute neutrophil count (ANC)≥ 1,000 cells/mm3 (Exception: Unless cytopenias are secondary to leukemia "
     "disease)", f("neutrophils", ">=", 1), "unless cytopenias are secondary to leukemia disease"),
    ("Creatinine clearance at least 60 mL/min (unless due to obstructive uropathy correctable by nephrostomy)",
     f("creatinine_clearance", ">=", 60), "unless due to obstructive uropathy correctable by nephrostomy"),
])
def test_an_exception_is_asked_beside_the_threshold_to_include(text, threshold, words):
    assert_reads(text, "inclusion", {"any": [threshold, _ask(words, text)]})


def test_an_exception_to_exclude_must_not_apply():
    text = "Bilirubin > 1.5 x ULN (unless due to Gilbert's syndrome)"
    ask = _ask("unless due to gilbert's syndrome", text)
    assert_reads(text, "exclusion", {"all": [f("bilirubin_x_uln", ">", 1.5), {"not": ask}]})


def test_a_looser_threshold_for_gilberts_syndrome_reads_the_condition():
    text = "Total bilirubin ≤ 1.5 x ULN (≤ 3 x ULN for patients with Gilbert's syndrome)"
    assert_reads(text, "inclusion", {"any": [f("bilirubin_x_uln", "<=", 1.5), {
        "all": [ever("gilbert_syndrome"), f("bilirubin_x_uln", "<=", 3)]}]})


def test_a_looser_threshold_for_hepatic_metastases_in_other_words():
    text = "AST no greater than 3 times ULN (no greater than 5 times ULN in case of hepatic metastases)"
    assert_reads(text, "inclusion", {"any": [f("ast_x_uln", "<=", 3), {
        "all": [ever("liver_metastases"), f("ast_x_uln", "<=", 5)]}]})


def test_a_looser_threshold_for_another_circumstance_is_asked():
    text = "SGOT no greater than 3 times upper limit of normal (ULN) (no greater than 5 times ULN if liver involvement)"
    assert_reads(text, "inclusion", {"any": [f("ast_x_uln", "<=", 3), {
        "all": [_ask("if liver involvement", text), f("ast_x_uln", "<=", 5)]}]})


@pytest.mark.parametrize(("text", "kind"), [
    # a say-so or a second clause: not an exception of the threshold alone
    ("Absolute neutrophil count > 1500/uL, unless cytopenias are the result of bone marrow infiltration by lymphoma; "
     "permission of the protocol PI is required", "inclusion"),
    ("PT and aPTT normal (consult with principal investigator if abnormal)", "inclusion"),
    ("Hemoglobin at least 10 g/dL (except if transfused)", "inclusion"),
    # not a lab or score: the refusal of "unless" stays
    ("No active infection unless treated", "inclusion"),
    ("Prior chemotherapy allowed unless given within 4 weeks", "inclusion"),
    # a looser threshold that is not looser, or in an exclusion
    ("Bilirubin no greater than 3 times ULN (no greater than 2 times ULN if liver involvement)", "inclusion"),
    ("AST > 3 x ULN (> 5 x ULN if liver involvement)", "exclusion"),
    # an item continued on the next line
    ("Bilirubin no greater than 2 times ULN (unless due to Gilbert's disease) OR", "inclusion"),
])
def test_near_misses_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_split_leaves_a_statement_without_proviso_alone():
    assert split("bilirubin <= 1.5 x uln") == ("bilirubin <= 1.5 x uln", None)
    base, proviso = split("wbc >= 2000/mm3 (unless due to disease)")
    assert base == "wbc >= 2000/mm3" and proviso is not None and proviso.words == "unless due to disease"


@pytest.mark.parametrize("text", [
    "Creatinine normal for age",
    "Bilirubin no greater than 3 times normal for age",
    "Hemoglobin normal for age",
    # the exception belongs to the last threshold only: not read
    "Patients must have SGOT and SGPT less than 5 times the upper limit of normal, bilirubin less than 3.0 unless "
    "this is felt to be due to the malignancy",
])
def test_near_misses_of_age_limits_and_scoped_exceptions(text):
    # "normal for age" is not read: a child's upper limit is not the adult one the app may compute a multiple of
    assert propose_rule(text, "inclusion") is None


@pytest.mark.parametrize(("text", "threshold", "loose", "words"), [
    ("AST or ALT no greater than 3 times ULN (no greater than 5 times ULN for liver involvement)",
     {"all": [f("ast_x_uln", "<=", 3), f("alt_x_uln", "<=", 3)]},
     {"all": [f("ast_x_uln", "<=", 5), f("alt_x_uln", "<=", 5)]}, None),
    ("Bilirubin less than 2 mg/dL (unless elevation due to leukemic involvement of liver)", f("bilirubin", "<", 34.2),
     None, "unless elevation due to leukemic involvement of liver"),
    ("Bilirubin less than 1.5 mg/dL (unless secondary to hepatic metastasis)", f("bilirubin", "<", 25.65), None,
     "unless secondary to hepatic metastasis"),
])
def test_involvement_is_asked_never_read_as_metastases(text, threshold, loose, words):
    """'Liver involvement' may be a lymphoma's: the words are asked, the liver-metastases fact is not used."""
    rule = propose_rule(text, "inclusion").rule
    assert "condition:liver_metastases" not in str(rule)
    if loose is None:
        assert rule == {"any": [threshold, _ask(words, text)]}
    else:
        assert rule["any"][0] == threshold and rule["any"][1]["all"][1:] == loose["all"]
        assert "confirm" in rule["any"][1]["all"][0]


# --- the exception or circumstance named as a condition (task h-partial10) ---------------------------------------


@pytest.mark.parametrize(("text", "threshold", "concept"), [
    ("Bilirubin no greater than 1.5 mg/dL (unless history of Gilbert's disease)", f("bilirubin", "<=", 25.65),
     "gilbert_syndrome"),
    ("Bilirubin less than 2.5 times ULN (except in Gilbert's syndrome)", f("bilirubin_x_uln", "<", 2.5),
     "gilbert_syndrome"),
    ("Bilirubin no greater than 2 mg/dL (unless there is a history of Gilbert's disease)", f("bilirubin", "<=", 34.2),
     "gilbert_syndrome"),
    ("Bilirubin no greater than 2 mg/dL (unless Gilbert's syndrome present)", f("bilirubin", "<=", 34.2),
     "gilbert_syndrome"),
    ("AST no greater than 2.5 times ULN (unless liver metastases are present)", f("ast_x_uln", "<=", 2.5),
     "liver_metastases"),
    ("SGOT and SGPT no greater than 2.5 times the ULN (unless liver involvement by tumor)",
     {"all": [f("ast_x_uln", "<=", 2.5), f("alt_x_uln", "<=", 2.5)]}, "liver_neoplasm"),
])
def test_an_exception_that_is_only_a_condition_reads_the_condition(text, threshold, concept):
    assert_reads(text, "inclusion", {"any": [threshold, ever(concept)]})


def test_an_exception_condition_to_exclude_must_be_absent():
    text = "Bilirubin > 2 mg/dL (unless Gilbert's syndrome)"
    assert_reads(text, "exclusion", {"all": [f("bilirubin", ">", 34.2), ever("gilbert_syndrome", False)]})


@pytest.mark.parametrize("text", [
    "SGOT and SGPT no greater than 3 times normal (5 times normal if liver tumor present)",
    "SGOT no greater than 3 times upper limit of normal (ULN) (no greater than 5 times ULN if tumor involves liver)",
])
def test_a_looser_threshold_for_a_liver_tumour_reads_the_liver_neoplasm(text):
    rule = propose_rule(text, "inclusion").rule
    assert rule["any"][1]["all"][0] == ever("liver_neoplasm")
    assert "confirm" not in str(rule)


@pytest.mark.parametrize(("text", "words"), [
    # a cause, not the condition: asked
    ("Bilirubin no greater than 2 mg/dL (unless due to Gilbert's syndrome)", "unless due to gilbert's syndrome"),
    ("AST no greater than 2.5 times ULN (unless due to liver metastases)", "unless due to liver metastases"),
    # bare involvement may be a lymphoma's or leukaemia's; with a named leukaemia too
    ("Bilirubin < 2.0 mg/dL (unless liver involvement)", "unless liver involvement"),
    ("AST and ALT no greater than 2 times ULN (unless liver involvement with CML)",
     "unless liver involvement with cml"),
    # a group, not the tumour
    ("AST no greater than 2.5 times ULN (unless liver disease)", "unless liver disease"),
])
def test_near_misses_of_a_condition_exception_stay_asked(text, words):
    rule = propose_rule(text, "inclusion").rule
    assert rule["any"][1] == _ask(words, text)
