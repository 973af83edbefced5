"""Treatment courses resolved at an assessment date: running, ended, or unknown.

A course says whether it goes on (status) and when its last dose was (stop); ``resolve``
turns that into the span on the drug up to the assessment date and whether it is current.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from core.patient.drugs import Drug, lookup_drug
from core.patient.profile import TreatmentCourse
from core.patient.values import Range


@dataclass
class Course:
    """A treatment course resolved against the drug table and the assessment date."""

    course: TreatmentCourse
    drug: Drug | None
    start: date | None
    end: date | None  # last day on the drug, clipped to the assessment date; None if unknown
    current: bool | None  # still taking it at the assessment date

    @property
    def interval(self) -> tuple[date, date] | None:
        if self.start is None or self.end is None:
            return None
        return (self.start, max(self.start, self.end))

    @property
    def failed(self) -> bool | None:
        return self.course.failed


def resolve(course: TreatmentCourse, as_of: date) -> Course:
    """Where a course stands at ``as_of``. Status says whether it goes on; a stop date says
    when it ended; with neither (format 1's reading) the course is still taken."""
    if course.status == "ongoing" and (course.stop is None or course.stop >= as_of):
        end: date | None = as_of
        current: bool | None = True
    elif course.stop is not None:
        end = min(course.stop, as_of)
        current = course.stop >= as_of
    elif course.status == "stopped_date_unknown" or course.status == "stopped":
        end, current = None, False
    else:
        end, current = as_of, True
    if course.start is not None and course.start > as_of:
        end, current = None, False  # not started yet: contributes nothing
    return Course(course, lookup_drug(course.drug), course.start, end, current)


def lower_bound(low: float, exact: bool) -> float | Range | None:
    """``low`` when exact; "at least ``low``" otherwise (unknown when that says nothing)."""
    if exact:
        return low
    return None if low == 0 else Range(low, math.inf)


