"""User imports live beside the catalog and survive a new bundled catalog."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.catalog.models import Criterion, Trial
from core.catalog.overlay import import_and_keep, imports_dir, original_name

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data"
# Ten asthma studies: real records that are not in the bundled (rheumatology) catalog.
ASTHMA10 = DATA / "ctgov-api-v2" / "asthma-10.json"
pytestmark = pytest.mark.skipif(not ASTHMA10.exists(), reason="shared data not available")


def test_imports_are_kept_and_replayed_after_a_new_bundle(tmp_path):
    from resources import paths
    paths.set_data_dir(tmp_path / "data")
    try:
        open_catalog()
        bundled = Trial.select().count()
        summary = import_and_keep([ASTHMA10])
        assert (summary.new, summary.failed) == (10, 0)
        assert len(list(imports_dir().iterdir())) == 1
        assert Trial.select().count() == bundled + 10
        # A new app version ships another bundle: the working copy is rebuilt from it.
        database.set_info("bundle_fingerprint", "an-older-bundle")
        database.close()
        open_catalog()
        assert Trial.select().count() == bundled + 10
        assert Trial.get_or_none(Trial.trial_id == "NCT06751550") is not None
    finally:
        database.close()
        paths.set_data_dir(None)


def test_reimport_of_curated_seed_keeps_its_rules(tmp_path):
    from resources import paths
    paths.set_data_dir(tmp_path / "data")
    try:
        open_catalog()
        seed = next(paths.seed_sources().glob("003_*.txt"))
        summary = import_and_keep([seed])
        assert summary.unchanged == 1
        # even when the record is saved again (a changed copy), curated rules come back
        changed = tmp_path / "003-changed.txt"
        changed.write_text(seed.read_text(encoding="utf-8").replace("Completed", "Terminated"), encoding="utf-8")
        summary = import_and_keep([changed])
        assert summary.updated == 1
        rows = Criterion.select().where(Criterion.trial == "UMIN000042298")
        assert all(r.rule is not None and r.rule_origin in ("curated", "confirm-only") for r in rows)
    finally:
        database.close()
        paths.set_data_dir(None)


def test_cli_import_reports_new_updated_unchanged_failed(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text('{"studies": [')
    cmd = [sys.executable, "main.py", "--data-dir", str(tmp_path / "d"), "catalog", "import", "--json"]
    first = subprocess.run(cmd + [str(ASTHMA10), str(bad)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    data = json.loads(first.stdout)
    assert first.returncode == 1  # a file failed
    assert (data["new"], data["unchanged"], data["failed"]) == (10, 0, 1)
    failed = [f for f in data["files"] if f["status"] == "failed"]
    assert failed[0]["name"] == "broken.json" and failed[0]["error"]
    again = subprocess.run(cmd + [str(ASTHMA10)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and json.loads(again.stdout)["unchanged"] == 10


def test_cancelled_archive_keeps_only_the_members_that_imported(tmp_path):
    import tarfile

    from resources import paths
    archive = tmp_path / "batch.tar.gz"
    files = []  # six studies not in the bundled catalog, one per file
    for study in json.loads(ASTHMA10.read_text(encoding="utf-8"))[:6]:
        one = tmp_path / f"{study['protocolSection']['identificationModule']['nctId']}.json"
        one.write_text(json.dumps(study), encoding="utf-8")
        files.append(one)
    with tarfile.open(archive, "w:gz") as tf:
        for f in files:
            tf.add(f, arcname=f"studies/{f.name}")
    paths.set_data_dir(tmp_path / "data")
    try:
        open_catalog()
        seen = []

        def cancel_after_three() -> bool:
            return len(seen) >= 3

        summary = import_and_keep([archive], progress=lambda p: seen.append(p), cancelled=cancel_after_three)
        assert summary.cancelled and summary.new == 3
        kept = sorted(original_name(p) for p in imports_dir().iterdir())
        assert kept == sorted(f.name for f in files[:3])  # not the whole archive
    finally:
        database.close()
        paths.set_data_dir(None)
