"""The user database: patients, screenings, answers, letters issued, audit log, settings.

Separate from the catalog, in the user's data folder, created owner-only (0600), WAL
mode with foreign keys, schema version in ``PRAGMA user_version`` with ordered
migrations, and this app's mark in ``PRAGMA application_id`` (so a restore can tell a
genuine backup from the catalog or any other SQLite file). A database written by a newer
app version is refused, never altered. A zero-length or otherwise damaged file is never
silently recreated: it is reported, so a backup can be offered.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from peewee import SqliteDatabase

from core.faults import describe_fault, is_disk_full, is_read_only
from core.i18n import _
from core.sqlite_files import connect_read_only
from resources import paths

user_db = SqliteDatabase(None)

PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "synchronous": "full", "busy_timeout": 3000}

# "TRLE": written in the file header of every user database (PRAGMA application_id).
APPLICATION_ID = 0x54524C45
# SQLite's own verdicts that a file is damaged (anything else may be the disk or the folder).
SQLITE_CORRUPT, SQLITE_NOTADB = 11, 26
# Tables of schema 1 onward: a file without them is not a patient database of this app.
REQUIRED_TABLES = frozenset({"patient", "screening", "answer", "letterissued", "auditentry", "setting"})


class UserDataError(Exception):
    """The user database cannot be used; the message says why and what to do."""


def _migration_1(db: SqliteDatabase) -> None:
    from core.userdata import models

    db.create_tables(models.ALL_MODELS)


def _migration_2(db: SqliteDatabase) -> None:
    """Mark the file as this app's (files made before version 2 carry application_id 0)."""
    db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def _migration_3(db: SqliteDatabase) -> None:
    """The patient record: a ``record`` JSON column on patient (facts kept between screenings).

    Migration 1 creates tables from today's models, so a new file already has the column."""
    columns = {row[1] for row in db.execute_sql("PRAGMA table_info(patient)").fetchall()}
    if "record" not in columns:
        db.execute_sql("ALTER TABLE patient ADD COLUMN record TEXT")


def _migration_4(db: SqliteDatabase) -> None:
    """The patient's sex, asked when the patient is created (files made by migration 1 of this
    version already have the column)."""
    columns = {row[1] for row in db.execute_sql("PRAGMA table_info(patient)").fetchall()}
    if "sex" not in columns:
        db.execute_sql("ALTER TABLE patient ADD COLUMN sex VARCHAR(255)")


# Ordered: MIGRATIONS[i] takes the schema from version i to i + 1. Never edit a shipped one.
MIGRATIONS: list[Callable[[SqliteDatabase], None]] = [_migration_1, _migration_2, _migration_3,
                                                       _migration_4]
SCHEMA_VERSION = len(MIGRATIONS)


def user_db_path() -> Path:
    return paths.user_file("userdata.sqlite")


def _create_new(path: Path) -> None:
    """A new, empty database file marked as ours, made aside and renamed into place.

    Made whole before it appears under its real name, so a zero-length ``userdata.sqlite``
    can only be damage (never "a database we had just started to create")."""
    tmp = path.with_name(path.name + ".new")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)  # owner-only from the start
    os.close(fd)
    try:
        con = sqlite3.connect(tmp)
        try:
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.commit()
        finally:
            con.close()
        if path.exists():  # appeared meanwhile: never overwrite it
            return
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def schema_version_of(path: Path) -> int:
    con = connect_read_only(path)
    try:
        return con.execute("PRAGMA user_version").fetchone()[0]
    finally:
        con.close()


# Kinds of problem ``check_file`` reports; only DAMAGED and FOREIGN mean "offer a backup".
MISSING, DAMAGED, FOREIGN, NEWER, UNREADABLE = "missing", "damaged", "foreign", "newer", "unreadable"


def check_file(path: Path) -> tuple[str, str] | None:
    """(kind, plain reason) when ``path`` is not a usable patient database of this app.

    Checks, read-only: not empty, readable, SQLite's full integrity check, this app's
    ``application_id`` (or a version-1 file from before it was set), the expected tables,
    and a schema this version understands."""
    if not path.exists():
        return MISSING, _("There is no file at {path}.").format(path=path)
    if path.is_dir():
        return FOREIGN, _("{path} is a folder, not a database file.").format(path=path)
    if path.stat().st_size == 0:
        return DAMAGED, _("{path} is empty (zero bytes): it is damaged.").format(path=path)
    try:
        con = connect_read_only(path)
        try:
            result = [row[0] for row in con.execute("PRAGMA integrity_check(20)")]
        finally:
            con.close()
        app_id, version, tables = _header(path)
    except sqlite3.DatabaseError as exc:
        return read_failure(path, exc)
    if result != ["ok"]:
        lines = [line for line in "\n".join(result).splitlines() if line and not line.startswith("***")]
        first = lines[0] if lines else _("unreadable")
        return DAMAGED, _("{path} is damaged: it fails SQLite's integrity check ({problem}).").format(path=path,
                                                                                                     problem=first)
    if _foreign(app_id, version, tables):
        return FOREIGN, _("{path} is not a patient database of this app (it may be the catalog or another program's "
                          "file).").format(path=path)
    if version > SCHEMA_VERSION:
        return NEWER, _("{path} was written by a newer version of the app (schema {version}; this version understands "
                        "up to {supported}).").format(path=path, version=version, supported=SCHEMA_VERSION)
    return None


