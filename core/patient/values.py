"""Fact values that are only partly known.

A derived number is sometimes bounded rather than exact: with an incomplete treatment
list, two recorded b/tsDMARD failures mean "at least 2". ``Range`` carries such a bound so
a comparison can still be decided when the bound is enough ("at least 2" is ">= 2"), and
stays unknown when it is not. ``FactSet`` does the same for sets: items known to be in,
items known to be out, and whether the list is complete.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Range:
    """A number known only to lie between ``low`` and ``high`` (both inclusive)."""

    low: float = 0.0
    high: float = math.inf

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"Range low {self.low} is above high {self.high}")

    @property
    def exact(self) -> float | None:
        """The value when the range has narrowed to one number."""
        return self.low if self.low == self.high else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"at_least": _plain(self.low)}
        if not math.isinf(self.high):
            out["at_most"] = _plain(self.high)
        return out


def bounded(low: float, high: float) -> float | Range:
    """``low`` itself when the bounds meet, else a ``Range``."""
    return low if low == high else Range(low, high)


@dataclass(frozen=True)
class FactSet:
    """A set of codes: those known in, those known out, and whether the list is complete."""

    items: frozenset[str] = field(default_factory=frozenset)
    excluded: frozenset[str] = field(default_factory=frozenset)
    complete: bool = False

    def has(self, code: str) -> bool | None:
        """Three-valued membership: True, False, or None when the list cannot tell."""
        if code in self.items:
            return True
        if code in self.excluded or self.complete:
            return False
        return None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"items": sorted(self.items), "complete": self.complete}
        if self.excluded:
            out["excluded"] = sorted(self.excluded)
        return out


def _plain(x: float) -> float | int:
    """Whole floats as ints so JSON output reads ``2`` rather than ``2.0``."""
    if isinstance(x, float) and x.is_integer():
        return int(x)
    return round(x, 4) if isinstance(x, float) else x
