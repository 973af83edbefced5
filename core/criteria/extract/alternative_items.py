"""Lab and score thresholds printed as alternatives on separate items, joined by a dangling "or" (issue 16): the
PDQ organ-function blocks "Renal:" over "Creatinine no greater than 1.5 mg/dL OR" and "Creatinine clearance at least
60 mL/min", "Hematopoietic:" over "Absolute granulocyte count at least 1,500/mm^3 OR" and "WBC at least 3,000/mm^3".

``propose_tree`` leaves every item next to a dangling "or" unread (each alone would be a requirement the patient
need not meet). A run of such items is read here as one statement: every item of the run gets the same rule, any
of the thresholds (to include, meeting one is enough; to exclude, one present excludes). Under a heading whose
items are all required ("Renal:"), the run then counts once as the alternative it is.

Precision first: only runs whose every item reads in full as lab or score thresholds (``_ALLOWED``), with no step
and no question for the clinician; in an inclusion list, only positive requirements ("No creatinine above 2 OR"
is not read). A run beside a lone "or" item, a lead-in, a sub-list, or an item of the other kind is not read.
"""

from __future__ import annotations

import dataclasses

from core.criteria.extract import rx as re
from core.criteria.extract.normalise import _norm
from core.criteria.extract.propose import _cached
from core.criteria.extract.rule import Proposal, _any, describe_rule
from core.matching.rules import rule_facts
from core.patient.facts import LABS
from core.trial_record import INCLUSION, CriterionNode, criterion_keys

_OR_END = re.compile(r"\s*\b(?:or|and/or)\s*[.;,]?\s*$", re.IGNORECASE)
_OR_START = re.compile(r"^\s*(?:or|and/or)\b\s*", re.IGNORECASE)
# facts of laboratory results and of scores (organ function, performance status)
_FIXED = frozenset({*LABS, *(f"{lab}_x_uln" for lab in LABS), *(f"{lab}_below_lln" for lab in LABS), "ecog",
                    "nyha_class", "lvef_percent", "das28_esr", "das28_crp"})
_ALLOWED = re.compile(r"^(?:lab|lab_x_uln|lab_below_lln|score):")


def runs(criteria: list[CriterionNode]) -> list[list[str]]:
    """Keys of sibling items joined one to the next by a dangling "or" ("A OR" then "B", or "A" then "OR B"), each
    run whole: no lead-in, sub-list or lone "or" among them, every item of one kind."""
    groups: dict[str | None, list[tuple[str, CriterionNode]]] = {}
    for key, parent, node in criterion_keys(criteria):
        groups.setdefault(parent, []).append((key, node))
    out: list[list[str]] = []
    for items in groups.values():
        texts = [_norm(node.text).strip() for _key, node in items]
        run: list[int] = []
        for i in range(len(items)):
            joined = i + 1 < len(items) and items[i + 1][1].kind == items[i][1].kind and (
                bool(_OR_END.search(texts[i])) or bool(_OR_START.match(texts[i + 1])))
            run.append(i)
            if joined:
                continue
            if len(run) > 1 and _whole(run, items, texts):
                out.append([items[j][0] for j in run])
            run = []
    return out


def _whole(run: list[int], items: list[tuple[str, CriterionNode]], texts: list[str]) -> bool:
    """A run with a first item not continuing one before it, a last one not running on, and only plain items."""
    if _OR_START.match(texts[run[0]]) or _OR_END.search(texts[run[-1]]):
        return False
    for j in run:
        bare = _OR_START.sub("", _OR_END.sub("", texts[j])).strip(" .;,")
        if items[j][1].children or not bare or re.search(r"(?::|--)\s*$", items[j][1].text.strip()):
            return False
    return True


def _plain(rule: object) -> bool:
    """Only comparisons joined by all / any / not: no step, question or reference."""
    if not isinstance(rule, dict):
        return False
    if "fact" in rule:
        return True
    parts = rule.get("all") or rule.get("any") or ([rule["not"]] if "not" in rule else [])
    return bool(parts) and len(rule) == 1 and all(_plain(p) for p in parts)


def _thresholds_only(rule: dict) -> bool:
    facts = rule_facts(rule)
    return _plain(rule) and bool(facts) and all(f in _FIXED or _ALLOWED.match(f) for f in facts)


def read_run(items: list[tuple[str, str]]) -> Proposal | None:
    """One proposal for a run of ``(text, kind)`` items (their lead-ins already put in), or None."""
    proposals = []
    for text, kind in items:
        bare = _OR_START.sub("", _OR_END.sub("", text.strip().rstrip(" .;,")))
        proposal, positive = _cached(bare, kind)
        if proposal is None or not _thresholds_only(proposal.rule) or (kind == INCLUSION and not positive):
            return None
        proposals.append(proposal)
    rules: list[dict] = []
    for p in proposals:  # "ECOG 0-2 OR" / "WHO 0-2": one scale written twice
        if p.rule not in rules:
            rules.append(p.rule)
    rule = _any(*rules) if len(rules) > 1 else rules[0]
    return Proposal(rule=rule, description=describe_rule(rule),
                    pattern="+".join(dict.fromkeys(p.pattern for p in proposals)) + "+or_items",
                    span=" or ".join(p.span for p in proposals), confidence=min(p.confidence for p in proposals),
                    parts=tuple(part for p in proposals for part in p.parts))


def copy_for(proposal: Proposal) -> Proposal:
    """A proposal of its own for each item of the run (callers may edit the rule)."""
    import copy

    return dataclasses.replace(proposal, rule=copy.deepcopy(proposal.rule))
