"""Two yardstick pieces of ``extraction_compare`` that need the vocabularies: plain-words facts in a label that
name something the app holds under another name, and a list member absorbed by its own class.

* **Plain-words facts.** The reading grammar has no key for a score or a few yes/no facts, so labels write them in
  plain words (``{"fact": "body mass index", "op": "between", "value": [18.5, 32]}``). A plain-words name with a
  comparison that the score or lab vocabulary resolves to exactly one concept is that score or lab; a yes/no name is
  an app fact only through ``PLAIN_FACTS``, word for word, each entry meaning exactly the fact's question; or a
  condition when the words are exactly that condition's name or synonym in the vocabulary (``plain_condition``:
  "current smoker", time current by its first word; added 2026-12-01 after test4, retired, showed a label naming
  tobacco use so).
* **Plain-words measures.** ``PLAIN_MEASURES``: a label's plain words naming exactly a number fact of the app
  ("morning stiffness duration" → ``morning_stiffness_minutes``), with a unit that converts exactly (hours × 60).
* **Absorption.** "anakinra, canakinumab or any other IL-1 inhibitor" is the IL-1 inhibitor class: in an ``any``, a
  drug (or condition) beside a class it belongs to, with the same time, adds nothing (X or C is C when X is a C);
  in an ``all`` the class adds nothing beside its member (X and C is X). Both sides are reduced alike, so a rule
  that spells the members out and a reading that names the class compare equal, and only then.
"""

from __future__ import annotations

from typing import Any

from core.vocab import conditions, drugs, labs, scores

Canon = Any

# plain words of a label -> the app's yes/no fact of exactly that meaning (core/patient/facts.py)
PLAIN_FACTS = {
    "plans to become pregnant within 6 months": "fact:pregnancy_planned_within_6_months",
    "healthy volunteer": "fact:healthy_volunteer",
}

# plain words of a label with a comparison -> the app's number fact of exactly that measure, and the factor of each
# unit the label may give to the fact's own unit (minutes); another unit, or none, never matches (added 2026-12-01,
# h-rheum10: the morning stiffness fact)
PLAIN_MEASURES = {
    "morning stiffness duration": ("morning_stiffness_minutes",
                                   {"minutes": 1, "minute": 1, "min": 1, "hours": 60, "hour": 60, "h": 60}),
}


def plain_measure(r: dict) -> tuple[str, str, Any] | None:
    """``(fact, op, value)`` in the fact's unit for a label's plain-words measure ("morning stiffness duration" >
    30 minutes); None when the words are not exactly a measure's, its unit is not one of the measure's, or the
    reading says more (a window, a time)."""
    name = str(r.get("fact", "")).strip().lower()
    if name not in PLAIN_MEASURES or set(r) - {"fact", "op", "value", "unit"}:
        return None
    fact, factors = PLAIN_MEASURES[name]
    factor = factors.get(str(r.get("unit", "")).strip().lower())
    if factor is None:
        return None
    value = r["value"]
    if r["op"] == "between" and isinstance(value, list) and len(value) == 2:
        return fact, "between", [v * factor for v in value]
    if r["op"] in (">", ">=", "<", "<=", "=") and isinstance(value, (int, float)):
        return fact, r["op"], value * factor
    return None


def plain_condition(name: str) -> str | None:
    """The condition a plain-words yes/no name is, word for word: the name is exactly the label or a synonym of one
    concept of the conditions vocabulary ("current smoker" is a synonym of tobacco use), never a looser lookup."""
    words = name.strip().lower()
    found = conditions.lookup(words)
    if len(found) != 1:
        return None
    concept = found[0]
    terms = {concept.label.lower(), *(t.lower() for t in concept.synonyms), *(t.lower() for t in concept.abbreviations)}
    return concept.id if words in terms else None


def plain_compared(name: str) -> tuple[str, str] | None:
    """``("score", id)`` or ``("lab", id)`` when a plain-words name with a comparison is one score or lab."""
    found = scores.lookup(name)
    if len(found) == 1:
        return "score", found[0].id
    found_labs = labs.lookup(name)
    if not found and len(found_labs) == 1:
        return "lab", found_labs[0].id
    return None


def _implies(a: Canon, b: Canon) -> bool:
    """Whether atom ``a`` implies atom ``b``: the same kind and time, ``a``'s concept below ``b``'s."""
    if a == b or a[0] != b[0]:
        return False
    if a[0] == "drug" and a[2] == b[2]:
        return drugs.is_a(a[1], b[1])
    if a[0] == "cond" and a[2] == b[2] == frozenset() and a[3] == b[3]:
        return _condition_is_a(a[1], b[1])
    if a[0] == "is" and a[1].startswith("condition:") and b[1].startswith("condition:"):  # a rule's condition fact
        return _condition_is_a(a[1].partition(":")[2], b[1].partition(":")[2])
    return False


def _condition_is_a(narrower: str, broader: str) -> bool:
    try:
        return conditions.is_a(narrower, broader)
    except KeyError:
        return False


def absorb(c: Canon) -> Canon:
    """``c`` (a normal form) with members beside their class absorbed, at every level."""
    if not isinstance(c, tuple) or c[0] not in ("all", "any"):
        return c
    kids = frozenset(absorb(k) for k in c[1])
    atoms = [k for k in kids if k[0] in ("drug", "cond", "is")]
    drop = set()
    for a in atoms:
        for b in atoms:
            if _implies(a, b):
                drop.add(a if c[0] == "any" else b)
    kept = kids - drop
    return next(iter(kept)) if len(kept) == 1 else (c[0], kept)
