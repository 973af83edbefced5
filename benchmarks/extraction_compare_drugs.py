"""The reading side of ``extraction_compare`` for drugs: exposure with a time, a class with an
exception ("DMARD other than methotrexate"), a dose in the fact's unit, a treatment failure with a
count (see the equivalences stated in ``extraction_compare``'s docstring)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Canon = Any
_DOSE_UNITS = {"mg/day": (1.0, "day"), "g/day": (1000.0, "day"), "mg/week": (1.0, "week"), "g/week": (1000.0, "week")}


def _num(x: float) -> float:
    return float(f"{float(x):.4g}")


def _cmp(subject: str, op: str, value: float) -> Canon:
    return ("cmp", subject, op, _num(value))


def drug_reading(r: dict, drug_id: Callable[[str], str | None], period_days: Callable[[list], float]) -> Canon:
    """The canonical form of a reading's ``{"drug": …}``."""
    if "stable_dose" in r:
        return _stable(r, drug_id, period_days)
    if "dose" in r:
        return _dose(r, drug_id)
    if "response" in r:
        return _response(r, drug_id)
    if "count" in r:
        return ("unmatched", repr(r))
    excepted = _drug_except(r["drug"], drug_id) or _containing(r["drug"], drug_id)
    ids = excepted if excepted is not None else [drug_id(r["drug"]) or f"?{r['drug']}"]
    time = r.get("time", "ever")
    if isinstance(time, dict):
        if "within" not in time:
            return ("unmatched", repr(r))
        days = period_days(time["within"])
        atoms = [("other_trial", days) if did == "investigational_product" else ("drug", did, ("within", days))
                 for did in ids]
    else:
        atoms = [("drug", did, time) for did in ids]
    return atoms[0] if len(atoms) == 1 else ("any", tuple(atoms))


_CONTAINING = re.compile(r"(.+?)[- ]containing (?:products?|medications?|medicines?|drugs?)", re.IGNORECASE)


def _containing(name: str, drug_id: Callable[[str], str | None]) -> list[str] | None:
    """A label's "ritonavir-containing product": the drug and every combination product of the vocabulary (a name
    "a/b") with it as one of its parts; None for any other name. Written here rather than calling the extractor's
    ``drug_names._combinations``: the yardstick must not share the code it measures (a bug there would match itself)."""
    from core.vocab import drugs

    m = _CONTAINING.fullmatch(name.strip())
    base = drug_id(m.group(1)) if m else None
    if base is None:
        return None
    combos = [d.id for d in drugs.all_drugs() if "/" in d.name and d.id != base
              and any(drug_id(part.strip()) == base for part in d.name.split("/"))]
    return [base, *combos]


def _drug_except(name: str, drug_id: Callable[[str], str | None]) -> list[str] | None:
    """The concepts of "DMARD other than methotrexate" (None when the name holds no exception)."""
    from core.criteria.extract.treatments import except_members

    m = re.fullmatch(r"(?:any )?(.+?) (?:other than|except|apart from|excluding) (.+)", name.strip())
    if not m:
        return None
    base = drug_id(m.group(1))
    excepted = [drug_id(x) for x in re.split(r",\s*|\s+(?:and|or)\s+", m.group(2)) if x.strip()]
    if base is None or not excepted or None in excepted:
        return None
    return except_members(base, excepted)  # type: ignore[arg-type]


def _dose(r: dict, drug_id: Callable[[str], str | None]) -> Canon:
    from core.patient.dose_facts import dose_unit

    did = drug_id(r["drug"])
    # a dose of prednisone is a prednisone-equivalent dose, as in ``_stable`` (the app holds one glucocorticoid dose,
    # in prednisone equivalents; made consistent 2026-12-01 after test8, retired, was read)
    if did is not None and did in ("corticosteroid", "glucocorticoid", "prednisone"):
        did = "glucocorticoid"
    unit = dose_unit(did) if did else None
    given = _DOSE_UNITS.get(str(r["dose"].get("unit")))
    if unit is None or given is None or given[1] != unit.split("/")[1] or "count" in r or "response" in r:
        return ("unmatched", repr(r))
    op, value = r["dose"]["op"], r["dose"]["value"]
    if op == "between":
        lo, hi = value
        return ("all", (_cmp(f"dose:{did}", ">=", lo * given[0]), _cmp(f"dose:{did}", "<=", hi * given[0])))
    return _cmp(f"dose:{did}", op, value * given[0])


def _response(r: dict, drug_id: Callable[[str], str | None]) -> Canon:
    did = drug_id(r["drug"]) or f"?{r['drug']}"
    count = r.get("count", {"op": ">=", "value": 1})
    op, value = count["op"], float(count["value"])
    if op not in (">=", ">"):
        return ("unmatched", repr(r))
    n = _num(value + (1 if op == ">" else 0))
    return ("failed", did, n) if r["response"] == "failure" else ("response", r["response"], did, n)


def _stable(r: dict, drug_id: Callable[[str], str | None], period_days: Callable[[list], float]) -> Canon:
    """ "Stable dose of X [dose] for N weeks": taking X (or the dose given) and the stable period (the
    extractor's ``stable_dose`` step, see ``extraction_compare._stable_step``)."""
    if "response" in r or "count" in r or r.get("time", "current") != "current":
        return ("unmatched", repr(r))
    did = drug_id(r["drug"])
    if did is None:
        return ("unmatched", repr(r))
    rest = {k: v for k, v in r.items() if k != "stable_dose"}
    base = _dose(rest, drug_id) if "dose" in r else ("drug", did, "current")
    gc = did in ("prednisone", "corticosteroid", "glucocorticoid")
    return ("all", (base, ("stable", "glucocorticoid" if gc else did, period_days(r["stable_dose"]))))
