"""The user database: patients, screenings, answers, letters issued, audit log, settings.

Separate from the catalog, in the user's data folder, created owner-only (0600), WAL
mode with foreign keys, schema version in ``PRAGMA user_version`` with ordered
migrations. A database written by a newer app version is refused, never altered.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from resources import paths

user_db = SqliteDatabase(None)

PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "full", "busy_timeout": 3000}


class UserDataError(Exception):
    """The user database cannot be used; the message says why and what to do."""


def _migration_1(db: SqliteDatabase) -> None:
    from core.userdata import models

    db.create_tables(models.ALL_MODELS)


# Ordered: MIGRATIONS[i] takes the schema from version i to i + 1. Never edit a shipped one.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_migration_1]
SCHEMA_VERSION = len(MIGRATIONS)


def user_db_path() -> Path:
    return paths.user_file("userdata.sqlite")


def _create_private(path: Path) -> None:
    """Create the file owner-only before SQLite opens it (no window of wider access)."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)


def schema_version_of(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


def open_user_db(path: Path | None = None) -> Path:
    """Open (creating or migrating) the user database and bind the models to it."""
    path = path or user_db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        _create_private(path)
    except PermissionError as exc:
        raise UserDataError(f"The data folder {path.parent} is not writable: {exc.strerror}.") from exc
    try:
        version = schema_version_of(path) if path.stat().st_size else 0
    except sqlite3.DatabaseError as exc:
        raise UserDataError(
            f"The user database {path} is damaged ({exc}). It has not been changed; "
            "restore a backup or move the file aside."
        ) from exc
    if version > SCHEMA_VERSION:
        raise UserDataError(
            f"The user database {path} was written by a newer version of the app "
            f"(schema {version}; this version understands up to {SCHEMA_VERSION}). "
            "It has not been changed: please use the newer app."
        )
    close_user_db()
    user_db.init(str(path), pragmas=PRAGMAS)
    try:
        user_db.connect()
        for target in range(version, SCHEMA_VERSION):
            with user_db.atomic():
                MIGRATIONS[target](user_db)
                user_db.execute_sql(f"PRAGMA user_version = {target + 1}")
    except sqlite3.OperationalError as exc:
        close_user_db()
        raise UserDataError(f"The user database {path} cannot be opened: {exc}.") from exc
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.chmod(side, 0o600)
    return path


def close_user_db() -> None:
    if not user_db.is_closed():
        user_db.close()
