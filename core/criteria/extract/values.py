"""Statement readers with numbers and units: scores, findings, weight, glucocorticoid dose.
Lab thresholds are read by ``lab_values`` (re-exported here as ``_lab``)."""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _OPS, _Atom, _num, _strip_subject
from core.criteria.extract.lab_values import _lab
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _f
from core.criteria.extract.score_values import _vocab_score

__all__ = ["_gc_dose", "_lab", "_score"]

# --- scores and findings --------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _score(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during) (?:the )?screening(?: visit)?$|\s*at baseline$|\s*at the time of (?:enrol?lment"
               r"|screening|randomi[sz]ation|study entry|registration)$", "", t)
    t = re.sub(r"^(?:performance status\s*:\s*|with |(?:an? )?)", "", t)
    t = re.sub(r"^(?:a )?performance status (?:\(ps\) )?(?=ecog\b)", "", t)
    m = re.fullmatch(r"(?:ecog|eastern cooperative oncology group)(?: performance status| performance score| ps| score"
                     r"| status)*(?: of)?\s*(?:(>=|<=|>|<|=)\s*(\d)|(\d)\s*(?:-|to)\s*(\d)|(\d)(?:,\s*\d)*,? (?"
                     r":or|and) (\d))", t)
    if m:
        if m.group(1):
            return _Atom(_f("ecog", m.group(1) if m.group(1) != "=" else "=", int(m.group(2))), "ecog")
        lo, hi = (int(m.group(3)), int(m.group(4))) if m.group(3) else (int(m.group(5)), int(m.group(6)))
        if not lo < hi <= 5:
            return None
        rule = _f("ecog", "<=", hi) if lo == 0 else _all(_f("ecog", ">=", lo), _f("ecog", "<=", hi))
        return _Atom(rule, "ecog")
    m = re.fullmatch(r"(?:(?:severe |symptomatic )?(?:congestive )?heart failure\s*(?:\(\s*)?)?(?:new york hear"
                     r"t association"
                     r"|nyha)(?: functional)?(?: class(?:es)?| grade)?\s*(iii|3) (?:or|and|/|-|to) (iv|4)(?: he"
                     r"art failure)?\)?"
                     r"|(?:(?:nyha )?(?:class|grade) )?(iii|3) (?:or|and|/|-) (iv|4) (?:congestive )?heart failure"
                     r"(?: \((?:nyha|new york heart association)(?: classification)?\))?", t)
    if m:
        return _Atom(_f("nyha_class", ">=", 3), "nyha")
    m = re.fullmatch(r"(?:nyha|new york heart association)(?: functional)?(?: class)? ?(>=|<=|>|<) ?(i{1,3}|iv|"
                     r"[1-4])", t)
    if m:
        v = m.group(2)
        return _Atom(_f("nyha_class", m.group(1), _ROMAN.get(v) or int(v)), "nyha")
    m = re.fullmatch(r"(?:cardiac |left ventricular |lv )?(?:ejection fraction|lvef|ef)(?: on echocardiography)?\s*"
                     r"(>=|<=|>|<)\s*(\d+(?:\.\d+)?)\s*%", t)
    if m:
        return _Atom(_f("lvef_percent", m.group(1), _num(float(m.group(2)))), "lvef")
    head = t.split(" >")[0].split(" <")[0]
    m = re.fullmatch(r"das ?28[- ]?(esr|crp)|das ?28 \((esr|crp)\)|das ?28 using (esr|crp)", head)
    if m:
        which = m.group(1) or m.group(2) or m.group(3)
        # one comparator: "DAS28-CRP > 3.2 or CDAI > 10" is not DAS28-CRP > 10
        mm = re.fullmatch(r"[^<>]*?\s(>=|<=|>|<)\s*(\d+(?:\.\d+)?)", t)
        if mm and 0 <= float(mm.group(2)) <= 10:
            return _Atom(_f(f"das28_{which}", mm.group(1), _num(float(mm.group(2)))), "das28")
        return None
    for pat, fact, hi in ((r"sledai[- ]?2k|sledai 2000", "sledai_2k", 105), (r"essdai", "essdai", 123),
                          (r"cdai|clinical disease activity index", "cdai", 76)):
        mm = re.fullmatch(rf"(?:{pat})(?: score)?(?: of)?\s*(>=|<=|>|<)\s*(\d+(?:\.\d+)?)", t)
        if mm and float(mm.group(2)) <= hi:
            return _Atom(_f(f"score:{fact}", mm.group(1), _num(float(mm.group(2)))), fact)
    mm = re.fullmatch(r"(?:body )?weight (?:of )?(?:between )?(\d+(?:\.\d+)?) ?(?:kg )?(?:to|-|and) ?"
                      r"(\d+(?:\.\d+)?) ?kg", t)
    if mm and 0.5 <= float(mm.group(1)) < float(mm.group(2)) <= 400:
        lo, hi = _num(float(mm.group(1))), _num(float(mm.group(2)))
        return _Atom(_all(_f("weight_kg", ">=", lo), _f("weight_kg", "<=", hi)), "weight")
    mm = re.fullmatch(r"(?:(?:body )?weight|minimum (?:body )?weight|(?:body )?weight of)\s*(?:of )?(>=|<=|>|<)?\s*"
                      r"(\d+(?:\.\d+)?)\s*kg", t)
    if mm:
        op = mm.group(1) or (">=" if t.startswith("minimum") else None)
        if op is None or not 0.5 <= float(mm.group(2)) <= 400:
            return None
        return _Atom(_f("weight_kg", op, _num(float(mm.group(2)))), "weight")
    # "Life expectancy at least 3 months" is not read: it is always the investigator's estimate (a judgement item in
    # the labels' conventions, tests/core/criteria/labels/README.md), not a fact the record holds
    return _vocab_score(s, mode)


def _gc_dose(s: str, mode: str) -> _Atom | None:
    t = re.sub(r"^(?:current(?:ly)? |receiving |taking |on |use of |treatment with |requiring )+", "", s)
    t = re.sub(r"\s*(?:at|during) (?:the )?screening$|\s*at baseline$", "", t)
    pred = r"(?:oral )?(?:prednisone|prednisolone|prednisone-equivalent|prednisone equivalent)(?: \(or equivalent\))?"
    per = r"(?:mg ?/ ?day|mg per day|mg daily|mg/d|mg a day|mg qd|mg)"
    unit_day = r"(?: (?:per day|daily|/day|a day))?"
    m = re.fullmatch(rf"(?:{pred})(?: dose)?(?: of)?\s*{_OPS}\s*(\d+(?:\.\d+)?)\s*({per}|mg/kg/day|mg/kg per day)"
                     rf"{unit_day}", t) or \
        re.fullmatch(rf"{_OPS}\s*(\d+(?:\.\d+)?)\s*({per}|mg/kg/day|mg/kg per day) (?:of )?{pred}{unit_day}", t)
    if not m:
        return None
    unit = m.group(3)
    if unit == "mg" and not re.search(r"per day|daily|/day|a day", t):
        return None
    fact = "prednisone_eq_mg_per_kg_day" if "kg" in unit else "prednisone_eq_mg_day"
    return _Atom(_f(fact, m.group(1), _num(float(m.group(2)))), "glucocorticoid_dose", confidence=0.85)


