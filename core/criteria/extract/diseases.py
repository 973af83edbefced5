"""Statement readers for diagnoses: disease names, classification criteria, disease duration."""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.classified import _classified_condition
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f, _yes
from core.criteria.extract.vocab_atoms import _SEX_SUBJECT, with_sex
from core.patient.facts import CONDITIONS

# --- diagnosis, classification, duration ------------------------------------------------------

_DISEASES: list[tuple[str, str]] = [
    (r"rheumatoid arthritis|ra", "ra"),
    (r"systemic lupus erythematosus|systemic lupus erythematos[iu]s|sle|lupus", "sle"),
    (r"(?:primary )?sj[oö]gren'?s?(?:'s)? (?:syndrome|disease)|sj\(sqrroot\)\(delta\)gren s syndrome|pss|sjogren",
     "sjogren"),
    (r"dermatomyositis|dm", "dm"),
    (r"antisynthetase syndrome|anti-synthetase syndrome|asys|ass", "asys"),
    (r"polymyositis|pm", "polymyositis"),
    (r"systemic sclerosis|ssc|progressive systemic sclerosis", "systemic_sclerosis"),  # "scleroderma": the group
    (r"psoriatic arthritis|psa", "psoriatic_arthritis"),
    (r"ankylosing spondylitis", "ankylosing_spondylitis"),
    (r"myasthenia gravis", "myasthenia_gravis"),
    (r"primary biliary (?:cirrhosis|cholangitis)", "primary_biliary_cholangitis"),
    (r"hypothyroidism", "hypothyroidism"),
]
_DISEASE_ALT = "|".join(f"(?:{p})" for p, _ in _DISEASES)
# the legacy codes above as condition vocabulary ids (the others are already ids)
_VOCAB_ID = {"ra": "rheumatoid_arthritis", "dm": "dermatomyositis", "asys": "antisynthetase_syndrome"}

_CRITERIA: list[tuple[str, str, str]] = [
    # pattern, condition prefix (or "" for any), classification code
    (r"(?:the )?(?:2010 (?:american college of rheumatology|acr)\s*(?:/|and|-)\s*(?:european league against rheumatism|"
     r"eular|european alliance of associations for rheumatology)|(?:acr|american college of rheumatology)\s*/\s*eular"
     r" 2010|acr/eular \(2010\))", "ra", "acr_eular_2010"),
    (r"(?:the )?(?:(?:revised )?(?:1987|1988) (?:revised )?(?:american college of rheumatology|acr|american rheumatism "
     r"association|ara)(?: revised)?|(?:american college of rheumatology|acr|ara) (?:1987|1988)(?: revised)?|revised "
     r"(?:american college of rheumatology|acr)(?: \(acr\))?(?: 1987)?)", "ra", "acr_1987"),
    (r"(?:the )?(?:american college of rheumatology|acr)(?: \(acr\))?", "ra", "acr_any"),
    (r"(?:>= ?)?4 of (?:the )?7 (?:american college of rheumatology|acr)(?: \(acr\))?(?: 1987)?", "ra", "acr_1987"),
    (r"(?:the )?(?:2019 (?:european alliance of associations for rheumatology|eular)(?: \(eular\))?\s*/\s*(?:american "
     r"college of rheumatology|acr)(?: \(acr\))?|eular/acr 2019)", "sle", "eular_acr_2019_sle"),
    (r"(?:the )?(?:2012 )?(?:slicc|systemic lupus international collaborating clinics)(?: 2012)?", "sle", "slicc_2012"),
    (r"(?:the )?(?:2002 )?(?:american-european consensus group|aecg|american european consensus group)(?: \(aecg\))?"
     r"(?: 2002)?", "sjogren", "aecg_2002"),
    (r"(?:the )?2016 (?:acr|american college of rheumatology)\s*/\s*(?:eular|european league against rheumatism)",
     "sjogren", "acr_eular_2016_sjogren"),
    (r"(?:the )?bohan (?:and|&) peter|(?:the )?bohan-peter", "dm", "bohan_peter"),
    (r"(?:the )?2017 (?:eular|european league against rheumatism)\s*/\s*(?:acr|american college of rheumatology)", "dm",
     "eular_acr_2017_iim"),
]


def _disease_code(name: str) -> str | None:
    for pat, code in _DISEASES:
        if re.fullmatch(pat, name):
            return code
    return None


def _diagnosed_rule(code: str) -> dict:
    if code in CONDITIONS:
        return _yes(f"{code}_diagnosed")
    return _f("diagnoses", "has", code)


