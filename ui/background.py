"""Long work off the GUI thread: a worker QThread, a progress dialog with Cancel, and a
local event loop so the caller reads like a plain function call while the window stays
responsive.

The work function gets ``progress(done, total)`` and ``cancelled()`` keyword arguments.
peewee connections are per thread, so the worker opens its own connections to the
catalog and the user database and closes them when it ends.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from core.i18n import _

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """The user pressed Cancel; the work stopped between two steps."""


class _Worker(QThread):
    progressed = Signal(int, int)

    def __init__(self, fn: Callable[..., Any], args: tuple, kwargs: dict, stop: threading.Event):
        super().__init__()
        self.fn, self.args, self.kwargs, self.stop = fn, args, kwargs, stop
        self.result: Any = None
        self.error: BaseException | None = None
        # A new thread starts with an empty context: carry the app's language (core.i18n) into it.
        self.context = contextvars.copy_context()

    def run(self) -> None:
        from core.catalog.models import catalog_db
        from core.userdata.database import user_db

        opened = []
        for db in (catalog_db, user_db):
            if db.database is not None:  # initialised (bound to a file) by the GUI thread
                db.connect(reuse_if_open=True)
                opened.append(db)
        try:
            self.result = self.context.run(self.fn, *self.args,
                                           progress=lambda d, t: self.progressed.emit(int(d), int(t)),
                                           cancelled=self.stop.is_set, **self.kwargs)
        except BaseException as exc:  # handed to the GUI thread, which raises it there
            self.error = exc
        finally:
            for db in opened:
                if not db.is_closed():
                    db.close()


def run_in_background(parent: QWidget | None, title: str, label: str, fn: Callable[..., Any], *args: Any,
                      **kwargs: Any) -> Any:
    """Run ``fn`` in a worker thread with a progress dialog; returns its result.

    Raises ``Cancelled`` when the user cancelled, or whatever ``fn`` raised.
    """
    stop = threading.Event()
    worker = _Worker(fn, args, kwargs, stop)
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setMinimumDuration(400)  # quick work never flashes a dialog
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    closing = [False]  # closing the dialog at the end emits canceled too: that is not a cancel
    dialog.canceled.connect(lambda: None if closing[0] else stop.set())

    def on_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    worker.progressed.connect(on_progress)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if worker.isRunning():
        loop.exec()
    worker.wait()
    was_cancelled = stop.is_set()
    closing[0] = True
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    if was_cancelled:
        raise Cancelled()
    return worker.result
