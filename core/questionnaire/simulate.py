"""A simulated clinician: answers questions from a "truth" profile.

Used by tests and the benchmark, and usable to pre-answer a questionnaire from a profile
that already exists. A question whose answer the truth does not hold is answered
"unknown" (``UNKNOWN``); clinician confirmations come from the truth's
``confirmations`` (or ``confirm_default`` when it has none for that criterion), row by row on a
checklist page (``core.questionnaire.checklist``).
"""

from __future__ import annotations

from typing import Any

from core.patient.profile import PatientProfile
from core.questionnaire.answers import answer_value
from core.questionnaire.engine import Questionnaire
from core.questionnaire.mapping import parse_confirm_id
from core.questionnaire.questions import Question

UNKNOWN = "unknown"


def answer_from(truth: PatientProfile, question: Question, confirm_default: str = UNKNOWN) -> Any:
    """What a clinician who knows ``truth`` answers (``UNKNOWN`` when the truth lacks it)."""
    if question.kind == "checklist":  # each row as its own confirm question would be answered
        return {row["question_id"]: answer_from(truth, row["question"], confirm_default)
                for row in question.details["rows"]}
    confirm = parse_confirm_id(question.id)
    if confirm:
        trial_id, key = confirm
        answers = truth.confirmations.get(trial_id, {})
        if key not in answers:
            return confirm_default
        return {True: "yes", False: "no", None: UNKNOWN}[answers[key]]
    if question.id == "assessment_date":
        return truth.assessment_date.isoformat() if truth.assessment_date else UNKNOWN
    value = answer_value(truth, question.id)
    if question.id in ("diagnoses", "treatments") and value is not None and not value[question.id] \
            and not value["complete"]:
        return UNKNOWN
    return UNKNOWN if value is None else value


def run_to_end(questionnaire: Questionnaire, truth: PatientProfile, confirm_default: str = UNKNOWN,
               limit: int = 1000) -> list[str]:
    """Answer every next question from ``truth`` until finished; the question ids asked, in order."""
    asked: list[str] = []
    while (question := questionnaire.next_question()) is not None:
        if len(asked) >= limit:
            raise RuntimeError(f"the questionnaire did not finish within {limit} questions")
        questionnaire.answer(question.id, answer_from(truth, question, confirm_default))
        asked.append(question.id)
    return asked
