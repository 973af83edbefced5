"""Facts from a profile with partial dates: computed at both ends, kept where they agree.

"RA since 2012" can mean 1 January or 31 December 2012. A profile with partial dates is
evaluated four times, with every start-like date (birth, diagnosis, onset, course start) and
every end-like date (course stop) at its earliest or latest day in each combination; a number
becomes the range of what it can be, and any other fact is kept only when all four agree.
So a rule on such a fact is decided only when the whole range agrees.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from core.patient.partial_dates import PartialDate, earliest, latest
from core.patient.profile import PatientProfile
from core.patient.values import FactSet, Range

Pick = Callable[[date | None], date | None]
MODES: tuple[tuple[Pick, Pick], ...] = ((earliest, earliest), (latest, latest), (earliest, latest), (latest, earliest))


def has_partial_dates(profile: PatientProfile) -> bool:
    dates = [profile.date_of_birth]
    dates += [d for dx in profile.diagnoses for d in (dx.diagnosis_date, dx.onset_date)]
    dates += [d for c in profile.treatments for d in (c.start, c.stop)]
    return any(isinstance(d, PartialDate) and not d.exact for d in dates)


def instantiate(profile: PatientProfile, start: Pick, end: Pick) -> PatientProfile:
    """A copy of ``profile`` with every partial date made exact by ``start`` or ``end``."""
    return dataclasses.replace(
        profile,
        date_of_birth=start(profile.date_of_birth),
        diagnoses=[dataclasses.replace(d, diagnosis_date=start(d.diagnosis_date), onset_date=start(d.onset_date))
                   for d in profile.diagnoses],
        treatments=[dataclasses.replace(c, start=start(c.start), stop=end(c.stop)) for c in profile.treatments],
    )


def _low_high(value: Any) -> tuple[float, float] | None:
    if isinstance(value, Range):
        return value.low, value.high
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value), float(value)
    return None


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """What every run agrees on: numbers as their range, sets as what is certain in all."""
    out: dict[str, Any] = {}
    for key in set(runs[0]).intersection(*runs[1:]):
        values = [r[key] for r in runs]
        first = values[0]
        if all(v == first for v in values[1:]):
            out[key] = first
            continue
        bounds = [_low_high(v) for v in values]
        if all(b is not None for b in bounds):
            low = min(b[0] for b in bounds)
            high = max(b[1] for b in bounds)
            out[key] = low if low == high else Range(low, high)
        elif all(isinstance(v, FactSet) for v in values):
            items = frozenset.intersection(*(v.items for v in values))
            excluded = frozenset.intersection(*(v.excluded for v in values))
            out[key] = FactSet(items, excluded, complete=False)
        # anything else that differs (a yes in one reading, a no in another) stays unknown
    return out