def _duration(code: str, op: str, n: float, unit: str) -> dict | None:
    """Time since diagnosis, on the completed-units fact: "more than 6 months" is ``>= 6`` completed months."""
    if code not in CONDITIONS or not float(n).is_integer():
        return None
    unit = "months" if unit.startswith("month") else "years" if unit.startswith("year") else ""
    if not unit:
        return None
    fact = f"{code}_duration_{unit}"
    n = int(n)
    if op in (">", ">="):
        return _f(fact, ">=", n)
    return _f(fact, "<", n)


def _disease(s: str, mode: str) -> _Atom | None:
    """A diagnosis with its classification criteria and duration: the rheumatic diseases with facts of
    their own first, then any condition of the vocabulary with named criteria (``classified``)."""
    if _SEX_SUBJECT.match(s.strip()):  # "Women with SLE meeting ACR criteria": the sex is part of it
        return with_sex(s, mode, _disease)
    return _coded_disease(s, mode) or _classified_condition(s, mode)


def _coded_disease(s: str, mode: str) -> _Atom | None:
    t = _drop_acronyms(s)
    if re.search(r"juvenile|\bjra\b|\bjia\b|non-|onset|symptom|first|incomplete|secondary|overlap|\bmixed\b|only\b"
                 r"|childhood|nephritis|cutaneous|limited|diffuse|drug-induced|neonatal", t):
        return None
    t = re.sub(r"^(?:(?:a |an |the )?(?:confirmed |established |documented |unequivocal |definite |definitive |"
               r"clinical "
               r"|physician |medical |prior |previous |known |current |active )*(?:diagnosis|history|dx) (?:of|"
               r"with) )", "",
               _strip_subject(t))
    t = re.sub(r"^(?:(?:confirmed|established|documented|unequivocal|definite|known|diagnosed|classic|active) )+", "",
               t)
    active = bool(re.search(r"\bactive\b", s))
    if active:
        return None
    # disease [duration] [classification] in any order, each at most once
    code = None
    classification: list[str] = []
    duration = None
    rest = t
    pos = 0
    m = re.match(rf"({_DISEASE_ALT})\b", rest)
    primary = False
    if m:
        code = _disease_code(m.group(1))
        # "primary Sjögren's" / "pSS": the fact sjogren_diagnosed holds the secondary form too (with RA, SLE)
        primary = code == "sjogren" and bool(re.match(r"primary |pss\b", m.group(1)))
        rest = rest[m.end():].strip()
        pos = 1
    for _ in range(3):
        if not rest:
            break
        dm = re.match(r"^(?:,\s*)?(?:(?:disease )?duration (?:of )?|diagnosed |diagnosis |(?:present |diagnosed"
                      r" )?(?:for|of) )?"
                      r"(>=|<=|>|<)\s*(\d+)\s*(months?|years?)(?: (?:duration|in duration|since diagnosis|prior to "
                      r"(?:screening|baseline|enrollment|enrolment|study entry|randomi[sz]ation)|before (?:screening|"
                      r"enrollment|baseline)))?", rest)
        if dm and duration is None:
            duration = (dm.group(1), float(dm.group(2)), dm.group(3))
            rest = rest[dm.end():].strip()
            continue
        cm = re.match(r"^(?:,\s*)?(?:(?:as )?(?:defined by|according to|in accordance with|by|meeting|meets|meet"
                      r"|fulfil(?:l)?(?:s|ing)?|satisfy(?:ing)?|satisfies|based on|using|per|classified by"
                      r"|that (?:meets|fulfil(?:l)?s))\s+)+(?:the )?(.*?)"
                      r"\s*(?:classification |diagnostic )?criteria(?: for (?:the classification of )?(?:"
                      + _DISEASE_ALT
                      + r"))?(?: \(.*?\))?(?=$|,|\s)", rest)
        om = re.match(r"^or (?:the )?(.*?)\s*(?:classification |diagnostic )?criteria(?: for (?:the classificat"
                      r"ion of )?(?:"
                      + _DISEASE_ALT + r"))?(?=$|,|\s)", rest) if classification else None
        if om:
            more = _criteria_codes(om.group(1).strip())
            tail = re.search(r"criteria for (?:the classification of )?(" + _DISEASE_ALT + r")", om.group(0))
            if more is None or (tail and _disease_code(tail.group(1)) != code):
                return None
            classification = classification + more
            rest = rest[om.end():].strip(" ,")
            continue
        if cm and not classification and not cm.group(1).strip():
            break  # "meet the criteria of the ACR for RA": the set named after "criteria", read below
        if cm and not classification:
            crit = cm.group(1).strip()
            codes = _criteria_codes(crit)
            if codes is None:
                return None
            classification = codes
            tail = re.search(r"criteria for (?:the classification of )?(" + _DISEASE_ALT + r")", cm.group(0))
            if tail:
                c2 = _disease_code(tail.group(1))
                if code is not None and c2 != code:
                    return None
                code = c2
            rest = rest[cm.end():].strip(" ,")
            continue
        break
    if not pos and not classification:
        # "Meet the 2010 ACR/EULAR criteria for RA" (classification first)
        cm = re.fullmatch(r"(?:meets?|meeting|fulfil(?:l)?s?|fulfil(?:l)?ing|satisf(?:y|ies|ying))\s+(?:the )?(.*?)\s*"
                          r"(?:revised )?(?:classification |diagnostic )?criteria(?: for| of)? (?:the classific"
                          r"ation of )?"
                          r"(?:(?:definite|classic) )?(" + _DISEASE_ALT + r")", t) or re.fullmatch(
            r"(?:meets?|meeting|fulfil(?:l)?s?|fulfil(?:l)?ing|satisf(?:y|ies|ying))\s+(?:the )?(?:classificati"
            r"on )?criteria"
            r" (?:of|by) (?:the )?(.*?) for (?:the classification of )?(" + _DISEASE_ALT + r")", t)
        if not cm:
            return None
        codes = _criteria_codes(cm.group(1).strip())
        if codes is None:
            return None
        code, classification, rest = _disease_code(cm.group(2)), codes, ""
    if rest or code is None:
        return None
    parts: list[dict] = []
    confidence = 0.9
    name = "diagnosis"
    if classification and ("uncoded" in classification or (classification == ["acr_any"] and code != "ra") or any(
            c not in ("acr_any", "uncoded") and (code not in CONDITIONS or not _criteria_fits(c, code))
            for c in classification)):
        # criteria sets without a code of their own: the vocabulary fact "meets established classification
        # criteria for X", asked once per condition (the trial's words are shown where it is asked)
        parts = [_yes(f"classified:{_VOCAB_ID.get(code, code)}"), *_primary_part(primary)]
        if duration is not None:
            d = _duration(code, *duration)
            if d is None:
                return None
            parts.append(d)
        return _Atom(_all(*parts), "classified", confidence=0.85)
    if classification:
        name = "classification"
        prefix = code if code in CONDITIONS else None
        if classification == ["acr_any"]:
            if code != "ra":
                return None
            classification = ["acr_1987", "acr_eular_2010"]
            confidence = 0.8
        usable = [c for c in classification if c != "acr_any"]
        for c in usable:
            if prefix is None:
                return None
            if not _criteria_fits(c, prefix):
                return None
        parts.append(_any(*[_f(f"{prefix}_classification", "has", c) for c in usable]))
    else:
        parts.append(_diagnosed_rule(code))
    parts.extend(_primary_part(primary))
    if duration is not None:
        d = _duration(code, *duration)
        if d is None:
            return None
        parts.append(d)
        name += "+duration"
    return _Atom(_all(*parts), name, confidence=confidence)


