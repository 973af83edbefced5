"""A bracketed gloss after a condition: "Progressive systemic sclerosis (scleroderma)", "oral candidiasis (thrush)",
"Mycosis fungoides (cutaneous T-cell lymphoma)" (h-cond8).

When the bracket holds nothing but one condition of the vocabulary, and that condition is the one named right
before it or a broader one (a synonym, a lay name, the group it belongs to), the bracket says nothing the name
before it does not: it is dropped and the narrower name is read. Never the other way round: a bracket naming a
narrower or another concept restricts or adds ("heart disease (congestive heart failure)", "hepatitis (viral or
bacterial)", "(LVEF < 35 %)") and stays, so the item reads as before (mostly not at all). Abbreviations in
brackets are ``normalise._drop_acronyms``'s.
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re

_BRACKET = re.compile(r"\s*\(\s*([^()]{2,60}?)\s*\)")


def _broader_or_same(outer: str, inner: str) -> bool:
    from core.vocab import conditions

    return inner == outer or conditions.covers(inner, outer)


def drop_glosses(text: str) -> str:
    """``text`` without the brackets that only restate the condition before them (unchanged when there is none)."""
    for m in reversed(list(_BRACKET.finditer(text))):
        inner = concepts.whole(m.group(1), ("condition",))
        if inner is None:
            continue
        before = text[:m.start()].rstrip()
        found = concepts.find(before, ("condition",))
        if not found or found[-1].end != len(before):
            continue
        if _broader_or_same(found[-1].concept_id, inner.concept_id):
            text = text[:m.start()] + text[m.end():]
    return text
