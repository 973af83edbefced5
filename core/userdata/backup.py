"""Rotating backups of the user database (SQLite backup API), restore, integrity check.

Backups are consistent copies taken while the database is open, kept in
``<data dir>/backups/`` with the newest ``KEEP`` retained. A restore first backs up the
current file (even a damaged one, byte for byte) so nothing is ever lost by restoring.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from core.sqlite_files import copy_sqlite
from resources import paths

KEEP = 10
_PREFIX = "userdata-"


class BackupError(Exception):
    """A backup or restore could not be done; the message says why."""


@dataclass
class BackupInfo:
    path: Path
    taken_at: datetime
    size: int


def backups_dir() -> Path:
    folder = paths.data_dir() / "backups"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def integrity_ok(path: Path) -> bool:
    """True when SQLite's quick check passes (a missing file counts as fine: nothing to lose)."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup(db_path: Path, keep: int = KEEP) -> Path:
    """A consistent copy of ``db_path`` in the backups folder; old ones rotated out."""
    if not db_path.exists():
        raise BackupError(f"There is no database at {db_path} to back up.")
    target = backups_dir() / f"{_PREFIX}{_stamp()}.sqlite"
    try:
        copy_sqlite(db_path, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(f"The backup could not be written: {exc}") from exc
    rotate(keep)
    return target


def list_backups() -> list[BackupInfo]:
    """Backups, newest first."""
    out = []
    for f in backups_dir().glob(f"{_PREFIX}*.sqlite"):
        try:
            taken = datetime.strptime(f.stem[len(_PREFIX):], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            continue
        out.append(BackupInfo(f, taken, f.stat().st_size))
    return sorted(out, key=lambda b: b.taken_at, reverse=True)


def rotate(keep: int = KEEP) -> None:
    for old in list_backups()[keep:]:
        old.path.unlink(missing_ok=True)


def restore(backup_path: Path, db_path: Path) -> Path | None:
    """Replace ``db_path`` with a backup; the current file is kept aside first.

    Returns where the replaced file was kept (None when there was none). The database
    must be closed by the caller.
    """
    if not backup_path.exists():
        raise BackupError(f"The backup {backup_path} does not exist.")
    if not integrity_ok(backup_path):
        raise BackupError(f"The backup {backup_path} is itself damaged; choose another one.")
    kept = None
    if db_path.exists():
        kept = backups_dir() / f"replaced-{_stamp()}.sqlite"
        shutil.copy2(db_path, kept)  # byte copy: works even for a damaged file
        os.chmod(kept, 0o600)
    tmp = db_path.with_name(db_path.name + ".restore")
    shutil.copy2(backup_path, tmp)
    os.chmod(tmp, 0o600)
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, db_path)
    return kept
