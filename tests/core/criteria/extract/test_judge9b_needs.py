"""Two needs the seed-5164 audit (task h-judge9b) found read broader or narrower than written, on real dev-side
phrasings: a need of chemotherapy (or another anticancer drug) is not chemotherapy taken now, and "requiring
systemic therapy" is not "requiring treatment". Both are the condition now and the need asked in the record's own
words; insulin, diuretics or antihypertensives an illness requires are still read as taken now."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads, f, facts_of, now


def _asked(condition: str, need: str, criterion: str) -> dict:
    question = {"confirm": f"Does this part of the criterion apply: \u201c{need}\u201d? "
                           f"(Criterion: \u201c{criterion}\u201d)", "id": "needs_treatment"}
    return {"all": [now(condition), question]}


@pytest.mark.parametrize(("text", "condition", "need"), [
    ("Active malignancy requiring chemotherapy.", "malignancy", "requiring chemotherapy"),
    ("A malignancy that requires systemic chemotherapy.", "malignancy", "that requires systemic chemotherapy"),
    ("Malignancy requiring systemic cytotoxic chemotherapy.", "malignancy",
     "requiring systemic cytotoxic chemotherapy"),
    ("Kaposi's sarcoma requiring chemotherapy.", "kaposi_sarcoma", "requiring chemotherapy"),
    ("Leukemia requiring chemotherapy.", "leukaemia", "requiring chemotherapy"),
    # "systemic": the general question "require treatment now?" would be answered yes for a topical treatment
    ("GvHD requiring systemic therapy", "graft_versus_host_disease", "requiring systemic therapy"),
    ("Kaposi's sarcoma requiring systemic therapy.", "kaposi_sarcoma", "requiring systemic therapy"),
    ("Any malignancy that requires systemic therapy.", "malignancy", "that requires systemic therapy"),
])
def test_a_need_of_chemotherapy_or_systemic_therapy_is_asked_in_its_words(text, condition, need):
    proposal = propose_rule(text, EXCLUSION)
    assert proposal is not None, text
    assert proposal.rule == _asked(condition, need, text.rstrip("."))
    assert ("drug_current:chemotherapy", "=", True) not in facts_of(proposal.rule)


def test_no_condition_requiring_chemotherapy_in_an_inclusion_is_its_negation():
    rule = propose_rule("No active malignancy requiring chemotherapy", INCLUSION).rule
    assert rule["any"][0] == now("malignancy", False)
    assert "requiring chemotherapy" in rule["any"][1]["not"]["confirm"]


@pytest.mark.parametrize(("text", "condition", "drug"), [
    # near-misses: a drug a lasting illness requires is taken, read as before
    ("Diabetes requiring insulin", "diabetes_mellitus", "insulin"),
    ("Diabetes mellitus requiring drug therapy.", "diabetes_mellitus", "antidiabetic"),
    ("Hypertension requiring medication", "hypertension", "antihypertensive"),
])
def test_a_maintenance_drug_an_illness_requires_is_still_taken_now(text, condition, drug):
    assert_reads(text, EXCLUSION, {"all": [now(condition), f(f"drug_current:{drug}", "=", True)]})


def test_plain_treatment_keeps_the_general_question():
    rule = propose_rule("Congestive heart failure requiring therapy", EXCLUSION).rule
    assert rule["all"][1]["confirm"].startswith("Does the patient\u2019s condition")
