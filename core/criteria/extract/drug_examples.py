"""Example drugs a class does not hold: "no concurrent CYP3A4 inhibitors (e.g., verapamil, erythromycin, miconazole)",
"immunomodulators such as levamisole or isoprinosine" (issue 16 round 9).

``examples.drop_covered_examples`` drops an example list whose every member the class before it already covers. When
the vocabulary does not file an example under the class (miconazole is no CYP3A4 inhibitor there), dropping the list
would let a patient on that example through: the criterion names it as one of the drugs meant. Here every example is
a whole drug of the vocabulary, and the ones the class does not cover are kept beside it as members of the list
("CYP3A4 inhibitors or miconazole"): the class and each named drug, any of them, which is what the examples say. An
example that is not a whole drug ("prednisone > 10 mg/day", "nucleoside analogs", a condition) leaves the text as
written, so the refusal of the example words stands.
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.vocab import drugs

_SPLIT = re.compile(r"\s*(?:,|;|\bor\b|\band\b|\band/or\b)\s*")
_ARTICLE = re.compile(r"^(?:a|an|the|any)\s+")


def uncovered_examples(head_id: str, examples: str) -> list[str] | None:
    """The examples as written that ``head_id`` does not cover, when every example is a whole drug of the vocabulary
    (None otherwise, or when the class covers them all: nothing to keep)."""
    pieces = [p.strip() for p in _SPLIT.split(examples.strip(" .")) if p and p.strip() and p.strip() not in (
        "etc", "etc.")]
    if not pieces:
        return None
    kept: list[str] = []
    for piece in pieces:
        words = _ARTICLE.sub("", piece)
        if "(" in words or ")" in words:
            return None
        example = concepts.whole(words, kinds=("drug",))
        if example is None or not isinstance(drugs.get(example.concept_id), (drugs.Drug, drugs.DrugClass)):
            return None
        if not drugs.is_a(example.concept_id, head_id):
            kept.append(words)
    return kept or None


def fold(before: str, head: concepts.Mention, examples: str, after: str) -> str | None:
    """``before`` + the uncovered examples joined to the head as list members + ``after``; None when the list is not
    all whole drugs or the head is no drug."""
    if head.kind != "drug":
        return None
    kept = uncovered_examples(head.concept_id, examples)
    if not kept:
        return None
    return f"{before.rstrip(' ,')} or {' or '.join(kept)} {after.strip()}".strip()
