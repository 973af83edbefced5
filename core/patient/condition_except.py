"""A condition other than the excepted ones: "any malignancy except basal cell carcinoma".

Three vocabulary fact kinds (``core.patient.vocab_facts``), named ``<kind>:<id>|<except id>,<except id>…``:

| fact | type | value |
|---|---|---|
| ``condition_other_than:<id>|<ids>`` | bool | has (or had) a condition under ``<id>`` under none of the excepted |
| ``condition_other_than_recent_years:<id>|<ids>`` | number | years since such a condition was last diagnosed |
| ``condition_current_other_than:<id>|<ids>`` | bool | has such a condition *now* ("concurrent neoplasm other than |
|   |   | basal cell carcinoma"): a counting diagnosis recorded active (``current_value``) |

Why a fact of its own: ``all(condition:malignancy, not condition:basal_cell_carcinoma)`` is false for a
patient with both a basal cell carcinoma and a lymphoma, who is excluded. Here each diagnosis is judged
on its own:

* under an excepted concept (a basal cell carcinoma) — does not count;
* under ``<id>`` and under no exception, and no exception under it (a lymphoma) — counts: true;
* a broader diagnosis that holds an exception ("malignancy", "skin cancer", or the history answer
  "malignancy: yes") — may be the excepted one: unknown unless another diagnosis counts.

Nothing counting and the diagnosis list complete (or ``<id>`` or a broader condition recorded absent):
false / infinite years. Otherwise unknown: unknown is never "no".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from typing import Any

from core.patient.values import Range

CURRENT_KIND = "condition_current_other_than"
KINDS = ("condition_other_than", "condition_other_than_recent_years", CURRENT_KIND)


def split(concept: str) -> tuple[str, tuple[str, ...]] | None:
    """(condition id, excepted ids) of ``<id>|<id>,<id>``: each a known concept, each exception strictly
    under the condition; None otherwise."""
    from core.vocab import conditions

    base, sep, rest = concept.partition("|")
    excepted = tuple(e for e in rest.split(",") if e)
    vocab = conditions.vocabulary()
    if not sep or not excepted or base not in vocab or len(set(excepted)) != len(excepted):
        return None
    if any(e not in vocab or e == base or not conditions.is_a(e, base) for e in excepted):
        return None
    return base, excepted


def fact_id(kind: str, base: str, excepted: Sequence[str]) -> str:
    """The fact id, exceptions in a stable order (one answer serves every trial naming the same ones)."""
    return f"{kind}:{base}|{','.join(sorted(set(excepted)))}"


def label(concept: str) -> str | None:
    """ "malignancy other than basal cell carcinoma or cervical carcinoma in situ"; None when not valid."""
    from core.vocab import conditions

    parts = split(concept)
    if parts is None:
        return None
    base, excepted = parts
    names = [_lower(conditions.get(e).label) for e in excepted]
    return f"{conditions.get(base).label} other than {' or '.join(names)}"


def _lower(name: str) -> str:
    """ "Basal cell carcinoma" inside a sentence; "HIV infection" stays."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _sort(codes: Sequence[tuple[str, date | None]], excepted: Sequence[str]):
    """Each present diagnosis (concept id, date) as counting, maybe (it may be an excepted one) or left out."""
    from core.vocab import conditions

    counting, maybe = [], []
    for code, when in codes:
        if any(conditions.covers(e, code) for e in excepted):
            continue  # a basal cell carcinoma: the exception itself
        if any(conditions.covers(code, e) for e in excepted):
            maybe.append(when)  # "malignancy" or "skin cancer": perhaps only the excepted one
        else:
            counting.append(when)
    return counting, maybe


def value(kind: str, concept: str, present: Sequence[tuple[str, date | None]], none_known: bool,
          as_of: date) -> Any:
    """The fact's value from the present diagnoses under the condition (concept id, diagnosis date or None);
    ``none_known``: the list is complete or the condition recorded absent."""
    parts = split(concept)
    if parts is None:
        return None
    counting, maybe = _sort(present, parts[1])
    if kind == "condition_other_than":
        if counting:
            return True
        return False if none_known and not maybe else None
    if not counting and not maybe:
        return math.inf if none_known else None
    dated = [(as_of - d).days / 365.25 for d in counting if d is not None]
    if dated:
        high = max(0.0, min(dated))
    elif not counting and none_known:
        high = math.inf  # only diagnoses that may be the excepted ones: perhaps never
    else:
        return None  # counting diagnoses, none dated; or none counting while the list is open
    undated = any(d is None for d in [*counting, *maybe])
    if undated or not none_known:
        low = 0.0  # an undated or an unrecorded diagnosis may be newer
    else:
        low = max(0.0, min(dated + [(as_of - d).days / 365.25 for d in maybe if d is not None]))
    low = min(low, high)
    if low == high:
        return low
    if low == 0.0 and math.isinf(high):
        return None
    return Range(low, high)


def current_value(concept: str, present: Sequence[tuple[Any, str]], none_known: bool,
                  now_answer: bool | None) -> bool | None:
    """``condition_current_other_than``: a diagnosis that counts (as in ``_sort``) recorded active now: true. The
    answer "none active now" for ``<id>`` or a broader condition (``now_answer`` False, from
    ``condition_current``): false. Every diagnosis that counts or may count recorded not active, with the list
    complete or ``<id>`` recorded absent: false. Otherwise unknown: an active diagnosis that may be the excepted
    one ("malignancy", active), or one whose activity is not recorded, is never "no".

    ``present``: (diagnosis or None for a history answer, concept id) under ``<id>``."""
    from core.vocab import conditions

    parts = split(concept)
    if parts is None:
        return None
    excepted = parts[1]
    counting, maybe = [], []
    for diagnosis, code in present:
        if any(conditions.covers(e, code) for e in excepted):
            continue  # the excepted one itself, active or not
        (maybe if any(conditions.covers(code, e) for e in excepted) else counting).append(diagnosis)
    if any(d is not None and d.active is True for d in counting):
        return True
    if now_answer is False:
        return False  # nothing under <id> active now
    if none_known and all(d is not None and d.active is False for d in [*counting, *maybe]):
        return False
    return None
