"""Gathering what a letter needs from the catalog and the user's settings.

A letter in another language than the screening's is built from verdicts evaluated again in
that language (the same profile, with its answers and confirmations, as of the same assessment
date): the sentences that explain each criterion are made, not translated afterwards.
"""

from __future__ import annotations

from datetime import date

from core.catalog.database import get_info
from core.catalog.quality import trial_flags
from core.catalog.store import trial_to_dict
from core.i18n import current_language, using_language
from core.letter.build import PatientIdentity, build_letter
from core.letter.language import letter_language
from core.letter.model import Letterhead, ReferralLetter
from core.matching.screening import ScreenedTrial, screen_profile
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
                   identity: PatientIdentity | None = None, today: date | None = None,
                   language: str | dict[str, str] | None = None) -> ReferralLetter:
    """The letters for ``chosen``, each in ``language`` (one for all, or per trial id; None: each
    study team's, from the trial's site country)."""
    trials = {r.trial_id: trial_to_dict(r.trial_id) for r in chosen}
    flags = {r.trial_id: [f.message for f in trial_flags(r.trial_id)] for r in chosen}
    languages = {tid: letter_language(trial, language) for tid, trial in trials.items()}
    verdicts = {r.trial_id: r.verdict for r in chosen}
    for lang in sorted(set(languages.values()) - {current_language()}):
        ids = [tid for tid, wanted in languages.items() if wanted == lang]
        with using_language(lang):
            verdicts.update({r.trial_id: r.verdict for r in screen_profile(profile, trial_ids=ids)})
    return build_letter(profile, [verdicts[r.trial_id] for r in chosen], trials, letterhead, identity=identity,
                        today=today, catalog_date=get_info("catalog_date") or None, flags=flags,
                        language=languages)


def letter_renderer(profile: PatientProfile, chosen: list[ScreenedTrial], letterhead: Letterhead,
                    identity: PatientIdentity | None = None, today: date | None = None):
    """``language -> (PDF bytes, notes for the clinician)`` for the letter preview's Language choice
    (None: each study team's language)."""
    from core.letter.render import render_pdf

    def render(language: str | None) -> tuple[bytes, list[str]]:
        letter = prepare_letter(profile, chosen, letterhead, identity=identity, today=today, language=language)
        return render_pdf(letter), letter.clinician_notes()

    return render
