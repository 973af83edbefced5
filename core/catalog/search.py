"""Catalog search: free text (FTS5, bm25) plus filters, safe for anything a user types.

User text is never passed to FTS5 as query syntax: it is cut into word tokens and each
token is quoted, so quotes, ``AND (``, ``*``, ``NEAR(`` and the like are plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from peewee import fn

from core.catalog.models import Site, Trial, TrialCondition, TrialSearch

# Letters and digits in any script; everything else separates words.
_TOKEN = re.compile(r"\w+", re.UNICODE)
_MAX_TOKENS = 16


@dataclass
class SearchFilters:
    """What narrows the list besides text. Empty means "no filter"."""

    statuses: set[str] = field(default_factory=set)  # status codes (core.catalog.status)
    condition: str | None = None  # substring of a condition, case-insensitive
    country: str | None = None  # site country, case-insensitive exact
    patient_age: float | None = None  # keep trials whose age limits admit this age


@dataclass
class TrialSummary:
    """One row of the catalog list."""

    trial_id: str
    title: str
    status: str | None
    conditions: list[str]
    min_age_years: float | None
    max_age_years: float | None
    sponsor: str | None


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression for user text: every word must appear (prefix match).

    Returns None when the text has no searchable word.
    """
    tokens = _TOKEN.findall(text or "")[:_MAX_TOKENS]
    # Capitalised AND / OR / NOT between words keep their usual meaning; anywhere else
    # (leading, trailing, doubled) they are dropped. Every other token is a quoted literal,
    # so nothing a user types can become FTS5 syntax.
    parts: list[str] = []
    pending: str | None = None
    for token in tokens:
        if token in ("AND", "OR", "NOT"):
            pending = token if parts else None
            continue
        # Quoted strings are literal in FTS5; a trailing * outside the quotes makes a prefix query.
        term = f'"{token}"*'
        if pending in ("OR", "NOT"):
            parts.append(pending)
        parts.append(term)
        pending = None
    return " ".join(parts) or None


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_trials(text: str = "", filters: SearchFilters | None = None, limit: int | None = None,
                  offset: int = 0) -> list[TrialSummary]:
    """Trials matching the text and filters, best match first (title order without text)."""
    filters = filters or SearchFilters()
    query = Trial.select(
        Trial.trial_id, Trial.title, Trial.status, Trial.conditions,
        Trial.min_age_years, Trial.max_age_years, Trial.sponsor,
    )
    match = fts_query(text)
    if match is not None:
        ranked = (
            TrialSearch.select(TrialSearch.trial_id, TrialSearch.bm25().alias("score"))
            .where(TrialSearch.match(match))
        )
        # CJK runs are one token to unicode61; a substring search on titles catches them.
        if re.search(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]", text):
            like = f"%{_like_escape(text.strip())}%"
            extra = Trial.select(Trial.trial_id).where(Trial.title ** like)
            query = query.where((Trial.trial_id.in_(ranked.select(TrialSearch.trial_id)))
                                | (Trial.trial_id.in_(extra)))
            query = query.order_by(Trial.title)
        else:
            query = query.join(ranked, on=(Trial.trial_id == ranked.c.trial_id)).order_by(
                ranked.c.score, Trial.title
            )
    else:
        query = query.order_by(fn.lower(Trial.title))
    if filters.statuses:
        query = query.where(Trial.status.in_(sorted(filters.statuses)))
    if filters.condition and filters.condition.strip():
        like = f"%{_like_escape(filters.condition.strip().casefold())}%"
        query = query.where(
            Trial.trial_id.in_(
                TrialCondition.select(TrialCondition.trial).where(
                    TrialCondition.condition ** like
                )
            )
        )
    if filters.country and filters.country.strip():
        query = query.where(
            Trial.trial_id.in_(
                Site.select(Site.trial).where(fn.lower(Site.country) == filters.country.strip().casefold())
            )
        )
    if filters.patient_age is not None:
        age = filters.patient_age
        query = query.where(
            (Trial.min_age_years.is_null() | (Trial.min_age_years <= age))
            & (Trial.max_age_years.is_null() | (Trial.max_age_years >= age))
        )
    if limit is not None:
        query = query.limit(limit).offset(offset)
    return [
        TrialSummary(r.trial_id, r.title, r.status, r.conditions, r.min_age_years,
                     r.max_age_years, r.sponsor)
        for r in query
    ]


def countries() -> list[str]:
    """Every site country in the catalog, for the country filter."""
    rows = Site.select(Site.country).where(Site.country.is_null(False)).distinct()
    return sorted({r.country for r in rows}, key=str.casefold)


def all_conditions() -> list[str]:
    """Every condition in the catalog, for the condition filter's completion."""
    rows = TrialCondition.select(TrialCondition.condition).distinct()
    return sorted(r.condition for r in rows)
