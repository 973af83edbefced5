"""The catalog subcommands, run as a user runs them (a subprocess of main.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from core import __version__
from core.catalog import database
from core.catalog import status as st
from core.catalog.bundle import source_files
from core.catalog.search import SearchFilters, search_trials

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-data")


def in_process(data_dir: Path, query: str, filters: SearchFilters | None = None) -> list[str]:
    """The same search done in this process on the catalog the command line used."""
    database.connect(data_dir / "catalog" / "catalog.sqlite")
    try:
        return [t.trial_id for t in search_trials(query, filters)]
    finally:
        database.close()


def test_version(data_dir):
    out = run("--version", data_dir=data_dir)
    assert out.returncode == 0 and __version__ in out.stdout


def test_list_json_is_stable_shape(data_dir):
    out = run("catalog", "list", "--json", data_dir=data_dir)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["format_version"] == 1 and data["count"] == len(source_files()) > 5
    assert set(data["trials"][0]) == {"trial_id", "title", "status", "conditions", "min_age_years",
                                      "max_age_years", "sponsor"}
    # every user file went to --data-dir
    assert (data_dir / "catalog" / "catalog.sqlite").exists()


def test_search_and_filters(data_dir):
    out = run("catalog", "search", "lupus", "--json", data_dir=data_dir)
    found = [t["trial_id"] for t in json.loads(out.stdout)["trials"]]
    # The SLE seed, and the dermatomyositis seed that excludes lupus in its criteria, among the others.
    assert {"UMIN000042298", "LOCAL-4D015546CB"} <= set(found)
    assert found == in_process(data_dir, "lupus")
    out = run("catalog", "list", "--recruiting", "--age", "10", data_dir=data_dir)
    kids = in_process(data_dir, "", SearchFilters(statuses=set(st.OPEN_STATUSES), patient_age=10))
    assert "Juvenile Sjogren" in out.stdout and out.stdout.strip().endswith(f"{len(kids)} trials")
    assert all(trial_id in out.stdout for trial_id in kids)
    out = run("catalog", "search", 'NEAR( "AND (', data_dir=data_dir)
    assert out.returncode == 0 and "error" not in out.stderr.lower()


def test_search_in_chinese_and_japanese(data_dir):
    def found(*words: str) -> list[str]:
        out = run("catalog", "search", *words, "--json", data_dir=data_dir)
        assert out.returncode == 0, out.stderr
        return [t["trial_id"] for t in json.loads(out.stdout)["trials"]]

    assert "UMIN000042298" in found("全身性エリテマトーデス")
    assert set(found("皮肌炎")) == set(found("dermatomyositis")) != set()
    # the bundled catalog: the seeds and the registry's rheumatology records (English) — a Chinese
    # name finds the English records about the concept too
    ra = set(found("类风湿"))
    assert {"LOCAL-EB61F3F300", "LOCAL-5DC21DAC9E"} <= ra  # the Chinese RA seed trials
    english_only = {t for t in found("rheumatoid", "arthritis") if t.startswith("NCT")}
    assert english_only and english_only & ra  # English registry RA records, found by the Chinese name
    out = run("catalog", "list", "--condition", "関節リウマチ", data_dir=data_dir)
    english = run("catalog", "list", "--condition", "rheumatoid arthritis", data_dir=data_dir)
    assert out.returncode == 0 and out.stdout.strip().splitlines()[-1] == english.stdout.strip().splitlines()[-1]


def test_show_text_and_json(data_dir):
    out = run("catalog", "show", "umin000042298", data_dir=data_dir)
    assert out.returncode == 0
    assert "Hajime Yoshifuji" in out.stdout and "1-1." in out.stdout
    assert "no longer recruiting" in out.stdout
    data = json.loads(run("catalog", "show", "UMIN000042298", "--json", data_dir=data_dir).stdout)
    assert data["trial_id"] == "UMIN000042298"
    assert data["min_age_years"] == 15 and data["max_age_years"] is None
    assert {f["code"] for f in data["flags"]} >= {"not_recruiting"}
    assert data["criteria"]["inclusion"][0]["children"][0]["label"] == "1-1"


def test_show_unknown_id_fails_clearly(data_dir):
    out = run("catalog", "show", "NCT00000000", data_dir=data_dir)
    assert out.returncode == 1 and "No trial with id NCT00000000" in out.stderr


def test_data_dir_environment_variable(tmp_path):
    env_dir = tmp_path / "from-env"
    import os
    env = dict(os.environ, TRIALS_DATA_DIR=str(env_dir))
    out = subprocess.run([sys.executable, "main.py", "catalog", "list"], cwd=ROOT, capture_output=True,
                         text=True, env=env, timeout=120)
    assert out.returncode == 0
    assert (env_dir / "catalog" / "catalog.sqlite").exists()


def test_show_in_chinese_but_json_flags_stay_english(data_dir):
    out = run("--language", "zh", "catalog", "show", "UMIN000042298", data_dir=data_dir)
    assert "该试验已不再招募" in out.stdout
    data = json.loads(run("--language", "zh", "catalog", "show", "UMIN000042298", "--json", data_dir=data_dir).stdout)
    assert any("no longer recruiting" in f["message"] for f in data["flags"])
