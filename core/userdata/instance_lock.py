"""One running app per data folder: a second instance is told, not allowed to write.

An OS-level lock on ``<data dir>/app.lock`` (fcntl on Linux/macOS, msvcrt on Windows) is
released by the OS when the process dies, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from core.i18n import _
from resources import paths


class AlreadyRunning(Exception):
    """Another instance holds the data folder."""


class InstanceLock:
    def __init__(self, path: Path | None = None):
        self.path = path or paths.user_file("app.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            raise AlreadyRunning(_(
                "The app is already running with the data folder {folder}. "
                "Switch to that window; a second copy could overwrite its answers.").format(folder=self.path.parent)
            ) from exc
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the lock
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
