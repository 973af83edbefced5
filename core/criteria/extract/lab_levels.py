"""Statement reader for a lab result named high or abnormal without a number: "Elevated bilirubin", "elevated serum
creatinine level", "transaminase elevation", "Abnormal PT or PTT" -- above the upper limit of normal (``lab_x_uln >
1``), as the lab reports it.

"Elevated" / "raised" / "increased" is above the ULN for any numeric analyte with a name that names it alone
(``lab_names``). "Abnormal" is read only for the analytes whose only abnormal side criteria mean is high (bilirubin,
creatinine, transaminases, PT, aPTT, INR …, ``lab_values._HIGH_ONLY``, as "bilirubin normal" is at most the ULN):
"abnormal platelet count" (low or high?) is left unread. Words that change what is measured are not read: a
persistence ("persistently elevated ALT"), a time ("elevated WBC at presentation"), "high" (often a condition:
"high blood pressure"), a group with no single analyte ("elevated liver enzymes", "abnormal liver function tests").
A list is any of them (an abnormal result: either one is), "and" each.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.lab_names import _lab_names
from core.criteria.extract.lab_values import _HIGH_ONLY, _combine, _prepare, _threshold

_QUALITY = r"(?:serum |plasma |blood |total |fasting )*"
_AMOUNT = r"(?: levels?| values?| concentrations?| counts?| results?)?"
_LEVEL = re.compile(
    rf"(?P<word>elevated|raised|increased|abnormal(?:ly elevated)?) (?:levels? of )?{_QUALITY}(?P<names>.+?){_AMOUNT}"
    rf"|{_QUALITY}(?P<names2>.+?){_AMOUNT} (?P<word2>elevations?)")


def _lab_level(s: str, mode: str) -> _Atom | None:
    """"Elevated bilirubin" -> bilirubin above 1 x ULN; "abnormal PT or PTT" -> either above 1 x ULN."""
    t, descriptor = _prepare(s)
    if descriptor is not None:
        return None
    m = _LEVEL.fullmatch(t)
    if not m:
        return None
    word = m.group("word") or m.group("word2")
    names = _lab_names(m.group("names") or m.group("names2"))
    if names is None:
        return None
    found, join = names
    if word == "abnormal" and not set(found) <= _HIGH_ONLY:
        return None  # "abnormal platelet count": low or high, the text does not say
    rules = [_threshold(lab, ">", 1.0, "x uln") for lab in found]
    if any(r is None for r in rules):
        return None
    rule = _combine(rules, join, mode, found, abnormal=True)
    if rule is None:
        return None
    return _Atom(rule, "lab_level:" + "+".join(found), confidence=0.8)
