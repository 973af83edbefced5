"""Laboratory units: spelling normalisation and per-analyte conversion to the canonical unit.

Clinicians type the same unit many ways ("×10⁹/L", "x10^9/l", "10*9/L", "G/L"; "µmol/L",
"umol/L", "μmol/L"; "mg/dl"), so a unit is first brought to one spelling by
``normalise_unit``. Conversion factors are per analyte, because "mg/dL → µmol/L" depends on
the molecule (creatinine 88.4, bilirubin 17.1, uric acid 59.48). An unknown unit is an
error with the accepted units in the message, never a silent guess.

Case: the exact spelling is tried first, then a case-insensitive match, accepted only when
every unit of that analyte with the same letters converts alike ("IU/l" is "IU/L"; for a
platelet count "g/L" can only mean "G/L", giga per litre, since a count has no mass).
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from core.vocab import labs
from core.vocab.labs import Analyte

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUPERSCRIPT_RUN = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+")
_TEN_POWER = re.compile(r"10(?:\*\*|\*|\^|[eE])(-?\d+)")
_TIMES_BEFORE_TEN = re.compile(r"(^|[^0-9.])[x×X*·](?=10\^)")
_LETTER_POWER = re.compile(r"([A-Za-z])\^(\d)")
_MICRO = re.compile(r"(?<![A-Za-z])mc(?=[gLl])")
_PER_HOUR = re.compile(r"/(?:1h|hr|hour|hrs)$")
_SECONDS = re.compile(r"^(?:sec|secs|second|seconds)$")

UNITLESS = ("ratio",)


class UnitError(ValueError):
    """A unit that cannot be used for an analyte; the message says which units can."""


def normalise_unit(unit: str) -> str:
    """One spelling for a unit: NFKC, µ/μ/mc as u, ×10⁹ as 10^9, no spaces, mm³ as mm3, /hr as /h."""
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), unit.strip())
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("µ", "u").replace("μ", "u")
    text = re.sub(r"\s+", "", text)
    text = _MICRO.sub("u", text)
    text = _TEN_POWER.sub(r"10^\1", text)
    text = _TIMES_BEFORE_TEN.sub(r"\1", text)
    text = _LETTER_POWER.sub(r"\1\2", text)
    text = re.sub(r"^cells?(?=/)", "", text)
    text = text.replace("/cumm", "/mm3").replace("/cmm", "/mm3")
    text = _PER_HOUR.sub("/h", text)
    return "s" if _SECONDS.match(text) else text


@lru_cache(maxsize=512)
def _table(analyte: Analyte) -> dict[str, tuple[str, object]]:
    """Normalised unit -> ("factor", f) | ("affine", (slope, intercept)) | ("log10", None); once per analyte."""
    table: dict[str, tuple[str, object]] = {}
    for unit, factor in analyte.units.items():
        table[normalise_unit(unit)] = ("factor", factor)
    for unit, pair in analyte.affine_units.items():
        table[normalise_unit(unit)] = ("affine", pair)
    for unit in analyte.log10_units:
        table[normalise_unit(unit)] = ("log10", None)
    if analyte.canonical_unit in UNITLESS:
        table[""] = ("factor", 1.0)
    return table


def _rule(analyte: Analyte, unit: str | None) -> tuple[str, object]:
    if not analyte.numeric:
        kinds = "/".join(analyte.qualitative) or "qualitative"
        raise UnitError(f"{analyte.label} has no numeric unit; record it as {kinds}.")
    key = normalise_unit(unit or "")
    table = _table(analyte)
    if key in table:
        return table[key]
    folded = {rule for k, rule in table.items() if k.casefold() == key.casefold()}
    if len(folded) == 1:
        return folded.pop()
    accepted = ", ".join(_offered(analyte))
    shown = unit if unit else "(no unit)"
    if len(folded) > 1:
        raise UnitError(f"The unit {shown!r} is ambiguous for {analyte.label}; write it exactly as one of: {accepted}.")
    raise UnitError(f"The unit {shown!r} is not known for {analyte.label}; use one of: {accepted}.")


def accepted_units(analyte_id: str) -> list[str]:
    """The units offered for data entry, canonical first."""
    return _offered(labs.get(analyte_id))


def _offered(analyte: Analyte) -> list[str]:
    return list(analyte.entry_units or ((analyte.canonical_unit,) if analyte.canonical_unit else ()))


def is_known_unit(analyte_id: str, unit: str | None) -> bool:
    """True when ``convert`` would accept this unit for this analyte."""
    try:
        _rule(labs.get(analyte_id), unit)
    except UnitError:
        return False
    return True


def convert(analyte_id: str, value: float, unit: str | None) -> float:
    """``value`` in ``unit`` expressed in the analyte's canonical unit.

    Raises ``UnitError`` (a ValueError) for a unit this analyte does not know, and
    KeyError for an unknown analyte.
    """
    analyte = labs.get(analyte_id)
    kind, how = _rule(analyte, unit)
    if kind == "factor":
        return value * float(how)  # type: ignore[arg-type]
    if kind == "affine":
        slope, intercept = how  # type: ignore[misc]
        return slope * value + intercept
    return 10.0 ** value


def from_canonical(analyte_id: str, value: float, unit: str | None) -> float:
    """The inverse of ``convert``: a canonical value expressed in ``unit``."""
    analyte = labs.get(analyte_id)
    kind, how = _rule(analyte, unit)
    if kind == "factor":
        return value / float(how)  # type: ignore[arg-type]
    if kind == "affine":
        slope, intercept = how  # type: ignore[misc]
        return (value - intercept) / slope
    if value <= 0:
        raise UnitError(f"{analyte.label} of {value:g} cannot be written as a logarithm.")
    return math.log10(value)


_TITRE = re.compile(r"^\s*(?:1\s*[:/]\s*)?(\d+(?:\.\d+)?)\s*$")


def parse_titre(text: str) -> float:
    """A titre as its dilution: "1:160", "1/160" and "160" are all 160.

    Raises ``UnitError`` for anything else ("1:0", "positive", "1:abc").
    """
    match = _TITRE.match(unicodedata.normalize("NFKC", text))
    if not match or float(match.group(1)) <= 0:
        raise UnitError(f"{text!r} is not a titre; write it as 1:160 (or 160).")
    return float(match.group(1))


def problem(analyte_id: str, value: float, unit: str | None) -> str | None:
    """What is wrong with a result as entered, in plain words, or None when it can be kept.

    For data entry: an unknown unit, a value that is not a number, or one outside the
    analyte's plausible range (after conversion) is refused with the reason; nothing raises.
    """
    analyte = labs.get(analyte_id)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"{analyte.label} must be a number."
    try:
        canonical = convert(analyte_id, value, unit)
    except (UnitError, OverflowError) as exc:
        return str(exc) if isinstance(exc, UnitError) else f"{analyte.label} of {value:g} {unit} is not possible."
    reason = analyte.implausible(canonical)
    return f"{reason}." if reason else None
