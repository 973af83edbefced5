"""Issue 12, backup and restore rows (4-8, 20): backups and restore never lose data.

Each test builds the situation a user was in, runs the command they ran, and checks that
it ends as a plain message or a correct result, with every patient and answer kept.
"""

from __future__ import annotations

import sqlite3
import subprocess
import textwrap
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from core.userdata import backup, records
from core.userdata.database import (
    APPLICATION_ID,
    UserDataError,
    close_user_db,
    identity_problem,
    open_user_db,
    user_db_path,
)
from core.userdata.models import Patient
from resources import paths
from tests.reliability.conftest import PYTHON, ROOT, assert_plain_failure, out_text, run_cli, seed_data_folder


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def _references(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT reference FROM patient ORDER BY reference")]
    finally:
        con.close()


def test_row_04_restore_refused_while_the_app_runs(data_dir):
    """A running app (a process holding the instance lock with the database open, as the
    GUI does) keeps its file: ``data restore`` refuses, and the patient is still there."""
    seed_data_folder(data_dir, ("KEEP-1",))
    assert run_cli(data_dir, "data", "backup").returncode == 0
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from resources import paths; paths.set_data_dir({str(data_dir)!r})
        from core.userdata.instance_lock import InstanceLock
        from core.userdata.database import open_user_db
        from core.userdata import records
        lock = InstanceLock(); lock.acquire(); open_user_db()
        records.create_patient("AFTER-BACKUP")
        print("running", flush=True); time.sleep(60)
    """)
    app = subprocess.Popen([PYTHON, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert app.stdout.readline().strip() == "running"
        result = run_cli(data_dir, "data", "restore")
        assert_plain_failure(result, "running", "close it first", "nothing was changed")
    finally:
        app.kill()
        app.wait()
    assert _references(data_dir / "userdata.sqlite") == ["AFTER-BACKUP", "KEEP-1"]
    assert not list((data_dir / "backups").glob("replaced-*"))  # nothing was swapped


def test_row_05_restore_after_a_crash_keeps_the_answers_in_the_wal(data_dir):
    """Answers committed but still only in ``-wal`` (the writer died, no checkpoint) are in
    the copy a restore keeps of the file it replaces: 780 answers stay 780."""
    seed_data_folder(data_dir)
    assert run_cli(data_dir, "data", "backup").returncode == 0
    code = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT)!r})
        from resources import paths; paths.set_data_dir({str(data_dir)!r})
        from core.userdata.database import open_user_db, user_db
        from core.userdata import records
        from core.userdata.models import Patient
        open_user_db()
        user_db.execute_sql("PRAGMA wal_autocheckpoint = 0")
        s = records.start_screening(Patient.get(), {{"format_version": 1}})
        for i in range(780):
            records.record_answer(s.id, f"q{{i}}", i, {{"format_version": 1}})
        os._exit(0)  # like kill -9: no close, no checkpoint
    """)
    subprocess.run([PYTHON, "-c", code], check=True, cwd=ROOT, timeout=120)
    wal = data_dir / "userdata.sqlite-wal"
    assert wal.exists() and wal.stat().st_size > 0  # the answers really are in the WAL only
    result = run_cli(data_dir, "data", "restore")
    out, err = out_text(result)
    assert result.returncode == 0, err
    kept = next((data_dir / "backups").glob("replaced-*.sqlite"))
    assert identity_problem(kept) is None
    assert _count(kept, "answer") == 780  # not the 668 a byte copy of the main file held
    assert _count(data_dir / "userdata.sqlite", "answer") == 0  # the backup predates them


