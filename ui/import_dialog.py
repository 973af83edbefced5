"""Importing trial records from the main window: File > Import, drag and drop, progress,
Cancel and the summary.

``ImportController`` owns the actions and the running ``ImportWorker``; the main window
only creates it and puts its actions in the File menu. The work itself is
``core.catalog.overlay.import_and_keep`` on a worker thread.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QEvent,
    QObject,
    QSettings,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _, ngettext
from core.importers.batch import OK, ImportSummary, Progress
from ui import plain
from ui.import_summary import ImportSummaryDialog, escape_html, files_count, records_count, summary_line
from ui.import_worker import ImportWorker

__all__ = ["ImportController", "ImportProgressDialog", "ImportSummaryDialog"]

log = logging.getLogger(__name__)

FILE_PATTERNS = "*.json *.xml *.txt *.zip *.tar *.tar.gz *.tgz *.tar.xz *.txz *.tar.bz2 *.tbz2"


def file_filter() -> str:
    """The file dialog's filter: translated descriptions, the patterns as they are."""
    return _("Trial records and archives") + f" ({FILE_PATTERNS});;" + _("All files") + " (*)"
LAST_DIR_KEY = "import/last_dir"


def local_paths(urls: list[QUrl]) -> list[Path]:
    """The local files and folders among dropped URLs (others are ignored)."""
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and u.toLocalFile()]


# ---------------------------------------------------------------- progress

class ImportProgressDialog(QDialog):
    """Files, records and a percentage from the bytes read; Cancel stops between files."""

    cancel_requested = Signal()

    def __init__(self, paths: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importProgressDialog")
        self.setWindowTitle(_("Importing trial records"))
        self.setMinimumWidth(520)
        what = paths[0].name if len(paths) == 1 else ngettext("{n} item", "{n} items", len(paths)).format(
            n=f"{len(paths):,}")
        title = _("Importing {what}").format(what=what)
        self.title_label = plain.rich_label(f"<b>{escape_html(title)}</b>", self)
        self.current_label = QLabel(_("Looking for record files…"), self)
        self.current_label.setObjectName("importCurrent")
        self.current_label.setTextFormat(Qt.TextFormat.PlainText)
        self.current_label.setMinimumWidth(480)
        self.counts_label = QLabel(_("{files} read, {records}").format(files=files_count(0), records=records_count(0)),
                                   self)
        self.counts_label.setObjectName("importCounts")
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first file is done
        self.bar.setAccessibleName(_("Import progress"))
        self.note_label = QLabel(
            _("You can keep using the app. Cancel stops after the file being read; "
              "what was imported until then stays in the catalog."), self)
        self.note_label.setWordWrap(True)
        self.note_label.setStyleSheet("color: #555555;")
        self.cancel_button = QPushButton(_("Cancel"), self)
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.clicked.connect(self.request_cancel)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.current_label)
        layout.addWidget(self.bar)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.note_label)
        layout.addWidget(buttons)

    def show_progress(self, p: Progress) -> None:
        fraction = p.fraction
        if fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(fraction * 1000))
            self.bar.setFormat(f"{fraction * 100:.0f}%")
        counts = _("{files} read, {records}").format(files=files_count(p.files_done),
                                                      records=records_count(p.records_done))
        if p.bytes_total:
            counts += " · " + _("{done} of {total}").format(done=_size(p.bytes_done), total=_size(p.bytes_total))
        self.counts_label.setText(counts)
        name = p.current
        metrics = self.current_label.fontMetrics()
        self.current_label.setText(metrics.elidedText(_("Read: {name}").format(name=name), Qt.TextElideMode.ElideMiddle,
                                                      max(200, self.current_label.width())))
        self.current_label.setToolTip(plain.tip(name))

    def show_waiting(self, holder: str) -> None:
        """Another import holds the data folder: say so (Cancel still works)."""
        self.bar.setRange(0, 0)
        self.current_label.setText(_("Waiting for another import to finish…"))
        self.current_label.setToolTip("")
        self.counts_label.setText(_("Another import into this data folder is running ({holder}). "
                                    "This one starts as soon as it has finished.").format(holder=holder))
        self.counts_label.setWordWrap(True)

    def request_cancel(self) -> None:
        if not self.cancel_button.isEnabled():
            return
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(_("Stopping…"))
        self.note_label.setText(_("Stopping after the file being read…"))
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc or the window's close button: cancel, close when done
        self.request_cancel()


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return _("{n} bytes").format(n=f"{n:,}") if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1024
    return str(n)


# ---------------------------------------------------------------- the controller

