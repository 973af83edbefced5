"""Shared set-up for the questionnaire-window tests: the shipped seed catalog, a new patient,
a screening window shown and active, so key presses reach it as a user's would."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db


def open_window(qtbot, sex: str | None = "female", date_of_birth=None, trial_ids=None):
    """A QuestionnaireWindow on a new patient, shown and active."""
    from ui.screening.session import CandidateFilter, ScreeningSession
    from ui.screening.window import QuestionnaireWindow

    open_catalog()
    open_user_db()
    patient = records.create_patient("KEYS-1", None, date_of_birth)
    session = ScreeningSession.start(patient, CandidateFilter(open_only=False), trial_ids=trial_ids)
    window = QuestionnaireWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def close_all() -> None:
    close_user_db()
    database.close()


def tree_texts(item) -> list[str]:
    """A results-tree row's first two columns and those of every row under it, depth first. A trial is opened
    first, as a reader would: its criteria rows are built when it is first opened (ui/screening/results.py)."""
    item.setExpanded(True)
    out = [item.text(0), item.text(1)]
    for i in range(item.childCount()):
        out += tree_texts(item.child(i))
    return out
