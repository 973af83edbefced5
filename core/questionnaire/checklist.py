"""A trial's remaining clinician confirmations on one page (issue 15): the questionnaire a
coordinator works through.

Once the shared questions have closed what they can, the per-item questionnaire asks each
criterion the app could not read as a page of its own ("Is this criterion met? …" thirteen
times for one trial). ``ChecklistQuestionnaire`` asks them as a checklist instead: whenever
the next question the engine would ask is a clinician confirmation of trial T, it presents
one question of kind ``checklist`` (id ``checklist:<T>``) listing, in criteria order, every
open confirmation of T. Its answer maps each row's question id to the value that question
takes ("yes" / "no" / "unknown"); a row left out is "unknown". Every row is checked before
any is recorded, so a refused answer changes nothing; each row is then recorded exactly as
that confirmation would be (``profile.confirmations``), so verdicts, the letter, saving and
the next screening's "asked before" notes read them as before. In the history the page is
one step: changing it shows its rows as answered, clearing it clears them all.

Shared questions (about the patient) are never grouped. ``Questionnaire`` itself still asks
one confirmation per page; the GUI and the benchmark use this class.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from core.i18n import N_, _
from core.questionnaire import answers as _answers
from core.questionnaire.answers import AnswerError
from core.questionnaire.engine import ANSWERED, OPEN, UNKNOWN, Questionnaire, Reason
from core.questionnaire.mapping import checklist_question_id, parse_checklist_id, parse_confirm_id
from core.questionnaire.questions import CRITERION_MET, EXCLUSION_APPLIES, Question

CHECKLIST_TEXT = N_("Criteria of {trial} to check: {title}")
CHECKLIST_HELP = N_("Criteria the app could not read. Answer those you know; leave the rest Unknown for the "
                    "study team.")


def _is_part(question: Question) -> bool:
    """A confirm question asking a part of a rule (its own words), not the criterion or its list."""
    text = str(question.details.get("criterion_text") or "")
    whole = {template.format(criterion=text) for template in (CRITERION_MET, EXCLUSION_APPLIES)}
    return not question.details.get("list_template") and question.text not in whole


class ChecklistQuestionnaire(Questionnaire):
    """The questionnaire with each trial's clinician confirmations asked as one checklist page."""

    def __init__(self, *args: Any, checklists: Mapping[str, Iterable[str]] | None = None, **kwargs: Any):
        self._open_by_trial: tuple[Any, dict[str, list[str]]] | None = None  # (snapshot, open rows by trial)
        super().__init__(*args, **kwargs)
        self._checklists: dict[str, list[str]] = {}  # checklist id -> its rows as last answered
        self._adopt(checklists or {}, kwargs.get("history") or ())

    def _adopt(self, checklists: Mapping[str, Any], history: Iterable[str]) -> None:
        """Keep the saved checklists whose trial and rows this questionnaire has, and put them back
        in their places in the history (the engine keeps only ids of its own questions there)."""
        self._checklists = {}
        for cid, rows in checklists.items() if isinstance(checklists, Mapping) else ():
            trial_id = parse_checklist_id(str(cid))
            if trial_id in self._trials and isinstance(rows, list):
                kept = [r for r in dict.fromkeys(rows) if isinstance(r, str) and self._row_of(r, trial_id)]
                if kept:
                    self._checklists[cid] = kept
        history = list(history) if not isinstance(history, str) else []
        self._history = [q for q in dict.fromkeys(history) if q in self._questions or q in self._checklists]

    def _row_of(self, question_id: str, trial_id: str) -> bool:
        question = self._questions.get(question_id)
        confirm = parse_confirm_id(question_id)
        return question is not None and question.kind == "confirm" and confirm is not None and confirm[0] == trial_id

    # --- the page --------------------------------------------------------------------------

    def _open_rows(self, trial_id: str) -> list[str]:
        """The trial's confirm questions that can still change a verdict."""
        snap = self._snap()
        # grouped by trial once per evaluation: the open questions list asks every trial's page, and a scan of all
        # scored questions per trial made that step grow with trials x questions
        if self._open_by_trial is None or self._open_by_trial[0] is not snap:
            grouped: dict[str, list[str]] = {}
            for qid in snap.scores:
                confirm = parse_confirm_id(qid)
                if confirm is not None and self._row_of(qid, confirm[0]):
                    grouped.setdefault(confirm[0], []).append(qid)
            self._open_by_trial = (snap, grouped)
        return list(self._open_by_trial[1].get(trial_id, ()))

    def rows(self, checklist_id: str) -> list[str]:
        """The page's rows in criteria order: those answered on it, and any of its trial's open ones."""
        trial_id = self._trial_of(checklist_id)
        rows = dict.fromkeys(self._checklists.get(checklist_id, []) + self._open_rows(trial_id))
        return sorted(rows, key=self._order.__getitem__)  # questions are built in criteria order

    def _trial_of(self, checklist_id: str) -> str:
        trial_id = parse_checklist_id(checklist_id)
        if trial_id is None or trial_id not in self._trials:
            raise KeyError(f"unknown question {checklist_id!r}")
        return trial_id

    def _require(self, question_id: str) -> Question:
        if parse_checklist_id(question_id) is None:
            return super()._require(question_id)
        trial = self._trials[self._trial_of(question_id)]
        return Question(id=question_id, kind="checklist", group="confirm", help=CHECKLIST_HELP,
                        text=CHECKLIST_TEXT.format(trial=trial.trial_id, title=trial.title),
                        trial_ids=(trial.trial_id,), details={"trial_id": trial.trial_id, "trial_title": trial.title})

    def question(self, question_id: str) -> Question:
        """A checklist's question lists its rows (``details["rows"]``): each row's question id, the
        confirm ``Question`` itself, its criterion (kind, key, label, verbatim text), whether it asks a
        part of a rule (``part``) or a list, and its current answer (None when not answered)."""
        if parse_checklist_id(question_id) is None:
            return super().question(question_id)
        base = self._require(question_id)
        rows = []
        for qid in self.rows(question_id):
            row = super().question(qid)
            details = row.details
            answer = super().current_answer(qid) if super().status(qid) != OPEN else None
            rows.append({"question_id": qid, "question": row, "criterion_kind": details.get("criterion_kind"),
                         "criterion_key": details.get("criterion_key"),
                         "criterion_label": details.get("criterion_label"),
                         "criterion_text": details.get("criterion_text", ""),
                         "list": bool(details.get("list_template")),
                         "part": _is_part(row), "answer": answer})
        return replace(base, details={**base.details, "rows": rows})

    def next_question(self) -> Question | None:
        """As the engine's, but a clinician confirmation comes as its trial's checklist."""
        question = super().next_question()
        if question is not None and question.kind == "confirm":
            return self.question(checklist_question_id(question.details["trial_id"]))
        return question

    def open_questions(self) -> list[Question]:
        """The open questions best first, a trial's confirmations as one checklist (at its first's place)."""
        out: dict[str, Question] = {}
        for question in super().open_questions():
            if question.kind == "confirm":
                cid = checklist_question_id(question.details["trial_id"])
                if cid not in out:
                    out[cid] = self.question(cid)
            else:
                out[question.id] = question
        return list(out.values())

    def open_question_count(self) -> int:
        """Pages left that can still change a verdict: each trial's open confirmations count as one."""
        trials = set()
        count = 0
        for qid in self._snap().scores:
            confirm = parse_confirm_id(qid)
            if confirm is None:
                count += 1
            elif confirm[0] not in trials:
                trials.add(confirm[0])
                count += 1
        return count

    def status(self, question_id: str) -> str:
        """A checklist is open until answered, ``unknown`` when every row was answered unknown."""
        if parse_checklist_id(question_id) is None:
            return super().status(question_id)
        self._trial_of(question_id)
        rows = self._checklists.get(question_id)
        if not rows:
            return OPEN
        engine = super()
        return UNKNOWN if all(engine.status(r) == UNKNOWN for r in rows) else ANSWERED

    def current_answer(self, question_id: str) -> Any:
        """A checklist's answer: {row question id: "yes" / "no" / "unknown"}, None before it is answered."""
        if parse_checklist_id(question_id) is None:
            return super().current_answer(question_id)
        self._trial_of(question_id)
        if question_id not in self._checklists:
            return None
        engine = super()
        return {row: engine.current_answer(row) or "unknown" for row in self._checklists[question_id]}

    def why_asked(self, question_id: str) -> list[Reason]:
        if parse_checklist_id(question_id) is None:
            return super().why_asked(question_id)
        engine = super()
        return [reason for row in self.rows(question_id) for reason in engine.why_asked(row)]

    # --- answering -------------------------------------------------------------------------

    def _checked_rows(self, checklist_id: str, value: Any) -> dict[str, str | None]:
        """Every row's value ("yes"/"no", None for unknown), each checked as its own question
        takes it; raises ``AnswerError`` (changing nothing) for the first refused row."""
        rows = self.rows(checklist_id)
        if _answers.is_unknown_value(value):
            value = {}
        if not isinstance(value, Mapping):
            raise AnswerError(checklist_id, _("must give one answer per criterion of the checklist."))
        for qid in value:
            if qid not in rows:
                raise AnswerError(checklist_id,
                                  _("{question} is not a criterion of this checklist.").format(question=qid))
        out: dict[str, str | None] = {}
        for qid in rows:
            given = value.get(qid)
            if _answers.is_unknown_value(given):
                out[qid] = None
                continue
            super().check(qid, given)  # AnswerError names the row
            out[qid] = "yes" if _answers.yes_no(given, qid) else "no"
        return out

    def check(self, question_id: str, value: Any) -> None:
        if parse_checklist_id(question_id) is None:
            return super().check(question_id, value)
        self._checked_rows(question_id, value)

    def answer(self, question_id: str, value: Any) -> None:
        """A checklist's rows are all checked first, then recorded together (one step in the history)."""
        if parse_checklist_id(question_id) is None:
            return super().answer(question_id, value)
        rows = self._checked_rows(question_id, value)

        def edit(data: dict[str, Any]) -> None:
            for qid, given in rows.items():
                trial_id, key = parse_confirm_id(qid)
                data.setdefault("confirmations", {}).setdefault(trial_id, {})[key] = given or "unknown"

        self._profile = _answers.profile_with(self._profile, edit, self.today)
        for qid, given in rows.items():
            (self._unknown.add if given is None else self._unknown.discard)(qid)
        self._history = [q for q in self._history if q not in rows]  # the checklist holds them now
        self._checklists[question_id] = list(rows)
        self._record(question_id)

    change_answer = answer

    def answer_unknown(self, question_id: str) -> None:
        if parse_checklist_id(question_id) is None:
            return super().answer_unknown(question_id)
        self.answer(question_id, {})

    def clear_answer(self, question_id: str) -> None:
        """Forget a checklist: every row it answered can be asked again."""
        if parse_checklist_id(question_id) is None:
            return super().clear_answer(question_id)
        self._trial_of(question_id)
        rows = self._checklists.pop(question_id, [])
        self._profile = _answers.profile_with(
            self._profile, lambda data: [_answers.clear_answer(data, qid) for qid in rows], self.today)
        self._unknown.difference_update(rows)
        if question_id in self._history:
            self._history.remove(question_id)
        self._invalidate()

    # --- saving ----------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The engine's saved form plus each answered checklist's rows."""
        return {**super().to_dict(), "checklists": {cid: list(rows) for cid, rows in self._checklists.items()}}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], trials: Iterable[Any] | None = None,
                  today: date | None = None) -> ChecklistQuestionnaire:
        q = super().from_dict(data, trials, today)
        q._adopt(data.get("checklists") or {}, data.get("history") or ())
        return q
