"""Statement reader for a washout with another period for some drugs in brackets: "at least 4 weeks since
prior chemotherapy (6 weeks for nitrosoureas)", "no chemotherapy within the past 4 weeks (6 weeks for
nitrosoureas or mitomycin C)", "at least 4 weeks since prior chemotherapy (1 day for hydroxyurea)", "at least 4
weeks since prior chemotherapy (at least 6 weeks since prior nitrosoureas or mitomycin)".

The statement without the brackets is read by the washout readers of ``treatments.py``; the bracketed
drugs (each below a drug or class of the statement) get their own step with their own period. A longer
period only adds a step (the class's period holds for them too, and is the weaker); a shorter one takes
them out of the class ("chemotherapy other than hydroxyurea", ``except_members``), else the class's period
would still apply to them. Both steps use the washout templates of ``core/matching/rule_texts.py``.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.drug_names import drug_ids, except_members
from core.criteria.extract.rule import _all, _any, _f, _step
from core.criteria.extract.treatments import _since_last_dose, _vocab_drug
from core.vocab import drugs

_WEEKS = {"hour": 1 / 168, "day": 1 / 7, "week": 1.0, "month": 52 / 12}
_BRACKET = re.compile(r"\s*\(\s*(?:>=\s*)?(\d+(?:\.\d+)?)\s*(hours?|days?|weeks?|months?)\s+"
                      r"(?:for|since|with|after|from)\s+"
                      r"(?:(?:the\s+)?(?:prior|previous|last dose of)\s+)?([^()]+?)\s*\)")
_TEXT = re.compile(r"^(Last dose of )(.+?)( (?:more than|at least) )(.+?)( before entry)$")


def _facts(rule: dict) -> tuple[list[str], str, float] | None:
    """The drug ids, operator and weeks of a washout rule: one ``drug_weeks_since`` comparison or an
    all/any of them with one operator and one value."""
    parts = rule.get("all") or rule.get("any") or [rule]
    if not all(isinstance(p.get("fact"), str) and p["fact"].startswith("drug_weeks_since:") for p in parts):
        return None
    if len({(p["op"], p["value"]) for p in parts}) != 1:
        return None
    return [p["fact"].split(":", 1)[1] for p in parts], parts[0]["op"], parts[0]["value"]


def _washout_exception(s: str, mode: str) -> _Atom | None:
    """Two washouts: the statement's and the bracketed drugs' own period."""
    t = s.strip()
    m = _BRACKET.search(t)
    if m is None or _BRACKET.search(t, m.end()) or "(" in t[: m.start()] + t[m.end():]:
        return None
    rest = (t[: m.start()] + " " + t[m.end():]).strip()
    rest = re.sub(r"\s+", " ", rest)
    atom = _since_last_dose(rest, mode) or _vocab_drug(rest, mode)
    if atom is None or atom.name not in ("drug_since", "drug_window") or "step" not in atom.rule:
        return None
    step, inner = atom.rule["step"], atom.rule["rule"]
    read, text = _facts(inner), _TEXT.match(step["text"])
    other = drug_ids(m.group(3))
    if read is None or text is None or other is None:
        return None
    ids, op, weeks = read
    own, own_names = other
    if not all(any(drugs.is_a(o, i) for i in ids) for o in own):
        return None  # "4 weeks since chemotherapy (8 weeks for radiotherapy)": not a kind of the drugs read
    own_weeks = round(float(m.group(1)) * _WEEKS[m.group(2).rstrip("s")], 4)
    names = text.group(2)
    if own_weeks == weeks:
        return None
    if own_weeks < weeks:
        if len(ids) != 1:
            return None
        ids = except_members(ids[0], own)
        if not ids or len(ids) > 30:
            return None
        names = f"{names} other than {own_names}"
    join = _all if mode == "req" else _any
    at_least = text.group(3).strip() == "at least"

    def washout(cids: list[str], w: float, names: str, window: str) -> dict:
        rule = join(*[_f(f"drug_weeks_since:{c}", op, w) for c in cids])
        # the texts written out in the calls: core/matching/rule_texts.py translates them by their templates
        if at_least:
            return _step(step["kind"], f"Last dose of {names} at least {window} before entry", rule)
        return _step(step["kind"], f"Last dose of {names} more than {window} before entry", rule)

    own_window = f"{m.group(1)} {m.group(2)}"
    rule = join(washout(ids, weeks, names, text.group(4)), washout(own, own_weeks, own_names, own_window))
    return _Atom(rule, atom.name, confidence=0.8, words=s)
