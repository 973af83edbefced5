"""Statement reader for how long morning stiffness lasts: "morning stiffness lasting >= 45 minutes", "morning
stiffness > 1 hour", "30 minutes of morning stiffness", "morning stiffness of at least 30 minutes' duration".

The rule reads ``morning_stiffness_minutes`` (docs/rules.md, core/patient/facts.py): the minutes of stiffness after
waking on a usual day, 0 when there is none. Hours are minutes times 60. Precision first: a number with no unit,
a stiffness for weeks ("morning stiffness for at least 6 weeks": how long it has gone on, not how long it lasts
each day), a site ("in the spine") or any other word gives no rule.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _OPS, _Atom, _num, _strip_subject
from core.criteria.extract.rule import _f

FACT = "morning_stiffness_minutes"
_UNIT = r"(?P<unit>minutes?|mins?|hours?|hrs?|h)\b"
_FACTOR = {"m": 1, "h": 60}
_STIFF = r"(?:duration of )?morning stiffness(?: duration)?"
_VERB = r"(?:\s+(?:lasting|that lasts|which lasts|of|for|with a duration of))?"
_FORMS = (
    # "morning stiffness (lasting) >= 45 minutes", "morning stiffness of >= 30 min"
    re.compile(rf"^{_STIFF}{_VERB}\s*(?:(?P<op>{_OPS})\s*)?(?P<n>\d+(?:\.\d+)?)\s*{_UNIT}(?:'?s? duration)?$"),
    # "(>=) 30 minutes of morning stiffness"
    re.compile(rf"^(?:(?P<op>{_OPS})\s*)?(?P<n>\d+(?:\.\d+)?)\s*{_UNIT}\s+(?:or more\s+)?of\s+{_STIFF}$"),
)


def _morning_stiffness(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(s.strip())
    t = re.sub(r"^(?:have |has |having |with |a )", "", t)
    for form in _FORMS:
        m = form.match(t)
        if m is None:
            continue
        op = m.group("op")
        unit = m.group("unit")
        if op is None:
            if form is _FORMS[0] and not re.search(r"\b(?:lasting|of|for|with a duration of)\s*\d", t):
                return None  # "morning stiffness 30 minutes": at least, at most?
            op = ">="  # "lasting 45 minutes", "30 minutes of morning stiffness": at least that long
        minutes = float(m.group("n")) * _FACTOR[unit[0]]
        if not 0 <= minutes <= 1440:
            return None
        return _Atom(_f(FACT, op, _num(minutes)), "morning_stiffness", confidence=0.85, words=s)
    return None
