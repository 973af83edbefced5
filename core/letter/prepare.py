"""Gathering what a letter needs from the catalog and the user's settings."""

from __future__ import annotations

from datetime import date

from core.catalog.database import get_info
from core.catalog.quality import trial_flags
from core.catalog.store import trial_to_dict
from core.letter.build import PatientIdentity, build_letter
from core.letter.model import Letterhead, ReferralLetter
from core.matching.screening import ScreenedTrial
from core.matching.verdict import NOT_ELIGIBLE
from core.patient.profile import PatientProfile

LETTERHEAD_SETTING = "letterhead"


def letterhead_from_settings(value: dict | None) -> Letterhead:
    """A Letterhead from the stored settings dict (unknown keys ignored)."""
    fields = Letterhead.__dataclass_fields__
    return Letterhead(**{k: v for k, v in (value or {}).items() if k in fields and v is not None})


def referable(results: list[ScreenedTrial]) -> list[ScreenedTrial]:
    """Trials a letter goes to by default: every one not ruled out."""
    return [r for r in results if r.verdict.verdict != NOT_ELIGIBLE]


def prepare_letter(profile: PatientProfile, chosen: list[ScreenedTrial], letterhead: Letterhead,
                   identity: PatientIdentity | None = None, today: date | None = None) -> ReferralLetter:
    trials = {r.trial_id: trial_to_dict(r.trial_id) for r in chosen}
    flags = {r.trial_id: [f.message for f in trial_flags(r.trial_id)] for r in chosen}
    return build_letter(profile, [r.verdict for r in chosen], trials, letterhead, identity=identity, today=today,
                        catalog_date=get_info("catalog_date") or None, flags=flags)
