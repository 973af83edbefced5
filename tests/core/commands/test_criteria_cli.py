"""``main.py criteria propose``: the proposal, plain words, modifiable, the words read; null with a reason."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), "criteria", "propose",
                           *args], capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_json_proposal_is_stable_and_complete(tmp_path):
    done = run("--kind", "exclusion", "Previous use of methotrexate within the past 6 months", "--json",
               data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"format_version", "kind", "text", "proposal", "reason"}
    assert data["format_version"] == 1 and data["reason"] is None
    p = data["proposal"]
    assert p["rule"]["rule"] == {"fact": "drug_weeks_since:methotrexate", "op": "<", "value": 26.0}
    assert p["modifiable"] is True
    assert p["parts"] == [{"pattern": "drug_window", "words": "previous use of methotrexate within the past 6 months"}]
    assert "methotrexate" in p["description"]


def test_no_proposal_is_null_with_the_reason(tmp_path):
    done = run("--kind", "inclusion", "Able to comply in the opinion of the investigator", "--json", data_dir=tmp_path)
    data = json.loads(done.stdout)
    assert data["proposal"] is None
    assert "opinion" in data["reason"]


def test_plain_output_and_bad_kind(tmp_path):
    done = run("--kind", "inclusion", "Age 18 years or older", data_dir=tmp_path)
    assert "Rule:" in done.stdout and "age_years" in done.stdout and "Modifiable:  no" in done.stdout
    bad = run("--kind", "maybe", "Age 18 years or older", data_dir=tmp_path)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr
