"""One screening in progress: the questionnaire engine plus saving after every answer.

Plain Python (no Qt): the questionnaire window calls ``answer`` / ``answer_unknown`` and
shows what the engine returns; every accepted answer is written to the user database at
once (``records.record_answer``), with the engine's saved state (``to_dict``) as the
screening's profile, so quitting or a crash loses nothing and a resume restores exactly.

A new screening starts from the patient record (``core.questionnaire.record``): facts
fresh enough count as answered and are listed with their age ("from the record, 4 months
old"), stale ones are asked again, and per-trial answers of earlier screenings are only
named beside their question ("asked in screening #3 on …"). What came from where is kept
in the saved state under ``from_record``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.catalog.search import SearchFilters, count_trials, matching_ids
from core.matching.condition_fit import matches
from core.matching.screening import ScreenedTrial, prefilter_ids
from core.matching.verdict import NOT_ELIGIBLE, TrialVerdict
from core.memory import settle
from core.patient.profile import profile_from_dict
from core.questionnaire import ChecklistQuestionnaire, Questionnaire, load_trials
from core.questionnaire import record as patient_records
from core.questionnaire.answers import answer_value
from core.userdata import records
from core.userdata.errors import SaveError
from core.userdata.errors import describe as describe_save_error
from core.userdata.models import Patient, Screening

log = logging.getLogger(__name__)


@dataclass
class CandidateFilter:
    """Which catalog trials a screening considers (core.catalog.search.SearchFilters)."""

    open_only: bool = True
    country: str | None = None
    condition: str | None = None

    def search_filters(self) -> SearchFilters:
        from core.catalog import status as st

        return SearchFilters(statuses=set(st.OPEN_STATUSES) if self.open_only else set(),
                             country=self.country or None, condition=self.condition or None)

    def to_dict(self) -> dict[str, Any]:
        return {"open_only": self.open_only, "country": self.country, "condition": self.condition}

    def candidate_ids(self, date_of_birth: date | None = None) -> list[str]:
        """The trials to screen. In a large catalog (more than LARGE_CATALOG candidates) the
        trials whose stated age limits exclude the patient are left out in SQL; a small one
        is screened whole so every verdict, "not eligible by age" included, is shown."""
        filters = self.search_filters()
        if date_of_birth is not None and count_trials("", filters) > LARGE_CATALOG:
            from core.patient.dates import completed_years

            age = completed_years(date_of_birth, date.today())
            return prefilter_ids(None, {"age_years": age}, [], filters)
        return matching_ids("", filters)


# Above this many candidates, a screening starts from the trials the patient's age fits.
LARGE_CATALOG = 2000


def _answered(q: Questionnaire, question_id: str) -> bool:
    try:
        return q.status(question_id) == "answered"
    except KeyError:  # no candidate trial asks it: carried silently
        return False


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


def record_max_age_days() -> int:
    """The user's setting: days after which labs and current findings are asked again."""
    value = records.get_setting(patient_records.RECORD_MAX_AGE_SETTING, patient_records.DEFAULT_MAX_AGE_DAYS)
    ok = isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3650
    return value if ok else patient_records.DEFAULT_MAX_AGE_DAYS


