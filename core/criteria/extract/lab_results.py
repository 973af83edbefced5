"""Statement reader for positive and negative results of autoantibodies and immunology tests:
"positive RF or ACPA", "seropositive for anti-dsDNA", "ANA negative" (``lab_positive:<id>``).

Serology of infections (HBsAg, anti-HCV, HIV) is read as the infection by ``infections``, not here.
A list joined by "or" is any of them; by "and", each; "negative for A and/or B", neither.
"""

from __future__ import annotations

from functools import lru_cache

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f
from core.vocab import labs as vocab_labs

_RESULT_KINDS = ("autoantibody", "immunology")  # infections' serology is read as the infection (infections.py)


@lru_cache(maxsize=1)
def _result_abbreviations() -> dict[str, str]:
    seen: dict[str, set[str]] = {}
    for analyte in vocab_labs.all():
        if analyte.kind in _RESULT_KINDS and "positive" in analyte.qualitative:
            for abbr in analyte.abbreviations:
                seen.setdefault(abbr.lower(), set()).add(analyte.id)
    return {a: next(iter(ids)) for a, ids in seen.items() if len(ids) == 1 and len(a) >= 2}


def _result_name(part: str) -> str | None:
    """The autoantibody a name stands for ("rf", "anti-ccp", "c-anca"), when it has positive results."""
    part = re.sub(r"^(?:serum |an? |the )|(?: antibod(?:y|ies)| test(?:ing)?| serology| titers?| titres?| status)$", "",
                  part.strip()).strip()
    for name in (part, part + " antibodies", part + " antibody"):
        hits = [a for a in vocab_labs.lookup(name) if a.kind in _RESULT_KINDS and "positive" in a.qualitative]
        if len(hits) == 1:
            return hits[0].id
    return _result_abbreviations().get(part)


def _lab_result(s: str, mode: str) -> _Atom | None:
    """"Positive RF or ACPA", "seropositive for anti-dsDNA", "ANA negative": ``lab_positive:<id>``."""
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during) (?:the )?screening(?: visit)?$|\s*at baseline$", "", t)
    # where the result comes from does not change it: "… on central laboratory", "… by the central laboratory"
    t = re.sub(r",?\s*\(?(?:(?:as )?(?:determined|confirmed|measured|tested) )?(?:on|by|at|per|from|in) (?:the |a )?"
               r"(?:central|local)(?: (?:laboratory|lab))?(?: (?:or|and/or) (?:central|local))? (?:laboratory|lab)"
               r"(?: testing| test| results?)?\)?(?:\s*(?:at|during) (?:the )?screening"
               r"(?: visit)?)?$", "", t)
    t = re.sub(r"^(?:have |has |with |be |are |is |a |an )", "", t)
    t = re.sub(r"^(sero(?:positiv|negativ))ity (?=for )", r"\1e ", t)  # "seropositivity for RF"
    m = (re.fullmatch(r"(positive|negative|seropositive|seronegative) (?:(?:result|test|serology|status) )?(?:for )?"
                      r"(.+)", t)
         or re.fullmatch(r"(.+?) (positive|negative|positivity|negativity|seropositivity|seronegativity"
                         r"|seropositive|seronegative)", t))
    if not m:
        return None
    word, names = (m.group(1), m.group(2)) if m.group(1) in ("positive", "negative", "seropositive",
                                                             "seronegative") else (m.group(2), m.group(1))
    positive = word.startswith(("positiv", "seropositiv"))
    parts = re.split(r"\s*(?:,\s*(?:and/or|or|and)?|\band/or\b|\bor\b|\band\b|/)\s*", names)
    joins = {("or" if j in ("or", "and/or", "/") else "and") for j in re.findall(r"\band/or\b|\bor\b|\band\b|/", names)}
    ids = [_result_name(p) for p in parts]
    if not ids or None in ids or len(set(ids)) != len(ids) or len(joins) > 1:
        return None
    join = joins.pop() if joins else ("and" if len(ids) == 1 else None)
    if join is None:
        return None
    rules = [_f(f"lab_positive:{i}", "=", positive) for i in ids]
    if len(rules) == 1:
        rule = rules[0]
    elif positive:
        rule = _any(*rules) if join == "or" else _all(*rules)
    else:  # "negative for RF and ACPA" / "negative RF or ACPA": neither is positive
        rule = _all(*rules)
    return _Atom(rule, "lab_result:" + "+".join(ids), confidence=0.85)
