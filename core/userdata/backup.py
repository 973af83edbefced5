"""Rotating backups of the user database (SQLite backup API), restore, integrity check.

Backups are consistent copies taken while the database is open, kept in
``<data dir>/backups/`` with the newest ``KEEP`` retained. A backup is only written, and
an older one only rotated out, when the database passes SQLite's integrity check and the
new copy does too: a damaged database can never push the good backups out.

A restore accepts only a genuine backup of this app (integrity, ``application_id``,
tables, schema) and first keeps the file it replaces, including what is still in its
``-wal`` file, so nothing is ever lost by restoring. The caller must hold the instance
lock (``core/userdata/instance_lock.py``): a running app would keep writing to the
replaced file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from core.faults import describe_fault
from core.i18n import _
from core.sqlite_files import copy_sqlite
from core.userdata.database import identity_problem, is_damaged
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
    """True when the file is a sound patient database of this app, or missing (nothing to lose).

    A zero-length file, a file failing SQLite's integrity check and a foreign SQLite file
    (the catalog, say) all count as damaged."""
    return is_damaged(path) is None


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def backup(db_path: Path, keep: int = KEEP) -> Path:
    """A checked, consistent copy of ``db_path`` in the backups folder; old ones rotated out
    only once the new one is known good."""
    if not db_path.exists():
        raise BackupError(_("There is no database at {path} to back up.").format(path=db_path))
    try:
        _probe_writable(backups_dir())  # a read-only folder: said as that, not as a damaged file
    except OSError as exc:
        raise BackupError(_("No backup was taken: {reason}").format(reason=describe_fault(exc))) from exc
    problem = identity_problem(db_path)
    if problem:
        raise BackupError(_("No backup was taken: {problem} The existing backups were kept unchanged.").format(
            problem=problem))
    try:
        target = backups_dir() / f"{_PREFIX}{_stamp()}.sqlite"
        copy_sqlite(db_path, target)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(_("The backup could not be written: {reason}").format(reason=describe_fault(exc))) from exc
    problem = identity_problem(target)
    if problem:
        target.unlink(missing_ok=True)
        raise BackupError(_("The backup just written failed its check ({problem}); it was removed and the existing "
                            "backups were kept unchanged.").format(problem=problem))
    rotate(keep)
    return target


def _probe_writable(folder: Path) -> None:
    """OSError when nothing can be written in ``folder`` (read-only, no permission, full)."""
    fd, name = tempfile.mkstemp(prefix=".probe-", dir=folder)
    os.close(fd)
    os.unlink(name)


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


def _keep_current(db_path: Path) -> Path:
    """Keep the file about to be replaced, beside the backups, with everything in its WAL."""
    kept = backups_dir() / f"replaced-{_stamp()}.sqlite"
    if is_damaged(db_path) is None:
        copy_sqlite(db_path, kept)  # backup API: the main file and its -wal as one file
        if is_damaged(kept) is None:
            return kept
        kept.unlink(missing_ok=True)
    # Damaged (or not ours): byte copies of the file and its -wal, so SQLite (or a repair
    # tool) sees exactly what was there.
    for suffix in ("", "-wal"):
        src = Path(str(db_path) + suffix)
        if src.exists():
            dest = Path(str(kept) + suffix)
            shutil.copyfile(src, dest)
            os.chmod(dest, 0o600)
    return kept


def restore(backup_path: Path, db_path: Path) -> Path | None:
    """Replace ``db_path`` with a backup; the current file is kept aside first.

    Returns where the replaced file was kept (None when there was none). The database
    must be closed, and the instance lock held, by the caller.
    """
    if not backup_path.exists():
        raise BackupError(_("The backup {path} does not exist.").format(path=backup_path))
    problem = identity_problem(backup_path)
    if problem:
        raise BackupError(_("{path} cannot be restored: {problem} Nothing was changed; choose another backup "
                            "('main.py data backups' lists them).").format(path=backup_path, problem=problem))
    if db_path.exists() and db_path.resolve() == backup_path.resolve():
        raise BackupError(_("{path} is the patient database itself. Nothing was changed.").format(path=backup_path))
    tmp = db_path.with_name(db_path.name + ".restore")
    try:
        kept = _keep_current(db_path) if db_path.exists() else None
        copy_sqlite(backup_path, tmp)
        problem = identity_problem(tmp)
        if problem:
            raise BackupError(_("The copy of {path} failed its check ({problem}). Nothing was changed.").format(
                path=backup_path, problem=problem))
        # The old -wal would be applied to the restored file: it is kept above, then removed.
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(tmp, db_path)
    except (sqlite3.Error, OSError) as exc:
        raise BackupError(_("The backup could not be restored: {reason} The patient database was not replaced.").format(
            reason=describe_fault(exc))) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return kept
