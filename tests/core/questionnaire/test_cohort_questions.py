"""A criterion bound to a group of participants ("Normal Subjects:" over "Stroke", cohort_groups): the patient is
not ruled out while membership is unknown, one question per group and trial decides every item of the group."""

from __future__ import annotations

from datetime import date

from core.criteria.extract.propose_tree import propose_rules
from core.patient.profile import profile_from_dict
from core.questionnaire import Questionnaire
from core.trial_record import CriterionNode

TODAY = date(2026, 12, 1)


def trial():
    nodes = [CriterionNode(kind="inclusion", text="Adults aged 18 years or older"),
             CriterionNode(kind="exclusion", text="Normal Subjects:"), CriterionNode(kind="exclusion", text="Stroke"),
             CriterionNode(kind="exclusion", text="Epilepsy")]
    proposals = propose_rules(nodes)
    criteria = [{"key": k, "kind": n.kind, "text": n.text, "rule": None if proposals[k] is None else proposals[k].rule}
                for k, n in zip(proposals, nodes, strict=True)]
    assert criteria[2]["rule"] is not None and criteria[3]["rule"] is not None
    return {"trial_id": "T-C", "title": "Stroke and normal subjects", "criteria": criteria}


def stroke_patient():
    return profile_from_dict({"format_version": 2, "date_of_birth": "1960-01-01", "sex": "male",
                              "diagnoses": [{"code": "stroke", "diagnosis_date": "2026-10"},
                                            {"code": "epilepsy", "diagnosis_date": "2020"}]})


def group_questions(q):
    return [qid for qid in q._questions if qid.startswith("confirm:T-C:") and "cohort-" in qid]


def test_a_stroke_patient_is_not_ruled_out_while_the_group_is_unknown_and_one_question_is_asked():
    q = Questionnaire(stroke_patient(), [trial()], today=TODAY)
    assert q.verdicts()["T-C"].verdict != "not_eligible"
    assert group_questions(q) == ["confirm:T-C:#cohort-1"]
    assert q.verdicts()["T-C"].criterion("exc-2").status == "unknown"
    question = q.question("confirm:T-C:#cohort-1")
    assert question.text.endswith("\u201cNormal Subjects\u201d?") and question.details["whole_question"] is None


def test_not_in_the_group_clears_every_item_of_the_group_and_in_the_group_excludes():
    q = Questionnaire(stroke_patient(), [trial()], today=TODAY)
    q.answer("confirm:T-C:#cohort-1", "no")
    assert {q.verdicts()["T-C"].criterion(k).status for k in ("exc-2", "exc-3")} == {"not_met"}
    assert q.verdicts()["T-C"].verdict != "not_eligible"
    q.answer("confirm:T-C:#cohort-1", "yes")
    assert {q.verdicts()["T-C"].criterion(k).status for k in ("exc-2", "exc-3")} == {"met"}
    assert q.verdicts()["T-C"].verdict == "not_eligible"


def test_the_group_question_serves_every_criterion_of_the_group():
    from core.questionnaire.usage import static_usage

    q = Questionnaire(stroke_patient(), [trial()], today=TODAY)
    assert static_usage("confirm:T-C:#cohort-1", (), q._trials) == [("T-C", "exc-2"), ("T-C", "exc-3")]
