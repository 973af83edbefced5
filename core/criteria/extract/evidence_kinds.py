"""The kinds of evidence named before a condition: "No clinical or laboratory evidence of hepatic disease",
"clinical or radiologic evidence of ascites". Evidence of X is X present now, whatever shows it, so the kinds are
dropped ("no evidence of hepatic disease") -- but only when the text without them is read as the condition
**now** (``condition_current:<id>``) and nothing else: that fact says exactly "X is present now". A reading as
has-or-had ("no clinical or radiologic evidence of metastatic disease" -> ``condition:metastatic_disease``) would
say more than the text, so the kinds stay and the item stays unread.
"""

from __future__ import annotations

from core.criteria.extract import rx as re

_KIND = r"(?:clinical(?:ly)?|laboratory|lab|radiologic(?:al)?|radiographic|biochemical|serologic(?:al)?|imaging)"
_KINDS = re.compile(rf"\b{_KIND}(?:\s*(?:,|or|and|and/or|/)\s*{_KIND})*\s+(?=evidence of\b)")


def drop_kinds(t: str, kind: str) -> str:
    """``t`` without the kinds of evidence when what is left reads as conditions present now only; else ``t``."""
    if not _KINDS.search(t):
        return t
    shorter = _KINDS.sub("", t, count=1)
    from core.criteria.extract.propose import propose_rule  # the reader of the whole statement; read lazily

    proposal = propose_rule(shorter, kind)
    if proposal is None or not _only_now(proposal.rule):
        return t
    return shorter


def _only_now(rule: dict) -> bool:
    """Every comparison of the rule is on a ``condition_current:`` fact (under all/any/not)."""
    for key in ("all", "any"):
        if key in rule:
            return bool(rule[key]) and all(_only_now(r) for r in rule[key])
    if "not" in rule:
        return _only_now(rule["not"])
    return isinstance(rule.get("fact"), str) and rule["fact"].startswith("condition_current:")
