"""Catalog search: free text (FTS5, bm25) plus filters, safe for anything a user types.

User text is never passed to FTS5 as query syntax: it is cut into word tokens and each
token is quoted, so quotes, ``AND (``, ``*``, ``NEAR(`` and the like are plain words.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from core.catalog.cjk_text import QUERY_WORD, fold, is_cjk, pieces, run_match
from core.catalog.models import Site, TrialCondition, catalog_db
from core.catalog.search_concepts import condition_names, query_names

# Letters and digits in any script (hyphenated words are one token, cut again by pieces()).
_TOKEN = QUERY_WORD
_MAX_TOKENS = 16
_CJK_COLUMNS = "cjk_title cjk_text"


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

    A CJK word is matched as its character bigrams, or as the English names of the condition
    or drug it names (core.catalog.search_concepts). Returns None when the text has no
    searchable word.
    """
    tokens = _TOKEN.findall(fold(text or ""))[:_MAX_TOKENS]
    # Capitalised AND / OR / NOT between words keep their usual meaning; anywhere else
    # (leading, trailing, doubled) they are dropped. Every other token is a quoted literal,
    # so nothing a user types can become FTS5 syntax.
    parts: list[str] = []
    pending: str | None = None
    budget = _MAX_TOKENS  # words in all: "a-b-c-…" is one token of many pieces
    for token in tokens:
        if token in ("AND", "OR", "NOT"):
            pending = token if parts else None
            continue
        if budget <= 0:
            break
        cut = pieces(token)[:budget]
        budget -= len(cut)
        terms = [_cjk_term(p) if is_cjk(p) else _word_term(p) for p in cut]
        if len(terms) > 1 and (names := query_names(token)):
            # A name that mixes scripts (抗ARS抗体症候群): its pieces, or the concept's English names.
            terms = ["((" + " AND ".join(terms) + ") OR " + " OR ".join(_phrase_term(n) for n in names) + ")"]
        if parts:
            # FTS5 allows an implicit AND between phrases only, not after a parenthesis.
            parts.append(pending if pending in ("OR", "NOT") else "AND")
        # A word that mixes scripts ("抗ARS抗体") needs all its pieces: kept together.
        parts.append(terms[0] if len(terms) == 1 else "(" + " AND ".join(terms) + ")")
        pending = None
    return " ".join(parts) or None


def _word_term(word: str) -> str:
    # Quoted strings are literal in FTS5; a trailing * outside the quotes makes a prefix
    # query (words of 3 letters or more: a one-letter prefix matches half the index).
    return f'"{word}"*' if len(word) >= 3 else f'"{word}"'


def _phrase_term(phrase: str) -> str:
    """An English name: one word of 3+ letters as a prefix ("biologic"*, as typed words are;
    search_concepts.query_names relies on it), longer names as exact phrases (a prefix on
    "… disease"* would merge the lists of every word starting "disease": slow at 100,000 trials)."""
    return f'"{phrase}"*' if " " not in phrase and len(phrase) >= 3 else f'"{phrase}"'


def _cjk_term(run: str) -> str:
    """The run in the bigram columns, or any English name of the concept it names."""
    alternatives = [run_match(run, _CJK_COLUMNS)] + [_phrase_term(phrase) for phrase in query_names(run)]
    return alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")"


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_SUMMARY_COLUMNS = "t.trial_id, t.title, t.status, t.conditions, t.min_age_years, t.max_age_years, t.sponsor"


