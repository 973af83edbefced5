"""Walking inputs with bounded reads (core/importers/sources.py): every archive entry
counted, entry and total caps, chunked decompression."""

from __future__ import annotations

import io
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from core.importers import limits
from core.importers.sources import TooLarge, iter_sources, read_bounded

RHEUM = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ctgov-classic-xml" / "rheumatology"
pytestmark = [pytest.mark.skipif(not RHEUM.is_dir(), reason="shared data folder absent"),
              pytest.mark.filterwarnings("ignore:Duplicate name")]  # duplicates are the point here


def good() -> bytes:
    return (RHEUM / "NCT00000419.xml").read_bytes()


def zip_entries(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    """A zip with these entries in order; the same name may come many times."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries:
            zf.writestr(zipfile.ZipInfo(name), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def test_read_bounded_reads_in_chunks_and_stops_past_the_limit(monkeypatch):
    monkeypatch.setattr(limits, "READ_CHUNK", 10)
    assert read_bounded(io.BytesIO(b"a" * 95), 100) == b"a" * 95

    class Counting(io.BytesIO):
        largest = 0

        def read(self, n=-1):
            Counting.largest = max(Counting.largest, n)
            return super().read(n)

    with pytest.raises(TooLarge):
        read_bounded(Counting(b"a" * 10_000), 100)
    assert 0 < Counting.largest <= 10  # never asked for the whole stream


def test_duplicate_member_names_are_each_checked(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_MEMBER_BYTES", 20_000)
    bomb = b"0" * 200_000
    path = zip_entries(tmp_path / "dup.zip", [("study.xml", good()), ("study.xml", bomb), ("study.xml", bomb),
                                              ("study.xml", b"not a record")])
    sources = list(iter_sources([path]))
    assert [s.name for s in sources] == ["dup.zip › study.xml", "dup.zip › study.xml (copy 2)",
                                         "dup.zip › study.xml (copy 3)", "dup.zip › study.xml (copy 4)"]
    assert sources[0].data == good()  # this entry's bytes, not the last entry of the name
    assert [s.data is None and "too large" in s.error for s in sources[1:3]] == [True, True]
    assert sources[3].data == b"not a record"


def test_many_entries_are_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARCHIVE_ENTRIES", 3)
    path = zip_entries(tmp_path / "many.zip", [("a.xml", good())] * 5)
    (source,) = list(iter_sources([path]))
    assert source.data is None and "holds 5 entries; the limit is 3" in source.error
    tar = tmp_path / "many.tar"
    with tarfile.open(tar, "w") as tf:
        for _ in range(5):
            info = tarfile.TarInfo("a.xml")
            info.size = len(good())
            tf.addfile(info, io.BytesIO(good()))
    sources = list(iter_sources([tar]))
    assert [s.data is not None for s in sources] == [True, True, True, False]
    assert "more than 3 entries" in sources[-1].error


def test_total_decompressed_bytes_are_capped(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ARCHIVE_BYTES", len(good()) * 2 + 10)
    path = zip_entries(tmp_path / "total.zip", [(f"{i}.xml", good()) for i in range(5)])
    sources = list(iter_sources([path]))
    assert [s.data is not None for s in sources] == [True, True, False]
    assert "decompresses to more than" in sources[-1].error and "after 2 files" in sources[-1].error


def test_a_bomb_repeated_under_one_name_is_refused_in_bounded_memory(tmp_path):
    # A good entry, then three entries of the same name, each 64 MB of zeros (64 kB compressed).
    path = tmp_path / "bombs.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("study.xml", good())
        chunk = b"\0" * (1024 * 1024)
        for _ in range(3):
            with zf.open("study.xml", "w", force_zip64=True) as fh:
                for _ in range(64):
                    fh.write(chunk)
    tracemalloc.start()
    try:
        sources = list(iter_sources([path]))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [s.data is not None for s in sources] == [True, False, False, False]
    assert peak < 30 * 1024 * 1024  # never a whole bomb in memory
