"""Age limits stated in criteria text, for records whose layout has no age fields.

Only clear wordings are read ("Age: >= 18 years old and <= 70 years old", "Age 5-18 years",
"aged 18 years or older", exclusion "Age <18 years"). The catalog uses these limits to
prefilter; the eligibility rules decide the exact boundary.
"""

from __future__ import annotations

import re

from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, criterion_keys

_NUM = r"(\d{1,3})"
_YEARS = r"\s*(?:years?|yrs?)?(?:[\s-]*old)?"
_GE = r"(?:≥|>=|>|over|older\s+than|at\s+least|above)"
_LE = r"(?:≤|<=|<|under|younger\s+than|below|up\s+to)"


def _age_sentence(text: str) -> bool:
    return bool(re.search(r"\bage[ds]?\b|years?\s*(?:old|of\s+age)|岁|歳", text, re.IGNORECASE))


def _about_age(t: str, m: re.Match[str]) -> bool:
    """The number is an age: a years unit follows, or "age" comes just before."""
    after = t[m.end(1):m.end(1) + 12]
    before = t[max(0, m.start() - 25):m.start()]
    return bool(re.match(r"\s*(?:years?|yrs?|岁|歳)", after, re.IGNORECASE)
                or re.search(r"\bage[ds]?\b[^.;]*$", before, re.IGNORECASE))


def _find(pattern: str, t: str) -> float | None:
    for m in re.finditer(pattern, t, re.IGNORECASE):
        if _about_age(t, m):
            return float(m.group(1))
    return None


def limits_from_text(text: str, kind: str) -> tuple[float | None, float | None]:
    """(min, max) age in years that one criterion states."""
    if not _age_sentence(text):
        return None, None
    t = text.replace("\\", "")
    lo = hi = None
    if kind == INCLUSION:
        m = re.search(rf"{_NUM}\s*(?:-|–|to)\s*{_NUM}{_YEARS}", t, re.IGNORECASE)
        if m and re.search(r"age|old", t, re.IGNORECASE):
            a, b = float(m.group(1)), float(m.group(2))
            if a < b <= 120:
                return a, b
        lo = _find(rf"{_GE}\s*{_NUM}{_YEARS}", t)
        if lo is None:
            lo = _find(rf"{_NUM}{_YEARS}\s*(?:or\s+(?:older|above|more)|and\s+(?:older|above))", t)
        hi = _find(rf"{_LE}\s*{_NUM}{_YEARS}", t)
        if hi is None:
            hi = _find(rf"{_NUM}{_YEARS}\s*or\s+(?:younger|below|less)", t)
    elif kind == EXCLUSION:
        # "Age <18 years" / "under 15 years of age" as an exclusion sets the minimum.
        lo = _find(rf"{_LE}\s*{_NUM}{_YEARS}", t)
        hi = _find(rf"{_GE}\s*{_NUM}{_YEARS}", t)
    if lo is not None and hi is not None and lo > hi:
        return None, None
    return lo, hi


def limits_from_criteria(criteria: list[CriterionNode]) -> tuple[float | None, float | None, str | None]:
    """(min, max, the wording used) from the criteria; the narrowest statement wins."""
    lo = hi = None
    used: list[str] = []
    for _key, _parent, node in criterion_keys(criteria):
        a, b = limits_from_text(node.text, node.kind)
        if a is not None:
            lo = a if lo is None else max(lo, a)
        if b is not None:
            hi = b if hi is None else min(hi, b)
        if a is not None or b is not None:
            used.append(node.text)
    return lo, hi, " / ".join(used) or None
