"""``main.py screen PROFILE.json --letter OUT.pdf [--letterhead FILE.json] [--language zh|ja|en]``: write the
referral letter PDF.

Each trial's letter is in its study team's language (China -> Chinese, Japan -> Japanese, otherwise
English, from the trial's site country) unless ``--language`` names one for all of them.

The letterhead comes from the file given, else from the settings the app's Settings dialog and
``main.py settings letterhead`` write. The notes meant for the referring clinician (no letterhead
set, a doubtful contact, a stale record) go to stderr: they are never printed in the letter.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import TextIO

from core.commands.guard import error_line
from core.faults import reason_text
from core.i18n import _, ngettext
from core.letter.prepare import LETTERHEAD_SETTING, letterhead_from_settings, prepare_letter, referable
from core.letter.render import render_pdf
from core.matching.screening import ScreenedTrial
from core.patient.profile import PatientProfile


def load_letterhead():
    """The letterhead from the user's settings (empty when the user database has none)."""
    from core.userdata.database import UserDataError, close_user_db, open_user_db
    from core.userdata.records import get_setting

    try:
        open_user_db()
        try:
            return letterhead_from_settings(get_setting(LETTERHEAD_SETTING))
        finally:
            close_user_db()
    except UserDataError:
        return letterhead_from_settings(None)


def write_pdf_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename: never a half-written PDF."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".letter-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_letter(profile: PatientProfile, results: list[ScreenedTrial], path: str, out: TextIO,
                 err: TextIO, explicit: bool = False, letterhead_file: str | None = None,
                 language: str | None = None) -> int:
    from core.commands.settings import HOW_TO_SET, LetterheadError, read_letterhead_file

    chosen = results if explicit else referable(results)
    if not chosen:
        err.write(error_line(_("no trial to refer to: every screened trial rules the patient out "
                                "(name trials with --trials to write a letter anyway)")))
        return 1
    try:
        letterhead = read_letterhead_file(letterhead_file) if letterhead_file else load_letterhead()
    except LetterheadError as exc:
        err.write(error_line('--letterhead: ' + _("{problem}; no letter was written").format(problem=exc)))
        return 2
    letter = prepare_letter(profile, chosen, letterhead, language=language)
    try:
        write_pdf_atomically(Path(path), render_pdf(letter))
    except OSError as exc:
        err.write(error_line(_("cannot write {path}: {reason}").format(path=path, reason=reason_text(exc))))
        return 1
    for note in letter.notes:
        err.write(_("warning: {problem}").format(problem=note) + "\n")
    if letter.notes:
        err.write(f"  {_(HOW_TO_SET)}\n")
    for note in letter.clinician_notes()[len(letter.notes):]:
        err.write(_("note for you (not in the letter): {note}").format(note=note) + "\n")
    out.write(ngettext("Referral letter for {n} trial written to {path}", "Referral letter for {n} trials written to "
                       "{path}", len(chosen)).format(n=len(chosen), path=path) + "\n")
    return 0
