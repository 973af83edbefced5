"""Calendar arithmetic for clinical durations.

Durations are counted the way clinicians count them: a diagnosis made on 15 January is
3 months old on 15 April, not after 90 days; a birthday on 29 February falls on 28 February
in common years. Fractions of years are measured within the anniversary year so that a
course from 1 January 2021 to 1 January 2022 lasts exactly 1.0 year.
"""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the end of shorter months."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def completed_months(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (negative if ``end`` is earlier)."""
    if end < start:
        return -completed_months(end, start)
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if add_months(start, months) > end:
        months -= 1
    return months


def completed_years(start: date, end: date) -> int:
    """Whole years from ``start`` to ``end``: age in years when ``start`` is the birth date."""
    return completed_months(start, end) // 12 if end >= start else -completed_years(end, start)


def years_between(start: date, end: date) -> float:
    """Years from ``start`` to ``end`` as a fraction, exact on anniversaries."""
    if end < start:
        return -years_between(end, start)
    whole = completed_years(start, end)
    anniversary = add_months(start, 12 * whole)
    next_anniversary = add_months(start, 12 * (whole + 1))
    return whole + (end - anniversary).days / (next_anniversary - anniversary).days


def months_between(start: date, end: date) -> float:
    """Months from ``start`` to ``end`` as a fraction, exact on monthly anniversaries."""
    if end < start:
        return -months_between(end, start)
    whole = completed_months(start, end)
    mark = add_months(start, whole)
    following = add_months(start, whole + 1)
    return whole + (end - mark).days / (following - mark).days


def merge_intervals(intervals: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Overlapping or touching (start, end) intervals merged; sorted by start."""
    merged: list[tuple[date, date]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def intersect_intervals(
    first: list[tuple[date, date]], second: list[tuple[date, date]]
) -> list[tuple[date, date]]:
    """The parts of time covered by both merged interval lists."""
    out: list[tuple[date, date]] = []
    for a_start, a_end in merge_intervals(first):
        for b_start, b_end in merge_intervals(second):
            start, end = max(a_start, b_start), min(a_end, b_end)
            if start < end:
                out.append((start, end))
    return merge_intervals(out)
