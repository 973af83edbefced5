"""The referral letter from the questionnaire window: the ticked trials' letter built by
core.letter, shown in the preview dialog (ui.letter_dialog), recorded with the screening
when printed or saved."""

from __future__ import annotations

import logging
import re
from datetime import date
from typing import TYPE_CHECKING

from core.i18n import _
from ui import plain

if TYPE_CHECKING:
    from ui.letter_dialog import LetterDialog
    from ui.screening.window import QuestionnaireWindow

log = logging.getLogger(__name__)


def open_letter(window: QuestionnaireWindow) -> LetterDialog | None:
    """Build the referral letter for the ticked trials and open the preview."""
    from core.letter.build import PatientIdentity
    from core.letter.prepare import LETTERHEAD_SETTING, letter_renderer, letterhead_from_settings, prepare_letter
    from core.letter.render import render_pdf
    from core.userdata import records
    from ui.letter_dialog import LetterDialog

    chosen_ids = window.results.chosen()
    if not chosen_ids:
        plain.information(window, _("Referral letter"), _("Tick at least one trial in the results."))
        return None
    by_id = {r.trial_id: r for r in window.session.results()}
    chosen = [by_id[tid] for tid in chosen_ids if tid in by_id]
    patient = window.session.patient
    try:
        letterhead = letterhead_from_settings(records.get_setting(LETTERHEAD_SETTING))
        identity = PatientIdentity(reference=patient.reference, name=patient.name,
                                   date_of_birth=patient.date_of_birth)
        letter = prepare_letter(window.q.profile, chosen, letterhead, identity=identity)
        pdf = render_pdf(letter)
    except Exception as exc:
        log.exception("the letter could not be made")
        plain.critical(window, _("Referral letter"), _("The letter could not be made:\n\n{error}").format(error=exc))
        return None
    screening_id = window.session.screening_id
    ids = [r.trial_id for r in chosen]

    def issued(path: str | None, sha256: str) -> None:
        try:
            records.record_letter(screening_id, ids, path, sha256)
        except Exception:
            log.exception("could not record the letter")

    safe_ref = re.sub(r"[^A-Za-z0-9_.-]+", "-", patient.reference) or "patient"
    name = f"referral-{safe_ref}-{date.today().isoformat()}.pdf"
    render = letter_renderer(window.q.profile, chosen, letterhead, identity=identity)  # the Language choice
    dialog = LetterDialog(pdf, name, window, on_issued=issued, notes=letter.clinician_notes(), render=render)
    dialog.chosen_trials = ids
    window.letter_dialog = dialog
    dialog.open()
    return dialog
