"""Lab facts from one result: the latest of a test, ×ULN, below LLN, positive.

A result may be a value with its unit and limits, a multiple of the ULN alone, or only
qualitative ("normal", "positive"); each answers what it can and leaves the rest unknown.
"""

from __future__ import annotations

import math
from datetime import date

from core.patient.drugs import normalise_name
from core.patient.profile import LabResult
from core.patient.values import Range


def latest_lab(labs: list[LabResult], name: str) -> LabResult | None:
    """The most recent result for a test; undated results count as older than dated ones."""
    best: LabResult | None = None
    for lab in labs:
        if normalise_name(lab.name).replace(" ", "_") != name:
            continue
        if best is None or (lab.date or date.min) >= (best.date or date.min):
            best = lab
    return best


def x_uln(lab: LabResult) -> float | Range | None:
    """The result as a multiple of the ULN: computed, given, or bounded by "normal"/"high"."""
    if lab.value is not None and lab.uln:
        return lab.value / lab.uln
    if lab.x_uln is not None:
        return lab.x_uln
    if lab.result in ("normal", "negative"):
        return Range(0.0, 1.0)  # within the limits: at most the ULN
    if lab.result == "high":
        return Range(1.0, math.inf)
    return None


def below_lln(lab: LabResult) -> bool | None:
    if lab.value is not None and lab.lln is not None:
        return lab.value < lab.lln
    if lab.result == "normal":
        return False
    if lab.result == "low":
        return True
    return None


def positive(lab: LabResult) -> bool | None:
    """An autoantibody or serology result as positive / negative."""
    if lab.result in ("positive", "negative"):
        return lab.result == "positive"
    if lab.value is not None and lab.uln:
        return lab.value > lab.uln
    if lab.x_uln is not None:
        return lab.x_uln > 1
    return None


