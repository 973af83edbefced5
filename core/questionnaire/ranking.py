"""Which open question to ask next: each question's score over the open trials, and the order.

Every possibly-eligible trial contributes its unknown leaves (``analysis``); a question
scores, per open trial, what its answer could do there (3 if it could rule the trial out on
its own, 2 if it could make it eligible, 1 otherwise — found by forcing the leaves it
answers, within the values it can give them, and re-evaluating), summed over the open trials
and multiplied by a yield factor per kind of question (date of birth, sex and diagnoses
prune most and are quick; consent and clinician confirmations rarely rule anybody out).

The order: date of birth and sex first; then the questions serving a trial whose conditions
fit the patient's diagnoses, before those serving only trials for other conditions; within
each, questions about the patient before questions about one criterion of one trial (issue
15: trial-specific questions last, once the shared facts have closed what they can — so no
trial is asked a verbatim criterion while a shared question could still close it); then by
score.

A catalog of hundreds of open trials has thousands of open questions, and an answer touches a
few trials: ``RankCache`` keeps each trial's share of the scores from one answer to the next
while nothing it depends on changed, and the next question is a minimum, not a sort.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from core.matching.evaluate import compare
from core.questionnaire.analysis import Leaf, TrialState
from core.questionnaire.mapping import confirm_question_id, possible_values, routes, useful_questions
from core.questionnaire.questions import Question

# How much a question of each kind is worth per point of pruning power: how often its
# answer rules a patient out, and how much work it is to answer.
_YIELD_BY_ID = {"date_of_birth": 1.0, "sex": 1.0, "diagnoses": 1.0, "treatments": 0.9, "weight_kg": 0.6,
                "joints": 0.6}
_YIELD_BY_GROUP = {"demographics": 0.9, "diagnosis": 0.8, "treatment": 0.7, "findings": 0.7, "history": 0.7,
                   "procedures": 0.7, "labs": 0.6, "consent": 0.5, "confirm": 0.5}
_GROUP_ORDER = ("demographics", "diagnosis", "treatment", "procedures", "findings", "history", "labs", "consent",
                "confirm")
# Asked first whenever they can still change a verdict: quick, and they prune most.
FIRST_QUESTIONS = ("date_of_birth", "sex")
# Questions that apply to one sex only: never asked while the sex question is open.
ONE_SEX_QUESTIONS = frozenset({"pregnant", "lactating", "childbearing_potential", "pregnancy_planned_within_6_months",
                               "contraception_assured", "pregnancy_test_negative"})
OPEN = "open"

# question -> trial -> the leaves it answers there, with the truth values it can give them
Groups = dict[str, dict[str, list[tuple[Leaf, tuple[bool, ...]]]]]


def yield_factor(question: Question) -> float:
    if question.id in _YIELD_BY_ID:
        return _YIELD_BY_ID[question.id]
    return _YIELD_BY_GROUP.get(question.group, 0.6)


def is_trial_specific(question: Question) -> bool:
    """A clinician's judgement of one criterion of one trial (asked with its verbatim text)."""
    return question.kind == "confirm"


def _truths(leaf: Leaf, question_id: str) -> tuple[bool, ...]:
    """The truth values answering ``question_id`` can give a leaf (both, unless the question
    only settles some values of the fact)."""
    values = possible_values(leaf.fact, question_id) if leaf.fact else None
    if values is None:
        return (True, False)
    truths = {compare(v, leaf.op, leaf.value) for v in values} - {None}
    return tuple(sorted(truths, reverse=True)) or (True, False)


class LazyReasons:
    """question -> [(trial, criterion key)], worked out only for the questions asked about."""

    def __init__(self, groups: Groups):
        self._groups = groups
        self._done: dict[str, list[tuple[str, str]]] = {}

    def get(self, qid: str) -> list[tuple[str, str]] | None:
        if qid not in self._done:
            by_trial = self._groups.get(qid)
            if by_trial is None:
                return None
            self._done[qid] = list(dict.fromkeys((tid, leaf.criterion_key) for tid, parts in by_trial.items()
                                                 for leaf, _ in parts))
        return self._done[qid]


class Snapshot:
    """Everything derived from one state of the questionnaire."""

    def __init__(self, facts: Any, states: dict[str, TrialState], ranking: Ranking, timeline: Any):
        self.facts = facts
        self.timeline = timeline
        self.states = states
        self.scores = ranking.scores
        self.reasons = ranking.reasons
        self._ranking = ranking

    @property
    def ranked(self) -> list[str]:
        """The open questions best first (sorted on first use: the next question alone needs no sort)."""
        return self._ranking.ordered()

    def first(self) -> str | None:
        return self._ranking.first()