class ImportController(QObject):
    """File > Import actions, drag and drop onto the window, and the running import."""

    started = Signal(object)  # the ImportWorker
    finished = Signal(object)  # ImportSummary, or None when the import failed

    def __init__(self, window, settings: QSettings | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings if settings is not None else getattr(window, "settings", None)
        self.worker: ImportWorker | None = None
        self.progress_dialog: ImportProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self.last_summary: ImportSummary | None = None

        self.import_files_action = QAction(_("&Import Files…"), window)
        self.import_files_action.setObjectName("importFilesAction")
        self.import_files_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_files_action.setStatusTip(_("Import trial records: registry downloads (JSON, XML, text) "
                                                "or archives of them"))
        self.import_files_action.triggered.connect(self.choose_files)
        self.import_folder_action = QAction(_("Import &Folder…"), window)
        self.import_folder_action.setObjectName("importFolderAction")
        self.import_folder_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_folder_action.setStatusTip(_("Import every trial record in a folder and its subfolders"))
        self.import_folder_action.triggered.connect(self.choose_folder)
        self.actions = [self.import_files_action, self.import_folder_action]

        window.setAcceptDrops(True)
        window.installEventFilter(self)
        # Children that take drops themselves (text boxes, views) would swallow files.
        for child in window.findChildren(QWidget):
            if child.acceptDrops():
                child.installEventFilter(self)

    # -- choosing -------------------------------------------------------------------------
    def _start_dir(self) -> str:
        value = self.settings.value(LAST_DIR_KEY) if self.settings is not None else None
        return str(value) if value and Path(str(value)).is_dir() else str(Path.home())

    def _remember_dir(self, folder: Path) -> None:
        if self.settings is not None:
            self.settings.setValue(LAST_DIR_KEY, str(folder))

    def choose_files(self) -> None:
        if self._busy():
            return
        names, _chosen_filter = QFileDialog.getOpenFileNames(self.window, _("Import trial records"),
                                                             self._start_dir(), file_filter())
        if names:
            self._remember_dir(Path(names[0]).parent)
            self.start_import([Path(n) for n in names])

    def choose_folder(self) -> None:
        if self._busy():
            return
        folder = QFileDialog.getExistingDirectory(self.window, _("Import every trial record in a folder"),
                                                  self._start_dir())
        if folder:
            self._remember_dir(Path(folder).parent)
            self.start_import([Path(folder)])

    # -- drag and drop ----------------------------------------------------------------------
    @staticmethod
    def accepts_mime(mime) -> bool:
        return mime is not None and mime.hasUrls() and bool(local_paths(mime.urls()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if self.accepts_mime(event.mimeData()):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                return True
        elif kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
            if self.accepts_mime(event.mimeData()):
                event.setDropAction(Qt.DropAction.CopyAction)
                event.accept()
                self.handle_drop(event.mimeData().urls())
                return True
        elif kind == QEvent.Type.Close and watched is self.window and self.is_running():
            # Quitting during an import: stop between files and let the thread finish.
            self.cancel()
            if self.worker is not None:
                self.worker.wait(30000)
        return super().eventFilter(watched, event)

    def handle_drop(self, urls: list[QUrl]) -> ImportWorker | None:
        paths = local_paths(urls)
        if not paths:
            return None
        if self._busy():
            return None
        return self.start_import(paths)

    # -- running --------------------------------------------------------------------------
    def is_running(self) -> bool:
        return self.worker is not None and self.worker.isRunning()

    def _busy(self) -> bool:
        if self.worker is not None:
            self.window.statusBar().showMessage(_("An import is running: wait for it to finish or cancel it."),
                                                6000)
            if self.progress_dialog is not None:
                self.progress_dialog.raise_()
            return True
        return False

    def start_import(self, paths: list[Path]) -> ImportWorker | None:
        if self.worker is not None:
            return None
        worker = ImportWorker(paths, self)
        self.worker = worker
        self.progress_dialog = ImportProgressDialog(paths, self.window)
        self.progress_dialog.cancel_requested.connect(worker.cancel)
        worker.progressed.connect(self.progress_dialog.show_progress)
        worker.waiting.connect(self.progress_dialog.show_waiting)
        worker.succeeded.connect(self._succeeded)
        worker.failed.connect(self._failed)
        worker.finished.connect(self._thread_done)
        for action in self.actions:
            action.setEnabled(False)
        self.window.statusBar().showMessage(_("Importing…"))
        self.progress_dialog.show()
        log.info("importing %s", [str(p) for p in paths])
        worker.start()
        self.started.emit(worker)
        return worker

    def cancel(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.request_cancel()
        elif self.worker is not None:
            self.worker.cancel()

    def _succeeded(self, summary: ImportSummary) -> None:
        self.last_summary = summary
        self._close_progress()
        self._refresh_window(summary)
        done = _("Import cancelled: {summary}") if summary.cancelled else _("Import finished: {summary}")
        self.window.statusBar().showMessage(done.format(summary=summary_line(summary)), 15000)
        self.summary_dialog = ImportSummaryDialog(summary, self.window)
        self.summary_dialog.show()
        self.summary_dialog.raise_()
        self.summary_dialog.activateWindow()
        self.finished.emit(summary)

    def _failed(self, message: str) -> None:
        self.last_summary = None
        self._close_progress()
        busy = self.worker is not None and self.worker.busy
        if busy:  # another import kept the data folder past the wait: nothing was done
            self.window.statusBar().showMessage(_("Another import is running: nothing was imported."), 15000)
            box = plain.message_box(QMessageBox.Icon.Information, _("Another import is running"),
                                    _("{message}\n\nNothing was imported by this one.").format(message=message),
                                    QMessageBox.StandardButton.Close, self.window)
            box.setObjectName("importBusyBox")
            box.show()
            self.finished.emit(None)
            return
        self._refresh_window(None)
        self.window.statusBar().showMessage(_("The import stopped because of an error."), 15000)
        box = plain.message_box(QMessageBox.Icon.Warning, _("Import stopped"),
                                _("The import stopped because of an unexpected error. Files imported before it "
                                  "stay in the catalog.\n\n{message}").format(message=message),
                                QMessageBox.StandardButton.Close, self.window)
        box.setObjectName("importErrorBox")
        box.show()
        self.finished.emit(None)

    def _thread_done(self) -> None:
        worker = self.worker
        self.worker = None
        for action in self.actions:
            action.setEnabled(True)
        if worker is not None:
            worker.deleteLater()

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _refresh_window(self, summary: ImportSummary | None) -> None:
        win = self.window
        try:
            win.populate_filters()
            win.refresh()
        except Exception:
            log.exception("refreshing the list after an import failed")
            return
        if summary is None:
            return
        # Show the first new or updated trial when the search lets it through.
        for f in summary.files:
            if f.status == OK and (f.new or f.updated) and f.trial_ids:
                row = win.model.row_of(f.trial_ids[0])
                if row >= 0:
                    win.select_row(row)
                break
