"""One import at a time per data folder, across threads and processes (app and command line).

An OS-level lock on ``<data dir>/import.lock`` (fcntl on Linux/macOS, msvcrt on Windows):
the OS releases it when the process dies, so a killed import never leaves a stale lock.
A second import waits for the first, up to a timeout, and is then told plainly who holds
it — never a "database is locked" per file.
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from core.i18n import N_, _
from resources import paths

DEFAULT_TIMEOUT = 600.0  # seconds a second import waits for the first
POLL = 0.2


class ImportBusy(Exception):
    """Another import holds the data folder's import lock (the message says which)."""


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class ImportLock:
    """``with ImportLock(who="the command line").held(timeout): ...`` or try_acquire/release."""

    def __init__(self, path: Path | None = None, who: str = "an import") -> None:
        self.path = path or paths.user_file("import.lock")
        self.who = who
        self._fd: int | None = None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; False at once when another import holds it."""
        if self._fd is not None:
            return True
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(fd):
            os.close(fd)
            return False
        # Who holds it, for the message a waiting import shows (written after byte 0,
        # which Windows keeps locked).
        note = f" {self.who}, process {os.getpid()}, since {datetime.now().strftime('%H:%M:%S')}\n"
        try:
            os.ftruncate(fd, 1)
            os.lseek(fd, 1, os.SEEK_SET)
            os.write(fd, note.encode())
        except OSError:
            pass  # the note is a courtesy; the lock is what counts
        self._fd = fd
        return True

    def acquire(self, timeout: float = DEFAULT_TIMEOUT, waiting: Callable[[str], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> bool:
        """Wait for the lock up to ``timeout`` seconds. ``waiting(holder)`` is called once
        when it has to wait. False when ``cancelled()`` became true while waiting;
        ImportBusy when the time ran out."""
        if self.try_acquire():
            return True
        holder = self.holder()
        if waiting is not None:
            waiting(holder)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if cancelled is not None and cancelled():
                return False
            time.sleep(POLL)
            if self.try_acquire():
                return True
        raise ImportBusy(_("Another import into this data folder is still running ({holder}); waited {seconds} s. "
                           "Try again when it has finished.").format(holder=holder, seconds=f"{timeout:.0f}"))

    def holder(self) -> str:
        """Who holds the lock, in the active language ("the app, process 123, since 10:02:11" as the
        holder wrote it, in English: another process, maybe in another language, reads it)."""
        try:
            with self.path.open("rb") as fh:
                fh.seek(1)
                text = fh.read(200).decode("utf-8", "replace").strip()
        except OSError:
            text = ""
        return holder_words(text) if text else _("another process")


    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __enter__(self) -> ImportLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


# The holders the app writes (ImportLock(who=…)), worded by the process that shows them.
_WHO = {"the app": N_("the app"), "the command line": N_("the command line"),
        "the start-up check": N_("the start-up check"), "an import": N_("an import")}
_NOTE = re.compile(r"(?P<who>.+), process (?P<pid>\d+), since (?P<time>[\d:]+)")


def holder_words(note: str) -> str:
    """A lock note ("the command line, process 123, since 10:02:11") in the active language; a note
    of another form, or a holder the app does not name, as written."""
    found = _NOTE.fullmatch(note)
    if found is None:
        return note
    who = found["who"]
    return _("{who}, process {pid}, since {time}").format(who=_(_WHO[who]) if who in _WHO else who,
                                                         pid=found["pid"], time=found["time"])
