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
from core.criteria.extract.rule import _all, _f
from core.patient.facts import REGISTRY
from core.vocab import scores as vocab_scores

_UNITS = {"bmi": ("kg/m2",), "karnofsky": ("%",), "lansky": ("%",)}
_TRAIL = re.compile(r"^(?:the |a |an |baseline |screening |total |modified )|(?: total)?(?: score| index| scale"
                    r"| status| performance status| performance score| level| value)$")
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
            return None
        name = shorter
        if name in _ALIASES:
            return _ALIASES[name]
    return None


def _fact(score_id: str) -> str:
    """The fixed fact when the app asks the score on its own (``ecog``), else ``score:<id>``."""
    held_in = vocab_scores.get(score_id).fact
    return held_in if held_in in REGISTRY else f"score:{score_id}"


def _value(score_id: str, value: str, unit: str | None) -> int | float | None:
    """The value when it is in the instrument's range and its unit (if any) is the instrument's own."""
    if unit and unit not in _UNITS.get(score_id, ()):
        return None
    score = vocab_scores.get(score_id)
    if score.range is None:
        return None
    v = float(value)
    lo, hi = score.range
    if not lo <= v <= hi:
        return None
    return _num(v)


def _vocab_score(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during|on) (?:the )?(?:screening|baseline)(?: visit)?$|\s*at baseline$", "", t)
    t = re.sub(r"^(?:a |an |have |has |having |with )", "", t)
    unit = r"(?:\s*(kg/m2|%|points?))?"
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
        return _Atom(_all(_f(_fact(sid), ">=", lo), _f(_fact(sid), "<=", hi)), sid, confidence=0.85)
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
