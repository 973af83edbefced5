"""Words for results: fact values, comparisons and whole-criterion sentences.

Every clause is a statement of fact that stays true whatever the rule does with it
("Age 17 years is not above 18 years"), so ``not`` and ``any`` can pass clauses through
unchanged and the criterion's sentence is its deciding clauses joined.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from core.patient.facts import Fact
from core.patient.values import FactSet, Range

_NUMBER_PHRASES = {
    # op: (phrase when true, phrase when false)
    ">": ("is above", "is not above"),
    ">=": ("is at least", "is below"),
    "<": ("is below", "is not below"),
    "<=": ("is at most", "is above"),
    "=": ("is", "is not"),
    "!=": ("is not", "is"),
}
_DATE_PHRASES = {
    ">": ("is after", "is not after"),
    ">=": ("is on or after", "is before"),
    "<": ("is before", "is not before"),
    "<=": ("is on or before", "is after"),
    "=": ("is", "is not"),
    "!=": ("is not", "is"),
}
_UNKNOWN_PHRASES = {
    ">": "may or may not be above", ">=": "may or may not be at least", "<": "may or may not be below",
    "<=": "may or may not be at most", "=": "may or may not be", "!=": "may or may not be",
    "in": "may or may not be one of",
}
_CODE_NAMES = {
    "acr_1987": "ACR 1987", "acr_eular_2010": "ACR/EULAR 2010", "aecg_2002": "AECG 2002",
    "japan_sjogren": "Japanese criteria", "bohan_peter": "Bohan and Peter", "sontheimer": "Sontheimer",
    "enmc_dm": "ENMC dermatomyositis", "enmc_2020_asys": "ENMC 2020 antisynthetase syndrome",
    "eular_acr_2019_sle": "EULAR/ACR 2019", "acr_eular_2016_sjogren": "ACR/EULAR 2016",
    "rheumatoid_arthritis": "rheumatoid arthritis", "sle": "systemic lupus erythematosus",
    "sjogren": "Sjögren's disease",
}


def number(x: float) -> str:
    """A number as a clinician writes it: 18, 2.5, 0.33."""
    if math.isinf(x):
        return "never"
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def with_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    if text == "1" and unit in ("years", "months", "weeks"):
        unit = unit[:-1]  # "1 year", not "1 years"
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


_DAYS_PER_MONTH = 365.25 / 12


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def duration_text(value: float, unit: str) -> str | None:
    """A duration in the units a clinician says: "4 years 9 months" (not "247.86 weeks"),
    "11 years 7 months" (not "139 months"), "1 week 3 days". Completed units (never
    rounded up, so a value below a threshold never reads as reaching it). None when
    ``unit`` is not a duration."""
    if unit not in ("weeks", "months", "years") or value < 0 or math.isinf(value):
        return None
    if unit == "weeks" and value < 104:  # criteria count weeks up to about two years
        weeks = math.floor(value + 1e-9)
        days = math.floor((value - weeks) * 7 + 1e-6)
        if not weeks and days:
            return _plural(days, "day")
        return _plural(weeks, "week") + (f" {_plural(days, 'day')}" if days else "")
    months = value * 7 / _DAYS_PER_MONTH if unit == "weeks" else value * (12 if unit == "years" else 1)
    whole = math.floor(months + 1e-6)
    if whole < 1:
        return duration_text(months * _DAYS_PER_MONTH / 7, "weeks")
    years, rest = divmod(whole, 12)
    parts = [_plural(years, "year")] if years else []
    return " ".join(parts + ([_plural(rest, "month")] if rest else []))


def code_name(code: str) -> str:
    return _CODE_NAMES.get(code, code.replace("_", " "))


def format_value(fact: Fact, value: Any) -> str:
    """A fact value in words, with its unit."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Range):
        if math.isinf(value.high):
            return f"at least {with_unit(number(value.low), fact.unit)}"
        return f"between {number(value.low)} and {with_unit(number(value.high), fact.unit)}"
    if isinstance(value, int | float):
        if math.isinf(value):
            return "none given"
        return duration_text(value, fact.unit or "") or with_unit(number(value), fact.unit)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, FactSet):
        return ", ".join(code_name(c) for c in sorted(value.items)) or "none recorded"
    return str(value)


