"""One screening in progress: the questionnaire engine plus saving after every answer.

Plain Python (no Qt): the questionnaire window calls ``answer`` / ``answer_unknown`` and
shows what the engine returns; every accepted answer is written to the user database at
once (``records.record_answer``), with the engine's saved state (``to_dict``) as the
screening's profile, so quitting or a crash loses nothing and a resume restores exactly.
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
from core.patient.profile import PatientProfile
from core.questionnaire import Questionnaire, load_trials
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


def _json_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    return value


class ScreeningSession:
    """A Questionnaire bound to a saved Screening row."""

    def __init__(self, screening: Screening, questionnaire: Questionnaire):
        self.screening = screening
        self.screening_id: int = screening.id
        self.patient: Patient = screening.patient
        self.q = questionnaire

    # -- creating / resuming ------------------------------------------------------------
    @classmethod
    def start(cls, patient: Patient, candidate_filter: CandidateFilter,
              trial_ids: list[str] | None = None) -> ScreeningSession:
        ids = trial_ids if trial_ids is not None else candidate_filter.candidate_ids(patient.date_of_birth)
        profile = PatientProfile(profile_id=patient.reference, date_of_birth=patient.date_of_birth,
                                 sex=getattr(patient, "sex", None))
        q = Questionnaire(profile, load_trials(ids))
        screening = records.start_screening(patient, q.to_dict(),
                                            candidate_filter={**candidate_filter.to_dict(), "trial_ids": ids})
        return cls(screening, q)

    @classmethod
    def resume(cls, screening: Screening) -> ScreeningSession:
        """Reopen a saved screening exactly where it stopped."""
        state = screening.profile or {}
        if state.get("questionnaire_version") is None:  # an older plain profile: start over from it
            from core.patient.profile import profile_from_dict

            ids = (screening.candidate_filter or {}).get("trial_ids") or []
            q = Questionnaire(profile_from_dict(state or {"format_version": 1}, strict=False), load_trials(ids))
        else:
            q = Questionnaire.from_dict(state)
        return cls(screening, q)

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
        state = self.q.to_dict()
        try:
            records.record_answer(self.screening_id, question_id, value, state, position=state.get("current"))
        except Exception as exc:
            # Not saved: put the engine back so what is shown is exactly what is stored.
            self.q = Questionnaire.from_dict(before, trials=self.q.trials)
            raise SaveError(describe_save_error(exc)) from exc

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
