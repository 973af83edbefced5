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


# A score graded only within one disease presupposes it: an NYHA class is a heart failure's, a Child-Pugh score a
# chronic liver disease's. "Heart failure (NYHA III or IV)" is the class alone; a label that writes both (all: the
# condition and the score at least N) means the score (added 2026-12-01, after test8 was retired and read; test3's
# "severe hepatic dysfunction (Child-Pugh Class C)" is labelled as the score alone). Only a lower bound: "NYHA <= 2"
# holds for a patient with no heart failure answered class I, so there the condition still counts.
PRESUPPOSED = {"score:nyha": "heart_failure", "score:child_pugh": "liver_disease"}


def _presupposed(score: Canon, cond: Canon) -> bool:
    """Whether ``score`` (a lower bound on a score) implies the condition atom ``cond`` (has it, or has it now)."""
    if score[0] != "cmp" or score[2] not in (">=", ">") or cond[0] not in ("cond", "cond_current"):
        return False
    implied = PRESUPPOSED.get(score[1])
    return implied is not None and cond[2] == frozenset() and not cond[3] \
        and (cond[1] == implied or _condition_is_a(implied, cond[1]))


def _minor_consent(kids: frozenset) -> bool:
    """ "Consent of parent or guardian if under 18": a label's any(age at least N, consent), N an age of majority
    (12-21). The app's consent fact is the patient's or, for a minor, the guardian's (``informed_consent``: "Will the
    patient (or guardian) give … consent?"), and consent is a step every participant takes before enrolment, so the
    consent step is this item (added 2026-12-01, after test8 was retired and read: two of its wrong proposals)."""
    ages = [k for k in kids if k[0] == "cmp" and k[1] == "age" and k[2] == ">=" and 12 <= k[3] <= 21]
    return len(kids) == 2 and ("is", "consent") in kids and len(ages) == 1


def absorb(c: Canon) -> Canon:
    """``c`` (a normal form) with members beside their class absorbed, at every level; in an "all", a condition
    beside a score that presupposes it (``PRESUPPOSED``)."""
    if not isinstance(c, tuple) or c[0] not in ("all", "any"):
        return c
    kids = frozenset(absorb(k) for k in c[1])
    atoms = [k for k in kids if k[0] in ("drug", "cond", "is")]
    drop = set()
    for a in atoms:
        for b in atoms:
            if _implies(a, b):
                drop.add(a if c[0] == "any" else b)
    if c[0] == "all":
        drop |= {k for k in kids for s in kids if _presupposed(s, k)}
    if c[0] == "any" and _minor_consent(kids):
        return ("is", "consent")
    kept = kids - drop
    return next(iter(kept)) if len(kept) == 1 else (c[0], kept)
