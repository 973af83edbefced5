"""The clinical instruments and scores vocabulary (``resources/vocab/scores.json``).

Each instrument has its range, whether it is whole-numbered (or moves in fixed steps, like
HAQ-DI's eighths), which way is worse, the conditions it is used in (condition concept ids),
its standard bands ("DAS28 remission < 2.6") and, for ordinal scales, the meaning of each
level (NYHA I-IV, ECOG 0-5). ``check`` refuses an impossible value with the reason;
``band`` names the band a value falls in. Calculators live in ``core.patient.scores``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from core.vocab.term_index import TermIndex
from resources.paths import resource

KINDS = ("activity", "damage", "function", "response", "classification", "performance", "patient-reported",
         "count", "anthropometric", "cognitive")
DIRECTIONS = ("higher_worse", "higher_better", "neither")


@dataclass(frozen=True)
class Band:
    """One band of a score: values up to ``upper`` (inclusive or not); the last band has no upper."""

    name: str
    upper: float | None = None
    inclusive: bool = True

    def holds(self, value: float) -> bool:
        if self.upper is None:
            return True
        return value <= self.upper if self.inclusive else value < self.upper


@dataclass(frozen=True)
class Score:
    """One instrument or score (or a named family of them, ``group`` True)."""

    id: str
    label: str
    kind: str
    direction: str
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    group: bool = False
    scale: str = "numeric"  # "numeric", or "grade" for letter grades (BILAG A-E)
    range: tuple[float, float] | None = None
    step: float | None = None
    integer: bool = False
    discrete: bool = False  # values move only in ``step``s (HAQ-DI eighths, Karnofsky tens)
    unit: str | None = None
    conditions: tuple[str, ...] = ()
    bands: tuple[Band, ...] = ()
    levels: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    fact: str | None = None  # the patient fact (core.patient.facts) holding this score, if any
    note: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return ()

    def check(self, value: float) -> str | None:
        """A plain-words reason why ``value`` cannot be a result of this score, or None."""
        if self.range is None:
            return f"{self.label} is not a single number" if self.scale == "grade" else None
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            return f"{self.label} must be a number"
        low, high = self.range
        if value < low or value > high:
            return f"{self.label} must be between {low:g} and {high:g}"
        if self.integer and not float(value).is_integer():
            return f"{self.label} must be a whole number"
        if self.discrete and self.step:
            steps = (value - low) / self.step
            if abs(steps - round(steps)) > 1e-6:
                return f"{self.label} moves in steps of {self.step:g}"
        return None

    def band(self, value: float) -> str | None:
        """The name of the band ``value`` falls in; None when the score has no standard bands."""
        for band in self.bands:
            if band.holds(value):
                return band.name
        return None

    def level(self, value: float | str) -> str | None:
        """The meaning of an ordinal level (NYHA 3 -> "III: marked limitation ..."), or None."""
        key = str(int(value)) if isinstance(value, int | float) and float(value).is_integer() else str(value)
        return self.levels.get(key)


def _score(raw: dict[str, Any]) -> Score:
    rng = raw.get("range")
    return Score(
        id=raw["id"], label=raw["label"], kind=raw["kind"], direction=raw["direction"],
        synonyms=tuple(raw.get("synonyms", ())), abbreviations=tuple(raw.get("abbreviations", ())),
        zh=tuple(raw.get("zh", ())), ja=tuple(raw.get("ja", ())), parents=tuple(raw.get("parents", ())),
        group=bool(raw.get("group", False)), scale=raw.get("scale", "numeric"),
        range=(float(rng[0]), float(rng[1])) if rng else None, step=raw.get("step"),
        integer=bool(raw.get("integer", False)), discrete=bool(raw.get("discrete", False)), unit=raw.get("unit"),
        conditions=tuple(raw.get("conditions", ())),
        bands=tuple(Band(b["name"], b.get("upper"), b.get("inclusive", True)) for b in raw.get("bands", ())),
        levels=dict(raw.get("levels", {})), fact=raw.get("fact"), note=raw.get("note", ""),
    )


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with open(resource("vocab", "scores.json"), encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def index() -> TermIndex[Score]:
    """The scores, indexed by name and hierarchy (loaded once)."""
    return TermIndex(_score(raw) for raw in _data()["scores"])


def excluded_abbreviations() -> dict[str, str]:
    """Abbreviations deliberately left out because they name something else too, with the reason."""
    return dict(_data().get("excluded_abbreviations", {}))


def ambiguous() -> dict[str, str]:
    """Terms deliberately shared by related concepts, mapped to the broader concept."""
    return dict(_data().get("ambiguous", {}))


def get(score_id: str) -> Score:
    """The score with this id (KeyError otherwise)."""
    return index().get(score_id)


def lookup(text: str) -> list[Score]:
    """Scores named exactly ``text`` (name, synonym, abbreviation, Chinese, Japanese)."""
    return index().lookup(text)


def search(prefix: str, limit: int = 20) -> list[Score]:
    """Data-entry completion, best match first."""
    return index().search(prefix, limit)


def is_a(score_id: str, ancestor_id: str) -> bool:
    return index().is_a(score_id, ancestor_id)


def ancestors(score_id: str) -> tuple[str, ...]:
    """Ids of every concept above this one, sorted."""
    return tuple(sorted(index().ancestors(score_id)))


def descendants(score_id: str) -> tuple[str, ...]:
    """Ids of every concept below this one, sorted."""
    return tuple(sorted(index().descendants(score_id)))


def all() -> list[Score]:  # noqa: A001 - the vocabulary API's agreed name
    return index().all()


def terms():
    """``(term, score_id, case_sensitive)`` for the criteria dictionary matcher."""
    return index().terms()


def for_fact(fact_id: str) -> Score | None:
    """The score stored in patient fact ``fact_id`` (e.g. "nyha_class" -> NYHA), if any."""
    return next((s for s in index().all() if s.fact == fact_id), None)
