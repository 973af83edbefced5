"""What the EUCTR, CTIS and ISRCTN importers share: the format names, identifiers, the
retrieval date ctrdata notes, criteria splitting, phases in Roman numerals and age limits from
age groups (see ``eu_registries`` for the layouts)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from core.criteria.split import break_inline_lists, split_criteria
from core.importers.text import (
    dedupe,
    parse_partial_date,
    text_of,
)
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode

EUCTR_FORMAT = "euctr-json"
CTIS_FORMAT = "ctis-json"
ISRCTN_FORMAT = "isrctn-json"

_NOT_AN_ID = {"", "n/a", "na", "nil known", "none", "not applicable", "not available", "-"}


def _ids(values: list[Any]) -> list[str]:
    out = []
    for v in values:
        s = text_of(v)
        if s and s.casefold() not in _NOT_AN_ID:
            out.append(s)
    return dedupe(out)


def _retrieved(obj: dict[str, Any], extra: dict[str, str]) -> date | None:
    """The date ctrdata fetched the record ("record_last_import"), noted in ``extra``."""
    when, _ = parse_partial_date(text_of(obj.get("record_last_import")))
    if when:
        extra["Retrieved"] = when.isoformat()
    return when


def _criteria(inclusion: str | None, exclusion: str | None) -> tuple[list[CriterionNode], str | None]:
    nodes: list[CriterionNode] = []
    parts = []
    if inclusion:
        nodes += split_criteria(break_inline_lists(inclusion), default_kind=INCLUSION)
        parts.append(f"Inclusion criteria:\n{inclusion}")
    if exclusion:
        nodes += split_criteria(break_inline_lists(exclusion), default_kind=EXCLUSION)
        parts.append(f"Exclusion criteria:\n{exclusion}")
    return nodes, "\n\n".join(parts) or None


def _roman_phases(text: str | None) -> str | None:
    """"Therapeutic exploratory (Phase II)" -> "Phase 2"; "Phase I and Phase II" -> "Phase 1/Phase 2"."""
    if not text:
        return None
    romans = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    found = []
    for m in re.finditer(r"phase\s*(iv|iii|ii|i|[1-4])\b", text, re.IGNORECASE):
        token = m.group(1).casefold()
        found.append(f"Phase {romans.get(token, token)}")
    if found:
        return "/".join(dedupe(found))
    if re.search(r"not\s+applicable|n/a", text, re.IGNORECASE):
        return "Not Applicable"
    return text.strip() or None


def _limits(groups: list[tuple[str, float, float | None]]) -> tuple[float | None, float | None, str | None]:
    if not groups:
        return None, None, None
    lo = min(g[1] for g in groups)
    hi = None if any(g[2] is None for g in groups) else max(g[2] for g in groups)  # type: ignore[type-var]
    text = "From the age groups: " + ", ".join(g[0] for g in groups)
    return round(lo, 4), (round(hi, 4) if hi is not None else None), text


# ---------------------------------------------------------------- EUCTR

