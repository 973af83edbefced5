"""Screening one patient against catalog trials: facts derived once, every candidate
trial's criteria evaluated, verdicts returned in a stable order.

At catalog scale the database does the first cut (``prefilter=True``): trials whose stated
age or sex limits exclude the patient, or that list none of the patient's conditions,
are left out in SQL and only the rest have their rules evaluated. Criteria are read as
plain rows and each distinct rule text is parsed and validated once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.catalog.models import Trial, catalog_db
from core.catalog.search import SearchFilters, count_trials, fts_query, matching_ids
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, TrialVerdict, evaluate_trial
from core.patient.profile import PatientProfile
from core.patient.timeline import FactTimeline

VERDICT_ORDER = {ELIGIBLE: 0, POSSIBLY_ELIGIBLE: 1, NOT_ELIGIBLE: 2}
SCREEN_JSON_VERSION = 1
_CHUNK = 500

# Words a trial's condition list uses for each diagnosis code (lower case, substring match).
CONDITION_TERMS: dict[str, tuple[str, ...]] = {
    "rheumatoid_arthritis": ("rheumatoid", "arthritis"),
    "sjogren": ("sjogren", "sjögren", "sicca"),
    "dermatomyositis": ("dermatomyositis", "myositis", "myopathy"),
    "clinically_amyopathic_dermatomyositis": ("dermatomyositis", "myositis", "myopathy"),
    "polymyositis": ("polymyositis", "myositis", "myopathy"),
    "antisynthetase_syndrome": ("antisynthetase", "myositis", "myopathy"),
    "sle": ("lupus", "sle"),
    "systemic_sclerosis": ("sclerosis", "scleroderma"),
    "vasculitis": ("vasculitis", "arteritis"),
    "psoriatic_arthritis": ("psoriatic", "arthritis"),
    "ankylosing_spondylitis": ("spondyl", "spondyloarthritis"),
}


@dataclass
class ScreenedTrial:
    """One trial's verdict with the catalog facts a result list shows beside it."""

    trial_id: str
    title: str
    verdict: TrialVerdict

    def to_dict(self) -> dict[str, Any]:
        return {"trial_id": self.trial_id, "title": self.title, **self.verdict.to_dict()}


@dataclass
class _Row:
    key: str
    parent_key: str | None
    kind: str
    label: str | None
    text: str
    rule: str | None
    rule_origin: str | None = None  # curated / automatic-unreviewed / ...


@dataclass
class ScreeningRun:
    """What a screening looked at: verdicts, and how many trials the prefilter left out."""

    results: list[ScreenedTrial] = field(default_factory=list)
    considered: int = 0
    left_out: int = 0  # outside the patient's age/sex limits or conditions (prefilter only)


def candidate_ids(filters: SearchFilters | None = None) -> list[str]:
    """Trials a screening considers: the catalog, narrowed by the filters."""
    return matching_ids("", filters)


def _prefilter_sql(facts: dict[str, Any], diagnosis_codes: Iterable[str]) -> tuple[list[str], list[object]]:
    """SQL conditions (trial table ``t``) for what the patient's known age, sex and
    conditions rule out by the record's own fields. Unknown facts never narrow anything."""
    where: list[str] = []
    params: list[object] = []
    age = facts.get("age_years")
    if isinstance(age, int | float):
        # "+" keeps SQLite from driving the query by the age/sex indexes (they match most of the
        # catalog); the search-index lookup of the patient's conditions is far more selective.
        where.append("(+t.min_age_years IS NULL OR +t.min_age_years <= ?) "
                     "AND (+t.max_age_years IS NULL OR +t.max_age_years >= ?)")
        params += [age, age]
    sex = facts.get("sex")
    if sex in ("female", "male"):
        where.append("(+t.sex IS NULL OR +t.sex IN ('all', ?))")
        params.append(sex)
    terms = sorted({t for code in diagnosis_codes for t in CONDITION_TERMS.get(code, (code.replace("_", " "),))})
    if terms:
        # The conditions column of the search index: a trial naming any of the patient's conditions.
        words = " OR ".join(fts_query(term) or '""' for term in terms)
        where.append("t.rowid IN (SELECT rowid FROM trialsearch WHERE trialsearch MATCH ?)")
        params.append(f"{{conditions}}: ({words})")
    return where, params


