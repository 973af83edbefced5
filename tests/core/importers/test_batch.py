"""Batch import: files, folders and archives; per-file results; new / updated / unchanged."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from core.catalog import database, store
from core.catalog.models import Criterion, Trial
from core.importers import batch, limits
from core.importers.batch import import_into_catalog, iter_sources, parse_source, parse_sources
from core.importers.text import ImportFormatError

DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
API = DATA / "ctgov-api-v2"
RHEUM = DATA / "ctgov-classic-xml" / "rheumatology"
pytestmark = pytest.mark.skipif(not API.is_dir(), reason="shared data folder absent")


@pytest.fixture()
def catalog(tmp_path):
    database.connect(tmp_path / "catalog.sqlite", create=True)
    yield
    database.close()


def studies():
    return json.loads((API / "rheumatology-5.json").read_text())


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def write_tar(path: Path, members: dict[str, bytes], mode: str) -> Path:
    with tarfile.open(path, mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return path


def xml(name: str) -> bytes:
    return (RHEUM / name).read_bytes()


def test_parse_source_sniffs_content_not_names():
    assert parse_source("x.txt", xml("NCT00000419.xml"))[0].trial_id == "NCT00000419"
    assert len(parse_source("x.xml", (API / "rheumatology-5.json").read_bytes())) == 5
    with pytest.raises(ImportFormatError, match="empty"):
        parse_source("empty.json", b"")
    with pytest.raises(ImportFormatError, match="zip archive"):
        parse_source("inner.json", b"PK\x03\x04rest")


def test_folder_zip_and_tar_archives(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.xml").write_bytes(xml("NCT00000419.xml"))
    (folder / ".hidden.xml").write_bytes(b"junk")
    (folder / "notes.md").write_text("not a record")
    write_zip(folder / "bundle.zip", {"x/NCT00000395.xml": xml("NCT00000395.xml"),
                                      "__MACOSX/._x.xml": b"\x00\x01", "readme.pdf": b"%PDF"})
    write_tar(tmp_path / "more.tar.gz", {"d/NCT00000401.xml": xml("NCT00000401.xml")}, "w:gz")
    write_tar(tmp_path / "more.tar.xz", {"NCT00000407.xml": xml("NCT00000407.xml")}, "w:xz")
    write_tar(tmp_path / "more.tgz", {"NCT00000414.xml": xml("NCT00000414.xml")}, "w:gz")
    results = list(parse_sources([folder, tmp_path / "more.tar.gz", tmp_path / "more.tar.xz", tmp_path / "more.tgz"]))
    by_status = {}
    for result, records in results:
        by_status.setdefault(result.status, []).append(result.name)
        assert result.records == len(records)
    ids = {r.trial_id for _res, records in results for r in records}
    assert ids == {"NCT00000419", "NCT00000395", "NCT00000401", "NCT00000407", "NCT00000414"}
    assert sorted(by_status["skipped"]) == ["in/bundle.zip › readme.pdf", "in/notes.md"]
    assert "failed" not in by_status
    assert "in/bundle.zip › x/NCT00000395.xml" in by_status["ok"]


def test_missing_damaged_and_oversized_inputs_fail_alone(tmp_path, monkeypatch):
    write_zip(tmp_path / "ok.zip", {"NCT00000419.xml": xml("NCT00000419.xml"), "big.json": b"[" + b" " * 5000 + b"]"})
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 not really a zip")
    good_tar = io.BytesIO()
    with tarfile.open(fileobj=good_tar, mode="w:gz") as tf:
        for name in ("NCT00000395.xml", "NCT00000401.xml"):
            data = xml(name)
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    (tmp_path / "cut.tar.gz").write_bytes(good_tar.getvalue()[: len(good_tar.getvalue()) // 2])
    monkeypatch.setattr(limits, "MAX_MEMBER_BYTES", 4000)
    results = {r.name: r for r, _records in parse_sources(
        [tmp_path / "ok.zip", tmp_path / "broken.zip", tmp_path / "cut.tar.gz", tmp_path / "nowhere.json"])}
    assert results["ok.zip › NCT00000419.xml"].status == "failed"  # 7 kB > the 4 kB limit set above
    assert "too large" in results["ok.zip › big.json"].error
    assert "cannot be opened" in results["broken.zip"].error
    assert "damaged or truncated" in results["cut.tar.gz"].error or "cannot be decompressed" in results[
        "cut.tar.gz"].error
    assert "no such file" in results[str(tmp_path / "nowhere.json")].error


def test_member_size_is_checked_before_reading(tmp_path, monkeypatch):
    # A zip bomb: 30 MB of zeros compresses to a few kB; the header size refuses it unread.
    write_zip(tmp_path / "bomb.zip", {"bomb.json": b"0" * (30 * 1024 * 1024)})
    (source,) = list(iter_sources([tmp_path / "bomb.zip"]))
    assert source.data is None and "too large" in source.error


def test_one_bad_file_does_not_stop_the_batch(tmp_path, catalog):
    good = studies()
    bad = good[:2] + [{"protocolSection": {"identificationModule": {"briefTitle": "no id"}}}]
    (tmp_path / "1-good.json").write_text(json.dumps(good))
    (tmp_path / "2-bad.json").write_text(json.dumps(bad))
    (tmp_path / "3-truncated.json").write_text(json.dumps(good)[:5000])
    (tmp_path / "4-binary.json").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "5.xml").write_bytes(xml("NCT00000419.xml"))
    summary = import_into_catalog([tmp_path])
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (6, 0, 0, 3)
    reasons = dict(summary.failures)
    assert "study 3" in reasons[f"{tmp_path.name}/2-bad.json"]
    assert "truncated" in reasons[f"{tmp_path.name}/3-truncated.json"]
    assert "binary" in reasons[f"{tmp_path.name}/4-binary.json"]
    # Nothing of the bad file was saved, though its first two studies were fine on their own.
    assert Trial.select().count() == 6
    assert "6 new" in summary.describe()


def test_reimport_is_unchanged_and_a_new_version_updates(tmp_path, catalog):
    path = tmp_path / "ctg-studies.json"
    path.write_text(json.dumps(studies()))
    first = import_into_catalog([path])
    assert (first.new, first.updated, first.unchanged) == (5, 0, 0)
    again = import_into_catalog([path])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 5)
    changed = studies()
    changed[0]["protocolSection"]["statusModule"]["overallStatus"] = "COMPLETED"
    changed[0]["protocolSection"]["eligibilityModule"]["eligibilityCriteria"] = (
        "Inclusion Criteria:\n\n* Adults\n\nExclusion Criteria:\n\n* Pregnancy")
    path.write_text(json.dumps(changed))
    third = import_into_catalog([path])
    assert (third.new, third.updated, third.unchanged) == (0, 1, 4)
    trial_id = changed[0]["protocolSection"]["identificationModule"]["nctId"]
    row = Trial.get_by_id(trial_id)
    assert row.status == "COMPLETED"
    assert [c.text for c in Criterion.select().where(Criterion.trial == trial_id).order_by(Criterion.position)] == [
        "Adults", "Pregnancy"]
    assert Trial.select().count() == 5


def test_a_save_error_rolls_back_the_whole_file(tmp_path, catalog, monkeypatch):
    path = tmp_path / "ctg-studies.json"
    path.write_text(json.dumps(studies()))
    real = store.save_record
    calls = []

    def flaky(record):
        calls.append(record.trial_id)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(record)

    monkeypatch.setattr(batch, "save_record", flaky)
    summary = import_into_catalog([path])
    assert summary.failed == 1 and "disk full" in summary.failures[0][1]
    assert summary.new == 0
    assert Trial.select().count() == 0


def test_progress_and_cancel(tmp_path, catalog):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("NCT00000106.xml", "NCT00000395.xml", "NCT00000401.xml", "NCT00000407.xml"):
        (folder / name).write_bytes(xml(name))
    seen = []
    summary = import_into_catalog([folder], progress=seen.append, cancelled=lambda: len(seen) >= 2)
    assert summary.cancelled
    assert summary.new == 2 and len(summary.files) == 2
    assert [p.files_done for p in seen] == [1, 2]
    assert seen[-1].bytes_total > 0 and 0 < seen[-1].fraction < 1
    full = []
    summary = import_into_catalog([folder], progress=full.append)
    assert not summary.cancelled and (summary.new, summary.unchanged) == (2, 2)
    assert full[-1].fraction == 1.0 and full[-1].records_done == 4


def test_ctgov_downloads_import_into_the_catalog(catalog):
    summary = import_into_catalog([API / "rheumatology-5.json", API / "asthma-10.json", RHEUM])
    assert summary.failed == 0
    assert summary.new == 105
    detail = store.trial_to_dict("NCT00000419")
    assert detail["source"]["format"] == "ctgov-xml" and detail["criteria"]["exclusion"]
