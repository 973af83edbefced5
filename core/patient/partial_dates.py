"""Dates clinicians give partly: "RA since 2012", "methotrexate since March 2019".

A ``PartialDate`` is a ``date`` (its earliest day, so sorting and comparisons keep working
everywhere a date is expected) that remembers its precision and knows its latest day.
``compute_facts`` evaluates a profile at both ends of every partial date, so an age or a
duration read from one becomes a range, and a rule is decided only when the whole range
agrees (``core.patient.derived``).

Written forms: ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD``.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

YEAR, MONTH, DAY = "year", "month", "day"
_FORM = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class PartialDate(date):
    """A date known to the year or the month; behaves as its earliest day."""

    precision: str

    def __new__(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if month is None and day is not None:
            raise ValueError("a day needs its month")
        self = super().__new__(cls, year, month or 1, day or 1)
        self.precision = DAY if day is not None else MONTH if month is not None else YEAR
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (parse_date, (self.isoformat(),))

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    def __copy__(self) -> PartialDate:
        return self

    def __deepcopy__(self, memo: dict) -> PartialDate:
        return self

    def isoformat(self) -> str:  # type: ignore[override]
        if self.precision == YEAR:
            return f"{self.year:04d}"
        if self.precision == MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return super().isoformat()

    __str__ = isoformat

    def earliest(self) -> date:
        return date(self.year, self.month, self.day)

    def latest(self) -> date:
        if self.precision == YEAR:
            return date(self.year, 12, 31)
        if self.precision == MONTH:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return self.earliest()

    @property
    def exact(self) -> bool:
        return self.precision == DAY


def parse_date(text: str) -> date:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: a plain date when exact, else a PartialDate.

    Raises ValueError with a plain message for anything else.
    """
    match = _FORM.match(text.strip()) if isinstance(text, str) else None
    if not match:
        raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{text!r}: there is no month {month}")
    if day is not None:
        return date(year, month, day)  # ValueError names an impossible day itself
    return PartialDate(year, month)


def earliest(day: date | None) -> date | None:
    """The first day a (possibly partial) date can be."""
    if isinstance(day, PartialDate):
        return day.earliest()
    return day


def latest(day: date | None) -> date | None:
    """The last day a (possibly partial) date can be."""
    if isinstance(day, PartialDate):
        return day.latest()
    return day


def is_partial(day: Any) -> bool:
    return isinstance(day, PartialDate) and not day.exact