def read_failure(path: Path, exc: sqlite3.Error) -> tuple[str, str]:
    """(kind, reason) for a file SQLite could not read. Only SQLite's own verdict (CORRUPT,
    NOTADB) is damage: an I/O error on a full disk or a read-only folder (a WAL file needs
    its -shm beside it) says nothing about the file, and must never lead to "restore"."""
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return DAMAGED, _("{path} cannot be read as a database ({problem}).").format(path=path, problem=exc)
    if is_disk_full(exc) or _no_free_space(path.parent):
        reason = _("the disk is full")
    elif is_read_only(exc) or not os.access(path.parent, os.W_OK):
        reason = _("its folder cannot be written to, and SQLite needs to write beside the file to read it")
    else:
        reason = describe_fault(exc)
    return UNREADABLE, _("{path} cannot be read right now ({reason}). It was not changed.").format(path=path,
                                                                                                  reason=reason)


def _no_free_space(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return False


def identity_problem(path: Path) -> str | None:
    """Why ``path`` is not a usable patient database of this app (None when it is)."""
    found = check_file(path)
    return found[1] if found else None


def is_damaged(path: Path) -> str | None:
    """Why the existing file at ``path`` is damaged or not ours (None when fine, missing,
    newer, or unreadable only because its folder is read-only)."""
    found = check_file(path)
    return found[1] if found and found[0] in (DAMAGED, FOREIGN) else None


def open_user_db(path: Path | None = None) -> Path:
    """Open (creating or migrating) the user database and bind the models to it."""
    try:
        path = path or user_db_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            _create_new(path)
        os.chmod(path, 0o600)
    except OSError as exc:
        raise UserDataError(_("The patient database cannot be created or opened: {reason}").format(
            reason=describe_fault(exc))) from exc
    if path.stat().st_size == 0:
        raise UserDataError(_("The user database {path} is empty (zero bytes): it is damaged. It has not been changed; "
                              "restore a backup ('main.py data restore') or move the file aside.").format(path=path))
    try:
        app_id, version, tables = _header(path)
    except sqlite3.DatabaseError as exc:
        kind, reason = read_failure(path, exc)
        if kind == DAMAGED:
            reason = _("The user database {path} is damaged ({problem}). It has not been changed; restore a backup or "
                       "move the file aside.").format(path=path, problem=exc)
        raise UserDataError(reason) from exc
    if _foreign(app_id, version, tables):
        raise UserDataError(_("{path} is not a patient database of this app. It has not been changed; restore a backup "
                              "or move the file aside.").format(path=path))
    if version > SCHEMA_VERSION:
        raise UserDataError(_("The user database {path} was written by a newer version of the app (schema {version}; "
                              "this version understands up to {supported}). It has not been changed: please use the "
                              "newer app.").format(path=path, version=version, supported=SCHEMA_VERSION))
    close_user_db()
    user_db.init(str(path), pragmas=PRAGMAS)
    try:
        user_db.connect()
        for target in range(version, SCHEMA_VERSION):
            with user_db.atomic():
                MIGRATIONS[target](user_db)
                user_db.execute_sql(f"PRAGMA user_version = {target + 1}")
        for suffix in ("-wal", "-shm"):
            side = Path(str(path) + suffix)
            if side.exists():
                os.chmod(side, 0o600)
    except (sqlite3.Error, OSError) as exc:
        close_user_db()
        raise UserDataError(_("The user database {path} cannot be opened: {reason}").format(
            path=path, reason=describe_fault(exc))) from exc
    global _opened
    _opened = (path, _file_identity(path))
    return path


# The file the models are bound to, and its identity (device, inode) when it was opened.
_opened: tuple[Path, tuple[int, int] | None] | None = None


def _file_identity(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def writing():
    """``user_db.atomic()`` after checking that the open file is still the one in place.

    A file replaced under a running app (a restore by an older version, a backup copied
    over it by hand) would take every later answer into a file nobody sees again: refuse
    instead, plainly. One ``stat`` per write."""
    if _opened is not None:
        path, identity = _opened
        if identity is not None and _file_identity(path) != identity:
            raise UserDataError(_(
                "The patient database {path} was replaced or removed while the app was running (a restore, or a file "
                "copied over it). Nothing more is written to the old file: close the app and start it again to "
                "continue with the file now in place.").format(path=path))
    return user_db.atomic()


def _foreign(app_id: int, version: int, tables: set[str]) -> bool:
    """Not this app's patient database. A new file (ours, version 0) has no tables yet; a
    version-1 file from before application_id was set carries 0."""
    if version == 0:
        return app_id not in (0, APPLICATION_ID) or bool(tables)
    if app_id != APPLICATION_ID and not (app_id == 0 and version == 1):
        return True
    return version <= SCHEMA_VERSION and not REQUIRED_TABLES <= tables


def _header(path: Path) -> tuple[int, int, set[str]]:
    """application_id, user_version and table names, read-only."""
    con = connect_read_only(path)
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        con.close()
    return app_id, version, tables


def close_user_db() -> None:
    global _opened
    _opened = None
    if not user_db.is_closed():
        user_db.close()


@contextmanager
def user_db_open() -> Iterator[None]:
    """The user database open for the duration of the block, then left as it was found (a caller
    that opened it keeps it open; one that did not gets it closed again)."""
    opened_here = user_db.is_closed()
    if opened_here:
        open_user_db()
    try:
        yield
    finally:
        if opened_here:
            close_user_db()