def _primary_part(primary: bool) -> list[dict]:
    """ "Primary Sjögren's syndrome": not the secondary form (a Sjögren's recorded without its form still counts,
    as the diagnosis list then holds no secondary Sjögren's)."""
    return [_f("condition:secondary_sjogren", "=", False)] if primary else []


def _criteria_codes(text: str) -> list[str] | None:
    text = text.strip().removeprefix("the ").strip()
    if not text:
        return None
    pieces = re.split(r"\s+or\s+(?:the\s+)?", text)
    codes = []
    for piece in pieces:
        piece = re.sub(r"\s*(?:classification|diagnostic)?\s*(?:criteria)?\s*(?:for (?:" + _DISEASE_ALT + r"))?$", "",
                       piece.strip())
        for pat, _prefix, code in _CRITERIA:
            if re.fullmatch(pat, piece):
                codes.append(code)
                break
        else:
            if re.fullmatch(r"(?:(?:19|20)\d\d |revised |preliminary |updated |modified )*(?:american college of "
                            r"rheumatology|acr|american rheumatism association|ara|eular|acr/eular|eular/acr)"
                            r"(?: (?:19|20)\d\d| revised| preliminary)*", piece):
                codes.append("uncoded")
                continue
            return None
    return codes


def _criteria_fits(code: str, prefix: str) -> bool:
    for _pat, p, c in _CRITERIA:
        if c == code:
            return p == prefix
    return False


