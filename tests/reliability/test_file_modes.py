"""Issue 12, row 18: everything the app writes in the data folder is owner-only (files
0600, folders 0700): logs, imports, backups, the catalog's working copy, reviews.json,
settings, the patient database, and patient exports."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from core.catalog import database as catalog_database
from core.catalog.bundle import open_catalog
from core.catalog.overlay import import_and_keep
from core.catalog.reviews import save_review
from core.logging_setup import setup_logging, stop_logging
from core.userdata import backup, records
from core.userdata.database import close_user_db, open_user_db, user_db_path
from resources import paths
from tests.reliability.conftest import run_cli, seed_data_folder

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def _loose_entries(folder: Path) -> list[str]:
    loose = []
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            mode = stat.S_IMODE(os.stat(Path(root, name)).st_mode)
            if mode != 0o700:
                loose.append(f"{Path(root, name)} {mode:o}")
        for name in files:
            mode = stat.S_IMODE(os.stat(Path(root, name)).st_mode)
            if mode != 0o600:
                loose.append(f"{Path(root, name)} {mode:o}")
    return loose


@pytest.fixture()
def wide_umask():
    """The most common desktop umask (files 0644): the app must not depend on a tight one."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_row_18_files_written_in_process_are_owner_only(wide_umask, qapp):
    """Log, imports, working catalog, reviews.json, patient database and its backups,
    settings.ini, and an exported patient file, all made with a 022 umask."""
    from ui.main_window import open_settings
    from ui.screening.patients import PatientsDialog

    folder = paths.data_dir()
    try:
        setup_logging()
        import logging

        logging.getLogger("test").warning("a line in the log")
        open_catalog()
        seed = sorted(paths.seed_sources().glob("*.txt"))[0]
        import_and_keep([seed])
        trial_id = catalog_database.Trial.select().first().trial_id
        key = catalog_database.Trial.get_by_id(trial_id).criteria.first().key
        save_review(trial_id, key, "reject")
        open_user_db()
        patient = records.create_patient("MODE-1")
        backup.backup(user_db_path())
        settings = open_settings()
        settings.setValue("window/test", 1)
        settings.sync()
        exports = folder / "exports"
        exports.mkdir(mode=0o700)
        PatientsDialog.export_to(None, patient.id, str(exports / "patient.json"))
    finally:
        close_user_db()
        catalog_database.close()
        stop_logging()
    for expected in ("logs/app.log", "catalog/catalog.sqlite", "reviews.json", "userdata.sqlite", "settings.ini",
                     "exports/patient.json"):
        assert (folder / expected).exists(), expected
    assert list((folder / "imports").iterdir()) and list((folder / "backups").iterdir())
    assert _loose_entries(folder) == []


def test_row_18_an_old_loose_log_is_tightened(wide_umask):
    """A log left 0644 by an older version is made 0600 when the app next opens it."""
    log = paths.user_file("logs", "app.log")
    log.write_text("old\n")
    log.chmod(0o644)
    try:
        setup_logging()
    finally:
        stop_logging()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_row_18_command_line_run_leaves_only_owner_only_files(wide_umask, data_dir):
    """The same after a user's commands (``catalog import``, ``data backup``, ``screen``),
    started from a 022 umask."""
    seed_data_folder(data_dir)
    seed = sorted(paths.seed_sources().glob("*.txt"))[0]
    for cmd in (("catalog", "import", str(seed)), ("data", "backup"),
                ("screen", "resources/samples/sample-patient.json")):
        result = run_cli(data_dir, *cmd)
        assert result.returncode == 0, result.stderr
    assert _loose_entries(data_dir) == []
