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




def _bounds(value) -> tuple[float, float] | None:
    if isinstance(value, Range):
        return value.low, value.high
    if isinstance(value, int | float):
        return float(value), float(value)
    return None


def ra_2010_serology(labs: list[LabResult]) -> str | None:
    """The ACR/EULAR 2010 serology item from RF and ACPA results (Aletaha et al. 2010):
    both negative → negative; either above the ULN but at most 3 × ULN → low positive; either
    above 3 × ULN → high positive. None when the results cannot tell (a positive without a
    value, one test missing while the other is negative)."""
    readings = []
    for name in ("rf", "acpa"):
        lab = latest_lab(labs, name)
        if lab is None:
            readings.append(None)
            continue
        readings.append((positive(lab), _bounds(x_uln(lab))))
    for reading in readings:
        if reading and reading[1] and reading[1][0] > 3:
            return "high_positive"
    if all(r is not None and r[0] is False for r in readings):
        return "negative"
    if any(r and r[0] and r[1] and r[1][1] <= 3 for r in readings) and not any(
            r is None or (r[0] and (r[1] is None or r[1][1] > 3)) for r in readings):
        return "low_positive"  # positive, and nothing left that could be high
    return None


def ra_2010_acute_phase(labs: list[LabResult]) -> str | None:
    """The ACR/EULAR 2010 acute-phase item: abnormal CRP or ESR → abnormal; both normal → normal."""
    readings = []
    for name in ("crp", "esr"):
        lab = latest_lab(labs, name)
        readings.append(None if lab is None else _bounds(x_uln(lab)))
    if any(r is not None and r[0] > 1 for r in readings):
        return "abnormal"
    if all(r is not None and r[1] <= 1 for r in readings):
        return "normal"
    return None
