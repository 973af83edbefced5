"""Issue 12, rows 11-14 and 17: a read-only or full data folder, a file or folder in the
way, a ``%20`` in the folder's name, a closed pipe. Each ends as a plain message (never a
traceback) or a correct result, and nothing already saved is lost."""

from __future__ import annotations

import argparse
import errno
import json
import os
import shutil
import sqlite3
import subprocess
from urllib.parse import unquote

import pytest
from PySide6.QtWidgets import QMessageBox

from core.catalog import database as catalog_database
from core.catalog.bundle import open_catalog, source_files
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db, user_db
from core.userdata.errors import SaveError
from core.userdata.models import Answer
from resources import paths
from tests.reliability.conftest import (
    PYTHON,
    ROOT,
    assert_plain_failure,
    can_mount,
    fill_disk,
    out_text,
    read_only_mount,
    run_cli,
    seed_data_folder,
    small_disk,
)

READ_ONLY_COMMANDS = (("catalog", "list"), ("catalog", "show", "NCT04629573"),
                      ("screen", "resources/samples/sample-patient.json"), ("data", "export", "P-1"),
                      ("data", "backup"))


def _set_modes(folder, dir_mode: int, file_mode: int) -> None:
    for root, dirs, files in os.walk(folder):
        for name in files:
            os.chmod(os.path.join(root, name), file_mode)
        for name in dirs:
            os.chmod(os.path.join(root, name), dir_mode)
    os.chmod(folder, dir_mode)


@pytest.mark.parametrize("how", ["read-only mount", "no permission"])
def test_row_11_read_only_data_folder_cli(data_dir, how):
    """Every command on a data folder that cannot be written ends in a plain message, never a
    traceback.

    "read-only mount": the folder really bind-mounted read-only (root with mount rights);
    without mount rights it falls back to "no permission". "no permission": the folder and
    everything in it made read-only (0500 / 0400), the commands run as root without
    capabilities (``setpriv``, as in a hardened service) or as the non-root test user."""
    seed_data_folder(data_dir)
    (data_dir / "catalog" / "catalog.sqlite").unlink()  # the copy must be made again: a write
    if how == "read-only mount" and can_mount():
        with read_only_mount(data_dir):
            results = [run_cli(data_dir, *cmd) for cmd in READ_ONLY_COMMANDS]
    else:
        as_root = os.geteuid() == 0
        assert not as_root or shutil.which("setpriv"), "no way to drop root's capabilities here"
        _set_modes(data_dir, 0o500, 0o400)
        try:
            results = [run_cli(data_dir, *cmd, drop_privileges=as_root) for cmd in READ_ONLY_COMMANDS]
        finally:
            _set_modes(data_dir, 0o700, 0o600)
    for result in results:
        err = assert_plain_failure(result, "cannot be written")
        assert "damaged" not in err
    assert (data_dir / "userdata.sqlite").exists()


def test_row_11_read_only_data_folder_gui(qapp, data_dir, monkeypatch):
    """The GUI says plainly that nothing can be saved and exits; it never says "you can keep
    working". Really read-only as above; fallback (no mount rights): the lock file's
    creation is refused with EROFS by a patched ``os.open``, the same error a read-only
    mount gives."""
    from ui import app as ui_app

    seed_data_folder(data_dir)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append(text))
    args = argparse.Namespace(command=None, data_dir=str(data_dir))
    if can_mount():
        with read_only_mount(data_dir):
            code = ui_app.run(args)
    else:
        real_open = os.open

        def refuse(path, flags, *a, **k):
            if str(path).startswith(str(data_dir)) and flags & (os.O_WRONLY | os.O_RDWR):
                raise OSError(errno.EROFS, "Read-only file system", str(path))
            return real_open(path, flags, *a, **k)

        monkeypatch.setattr(os, "open", refuse)
        code = ui_app.run(args)
    assert code == 1
    assert len(shown) == 1 and "cannot be written" in shown[0] and "closes now" in shown[0]
    assert "keep working" not in shown[0]


