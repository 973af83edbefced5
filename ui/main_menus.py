"""The main window's menu bar: File (import, quit), Edit (find, reset, settings), View,
Catalog (review rules) and Help. Actions become attributes of the window (tests and
shortcuts use them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from core.i18n import _


def build_menus(window: Any) -> None:
    """Fill ``window``'s menu bar; its slots (close, focus_search …) are connected here."""
    bar = window.menuBar()
    window.file_menu = bar.addMenu(_("&File"))
    # Import: File menu actions, drag and drop, progress and summary (ui/import_dialog.py).
    from ui.import_dialog import ImportController

    window.importer = ImportController(window)
    window.file_menu.addActions(window.importer.actions)
    window._file_menu_separator = window.file_menu.addSeparator()
    window.quit_action = QAction(_("&Quit"), window)
    window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.quit_action.triggered.connect(window.close)
    window.file_menu.addAction(window.quit_action)

    edit_menu = bar.addMenu(_("&Edit"))
    window.find_action = QAction(_("&Find Trials"), window)
    window.find_action.setShortcut(QKeySequence("Ctrl+F"))
    window.find_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    window.find_action.triggered.connect(window.focus_search)
    edit_menu.addAction(window.find_action)
    window.reset_action = QAction(_("&Reset Search and Filters"), window)
    window.reset_action.triggered.connect(window.reset_filters)
    edit_menu.addAction(window.reset_action)
    edit_menu.addSeparator()
    window.settings_action = QAction(_("&Settings…"), window)
    window.settings_action.setObjectName("settingsAction")
    window.settings_action.setShortcut(QKeySequence("Ctrl+,"))
    window.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    window.settings_action.triggered.connect(window.show_settings)
    edit_menu.addAction(window.settings_action)

    view_menu = bar.addMenu(_("&View"))
    window.list_action = QAction(_("Trial &List"), window)
    window.list_action.setShortcut(QKeySequence("Ctrl+L"))
    window.list_action.triggered.connect(window.focus_list)
    view_menu.addAction(window.list_action)
    window.detail_action = QAction(_("Trial &Details"), window)
    window.detail_action.setShortcut(QKeySequence("Ctrl+D"))
    window.detail_action.triggered.connect(window.detail.setFocus)
    view_menu.addAction(window.detail_action)

    # Catalog: reviewing a trial's proposed rules (ui/review_action.py).
    from ui.review_action import install_review_action

    window.catalog_menu = bar.addMenu(_("&Catalog"))
    window.review_action = install_review_action(window)
    window.catalog_menu.addAction(window.review_action)

    help_menu = bar.addMenu(_("&Help"))
    help_menu.setObjectName("helpMenu")
    window.shortcuts_action = QAction(_("&Keyboard shortcuts…"), window)
    window.shortcuts_action.setObjectName("shortcutsAction")
    window.shortcuts_action.setShortcut(QKeySequence("F1"))
    window.shortcuts_action.triggered.connect(window.show_shortcuts)
    help_menu.addAction(window.shortcuts_action)
    window.about_action = QAction(_("&About"), window)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.about_action.triggered.connect(window.show_about)
    help_menu.addAction(window.about_action)