def _damage_mid_file(db: Path) -> None:
    """Overwrite a page in the middle of the file (a bad sector, a partial write)."""
    data = bytearray(db.read_bytes())
    page = int.from_bytes(data[16:18], "big") or 65536
    middle = (len(data) // page // 2) * page
    data[middle + 8: middle + page] = bytes([0x5A]) * (page - 8)
    db.write_bytes(bytes(data))


def test_row_06_a_damaged_database_never_rotates_out_the_good_backups(data_dir):
    """Once the database is damaged mid-file, neither ``data backup`` nor the daily backup
    writes a copy or removes an older one; restore then brings the patients back."""
    seed_data_folder(data_dir, tuple(f"P-{i:04d}-" + "x" * 200 for i in range(400)))
    for _ in range(3):
        assert run_cli(data_dir, "data", "backup").returncode == 0
    db = data_dir / "userdata.sqlite"
    _damage_mid_file(db)
    assert identity_problem(db) is not None  # really damaged
    for _ in range(12):  # more than KEEP: each would have rotated out one good backup
        assert_plain_failure(run_cli(data_dir, "data", "backup"), "no backup was taken", "kept unchanged")
    paths.set_data_dir(data_dir)
    from ui.screening.integration import daily_backup

    for i, b in enumerate(backup.list_backups()):  # days old, so the start-up backup is due
        b.path.rename(b.path.with_name(f"userdata-2020010{i + 1}T000000000000Z.sqlite"))
    good = sorted(b.path.name for b in backup.list_backups())
    daily_backup()  # the start-up backup: refused the same way (logged, never raised)
    assert sorted(b.path.name for b in backup.list_backups()) == good
    result = run_cli(data_dir, "data", "restore")
    assert result.returncode == 0, out_text(result)[1]
    assert len(_references(db)) == 400


def test_row_07_restore_accepts_only_a_genuine_backup(data_dir, tmp_path):
    """An empty file and the catalog file are refused by ``data restore``; nothing changes,
    and ``data check`` is not fooled by a catalog copied over the patient database."""
    seed_data_folder(data_dir, ("KEEP-1",))
    db = data_dir / "userdata.sqlite"
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    catalog = data_dir / "catalog" / "catalog.sqlite"
    for bad in (empty, catalog):
        before = db.read_bytes()
        assert_plain_failure(run_cli(data_dir, "data", "restore", str(bad)), "cannot be restored",
                             "nothing was changed")
        assert db.read_bytes() == before
    assert _references(db) == ["KEEP-1"]
    assert run_cli(data_dir, "data", "check").returncode == 0
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()
    # The catalog put in its place by hand: check says so instead of "ok".
    db.rename(tmp_path / "aside.sqlite")
    for side in ("-wal", "-shm"):
        Path(str(db) + side).unlink(missing_ok=True)
    db.write_bytes(catalog.read_bytes())
    assert_plain_failure(run_cli(data_dir, "data", "check"), "not a patient database")
    assert_plain_failure(run_cli(data_dir, "data", "export", "KEEP-1"), "not a patient database")
    assert db.read_bytes() == catalog.read_bytes()  # opened for nothing, changed in nothing


def test_row_07_backups_from_before_the_application_id_still_restore(tmp_path):
    """A schema-1 database (application_id 0, written by the previous version) is migrated
    on open and its old backups are still accepted as genuine."""
    path = tmp_path / "old.sqlite"
    open_user_db(path)
    records.create_patient("OLD-1")
    close_user_db()
    con = sqlite3.connect(path)
    con.execute("PRAGMA application_id = 0")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    assert identity_problem(path) is None
    open_user_db(path)
    try:
        assert [p.reference for p in Patient.select()] == ["OLD-1"]
    finally:
        close_user_db()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()


def test_row_08_a_zero_length_database_is_damage_and_a_backup_is_offered(qtbot, monkeypatch):
    """A zero-length ``userdata.sqlite`` is never silently made a new, empty database: opening
    refuses it untouched, ``data check`` calls it damaged, and the start-up offers the backup
    (the question box is answered by the test), which brings the patient back."""
    open_user_db()
    records.create_patient("KEEP-1")
    backup.backup(user_db_path())
    close_user_db()
    path = user_db_path()
    for side in ("-wal", "-shm"):
        Path(str(path) + side).unlink(missing_ok=True)
    path.write_bytes(b"")
    try:
        open_user_db()
    except UserDataError as exc:
        assert "empty" in str(exc)
    else:
        raise AssertionError("a zero-length database was opened as a new one")
    assert path.stat().st_size == 0
    assert_plain_failure(run_cli(paths.data_dir(), "data", "check"), "empty")
    from ui.screening import integration

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert integration.offer_restore_if_damaged(parent)
    assert "damaged" in asked[0]
    open_user_db()
    try:
        assert [p.reference for p in Patient.select()] == ["KEEP-1"]
    finally:
        close_user_db()


def test_row_20_check_without_a_database_says_nothing_was_checked(data_dir):
    """``data check`` on a data folder with no patient database does not say "ok"."""
    result = run_cli(data_dir, "data", "check")
    err = assert_plain_failure(result, "nothing to check")
    assert "ok" not in out_text(result)[0]
    assert "no patient database" in err
    assert not (data_dir / "userdata.sqlite").exists()  # and none was created


def test_row_04_a_file_replaced_under_the_running_app_is_never_written_blind(tmp_path):
    """Defence in depth: if the patient database is replaced by other means while the app
    runs (a backup copied over it by hand), the next answer is refused plainly instead of
    going into the replaced file, where nobody would ever see it."""
    from core.userdata.errors import SaveError, describe

    path = open_user_db(tmp_path / "user.sqlite")
    try:
        patient = records.create_patient("KEEP-1")
        screening = records.start_screening(patient, {"format_version": 1})
        records.record_answer(screening.id, "sex", "female", {"format_version": 1})
        copy = backup.backup(path)
        copy.replace(path)  # the backup copied over the open file
        try:
            records.record_answer(screening.id, "date_of_birth", "1970-01-01", {"format_version": 1})
        except UserDataError as exc:
            message = str(SaveError(describe(exc)))
        else:
            raise AssertionError("an answer was written into a file that had been replaced")
        assert "replaced" in message and "start it again" in message
    finally:
        close_user_db()
    open_user_db(path)
    try:
        assert [p.reference for p in Patient.select()] == ["KEEP-1"]
    finally:
        close_user_db()
