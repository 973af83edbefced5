"""A looser lab threshold for patients with liver metastases, written in brackets after the threshold (PDQ oncology
items): "AST no greater than 2.5 times ULN (5 times ULN if liver metastases present)".

To include, the analyte meets the first threshold, or the patient has liver metastases (``condition:liver_metastases``)
and it meets the second. Only the words "liver/hepatic metastases" are read: "liver involvement" may be a lymphoma's or
a leukaemia's, not a metastasis, and "unless related to ..." names no second threshold; both stay unread.
``normalise`` writes "if / for / in patients with liver metastases (present)" as "with liver metastases" first (an
"if" is otherwise refused outright).
"""

from __future__ import annotations

from collections.abc import Callable

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.rule import _all, _any, _yes

_LOOSER = re.compile(r"(?P<head>.+?)\s*(?P<op><=|<)\s*(?P<strict>\d+(?:\.\d+)?)\s*x uln\s*\(\s*(?:(?P<op2><=|<)\s*)?"
                     r"(?P<loose>\d+(?:\.\d+)?)\s*x uln with liver metastases\s*\)")


def with_liver_metastases(t: str, mode: str, read: Callable[[str, str], _Atom | None]) -> _Atom | None:
    """The reading of ``t`` when it ends in a looser threshold for liver metastases, with ``read`` the lab reader."""
    m = _LOOSER.fullmatch(t)
    if not m or mode != "req" or m.group("op2") not in (None, m.group("op")):
        return None
    if float(m.group("loose")) <= float(m.group("strict")):
        return None  # not a looser threshold: something else is meant
    strict = read(f"{m.group('head')} {m.group('op')} {m.group('strict')} x uln", mode)
    loose = read(f"{m.group('head')} {m.group('op')} {m.group('loose')} x uln", mode)
    if strict is None or loose is None:
        return None
    rule = _any(strict.rule, _all(_yes("condition:liver_metastases"), loose.rule))
    return _Atom(rule, strict.name + "+liver_metastases", confidence=min(strict.confidence, 0.85))
