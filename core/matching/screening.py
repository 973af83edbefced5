"""Screening one patient against catalog trials: facts derived once, every candidate
trial's criteria evaluated, verdicts returned in a stable order."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.catalog.models import Criterion, Trial
from core.catalog.search import SearchFilters, search_trials
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, TrialVerdict, evaluate_trial
from core.patient.derived import compute_facts
from core.patient.profile import PatientProfile

VERDICT_ORDER = {ELIGIBLE: 0, POSSIBLY_ELIGIBLE: 1, NOT_ELIGIBLE: 2}
SCREEN_JSON_VERSION = 1


@dataclass
class ScreenedTrial:
    """One trial's verdict with the catalog facts a result list shows beside it."""

    trial_id: str
    title: str
    verdict: TrialVerdict

    def to_dict(self) -> dict[str, Any]:
        return {"trial_id": self.trial_id, "title": self.title, **self.verdict.to_dict()}


def candidate_ids(filters: SearchFilters | None = None) -> list[str]:
    """Trials a screening considers: the catalog, narrowed by the filters."""
    return [t.trial_id for t in search_trials("", filters)]


def load_criteria(trial_ids: Iterable[str]) -> dict[str, list[Criterion]]:
    ids = list(trial_ids)
    by_trial: dict[str, list[Criterion]] = defaultdict(list)
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start:chunk_start + 500]
        query = Criterion.select().where(Criterion.trial.in_(chunk)).order_by(Criterion.trial, Criterion.position)
        for row in query:
            by_trial[row.trial_id].append(row)
    return by_trial


def screen_profile(profile: PatientProfile, trial_ids: Iterable[str] | None = None,
                   filters: SearchFilters | None = None, today: date | None = None,
                   explain: bool = True) -> list[ScreenedTrial]:
    """Verdicts for the candidate trials, eligible first, then possibly, then not."""
    ids = list(trial_ids) if trial_ids is not None else candidate_ids(filters)
    facts = compute_facts(profile, today=today)
    trials = {t.trial_id: t for t in Trial.select(Trial.trial_id, Trial.title, Trial.status,
                                                  Trial.inclusion_logic).where(Trial.trial_id.in_(ids))}
    criteria = load_criteria(ids)
    out: list[ScreenedTrial] = []
    for trial_id in ids:
        trial = trials.get(trial_id)
        if trial is None:
            continue
        verdict = evaluate_trial(
            trial_id, criteria.get(trial_id, []), facts,
            confirmations=profile.confirmations.get(trial_id, {}),
            inclusion_logic=trial.inclusion_logic or "all",
            recruitment_status=trial.status, today=today, explain=explain,
        )
        out.append(ScreenedTrial(trial_id, trial.title, verdict))
    out.sort(key=lambda s: (VERDICT_ORDER[s.verdict.verdict], s.title.casefold()))
    return out
