"""The procedures vocabulary: operations, transplants, radiotherapy, apheresis, dialysis, injections.

Data is ``resources/vocab/procedures.json`` (built by ``scripts/vocab/build_procedures.py``; see
``docs/vocab-procedures.md``). Each procedure has a stable snake_case ``id`` (profiles and rules use it),
an English ``label``, synonyms, case-sensitive abbreviations, Chinese and Japanese names, the ICD-10-CM
status code where one exists (Z94.0 kidney transplant status…) and ``parents``, so a rule about "organ
transplantation" covers a kidney transplant and one about "joint replacement" a hip replacement.

``open_in`` marks a concept that is the trial's word rather than a kind of operation ("major surgery"):
an operation of that group not listed under it may still be one, so it leaves the fact unknown
(``core.patient.procedure_facts``), never "no".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from core.vocab.term_index import TermIndex
from resources.paths import resource

KINDS = ("group", "procedure")


@dataclass(frozen=True)
class Procedure:
    """One procedure, or a group of them (``kind`` "group")."""

    id: str
    label: str
    kind: str = "procedure"
    parents: tuple[str, ...] = ()
    icd10: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()
    open_in: str | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return self.icd10

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Procedure:
        return cls(id=raw["id"], label=raw["label"], kind=raw.get("kind", "procedure"),
                   parents=tuple(raw.get("parents", ())), icd10=tuple(raw.get("icd10", ())),
                   abbreviations=tuple(raw.get("abbreviations", ())), synonyms=tuple(raw.get("synonyms", ())),
                   zh=tuple(raw.get("zh", ())), ja=tuple(raw.get("ja", ())), open_in=raw.get("open_in"))


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with open(resource("vocab", "procedures.json"), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def index() -> TermIndex[Procedure]:
    """The procedures, indexed by name and hierarchy (loaded once)."""
    return TermIndex(Procedure.from_dict(raw) for raw in _data()["concepts"])


def get(procedure_id: str) -> Procedure:
    """The procedure with this id (KeyError naming it otherwise)."""
    return index().get(procedure_id)


def lookup(text: str) -> list[Procedure]:
    """Procedures named exactly ``text`` (name, synonym, abbreviation, ICD-10-CM code, Chinese, Japanese)."""
    return index().lookup(text)


def search(prefix: str, limit: int = 20) -> list[Procedure]:
    """Data-entry completion, best match first."""
    return index().search(prefix, limit)


def is_a(procedure_id: str, ancestor_id: str) -> bool:
    """True when ``procedure_id`` is ``ancestor_id`` or lies below it."""
    return index().is_a(procedure_id, ancestor_id)


def ancestors(procedure_id: str) -> tuple[str, ...]:
    return tuple(sorted(index().ancestors(procedure_id)))


def descendants(procedure_id: str) -> tuple[str, ...]:
    return tuple(sorted(index().descendants(procedure_id)))


def icd10_title(code: str) -> str | None:
    """The ICD-10-CM title of a status code the vocabulary uses."""
    return _data().get("icd10_titles", {}).get(code)


def all() -> list[Procedure]:  # noqa: A001 - the vocabulary API's agreed name
    return index().all()


def terms():
    """``(term, procedure_id, case_sensitive)`` for the criteria dictionary matcher."""
    return index().terms()
