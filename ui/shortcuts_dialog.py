"""Help > Keyboard shortcuts…: every key the app answers to, so a whole screening — from a
new patient to a saved letter — can be done without the mouse.

The main window's own shortcuts are read from its menu actions (so the list cannot drift
from them); the screening window's and the dialogs' keys are listed here.
"""

from __future__ import annotations

import re

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

from core.i18n import N_, _
from ui.screen_fit import resize_to_fit

# (keys, what they do), marked here and translated where shown (key names Qt spells the same everywhere
# - Ctrl, Alt, Esc, Tab - are left as they are).
CATALOG_KEYS = (
    (N_("Down"), N_("From the search box into the trial list")),
    ("Esc", N_("Clear the search")),
)
SCREENING_KEYS = (
    ("Tab / Shift+Tab", N_("Next / previous field")),
    ("Enter", N_("Accept the answer (Next); in a table, go to the next field")),
    ("Ctrl+U", N_("Unknown / not available (also while typing in a field)")),
    (N_("Alt + underlined letter"), N_("Go to that field or press that button (e.g. Alt+Y Yes, Alt+N No)")),
    ("Alt+D", N_("On a clinician question: my answer decides the whole criterion")),
    (N_("Left / Right, Up / Down"), N_("On a checklist page: change a criterion's answer; go to the criterion above "
                                       "or below (Tab too)")),
    ("Alt+W", N_("Why is this asked?")),
    ("Alt+H", N_("Change the selected earlier answer (or Enter in the answers list)")),
    (N_("Down / Up, Enter"), N_("Pick a drug or condition from the completion list")),
    (N_("Space"), N_("In the results: tick or untick a trial for the letter")),
    (N_("Right / Left"), N_("In the results: open / close a trial's criteria or the other trials")),
    ("Alt+R", N_("Referral letter for the ticked trials")),
    ("F1", N_("This list")),
)
LETTER_KEYS = (
    ("Ctrl+S", N_("Save the letter as PDF (the dialog then says where)")),
    ("Ctrl+P", N_("Print the letter")),
    ("Esc", N_("Close")),
)


def menu_words(text: str) -> str:
    """A menu entry without its mnemonic and ellipsis: "&Settings…" -> "Settings", "设置(&S)…" -> "设置"."""
    return re.sub(r"\s*\(&\w\)", "", text).replace("&", "").rstrip("…").rstrip(".")


def action_shortcuts(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what) for every menu action of ``window`` that has a shortcut."""
    out = []
    for action in window.findChildren(QAction):
        if action.shortcut().isEmpty() or not action.text():
            continue
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        out.append((keys, menu_words(action.text())))
    return sorted(dict.fromkeys(out), key=lambda pair: pair[1].casefold())


class ShortcutsDialog(QDialog):
    """A read-only table: where, keys, what they do."""

    def __init__(self, main_window: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent or main_window)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setObjectName("shortcutsDialog")
        main, screening, letter = _("Main window"), _("Screening"), _("Referral letter")
        rows = [(main, k, w) for k, w in (action_shortcuts(main_window) if main_window else [])]
        rows += [(main, _(k), _(w)) for k, w in CATALOG_KEYS]
        rows += [(screening, _(k), _(w)) for k, w in SCREENING_KEYS]
        rows += [(letter, _(k), _(w)) for k, w in LETTER_KEYS]
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Where"), _("Keys"), _("What it does")])
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