@pytest.fixture()
def full_folder(tmp_path):
    """A data folder on a 6 MiB tmpfs (fallback: a plain folder, the fault then simulated)."""
    folder = tmp_path / "small"
    if can_mount():
        with small_disk(folder, 6 * 1024) as mounted:
            yield mounted, True
    else:
        folder.mkdir()
        yield folder, False


def test_row_12_full_disk_during_a_screening(full_folder, monkeypatch):
    """The disk fills up between two answers: the message says the disk is full (not
    "cannot rollback - no transaction is active"), the screen keeps the last saved state,
    every earlier answer is kept, and the answer saves once space is freed.

    Really full: a filler file fills the tmpfs after the WAL was truncated. Fallback (no
    mount rights): the commit fails as SQLite's does on a full disk (SQLite rolls the
    transaction back itself, then reports SQLITE_FULL), so peewee's rollback still raises."""
    from ui.screening.session import CandidateFilter, ScreeningSession

    folder, real = full_folder
    paths.set_data_dir(folder)
    open_catalog()
    open_user_db()
    try:
        patient = records.create_patient("FULL-1")
        session = ScreeningSession.start(patient, CandidateFilter(open_only=False))
        session.answer("date_of_birth", "1970-01-01")
        before = session.q.to_dict()
        real_commit = user_db.commit
        if real:
            user_db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            filler = fill_disk(folder)
        else:
            def full_commit():
                user_db.connection().rollback()  # what SQLite does by itself on SQLITE_FULL
                raise sqlite3.OperationalError("database or disk is full")

            monkeypatch.setattr(user_db, "commit", full_commit)
        with pytest.raises(SaveError) as caught:
            session.answer("sex", "female")
        assert "full" in str(caught.value) and "rollback" not in str(caught.value)
        assert session.q.to_dict() == before
        if real:
            filler.unlink()
        else:
            monkeypatch.setattr(user_db, "commit", real_commit)
        session.answer("sex", "female")
        assert [a.question for a in Answer.select().order_by(Answer.id)] == ["date_of_birth", "sex"]
    finally:
        close_user_db()
        catalog_database.close()


def test_row_12_cli_on_a_nearly_full_disk(tmp_path, monkeypatch, capsys):
    """Every command on a full disk says "the disk is full", never a traceback (none from
    the log handler either: "--- Logging error ---"), and never calls the healthy patient
    database damaged (SQLite cannot make the WAL's -shm there: an I/O error, not damage).

    Really full: a data folder seeded on a small tmpfs (2 MiB beside the catalog), then filled; and a fresh folder on a
    128 KiB tmpfs (too small for the catalog's working copy). Fallback (no mount rights):
    in-process, the catalog copy raises ENOSPC as the file system would."""
    if not can_mount():
        import main
        from core.catalog import database

        def no_space(src, dest):
            raise OSError(errno.ENOSPC, "No space left on device", str(dest))

        monkeypatch.setattr(database, "copy_sqlite", no_space)
        assert main.main(["--data-dir", str(tmp_path / "tiny"), "catalog", "list"]) == 1
        err = capsys.readouterr().err
        assert "disk is full" in err.casefold() and "Traceback" not in err
        return
    with small_disk(tmp_path / "tiny", 128) as tiny:
        results = [run_cli(tiny, "catalog", "list"), run_cli(tiny, "screen", "resources/samples/sample-patient.json")]
    # Room for the seeded folder (the catalog's working copy is most of it), then filled.
    room_kib = 2048 + 2 * paths.bundled_catalog().stat().st_size // 1024
    with small_disk(tmp_path / "full", room_kib) as disk:
        data = disk / "data"
        seed_data_folder(data)
        (data / "catalog" / "catalog.sqlite").unlink()
        fill_disk(disk)
        results += [run_cli(data, *cmd) for cmd in (("data", "backup"), ("data", "export", "P-1"), ("data", "check"),
                                                    ("catalog", "list"))]
        assert (data / "userdata.sqlite").stat().st_size > 0
    for result in results:
        err = assert_plain_failure(result, "disk is full")
        assert "Logging error" not in err and "damaged" not in err


