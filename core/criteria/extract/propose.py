"""The public readers: ``propose_rule`` for one criterion (polarity by kind) and ``propose_rules``
for a criteria tree (lead-ins, headings and scoped groups)."""

from __future__ import annotations

import copy
import dataclasses
from collections import Counter
from functools import lru_cache
from typing import Any

from core.criteria.extract import concepts, half_lives, stable_doses
from core.criteria.extract import rx as re
from core.criteria.extract.logic import _read_body
from core.criteria.extract.normalise import (
    _EXCLUDED_SUFFIX,
    _NEG_PREFIX,
    _PERMISSIVE_WORDS,
    _REFUSE,
    _REQUIREMENT_WORDS,
    _clean_end,
    _drop_any_sex,
    _norm,
)
from core.criteria.extract.people import _compliance, _consent
from core.criteria.extract.rule import Proposal, describe_rule, has_step, negate
from core.criteria.split import unescape_markdown
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, criterion_keys

# ---------------------------------------------------------------------------------------
# the public readers


def propose_rule(text: str, kind: str) -> Proposal | None:
    """A rule for one criterion the extractor understands, or None."""
    return _cached(text, kind)[0]


def _cached(text: str, kind: str) -> tuple[Proposal | None, bool]:
    """``_propose`` once per normalised text: "Pregnant or breastfeeding women" in 500 trials is read once.
    Each caller gets its own copy of the rule (callers may edit it)."""
    key = " ".join((text or "").split())
    proposal, positive = _propose_once(key, kind)
    if proposal is not None:
        proposal = dataclasses.replace(proposal, rule=copy.deepcopy(proposal.rule))
    return proposal, positive


@lru_cache(maxsize=50_000)
def _propose_once(text: str, kind: str) -> tuple[Proposal | None, bool]:
    with concepts.reading(text):  # abbreviations written in their own case count in the lower-cased copy
        return _propose(text, kind)


def why_no_rule(text: str, kind: str) -> str:
    """Plain words for why ``propose_rule`` gives no rule (call it only when it gives none)."""
    if kind not in (INCLUSION, EXCLUSION):
        return f"unknown kind {kind!r}: inclusion or exclusion"
    if not text or not text.strip():
        return "the criterion is empty"
    if re.search(r"(?::|--|：)\s*$", text):
        return "a heading or lead-in: its meaning is in the items under it"
    t = _clean_end(_norm(text))
    if len(t) > 400:
        return "too long to be read as one statement"
    refused = _REFUSE.search(t)
    if refused:
        return (f"the words \u201c{refused.group(0).strip()}\u201d change the meaning in a way the extractor "
                "does not model (judgement, a condition, an example list, a scope …): asked of the clinician")
    return "no part of it is a statement the extractor understands in full: asked of the clinician"


def _propose(text: str, kind: str) -> tuple[Proposal | None, bool]:
    """The proposal, and whether it is a positive inclusion requirement (not a negated condition)."""
    if kind not in (INCLUSION, EXCLUSION) or not text or not text.strip():
        return None, False
    if re.search(r"(?::|--|：)\s*$", text):
        return None, False  # a lead-in or heading: its meaning is in the items under it
    t = _clean_end(_norm(text))
    t = re.sub(r"^(?:for all (?:patients|subjects|participants|groups)\s*:\s*|all (?:patients|subjects)\s*:\s*"
               r"|(?:hematopoietic|haematopoietic|hepatic|renal|cardiovascular|pulmonary|other|performance status"
               r"|age|sex|gender|demographics?|laboratory|labs?)\s*(?::|--|-)\s*)", "", t)
    t = _clean_end(_drop_any_sex(t))
    t = re.sub(r"^eligible (?:patients|subjects|participants)\s+", "", t)  # "Eligible patients must not …"
    t, half = half_lives.split(t)  # "within 30 days or 5 half-lives, whichever is longer": put back below
    t, stable = stable_doses.split(t) if kind == INCLUSION else (t, None)  # "stable dose of X for 4 weeks"
    if not t or len(t) > 400 or _REFUSE.search(t):
        return None, False
    if t.endswith((" or", " and", ":")):
        return None, False
    negate_rule = False
    mode = "cond" if kind == EXCLUSION else "req"
    suffix = _EXCLUDED_SUFFIX.search(t)
    if suffix:
        t = _clean_end(t[: suffix.start()])
        t = re.sub(r"^(?:patients|subjects|participants|individuals|women|females)\s+(?:with|who (?:are|have|has)"
                   r"(?: had)?)\s+", "", t)
        if kind == INCLUSION:
            negate_rule, mode = True, "cond"
        if _NEG_PREFIX.match(t) and _NEG_PREFIX.match(t).end() > 0:
            return None, False
    if kind == INCLUSION and not suffix:
        m = _NEG_PREFIX.match(t)
        if m and m.end() > 0:
            t = _clean_end(t[m.end():])
            negate_rule, mode = True, "cond"
    if kind == EXCLUSION:
        if re.match(r"^(?:no|not|none|absence of|without|never)\b", t) and not _consent(t, "cond"):
            return None, False
    if not t or re.search(r"\bexclu|\beligib|\binclu(?!sive)|\benroll?ed\b", t):
        return None, False
    if kind == EXCLUSION and _REQUIREMENT_WORDS.search(t) and not (_consent(t, "cond") or _compliance(t, "cond")):
        return None, False
    if kind == INCLUSION and _PERMISSIVE_WORDS.search(t):
        return None, False
    reading = _read_body(t, mode)
    if reading is None:
        return None, False
    rule = half_lives.apply(copy.deepcopy(reading.rule), half) if half else reading.rule
    if rule is None:
        return None, False
    if stable and (negate_rule or mode != "req" or (rule := stable_doses.apply(rule, stable)) is None):
        return None, False
    rule = negate(rule) if negate_rule else rule
    rule = _fill_text(rule, _clean_end(unescape_markdown(text).strip()))
    if rule_problems(rule):
        return None, False
    proposal = Proposal(rule=rule, description=describe_rule(rule), pattern="+".join(dict.fromkeys(reading.names)),
                        span=t, confidence=round(reading.confidence, 2), parts=tuple(reading.parts),
                        modifiable=has_step(rule))
    return proposal, mode == "req"


