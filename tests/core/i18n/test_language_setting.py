"""The app's language setting: stored in the user database, read without side effects at start,
chosen on the command line; a missing or damaged database means the system's language."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from core.userdata.database import user_db_path
from core.userdata.language import save_language, stored_language

ROOT = Path(__file__).resolve().parents[3]


def main(*args: str, data: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})


def test_reading_creates_nothing_and_a_damaged_file_means_system():
    assert stored_language() == "system" and not user_db_path().exists()
    user_db_path().write_bytes(b"not a database at all")
    assert stored_language() == "system"


def test_a_bad_choice_is_refused_and_nothing_is_stored():
    save_language("zh")
    with pytest.raises(ValueError):
        save_language("klingon")
    assert stored_language() == "zh"


def test_settings_language_on_the_command_line(tmp_path):
    data = tmp_path / "data"
    assert main("settings", "language", "zh", data=data).returncode == 0
    shown = main("settings", "language", data=data)
    assert shown.stdout.strip() == "语言：zh"  # applied from this start on
    from core.catalog.bundle import source_records

    n = len({r.trial_id for r in source_records()})  # the seeds and the registry records bundled
    listed = main("catalog", "list", data=data)
    assert f"{n}项试验" in listed.stdout and "正在招募" in listed.stdout
    english = main("--language", "en", "catalog", "list", data=data)
    assert f"{n} trials" in english.stdout  # --language wins over the setting
    bad = main("settings", "language", "fr", data=data)
    assert bad.returncode == 2 and "无效的选项：'fr'" in bad.stderr  # argparse's words in the language too
