"""Wiring the screening screens into the app: the Patient menu and toolbar, opening the
user database at start, offering to resume an unfinished screening, and a test hook.

Kept here so ``ui/main_window.py`` and ``ui/app.py`` only need one call each.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import UTC
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from core.i18n import _, ngettext
from ui import plain

log = logging.getLogger(__name__)

TEST_SCRIPT_ENV = "TRIALS_TEST_SCRIPT"
TEST_SCRIPT_MARK = "test-script: answered"


def _windows(main_window: QWidget) -> list:
    if not hasattr(main_window, "_screening_windows"):
        main_window._screening_windows = []
    return main_window._screening_windows


def install(main_window: QMainWindow) -> None:
    """Patient > Patients… (Ctrl+P), Patient > New screening… (Ctrl+N), and a toolbar."""
    bar = main_window.menuBar()
    menu = main_window.menuBar().addMenu(_("&Patient"))
    menu.setObjectName("patientMenu")
    # The Help menu: by its object name, else by its words in English or in the app's language.
    help_words = {"Help", _("&Help").replace("&", "")}
    help_action = next((a for a in bar.actions() if (a.menu() is not None and a.menu().objectName() == "helpMenu")
                        or a.text().replace("&", "") in help_words), None)
    if help_action is not None:  # keep Help last
        bar.removeAction(menu.menuAction())
        bar.insertMenu(help_action, menu)
    main_window.patient_menu = menu
    main_window.patients_action = QAction(_("&Patients…"), main_window)
    main_window.patients_action.setObjectName("patientsAction")
    main_window.patients_action.setShortcut(QKeySequence("Ctrl+P"))
    main_window.patients_action.triggered.connect(lambda: show_patients(main_window))
    main_window.new_screening_action = QAction(_("&New screening…"), main_window)
    main_window.new_screening_action.setObjectName("newScreeningAction")
    main_window.new_screening_action.setShortcut(QKeySequence("Ctrl+N"))
    main_window.new_screening_action.triggered.connect(lambda: new_screening(main_window))
    menu.addAction(main_window.patients_action)
    menu.addAction(main_window.new_screening_action)
    toolbar = main_window.addToolBar(_("Screening"))
    toolbar.setObjectName("screeningToolbar")
    toolbar.setMovable(False)
    toolbar.addAction(main_window.new_screening_action)
    toolbar.addAction(main_window.patients_action)
    main_window.screening_toolbar = toolbar


# -- user database ----------------------------------------------------------------------------
def open_user_data() -> str | None:
    """Open the user database; the reason as plain words when it cannot be used."""
    from core.userdata.database import UserDataError, open_user_db, user_db

    if not user_db.is_closed():
        return None
    try:
        open_user_db()
    except UserDataError as exc:
        log.error("the user database cannot be opened: %s", exc)
        return str(exc)
    except Exception as exc:
        log.exception("opening the user database failed")
        return _("Unexpected error: {error}").format(error=exc)
    return None


def ensure_user_db(parent: QWidget | None) -> bool:
    problem = open_user_data()
    if problem:
        plain.warning(parent, _("Patients"),
                      _("Patient data cannot be used right now; the trial catalog still works.") + "\n\n" + problem)
        return False
    return True


# -- screens ----------------------------------------------------------------------------------
def show_patients(main_window: QWidget):
    from ui.screening.patients import PatientsDialog

    if not ensure_user_db(main_window):
        return None
    dialog = PatientsDialog(main_window, open_screening=lambda s: open_screening(main_window, s),
                            new_screening=lambda p: new_screening(main_window, p))
    main_window.patients_dialog = dialog
    dialog.open()
    return dialog


def new_screening(main_window: QWidget, patient: Any = None):
    from ui.screening.new_screening import NewScreeningDialog

    if not ensure_user_db(main_window):
        return None
    dialog = NewScreeningDialog(main_window, patient)
    main_window.new_screening_dialog = dialog

    def started() -> None:
        chosen = dialog.patient()
        if chosen is not None:
            start_screening(main_window, chosen, dialog.candidate_filter(), dialog.ids)

    # after the dialog has closed, so the new window ends up the active one
    dialog.accepted.connect(lambda: QTimer.singleShot(0, main_window, started))
    dialog.open()
    return dialog


def start_screening(main_window: QWidget, patient: Any, candidate_filter: Any, trial_ids: list[str] | None = None):
    from ui.background import Cancelled, run_in_background
    from ui.screening.session import ScreeningSession

    def start(progress, cancelled):  # loads and evaluates every candidate trial: off the GUI thread
        return ScreeningSession.start(patient, candidate_filter, trial_ids)

    try:
        session = run_in_background(main_window, _("New screening"), _("Loading the candidate trials…"), start)
    except Cancelled:
        return None
    except Exception as exc:
        log.exception("could not start the screening")
        plain.critical(main_window, _("New screening"),
                       _("The screening could not be started:\n\n{error}").format(error=exc))
        return None
    return _show(main_window, session)


def open_screening(main_window: QWidget, screening: Any):
    from ui.screening.session import ScreeningSession

    try:
        session = ScreeningSession.resume(screening)
    except Exception as exc:
        log.exception("could not reopen screening %s", screening.id)
        plain.critical(main_window, _("Screening"),
                       _("The screening could not be reopened:\n\n{error}").format(error=exc))
        return None
    return _show(main_window, session)


def _show(main_window: QWidget, session: Any):
    from ui.screening.window import QuestionnaireWindow

    window = QuestionnaireWindow(session, main_window)
    _windows(main_window).append(window)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


# -- resume -----------------------------------------------------------------------------------
def resume_text(screening: Any) -> str:
    when = screening.updated_at
    if when is not None and when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    local = when.astimezone().strftime("%Y-%m-%d %H:%M") if when else _("an unknown time")
    n = screening.answers.count()
    return ngettext("Resume the unfinished screening of {patient} (last answer at {time}, {n} answer saved)?",
                    "Resume the unfinished screening of {patient} (last answer at {time}, {n} answers saved)?",
                    n).format(patient=screening.patient.reference, time=local, n=n)


def ask_resume(parent: QWidget | None, text: str) -> bool:
    """Resume / Later (tests replace this)."""
    box = plain.message_box(QMessageBox.Icon.Question, _("Unfinished screening"), text, parent=parent)
    yes = box.addButton(_("&Resume"), QMessageBox.ButtonRole.YesRole)
    box.addButton(_("&Later"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes)
    box.exec()
    return box.clickedButton() is yes


def offer_resume(main_window: QWidget, ask=None):
    """After start: offer the newest unfinished screening; the window when resumed."""
    from core.userdata import records
    from core.userdata.database import user_db

    if user_db.is_closed():
        return None
    try:
        unfinished = records.unfinished_screenings()
    except Exception:
        log.exception("could not list unfinished screenings")
        return None
    if not unfinished:
        return None
    screening = unfinished[0]
    if not (ask or ask_resume)(main_window, resume_text(screening)):
        return None
    return open_screening(main_window, screening)


def at_start(main_window: QWidget) -> None:
    """Called once the main window is shown: the user database, then resume or the test script."""
    from PySide6.QtWidgets import QApplication

    if not main_window.isVisible():  # closed before the event loop ran
        return
    headless = QApplication.platformName() in ("offscreen", "minimal")  # nobody could answer a dialog
    if not headless:
        offer_restore_if_damaged(main_window)
    problem = open_user_data()
    if not problem:
        from core.userdata.database import close_user_db

        QApplication.instance().aboutToQuit.connect(close_user_db)
        daily_backup()
    if problem:
        main_window.statusBar().showMessage(_("Patient data is not available: {problem}").format(problem=problem),
                                            30000)
        if not headless:
            plain.warning(main_window, _("Patient data"),
                          _("The patient database cannot be used; the trial catalog still works.") + "\n\n" + problem)
        return
    script = os.environ.get(TEST_SCRIPT_ENV)
    if script:
        QTimer.singleShot(0, main_window, lambda: run_test_script(main_window, script))
        return
    if not headless:
        offer_resume(main_window)


# -- damage and backups --------------------------------------------------------------------
def daily_backup() -> None:
    """A rotating backup of the user database, at most one a day (taken at start-up)."""
    from datetime import UTC, datetime, timedelta

    from core.userdata import backup
    from core.userdata.database import user_db_path

    try:
        newest = backup.list_backups()
        if newest and datetime.now(UTC) - newest[0].taken_at < timedelta(days=1):
            return
        backup.backup(user_db_path())
    except backup.BackupError as exc:  # refused (a damaged database, a full disk): the reason is enough
        log.warning("the automatic backup was not taken: %s", exc)
    except Exception:  # a failed backup must not stop the app; it is in the log
        log.exception("the automatic backup failed")


def offer_restore_if_damaged(parent: QWidget) -> bool:
    """A damaged user database is never replaced silently: say so, offer the newest backup.
    Returns True when a backup was restored."""
    from core.userdata import backup
    from core.userdata.database import user_db_path

    path = user_db_path()
    if backup.integrity_ok(path):
        return False
    found = backup.list_backups()
    if not found:
        plain.critical(parent, _("Patient data"),
                       _("The patient database {path} is damaged and there is no backup to restore.\n\n"
                         "It has not been changed. The trial catalog still works.").format(path=path))
        return False
    newest = found[0]
    answer = plain.question(
        parent, _("Patient data"),
        _("The patient database {path} is damaged. It has not been changed.\n\n"
          "Restore the newest backup, taken {time} UTC? The damaged file is kept beside the backups.").format(
            path=path, time=f"{newest.taken_at:%Y-%m-%d %H:%M}"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    if answer != QMessageBox.StandardButton.Yes:
        return False
    try:
        backup.restore(newest.path, path)
    except backup.BackupError as exc:
        plain.critical(parent, _("Patient data"), str(exc))
        return False
    return True


# -- test hook --------------------------------------------------------------------------------
def run_test_script(main_window: QWidget, path: str) -> None:
    """Tests: start a screening and answer through the window's own code path, then wait.

    The file holds ``{"patient": REF, "answers": [[question_id, value], ...]}``; a value
    of "unknown" presses "Unknown / not available". After each accepted answer the line
    ``test-script: answered N`` is printed (the answer is already saved by then).
    """
    from core.userdata import records
    from core.userdata.models import Patient
    from ui.screening.session import CandidateFilter

    with open(path, encoding="utf-8") as fh:
        script = json.load(fh)
    patient = Patient.get_or_none(Patient.reference == script["patient"]) or records.create_patient(
        script["patient"])
    window = start_screening(main_window, patient, CandidateFilter(open_only=script.get("open_only", True)))
    if window is None:
        return
    for n, (question_id, value) in enumerate(script["answers"], 1):
        window.show_question(window.q.question(question_id), changing=window.q.status(question_id) != "open")
        if value == "unknown":
            ok = window.answer_unknown()
        else:
            window.editor.set_value(value)
            ok = window.submit()
        print(f"{TEST_SCRIPT_MARK} {n} {question_id} {'ok' if ok else 'refused'}", flush=True)
        if sys.stdout is not None:
            sys.stdout.flush()
