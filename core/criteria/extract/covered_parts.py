"""A list whose last member is the class of the others: "generalized anxiety disorder, depression or other
psychiatric illness", "asthma or other lung disease" (h-cond8).

``normalise`` reads "A, B or other C" as "A, B or C" (A or B or C other than them is A or B or C). When C covers A
and B in the vocabulary, the parts for A and B say nothing C does not: a condition fact holds every concept below its
own (``condition:<id>``, ``condition_current:<id>``, ``condition_recent_years:<id>`` are taken over the diagnoses at
or under ``<id>``), so "A or C" is C, unknowns included. The rule keeps C alone, the class the criterion counts.
Only when the criterion itself says "or other C" (it files A and B under C): "mental disorder or substance abuse"
keeps both parts, whatever the vocabulary files where — the question names what the criterion names. Only parts of
one fact kind with the same comparison are merged; anything else stays as it is.
"""

from __future__ import annotations

import re

_KINDS = ("condition", "condition_current", "condition_recent_years")
_OR_OTHER = re.compile(r"\b(?:or|and/or)\s+(?:any\s+)?other\s+(?!than\b)", re.IGNORECASE)


def _key(part: dict) -> tuple[str, str, str, object] | None:
    fact = part.get("fact") if isinstance(part, dict) else None
    if not isinstance(fact, str) or ":" not in fact or set(part) != {"fact", "op", "value"}:
        return None
    kind, _, concept = fact.partition(":")
    return (kind, concept, part["op"], part["value"]) if kind in _KINDS and "|" not in concept else None


def drop_covered(parts: list) -> list:
    """``parts`` (alternatives) without those a broader alternative of the same kind and comparison covers."""
    from core.vocab import conditions

    keys = [_key(p) for p in parts]
    out = []
    for i, (part, key) in enumerate(zip(parts, keys, strict=True)):
        if key is not None and any(
                other is not None and j != i and other[0] == key[0] and other[2:] == key[2:] and other[1] != key[1]
                and other[1] in conditions.vocabulary() and key[1] in conditions.vocabulary()
                and conditions.covers(other[1], key[1]) for j, other in enumerate(keys)):
            continue
        out.append(part)
    return out


def merge_listed_class(rule: dict, text: str) -> dict:
    """``rule`` with the alternatives its "… or other C" class covers merged into it (unchanged otherwise)."""
    if not _OR_OTHER.search(text) or not isinstance(rule, dict) or not isinstance(rule.get("any"), list):
        return rule
    parts = drop_covered(rule["any"])
    return parts[0] if len(parts) == 1 else {**rule, "any": parts}
