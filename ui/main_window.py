"""The catalog main window: search box, filters, the trial list and the detail pane."""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

import core
from core.catalog import database
from core.catalog import status as st
from core.catalog.search import SearchFilters, count_trials, search_trials
from core.i18n import N_, _, ngettext
from core.private_files import ensure_private_file
from resources import paths
from ui.catalog_filters import CatalogFilters
from ui.catalog_model import (
    COL_AGES,
    COL_CONDITIONS,
    COL_ID,
    COL_STATUS,
    COL_TITLE,
    TRIAL_ID_ROLE,
    CatalogModel,
)
from ui.main_menus import build_menus
from ui.trial_detail import TrialDetail

log = logging.getLogger(__name__)

APP_TITLE = N_("Trial Eligibility Assistant")
SEARCH_DEBOUNCE_MS = 180



def settings_file() -> str:
    """settings.ini, made owner-only before Qt first writes it (Qt keeps an existing file's mode)."""
    path = paths.user_file("settings.ini")
    try:
        ensure_private_file(path)
    except OSError:  # a read-only data folder: QSettings then just cannot save
        pass
    return str(path)


def open_settings() -> QSettings:
    """The app's settings, in an INI file in the user data folder (follows --data-dir)."""
    return QSettings(settings_file(), QSettings.Format.IniFormat)


def trials_count(n: int) -> str:
    """"1 trial", "2,345 trials" in the app's language."""
    return ngettext("{n} trial", "{n} trials", n).format(n=f"{n:,}")


