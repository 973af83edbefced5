"""Start-up safety: a second running copy is refused, a damaged patient database is never
replaced silently (the newest backup is offered), and a daily backup is taken."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QMessageBox, QWidget

from core.userdata import backup, records
from core.userdata.database import close_user_db, open_user_db, user_db_path
from core.userdata.instance_lock import InstanceLock
from ui import app as ui_app
from ui.screening import integration


def test_second_instance_is_refused_with_a_message(qapp, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    with InstanceLock():  # "the other copy" holds the data folder
        assert ui_app.run(argparse.Namespace(command=None, data_dir=None)) == 1
    assert shown and "already running" in shown[0]


def test_damaged_database_offers_the_newest_backup(qtbot, monkeypatch):
    open_user_db()
    records.create_patient("KEEP-1")
    backup.backup(user_db_path())
    close_user_db()
    path = user_db_path()
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 8000)  # damaged
    for side in ("-wal", "-shm"):
        path.with_name(path.name + side).unlink(missing_ok=True)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert integration.offer_restore_if_damaged(parent)
    assert "damaged" in asked[0] and "has not been changed" in asked[0]
    open_user_db()
    try:
        from core.userdata.models import Patient
        assert [p.reference for p in Patient.select()] == ["KEEP-1"]
        assert any(f.name.startswith("replaced-") for f in backup.backups_dir().iterdir())  # damaged file kept
    finally:
        close_user_db()


def test_declining_the_restore_changes_nothing(qtbot, monkeypatch):
    path = user_db_path()
    open_user_db()
    close_user_db()
    backup.backup(path)
    path.write_bytes(b"SQLite format 3\x00" + b"\x01" * 8000)
    before = path.read_bytes()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    parent = QWidget()
    qtbot.addWidget(parent)
    assert not integration.offer_restore_if_damaged(parent)
    assert path.read_bytes() == before


def test_daily_backup_once_a_day():
    open_user_db()
    try:
        integration.daily_backup()
        integration.daily_backup()
        assert len(backup.list_backups()) == 1
    finally:
        close_user_db()
