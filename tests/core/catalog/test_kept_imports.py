"""Kept imports and the catalog agree whatever happens (core/catalog/overlay.py): files kept
atomically before their transaction, exactly the bytes parsed, in import order; start-up
reconcile of what a killed import left."""

from __future__ import annotations

import gzip
import os
import zipfile
from pathlib import Path

import pytest

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.catalog.models import KeptImport, Trial
from core.catalog.overlay import KeptFiles, import_and_keep, imports_dir, original_name, read_kept
from core.catalog.store import kept_digests
from core.importers import batch

RHEUM = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ctgov-classic-xml" / "rheumatology"
pytestmark = [pytest.mark.skipif(not RHEUM.is_dir(), reason="shared data folder absent"),
              pytest.mark.filterwarnings("ignore:Duplicate name")]


@pytest.fixture()
def data_dir(tmp_path):
    from resources import paths

    paths.set_data_dir(tmp_path / "data")
    open_catalog()
    yield tmp_path / "data"
    database.close()
    paths.set_data_dir(None)


def xml(name: str) -> bytes:
    return (RHEUM / name).read_bytes().replace(b"NCT0", b"NCT9")  # not in the bundled catalog


def status_of(trial_id: str) -> str | None:
    return Trial.get_by_id(trial_id).status


def kept() -> list[Path]:
    return sorted(imports_dir().iterdir())


def test_the_kept_file_is_the_bytes_parsed_owner_only(data_dir, tmp_path):
    (tmp_path / "a.xml").write_bytes(xml("NCT00000419.xml"))
    summary = import_and_keep([tmp_path / "a.xml"])
    assert summary.new == 1
    (path,) = kept()
    assert original_name(path) == "a.xml" and read_kept(path) == xml("NCT00000419.xml")
    assert path.stat().st_mode & 0o777 == 0o600
    assert imports_dir().stat().st_mode & 0o777 == 0o700
    assert kept_digests() == set(KeptFiles().files)  # recorded in the same transaction


def test_reimport_keeps_one_copy_and_rewrites_nothing(data_dir, tmp_path):
    for name in ("NCT00000419.xml", "NCT00000395.xml"):
        (tmp_path / name).write_bytes(xml(name))
    import_and_keep([tmp_path / "NCT00000419.xml"])
    import_and_keep([tmp_path / "NCT00000395.xml"])
    before = [(p.name, p.stat().st_ino) for p in kept()]
    assert import_and_keep([tmp_path / "NCT00000419.xml"]).unchanged == 1
    assert [(p.name, p.stat().st_ino) for p in kept()] == before  # unchanged: nothing written or moved
    assert [original_name(p) for p in kept()] == ["NCT00000419.xml", "NCT00000395.xml"]


def test_replay_gives_the_version_imported_last(data_dir, tmp_path):
    v1 = xml("NCT00000419.xml")
    v2 = v1.replace(b"<overall_status>Terminated</overall_status>", b"<overall_status>Completed</overall_status>")
    (tmp_path / "v1.xml").write_bytes(v1)
    (tmp_path / "v2.xml").write_bytes(v2)
    for name, status in (("v1.xml", "TERMINATED"), ("v2.xml", "COMPLETED"), ("v1.xml", "TERMINATED")):
        import_and_keep([tmp_path / name])
        assert status_of("NCT90000419") == status
        database.set_info("bundle_fingerprint", "older")  # a new app version: rebuilt, imports replayed
        database.close()
        open_catalog()
        assert status_of("NCT90000419") == status


def test_a_failed_save_keeps_nothing(data_dir, tmp_path, monkeypatch):
    (tmp_path / "a.xml").write_bytes(xml("NCT00000419.xml"))

    def broken(record):
        raise RuntimeError("disk full")

    monkeypatch.setattr(batch, "save_record", broken)
    summary = import_and_keep([tmp_path / "a.xml"])
    assert summary.failed == 1 and "disk full" in summary.failures[0][1]
    assert kept() == [] and kept_digests() == set()


