"""Importing off the GUI thread.

``ImportWorker`` is a QThread that calls ``core.catalog.overlay.import_and_keep``. The
catalog's peewee connection is per thread, so the worker opens its own connection to the
same file and closes it at the end; SQLite's WAL mode lets the GUI thread keep reading
while the import writes. Cancelling sets a flag the importer checks between files: what
was saved stays saved. When another import (the command line, say) holds the data
folder's import lock, the worker waits for it and says so through ``waiting(str)``.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from core.catalog.models import catalog_db
from core.faults import describe_fault
from core.importers.batch import ImportSummary, Progress

log = logging.getLogger(__name__)


class ImportWorker(QThread):
    """Imports ``paths`` into the working catalog; reports through signals (queued to the
    GUI thread): ``progressed(Progress)``, then exactly one of ``succeeded(ImportSummary)``
    or ``failed(str)``."""

    lock_timeout = 600.0  # seconds to wait for another import into the same data folder

    progressed = Signal(object)
    waiting = Signal(str)  # who holds the import lock this import waits for
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, paths: list[str | Path], parent=None) -> None:
        super().__init__(parent)
        self.paths = [Path(p) for p in paths]
        self._cancel = threading.Event()
        self.summary: ImportSummary | None = None
        self.error: str | None = None
        self.busy = False  # failed because another import kept the lock past the timeout
        # A new thread starts with an empty context: carry the app's language (core.i18n) into it.
        self.context = contextvars.copy_context()

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:  # the worker thread
        self.context.run(self._run)

    def _run(self) -> None:
        from core.catalog.import_lock import ImportBusy
        from core.catalog.overlay import import_and_keep

        try:
            catalog_db.connect(reuse_if_open=True)
            try:
                summary = import_and_keep(self.paths, self._progress, self._cancel.is_set,
                                          waiting=self.waiting.emit, who="the app", timeout=self.lock_timeout)
            finally:
                catalog_db.close()  # this thread's connection only
        except ImportBusy as exc:  # a plain message, not an error
            self.busy = True
            self.error = str(exc)
            self.failed.emit(self.error)
            return
        except Exception as exc:  # anything unexpected: a message, never a dead thread
            log.exception("import of %s failed", [str(p) for p in self.paths])
            # a machine fault (full disk, no permission…) in the app's words; a bug as Python words it
            self.error = describe_fault(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
            self.failed.emit(self.error)
            return
        self.summary = summary
        log.info("import finished: %s", summary.describe())
        self.succeeded.emit(summary)

    def _progress(self, progress: Progress) -> None:
        self.progressed.emit(progress)