class RankCache:
    """What one ranking can hand to the next (kept by the engine for the whole screening).

    ``static``: what never changes about a question (its kind, group and place). ``parts``: per
    trial, the questions that serve it with the parts each answers and their weight, kept while
    the trial's analysis is the same object (the engine re-analyses a trial only when a fact it
    reads or one of its clinician answers changed) and every question that could serve it has the
    same status. A catalog of hundreds of open trials has thousands of open questions; an answer
    touches a few trials, so the others' parts are reused rather than worked out again.
    """

    def __init__(self) -> None:
        self.static: dict[str, tuple] = {}
        self.parts: dict[str, tuple[TrialState, tuple[str, ...], dict[str, tuple[list, int]]]] = {}
        self._watched: dict[int, tuple[TrialState, tuple[str, ...]]] = {}

    def watched(self, state: TrialState) -> tuple[str, ...]:
        """Every question that could serve one of the state's fact leaves, by any route."""
        hit = self._watched.get(id(state))
        if hit is None or hit[0] is not state:
            facts = {leaf.fact for leaf in state.leaves if leaf.fact is not None}
            qids = sorted({q for fact in facts for route in routes(fact) for q in route})
            hit = self._watched[id(state)] = (state, tuple(qids))
        return hit[1]

    def forget_states(self, live: Mapping[str, TrialState]) -> None:
        """Drop what belongs to analyses no longer in use (they would keep their leaves alive)."""
        alive = {id(s) for s in live.values()}
        for key in [k for k in self._watched if k not in alive]:
            del self._watched[key]


class Ranking:
    """One ranking: each open question's score, the criteria each serves, and the order."""

    def __init__(self, scores: dict[str, float], groups: Groups, rank: Callable[[str], tuple]):
        self.scores = scores
        self.reasons = LazyReasons(groups)
        self._rank = rank
        self._ordered: list[str] | None = None

    def ordered(self) -> list[str]:
        if self._ordered is None:
            self._ordered = sorted(self.scores, key=self._rank)
        return self._ordered

    def first(self) -> str | None:
        if self._ordered is not None:
            return self._ordered[0] if self._ordered else None
        return min(self.scores, key=self._rank) if self.scores else None


def _trial_parts(tid: str, state: TrialState, questions: Mapping[str, Question],
                 status_of: Callable[[str], str], blocked: frozenset[str],
                 by_fact: dict[str, set[str]]) -> dict[str, tuple[list, int]]:
    """The questions that serve one open trial now, each with the parts it answers there and its weight."""

    def candidates(leaf: Leaf) -> set[str]:
        if leaf.fact is not None:
            if leaf.fact not in by_fact:  # many trials read the same fact: its open questions once per ranking
                by_fact[leaf.fact] = {q for q in useful_questions(leaf.fact, blocked, frozenset())
                                      if status_of(q) == OPEN}
            return by_fact[leaf.fact]
        if leaf.question is None:  # a leaf lives as long as its trial's analysis: worked out once
            leaf.question = confirm_question_id(tid, leaf.confirm_key or "")
        qid = leaf.question
        return {qid} if qid in questions and status_of(qid) == OPEN else set()

    asked = {id(leaf): candidates(leaf) for leaf in state.leaves}
    grouped: dict[str, list[tuple[Leaf, tuple[bool, ...]]]] = {}
    for leaf in state.worth_asking(lambda leaf: bool(asked[id(leaf)])):
        for qid in asked[id(leaf)]:
            grouped.setdefault(qid, []).append((leaf, _truths(leaf, qid)))
    return {qid: (parts, state.weight(parts)) for qid, parts in grouped.items()}


def rank_questions(states: Mapping[str, TrialState], questions: Mapping[str, Question], order: Mapping[str, int],
                   status_of: Callable[[str], str], blocked: frozenset[str],
                   matching: set[str], cache: RankCache | None = None) -> Ranking:
    """The open questions with their scores, (lazily) the criteria each serves, and their order.

    ``status_of`` gives a question's status (only ``OPEN`` ones are asked), ``blocked`` the
    questions answered "unknown", ``matching`` the trials whose conditions fit the patient.
    ``cache`` carries what the previous ranking worked out and is still true (``RankCache``).
    """
    cache = RankCache() if cache is None else cache
    static = cache.static
    by_fact: dict[str, set[str]] = {}
    groups: Groups = {}
    totals: dict[str, int] = {}
    for tid, state in states.items():
        # A trial's parts depend on its analysis and on the status of the questions that could
        # serve it (a confirmation's status is part of the analysis: its answer is a trial answer).
        key = tuple(status_of(q) for q in cache.watched(state))
        kept = cache.parts.get(tid)
        if kept is not None and kept[0] is state and kept[1] == key:
            parts = kept[2]
        else:
            parts = _trial_parts(tid, state, questions, status_of, blocked, by_fact)
            cache.parts[tid] = (state, key, parts)
        for qid, (leaves, weight) in parts.items():
            groups.setdefault(qid, {})[tid] = leaves
            totals[qid] = totals.get(qid, 0) + weight
    cache.forget_states(states)
    scores = {qid: total * yield_factor(questions[qid]) for qid, total in totals.items()}
    one_sex = [q for q in scores if q in ONE_SEX_QUESTIONS]
    if one_sex and "sex" in questions and status_of("sex") == OPEN and "sex" not in scores:
        scores["sex"] = max(scores[q] for q in one_sex)  # sex first: a man is asked none of them

    def rank(qid: str) -> tuple:
        fixed = static.get(qid)
        if fixed is None:
            question = questions[qid]
            group_pos = _GROUP_ORDER.index(question.group) if question.group in _GROUP_ORDER else len(_GROUP_ORDER)
            fixed = static[qid] = (qid in FIRST_QUESTIONS, is_trial_specific(question), group_pos, order[qid])
        first, trial_specific, group_pos, place = fixed
        # questions for trials whose conditions fit the patient before those for the others
        relevant = first or qid not in groups or not matching.isdisjoint(groups[qid])
        return (not first, not relevant, trial_specific, -round(scores[qid], 6), group_pos, place)

    return Ranking(scores, groups, rank)
