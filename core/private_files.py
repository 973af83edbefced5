"""Owner-only files: everything the app writes about patients (exports, settings) is
created 0600 from the start, so there is no moment when another user could read it."""

from __future__ import annotations

import os
from pathlib import Path


def ensure_private_file(path: Path) -> Path:
    """Create ``path`` empty and owner-only if missing; tighten it to 0600 if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return path


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` owner-only, atomically: written aside, then renamed."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
