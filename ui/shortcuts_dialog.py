"""Help > Keyboard shortcuts…: every key the app answers to, so a whole screening — from a
new patient to a saved letter — can be done without the mouse.

The main window's own shortcuts are read from its menu actions (so the list cannot drift
from them); the screening window's and the dialogs' keys are listed here.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.screen_fit import resize_to_fit

CATALOG_KEYS = (
    ("Down", "From the search box into the trial list"),
    ("Esc", "Clear the search"),
)
SCREENING_KEYS = (
    ("Tab / Shift+Tab", "Next / previous field"),
    ("Enter", "Accept the answer (Next); in a table, go to the next field"),
    ("Ctrl+U", "Unknown / not available (also while typing in a field)"),
    ("Alt + underlined letter", "Go to that field or press that button (e.g. Alt+Y Yes, Alt+N No)"),
    ("Alt+D", "On a clinician question: my answer decides the whole criterion"),
    ("Alt+W", "Why is this asked?"),
    ("Alt+H", "Change the selected earlier answer (or Enter in the answers list)"),
    ("Down / Up, Enter", "Pick a drug or condition from the completion list"),
    ("Space", "In the results: tick or untick a trial for the letter"),
    ("Right / Left", "In the results: open / close a trial's criteria or the other trials"),
    ("Alt+R", "Referral letter for the ticked trials"),
    ("F1", "This list"),
)
LETTER_KEYS = (
    ("Ctrl+S", "Save the letter as PDF (the dialog then says where)"),
    ("Ctrl+P", "Print the letter"),
    ("Esc", "Close"),
)


def action_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) for every menu action of ``window`` that has a shortcut."""
    out = []
    for action in window.findChildren(QAction):
        if action.shortcut().isEmpty() or not action.text():
            continue
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        out.append((keys, action.text().replace("&", "").rstrip("…").rstrip(".")))
    return sorted(dict.fromkeys(out), key=lambda pair: pair[1].casefold())


class ShortcutsDialog(QDialog):
    """A read-only table: where, keys, what they do."""

    def __init__(self, main_window: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent or main_window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("shortcutsDialog")
        rows = [("Main window", k, w) for k, w in (action_shortcuts(main_window) if main_window else [])]
        rows += [("Main window", k, w) for k, w in CATALOG_KEYS]
        rows += [("Screening", k, w) for k, w in SCREENING_KEYS]
        rows += [("Referral letter", k, w) for k, w in LETTER_KEYS]
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Where", "Keys", "What it does"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))  # items never render markup
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        resize_to_fit(self, 720, 640)

    def rows(self) -> list[tuple[str, str, str]]:
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]