def test_row_13_a_folder_or_file_in_the_way(data_dir, tmp_path):
    """A folder at ``catalog/catalog.sqlite`` or a file named ``catalog``: a plain message
    naming it, and it is left exactly as it was."""
    (data_dir / "catalog" / "catalog.sqlite").mkdir(parents=True)
    (data_dir / "catalog" / "catalog.sqlite" / "keep.txt").write_text("mine")
    assert_plain_failure(run_cli(data_dir, "catalog", "list"), "is a folder", "catalog.sqlite")
    assert (data_dir / "catalog" / "catalog.sqlite" / "keep.txt").read_text() == "mine"
    other = tmp_path / "other"
    other.mkdir()
    (other / "catalog").write_text("a file")
    for cmd in (("catalog", "list"), ("screen", "resources/samples/sample-patient.json")):
        assert_plain_failure(run_cli(other, *cmd), "file is in the way", "catalog")
    assert (other / "catalog").read_text() == "a file"


@pytest.mark.parametrize("name", ["clinic%20data", "what?#it%2Fis"])
def test_row_14_data_folder_name_is_used_as_given(tmp_path, name):
    """A data folder named with ``%20`` (or ``?``, ``#``) is not URL-decoded: the healthy
    database checks ok, backups are written there and restore finds them."""
    folder = tmp_path / name
    folder.mkdir()
    seed_data_folder(folder, ("P-1",))
    assert run_cli(folder, "data", "check").returncode == 0
    assert run_cli(folder, "data", "backup").returncode == 0
    assert len(list((folder / "backups").glob("userdata-*.sqlite"))) == 1
    result = run_cli(folder, "data", "restore")
    assert result.returncode == 0, out_text(result)[1]
    exported = json.loads(run_cli(folder, "data", "export", "P-1").stdout)
    assert exported["patient"]["reference"] == "P-1"
    assert f"{len(source_files())} trials" in out_text(run_cli(folder, "catalog", "list"))[0]
    decoded = tmp_path / unquote(name)
    assert decoded != folder and not decoded.exists()  # nothing was written to a URL-decoded path


def test_row_17_export_into_a_closed_pipe(data_dir):
    """``data export REF | head``: the reader stops early, the export ends quietly."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r});"
            f"from resources import paths; paths.set_data_dir({str(data_dir)!r});"
            "from core.userdata.database import open_user_db; from core.userdata import records;"
            "open_user_db(); p = records.create_patient('BIG-1');"
            "s = records.start_screening(p, {'format_version': 1});"
            "[records.record_answer(s.id, f'question_{i}', 'x' * 80, {'format_version': 1}) for i in range(3000)]")
    subprocess.run([PYTHON, "-c", code], check=True, cwd=ROOT, timeout=120)
    head = shutil.which("head")
    assert head
    pipeline = subprocess.run(
        f'"{PYTHON}" main.py --data-dir "{data_dir}" data export BIG-1 | head -c 100 > /dev/null',
        shell=True, cwd=ROOT, capture_output=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    err = pipeline.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    for small in ("catalog list", "catalog list --json"):  # all output buffered: the pipe breaks at the flush
        quick = subprocess.run(f'"{PYTHON}" main.py --data-dir "{data_dir}" {small} | true', shell=True, cwd=ROOT,
                               capture_output=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert quick.stderr == b"", quick.stderr
    full = run_cli(data_dir, "data", "export", "BIG-1")
    assert len(full.stdout) > 200_000  # large enough that the pipe really broke mid-write
    assert json.loads(full.stdout)["patient"]["reference"] == "BIG-1"


def test_row_12_unexpected_fault_dialog_names_the_full_disk(qapp):
    """A disk-full or read-only fault that reaches the GUI's last-resort handler is named as
    such; the dialog does not say "you can keep working"."""
    from ui.errors import error_message

    full = sqlite3.OperationalError("cannot rollback - no transaction is active")
    full.__context__ = sqlite3.OperationalError("database or disk is full")
    read_only = OSError(errno.EROFS, "Read-only file system", "/data/x")
    for exc, words in ((full, "disk is full"), (read_only, "cannot be written")):
        text = error_message(type(exc), exc)
        assert words in text and "keep working" not in text
    assert "keep working" in error_message(ValueError, ValueError("a bug"))
