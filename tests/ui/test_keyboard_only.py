"""A whole screening without the mouse (issue 13, requirement 2): new patient, questionnaire,
results, referral letter saved — every step a key press sent to the widget that has the focus,
as a keyboard user would; and the shortcut list in Help."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.userdata.database import close_user_db, open_user_db
from core.userdata.models import LetterIssued, Patient

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def main_window(qtbot):
    open_catalog()
    open_user_db()
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    yield win
    for w in getattr(win, "_screening_windows", []):
        w.close()
    close_user_db()
    database.close()


def focus() -> object:
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focus() or QApplication.activeWindow(), key, modifier)


def type_text(qtbot, text):
    qtbot.keyClicks(focus(), text)


FAILURES: list[BaseException] = []


def when_modal(kind, act, tries: int = 250):
    """Run ``act(dialog)`` once a modal dialog of ``kind`` is up (exec() blocks the test); a
    failure closes the dialog so the test ends instead of waiting for ever."""
    def poll(left=tries):
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            try:
                act(dialog)
            except BaseException as exc:  # reported by the test below
                FAILURES.append(exc)
                dialog.reject()
        elif left:
            QTimer.singleShot(20, lambda: poll(left - 1))
    QTimer.singleShot(20, poll)


def activate(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_a_whole_screening_by_keyboard(qtbot, main_window, tmp_path):
    from ui.screening.patients import NewPatientDialog

    press(qtbot, Qt.Key.Key_N, CTRL)  # Patient > New screening…
    dialog = main_window.new_screening_dialog
    qtbot.waitUntil(dialog.isVisible)

    def new_patient(d):
        activate(qtbot, d)
        qtbot.keyClicks(d.reference, "KB-1")  # the suggested reference is selected: typing replaces it
        qtbot.keyClick(d.reference, Qt.Key.Key_Tab)
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)  # name: left empty (pseudonymous)
        qtbot.keyClicks(focus(), "1974-05-01")
        qtbot.keyClick(focus(), Qt.Key.Key_Tab)
        assert focus() is d.sex
        qtbot.keyClicks(d.sex, "f")  # type-ahead: female
        qtbot.keyClick(d.sex, Qt.Key.Key_Return)  # Create

    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    when_modal(NewPatientDialog, new_patient)
    press(qtbot, Qt.Key.Key_N, ALT)  # New patient…
    qtbot.waitUntil(lambda: bool(FAILURES) or Patient.get_or_none(Patient.reference == "KB-1") is not None)
    assert not FAILURES, FAILURES
    patient = Patient.get(Patient.reference == "KB-1")
    assert (patient.sex, str(patient.date_of_birth)) == ("female", "1974-05-01")
    activate(qtbot, dialog)  # the window manager's part when a modal dialog closes (offscreen has none)
    qtbot.waitUntil(lambda: focus() is dialog.start_button)
    press(qtbot, Qt.Key.Key_Return)  # Start screening
    qtbot.waitUntil(lambda: bool(getattr(main_window, "_screening_windows", None)))
    window = main_window._screening_windows[-1]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    asked = []
    while window.question is not None and len(asked) < 80:
        qid = window.question.id
        asked.append(qid)
        if qid == "diagnoses":
            type_text(qtbot, "RA")  # the condition field has the focus
            popup = window.editor.rows[0].completer.popup()
            qtbot.waitUntil(lambda p=popup: p.isVisible() and not p.currentIndex().isValid())
            qtbot.keyClick(popup, Qt.Key.Key_Down)
            qtbot.keyClick(popup, Qt.Key.Key_Return)
            press(qtbot, Qt.Key.Key_C, ALT)  # the list is complete
            qtbot.waitUntil(window.editor.complete.isChecked)
            press(qtbot, Qt.Key.Key_Return)
        else:
            press(qtbot, Qt.Key.Key_U, CTRL)  # unknown / not available
        qtbot.waitUntil(lambda q=qid: window.question is None or window.question.id != q or window.changing)
    assert "date_of_birth" not in asked and "sex" not in asked  # given with the patient
    assert window.q.profile.diagnoses[0].code == "rheumatoid_arthritis"
    chosen = window.results.chosen()
    assert chosen  # the RA trials, ticked by default

    target = tmp_path / "letter.pdf"

    def save(file_dialog):
        activate(qtbot, file_dialog)
        edit = file_dialog.findChild(QLineEdit, "fileNameEdit")
        edit.selectAll()
        qtbot.keyClicks(edit, str(target))
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    press(qtbot, Qt.Key.Key_R, ALT)  # Referral letter…
    qtbot.waitUntil(lambda: window.letter_dialog is not None and window.letter_dialog.isVisible())
    letter = window.letter_dialog
    qtbot.waitUntil(lambda: QApplication.activeWindow() is letter)
    when_modal(QFileDialog, save)
    press(qtbot, Qt.Key.Key_S, CTRL)  # Save as PDF
    qtbot.waitUntil(lambda: bool(FAILURES) or letter.saved_path is not None)
    assert not FAILURES, FAILURES
    assert target.read_bytes().startswith(b"%PDF")
    assert letter.status.text() == f"Saved to {target}"  # it says where
    assert [r.file_path for r in LetterIssued.select()] == [str(target)]
    activate(qtbot, letter)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not letter.isVisible())


def test_help_lists_the_keyboard_shortcuts(qtbot, main_window):
    from ui.shortcuts_dialog import action_shortcuts

    press(qtbot, Qt.Key.Key_F1)
    dialog = main_window.shortcuts_dialog
    qtbot.waitUntil(dialog.isVisible)
    rows = dialog.rows()
    keys = {(where, k) for where, k, _ in rows}
    for k, _ in action_shortcuts(main_window):  # every menu shortcut of the main window
        assert ("Main window", k) in keys
    for k in ("Ctrl+N", "Ctrl+P", "Ctrl+F", "F1"):
        assert ("Main window", k) in keys
    for k in ("Ctrl+U", "Enter", "Alt+R"):
        assert ("Screening", k) in keys
    assert ("Referral letter", "Ctrl+S") in keys
    assert main_window.shortcuts_action.text() == "&Keyboard shortcuts…"