class MainWindow(QMainWindow):
    """Searchable catalog of trials. The catalog database must already be connected."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings if settings is not None else open_settings()
        self.setWindowTitle(_(APP_TITLE))
        self.setObjectName("mainWindow")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.last_error: str | None = None

        self._build_widgets()
        build_menus(self)
        from ui.screening.integration import install as install_screening  # Patient menu + toolbar

        install_screening(self)
        from ui.fhir_menu import install as install_fhir  # File > Import patient / Export screening (FHIR)

        install_fhir(self)
        self._set_tab_order()
        self.populate_filters()
        self.restore_settings()
        self.refresh()

    # -- construction -------------------------------------------------------------------
    def _build_widgets(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)

        self.search_box = QLineEdit(left)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(_("Search trials: title, condition, criteria…"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName(_("Search trials"))
        self.search_box.textChanged.connect(self._schedule_search)
        self.search_box.returnPressed.connect(self._search_now_and_focus_list)
        self.search_box.installEventFilter(self)
        left_layout.addWidget(self.search_box)

        # The filter row (status, country, condition, patient age) lives in ui/catalog_filters.py.
        self.filters = CatalogFilters(left)
        f = self.filters
        self.status_combo, self.country_combo, self.condition_edit = f.status_combo, f.country_combo, f.condition_edit
        self.age_check, self.age_spin, self.reset_button = f.age_check, f.age_spin, f.reset_button
        self.status_combo.currentIndexChanged.connect(self._filters_changed)
        self.country_combo.currentIndexChanged.connect(self._filters_changed)
        self.condition_edit.textChanged.connect(self._schedule_search)
        self.age_check.toggled.connect(self._filters_changed)
        self.age_spin.valueChanged.connect(self._age_changed)
        self.reset_button.clicked.connect(self.reset_filters)
        left_layout.addLayout(f.layout)

        self.count_label = QLabel(left)
        self.count_label.setObjectName("countLabel")
        left_layout.addWidget(self.count_label)

        self.model = CatalogModel(self)
        self.table = QTableView(left)
        self.table.setObjectName("catalogList")
        self.table.setAccessibleName(_("Trials"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Two lines per row so long trial titles stay readable; a fixed height keeps
        # the view fast with very many rows (no per-row size computation).
        self.table.setWordWrap(True)
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().lineSpacing() * 2 + 10)
        fm = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(COL_ID, fm.horizontalAdvance("LOCAL-5DC21DAC9E") + 16)
        header.resizeSection(COL_STATUS, fm.horizontalAdvance(_(st.label(st.ACTIVE_NOT_RECRUITING))) + 16)
        header.resizeSection(COL_CONDITIONS, fm.horizontalAdvance("Rheumatoid Arthritis") + 16)
        header.resizeSection(COL_AGES, fm.horizontalAdvance("100–100") + 16)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.table.activated.connect(self._row_activated)
        left_layout.addWidget(self.table, 1)

        self.detail = TrialDetail(self)
        self.detail.setAccessibleName(_("Trial details"))

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("catalogSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.setCentralWidget(self.splitter)
        self.statusBar()

    def show_shortcuts(self) -> None:
        from ui.shortcuts_dialog import ShortcutsDialog

        self.shortcuts_dialog = ShortcutsDialog(self)
        self.shortcuts_dialog.open()

    def _set_tab_order(self) -> None:
        order = [self.search_box, self.status_combo, self.country_combo, self.reset_button,
                 self.condition_edit, self.age_check, self.age_spin, self.table, self.detail]
        for a, b in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- filters ------------------------------------------------------------------------
    def populate_filters(self) -> None:
        """(Re)load the country and condition choices from the catalog."""
        self.filters.populate()

    def current_filters(self) -> SearchFilters:
        return self.filters.current()

    def reset_filters(self) -> None:
        self.search_box.blockSignals(True)
        self.search_box.clear()
        self.search_box.blockSignals(False)
        self.filters.reset()
        self.refresh()

    def _schedule_search(self, *_args) -> None:
        self._search_timer.start()

    def _filters_changed(self, *_args) -> None:
        self._search_timer.stop()
        self.refresh()

    def _age_changed(self, *_args) -> None:
        if self.age_check.isChecked():
            self._schedule_search()

    def _search_now_and_focus_list(self) -> None:
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.refresh()
        self.focus_list()

    # -- searching ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the search with the current text and filters, then select the first row."""
        self._search_timer.stop()
        text = self.search_box.text()
        filters = self.current_filters()
        try:
            total = count_trials(text, filters)
            self.model.set_source(lambda offset, limit: search_trials(text, filters, limit=limit, offset=offset),
                                  total)
        except Exception as exc:  # never let a search take the window down or show raw SQL
            log.exception("search failed for %r", text)
            self.last_error = f"{type(exc).__name__}: {exc}"
            self.statusBar().showMessage(
                _("That search could not be run. Try other words, or clear the search box."), 8000
            )
            return
        self.last_error = None
        n = total
        self.count_label.setText(trials_count(n) if n else _("No trials match the search and filters"))
        if n:
            self.select_row(0)
        else:
            self.detail.show_placeholder(_("No trials match. Change the search words or clear the filters."))
        self.statusBar().clearMessage()

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        if not index.isValid():
            return
        self.table.selectionModel().setCurrentIndex(
            index,
            self.table.selectionModel().SelectionFlag.ClearAndSelect
            | self.table.selectionModel().SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        # currentRowChanged does not fire when the row number stays the same after a reset.
        self._show_trial(self.model.data(index, TRIAL_ID_ROLE))

    def selected_trial_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.data(index, TRIAL_ID_ROLE) if index.isValid() else None

    def _current_row_changed(self, current, _previous) -> None:
        if current.isValid():
            self._show_trial(self.model.data(current, TRIAL_ID_ROLE))

    def _row_activated(self, index) -> None:
        if index.isValid():
            self._show_trial(self.model.data(index, TRIAL_ID_ROLE))

    def _show_trial(self, trial_id: str | None) -> None:
        if not trial_id or trial_id == self.detail.trial_id:
            return
        try:
            self.detail.show_trial(trial_id)
        except Exception:
            log.exception("could not show trial %s", trial_id)
            self.detail.show_placeholder(
                _("The details of {trial} could not be read from the catalog.").format(trial=trial_id))
            self.statusBar().showMessage(_("Could not show {trial}.").format(trial=trial_id), 8000)

    # -- keyboard -------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.select_row(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_key = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if watched is self.search_box and is_key:
            key = event.key()
            if key == Qt.Key.Key_Escape and self.search_box.text():
                self.search_box.clear()
                self.refresh()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                if self._search_timer.isActive():
                    self.refresh()
                self.focus_list()
                return True
        return super().eventFilter(watched, event)

    # -- help -----------------------------------------------------------------------------
    def about_text(self) -> str:
        try:
            catalog_date = database.get_info("catalog_date") or _("not recorded")
        except Exception:
            catalog_date = _("not available")
        paragraphs = [
            _("Version {version}").format(version=core.__version__),
            _("Finds clinical trials a patient may be referred to and checks their eligibility criteria."),
            _("Catalog current as of: {date}").format(date=catalog_date),
        ]
        folder = _("Your data (settings, working catalog, patients) is kept in:")
        return (f"<h3>{html.escape(_(APP_TITLE))}</h3>" + "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
                + f"<p>{html.escape(folder)}<br><code>{html.escape(str(paths.data_dir()))}</code></p>")

    def show_about(self) -> None:
        QMessageBox.about(self, _("About {app}").format(app=_(APP_TITLE)), self.about_text())

    def show_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        SettingsDialog(self).exec()

    # -- settings -------------------------------------------------------------------------
    def restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        state = s.value("main_window/state")
        if state is not None:
            self.restoreState(state)
        splitter = s.value("main_window/splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([760, 520])
        header = s.value("main_window/list_header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("main_window/geometry", self.saveGeometry())
        s.setValue("main_window/state", self.saveState())
        s.setValue("main_window/splitter", self.splitter.saveState())
        s.setValue("main_window/list_header", self.table.horizontalHeader().saveState())
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
