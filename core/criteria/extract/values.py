"""Statement readers with numbers and units: lab thresholds (absolute, x ULN, descriptors),
scores, glucocorticoid dose."""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _OPS, _Atom, _num, _strip_subject
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f
from core.patient.facts import LABS

# --- labs -----------------------------------------------------------------------------------

_LAB_NAMES: list[tuple[str, tuple[str, ...]]] = [
    (r"(?:serum )?(?:transaminases|aminotransferases|liver transaminases|alt/ast|ast/alt|sgot/sgpt|sgpt/sgot)",
     ("ast", "alt")),
    (r"(?:serum )?(?:ast|sgot|aspartate (?:amino)?transferase|aspartate transaminase|aspartate aminotransferase"
     r"|serum got|got)", ("ast",)),
    (r"(?:serum )?(?:alt|sgpt|alanine (?:amino)?transferase|alanine transaminase|alanine aminotransferase"
     r"|serum gpt|gpt)", ("alt",)),
    (r"(?:serum |total |serum total )*bilirubin", ("bilirubin",)),
    (r"(?:estimated )?(?:serum )?creatinine clearance|crcl|cr cl", ("creatinine_clearance",)),
    (r"(?:serum |blood |plasma )?creatinine|(?:serum )?cr|scr", ("creatinine",)),
    (r"e?gfr|estimated glomerular filtration rate|estimated gfr|glomerular filtration rate", ("egfr",)),
    (r"(?:westergren )?(?:esr|erythrocyte sedimentation rate|sed rate)", ("esr",)),
    (r"(?:serum )?(?:crp|c-reactive protein|c reactive protein)", ("crp",)),
    (r"(?:serum |blood )?(?:h(?:a)?emoglobin|hb|hgb)(?: level| concentration| value)?", ("hemoglobin",)),
    (r"(?:wbc|white blood cells?|white blood cell count|white cell count|white count|(?:total )?leu[ck]ocytes?"
     r"|(?:total )?leu[ck]ocyte count|wbc count)", ("wbc",)),
    (r"(?:absolute )?neutrophils?(?: count)?|anc|absolute neutrophil count", ("neutrophils",)),
    (r"(?:absolute )?lymphocytes?(?: count)?|alc|absolute lymphocyte count", ("lymphocytes",)),
    (r"(?:platelets?|platelet counts?|plt|thrombocytes?|thrombocyte count)", ("platelets",)),
    (r"(?:serum )?igg(?: level)?", ("igg",)),
    (r"(?:serum )?(?:c3|complement c3|c3 complement)(?: level)?", ("c3",)),
    (r"(?:serum )?(?:c4|complement c4|c4 complement)(?: level)?", ("c4",)),
    (r"anti-? ?(?:ds ?dna|double[- ]stranded dna)(?: antibod(?:y|ies))?(?: titer| titre| level)?", ("anti_dsdna",)),
    (r"(?:serum )?(?:ck|cpk|creatine (?:phospho)?kinase)(?: level)?", ("ck",)),
]
_LAB_ALT = "|".join(f"(?:{p})" for p, _ in _LAB_NAMES)
_COUNT_LABS = ("wbc", "neutrophils", "lymphocytes", "platelets")
_UNIT_FACTORS: dict[str, dict[str, float]] = {
    "ast": {"u/l": 1, "iu/l": 1}, "alt": {"u/l": 1, "iu/l": 1}, "ck": {"u/l": 1, "iu/l": 1},
    "bilirubin": {"umol/l": 1, "mg/dl": 17.1},
    "creatinine": {"umol/l": 1, "mg/dl": 88.4},
    "creatinine_clearance": {"ml/min": 1, "": 1},
    "egfr": {"ml/min/1.73m2": 1, "ml/min": 1, "": 1},
    "esr": {"mm/h": 1, "": 1},
    "crp": {"mg/l": 1, "mg/dl": 10},
    "hemoglobin": {"g/dl": 1, "g/l": 0.1},
    "igg": {"g/l": 1, "mg/dl": 0.01}, "c3": {"g/l": 1, "mg/dl": 0.01}, "c4": {"g/l": 1, "mg/dl": 0.01},
    "anti_dsdna": {"iu/ml": 1},
}
for _lab in _COUNT_LABS:
    _UNIT_FACTORS[_lab] = {"x10^9/l": 1, "x10^3/ul": 1, "/ul": 0.001, "/mm3": 0.001}
_UNIT_RE = (r"(x10\^9/l|x10\^3/ul|/ul|/mm3|u/l|iu/l|umol/l|mg/dl|g/dl|g/l|mg/l|ml/min/1\.73m2|ml/min|mm/h|iu/ml"
            r"|%)")
_DESCRIPTORS = {"thrombocytopenia": ("platelets",), "neutropenia": ("neutrophils",), "leukopenia": ("wbc",),
                "leucopenia": ("wbc",), "lymphopenia": ("lymphocytes",), "anemia": ("hemoglobin",),
                "anaemia": ("hemoglobin",), "renal insufficiency": ("creatinine", "egfr", "creatinine_clearance"),
                "renal impairment": ("creatinine", "egfr", "creatinine_clearance"),
                "renal failure": ("creatinine", "egfr", "creatinine_clearance")}


