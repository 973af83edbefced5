"""Stage 2: find the vocabularies' concepts in criterion text by dictionary matching.

One Aho-Corasick automaton (``pyahocorasick``) over every term of the condition, drug, lab and
score vocabularies (their ``terms()``: names, synonyms, abbreviations; an ambiguous term appears
only under its broader concept, so "scleroderma" finds the scleroderma group). Matching is on a
lower-cased copy of the text; a case-sensitive term (an abbreviation: "MS" is not "ms") must also
match the original letters. A match must start and end at word boundaries; of overlapping matches
the longest wins ("rheumatoid arthritis" over "arthritis"), then the leftmost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from core.criteria.extract import histology, narrow_terms

KINDS = ("condition", "drug", "lab", "score")  # what ``find`` looks for unless told
# Procedures are in the automaton too, found only when asked for (``find(text, kinds=("procedure",))``):
# the older readers' longest matches stay as they were.
ALL_KINDS = (*KINDS, "procedure")
_MIN_LENGTH = 2  # one-letter terms are never read in free text
# The extractor reads lower-cased text. An abbreviation of 4+ letters is then still accepted in lower
# case ("nsaids", "copd") unless its lower-case form is an ordinary word ("aids", "dress", "crest").
_LOWER_OK_LENGTH = 4
_ORDINARY_WORDS = frozenset({"aids", "caps", "crest", "dress", "dish", "pres", "mash", "nash", "lama", "lymph",
                             "neut", "bari", "pred", "prednisone", "capsule", "moca", "more", "care"})
# three-letter drug abbreviations that are no English word, accepted in lower case too ("mtx" = MTX)
_LOWER_OK_TERMS = frozenset({"mtx", "hcq", "ssz"})
# The criterion as written, while it is read: the readers work on a lower-cased copy, so a case-sensitive
# abbreviation ("MAS", "MS") found there in lower case counts when the criterion writes it in its own case.
_ORIGINAL: ContextVar[str] = ContextVar("criterion_as_written", default="")


@contextmanager
def reading(original: str) -> Iterator[None]:
    """Within this block, ``find`` accepts a case-sensitive term in lower case when ``original`` (the
    criterion as written) has it as a whole word in its own case."""
    token = _ORIGINAL.set(original or "")
    try:
        yield
    finally:
        _ORIGINAL.reset(token)


def criterion_as_written() -> str:
    """The criterion being read, as written (inside ``reading``; empty outside): for a reader of one part that
    must know a word elsewhere in the criterion (``treatments``: "history of … or use of X"; ``lab_levels``: a number
    anywhere in it)."""
    return _ORIGINAL.get()


@lru_cache(maxsize=4096)
def _written_as(original: str, term: str) -> bool:
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(term)}s?(?![A-Za-z0-9])", original) is not None


@dataclass(frozen=True)
class Mention:
    """One concept named in a text: ``text[start:end]``."""

    kind: str  # condition, drug, lab or score
    concept_id: str
    start: int
    end: int
    term: str


def _vocab_terms(kind: str):
    if kind == "condition":
        from core.vocab import conditions

        return conditions.terms()
    if kind == "drug":
        from core.vocab import drugs

        return drugs.terms()
    if kind == "lab":
        from core.vocab import labs

        return labs.terms()
    if kind == "procedure":
        from core.vocab import procedures

        return procedures.terms()
    from core.vocab import scores

    return scores.terms()


@lru_cache(maxsize=1)
def automaton() -> ahocorasick.Automaton:
    """The automaton: lower-cased term -> list of (kind, concept id, term, case_sensitive)."""
    table: dict[str, list[tuple[str, str, str, bool]]] = {}
    for kind in ALL_KINDS:
        for term, concept_id, case_sensitive in _vocab_terms(kind):
            key = _unhyphen(" ".join(term.split()).lower())
            if len(key) < _MIN_LENGTH or kind == "condition" and histology.narrower_than_concept(concept_id, term):
                continue  # too short, or a name narrower than its concept ("adenocarcinoma of the prostate")
            entry = (kind, concept_id, " ".join(term.split()), case_sensitive)
            keys = [key]
            if not case_sensitive and len(key) >= 4 and key[-1].isalpha() and not key.endswith("s"):
                keys.append(key + "s")  # a plain plural: "NSAIDs", "biologics"
            for k in keys:
                entries = table.setdefault(k, [])
                if entry not in entries and (k == key or not any(e[:2] == entry[:2] for e in entries)):
                    entries.append(entry)
    auto = ahocorasick.Automaton()
    for key, entries in table.items():
        auto.add_word(key, (key, tuple(entries)))
    auto.make_automaton()
    return auto


def _unhyphen(text: str) -> str:
    """A hyphen between word characters read as a space ("AIDS-related complex" is "AIDS related complex",
    "insulin-dependent diabetes mellitus" is "insulin dependent diabetes mellitus"); the length is kept, so
    offsets into the text stay valid."""
    return _HYPHEN.sub(" ", text)


_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def _boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not before.isalnum() and not after.isalnum()


def find(text: str, kinds: tuple[str, ...] = KINDS) -> list[Mention]:
    """The concepts named in ``text``, longest non-overlapping matches, left to right."""
    lowered = _unhyphen(text.lower())
    candidates: list[Mention] = []
    for end_index, (key, entries) in automaton().iter(lowered):
        start, end = end_index - len(key) + 1, end_index + 1
        if not _boundary(lowered, start, end):
            continue
        for kind, concept_id, term, case_sensitive in entries:
            if kind not in kinds:
                continue
            if case_sensitive and text[start:end] not in (term, term + "s"):
                found = text[start:end]
                if not (found.islower() and (len(key) >= _LOWER_OK_LENGTH and key not in _ORDINARY_WORDS
                                             or key in _LOWER_OK_TERMS
                                             or _written_as(_ORIGINAL.get(), term))):
                    continue
            if kind == "drug" and narrow_terms.narrower(concept_id, term):
                continue  # "birth control pills" is not every hormonal contraceptive (h-judge8)
            candidates.append(Mention(kind, concept_id, start, end, term))
    candidates.sort(key=lambda m: (-(m.end - m.start), m.start, ALL_KINDS.index(m.kind)))
    chosen: list[Mention] = []
    for m in candidates:
        if all(m.end <= c.start or m.start >= c.end for c in chosen):
            chosen.append(m)
        elif any(c.start == m.start and c.end == m.end and c.kind == m.kind for c in chosen):
            continue
    chosen.sort(key=lambda m: m.start)
    return chosen


def whole(text: str, kinds: tuple[str, ...] = KINDS) -> Mention | None:
    """The one concept ``text`` names in full (after trimming spaces and full stops), or None."""
    t = text.strip(" .,;")
    offset = text.find(t)
    hits = [m for m in find(t, kinds) if m.start == 0 and m.end == len(t)]
    if len(hits) != 1:
        return None
    m = hits[0]
    return Mention(m.kind, m.concept_id, m.start + offset, m.end + offset, m.term)
