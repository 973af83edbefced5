"""The laboratory analytes vocabulary (``resources/vocab/labs.json``).

Each analyte has a canonical unit (the one rules compare in), the units clinicians meet with
the factor that converts each to the canonical unit (``core.vocab.units`` does the
converting), typical adult reference limits, the qualitative results it may be reported as,
a plausible range for refusing impossible values, and whether it is reported as a titre.
Typical limits are only a fallback description: the patient's own laboratory limits win.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from core.vocab.term_index import TermIndex
from resources.paths import resource

KINDS = ("chemistry", "haematology", "immunology", "autoantibody", "serology-infection", "urine", "coagulation",
         "physiology", "histology")
SEXES = ("female", "male")


@dataclass(frozen=True)
class Limits:
    """Lower and upper limits of normal (either may be unknown)."""

    lln: float | None = None
    uln: float | None = None


@dataclass(frozen=True)
class Analyte:
    """One laboratory analyte (or a named group of analytes, ``group`` True)."""

    id: str
    label: str
    kind: str
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()
    loinc: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    group: bool = False
    canonical_unit: str | None = None
    units: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    affine_units: dict[str, tuple[float, float]] = field(default_factory=dict, hash=False, compare=False)
    log10_units: tuple[str, ...] = ()
    entry_units: tuple[str, ...] = ()
    reference: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    qualitative: tuple[str, ...] = ()
    plausible: tuple[float, float] | None = None
    titre: bool = False
    fact: str | None = None  # the patient fact holding this measurement when its id differs (lvef_percent)

    @property
    def codes(self) -> tuple[str, ...]:
        """Codes that find this analyte (LOINC)."""
        return self.loinc

    @property
    def numeric(self) -> bool:
        """True when the analyte has a numeric result with a unit."""
        return self.canonical_unit is not None

    @property
    def assay_specific(self) -> bool:
        """True when no typical limit is given because each assay sets its own (most antibodies)."""
        return bool(self.reference.get("assay_specific"))

    def typical_limits(self, sex: str | None = None) -> Limits:
        """Typical adult limits in the canonical unit; with ``sex`` None, only limits both sexes share.

        An unknown sex never borrows one sex's limit: where the sexes differ and the sex is
        not known, the limit is None (unknown), so nothing is decided on a guess.
        """
        if sex is not None and sex not in SEXES:
            raise ValueError(f"sex must be one of {SEXES}, not {sex!r}")
        ref = self.reference
        if sex is not None and sex in ref:
            return Limits(ref[sex].get("lln"), ref[sex].get("uln"))
        if any(s in ref for s in SEXES):
            both = [ref.get(s, {}) for s in SEXES]
            lln = both[0].get("lln") if both[0].get("lln") == both[1].get("lln") else None
            uln = both[0].get("uln") if both[0].get("uln") == both[1].get("uln") else None
            return Limits(lln, uln)
        return Limits(ref.get("lln"), ref.get("uln"))

    def implausible(self, value: float) -> str | None:
        """A plain-words reason when ``value`` (canonical unit) cannot be a real result, else None."""
        if self.plausible is None:
            return None
        low, high = self.plausible
        if value < low or value > high:
            unit = f" {self.canonical_unit}" if self.canonical_unit else ""
            return f"{self.label} of {value:g}{unit} is outside the possible range {low:g}-{high:g}{unit}"
        return None


def _analyte(raw: dict[str, Any]) -> Analyte:
    plausible = raw.get("plausible")
    return Analyte(
        id=raw["id"], label=raw["label"], kind=raw["kind"],
        synonyms=tuple(raw.get("synonyms", ())), abbreviations=tuple(raw.get("abbreviations", ())),
        zh=tuple(raw.get("zh", ())), ja=tuple(raw.get("ja", ())), loinc=tuple(raw.get("loinc", ())),
        parents=tuple(raw.get("parents", ())), group=bool(raw.get("group", False)),
        canonical_unit=raw.get("canonical_unit"), units=dict(raw.get("units", {})),
        affine_units={u: (float(a), float(b)) for u, (a, b) in raw.get("affine_units", {}).items()},
        log10_units=tuple(raw.get("log10_units", ())), entry_units=tuple(raw.get("entry_units", ())),
        reference=dict(raw.get("reference", {})), qualitative=tuple(raw.get("qualitative", ())),
        plausible=(float(plausible[0]), float(plausible[1])) if plausible else None,
        titre=bool(raw.get("titre", False)), fact=raw.get("fact"),
    )


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with open(resource("vocab", "labs.json"), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def index() -> TermIndex[Analyte]:
    """The analytes, indexed by name and hierarchy (loaded once)."""
    return TermIndex(_analyte(raw) for raw in _data()["analytes"])


def excluded_abbreviations() -> dict[str, str]:
    """Abbreviations deliberately left out because they name something else too, with the reason."""
    return dict(_data().get("excluded_abbreviations", {}))


def ambiguous() -> dict[str, str]:
    """Terms deliberately shared by related concepts, mapped to the broader concept."""
    return dict(_data().get("ambiguous", {}))


def get(analyte_id: str) -> Analyte:
    """The analyte with this id (KeyError otherwise)."""
    return index().get(analyte_id)


def lookup(text: str) -> list[Analyte]:
    """Analytes named exactly ``text`` (name, synonym, abbreviation, LOINC, Chinese, Japanese)."""
    return index().lookup(text)


def search(prefix: str, limit: int = 20) -> list[Analyte]:
    """Data-entry completion, best match first."""
    return index().search(prefix, limit)


def is_a(analyte_id: str, ancestor_id: str) -> bool:
    return index().is_a(analyte_id, ancestor_id)


def ancestors(analyte_id: str) -> tuple[str, ...]:
    """Ids of every concept above this one, sorted."""
    return tuple(sorted(index().ancestors(analyte_id)))


def descendants(analyte_id: str) -> tuple[str, ...]:
    """Ids of every concept below this one, sorted."""
    return tuple(sorted(index().descendants(analyte_id)))


def all() -> list[Analyte]:  # noqa: A001 - the vocabulary API's agreed name
    return index().all()


def terms():
    """``(term, analyte_id, case_sensitive)`` for the criteria dictionary matcher."""
    return index().terms()