class ScreeningSession:
    """A questionnaire bound to a saved Screening row: a trial's remaining clinician questions come
    as one checklist page (core.questionnaire.checklist)."""

    def __init__(self, screening: Screening, questionnaire: Questionnaire,
                 from_record: dict[str, Any] | None = None):
        self.screening = screening
        self.screening_id: int = screening.id
        # The screening's trials and rules are loaded now and live until it closes: out of the collector's walks, so
        # a full collection does not stall an answer (core/memory.py).
        log.debug("settled %d objects out of the collector's walks", settle())
        self.patient: Patient = screening.patient
        self.q = questionnaire
        # {"carried": {question: date known}, "stale": {...}, "refused": {...}, "asked_before": {question: text}}
        self.from_record: dict[str, Any] = from_record or {}

    # -- creating / resuming ------------------------------------------------------------
    @classmethod
    def start(cls, patient: Patient, candidate_filter: CandidateFilter,
              trial_ids: list[str] | None = None) -> ScreeningSession:
        """A new screening, started from the patient record."""
        ids = trial_ids if trial_ids is not None else candidate_filter.candidate_ids(patient.date_of_birth)
        today = date.today()
        begin = patient_records.start_from_record(records.patient_record(patient), today, record_max_age_days(),
                                                  profile_id=patient.reference, date_of_birth=patient.date_of_birth)
        if begin.profile.sex is None and getattr(patient, "sex", None):
            begin.profile.sex = patient.sex  # asked when the patient was created
        q = ChecklistQuestionnaire(begin.profile, load_trials(ids), today=today)
        carried = [qid for qid in begin.carried if _answered(q, qid)]
        if carried:  # listed first among the answers, each with its age
            q = ChecklistQuestionnaire(begin.profile, q.trials, today=today, history=carried)
        from_record = {"carried": {qid: begin.carried[qid] for qid in carried}, "stale": begin.stale,
                       "refused": begin.refused,
                       "asked_before": patient_records.earlier_confirmations(records.earlier_screenings(patient))}
        screening = records.start_screening(patient, {**q.to_dict(), "from_record": from_record},
                                            candidate_filter={**candidate_filter.to_dict(), "trial_ids": ids})
        return cls(screening, q, from_record)

    @classmethod
    def resume(cls, screening: Screening) -> ScreeningSession:
        """Reopen a saved screening exactly where it stopped."""
        state = screening.profile or {}
        if state.get("questionnaire_version") is None:  # an older plain profile: start over from it
            ids = (screening.candidate_filter or {}).get("trial_ids") or []
            profile = profile_from_dict(state or {"format_version": 1}, strict=False)
            q = ChecklistQuestionnaire(profile, load_trials(ids))
        else:
            q = ChecklistQuestionnaire.from_dict(state)
        return cls(screening, q, state.get("from_record"))

    # -- the record -----------------------------------------------------------------------
    def record_note(self, question_id: str) -> str | None:
        """"from the record, 4 months old" for a fact carried from the record (until answered again)."""
        carried = self.from_record.get("carried") or {}
        return patient_records.age_words(carried[question_id], self.q.today) if question_id in carried else None

    def earlier_answer(self, question_id: str) -> str | None:
        """"asked in screening #N on DATE (answered yes)" for a per-trial question answered in an
        earlier screening of the patient: shown, never carried over."""
        return (self.from_record.get("asked_before") or {}).get(question_id)

    def record_prefill(self, question_id: str) -> Any:
        """For a list the record holds but is too old to count (treatments, allergies): the
        record's rows, to show filled in for the clinician to check. None otherwise."""
        if question_id not in ("treatments", "allergies", "diagnoses", "procedures") or \
                question_id not in (self.from_record.get("stale") or {}):
            return None
        try:
            return answer_value(profile_from_dict(records.patient_record(self.patient), strict=False), question_id)
        except Exception:  # a record that cannot be read: the list is simply asked empty
            log.exception("could not read the patient record for %s", question_id)
            return None

    # -- answering ----------------------------------------------------------------------
    def answer(self, question_id: str, value: Any) -> None:
        """Give (or change) an answer; raises AnswerError and saves nothing when refused,
        SaveError (engine unchanged) when the database cannot store it."""
        before = self.q.to_dict()
        self.q.answer(question_id, value)
        self._save(question_id, _json_value(value), before)

    def answer_unknown(self, question_id: str) -> None:
        before = self.q.to_dict()
        self.q.answer_unknown(question_id)
        self._save(question_id, "unknown", before)

    def _save(self, question_id: str, value: Any, before: dict) -> None:
        carried = dict(self.from_record.get("carried") or {})
        carried.pop(question_id, None)  # answered here: no longer "from the record"
        from_record = {**self.from_record, "carried": carried} if self.from_record else None
        state = self.q.to_dict()
        if from_record is not None:
            state["from_record"] = from_record
        try:
            records.record_answer(self.screening_id, question_id, value, state, position=state.get("current"),
                                  record_parts=[question_id], record_union=not self.from_record)
        except Exception as exc:
            # Not saved: put the engine back so what is shown is exactly what is stored.
            self.q = type(self.q).from_dict(before, trials=self.q.trials)
            raise SaveError(describe_save_error(exc)) from exc
        if from_record is not None:
            self.from_record = from_record

    def finish(self) -> None:
        if Screening.get_by_id(self.screening_id).status != "finished":
            records.finish_screening(self.screening_id)

    # -- results ------------------------------------------------------------------------
    def titles(self) -> dict[str, str]:
        return {t.trial_id: t.title for t in self.q.trials}

    def results(self) -> list[ScreenedTrial]:
        titles = self.titles()
        return [ScreenedTrial(tid, titles.get(tid, tid), v) for tid, v in self.q.verdicts().items()]

    def default_letter_trials(self) -> list[str]:
        fits = self.q.condition_fits()
        return [tid for tid, v in self.q.verdicts().items() if v.verdict != NOT_ELIGIBLE and matches(fits.get(tid))]

    def verdicts(self) -> dict[str, TrialVerdict]:
        return self.q.verdicts()
