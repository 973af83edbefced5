"""Procedure facts and the reading's ``{"procedure": …}`` in canonical form (see ``extraction_compare``'s
docstring, "Procedure facts"): kept apart so that module stays small. A reading ``"time": "current"`` (receiving
it now: "no concurrent radiotherapy") is ``procedure_current:<id> = true``, both as ``("proc", id, "current")``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.vocab import conditions, procedures

Canon = Any


def _weeks(days: float) -> float:
    """As ``extraction_compare._weeks``: whole weeks; NaN stays NaN."""
    return days if days != days else float(round(days / 7))


def _proc_ever(pid: str) -> Canon:
    """Had procedure ``pid`` (ever); the status condition with exactly its ICD-10-CM code when there is one."""
    if pid in procedures.index():
        for code in procedures.get(pid).icd10:
            same = [c.id for c in conditions.all() if code in c.icd10]
            if len(same) == 1:
                return ("cond", same[0], frozenset(), False)
    return ("proc", pid, "ever")


def procedure_fact(kind: str, cid: str, op: str, value: Any) -> Canon:
    if kind == "procedure" and isinstance(value, bool) and op in ("=", "!="):
        atom = _proc_ever(cid)
        return atom if value == (op == "=") else ("not", atom)
    if kind in ("procedure_planned", "procedure_current") and isinstance(value, bool) and op in ("=", "!="):
        atom = ("proc", cid, kind.removeprefix("procedure_"))
        return atom if value == (op == "=") else ("not", atom)
    if kind == "procedure_weeks_since" and op in ("<", "<="):
        return ("proc", cid, ("within", _weeks(float(value) * 7)))
    if kind == "procedure_weeks_since" and op in (">", ">="):
        return ("not", ("proc", cid, ("within", _weeks(float(value) * 7))))
    return ("unmatched", f"{kind}:{cid}")


def procedure_reading(r: dict, lookup: Callable[[Any, str], str | None], period_days: Callable[[list], float]) -> Canon:
    pid = lookup(procedures, r["procedure"]) or f"?{r['procedure']}"
    time = r.get("time")
    if time in (None, "ever"):
        return _proc_ever(pid)
    if time in ("planned", "current"):
        return ("proc", pid, time)
    if isinstance(time, dict) and "within" in time:
        return ("proc", pid, ("within", period_days(time["within"])))
    return ("unmatched", repr(r))
