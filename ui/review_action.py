"""The main window's hook-up of the review screen: the "Review Rules…" action, in the Catalog
menu and the trial list's and detail pane's context menus (the screen itself: ``ui.review_dialog``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from core.i18n import _
from ui.review_dialog import ReviewDialog


def open_review(window, trial_id: str | None = None) -> ReviewDialog | None:
    """Open the review screen for ``trial_id`` (default: the trial shown in the window)."""
    trial_id = trial_id or getattr(window.detail, "trial_id", None) or window.selected_trial_id()
    if not trial_id:
        window.statusBar().showMessage(_("Select a trial in the list first, then review its rules."), 6000)
        return None
    dialog = ReviewDialog(trial_id, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.review_dialog = dialog
    dialog.show()
    return dialog


def install_review_action(window) -> QAction:
    """The "Review Rules…" action, also in the trial list's and the detail pane's context
    menus. The caller puts it in its Catalog menu."""
    action = QAction(_("&Review Rules…"), window)
    action.setObjectName("reviewRulesAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+R"))
    action.setStatusTip(_("Accept, edit or reject the rules proposed for the selected trial's criteria"))
    action.triggered.connect(lambda: open_review(window))
    window.review_dialog = None

    window.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
    window.table.addAction(action)

    def detail_menu(pos) -> None:
        menu = window.detail.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(action)
        action.setEnabled(bool(window.detail.trial_id))
        menu.exec(window.detail.viewport().mapToGlobal(pos))
        action.setEnabled(True)
        menu.deleteLater()

    window.detail.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    window.detail.customContextMenuRequested.connect(detail_menu)
    return action
