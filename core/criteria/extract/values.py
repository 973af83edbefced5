"""Statement readers with numbers and units: scores, findings, weight, glucocorticoid dose.
Lab thresholds are read by ``lab_values`` (re-exported here as ``_lab``)."""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _OPS, _Atom, _num, _strip_subject
from core.criteria.extract.lab_values import _lab
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f
from core.criteria.extract.score_values import _vocab_score

__all__ = ["_gc_dose", "_lab", "_score"]

# --- scores and findings --------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _score(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(re.sub(r"^the (?=(?:patient|subject|participant)s? )", "", s)))
    t = re.sub(r"\s*(?:at|during) (?:the )?screening(?: visit)?$|\s*at baseline$|\s*at the time of (?:enrol?lment"
               r"|screening|randomi[sz]ation|study entry|registration)$", "", t)
    t = re.sub(r"^(?:performance status\s*:\s*|with |(?:an? )?)", "", t)
    scales = _scales(t, mode)
    if scales is not None:
        return scales
    ecog = _ecog(t)
    if ecog is not None:
        return ecog
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
    nyha = _nyha(t)
    if nyha is not None:
        return nyha
    # how the fraction is measured does not change it: "LVEF at least 45% by MUGA or echocardiogram"
    method = r"(?:muga|(?:2d )?echo\w*|multi-?gated acquisition(?: scan)?|(?:cardiac )?mri|radionuclide \w+)(?: scan)?"
    t = re.sub(rf"(\d\s*%)\s*,?\s*\(?(?:by|on|per|(?:as )?(?:measured|assessed|determined) by|using) {method}"
               rf"(?:(?: or|,| and/or|/)\s*{method})*\)?$", r"\1", t)
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


_SCALE_NAME = r"(?:ecog|zubrod|swog|who|karnofsky|lansky)\b"


def _scales(t: str, mode: str) -> _Atom | None:
    """"Karnofsky 70-100% ECOG 0-2", "Karnofsky 50-100% (ECOG 0-2)", "Zubrod 0-2 Karnofsky 60-100%": the PDQ
    performance status given on two or three scales, one after the other; the same requirement, so any of them
    meets it (a requirement only)."""
    if mode != "req":
        return None
    parts = [p.strip(" ();,") for p in re.split(rf"(?<=[\d%)])\s*[(;,]?\s*(?={_SCALE_NAME})", t)]
    if not 2 <= len(parts) <= 3 or not all(re.match(_SCALE_NAME, p) for p in parts):
        return None
    atoms = [_score(p, mode) for p in parts]
    if any(a is None or a.name not in ("ecog", "karnofsky", "lansky") for a in atoms):
        return None
    rules = [r for i, r in enumerate(a.rule for a in atoms) if r not in [a.rule for a in atoms][:i]]  # Zubrod = ECOG
    names = list(dict.fromkeys(a.name for a in atoms))
    return _Atom(_any(*rules) if len(rules) > 1 else rules[0], "+".join(names), confidence=0.85)


_CLASS = r"(i{1,3}|iv|[1-4])"
_HEART = r"(?:congestive )?(?:heart failure|heart disease|cardiac disease|cardiovascular disease)"


def _nyha(t: str) -> _Atom | None:
    """"New York Heart Association class III or IV heart disease", "NYHA class III/IV status", "NYHA class II-IV",
    "NYHA grade II or greater congestive heart failure", "heart failure (NYHA class 4)": the class at least the
    lowest one named (IV is the top class)."""
    t = re.sub(rf"^(?:(?:severe |symptomatic )*{_HEART}\s*\(\s*)(.*)\)$", r"\1", t)
    # the failure named before its class ("congestive heart-failure NYHA class >= II", "congestive heart failure (CHF)
    # class III/IV according to the NYHA functional classification"): the class is the statement
    t = re.sub(rf"^(?:(?:severe |symptomatic |chronic )*{_HEART.replace(' ', '[- ]')}\s*(?:\(chf\)\s*)?)(?=nyha\b|new "
               r"york\b|class\b)", "", t)
    t = re.sub(r"^class ([iv1-4/ ,or-]+?) (?:according to|per|by) (?:the )?(?:new york heart association|nyha)"
               r"(?: \(nyha\))?(?: functional)?(?: classification| class)?$", r"nyha class \1", t)
    m = re.fullmatch(r"(?:nyha|new york heart association)(?: functional)?(?: class)? ?(>=|<=|>|<) ?(i{1,3}|iv|[1-4])",
                     t)
    if m:
        return _Atom(_f("nyha_class", m.group(1), _ROMAN.get(m.group(2)) or int(m.group(2))), "nyha")
    # classes from I up ("NYHA class I-II", "NYHA I or II functional status"): at most the highest named
    m = re.fullmatch(r"(?:nyha|new york heart association)(?: functional)?(?: class(?:es)?| grade)?\s*(?:i|1)\s*"
                     r"(?:(?:-|to)\s*(ii|iii|2|3)|(?:/|or|,)\s*(ii|2)|(?:,|/)\s*(?:ii|2)\s*(?:,?\s*(?:or|and)|/)\s*(iii|3))"
                     r"(?: functional status| heart failure| symptoms)?", t)
    if m:  # every class named up to the highest ("I or III" is not a run)
        top = m.group(1) or m.group(2) or m.group(3)
        return _Atom(_f("nyha_class", "<=", _ROMAN.get(top) or int(top)), "nyha")
    m = re.fullmatch(rf"(?:symptomatic )?(?:nyha|new york heart association)(?: \(nyha\))?(?: functional)?(?: class"
                     rf"(?:ification)?| grade)?\s*(?:(?P<list>{_CLASS}(?:,? (?:i{{1,3}}|iv|[1-4]))*,? (?:or|and)"
                     rf" (?:iv|4))|(?P<range>{_CLASS})\s*(?:-|to|/)\s*(?:iv|4)|(?P<top>iv|4)|(?P<least>{_CLASS}) or"
                     rf" (?:greater|higher|above|worse))(?: {_HEART}| status| symptoms)?", t)
    if not m:
        return None
    if m.group("list"):  # "class II, III or IV": every class from the lowest to IV named
        named = [_ROMAN.get(x) or int(x) for x in re.findall(r"\b(i{1,3}|iv|[1-4])\b", m.group("list"))]
        if named != list(range(named[0], 5)):
            return None
        value = named[0]
    else:
        low = m.group("range") or m.group("top") or m.group("least")
        value = _ROMAN.get(low) or int(low)
    if not 1 <= value <= 4 or m.group("range") and value == 4:
        return None
    return _Atom(_f("nyha_class", ">=", value), "nyha")