def _lab_names(text: str) -> tuple[list[str], str] | None:
    """The labs named in ``text`` ("ast or alt", "ast/alt") and how they are joined."""
    parts = re.split(r"\s*(?:,\s*(?:and/or|or|and)?|\band/or\b|\bor\b|\band\b|/)\s*", text)
    joins = re.findall(r"\band/or\b|\bor\b|\band\b|/|,", text)
    labs: list[str] = []
    for part in parts:
        part = part.strip()
        for pat, ids in _LAB_NAMES:
            if re.fullmatch(pat, part):
                labs.extend(ids)
                break
        else:
            if text.strip() and any(re.fullmatch(p, text.strip()) for p, _ in _LAB_NAMES[:1]):
                return list(_LAB_NAMES[0][1]), "group"
            return None
    if len(parts) == 1:
        return labs, ("group" if len(labs) > 1 else "one")
    kinds = {("or" if j in ("or", "and/or", "/") else "and" if j == "and" else ",") for j in joins}
    kinds.discard(",")
    if not kinds:
        return labs, "or" if "/" in text else ","
    if len(kinds) > 1:
        return None
    return labs, kinds.pop()


def _lab(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during) (?:the )?screening(?: visit)?$|\s*at baseline$|\s*prior to (?:study entry|ran"
               r"domi[sz]ation"
               r"|enrollment|screening)$", "", t)
    t = re.sub(r"^(?:(?:hematopoietic|haematopoietic|hematologic|renal|hepatic|laboratory|labs?)\s*:\s*)", "", t)
    t = re.sub(r"^(?:presence of |evidence of |screening |a |an |have |has )", "", t)
    descriptor = None
    dm = re.match(r"^(" + "|".join(_DESCRIPTORS) + r")\s*\((.*)\)$", t)
    if dm:
        descriptor, t = _DESCRIPTORS[dm.group(1)], dm.group(2).strip()
    m = re.fullmatch(rf"((?:{_LAB_ALT})(?:\s*(?:,\s*(?:and/or|or|and)?|and/or|or|and|/)\s*(?:{_LAB_ALT}))*)\s*("
                     rf"?:level|levels"
                     rf"|value|values|count|concentration|result)?\s*(?:of |is |are |must be |should be )?{_OPS}\s*"
                     rf"(\d+(?:\.\d+)?)\s*(x uln|{_UNIT_RE})?", t)
    if not m:
        return None
    names = _lab_names(m.group(1))
    if names is None:
        return None
    labs, join = names
    if descriptor and not set(labs) <= set(descriptor):
        return None
    op, value, unit = m.group(2), float(m.group(3)), (m.group(4) or "").strip()
    rules = []
    for lab in labs:
        if unit == "x uln":
            if not LABS[lab].get("uln"):
                return None
            rules.append(_f(f"{lab}_x_uln", op, _num(value)))
            continue
        factors = _UNIT_FACTORS.get(lab)
        if factors is None:
            return None
        if unit == "" and lab in _COUNT_LABS:
            if value >= 1000:
                factor = 0.001
            else:
                return None
        elif unit in factors:
            factor = factors[unit]
        else:
            return None
        rules.append(_f(lab, op, _num(value * factor)))
    if len(rules) == 1:
        rule = rules[0]
    elif mode == "cond":
        if join not in ("or", "group"):
            return None
        rule = _any(*rules)
    else:
        if join not in ("and", "group", ","):
            if not (join == "or" and "/" in m.group(1) and "or" not in m.group(1).split()):
                return None
        rule = _all(*rules)
    return _Atom(rule, "lab:" + "+".join(labs), confidence=0.9 if unit else 0.8)


# --- scores and findings --------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _score(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during) (?:the )?screening(?: visit)?$|\s*at baseline$", "", t)
    t = re.sub(r"^(?:performance status\s*:\s*|(?:an? )?)", "", t)
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
        mm = re.fullmatch(r".*?\s(>=|<=|>|<)\s*(\d+(?:\.\d+)?)", t)
        if mm and 0 <= float(mm.group(2)) <= 10:
            return _Atom(_f(f"das28_{which}", mm.group(1), _num(float(mm.group(2)))), "das28")
        return None
    for pat, fact, hi in ((r"sledai[- ]?2k|sledai 2000", "sledai_2k", 105), (r"essdai", "essdai", 123),
                          (r"cdai|clinical disease activity index", "cdai", 76)):
        mm = re.fullmatch(rf"(?:{pat})(?: score)?(?: of)?\s*(>=|<=|>|<)\s*(\d+(?:\.\d+)?)", t)
        if mm and float(mm.group(2)) <= hi:
            return _Atom(_f(fact, mm.group(1), _num(float(mm.group(2)))), fact)
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
    mm = re.fullmatch(r"(?:estimated )?(?:survival|life expectancy)(?: of)? (>=|<=|>|<) (\d+) (weeks|months)", t)
    if mm:
        n = float(mm.group(2)) * (1 if mm.group(3) == "weeks" else 52 / 12)
        if mm.group(3) == "months" and not float(n).is_integer():
            n = round(n, 1)
        return _Atom(_f("estimated_survival_weeks", mm.group(1), _num(n)), "survival", confidence=0.8)
    return None


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


