"""Small helpers shared by the catalog and the user database: a JSON column type, a
correctly escaped ``file:`` URI for a path, and a consistent, atomic copy of a SQLite file."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from peewee import TextField


class JSONText(TextField):
    """A list or dict stored as JSON text."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


def sqlite_uri(path: Path | str, **params: str) -> str:
    """A ``file:`` URI for ``path`` with query ``params`` (e.g. ``mode="ro"``).

    The path is percent-encoded: SQLite decodes ``%XX``, ``?`` and ``#`` in URIs, so a folder
    named ``a%20b`` or ``what?`` would otherwise open a different (or no) file.
    """
    posix = Path(path).absolute().as_posix()
    if not posix.startswith("/"):  # Windows drive paths: file:///C:/...
        posix = "/" + posix
    uri = "file://" + quote(posix, safe="/:")
    return f"{uri}?{urlencode(params)}" if params else uri


def connect_read_only(path: Path | str) -> sqlite3.Connection:
    """A read-only connection to an existing file (never creates one)."""
    return sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True)


def copy_sqlite(src: Path, dest: Path) -> None:
    """Copy a SQLite file with the backup API (consistent while it is in use), written aside
    and renamed so ``dest`` is never half-written; owner-only permissions."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        source = connect_read_only(src)
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)  # owner-only from the start
        os.close(fd)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
            # One self-contained file (a WAL source makes a WAL copy): nothing may stay in a -wal.
            target.execute("PRAGMA journal_mode=DELETE")
        finally:
            source.close()
            target.close()
        Path(str(tmp) + "-wal").unlink(missing_ok=True)
        Path(str(tmp) + "-shm").unlink(missing_ok=True)
        os.chmod(tmp, 0o600)
        for suffix in ("-wal", "-shm"):
            Path(str(dest) + suffix).unlink(missing_ok=True)
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):  # a read-only folder: the first error is the one to report
            tmp.unlink(missing_ok=True)
        raise
