"""The patient drug table: names (generic, brand, synonyms, zh/ja) to class, mechanism and tags.

The drugs come from the drug vocabulary (``core.vocab.drugs``, ``resources/vocab/drugs.json``);
this module keeps the simple view patient facts and rules use: one legacy ``drug_class``
(csDMARD, bDMARD, tsDMARD, glucocorticoid, immunosuppressant, other), a short ``mechanism``
(TNF, IL-6, JAK...) and tags, all derived from the vocabulary's class hierarchy. Lookups are
case-insensitive and ignore extra spaces and hyphens, so "RoActemra", "roactemra" and
"Ro-Actemra" all find tocilizumab.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.vocab import drugs as vocab
from core.vocab.text import compact

DRUG_CLASSES = ("csDMARD", "bDMARD", "tsDMARD", "glucocorticoid", "immunosuppressant", "other")

# Classes whose every member counts as immunosuppressive for washout rules.
_IMMUNOSUPPRESSIVE_CLASSES = frozenset({"bDMARD", "tsDMARD", "glucocorticoid", "immunosuppressant"})


@dataclass(frozen=True)
class Drug:
    """One drug of the table."""

    name: str
    drug_class: str
    mechanism: str | None
    brands: tuple[str, ...]
    synonyms: tuple[str, ...]
    tags: frozenset[str]
    prednisone_factor: float | None = None  # mg prednisone per mg of this glucocorticoid

    @property
    def is_csdmard(self) -> bool:
        return self.drug_class == "csDMARD"

    @property
    def is_btsdmard(self) -> bool:
        return self.drug_class in ("bDMARD", "tsDMARD")

    @property
    def is_dmard(self) -> bool:
        return self.drug_class in ("csDMARD", "bDMARD", "tsDMARD")

    @property
    def is_glucocorticoid(self) -> bool:
        return self.drug_class == "glucocorticoid"

    @property
    def is_immunosuppressant(self) -> bool:
        """An "immunosuppressant" in the sense rheumatology trials use (MTX, AZA, MMF, CsA...)."""
        return self.drug_class == "immunosuppressant" or "immunosuppressant" in self.tags

    @property
    def is_immunosuppressive(self) -> bool:
        """Counts for "time since the last immunosuppressive dose" (includes glucocorticoids)."""
        return (
            self.drug_class in _IMMUNOSUPPRESSIVE_CLASSES
            or "immunosuppressant" in self.tags
            or "immunosuppressive" in self.tags
        )


def normalise_name(name: str) -> str:
    """The form names are compared in: case-folded, hyphens and runs of spaces as one space."""
    return re.sub(r"[\s\-]+", " ", name.casefold()).strip()


def _key(name: str) -> str:
    """The lookup key: case, width, spaces and hyphens dropped, so "Ro-Actemra" finds "RoActemra"."""
    return compact(name)


# Legacy class of a drug: the first of these vocabulary classes it belongs to (directly or
# below). Order matters: ciclosporin is both a csDMARD and a calcineurin inhibitor and stays a
# csDMARD, as in the original table.
_LEGACY_CLASSES = (("glucocorticoid", "glucocorticoid"), ("bdmard", "bDMARD"), ("tsdmard", "tsDMARD"),
                   ("csdmard", "csDMARD"), ("immunosuppressant", "immunosuppressant"))


def _legacy(drug: vocab.Drug) -> Drug:
    lineage = {c.id for c in vocab.classes_of(drug.id)}
    drug_class = next((legacy for cid, legacy in _LEGACY_CLASSES if cid in lineage), "other")
    tags = set(vocab.tags_of(drug))
    if "immunosuppressant" in lineage:
        tags.add("immunosuppressant")
    return Drug(
        name=drug.name,
        drug_class=drug_class,
        mechanism=vocab.mechanism_of(drug),
        brands=drug.brands,
        # Abbreviations join the case-insensitive names here: a treatment row saying "mtx" is clear.
        synonyms=(*drug.synonyms, *drug.abbreviations, *drug.zh, *drug.ja),
        tags=frozenset(tags),
        prednisone_factor=drug.prednisone_factor,
    )


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Drug, ...], dict[str, Drug]]:
    drugs = tuple(_legacy(d) for d in vocab.all_drugs())
    index: dict[str, Drug] = {}
    for drug in drugs:
        for alias in (drug.name, *drug.brands, *drug.synonyms):
            # First entry wins so a synonym cannot silently re-point a generic name.
            index.setdefault(_key(alias), drug)
    return drugs, index


def all_drugs() -> tuple[Drug, ...]:
    """Every drug of the table, in vocabulary order (the original 49 first)."""
    return _table()[0]


def lookup_drug(name: str | None) -> Drug | None:
    """The drug a name (generic, brand or synonym, any case) stands for, or None."""
    if not name:
        return None
    return _table()[1].get(_key(name))


def suggest_drugs(prefix: str, limit: int = 10) -> list[tuple[str, str]]:
    """Autocomplete: (name as written in the table, generic name) pairs starting with ``prefix``.

    Rheumatology drugs (DMARDs, glucocorticoids, immunosuppressants...) come first, then
    generic names before brands before other names; then alphabetical. A prefix match
    anywhere after a word start (e.g. "mofetil") is offered after the plain prefix matches.
    """
    key = normalise_name(prefix)
    if not key:
        return []
    starts: list[tuple[bool, int, str, str, str]] = []
    inner: list[tuple[bool, int, str, str, str]] = []
    for drug in all_drugs():
        later = not _priority()[drug.name]
        for rank, alias in [(0, drug.name)] + [(1, b) for b in drug.brands] + [(2, s) for s in drug.synonyms]:
            norm = normalise_name(alias)
            if norm.startswith(key):
                starts.append((later, rank, alias.casefold(), alias, drug.name))
            elif f" {key}" in f" {norm}":
                inner.append((later, rank, alias.casefold(), alias, drug.name))
    out = [(alias, generic) for *_, alias, generic in sorted(starts) + sorted(inner)]
    return out[:limit]


@lru_cache(maxsize=1)
def _priority() -> dict[str, bool]:
    """Generic name -> whether completion offers the drug first (``core.vocab.drugs.is_priority``)."""
    return {d.name: vocab.is_priority(d) for d in vocab.all_drugs()}
