"""Statement reader for a glucocorticoid dose limit written against prednisone: "systemic corticosteroids > 10
mg/day prednisone or equivalent", "corticosteroids at a dose of more than 10 mg/day of prednisone (or
equivalent)", "no concurrent corticosteroid therapy greater than 10 mg/day of prednisone equivalent",
"prednisone or its equivalent in excess of 10 mg/day", "glucocorticoids in doses greater than 10 mg/day of
prednisone", "corticosteroids in doses equivalent to > 10 mg/day prednisone".

The rule reads ``prednisone_eq_mg_day`` (docs/rules.md: the current prednisone-equivalent dose of the
glucocorticoid class, 0 when none is taken), as ``values._gc_dose`` does for "prednisone <= 10 mg/day".
Precision first: a class named without prednisone ("corticosteroids > 10 mg/day": 10 mg of which?), a dose
with no "per day", a per-kg dose, a window or a duration ("for more than 4 weeks", "within 4 weeks") or a
qualifier such as "chronic", "high-dose" or "inhaled" gives no rule; so does a ceiling ("<= 10 mg/day"): a limit
for those who take one, or a requirement to take one? Only a dose above a limit is read.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _num, _strip_subject

_LEAD = (r"(?:(?:current(?:ly)?|concurrent|concomitant|ongoing)\s+)?(?:(?:use|treatment|therapy)\s+(?:of|with)\s+"
         r"|(?:receiving|taking|on)\s+)?")
_CLASS = (r"(?:(?:oral|systemic)\s+)?(?:corticosteroids?|glucocorticoids?|glucocorticosteroids?|steroids?)"
          r"(?:\s+(?:therapy|treatment|use))?")
_PRED = r"(?:oral\s+)?(?:prednisone|prednisolone)"
# "prednisone or equivalent", "prednisone (or equivalent)", "prednisone-equivalent", "or its equivalent"
_EQUIV = (r"(?:\s*-\s*equivalent|\s+equivalent|\s+or\s+(?:its\s+|an?\s+)?equivalent(?:\s+dose)?"
          r"|\s*\(\s*or\s+(?:its\s+)?equivalent\s*\)|\s+or\s+(?:the\s+)?equivalent)?")
_AT = r"(?:\s*\(\s*|\s+)(?:(?:at|in)\s+(?:a\s+)?(?:daily\s+)?doses?\s+(?:of\s+)?|at\s+|of\s+)?"
_PER_DAY = r"(?:\s*/\s*(?:day|d)\b|\s+(?:per\s+day|daily|a\s+day))"
_AMOUNT = rf"(>=|<=|>|<)\s*(\d+(?:\.\d+)?)\s*mg(?:{_PER_DAY})?"
_FORMS = (
    # "systemic corticosteroids > 10 mg/day (of) prednisone (or equivalent)"
    re.compile(rf"^{_LEAD}{_CLASS}{_AT}{_AMOUNT}\s+(?:of\s+)?{_PRED}{_EQUIV}(?:{_PER_DAY})?\s*\)?$"),
    # "prednisone (or its equivalent) > 10 mg/day (or equivalent)"
    re.compile(rf"^{_LEAD}{_PRED}{_EQUIV}{_AT}{_AMOUNT}{_EQUIV}\s*\)?$"),
    # "corticosteroids in doses equivalent to > 10 mg/d prednisone"
    re.compile(rf"^{_LEAD}{_CLASS}\s+(?:(?:at|in)\s+(?:a\s+)?(?:daily\s+)?doses?\s+)?equivalent\s+to\s+{_AMOUNT}\s+"
               rf"(?:of\s+)?{_PRED}$"),
    # "> 10 mg/day of prednisone or equivalent", "taking > 10 mg of prednisone per day"
    re.compile(rf"^{_LEAD}{_AMOUNT}\s+(?:of\s+)?{_PRED}{_EQUIV}(?:{_PER_DAY})?$"),
)


def _gc_dose_limit(s: str, mode: str) -> _Atom | None:
    """A prednisone-equivalent daily dose limit on the glucocorticoid class or on prednisone."""
    t = _strip_subject(s.strip())
    t = re.sub(r"\bin excess of\s+", "> ", t)
    for form in _FORMS:
        m = form.match(t)
        if m is None:
            continue
        if not re.search(rf"{_PER_DAY}", t):
            return None  # "> 20 mg of prednisone": per day, per course, per dose?
        if m.group(1) in ("<", "<="):
            return None  # "corticosteroids (<= 10 mg/day prednisone)": a ceiling on those taking one, or must take one?
        return _Atom({"fact": "prednisone_eq_mg_day", "op": m.group(1), "value": _num(float(m.group(2)))},
                     "glucocorticoid_dose", confidence=0.85, words=s)
    return None