def _fill_text(rule: Any, text: str) -> Any:
    """Put the criterion's own words into confirm questions that quote it."""
    if isinstance(rule, dict):
        out = {k: _fill_text(v, text) for k, v in rule.items()}
        if isinstance(out.get("confirm"), str):
            out["confirm"] = out["confirm"].replace("{TEXT}", text)
        return out
    if isinstance(rule, list):
        return [_fill_text(r, text) for r in rule]
    return rule


_NEUTRAL_HEADING = re.compile(
    r"^(?:protocol entry criteria|disease characteristics|prior/concurrent therapy|patient characteristics"
    r"|(?:inclusion|exclusion|eligibility|selection)(?: criteria)?|hematopoietic|haematopoietic|hepatic|renal"
    r"|cardiovascular|pulmonary|other|general|demographics|laboratory(?: values)?|medical history"
    r"|prior (?:and|/) concomitant (?:therapy|medications?)|concomitant medications?)\s*(?:-+|:)?\s*$", re.IGNORECASE)
_ALL_LEADIN = re.compile(r"\b(?:each|all) of the following\b|^(?:patients?|subjects?|participants?) (?:must|should)"
                         r" (?:have|be|meet)\s*:?\s*$", re.IGNORECASE)
_ANY_EXCLUSION_LEADIN = re.compile(r"(?:any|one or more) (?:one )?of the following|with any of the following"
                                   r"|^(?:patients?|subjects?|participants?) with the following [\w\s]{0,40}"
                                   r"(?:are|will be) excluded\s*:?\s*$"
                                   r"|following conditions will be excluded|^(?:use|prior use|receipt) of the following"
                                   r"(?: (?:therapies|medications|drugs|treatments))?(?: prior to (?:enrollment"
                                   r"|enrolment"
                                   r"|screening|randomi[sz]ation|baseline))?\s*[.:]?$", re.IGNORECASE)
_NEG_LEADIN = re.compile(r"\b(?:no|not|none|without|never|exclu\w*|exlcu\w*|ineligible)\b", re.IGNORECASE)
_SCOPE_LEADIN = re.compile(r"\b(?:only|groups?|part|arms?|strat\w*|cohorts?|for|if|when|controls?|healthy|volunteers?"
                           r"|normal|siblings?|sibs?|relatives?|mothers?|fetus|study|studies|trial|protocol|mri"
                           r"|biops\w*|randomi[sz]ation)\b", re.IGNORECASE)
_LIST_LEADIN = re.compile(r"\b(?:following|include[sd]?|including|with|as follows|defined|of|any|either|criteria)\b",
                          re.IGNORECASE)
_ANY_CHILDREN = re.compile(
    r"^(?:at screening,?\s*)?(?:(?:patients?|subjects?)\s+)?(?:must|should)?\s*(?:have|meet|fulfil\w*|satisfy|show)?\s*"
    r"(?:at least (?:one|1)|any one|any|one|either)\s+of the following(?: criteria| conditions| features)?\s*:?$",
    re.IGNORECASE)


