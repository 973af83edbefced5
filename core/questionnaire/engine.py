"""The guided questionnaire: ask the fewest questions that settle the candidate trials.

State is the profile plus the questions answered "unknown" (and the order questions were
answered in); everything else — facts, verdicts, which questions still matter and their
order — is recomputed from that state, so any earlier answer can be changed.

This module holds that state (answering, changing, saving, resuming) and the per-trial
analyses, reused while what a trial depends on is unchanged; which question comes next is
``ranking``'s. Questions that no open trial needs are never asked; the questionnaire is
finished when none is left.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from core.i18n import current_language
from core.matching.condition_fit import condition_fit, matches, present_diagnoses
from core.matching.rules import rule_facts
from core.matching.verdict import TrialVerdict, evaluate_trial
from core.patient.profile import PatientProfile, ProfileError, profile_from_dict, profile_to_dict
from core.patient.timeline import FactTimeline, time_inputs
from core.patient.validation import profile_problems
from core.questionnaire import answers as _answers
from core.questionnaire.analysis import analyse_trial
from core.questionnaire.answers import AnswerError
from core.questionnaire.mapping import confirm_question_id, parse_confirm_id
from core.questionnaire.questions import STATIC_QUESTIONS, Question, confirm_questions
from core.questionnaire.ranking import RankCache, Snapshot, rank_questions
from core.questionnaire.trials import TrialSpec, load_trials, trials_from_data
from core.questionnaire.usage import Reason, static_usage, vocab_questions

STATE_VERSION = 1
ANSWERED, UNKNOWN, OPEN = "answered", "unknown", "open"


class Questionnaire:
    """A screening interview over candidate trials (Qt-free; the UI only shows and answers)."""

    def __init__(self, profile: PatientProfile | None = None, trials: Iterable[Any] = (), *,
                 today: date | None = None, unknown: Iterable[str] = (), history: Iterable[str] = ()):
        self.today = today or date.today()
        profile = copy.deepcopy(profile) if profile is not None else PatientProfile()
        if profile.assessment_date is None:
            profile.assessment_date = self.today  # fixed now, so a resumed screening counts ages the same
        problems = profile_problems(profile, today=self.today)
        if problems:
            listing = "; ".join(f"{f}: {m}" for f, m in problems)
            raise ProfileError(f"The profile has impossible values: {listing}", problems[0][0], problems)
        self._profile = profile
        self._trials: dict[str, TrialSpec] = {t.trial_id: t for t in trials_from_data(trials)}
        self._questions: dict[str, Question] = dict(STATIC_QUESTIONS)
        for trial in self._trials.values():
            self._questions.update(confirm_questions(trial))
            self._questions.update(vocab_questions(trial, self._questions))
        self._order = {qid: i for i, qid in enumerate(self._questions)}
        self._rank_cache = RankCache()  # what one ranking hands to the next
        self._unknown: set[str] = {q for q in unknown if q in self._questions}
        for trial_id, answers in profile.confirmations.items():
            for key, value in answers.items():
                qid = confirm_question_id(trial_id, key)
                if value is None and qid in self._questions:
                    self._unknown.add(qid)
        self._history: list[str] = [q for q in dict.fromkeys(history) if q in self._questions]
        self._snapshot: Snapshot | None = None
        self._facts_used: dict[str, tuple[str, ...]] = {}
        # static_usage depends only on the trials and the question, both fixed for this questionnaire; the answers
        # list asks it for every answered question after every answer, so it is worked out once per question
        self._usage: dict[str, list[tuple[str, str]]] = {}
        self._fits: tuple[tuple[str, ...], dict[str, int | None]] | None = None  # (diagnosis codes, fits)
        self._analysis: dict[str, tuple[Any, Any]] = {}
        self._verdict_cache: dict[str, tuple[Any, TrialVerdict]] = {}
        self._verdicts: dict[str, TrialVerdict] | None = None
        self._verdicts_language = ""
        self._timeline: FactTimeline | None = None  # of the snapshot being built
        self._dates: str | None = None
        self._kept_timeline: tuple[str, FactTimeline] | None = None  # (profile without confirmations, timeline)

    # --- state -------------------------------------------------------------------------

    @property
    def profile(self) -> PatientProfile:
        """A copy of the profile as answered so far."""
        return copy.deepcopy(self._profile)

    @property
    def trials(self) -> list[TrialSpec]:
        return list(self._trials.values())

    @property
    def history(self) -> list[str]:
        """Questions answered (with a value or "unknown"), in the order first answered."""
        return list(self._history)

    @property
    def unknown(self) -> set[str]:
        """Questions answered "unknown / not available"."""
        return set(self._unknown)

    def status(self, question_id: str) -> str:
        """``answered``, ``unknown`` or ``open``."""
        self._require(question_id)
        if question_id in self._unknown:
            return UNKNOWN
        answered = _answers.is_answered(self._profile, question_id)
        if answered is None:
            return UNKNOWN
        return ANSWERED if answered else OPEN

    def question(self, question_id: str) -> Question:
        """The question, with the trials it can still change (or, once answered, those that use it)."""
        question = self._require(question_id)
        reasons = self.why_asked(question_id)
        return question.with_trials(tuple(dict.fromkeys(r.trial_id for r in reasons)))

    def current_answer(self, question_id: str) -> Any:
        """The answer given so far (as ``answer`` takes it), "unknown", or None when not answered."""
        self._require(question_id)
        if self.status(question_id) == UNKNOWN:
            return "unknown"
        return _answers.answer_value(self._profile, question_id)

    # --- evaluation --------------------------------------------------------------------

    def _invalidate(self) -> None:
        self._snapshot = None
        self._dates = None
        self._verdicts = None

    def facts(self) -> dict[str, Any]:
        return self._snap().facts

    def verdicts(self) -> dict[str, TrialVerdict]:
        """Every candidate trial's verdict for the profile as it stands (with sentences, in the active
        language: a screening started in a worker thread, in English, reads in the GUI's language)."""
        lang = current_language()
        if self._verdicts is None or self._verdicts_language != lang:
            snap = self._snap()
            facts = snap.facts
            verdicts = {}
            self._verdicts_language = lang
            for tid, t in self._trials.items():
                key = (self._trial_key(tid, t, facts), lang)
                cached = self._verdict_cache.get(tid)
                if cached is None or cached[0] != key:
                    cached = (key, evaluate_trial(tid, t.criteria_dicts(), facts,
                                                  confirmations=self._profile.confirmations.get(tid, {}),
                                                  inclusion_logic=t.inclusion_logic,
                                                  recruitment_status=t.recruitment_status,
                                                  timeline=snap.timeline))
                    self._verdict_cache[tid] = cached
                verdicts[tid] = cached[1]
            self._verdicts = verdicts
        return self._verdicts

    def verdict_of(self, trial_id: str) -> str:
        """``eligible`` / ``not_eligible`` / ``possibly_eligible`` (cheap: no sentences)."""
        return self._snap().states[trial_id].verdict

    def condition_fits(self) -> dict[str, int | None]:
        """Per trial, how well its conditions fit the patient's diagnoses (core.matching.condition_fit)."""
        codes = tuple(present_diagnoses(self._profile))
        if self._fits is None or self._fits[0] != codes:  # the diagnoses rarely change between answers
            self._fits = (codes, {tid: condition_fit(t.conditions, codes) for tid, t in self._trials.items()})
        return dict(self._fits[1])

    def only_other_conditions(self, question: Question) -> bool:
        """Whether the question serves only trials whose conditions match none of the patient's
        diagnoses (the engine asks those last): the trials of the patient's own conditions are
        settled by then, so the clinician may stop here. False while the patient has no diagnosis."""
        fits = self.condition_fits()
        serves = [fits.get(tid) for tid in question.trial_ids]
        return bool(serves) and all(fit is not None and not matches(fit) for fit in serves)

    def open_trials(self) -> list[str]:
        """Trials whose verdict is not final yet."""
        return [tid for tid, s in self._snap().states.items() if not s.is_final]

    def _trial_key(self, trial_id: str, trial: TrialSpec, facts: dict[str, Any]) -> tuple:
        """What a trial's evaluation depends on: the facts its rules read, its clinician answers
        and, when it reads facts that time changes, the dates those are counted from."""
        used = self._facts_used.get(trial_id)
        if used is None:
            used = self._facts_used[trial_id] = tuple(sorted(
                {f for c in trial.criteria if c.parsed is not None for f in rule_facts(c.parsed)}))
        answers = self._profile.confirmations.get(trial_id, {})
        timeline = self._snapshot.timeline if self._snapshot is not None else self._timeline
        dated = self._dates_key() if timeline is not None and not timeline.changing.isdisjoint(used) else None
        return tuple(repr(facts.get(f)) for f in used), tuple(sorted(answers.items())), dated

    def _fact_timeline(self) -> FactTimeline:
        """The facts by day, kept while the answers they are computed from are unchanged: a clinician's
        answer to one criterion changes no fact, and a trial ruled out only until a later date (a child
        not yet of age) looks at its facts on dozens of days each time it is weighed again."""
        data = profile_to_dict(self._profile)
        data.pop("confirmations", None)  # no fact is computed from them (they are the trials' own answers)
        key = repr(sorted(data.items()))
        if self._kept_timeline is None or self._kept_timeline[0] != key:
            self._kept_timeline = (key, FactTimeline(self._profile, self.today))
        return self._kept_timeline[1]

    def _dates_key(self) -> str:
        if self._dates is None:  # once per state of the profile
            self._dates = time_inputs(self._profile)
        return self._dates

    def _analysed(self, trial_id: str, trial: TrialSpec, facts: dict[str, Any], timeline: FactTimeline) -> Any:
        """A trial's analysis, reused while what it depends on is unchanged: an answer usually
        touches a few facts, so most trials are not redone. A trial ruled out only until a
        later date (an age not yet reached) is analysed as of that date, as its verdict is."""
        answers = self._profile.confirmations.get(trial_id, {})
        key = self._trial_key(trial_id, trial, facts)
        cached = self._analysis.get(trial_id)
        if cached is not None and cached[0] == key:
            return cached[1]
        state = analyse_trial(trial, facts, answers, timeline)
        self._analysis[trial_id] = (key, state)
        return state

    def _snap(self) -> Snapshot:
        if self._snapshot is not None:
            return self._snapshot
        timeline = self._timeline = self._fact_timeline()
        facts = timeline.at(timeline.today)  # a derived.Facts: vocabulary facts are worked out on demand
        states = {tid: self._analysed(tid, t, facts, timeline) for tid, t in self._trials.items()}
        status: dict[str, str] = {}

        def status_of(qid: str) -> str:
            if qid not in status:
                status[qid] = self.status(qid) if qid in self._questions else ANSWERED
            return status[qid]

        fits = self.condition_fits()
        matching = {tid for tid, fit in fits.items() if fit is None or matches(fit)}
        ranking = rank_questions(states, self._questions, self._order, status_of, frozenset(self._unknown),
                                 matching, self._rank_cache)
        self._snapshot = Snapshot(facts, states, ranking, timeline)
        return self._snapshot

    # --- asking ------------------------------------------------------------------------

    def open_questions(self) -> list[Question]:
        """Questions that can still change a verdict, best first."""
        snap = self._snap()
        return [self.question(qid) for qid in snap.ranked]

    def open_question_count(self) -> int:
        """How many questions can still change a verdict (``len(open_questions())`` without
        building every question's reasons: a large catalog has a thousand)."""
        return len(self._snap().scores)

    def next_question(self) -> Question | None:
        """The question that can decide the most open verdicts, or None when finished."""
        first = self._snap().first()
        return self.question(first) if first is not None else None

    def score(self, question_id: str) -> float:
        """The question's current priority (0 when it can no longer change any verdict)."""
        return self._snap().scores.get(question_id, 0.0)

    def is_finished(self) -> bool:
        """Every verdict is final, or only questions answered "unknown" stand in the way."""
        return not self._snap().ranked

    def why_asked(self, question_id: str) -> list[Reason]:
        """The trials and criteria this question can still decide (for an answered question:
        the criteria that use it)."""
        self._require(question_id)
        pairs = self._snap().reasons.get(question_id)
        if pairs is None:
            pairs = self._usage.get(question_id)
        if pairs is None:
            pairs = self._usage[question_id] = static_usage(question_id, self._questions[question_id].facts,
                                                            self._trials)
        return [Reason(tid, key, self._trials[tid].items[key].text) for tid, key in pairs]

    # --- answering ---------------------------------------------------------------------

    def answer(self, question_id: str, value: Any) -> None:
        """Record an answer (or change an earlier one). "unknown"/None records unknown.

        Raises ``AnswerError(field, message)`` for a malformed or impossible value; the
        profile is then unchanged.
        """
        question = self._require(question_id)
        if _answers.is_unknown_value(value):
            self.answer_unknown(question_id)
            return
        try:
            self._profile = _answers.profile_with(
                self._profile, lambda data: _answers.set_answer(data, question_id, question.kind, value), self.today)
        except AnswerError as exc:
            exc.question_id = question_id
            raise
        if not _answers.is_answered(self._profile, question_id):
            # e.g. an empty, incomplete diagnoses list: it says nothing, so it is an "unknown"
            self._unknown.add(question_id)
        else:
            self._unknown.discard(question_id)
        self._record(question_id)

    change_answer = answer

    def check(self, question_id: str, value: Any) -> None:
        """Raise ``AnswerError`` as ``answer`` would, changing nothing (forms re-check as the user types)."""
        question = self._require(question_id)
        if _answers.is_unknown_value(value):
            return
        try:
            _answers.profile_with(
                self._profile, lambda data: _answers.set_answer(data, question_id, question.kind, value), self.today)
        except AnswerError as exc:
            exc.question_id = question_id
            raise

    def answer_unknown(self, question_id: str) -> None:
        """Record "unknown / not available": the fact stays unknown and the question is not asked again."""
        self._require(question_id)

        def edit(data: dict[str, Any]) -> None:
            _answers.clear_answer(data, question_id)
            confirm = parse_confirm_id(question_id)
            if confirm:  # the profile format keeps a clinician's "unknown" itself
                trial_id, key = confirm
                data.setdefault("confirmations", {}).setdefault(trial_id, {})[key] = "unknown"

        self._profile = _answers.profile_with(self._profile, edit, self.today)
        self._unknown.add(question_id)
        self._record(question_id)

    def clear_answer(self, question_id: str) -> None:
        """Forget an answer (or an "unknown"): the question can be asked again."""
        self._require(question_id)
        self._profile = _answers.profile_with(
            self._profile, lambda data: _answers.clear_answer(data, question_id), self.today)
        self._unknown.discard(question_id)
        if question_id in self._history:
            self._history.remove(question_id)
        self._invalidate()

    def _record(self, question_id: str) -> None:
        if question_id not in self._history:
            self._history.append(question_id)
        self._invalidate()

    def _require(self, question_id: str) -> Question:
        try:
            return self._questions[question_id]
        except KeyError:
            raise KeyError(f"unknown question {question_id!r}") from None

    # --- saving ------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The saved form: the profile JSON, the questions answered unknown, and the position."""
        current = self.next_question()
        return {
            "questionnaire_version": STATE_VERSION,
            "trial_ids": list(self._trials),
            "profile": profile_to_dict(self._profile),
            "unknown": sorted(self._unknown),
            "history": list(self._history),
            "current": current.id if current else None,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], trials: Iterable[Any] | None = None,
                  today: date | None = None) -> Questionnaire:
        """Resume a saved questionnaire; ``trials`` default to the saved ids read from the open catalog."""
        if not isinstance(data, Mapping) or data.get("questionnaire_version") != STATE_VERSION:
            raise ValueError("not a saved questionnaire (questionnaire_version 1)")
        profile = profile_from_dict(data.get("profile") or {"format_version": 1})
        specs = trials_from_data(trials) if trials is not None else load_trials(data.get("trial_ids") or [])
        return cls(profile, specs, today=today, unknown=data.get("unknown") or (),
                   history=data.get("history") or ())
