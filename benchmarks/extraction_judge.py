"""The verdict on one proposal against its label: "right", "partial" or "wrong".

Both sides are first put in the canonical form of ``benchmarks.extraction_compare`` (``rule_canon``,
``reading_canon``: what each fact and reading means, with the leniencies that module's docstring
states); this module compares the two forms. A rule that asks the clinician the unread part
(``confirm``) while every read part is right is "partial", which counts against precision.
"""

from __future__ import annotations

from benchmarks.extraction_compare import Canon, cohort_content, reading_canon, rule_canon


def _bool_to_cond(c: Canon) -> Canon:
    """``condition:<id> = true`` and a reading's condition are one atom."""
    if c[0] == "is" and c[1].startswith("condition:"):
        return ("cond", c[1].split(":", 1)[1], frozenset(), False)
    if c[0] in ("all", "any"):
        return (c[0], frozenset(_bool_to_cond(k) for k in c[1]))
    if c[0] == "not":
        return ("not", _bool_to_cond(c[1]))
    return c


def _atoms(c: Canon) -> set:
    if c[0] in ("all", "any"):
        return set().union(*(_atoms(k) for k in c[1]))
    return _atoms(c[1]) if c[0] == "not" else {c}


def _current(want: Canon, got: Canon) -> Canon:
    """A reading's condition with time "current" is the rule's ``condition_current`` fact where the rule reads
    that fact for it, else (the old leniency) the "has or had" condition."""
    now = {a[1:] for a in _atoms(got) if a[0] == "cond_now"}
    if want[0] == "cond_current":
        return ("cond_now" if want[1:] in now else "cond", *want[1:])
    if want[0] in ("all", "any"):
        return (want[0], frozenset(_current(k, got) for k in want[1]))
    return ("not", _current(want[1], got)) if want[0] == "not" else want


def _has(c: Canon, tag: str) -> bool:
    if c[0] == tag:
        return True
    if c[0] in ("all", "any"):
        return any(_has(k, tag) for k in c[1])
    return c[0] == "not" and _has(c[1], tag)


def judge(rule: dict, reading: dict | None, modifiable: bool, kind: str | None = None) -> str:
    """"right", "partial" (a confirm asks the rest, the rest is right) or "wrong". ``kind``: the item's, to read a
    rule bound to a group of participants as its content (``cohort_content``)."""
    if reading is None:
        return "wrong"
    if kind is not None:
        rule = cohort_content(rule, kind)
    got, has_step = rule_canon(rule)
    want = reading_canon(reading)
    got, want = _bool_to_cond(got), _bool_to_cond(want)
    want = _current(want, got)
    if got == want and not _has(got, "unmatched"):
        return "right" if has_step or not modifiable else "wrong"  # a washout read as a fixed exclusion
    if _has(got, "confirm") and got[0] in ("all", "any"):
        wanted = want[1] if want[0] == got[0] else frozenset([want])
        wanted = wanted | {(w[0], w[1], w[2], False) for w in wanted if w[0] == "cond"}  # classification asked
        known = [k for k in got[1] if k not in (("confirm",), ("not", ("confirm",)))]  # "not" the asked part too
        if known and all(k in wanted for k in known):
            return "partial"
    return "wrong"