def test_start_up_finishes_what_a_killed_import_left(data_dir):
    # Killed after the file was kept, before its transaction; and mid-way through writing another.
    KeptFiles().keep("NCT00000419.xml", xml("NCT00000419.xml"))
    (imports_dir() / ".tmp-half-written").write_bytes(b"<clinical_study>")
    assert Trial.get_or_none(Trial.trial_id == "NCT90000419") is None
    database.close()
    open_catalog()
    assert status_of("NCT90000419") == "TERMINATED"
    assert [original_name(p) for p in kept()] == ["NCT00000419.xml"]
    assert kept_digests() == set(KeptFiles().files)


def test_a_catalog_holding_a_vanished_kept_file_is_rebuilt(data_dir, tmp_path):
    (tmp_path / "a.xml").write_bytes(xml("NCT00000419.xml"))
    import_and_keep([tmp_path / "a.xml"])
    bundled = Trial.select().count() - 1
    kept()[0].unlink()
    database.close()
    open_catalog()
    assert Trial.get_or_none(Trial.trial_id == "NCT90000419") is None
    assert Trial.select().count() == bundled
    assert KeptImport.select().count() == 0


def test_files_kept_by_earlier_versions_are_checked_and_rekept(data_dir, tmp_path):
    legacy = imports_dir() / "0123456789abcdef-batch.zip"
    with zipfile.ZipFile(legacy, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("NCT00000419.xml", xml("NCT00000419.xml"))
        zf.writestr("NCT00000419.xml", b"<not a record")  # the entry an earlier version kept in its place
    (imports_dir() / "fedcba9876543210-NCT00000395.xml").write_bytes(xml("NCT00000395.xml"))
    database.close()
    open_catalog()
    assert sorted(original_name(p) for p in kept()) == ["NCT00000395.xml", "NCT00000419.xml"]
    assert read_kept(next(p for p in kept() if "419" in p.name)) == xml("NCT00000419.xml")
    assert status_of("NCT90000419") == "TERMINATED" and Trial.get_or_none(Trial.trial_id == "NCT90000395")
    # The archive that held a bad entry is moved aside, never deleted.
    assert [p.name for p in (data_dir / "imports-refused").iterdir()] == [legacy.name]


def test_a_damaged_kept_file_is_moved_aside(data_dir):
    key = KeptFiles().keep("NCT00000419.xml", xml("NCT00000419.xml"))
    path = KeptFiles().files[key]
    path.write_bytes(gzip.compress(b"something else"))
    database.close()
    open_catalog()
    assert kept() == []
    assert Trial.get_or_none(Trial.trial_id == "NCT90000419") is None
    assert [p.name for p in (data_dir / "imports-refused").iterdir()] == [path.name]
    assert os.stat(data_dir / "imports-refused").st_mode & 0o777 == 0o700


def test_a_kept_file_that_cannot_be_saved_now_stays_for_the_next_start(data_dir, monkeypatch):
    KeptFiles().keep("NCT00000419.xml", xml("NCT00000419.xml"))
    database.close()

    def full_disk(record):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "save_record", full_disk)
    open_catalog()
    assert [original_name(p) for p in kept()] == ["NCT00000419.xml"]  # not moved aside
    assert not (data_dir / "imports-refused").exists()
    monkeypatch.undo()
    database.close()
    open_catalog()
    assert status_of("NCT90000419") == "TERMINATED"


def test_a_working_catalog_from_an_earlier_version_gets_its_kept_files_recorded(data_dir, tmp_path):
    (tmp_path / "a.xml").write_bytes(xml("NCT00000419.xml"))
    import_and_keep([tmp_path / "a.xml"])
    database.catalog_db.execute_sql("DROP TABLE keptimport")  # as an earlier version left it
    database.close()
    open_catalog()
    assert kept_digests() == set(KeptFiles().files) and status_of("NCT90000419") == "TERMINATED"