# "Exclusion criteria:" printed inside the inclusion list: the items under it are exclusions, so an
# inclusion item there means "not" what it says (the labels' reading too).
_EXCLUSION_HEADING = re.compile(r"^(?:exclu\w*|exlcu\w*)(?: criteria)?\s*:\s*$", re.IGNORECASE)


def _flipped(text: str) -> Proposal | None:
    """An item under an exclusion heading of the inclusion list: the exclusion reading, negated."""
    proposal, _positive = _cached(text, EXCLUSION)
    if proposal is None:
        return None
    rule = negate(proposal.rule)
    return dataclasses.replace(proposal, rule=rule, description=describe_rule(rule))


_PLACEHOLDER = re.compile(r"^(?:not specified|none|n/a|not applicable|see .*|.*:)$")
_FIELD_HEADING = re.compile(r"^(age|sex|gender)\s*(?::|--)\s*$", re.IGNORECASE)


def _leadin_kind(text: str, kind: str) -> str:
    """How a lead-in or parent affects the items under it: neutral, list or block."""
    t = text.strip()
    if _NEUTRAL_HEADING.match(t):
        return "neutral"
    if _FIELD_HEADING.match(t):
        return "neutral"
    if _ALL_LEADIN.search(t) and not _NEG_LEADIN.search(t) and not _SCOPE_LEADIN.search(t.replace("study", "")):
        return "neutral"
    if kind == EXCLUSION and _ANY_EXCLUSION_LEADIN.search(t) and not _SCOPE_LEADIN.search(t):
        return "neutral"
    if kind == INCLUSION and _EXCLUSION_HEADING.match(t):
        return "flip"
    if _NEG_LEADIN.search(t) or _SCOPE_LEADIN.search(t):
        return "block"
    if _LIST_LEADIN.search(t):
        return "list"
    return "block"


def _is_leadin(text: str) -> bool:
    return bool(re.search(r"(?::|--)\s*$", text.strip()))


def propose_rules(criteria: list[CriterionNode]) -> dict[str, Proposal | None]:
    """Proposals for every item of a criteria tree, keyed like ``criterion_keys``.

    Items whose meaning depends on a parent or a preceding lead-in that is not a plain
    heading get None: under "None of the following:" or a scoped group ("For group 2:",
    "Healthy controls:") nothing is proposed; after a top-level "one of the following:" /
    "with:" lead-in whose items follow as siblings, positive requirements are not proposed
    (they may be alternatives), while negated conditions still are. A parent whose whole
    text is "at least one of the following:" gets ``{"children": "any"}``.
    """
    out: dict[str, Proposal | None] = {}
    nodes: dict[str, CriterionNode] = {}
    parents: dict[str, str | None] = {}
    after: dict[str, str] = {INCLUSION: "neutral", EXCLUSION: "neutral"}
    # The same item printed twice among the top-level items ("18 years of age or older" under
    # each of several disease cohorts) means the flat list hides cohorts: nothing is proposed.
    seen: dict[str, Counter[str]] = {INCLUSION: Counter(), EXCLUSION: Counter()}
    for node in criteria:
        text = _norm(node.text).strip(" .;,")
        if not _PLACEHOLDER.match(text):  # "Not specified" under each PDQ heading hides no cohorts
            seen[node.kind][text] += 1
    cohorts = {kind: any(n > 1 for text, n in counts.items() if text) for kind, counts in seen.items()}
    for key, parent, node in criterion_keys(criteria):
        if cohorts[node.kind]:
            out[key] = None
            continue
        nodes[key] = node
        parents[key] = parent
        ancestors = []
        p = parent
        while p is not None:
            ancestors.append(nodes[p])
            p = parents[p]
        contexts = [_leadin_kind(a.text, node.kind) for a in ancestors]
        if parent is None and not node.children and _is_leadin(node.text):
            after[node.kind] = _leadin_kind(node.text, node.kind)
            out[key] = None
            continue
        if parent is None:
            contexts.append(after[node.kind])
        if "block" in contexts:
            out[key] = None
            continue
        if node.children and _ANY_CHILDREN.match(_norm(node.text).replace(">= 1", "at least 1")) \
                and not _NEG_LEADIN.search(node.text):
            rule = {"children": "any"}
            out[key] = Proposal(rule=rule, description=describe_rule(rule), pattern="children_any",
                                span=_norm(node.text), confidence=0.9)
            continue
        text = node.text
        heading = _FIELD_HEADING.match(nodes[parent].text.strip()) if parent is not None else None
        if heading:  # "Age:" over "65 and under": the heading names what the number is
            text = f"{heading.group(1)} {text}"
        if "flip" in contexts:
            out[key] = _flipped(text)
            continue
        proposal, positive = _cached(text, node.kind)
        if proposal is not None and positive and parent is None and after[node.kind] == "list":
            proposal = None
        out[key] = proposal
    return out


