"""Statement reader for the current dose of a named drug: "methotrexate >= 15 mg/week", "MTX 15-25
mg/week", "MTX (>= 17.5 mg/week) plus SSZ (> 1 g/day) plus HCQ (>= 200 mg/day)".

The rule reads ``drug_dose:<id>`` (docs/rules.md): the current dose in the drug's unit, mg/week for
a drug dosed weekly (methotrexate), mg/day for any other; 0 when the drug is not taken. A criterion
giving a weekly drug's dose per day (or the reverse) is refused: the number would be converted
into a regimen nobody prescribes. Glucocorticoid limits ("prednisone <= 10 mg/day") are read by
``values._gc_dose`` as the prednisone-equivalent dose. "Stable dose of X for N weeks" is split off
before (``stable_doses.py``): the dose is read here, the period becomes a step.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _num, _strip_subject
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _f
from core.criteria.extract.vocab_atoms import _mentions
from core.patient.dose_facts import dose_unit
from core.vocab import drugs

_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = (r"(mg|g|gm)\s*(?:/\s*(?:week|wk)\b|per week|weekly|once (?:a )?week(?:ly)?|a week|/\s*(?:day|d)\b|per day"
         r"|daily|a day|/24 ?h)")
_AMOUNT = re.compile(rf"^(?:(>=|<=|>|<)\s*{_NUMBER}|{_NUMBER}\s*(?:-|to)\s*{_NUMBER})\s*{_UNIT}$")
_STATEMENT = re.compile(
    r"^(?:(?:current(?:ly)?|receiving|taking|on|treated with|treatment with|use of)\s+)*(.+?)"
    r"(?:\s+(?:dose|dosage|doses))?(?:\s+(?:at|of|with)\s+(?:a\s+)?(?:stable\s+)?(?:dose|dosage|doses)\s+(?:of\s+)?)?"
    r"(?:\s+at(?=\s*(?:>=|<=|>|<)?\s*\d))?"  # "oral acyclovir at > 1 g/day"
    r"\s*\(?\s*((?:>=|<=|>|<)?\s*\d[^()]*?)\s*\)?$")
_FACTOR = {("mg", "mg/week", "week"): 1.0, ("g", "mg/week", "week"): 1000.0, ("gm", "mg/week", "week"): 1000.0,
           ("mg", "mg/day", "day"): 1.0, ("g", "mg/day", "day"): 1000.0, ("gm", "mg/day", "day"): 1000.0}


def _period(unit_words: str) -> str:
    return "week" if re.search(r"w(?:ee)?k", unit_words) else "day"


def _one(t: str) -> dict | None:
    """The rule for one "DRUG (op N unit)" statement, or None."""
    m = _STATEMENT.match(t.strip())
    if not m:
        return None
    found = _mentions(m.group(1), "drug")
    if found is None or len(found) != 1 or drugs.is_a(found[0].concept_id, "corticosteroid"):
        return None  # glucocorticoids: the prednisone-equivalent dose (``values._gc_dose``)
    cid = found[0].concept_id
    unit = dose_unit(cid)
    amount = _AMOUNT.match(m.group(2).strip())
    if unit is None or not amount:
        return None
    op, n, low, high, mass = amount.group(1), amount.group(2), amount.group(3), amount.group(4), amount.group(5)
    factor = _FACTOR.get((mass, unit, _period(amount.group(0))))
    if factor is None:
        return None  # a weekly drug's dose per day, or a daily drug's per week
    fact = f"drug_dose:{cid}"
    if op:
        return _f(fact, op, _num(float(n) * factor))
    lo, hi = float(low) * factor, float(high) * factor
    if lo >= hi:
        return None
    return _all(_f(fact, ">=", _num(lo)), _f(fact, "<=", _num(hi)))


def _drug_dose(s: str, mode: str) -> _Atom | None:
    """ "Methotrexate >= 15 mg/week", "MTX 15-25 mg/week"; several joined by "plus" or "and": all of them."""
    t = _strip_subject(_drop_acronyms(s.strip()))
    if re.search(r"\b(?:stable|or equivalent|equivalent|kg|m2|unless|except|if|previous|prior|past|within|since"
                 r"|for|maximum tolerated|last)\b", t):
        return None
    parts = re.split(r"\s*(?:\bplus\b|,?\s*\band\b|;)\s*", t)
    rules = [_one(p) for p in parts]
    if not rules or any(r is None for r in rules):
        return None
    return _Atom(_all(*rules), "drug_dose", confidence=0.85, words=s)
