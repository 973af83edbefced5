"""The normal form both sides of ``extraction_compare`` are brought to before comparing: ``not``
pushed down (De Morgan, flipped comparisons), ``all``/``any`` flattened and compared as sets."""

from __future__ import annotations

from typing import Any

Canon = Any
FLIP = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}


def normal_form(c: Canon) -> Canon:
    """Push ``not`` down, flatten, compare lists as sets."""
    return _push(c, negated=False)


def _push(c: Canon, negated: bool) -> Canon:
    tag = c[0]
    if tag == "not":
        return _push(c[1], not negated)
    if tag in ("all", "any"):
        op = tag if not negated else ("any" if tag == "all" else "all")
        kids: list[Canon] = []
        for k in c[1]:
            k = _push(k, negated)
            kids.extend(k[1] if k[0] == op else [k])
        uniq = frozenset(kids)
        return next(iter(uniq)) if len(uniq) == 1 else (op, uniq)
    if tag == "cmp" and negated:
        return ("cmp", c[1], FLIP[c[2]], c[3])
    if tag == "cond_for" and negated:
        return ("cond_for", c[1], FLIP[c[2]], c[3])
    return ("not", c) if negated else c