def format_threshold(fact: Fact, value: Any) -> str:
    if isinstance(value, list):
        words = [format_threshold(fact, v) for v in value]
        return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return with_unit(number(value), fact.unit)
    return str(value)


def relation_words(fact: Fact, op: str, result: bool) -> str:
    """The words for ``op`` as it came out: "is at least" / "is below" (numbers), "is after"... (dates)."""
    phrases = _DATE_PHRASES if fact.type == "date" else _NUMBER_PHRASES
    return phrases.get(op, ("is", "is not"))[0 if result else 1]


def comparison_clause(fact: Fact, op: str, threshold: Any, value: Any, result: bool | None) -> str:
    """One clause for a fact comparison, e.g. "AST 2.5 × ULN is at most 3 × ULN"."""
    if value is None:
        return f"{fact.label} is unknown"
    if fact.type == "set":
        code = code_name(threshold)
        if result is True:
            return f"{fact.label} include {code}"
        if result is False:
            return f"{fact.label} do not include {code}"
        recorded = format_value(fact, value)
        return f"{fact.label} are not known to include {code} (recorded: {recorded})"
    if fact.type in ("bool", "enum"):
        shown = format_value(fact, value)
        if fact.type == "bool":
            return f"{fact.label}: {shown}"
        if result is False and op in ("=", "in"):
            return f"{fact.label} is {shown}, not {format_threshold(fact, threshold)}"
        return f"{fact.label} is {shown}"
    if isinstance(value, Range):
        subject = f"{fact.label} ({format_value(fact, value)})"
    elif isinstance(value, int | float) and math.isinf(value):
        subject = f"{fact.label} (none given)"
    else:
        subject = f"{fact.label} {format_value(fact, value)}"
        if isinstance(threshold, int | float) and value != threshold and \
                format_value(fact, value) == format_value(fact, threshold):
            subject = f"{fact.label} {with_unit(number(value), fact.unit)}"  # 11.5 months vs 11: not "11 is above 11"
    shown_threshold = format_threshold(fact, threshold)
    if result is None:
        return f"{subject} {_UNKNOWN_PHRASES.get(op, 'may or may not be')} {shown_threshold}"
    if op == "in":
        return f"{subject} is {'one of' if result else 'none of'} {shown_threshold}"
    phrases = _DATE_PHRASES if fact.type == "date" else _NUMBER_PHRASES
    return f"{subject} {phrases[op][0 if result else 1]} {shown_threshold}"


def join_clauses(clauses: list[str]) -> str:
    """Clauses as one sentence: deduplicated, capitalised, ending with a full stop."""
    seen: list[str] = []
    for clause in clauses:
        if clause and clause not in seen:
            seen.append(clause)
    if not seen:
        return ""
    suffix = " is unknown"
    if len(seen) > 1 and all(c.endswith(suffix) for c in seen):
        names = [c[: -len(suffix)] for c in seen]
        text = ", ".join(names[:-1]) + " and " + names[-1] + " are unknown"
    else:
        text = "; ".join(seen)
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


def step_line(step: dict[str, Any]) -> str:
    """A step before enrolment as one line: its text, with "unless already done" when today's
    facts cannot tell whether it is still needed."""
    text = str(step["text"]).rstrip(".")
    return f"{text} (unless already done)." if step.get("needed") is None else f"{text}."


def eligible_from_line(day: date, when: list[str] | str | None) -> str:
    """"Eligible from 2027-03-01 (when RA duration reaches 3 months)"."""
    reasons = [when] if isinstance(when, str) else list(when or [])
    suffix = f" (when {'; '.join(reasons)})" if reasons else ""
    return f"from {day.isoformat()}{suffix}"
