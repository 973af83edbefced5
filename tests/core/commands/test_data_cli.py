"""``main.py data ...``: backup, list, restore, integrity check, export, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), "data", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def make_patient(data_dir: Path, reference: str) -> None:
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r});"
            f"from resources import paths; paths.set_data_dir({str(data_dir)!r});"
            "from core.userdata.database import open_user_db; from core.userdata import records;"
            f"open_user_db(); records.create_patient({reference!r})")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_backup_restore_export_cycle(tmp_path):
    assert run(tmp_path, "backup").returncode == 1  # nothing to back up yet: said plainly
    make_patient(tmp_path, "P-1")
    assert "Backup written" in run(tmp_path, "backup").stdout
    make_patient(tmp_path, "P-2")
    listing = run(tmp_path, "backups")
    assert "1 backup in" in listing.stdout
    exported = json.loads(run(tmp_path, "export", "P-2").stdout)
    assert exported["patient"]["reference"] == "P-2"
    restored = run(tmp_path, "restore")
    assert restored.returncode == 0 and "kept as" in restored.stdout
    assert run(tmp_path, "export", "P-2").returncode == 1  # P-2 came after the backup
    assert json.loads(run(tmp_path, "export", "P-1").stdout)["patient"]["reference"] == "P-1"
    assert run(tmp_path, "check").stdout.startswith("ok:")


def test_check_reports_damage_without_changing_anything(tmp_path):
    db = tmp_path / "userdata.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    before = db.read_bytes()
    out = run(tmp_path, "check")
    assert out.returncode == 1 and "damaged" in out.stderr
    assert db.read_bytes() == before
