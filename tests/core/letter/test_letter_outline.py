"""A criterion decided by its sub-items (a PDQ section over its topics and statements) is one short
row in the letter: its sub-items have rows of their own, so their sentences are not strung together
under it again."""

from __future__ import annotations

from core.i18n import using_language
from core.letter.assessment import OPEN, SATISFIED, criterion_table
from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict

AGE = {"fact": "age_years", "op": ">=", "value": 18}
PLATELETS = {"fact": "platelets", "op": ">=", "value": 100}
CRITERIA = [
    {"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": None, "text": "PATIENT CHARACTERISTICS:"},
    {"key": "inc-1.1", "parent_key": "inc-1", "kind": "inclusion", "label": None, "text": "Age:"},
    {"key": "inc-1.1.1", "parent_key": "inc-1.1", "kind": "inclusion", "label": None, "text": "18 and over",
     "rule": AGE},
    {"key": "inc-1.2", "parent_key": "inc-1", "kind": "inclusion", "label": None, "text": "Hematopoietic:"},
    {"key": "inc-1.2.1", "parent_key": "inc-1.2", "kind": "inclusion", "label": None,
     "text": "Platelet count at least 100,000/mm3", "rule": PLATELETS},
]
PROFILE = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-01", "date_of_birth": "1970-05-02",
                             "sex": "female"})


def test_a_parent_row_says_its_sub_items_decide_it():
    verdict = evaluate_trial("NCT00003353", CRITERIA, PROFILE)
    with using_language("en"):
        open_rows = {row[1]: row[2] for row in criterion_table(verdict, OPEN).rows}
        met_rows = {row[1]: row[2] for row in criterion_table(verdict, SATISFIED).rows}
    assert open_rows["PATIENT CHARACTERISTICS:"] == "Decided by its sub-items."
    assert open_rows["Hematopoietic:"] == "Decided by its sub-items."
    assert "latelet" in open_rows["Platelet count at least 100,000/mm3"]  # the statement says it, once
    assert sum("latelet" in text for text in open_rows.values()) == 1
    assert "18 and over" in met_rows and met_rows["Age:"] == "Decided by its sub-items."
    with using_language("zh"):
        zh = {row[1]: row[2] for row in criterion_table(verdict, OPEN).rows}
    assert zh["PATIENT CHARACTERISTICS:"] != "Decided by its sub-items."  # worded in the letter's language
