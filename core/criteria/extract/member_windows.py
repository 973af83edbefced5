"""A longer washout for some members of a class, in a bracket after the class's own: "at least 4 weeks since prior
chemotherapy (6 weeks for nitrosoureas or mitomycin)", "chemotherapy within 4 weeks (6 weeks since nitrosoureas)".

The class's washout is read as without the bracket (``treatments``); each member named in the bracket gets a washout
step of its own, with the same comparison and the longer period: all of them in an inclusion ("at least": every
period has passed), any of them in an exclusion ("within": any one still running). Two steps, each written as every
washout step is, so the patient's list shows both.

Only a longer period, and only for drugs under the class the item names: a shorter one ("4 weeks since prior cytotoxic
therapy (2 weeks for vincristine)") relaxes the class's washout for that member, which the class's fact cannot say, and
a member outside the class ("(8 weeks for strontium)" after chemotherapy, "(6 weeks for extensive radiotherapy)") or
any other words ("(2 weeks if weekly regimen)", "(6 months for PBC)") give no rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.criteria.extract import rx as re
from core.criteria.extract.drug_names import drug_ids
from core.vocab import drugs

_WEEKS = {"day": 1 / 7, "week": 1.0, "month": 52 / 12}
# "(6 weeks for nitrosoureas or mitomycin)", "(at least 6 weeks since prior nitrosoureas)", "(6 weeks for mitomycin c)"
_BRACKET = re.compile(r"\s*\((?:>=\s*|at least\s+)?(\d+)\s*(days?|weeks?|months?)\s+(?:for|since)\s+"
                      r"(?:(?:any\s+)?(?:prior|previous)\s+)?([^()]+?)\s*\)$")


@dataclass(frozen=True)
class Longer:
    """The members' longer period, as written, and their drug words."""

    number: str
    unit: str
    members: str


def split(text: str) -> tuple[str, Longer | None]:
    """The statement without a trailing "(N weeks for <drugs>)" bracket, and the bracket; the text itself and None
    when there is none."""
    m = _BRACKET.search(text)
    if m is None or m.start() == 0:
        return text, None
    return text[: m.start()].rstrip(" ,"), Longer(m.group(1), m.group(2), m.group(3))


def _washout(rule: dict) -> tuple[str, list[str], float] | None:
    """(op, class ids, weeks) of a rule that is one washout step over drug_weeks_since facts, else None."""
    step = rule.get("step")
    if not isinstance(step, dict) or step.get("kind") != "washout":
        return None
    inner = rule["rule"]
    parts = inner.get("all") or inner.get("any") or [inner]
    facts = [p.get("fact", "") for p in parts]
    if not all(f.startswith("drug_weeks_since:") for f in facts) or len({p.get("op") for p in parts}) != 1:
        return None
    if len({p.get("value") for p in parts}) != 1:
        return None
    op = parts[0]["op"]
    if "all" in inner and op not in (">=", ">") or "any" in inner and op not in ("<", "<="):
        return None
    return op, [f.partition(":")[2] for f in facts], float(parts[0]["value"])


def apply(rule: dict, longer: Longer) -> dict | None:
    """The class's washout step with a step for the members' longer period beside it; None unless ``rule`` is one
    washout step and every member, read in full, is a drug under one of its classes with a longer period."""
    read = _washout(rule)
    members = drug_ids(longer.members)
    if read is None or members is None:
        return None
    op, classes, weeks = read
    ids, names = members
    if not all(any(m != c and drugs.is_a(m, c) for c in classes) for m in ids):
        return None  # a member outside the class, or the class itself
    member_weeks = round(int(longer.number) * _WEEKS[longer.unit.rstrip("s")], 4)
    if member_weeks <= weeks:
        return None  # a shorter period relaxes the class's washout: not said by its fact
    words = f"{longer.number} {longer.unit}"
    facts = [{"fact": f"drug_weeks_since:{m}", "op": op, "value": member_weeks} for m in ids]
    # the texts written as the washout readers write them (core/matching/rule_texts.py translates them): "at least"
    # for ">=" (and "<=": not within N is N or more), "more than" for ">" (and "<": within N)
    text = f"Last dose of {names} {'at least' if op in ('>=', '<=') else 'more than'} {words} before entry"
    joined = "all" if op in (">=", ">") else "any"
    inner = facts[0] if len(facts) == 1 else {joined: facts}
    return {joined: [rule, {"step": {"kind": "washout", "text": text}, "rule": inner}]}
