"""The drug table: names (generic, brand, synonyms) to class, mechanism and tags.

The table lives in ``resources/drugs/drugs.json`` so curators can extend it without code.
Lookups are case-insensitive and ignore extra spaces and hyphens, so "RoActemra",
"roactemra" and "Ro-Actemra" all find tocilizumab.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from resources import paths

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
    """The lookup key: spaces and hyphens dropped, so "Ro-Actemra" finds "RoActemra"."""
    return normalise_name(name).replace(" ", "")


@lru_cache(maxsize=1)
def _table() -> tuple[tuple[Drug, ...], dict[str, Drug]]:
    with paths.resource("drugs", "drugs.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    drugs: list[Drug] = []
    index: dict[str, Drug] = {}
    for entry in data["drugs"]:
        drug = Drug(
            name=entry["name"],
            drug_class=entry["class"],
            mechanism=entry.get("mechanism"),
            brands=tuple(entry.get("brands", ())),
            synonyms=tuple(entry.get("synonyms", ())),
            tags=frozenset(entry.get("tags", ())),
            prednisone_factor=entry.get("prednisone_factor"),
        )
        drugs.append(drug)
        for alias in (drug.name, *drug.brands, *drug.synonyms):
            # First entry wins so a synonym cannot silently re-point a generic name.
            index.setdefault(_key(alias), drug)
    return tuple(drugs), index


def all_drugs() -> tuple[Drug, ...]:
    """Every drug of the table, in file order."""
    return _table()[0]


def lookup_drug(name: str | None) -> Drug | None:
    """The drug a name (generic, brand or synonym, any case) stands for, or None."""
    if not name:
        return None
    return _table()[1].get(_key(name))


def suggest_drugs(prefix: str, limit: int = 10) -> list[tuple[str, str]]:
    """Autocomplete: (name as written in the table, generic name) pairs starting with ``prefix``.

    Generic names come before brands; then alphabetical. A prefix match anywhere after a
    word start (e.g. "mofetil") is offered after the plain prefix matches.
    """
    key = normalise_name(prefix)
    if not key:
        return []
    starts: list[tuple[int, str, str, str]] = []
    inner: list[tuple[int, str, str, str]] = []
    for drug in all_drugs():
        for rank, alias in [(0, drug.name)] + [(1, b) for b in drug.brands] + [(2, s) for s in drug.synonyms]:
            norm = normalise_name(alias)
            if norm.startswith(key):
                starts.append((rank, alias.casefold(), alias, drug.name))
            elif f" {key}" in f" {norm}":
                inner.append((rank, alias.casefold(), alias, drug.name))
    out = [(alias, generic) for _, _, alias, generic in sorted(starts) + sorted(inner)]
    return out[:limit]
