"""Uncaught exceptions in the desktop app: into the log, then a plain dialog.

``install_excepthook()`` replaces ``sys.excepthook`` (and ``threading.excepthook``). An
error that reaches it is written with its traceback to the log file, and the user sees
what happened, that the app keeps running and where the log is. Nothing is closed or
discarded: every change to the user's data is saved in its own transaction as it is
made, so what was saved before the error stays saved.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from core.faults import describe_fault, is_disk_full, is_read_only
from core.i18n import N_, _
from core.logging_setup import current_log_file, flush_logs

log = logging.getLogger("ui.errors")

APP_TITLE = N_("Trial Eligibility Assistant")

_previous_hook = None
_previous_thread_hook = None
_showing = False
_relay: _Relay | None = None


def error_message(exc_type: type[BaseException], exc: BaseException | None) -> str:
    """What the dialog says, in plain words, with the log's location."""
    what = f"{exc_type.__name__}: {exc}" if exc is not None and str(exc) else exc_type.__name__
    log_path = current_log_file()
    where = (_("The details were written to the log file:\n{path}").format(path=log_path) if log_path
             else _("The details could not be written to a log file."))
    if exc is not None and (is_disk_full(exc) or is_read_only(exc)):
        # Not a bug: the machine refuses writes. Say that, not "keep working".
        return _("{fault}\n\nWhat was saved before is safe; nothing new can be saved until this is fixed.\n\n"
                 "{where}").format(fault=describe_fault(exc), where=where)
    return _(
        "Something went wrong inside the app:\n\n{what}\n\n"
        "Your saved data is safe: patients, screenings and settings are saved as you "
        "enter them, and nothing has been closed or deleted. You can keep working; if the "
        "app behaves oddly, restart it.\n\n"
        "{where}\n\nPlease send that file with a short note of what you were doing to "
        "whoever supports the app."
    ).format(what=what, where=where)


def show_error_dialog(title: str, text: str, details: str) -> None:
    """The dialog itself (tests replace this)."""
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)  # exception texts can quote records
    box.setText(text)
    box.setDetailedText(details)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.exec()


def handle_exception(exc_type: type[BaseException], exc: BaseException | None,
                     tb: TracebackType | None) -> None:
    """Log the error, then tell the user (on the GUI thread; at most one dialog at a time)."""
    if issubclass(exc_type, KeyboardInterrupt):
        (_previous_hook or sys.__excepthook__)(exc_type, exc, tb)  # type: ignore[arg-type]
        return
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    try:
        log.critical("uncaught exception\n%s", details.rstrip())
        flush_logs()
    except Exception:  # the log itself failed: still tell the user
        pass
    app = QApplication.instance()
    if app is None:
        sys.__excepthook__(exc_type, exc, tb)  # type: ignore[arg-type]
        return
    if QThread.currentThread() is not app.thread():
        if _relay is not None:  # worded on the GUI thread, in the app's language (a thread's context has none)
            _relay.show.emit((exc_type, exc), details)  # queued to the GUI thread
        return
    _show_once(error_message(exc_type, exc), details)


def _show_once(text: str, details: str) -> None:
    global _showing
    if _showing:  # an error while the dialog is open (or in it): logged, not stacked
        return
    _showing = True
    try:
        show_error_dialog(_("{app}: unexpected error").format(app=_(APP_TITLE)), text, details)
    except Exception:
        log.exception("could not show the error dialog")
    finally:
        _showing = False


class _Relay(QObject):
    """Carries an error from a worker thread to a dialog on the GUI thread."""

    show = Signal(object, str)  # (exception type, exception), traceback

    def __init__(self) -> None:
        super().__init__()
        self.show.connect(self.on_show, Qt.ConnectionType.QueuedConnection)

    @Slot(object, str)
    def on_show(self, error: tuple, details: str) -> None:
        _show_once(error_message(*error), details)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def install_excepthook() -> None:
    """Route uncaught exceptions (GUI thread and worker threads) to ``handle_exception``."""
    global _previous_hook, _previous_thread_hook, _relay
    if sys.excepthook is not handle_exception:
        _previous_hook = sys.excepthook
        sys.excepthook = handle_exception
    if threading.excepthook is not _thread_hook:
        _previous_thread_hook = threading.excepthook
        threading.excepthook = _thread_hook
    app = QApplication.instance()
    if _relay is None and app is not None:
        _relay = _Relay()
        _relay.moveToThread(app.thread())


def uninstall_excepthook() -> None:
    global _previous_hook, _previous_thread_hook
    if sys.excepthook is handle_exception:
        sys.excepthook = _previous_hook or sys.__excepthook__
    if threading.excepthook is _thread_hook:
        threading.excepthook = _previous_thread_hook or threading.__excepthook__
    _previous_hook = _previous_thread_hook = None
