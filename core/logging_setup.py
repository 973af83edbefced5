"""The app's log file: ``logs/app.log`` in the user data folder, rotated by size.

Used by the desktop app (``ui/app.py``) and by every command-line command (``main.py``).
Calling ``setup_logging`` again (another ``--data-dir``, a test) replaces the previous
file handler instead of adding a second one. A data folder that cannot be written never
stops the app: the log then goes to stderr only. The log is owner-only (0600, in a 0700
folder): it names files and patients' references. A log write that fails later (a full
disk) is reported once in one plain line, never as a traceback.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from pathlib import Path

from core.faults import reason_text
from core.i18n import _
from resources import paths

LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
_HANDLER_NAME = "trial-eligibility-file"


def log_file() -> Path:
    """Where the log is written (the folder is created on demand)."""
    return paths.user_file("logs", "app.log")


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file created (or tightened to) owner-only, quiet when writing fails."""

    _warned = False

    def _open(self):  # type: ignore[override]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # a log left 0644 by an older version
        return open(fd, "a", encoding=self.encoding, errors=self.errors)  # noqa: SIM115

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 (logging's name)
        if self._warned or sys.stderr is None:
            return
        self._warned = True
        exc = sys.exc_info()[1]
        reason = reason_text(exc) if exc is not None else ""
        try:
            print(_("warning: {problem}").format(problem=_(
                "the log file {path} cannot be written ({reason}); carrying on without it.").format(
                path=self.baseFilename, reason=reason)), file=sys.stderr)
        except Exception:  # stderr itself is gone: nothing left to tell
            pass


def _remove_our_handlers(root: logging.Logger) -> None:
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
            handler.close()


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records of ``level`` and above to the rotating log file; returns its path.

    Returns None when the log file cannot be opened (the reason goes to stderr).
    """
    root = logging.getLogger()
    _remove_our_handlers(root)
    try:
        path = log_file()
        if hasattr(os, "fchmod"):
            os.chmod(path.parent, 0o700)
        handler = PrivateRotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                                             encoding="utf-8", delay=False)
    except OSError as exc:
        if sys.stderr is not None:
            problem = _("cannot write the log file: {reason}").format(reason=reason_text(exc))
            print(_("warning: {problem}").format(problem=problem), file=sys.stderr)
        # Without any handler Python's last resort prints records (tracebacks too) to stderr.
        quiet = logging.NullHandler()
        quiet.set_name(_HANDLER_NAME)
        root.addHandler(quiet)
        return None
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path


def current_log_file() -> Path | None:
    """The file the log is being written to, if ``setup_logging`` succeeded."""
    for handler in logging.getLogger().handlers:
        if handler.get_name() == _HANDLER_NAME and isinstance(handler, logging.FileHandler):
            return Path(handler.baseFilename)
    return None


def flush_logs() -> None:
    for handler in logging.getLogger().handlers:
        try:
            handler.flush()
        except Exception:  # a broken handler must not hide the original problem
            pass


def stop_logging() -> None:
    """Close the log file (tests, and before the self-test removes its folder)."""
    _remove_our_handlers(logging.getLogger())
