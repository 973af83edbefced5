"""Statement reader for any instrument of the score vocabulary (``resources/vocab/scores.json``):
"CDAI > 10", "BASDAI >= 4", "mRSS of 15 or more", "BMI 18.5-35 kg/m2", "Karnofsky 60-100%".

The name must resolve to one score of the vocabulary (its names, or an abbreviation that names one
score only), the number must lie in the instrument's range, and a unit must be the instrument's own
(kg/m2 for BMI, % for Karnofsky). A range gives both bounds. Scores with letter grades (BILAG) or
no numeric range are not read. Legacy scores with fixed facts (ECOG, NYHA, DAS28-ESR/CRP,
SLEDAI-2K …) are read by ``values._score`` first.
"""

from __future__ import annotations

from functools import lru_cache

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _OPS, _Atom, _num, _strip_subject
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f
from core.vocab import scores as vocab_scores

_UNITS = {"bmi": ("kg/m2",), "karnofsky": ("%",), "lansky": ("%",)}
_TRAIL = re.compile(r"^(?:the |a |an |baseline |screening |total |modified )|(?: total)?(?: score| index| scale"
                    r"| status| performance status| performance score| level| value| ps)$")
_NUM = r"(\d+(?:\.\d+)?)"


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Lower-case abbreviations naming one score only ("cdai", "pasi", "haq-di")."""
    seen: dict[str, set[str]] = {}
    for score in vocab_scores.all():
        for abbr in score.abbreviations:
            seen.setdefault(abbr.lower(), set()).add(score.id)
    excluded = {a.lower() for a in vocab_scores.excluded_abbreviations()} | {
        a.lower() for a in vocab_scores.ambiguous()}
    return {a: next(iter(ids)) for a, ids in seen.items() if len(ids) == 1 and a not in excluded and len(a) >= 3}


_ALIASES = {"karnofsky": "karnofsky", "kps": "karnofsky", "karnofsky performance scale": "karnofsky"}


def _score_id(name: str) -> str | None:
    name = name.strip()
    if name in _ALIASES:
        return _ALIASES[name]
    for _ in range(3):
        hits = vocab_scores.lookup(name)
        if len(hits) == 1:
            return hits[0].id
        if name in _abbreviations():
            return _abbreviations()[name]
        shorter = _TRAIL.sub("", name).strip()
        if shorter == name:
            return _with_kind(name)
        name = shorter
        if name in _ALIASES:
            return _ALIASES[name]
    return _with_kind(name)


def _with_kind(name: str) -> str | None:
    """An instrument named without the word that says what kind it is ("Beck Depression score": the Beck Depression
    Inventory): the one score the name with such a word names, if exactly one does."""
    if len(name.split()) < 2:
        return None  # "depression score": a bare topic names no instrument
    ids = {hit.id for kind in (" inventory", " scale", " rating scale", " index", " questionnaire")
           for hit in vocab_scores.lookup(name + kind)}
    return ids.pop() if len(ids) == 1 else None


# Fixed facts the rules have always used for these scores; every other score is ``score:<id>`` (the
# vocabulary fact reads the score's fixed fact too, core/patient/vocab_facts.py).
_FIXED = {"ecog": "ecog", "nyha": "nyha_class", "das28_esr": "das28_esr", "das28_crp": "das28_crp"}
# Counts with no range in the vocabulary (the joints counted are not said): any whole count up to 68.
_COUNTS = {"swollen_joint_count": 68, "tender_joint_count": 68}
_TENS = frozenset({"karnofsky", "lansky"})  # scored in steps of ten


def _fact(score_id: str) -> str:
    return _FIXED.get(score_id, f"score:{score_id}")


def _range(score_id: str, lo: float, hi: float) -> dict:
    """lo..hi; a bound at the end of the instrument's own range says nothing ("ECOG 0-1" is "<= 1",
    "Karnofsky 60-100%" is ">= 60")."""
    bounds = vocab_scores.get(score_id).range or (None, None)
    rules = [_f(_fact(score_id), op, v) for op, v, end in ((">=", lo, bounds[0]), ("<=", hi, bounds[1])) if v != end]
    return _all(*rules) if rules else _f(_fact(score_id), ">=", lo)


def _value(score_id: str, value: str, unit: str | None) -> int | float | None:
    """The value when it is in the instrument's range and its unit (if any) is the instrument's own."""
    if unit and unit not in _UNITS.get(score_id, ()) and not unit.startswith("point"):
        return None
    score = vocab_scores.get(score_id)
    v = float(value)
    if score.range is None:
        if score_id not in _COUNTS or not v.is_integer():
            return None
        lo, hi = 0, _COUNTS[score_id]
    else:
        lo, hi = score.range
    if not lo <= v <= hi:
        return None
    if score_id in _TENS and v % 10:
        return None  # "Karnofsky 0-2": the scale goes in tens, so another scale (ECOG) was meant
    return _num(v)


def _vocab_score(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during|on) (?:the )?(?:screening|baseline)(?: visit)?$|\s*at baseline$", "", t)
    t = re.sub(r"^(?:a |an |have |has |having |with )", "", t)
    # "(0-10 scale)" restates the instrument's range
    t = re.sub(r"\s*\((?:on an? |range |scale )?\d+\s*(?:-|to)\s*\d+(?:[- ]point)?(?: scale)?\)$", "", t)
    joints = _joint_counts(t)
    if joints is not None:
        return joints
    banded = _band_classes(t)
    if banded is not None:
        return banded
    # "a score of 10 or higher on the Beck Depression Inventory": the instrument named after the value
    t = re.sub(r"^(?:the |a |an )?(?:total )?score (?:of )?(.+?) (?:on|in|by|using) (?:the )?(\S.*?)(?: scale)?$",
               r"\2 \1", t)
    # "Karnofsky or Lansky 50-100%": the adults' and the children's scale, whichever applies (either is met)
    m = re.fullmatch(r"(karnofsky|lansky)(?: performance status| ps| score)?(?: or |\s*/\s*)(karnofsky|lansky)"
                     r"(?: performance status| ps| score)? ([^a-z].*|(?:of |is |must be )\S.*)", t)
    if m and m.group(1) != m.group(2):
        first = _vocab_score(f"{m.group(1)} {m.group(3)}", mode)
        second = _vocab_score(f"{m.group(2)} {m.group(3)}", mode)
        if first is None or second is None:
            return None
        return _Atom(_any(first.rule, second.rule), "karnofsky+lansky", confidence=0.85)
    unit = r"(?:\s*(kg/m2|%|points?))?"
    m = re.fullmatch(rf"(.+?)\s*(>=|>)\s*{_NUM}{unit}\s*(?:and|,)\s*(<=|<)\s*{_NUM}{unit}", t)
    if m:  # "mRSS >= 15 and <= 40"
        sid = _score_id(m.group(1))
        lo = _value(sid, m.group(3), m.group(4)) if sid else None
        hi = _value(sid, m.group(6), m.group(7)) if sid else None
        if lo is None or hi is None or not lo < hi:
            return None
        return _Atom(_all(_f(_fact(sid), m.group(2), lo), _f(_fact(sid), m.group(5), hi)), sid, confidence=0.85)
    m = re.fullmatch(rf"(.+?)\s*(?:of |is |must be |should be |between |from )?{_NUM}{unit}?\s*(?:-|to|and)\s*{_NUM}"
                     rf"{unit}(?:,? inclusive)?", t)
    if m:
        sid = _score_id(m.group(1))
        if sid is None:
            return None
        u1, u2 = m.group(3), m.group(5)
        lo, hi = _value(sid, m.group(2), u1 or u2), _value(sid, m.group(4), u2)
        if lo is None or hi is None or not lo < hi:
            return None
        return _Atom(_range(sid, lo, hi), sid, confidence=0.85)
    m = re.fullmatch(rf"(.+?)\s*(?:of |is |are |must be |should be )?{_OPS}\s*{_NUM}{unit}", t)
    if m:
        op, value, u = m.group(2), m.group(3), m.group(4)
    else:
        m = re.fullmatch(rf"(.+?)\s*(?:of |is )?{_NUM}{unit} or (more|greater|higher|above|less|lower|below|fewer)",
                         t)
        if not m:
            return None
        value, u = m.group(2), m.group(3)
        op = ">=" if m.group(4) in ("more", "greater", "higher", "above") else "<="
    sid = _score_id(m.group(1))
    if sid is None:
        return None
    v = _value(sid, value, u)
    if v is None:
        return None
    return _Atom(_f(_fact(sid), op, v), sid, confidence=0.85)


_JOINTS = {("swollen", None): "swollen_joint_count", ("swollen", "66"): "sjc66", ("swollen", "28"): "sjc28",
           ("tender", None): "tender_joint_count", ("tender", "68"): "tjc68", ("tender", "28"): "tjc28"}
_JOINT = (r"(?:(>=|>)\s*)?(\d{1,2}) (swollen|tender)(?: joints?)?(?: \((?:of |out of )?(28|66|68)(?:[- ]joint count)?\)"
          r"| \((28|66|68)[- ]joint count\))?")


def _joint_counts(t: str) -> _Atom | None:
    """">= 6 swollen joints (of 66) and >= 6 tender joints (of 68)", ">= 6 swollen and 6 tender joints"."""
    m = re.fullmatch(r"(>=|>)\s*(\d{1,2}) (swollen|tender) and (?:(>=|>)\s*)?(\d{1,2}) (swollen|tender) joints?",
                     t)
    if m and m.group(3) != m.group(6) and (m.group(4) in (None, m.group(1))):
        parts = [(m.group(1), m.group(2), m.group(3), None), (m.group(1), m.group(5), m.group(6), None)]
    else:
        parts = []
        for piece in re.split(r"\s+and\s+", t):
            pm = re.fullmatch(_JOINT, piece)
            if not pm or not re.search(r"joint", piece):
                return None
            op = pm.group(1) or (parts[-1][0] if parts else None)  # "at least 6 swollen and 6 tender joints"
            if op is None:
                return None
            parts.append((op, pm.group(2), pm.group(3), pm.group(4) or pm.group(5)))
        if not parts or len({p[2] for p in parts}) != len(parts):
            return None
    rules = []
    for op, n, kind, of in parts:
        sid = _JOINTS.get((kind, of))
        if sid is None or (of and kind == "tender" and of == "66") or (of and kind == "swollen" and of == "68"):
            return None
        value = _value(sid, n, None)
        if value is None:
            return None
        rules.append(_f(_fact(sid), op, value))
    return _Atom(_all(*rules), "joint_counts", confidence=0.85)


def _band_classes(t: str) -> _Atom | None:
    """"Child-Pugh class C", "Child-Pugh class B or C", "Child-Pugh B-C": the classes an instrument's own bands name
    by a letter (``resources/vocab/scores.json`` bands: Child-Pugh A <= 6, B <= 9, C above), read as the score's
    bounds; only contiguous classes."""
    m = re.fullmatch(r"(.+?)\s+(?:class(?:es)?|grade|category)?\s*([a-d])(?:\s*(?:or|and|/|-|to)\s*([a-d]))?", t)
    if not m:
        return None
    sid = _score_id(m.group(1))
    bands = vocab_scores.get(sid).bands if sid else ()
    names = [b.name.lower() for b in bands]
    if not bands or not all(len(n) == 1 and n.isalpha() for n in names):
        return None
    first, last = m.group(2), m.group(3) or m.group(2)
    if first not in names or last not in names or names.index(last) < names.index(first):
        return None
    if m.group(3) and re.search(r"\bor\b|/|\band\b", t) and names.index(last) - names.index(first) > 1:
        return None  # "class A or C": not one stretch of the scale
    lo, hi = names.index(first), names.index(last)
    rules = []
    if lo > 0:
        below = bands[lo - 1]
        if below.inclusive and vocab_scores.get(sid).integer and float(below.upper).is_integer():
            rules.append(_f(_fact(sid), ">=", _num(float(below.upper) + 1)))  # whole points: class C is >= 10
        else:
            rules.append(_f(_fact(sid), ">" if below.inclusive else ">=", _num(float(below.upper))))
    if bands[hi].upper is not None:
        rules.append(_f(_fact(sid), "<=" if bands[hi].inclusive else "<", _num(float(bands[hi].upper))))
    if not rules:
        return None
    return _Atom(_all(*rules), sid, confidence=0.85)
