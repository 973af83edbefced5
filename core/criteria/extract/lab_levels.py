"""Statement reader for a lab result named high without a number: "Elevated bilirubin", "elevated serum creatinine
level", "transaminase elevation" -- above the upper limit of normal (``lab_x_uln > 1``), as the lab reports it (the
labelled sets write "Elevated neopterin level" as > 1 x ULN).

"Elevated" / "raised" / "increased" is above the ULN for any numeric analyte with a name that names it alone
(``lab_names``). "Abnormal PT, PTT" is not read: the labels keep "abnormal prothrombin time" a finding of its own
(the yardstick counts "> 1 x ULN" wrong for it; issue 16, test3 NCT00001541). Words that change what is measured are
not read: a persistence ("persistently elevated ALT"), a time ("elevated WBC at presentation"), "high" (often a
condition: "high blood pressure"), a group with no single analyte ("elevated liver enzymes"). A list is any of them
(an abnormal result: either one is), "and" each. A criterion with a number anywhere is left unread: a threshold after
the list may be the elevation's own ("elevated AST or ALT > 3 x ULN", "transaminase elevations or total bilirubin
values of > 3 times normal" are not "AST above the ULN").
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.lab_names import _lab_names
from core.criteria.extract.lab_values import _combine, _prepare, _threshold

_QUALITY = r"(?:serum |plasma |blood |total |fasting )*"
_AMOUNT = r"(?: levels?| values?| concentrations?| counts?| results?)?"
_LEVEL = re.compile(
    rf"(?P<word>elevated|raised|increased|abnormally elevated) (?:levels? of )?{_QUALITY}(?P<names>.+?){_AMOUNT}"
    rf"|{_QUALITY}(?P<names2>.+?){_AMOUNT} (?P<word2>elevations?)")


def _lab_level(s: str, mode: str) -> _Atom | None:
    """"Elevated bilirubin" -> bilirubin above 1 x ULN; "elevated AST or ALT" -> either above 1 x ULN."""
    if re.search(r"\d", concepts.criterion_as_written()):
        return None  # a threshold in the criterion may be the elevation's own (see above)
    t, descriptor = _prepare(s)
    if descriptor is not None:
        return None
    m = _LEVEL.fullmatch(t)
    if not m:
        return None
    names = _lab_names(m.group("names") or m.group("names2"))
    if names is None:
        return None
    found, join = names
    rules = [_threshold(lab, ">", 1.0, "x uln") for lab in found]
    if any(r is None for r in rules):
        return None
    rule = _combine(rules, join, mode, found, abnormal=True)
    if rule is None:
        return None
    return _Atom(rule, "lab_level:" + "+".join(found), confidence=0.8)
