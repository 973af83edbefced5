"""Statement readers over the vocabularies: a condition or a drug (or a list of them) named by the
concept finder, with the words around it read for time (history, current use, a window).

Each reader accepts a statement only when every word is accounted for: lead words from a closed
list ("history of", "prior treatment with"), one or more concept mentions joined by "," / "or" /
"and", and a closed list of time words. ConText (``context.py``) must find no negation,
uncertainty, hypothetical or family trigger on a mention: the polarity words were consumed before,
so any left means the statement says something else ("suspected lupus", "family history of").

Rules use the vocabulary facts of ``docs/rules.md``: ``condition:<id>`` (has or had, narrower
concepts included), ``drug_ever:<id>``, ``drug_current:<id>``, ``drug_weeks_since:<id>``. Where the
patient can change the fact before enrolment (a drug taken within a window, a current drug in an
exclusion), the part is a step node: a washout or stopping the drug is arranged, never excluded.
"""

from __future__ import annotations

from core.criteria.extract import concepts, context
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _any, _yes

# conditions with a fact of their own, read by their own readers (pregnant, lactating)
_OWN_FACT = frozenset({"pregnancy", "breastfeeding", "lactation"})
_BLOCKING = {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HYPOTHETICAL", "FAMILY"}
_JOIN = re.compile(r"^(?:\s*,\s*(?:and/or|or|and)?|\s+(?:and/or|or|and)|\s*/)\s*$")

_COND_LEAD = re.compile(
    r"^(?:(?:patients?|subjects?|participants?|individuals?|women|men)\s+)?"
    r"(?:(?:with|who (?:have|has) (?:had )?|having|suffering from)\s+)?"
    r"(?:(?:a |an )?(?:(?:known|documented|confirmed|established|clinical|prior|previous|past|positive|medical)\s+)*"
    r"(?:history|diagnosis|dx|h/o)\s+(?:of\s+)?)?(?:(?:known|documented|confirmed|established|diagnosed)\s+)?")
_COND_TAIL = re.compile(r"\s*(?:\b(?:ever|at any time|in the past|previously)|\((?:any grade)\))$")

_DRUG_NOUN = r"(?:\s+(?:therapy|therapies|treatment|treatments|agents?|drugs?|medications?|injections?|infusions?))?"


def _mentions(body: str, kind: str) -> list[concepts.Mention] | None:
    """The concepts of a list that is nothing but mentions of ``kind`` and joiners, else None."""
    found = concepts.find(body, (kind,))
    if not found:
        return None
    pos = 0
    for i, m in enumerate(found):
        gap = body[pos:m.start]
        if i == 0 and re.sub(r"^(?:any|an?|the)(?:\s+|$)", "", gap.strip()) != "":
            return None
        if i > 0 and not _JOIN.match(gap):
            return None
        pos = m.end
        if kind == "drug":
            pos += len(re.match(_DRUG_NOUN, body[pos:]).group(0))
    if body[pos:].strip(" .;,") != "":
        return None
    if any(context.categories(body, m.start, m.end) & _BLOCKING for m in found):
        return None
    return found


def _is_infection(concept_id: str) -> bool:
    from core.vocab import conditions

    return concept_id in conditions.vocabulary() and conditions.is_a(concept_id, "infection")


def _vocab_condition(s: str, mode: str) -> _Atom | None:
    """ "History of stroke", "Post-traumatic stress disorder", "lymphoma or leukaemia"."""
    body = _COND_TAIL.sub("", _COND_LEAD.sub("", _drop_acronyms(s.strip()))).strip()
    found = _mentions(body, "condition")
    if found is None or any(m.concept_id in _OWN_FACT for m in found):
        return None
    outside = s
    for m in found:  # words of the concept names themselves ("chronic kidney disease") are the concept's
        outside = outside.replace(body[m.start:m.end], " ")
    if re.search(r"\b(?:active|current(?:ly)?|ongoing|uncontrolled|severe|significant|suspected|chronic|acute"
                 r"|untreated|treated|recent|new|other|within|except|unless|without|no|not)\b", outside):
        return None  # time or degree the condition fact cannot express, or a scope word
    history = bool(re.search(r"\b(?:history|h/o|ever|previous|prior|past|previously)\b", s))
    if not history and any(_is_infection(m.concept_id) for m in found):
        return None  # "hepatitis B infection" means a current one; the condition fact is "has or had"
    rule = _any(*[_yes(f"condition:{m.concept_id}") for m in dict.fromkeys(found)])
    if mode == "req" and len(found) > 1:
        gaps = [body[a.end:b.start].strip(" ,") for a, b in zip(found, found[1:], strict=False)]
        if any(g not in ("or", "and/or") for g in gaps):
            return None  # "with A, B" / "A and B" in an inclusion: all or any? not decided here
    return _Atom(rule, "condition", confidence=0.85, words=s)


_ALLERGY = re.compile(r"^(?:(?:known|documented|history of|a history of|prior|previous)\s+)*(?:severe\s+)?"
                      r"(?:allerg(?:y|ies)|hypersensitivit(?:y|ies)|allergic reactions?|intolerance)\s+(?:to|against)"
                      r"\s+(?:any of\s+)?")


def _vocab_allergy(s: str, mode: str) -> _Atom | None:
    """ "Known allergy to methotrexate", "hypersensitivity to rituximab or its excipients" is refused."""
    t = _drop_acronyms(s.strip())
    lead = _ALLERGY.match(t)
    if lead is None or re.search(r"\b(?:intolerance|severe|study|investigational|trial|excipients?)\b", t):
        return None  # not an allergy, a degree the fact does not hold, or "the study drug": which one?
    found = _mentions(t[lead.end():], "drug")
    if found is None:
        return None
    ids = list(dict.fromkeys(m.concept_id for m in found))
    return _Atom(_any(*[_yes(f"allergy:{i}") for i in ids]), "allergy", cond_only=True, confidence=0.85, words=s)
