"""The guided questionnaire (Qt-free): which raw inputs the candidate trials still need,
asked in the order that settles the most verdicts first. See docs/questionnaire.md."""

from core.questionnaire.answers import AnswerError
from core.questionnaire.checklist import ChecklistQuestionnaire
from core.questionnaire.engine import Questionnaire, Reason
from core.questionnaire.mapping import FACT_QUESTIONS, FACT_ROUTES, questions_for_fact, unanswerable_facts
from core.questionnaire.questions import Question
from core.questionnaire.trials import TrialSpec, load_trials

__all__ = ["AnswerError", "ChecklistQuestionnaire", "FACT_QUESTIONS",
           "FACT_ROUTES", "Question", "Questionnaire", "Reason", "TrialSpec",
           "load_trials", "questions_for_fact", "unanswerable_facts"]