def prefilter_ids(ids: list[str] | None, facts: dict[str, Any], diagnosis_codes: Iterable[str],
                  filters: SearchFilters | None = None) -> list[str]:
    """The candidate trials (``ids``, or the catalog narrowed by ``filters``) that the patient's
    known age, sex and conditions do not rule out by the record's own fields."""
    where, params = _prefilter_sql(facts, diagnosis_codes)
    kept = matching_ids("", filters, where, params)
    if ids is None:
        return kept
    keep = set(kept)
    return [i for i in ids if i in keep]


def load_criteria(trial_ids: Iterable[str]) -> dict[str, list[_Row]]:
    """Criteria as plain rows (rules as JSON text), in document order, per trial."""
    ids = list(trial_ids)
    by_trial: dict[str, list[_Row]] = defaultdict(list)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        cursor = catalog_db.execute_sql(
            f"SELECT trial_id, key, parent_key, kind, label, text, rule, rule_origin FROM criterion "
            f"WHERE trial_id IN ({marks}) ORDER BY trial_id, position", chunk)
        for trial_id, key, parent_key, kind, label, text, rule, origin in cursor:
            by_trial[trial_id].append(_Row(key, parent_key, kind, label, text, rule, origin))
    return by_trial


def run_screening(profile: PatientProfile, trial_ids: Iterable[str] | None = None,
                  filters: SearchFilters | None = None, today: date | None = None, explain: bool = True,
                  prefilter: bool = False, progress: Callable[[int, int], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ScreeningRun:
    """Verdicts for the candidate trials, eligible first, then possibly, then not."""
    timeline = FactTimeline(profile, today)  # facts today, and on later days for "eligible from"
    facts = timeline.at(timeline.today)  # a derived.Facts: vocabulary facts are worked out on demand
    if prefilter:
        considered = len(trial_ids) if trial_ids is not None else count_trials("", filters)
        ids = prefilter_ids(list(trial_ids) if trial_ids is not None else None, facts,
                            [d.code for d in profile.diagnoses], filters)
        run = ScreeningRun(considered=considered, left_out=considered - len(ids))
    else:
        ids = list(trial_ids) if trial_ids is not None else candidate_ids(filters)
        run = ScreeningRun(considered=len(ids))
    for start in range(0, len(ids), _CHUNK):
        if cancelled is not None and cancelled():
            break
        chunk = ids[start:start + _CHUNK]
        trials = {t.trial_id: t for t in Trial.select(Trial.trial_id, Trial.title, Trial.status,
                                                      Trial.inclusion_logic).where(Trial.trial_id.in_(chunk))}
        criteria = load_criteria(chunk)
        for trial_id in chunk:
            trial = trials.get(trial_id)
            if trial is None:
                continue
            verdict = evaluate_trial(
                trial_id, criteria.get(trial_id, []), facts,
                confirmations=profile.confirmations.get(trial_id, {}),
                inclusion_logic=trial.inclusion_logic or "all",
                recruitment_status=trial.status, today=today, explain=explain, timeline=timeline,
            )
            run.results.append(ScreenedTrial(trial_id, trial.title, verdict))
        if progress is not None:
            progress(min(start + _CHUNK, len(ids)), len(ids))
    run.results.sort(key=lambda s: (VERDICT_ORDER[s.verdict.verdict], s.title.casefold()))
    return run


def screen_profile(profile: PatientProfile, trial_ids: Iterable[str] | None = None,
                   filters: SearchFilters | None = None, today: date | None = None,
                   explain: bool = True, prefilter: bool = False) -> list[ScreenedTrial]:
    """Verdicts for the candidate trials, eligible first, then possibly, then not."""
    return run_screening(profile, trial_ids, filters, today, explain, prefilter).results