# The WHO, Zubrod (SWOG) and GOG performance scales are the ECOG scale (0 fully active … 4 bedbound, 5 dead)
_ECOG_NAMES = r"(?:ecog|who|swog|gog)(?:/(?:ecog|who|swog|gog))?"


def _ecog(t: str) -> _Atom | None:
    """"ECOG 0-1", "WHO performance status <= 2", "SWOG 0-2", "PS 0-2 (ECOG scale)", "performance status 0-2"."""
    t = re.sub(r"^(?:a )?(?:performance status|ps)\s*(?:\(ps\) )?(?:-|:)?\s*(?=(?:ecog|who|swog|gog)\b)", "", t)
    # "PS 0-2 (ECOG scale)": the scale named after the value
    t = re.sub(r"(?<=\d)\s*~\s*(?=\d)", "-", t)  # "0~1"
    t = re.sub(rf"^({_ECOG_NAMES}) ps score\s*:\s*", r"\1 ps ", t)  # "ECOG PS score: 0-1"
    t = re.sub(rf"^(?:performance status|ps) (.+?) \(({_ECOG_NAMES})(?: scale| performance status| ps)?\)$",
               r"\2 ps \1", t)
    # "performance status of 0-2 on the ECOG Performance Scale": the scale named after the value, in words
    t = re.sub(rf"^(?:performance status|ps)(?: score)?(?: of)? (.+?) (?:on|by|according to|using|per) (?:the )?"
               rf"({_ECOG_NAMES})(?: performance)?(?: status)?(?: scale| criteria| score)?$", r"\2 ps \1", t)
    # "The ECOG behavior status score is 0-2 points", "ECOG score standard: 0-2", "ECOG performance standard of 0, 1
    # or 2": words of translated protocols for the same scale
    t = re.sub(r"^the (?=(?:ecog|who|zubrod)\b)|(?<=\d) points?$", "", t)
    named = not t.startswith("performance status")
    m = re.fullmatch(rf"(?:({_ECOG_NAMES})|performance status)(?: performance status| performance score| ps| score"
                     r"| status| scale| physical status| grade| standard| performance standard| behaviou?r status)*"
                     r"(?: of| is)?\s*:?\s*(?:(>=|<=|>|<|=)\s*(\d)"
                     r"|(\d)\s*(?:-|to)\s*(\d)|(\d)(?:,\s*\d)*,? (?:or|and) (\d))", t)
    if not m:
        return None
    # a bare "WHO 2" or "performance status < 3" may be another scale (WHO class, Karnofsky written short):
    # without the scale's own words only a range from 0 ("WHO 0-2") says it is this one
    bare = not named or m.group(1) == "who" and not re.search(r"\b(?:ps|performance)\b", t)
    if m.group(2):
        if bare or not 0 <= int(m.group(3)) <= 5:
            return None
        return _Atom(_f("ecog", m.group(2), int(m.group(3))), "ecog")
    lo, hi = (int(m.group(4)), int(m.group(5))) if m.group(4) else (int(m.group(6)), int(m.group(7)))
    if not lo < hi <= 5 or bare and (lo != 0 or hi > 4):
        return None
    rule = _f("ecog", "<=", hi) if lo == 0 else _all(_f("ecog", ">=", lo), _f("ecog", "<=", hi))
    return _Atom(rule, "ecog")


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


