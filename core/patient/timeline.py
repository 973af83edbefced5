"""A patient's facts at later dates: what the profile says if it is assessed on another day.

Waiting changes some facts: ages and disease durations grow, an ongoing treatment course
keeps running (so cumulative treatment time grows and "weeks since the last dose" stays 0),
a stopped drug recedes into the past. ``FactTimeline(profile, today)`` computes the facts
as of any later day, cached per day, and names the facts that change with time at all
(``changing``), so an earliest-date search only looks at criteria that could change.
The profile itself is never modified.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date
from typing import Any

from core.patient.dates import add_months
from core.patient.derived import compute_facts
from core.patient.profile import PatientProfile

HORIZON_MONTHS = 60  # how far ahead an earliest date is looked for (about 5 years)


class FactTimeline:
    """Facts of one profile as of its assessment date (``today``) and any later day."""

    def __init__(self, profile: PatientProfile, today: date | None = None,
                 horizon_months: int = HORIZON_MONTHS):
        self.profile = profile
        self.today = profile.assessment_date or today or date.today()
        self.horizon = add_months(self.today, horizon_months)
        self._cache: dict[date, dict[str, Any]] = {}
        self._changing: frozenset[str] | None = None

    def at(self, day: date) -> Mapping[str, Any]:
        """Every known fact if the patient were assessed on ``day`` (nothing else changed)."""
        facts = self._cache.get(day)
        if facts is None:
            later = dataclasses.replace(self.profile, assessment_date=day)
            facts = self._cache[day] = compute_facts(later, today=day)
        return facts

    @property
    def changing(self) -> frozenset[str]:
        """Facts whose value differs between today and the horizon: the ones time can change."""
        if self._changing is None:
            now, later = self.at(self.today), self.at(self.horizon)
            ids = set(now) | set(later)
            self._changing = frozenset(f for f in ids if f != "assessment_date" and now.get(f) != later.get(f))
        return self._changing


def time_inputs(profile: PatientProfile) -> str:
    """What the facts time changes are counted from (birth, diagnosis and treatment dates), as
    a key: two profiles with the same key and the same facts today have the same later facts."""
    return repr((profile.date_of_birth, [(d.code, d.diagnosis_date, d.onset_date) for d in profile.diagnoses],
                 profile.treatments))
