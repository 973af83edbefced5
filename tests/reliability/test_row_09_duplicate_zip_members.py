"""Issue 12, row 9: a zip holding the same member name many times bypassed the per-member
size limit (a 1 MB zip took 2.1 GB of memory), and a 1 GiB entry was kept in ``imports/``
in place of the good record, so the trial vanished after a catalog rebuild.

Now every entry is checked on its own, decompression stops at the limit, and what is kept
is exactly the bytes that imported.
"""

from __future__ import annotations

import gzip
import zipfile

import pytest

from tests.reliability.imports_support import (
    RHEUM,
    catalog_ids,
    force_rebuild,
    kept_ids,
    run_main,
    run_measured,
    unbundled,
)

pytestmark = [pytest.mark.skipif(not RHEUM.is_dir(), reason="shared data not available"),
              pytest.mark.filterwarnings("ignore:Duplicate name")]  # duplicates are the point here

GIB = 1024 * 1024 * 1024


def test_row_09_duplicate_member_names_cannot_bypass_the_limits(tmp_path):
    good = unbundled((RHEUM / "NCT00000419.xml").read_bytes())
    archive = tmp_path / "dup.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("NCT00000419.xml", good)
        with zf.open("NCT00000419.xml", "w", force_zip64=True) as fh:  # 1 GiB of zeros, ~1 MB compressed
            chunk = b"\0" * (16 * 1024 * 1024)
            for _ in range(GIB // len(chunk)):
                fh.write(chunk)
        zf.writestr("NCT00000419.xml", b"<clinical_study>damaged</clinical_study")
    assert archive.stat().st_size < 3 * 1024 * 1024
    data = tmp_path / "data"

    proc, peak_mb = run_measured(data, "catalog", "import", str(archive))
    assert proc.returncode == 1  # two entries failed, each with its reason
    assert "1 record from 1 file: 1 new" in proc.stdout
    assert "dup.zip › NCT00000419.xml (copy 2): the file is too large for one record file" in proc.stdout
    assert "dup.zip › NCT00000419.xml (copy 3):" in proc.stdout
    assert peak_mb < 150, f"peak memory {peak_mb:.0f} MB"  # 2.1 GB before
    assert "NCT90000419" in catalog_ids(data)

    # Kept: the good record's bytes, nothing else.
    kept = sorted((data / "imports").glob("*.gz"))
    assert len(kept) == 1 and gzip.decompress(kept[0].read_bytes()) == good
    assert kept[0].stat().st_size < 100_000
    assert list(kept_ids(data).values()) == [{"NCT90000419"}]

    # A new app version rebuilds the catalog from its bundle: the trial comes back.
    force_rebuild(data)
    again = run_main(data, "catalog", "show", "NCT90000419")
    assert again.returncode == 0, again.stderr
    assert "NCT90000419" in catalog_ids(data)
