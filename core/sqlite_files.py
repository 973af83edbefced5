"""Small helpers shared by the catalog and the user database: a JSON column type and a
consistent, atomic copy of a SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from peewee import TextField


class JSONText(TextField):
    """A list or dict stored as JSON text."""

    def db_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)

    def python_value(self, value: str | None) -> Any:
        return None if value is None else json.loads(value)


def copy_sqlite(src: Path, dest: Path) -> None:
    """Copy a SQLite file with the backup API (consistent while it is in use), written aside
    and renamed so ``dest`` is never half-written; owner-only permissions."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    tmp.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        os.chmod(tmp, 0o600)
        for suffix in ("-wal", "-shm"):
            Path(str(dest) + suffix).unlink(missing_ok=True)
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
