"""Reviewed rule files (resources/catalog/curation/<trial id>.json) applied to the catalog.

A curation file ties each rule to one criterion by its key *and* its verbatim text, so a
changed source record can never silently inherit a rule written for other wording.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.catalog.models import Criterion, Trial
from resources import paths

CURATED = "curated"
ORIGINS = {"curated", "automatic-unreviewed", "automatic-accepted", "confirm-only"}


class CurationError(ValueError):
    """A curation file is malformed or does not match its trial."""


@dataclass
class CurationProblem:
    trial_id: str
    key: str
    message: str


def curation_files() -> list[Path]:
    return sorted(paths.curation_dir().glob("*.json"))


def load_curation(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CurationError(f"{path.name}: cannot be read as JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("trial_id"), str):
        raise CurationError(f"{path.name}: needs a 'trial_id'")
    if not isinstance(data.get("criteria"), list):
        raise CurationError(f"{path.name}: needs a 'criteria' list")
    if data.get("inclusion_logic", "all") not in ("all", "any"):
        raise CurationError(f"{path.name}: inclusion_logic must be 'all' or 'any'")
    return data


def apply_curation(files: list[Path] | None = None) -> list[CurationProblem]:
    """Write curated rules onto the catalog's criteria; returns what did not match."""
    problems: list[CurationProblem] = []
    for path in files if files is not None else curation_files():
        data = load_curation(path)
        trial_id = data["trial_id"]
        if Trial.get_or_none(Trial.trial_id == trial_id) is None:
            problems.append(CurationProblem(trial_id, "", f"{path.name}: no such trial in the catalog"))
            continue
        Trial.update(inclusion_logic=data.get("inclusion_logic", "all")).where(
            Trial.trial_id == trial_id).execute()
        for entry in data["criteria"]:
            key = entry.get("key")
            row = Criterion.get_or_none((Criterion.trial == trial_id) & (Criterion.key == key))
            if row is None:
                problems.append(CurationProblem(trial_id, str(key), "no criterion with this key"))
                continue
            if " ".join(row.text.split()) != " ".join(str(entry.get("text", "")).split()):
                problems.append(CurationProblem(trial_id, key, "the verbatim text differs from the record"))
                continue
            origin = entry.get("origin", CURATED)
            if origin not in ORIGINS:
                problems.append(CurationProblem(trial_id, key, f"unknown rule origin {origin!r}"))
                continue
            row.rule = entry.get("rule")
            row.rule_origin = origin
            row.save()
    return problems


def curation_for(trial_id: str) -> Path | None:
    path = paths.curation_dir() / f"{trial_id}.json"
    return path if path.is_file() else None


def assign_rules(trial_ids: list[str]) -> None:
    """Give freshly (re)imported trials their rules: the bundled curation file where one
    exists, else automatic proposals (marked unreviewed) for what the extractor
    understands. Anything else keeps no rule and is asked of the clinician. The user's
    review decisions (core.catalog.reviews) are applied on top, last."""
    uncurated = []
    for trial_id in dict.fromkeys(trial_ids):
        curated = curation_for(trial_id)
        if curated is not None:
            apply_curation([curated])
        else:
            uncurated.append(trial_id)
    propose_automatic_rules(uncurated)
    _apply_user_reviews(trial_ids)


def propose_automatic_rules(trial_ids: list[str]) -> int:
    """Automatic rule proposals, each item read in its trial's tree (``core.catalog.proposals``)."""
    from core.catalog.proposals import propose_automatic_rules as propose

    return propose(trial_ids)


def _apply_user_reviews(trial_ids: list[str]) -> None:
    """A coordinator's review decisions (user data, core.catalog.reviews) win over the
    automatic proposals and the bundled curation; applied last, every time."""
    from core.catalog.reviews import apply_reviews

    apply_reviews(trial_ids)
