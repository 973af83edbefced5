"""Which criteria a question serves: the reasons shown beside it, and the questions a trial's
vocabulary facts need when no fixed question asks them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import NamedTuple

from core.matching.rules import rule_facts
from core.questionnaire.mapping import parse_confirm_id, questions_for_fact
from core.questionnaire.questions import Question, vocab_question
from core.questionnaire.trials import RULE, TrialSpec


class Reason(NamedTuple):
    """Why a question is asked: a criterion of a trial it can still decide."""

    trial_id: str
    criterion_key: str
    criterion_text: str


def vocab_questions(trial: TrialSpec, known: Mapping[str, Question]) -> dict[str, Question]:
    """Questions for the vocabulary facts a trial's rules read that no fixed question asks."""
    out: dict[str, Question] = {}
    for fact_id in sorted(trial.facts()):
        if ":" not in fact_id:
            continue
        for qid in questions_for_fact(fact_id):
            if qid not in known and qid not in out and (question := vocab_question(qid)) is not None:
                out[qid] = question
    return out


def static_usage(question_id: str, facts: Iterable[str],
                 trials: Mapping[str, TrialSpec]) -> list[tuple[str, str]]:
    """(trial id, criterion key) of every criterion that reads the question, whatever is answered:
    a confirmation question serves its own criterion; a fact question every rule reading its facts."""
    confirm = parse_confirm_id(question_id)
    if confirm:
        trial_id, key = confirm
        base = key.split("#", 1)[0]
        if not base and trial_id in trials:  # a question of the whole trial ("#cohort-1"): every criterion asking it
            return [(trial_id, c.key) for c in trials[trial_id].criteria
                    if any(k == key for k, _text in c.confirm_prompts())]
        return [(trial_id, base)] if trial_id in trials and base in trials[trial_id].items else []
    wanted = set(facts)
    return [(tid, c.key) for tid, trial in trials.items() for c in trial.criteria
            if c.mode == RULE and rule_facts(c.parsed) & wanted]