def _filter_sql(filters: SearchFilters) -> tuple[list[str], list[object]]:
    """WHERE clauses (on the trial table aliased t) and their parameters."""
    where: list[str] = []
    params: list[object] = []
    if filters.statuses:
        where.append(f"t.status IN ({','.join('?' * len(filters.statuses))})")
        params += sorted(filters.statuses)
    if filters.condition and filters.condition.strip():
        # A condition typed in Chinese or Japanese also matches its English names (类风湿关节炎).
        typed = filters.condition.strip()
        wanted = list(dict.fromkeys([typed.casefold(), fold(typed).casefold(), *condition_names(typed)]))
        likes = " OR ".join(["condition LIKE ? ESCAPE '\\'"] * len(wanted))
        where.append(f"t.trial_id IN (SELECT trial_id FROM trialcondition WHERE {likes})")
        params += [f"%{_like_escape(name)}%" for name in wanted]
    if filters.country and filters.country.strip():
        where.append("t.trial_id IN (SELECT trial_id FROM site WHERE lower(country) = ?)")
        params.append(filters.country.strip().casefold())
    if filters.patient_age is not None:
        where.append("(t.min_age_years IS NULL OR t.min_age_years <= ?) "
                     "AND (t.max_age_years IS NULL OR t.max_age_years >= ?)")
        params += [filters.patient_age, filters.patient_age]
    return where, params


# Ranking (bm25) costs time for every matching trial; a search matching more than this many
# trials lists them in catalog order instead, so it stays instant. More words rank again.
RANK_LIMIT = 5000


def fts_match_count(match: str) -> int:
    return catalog_db.execute_sql("SELECT count(*) FROM trialsearch WHERE trialsearch MATCH ?",
                                  (match,)).fetchone()[0]


def _search_sql(columns: str, text: str, filters: SearchFilters, ranked: bool = True) -> tuple[str, list[object]]:
    where, params = _filter_sql(filters)
    match = fts_query(text)
    if match is None:
        sql = f"SELECT {columns} FROM trial t"
        order = " ORDER BY lower(t.title)"
    else:
        # The search row shares the trial's rowid: join on it, rank with FTS5's own bm25.
        sql = f"SELECT {columns} FROM trialsearch s JOIN trial t ON t.rowid = s.rowid"
        where.insert(0, "trialsearch MATCH ?")
        params.insert(0, match)
        order = " ORDER BY s.rank, t.title" if ranked else " ORDER BY s.rowid"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + order, params


def search_trials(text: str = "", filters: SearchFilters | None = None, limit: int | None = None,
                  offset: int = 0) -> list[TrialSummary]:
    """Trials matching the text and filters, best match first (title order without text)."""
    match = fts_query(text)
    ranked = match is None or fts_match_count(match) <= RANK_LIMIT
    sql, params = _search_sql(_SUMMARY_COLUMNS, text, filters or SearchFilters(), ranked)
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    rows = catalog_db.execute_sql(sql, params).fetchall()
    return [TrialSummary(tid, title, status, json.loads(conds) if conds else [], lo, hi, sponsor)
            for tid, title, status, conds, lo, hi, sponsor in rows]


def count_trials(text: str = "", filters: SearchFilters | None = None) -> int:
    """How many trials match (for "N trials" without loading them)."""
    sql, params = _search_sql("COUNT(*)", text, filters or SearchFilters())
    sql = sql[:sql.rindex(" ORDER BY")]
    return catalog_db.execute_sql(sql, params).fetchone()[0]


def matching_ids(text: str = "", filters: SearchFilters | None = None, extra_where: list[str] | None = None,
                 extra_params: list[object] | None = None) -> list[str]:
    """Only the ids of the matching trials, in the same order (cheap at catalog scale).

    ``extra_where`` adds SQL conditions on the trial table (aliased ``t``)."""
    sql, params = _search_sql("t.trial_id", text, filters or SearchFilters())
    if extra_where:
        head, order = sql.rsplit(" ORDER BY ", 1)
        joiner = " AND " if " WHERE " in head else " WHERE "
        sql = head + joiner + " AND ".join(extra_where) + " ORDER BY " + order
        params = params + list(extra_params or [])
    return [r[0] for r in catalog_db.execute_sql(sql, params)]


def countries() -> list[str]:
    """Every site country in the catalog, for the country filter."""
    rows = Site.select(Site.country).where(Site.country.is_null(False)).distinct()
    return sorted({r.country for r in rows}, key=str.casefold)


def all_conditions() -> list[str]:
    """Every condition in the catalog, for the condition filter's completion."""
    rows = TrialCondition.select(TrialCondition.condition).distinct()
    return sorted(r.condition for r in rows)
