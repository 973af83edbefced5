"""Opening, building and copying catalog database files.

Two files exist at run time:

* the **bundled catalog**, built from ``resources/catalog/`` (source records + curation)
  and shipped read-only with the app;
* the **working catalog** in the user's data folder: a copy of the bundled one that
  imports are applied to. If it is missing, corrupt or built from an older bundle, it is
  copied again from the bundled file.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from core.catalog.models import ALL_MODELS, SCHEMA_VERSION, CatalogInfo, Trial, catalog_db
from core.catalog.store import save_record
from core.i18n import _
from core.sqlite_files import connect_read_only, copy_sqlite
from core.trial_record import TrialRecord
from resources import paths

PRAGMAS = {"journal_mode": "wal", "foreign_keys": 1, "cache_size": -16000, "synchronous": "normal"}


class CatalogError(Exception):
    """The catalog file cannot be used; the message says why in plain words."""


def connect(path: Path, create: bool = False) -> None:
    """Point the catalog models at ``path`` (WAL, foreign keys on)."""
    if not catalog_db.is_closed():
        catalog_db.close()
    if not create and not path.exists():
        raise CatalogError(_("The catalog file {path} does not exist.").format(path=path))
    catalog_db.init(str(path), pragmas=PRAGMAS)
    catalog_db.connect()
    if create:
        catalog_db.create_tables(ALL_MODELS)
        set_info("schema_version", str(SCHEMA_VERSION))
    version = get_info("schema_version")
    if version is None:
        raise CatalogError(_("{path} is not a trial catalog.").format(path=path))
    if int(version) > SCHEMA_VERSION:
        raise CatalogError(_("The catalog {path} was written by a newer version of the app (schema {version}, this "
                             "app reads {supported}).").format(path=path, version=version, supported=SCHEMA_VERSION))


def close() -> None:
    if not catalog_db.is_closed():
        catalog_db.close()


def get_info(key: str) -> str | None:
    try:
        row = CatalogInfo.get_or_none(CatalogInfo.key == key)
    except Exception:  # table missing: not a catalog file
        return None
    return row.value if row else None


def set_info(key: str, value: str) -> None:
    CatalogInfo.insert(key=key, value=value).on_conflict_replace().execute()


def catalog_date() -> str | None:
    """The newest "current as of" / last-update date of any trial (ISO), for About."""
    newest = None
    for trial in Trial.select(Trial.current_as_of, Trial.last_updated):
        for d in (trial.current_as_of, trial.last_updated):
            if d and (newest is None or d > newest):
                newest = d
    return newest.isoformat() if newest else None


def source_fingerprint(files: Iterable[Path]) -> str:
    """Hash of the files a bundled catalog is built from, plus the importer and rule code
    and vocabularies when running from source (so a changed importer or extractor rebuilds
    the development catalog)."""
    digest = hashlib.sha256(str(SCHEMA_VERSION).encode())
    inputs = sorted(Path(f) for f in files)
    if not getattr(sys, "frozen", False):
        code_root = Path(__file__).resolve().parent.parent
        # The automatic rules read the fact registry, rule language and vocabularies too.
        for sub in ("importers", "criteria", "catalog", "patient", "matching", "vocab"):
            inputs.extend(sorted((code_root / sub).rglob("*.py")))
        inputs.append(code_root / "trial_record.py")
        inputs.extend(sorted(paths.resource("vocab").rglob("*.json")))
    for f in inputs:
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def build_catalog(dest: Path, records: Iterable[TrialRecord], fingerprint: str,
                  finalize=None) -> Path:
    """Write a fresh catalog file at ``dest`` atomically (built aside, then renamed)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".catalog-", suffix=".sqlite", dir=dest.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        connect(tmp, create=True)
        with catalog_db.atomic():
            for record in records:
                save_record(record)
            if finalize is not None:
                finalize()
            set_info("built_at", datetime.now(UTC).isoformat(timespec="seconds"))
            set_info("fingerprint", fingerprint)
            set_info("catalog_date", catalog_date() or "")
        catalog_db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        # A single self-contained file (no -wal/-shm) so it can ship read-only.
        catalog_db.execute_sql("PRAGMA journal_mode=DELETE")
        catalog_db.execute_sql("VACUUM")
        close()
        os.replace(tmp, dest)
    finally:
        close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(tmp) + suffix).unlink(missing_ok=True)
    return dest


def read_info(path: Path, key: str) -> str | None:
    """Read one CatalogInfo value from a file without binding the models to it."""
    try:
        con = connect_read_only(path)
        try:
            row = con.execute("SELECT value FROM cataloginfo WHERE key = ?", (key,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


# Above this size the start-up check reads the schema and the catalog's own facts instead of
# every page (PRAGMA quick_check takes about 5 s on a 1.7 GB, 100,000-trial catalog).
FULL_CHECK_MAX_BYTES = 200 * 1024 * 1024


def is_healthy(path: Path) -> bool:
    """True when ``path`` is a readable catalog (small files also pass SQLite's quick check)."""
    try:
        con = connect_read_only(path)
        try:
            ok = True
            if path.stat().st_size <= FULL_CHECK_MAX_BYTES:
                ok = con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            else:
                con.execute("SELECT count(*) FROM sqlite_master").fetchone()
                con.execute("SELECT trial_id FROM trial ORDER BY rowid DESC LIMIT 1").fetchone()
            ok = ok and con.execute("SELECT value FROM cataloginfo WHERE key='fingerprint'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return False
    return bool(ok)


def copy_database(src: Path, dest: Path) -> None:
    """Copy a SQLite file with the backup API, atomically replacing ``dest``."""
    copy_sqlite(src, dest)


def working_catalog_path() -> Path:
    return paths.user_file("catalog", "catalog.sqlite")


def open_working_catalog(bundled: Path, force: bool = False) -> tuple[Path, bool]:
    """Open the user's working catalog, refreshing it from ``bundled`` when needed (or
    ``force``d). Returns the path and whether it was (re)made from the bundled copy."""
    working = working_catalog_path()
    if working.is_dir():  # never removed: it may hold someone's files
        raise CatalogError(_("{path} is a folder, where the app keeps its working copy of the catalog. Move that "
                             "folder aside, then start again.").format(path=working))
    bundle_fp = read_info(bundled, "fingerprint")
    if bundle_fp is None:
        raise CatalogError(_("The bundled catalog {path} is missing or unreadable.").format(path=bundled))
    stale = not working.exists() or not is_healthy(working) or read_info(working, "bundle_fingerprint") != bundle_fp
    if force or stale:
        close()
        copy_database(bundled, working)
        connect(working)
        set_info("bundle_fingerprint", bundle_fp)
        return working, True
    connect(working)
    return working, False
