"""A criterion answered directly is decided by that answer (issue 13, item 5); when the recorded
facts say otherwise the result carries a ``conflict`` note naming which one is used."""

from __future__ import annotations

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, evaluate_trial
from core.patient.profile import profile_from_dict
from core.questionnaire import Questionnaire

ALLERGY = {"key": "exc-1", "kind": "exclusion", "text": "Severe allergic reactions to any drug",
           "rule": {"any": [{"fact": "severe_drug_allergy", "op": "=", "value": True},
                            {"confirm": "Allergy to the study drugs?", "id": "study-drugs"}]}}
ADULT = {"key": "inc-1", "kind": "inclusion", "text": "Adults",
         "rule": {"fact": "age_years", "op": ">=", "value": 18}}
CRITERIA = [ADULT, ALLERGY]


def profile(**history):
    return profile_from_dict({"format_version": 2, "assessment_date": "2026-11-01", "date_of_birth": "1970-01-01",
                              "history": history})


def test_a_direct_no_decides_an_exclusion_whose_facts_are_unknown():
    before = evaluate_trial("T", CRITERIA, profile())
    assert before.criterion("exc-1").status == "unknown"
    after = evaluate_trial("T", CRITERIA, profile(), confirmations={"exc-1": False})
    result = after.criterion("exc-1")
    assert result.status == "not_met" and result.conflict is None
    assert "answered directly" in result.sentence
    assert after.verdict == ELIGIBLE


def test_a_conflict_with_the_record_is_shown_and_the_direct_answer_used():
    verdict = evaluate_trial("T", CRITERIA, profile(severe_drug_allergy=True), confirmations={"exc-1": False})
    result = verdict.criterion("exc-1")
    assert result.status == "not_met"
    assert result.conflict.startswith("Conflict: answered directly as not present, but the recorded facts say "
                                      "present")
    assert "The direct answer is used" in result.conflict and result.conflict in result.sentence
    data = verdict.to_dict()
    assert data["shape_version"] == 2
    assert data["criteria"][1]["conflict"] == result.conflict
    assert data["criteria"][0]["conflict"] is None  # key present for every criterion
    # answered "present" where the record leaves it open (the study-drug part unknown): no conflict
    verdict = evaluate_trial("T", CRITERIA, profile(severe_drug_allergy=False), confirmations={"exc-1": True})
    assert verdict.verdict == NOT_ELIGIBLE and verdict.criterion("exc-1").conflict is None
    # answered "present" where the record says absent: a conflict, the answer used
    both = {"exc-1": True, "exc-1#study-drugs": False}
    verdict = evaluate_trial("T", CRITERIA, profile(severe_drug_allergy=False), confirmations=both)
    assert verdict.verdict == NOT_ELIGIBLE
    assert "answered directly as present, but the recorded facts say not present" in verdict.criterion("exc-1").conflict


def test_a_bare_confirm_node_keeps_its_own_meaning():
    # a confirm node without an id is answered under the criterion's key: part of the rule, not the whole
    rule = {"all": [{"fact": "age_years", "op": ">=", "value": 18}, {"confirm": "Consent signed?"}]}
    crit = [{"key": "inc-1", "kind": "inclusion", "text": "Adults who consent", "rule": rule}]
    young = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-01", "date_of_birth": "2015-01-01"})
    verdict = evaluate_trial("T", crit, young, confirmations={"inc-1": True})
    assert verdict.criterion("inc-1").status == "not_met" and verdict.criterion("inc-1").conflict is None


def test_the_questionnaire_stops_asking_about_a_criterion_answered_directly():
    trial = {"trial_id": "T", "title": "T", "criteria": CRITERIA}
    p = profile()
    p.confirmations = {"T": {"exc-1": False}}
    q = Questionnaire(p, [trial])
    asked = {x.id for x in q.open_questions()}
    assert "severe_drug_allergy" not in asked and "confirm:T:exc-1#study-drugs" not in asked
    assert q.verdicts()["T"].criterion("exc-1").status == "not_met"


def test_the_direct_answer_and_the_conflict_read_in_the_clinic_language():
    from core import i18n

    adult = profile()
    with i18n.using_language("zh"):
        result = evaluate_trial("T", CRITERIA, adult, confirmations={"inc-1": False}).criterion("inc-1")
    assert result.sentence.startswith("临床医生直接回答：不符合。") and "冲突" in result.conflict
    with i18n.using_language("ja"):
        result = evaluate_trial("T", CRITERIA, adult, confirmations={"inc-1": False}).criterion("inc-1")
    assert "臨床医が直接回答：満たさない。" in result.sentence and result.conflict.startswith("矛盾")
