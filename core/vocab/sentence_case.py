"""A vocabulary name as it reads inside an English sentence: "Has the patient ever had hepatitis B?", not
"… had Hepatitis B?".

Labels are written in sentence case ("Hepatitis B", "Hodgkin lymphoma", "Sjögren's syndrome"), so the first
letter is capital either because the label starts a sentence or because the word is a name. A first word
is lowered unless it is a name: written capitalised inside some other name of the vocabularies ("classical
Hodgkin lymphoma"), an eponym with its possessive ("Sjögren's", "Still's"), an abbreviation or a word with a
digit, inner capital or letter outside A-Z ("HIV", "IgG4", "Behçet"), or one of the eponyms and genus names
below that no other name writes mid-phrase ("Takayasu arteritis", "Helicobacter pylori infection").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_PLAIN_WORD = re.compile(r"[A-Z][a-z]+")  # capitalised, letters only: no apostrophe, digit or inner capital
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Names (eponyms, places, genera) that open a label and that no other name writes mid-phrase; checked against
# every label the vocabularies hold (tests/core/vocab/test_sentence_case.py lists what is lowered).
PROPER_WORDS = frozenset("""
addison aldrich alzheimer arnold asherman baker barr barrett behcet bell brugada bruton budd burkitt caplan
castleman chagas chiari churg clostridioides clostridium cogan cowden creutzfeldt crohn cushing digeorge down
dressler duchenne dupuytren eaton ebola ehlers epstein erdheim escherichia evans ewing fabry fanconi felty gardner
gaucher gilbert graves guillain hansen hashimoto helicobacter hodgkin huntington hurler jaccoud jakob kaposi
kawasaki kikuchi kimura klebsiella klinefelter lambert langerhans lassa legionella li libman loeys lofgren lyme
lynch marburg marfan meniere merkel mikulicz mycobacterium nile noonan osgood paget parkinson perthes peutz
pneumocystis pompe pseudomonas raynaud reiter richter rocky rosai sacks salmonella scheuermann schnitzler sezary
sjogren staphylococcus stevens still streptococcus susac sweet takayasu tay tietze tourette turner vogt
waldenstrom wegener west whipple wilms wilson wiskott wolff zika zollinger haemophilus hemophilus st
""".split())


def _english_names() -> Iterable[str]:
    from core.vocab import conditions, drugs, procedures

    for concept in conditions.all_concepts():
        yield concept.label
        yield from concept.synonyms
    for concept in drugs.all():
        yield concept.label
        yield from getattr(concept, "synonyms", ())
    for concept in procedures.all():
        yield concept.label
        yield from getattr(concept, "synonyms", ())


@lru_cache(maxsize=1)
def _inner_capitals() -> frozenset[str]:
    """Words some name of the vocabularies writes capitalised after its first word."""
    return frozenset(match.group().lower() for name in _english_names()
                     for i, match in enumerate(_WORD.finditer(name))
                     if i > 0 and _PLAIN_WORD.fullmatch(match.group()))


def in_sentence(name: str) -> str:
    """``name`` with its first letter lowered when the first word is a common word (see the module doc)."""
    match = _WORD.match(name)
    if not match or match.start() != 0:
        return name
    first, *rest = match.group().split("-")  # "Drug-induced …" is lowered, "Muckle-Wells …" is a name
    if not _PLAIN_WORD.fullmatch(first) or any(not part.islower() for part in rest):
        return name
    word = first.lower()
    if word in PROPER_WORDS or word in _inner_capitals():
        return name
    return name[0].lower() + name[1:]
