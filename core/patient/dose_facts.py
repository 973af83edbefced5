"""``drug_dose:<id>``: the current dose of a drug in the unit its criteria use (mg/week for a weekly drug,
mg/day otherwise; the glucocorticoid class as the prednisone-equivalent daily dose), for
``core.patient.vocab_facts``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from core.patient.courses import resolve
from core.patient.facts import Fact
from core.patient.profile import PatientProfile

# Drugs dosed once a week, whose dose criteria are written per week ("MTX 15-25 mg/week"); every
# other drug's dose fact is per day. The glucocorticoid class is the prednisone-equivalent daily dose.
WEEKLY_DOSED = frozenset({"methotrexate"})
GLUCOCORTICOID_CLASS = "glucocorticoid"
_PER_DAY = {"mg/day": 1.0, "g/day": 1000.0, "mg/week": 1 / 7}


def dose_unit(concept_id: str) -> str | None:
    """The unit of ``drug_dose:<id>``: mg/week for a weekly drug, mg/day for any other drug and for the
    glucocorticoid class (prednisone equivalent); None for another class (a dose of "any NSAID" is no
    one number)."""
    from core.vocab import drugs

    if concept_id == GLUCOCORTICOID_CLASS:
        return "mg/day"
    if not isinstance(drugs.get(concept_id), drugs.Drug):
        return None
    return "mg/week" if concept_id in WEEKLY_DOSED else "mg/day"


def dose_fact(fact_id: str, cid: str, label: str, group: str) -> Fact | None:
    unit = dose_unit(cid)
    if unit is None:
        return None
    if cid == GLUCOCORTICOID_CLASS:
        return Fact(fact_id, "number", "Prednisone-equivalent dose", "Current glucocorticoid dose as prednisone "
                    "equivalent", group, unit=unit, minimum=0, derived=True)
    return Fact(fact_id, "number", f"{label} dose", f"Current dose of {label}", group, unit=unit, minimum=0,
                derived=True)


def drug_dose(cid: str, profile: PatientProfile, as_of: date, base: dict[str, Any], current: Callable[[], Any],
              drug_id: Callable[[str], str | None]) -> Any:
    """The current dose (0 when not taken, exact); unknown while a current course has no usable dose
    (a bare "mg", a per-m² dose) or whether it is taken is not known. ``current()`` gives the
    ``drug_current:<cid>`` value (not needed for the glucocorticoid class); ``drug_id`` maps a
    course's drug name to its concept."""
    if cid == GLUCOCORTICOID_CLASS:
        return base.get("prednisone_eq_mg_day")
    taken = current()
    if taken is not True:
        return 0.0 if taken is False else None
    weekly = cid in WEEKLY_DOSED
    total = 0.0
    for course in profile.treatments:
        if drug_id(course.drug) != cid or not resolve(course, as_of).current:
            continue
        per_day = _per_day(course.dose, course.dose_unit, profile.weight_kg)
        if per_day is None:
            return None
        total += per_day * 7 if weekly else per_day
    return round(total, 4)


def _per_day(dose: float | None, unit: str | None, weight_kg: float | None) -> float | None:
    if dose is None or unit is None:
        return None
    if unit in _PER_DAY:
        return dose * _PER_DAY[unit]
    if unit == "mg/kg/day" and weight_kg:
        return dose * weight_kg
    return None  # "mg", "mg/m2", "IU": no amount per day
