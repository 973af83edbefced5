"""Backups, restore, integrity check, the single-instance lock, and unwritable folders."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from core.userdata import backup, records
from core.userdata.database import UserDataError, close_user_db, open_user_db
from core.userdata.instance_lock import AlreadyRunning, InstanceLock
from core.userdata.models import Patient

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture()
def db(tmp_path):
    path = open_user_db(tmp_path / "user.sqlite")
    yield path
    close_user_db()


def test_backup_restore_round_trip(db):
    records.create_patient("P-1")
    first = backup.backup(db)
    records.create_patient("P-2")
    close_user_db()
    kept = backup.restore(first, db)
    open_user_db(db)
    assert [p.reference for p in Patient.select()] == ["P-1"]
    assert kept is not None and kept.exists()  # the replaced file was kept, not lost


def test_backups_rotate(db):
    for _ in range(5):
        backup.backup(db, keep=3)
    assert len(backup.list_backups()) == 3


def test_damaged_backup_refused(db, tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not sqlite" * 500)
    close_user_db()
    before = db.read_bytes()
    with pytest.raises(backup.BackupError, match="damaged"):
        backup.restore(bad, db)
    assert db.read_bytes() == before


def test_integrity_check(tmp_path, db):
    assert backup.integrity_ok(db)
    broken = tmp_path / "broken.sqlite"
    data = bytearray(db.read_bytes())
    broken.write_bytes(b"SQLite format 3\x00" + bytes(len(data) - 16))
    assert not backup.integrity_ok(broken)


def test_second_instance_is_refused(tmp_path):
    lock_path = tmp_path / "app.lock"
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from core.userdata.instance_lock import InstanceLock
        lock = InstanceLock(Path({str(lock_path)!r})); lock.acquire()
        print("locked", flush=True); time.sleep(30)
    """)
    other = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "locked"
        with pytest.raises(AlreadyRunning, match="already running"):
            InstanceLock(lock_path).acquire()
    finally:
        other.kill()
        other.wait()
    # the dead process's lock is gone with it: no stale lock after a crash
    with InstanceLock(lock_path):
        pass


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_read_only_data_folder_gives_clear_message(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserDataError, match="cannot be written"):
            open_user_db(folder / "user.sqlite")
    finally:
        folder.chmod(0o700)


def test_read_only_database_file_gives_clear_message(tmp_path, monkeypatch):
    # Root ignores permissions, so simulate the OS refusing the write.
    import core.userdata.database as dbmod

    def refuse(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(dbmod, "_create_new", refuse)
    with pytest.raises(UserDataError, match="cannot be written"):
        open_user_db(tmp_path / "x.sqlite")
