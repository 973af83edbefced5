"""``main.py patient import-fhir`` and ``main.py screen --fhir-out``, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.core.fhir.helpers import BUNDLES, bundle_with, write

ROOT = Path(__file__).resolve().parents[3]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=180)


def test_import_review_list_then_screen_and_export(tmp_path):
    data = tmp_path / "data"
    dry = run(data, "patient", "import-fhir", str(BUNDLES / "ra_mtx_adalimumab.json"), "--dry-run")
    assert dry.returncode == 0 and "Dry run: nothing was saved." in dry.stdout
    assert "13 facts proposed from 16 resources" in dry.stdout and "3 not mapped" in dry.stdout
    assert "from MedicationStatement/ada" in dry.stdout and "[2018-02]" in dry.stdout
    assert not (data / "userdata.sqlite").exists()
    profile = tmp_path / "ra.json"
    saved = run(data, "patient", "import-fhir", str(BUNDLES / "ra_mtx_adalimumab.json"), "--exclude", "4",
                "--profile-out", str(profile))
    assert saved.returncode == 0, saved.stderr
    assert "12 facts saved to the record of patient RH-2041 (new patient)." in saved.stdout
    written = json.loads(profile.read_text())
    assert [d["code"] for d in written["diagnoses"]] == ["rheumatoid_arthritis"]  # fact 4 (refuted TB) left out
    record = json.loads(run(data, "data", "export", "RH-2041").stdout)["record"]
    assert record == written
    out = tmp_path / "fhir"
    screened = run(data, "screen", str(profile), "--fhir-out", str(out))
    assert screened.returncode == 0, screened.stderr
    assert "FHIR screening bundle" in screened.stdout
    (path,) = out.glob("screening-RH-2041-*.fhir.json")
    bundle = json.loads(path.read_text())
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert types[:2] == ["Patient", "QuestionnaireResponse"]
    # the seed catalog has RA trials this patient may enter: each referred with its study, the letter attached
    assert types.count("ResearchStudy") == types.count("ResearchSubject") >= 1
    assert types[-1] == "DocumentReference"
    subjects = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "ResearchSubject"]
    assert {s["status"] for s in subjects} == {"candidate"}


def test_json_listing(tmp_path):
    listed = run(tmp_path, "patient", "import-fhir", str(BUNDLES / "myositis_jo1_ck.json"), "--json")
    data = json.loads(listed.stdout)
    assert data["reference"] == "MY-3302" and len(data["facts"]) == 9 and len(data["unmapped"]) == 2
    assert {"kind": "lab", "value": {"name": "anti_jo1", "result": "positive", "date": "2024-03-11"},
            "source": "Observation/o-jo1", "original": '"Anti-Jo-1 antibodies"', "date": "2024-03-11",
            "note": ""} in data["facts"]


def test_bad_bundles_change_nothing(tmp_path):
    data = tmp_path / "data"
    r5 = bundle_with({"resourceType": "MedicationStatement", "id": "m", "status": "active",
                      "subject": {"reference": "Patient/p1"}, "medication": {"concept": {"text": "x"}}})
    for bad, words in ((write(tmp_path, "not json"), "not FHIR JSON"),
                       (write(tmp_path, r5, "r5.json"), "FHIR R5 bundle"),
                       (tmp_path / "missing.json", "Cannot read missing.json")):
        result = run(data, "patient", "import-fhir", str(bad))
        assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr
    assert not (data / "userdata.sqlite").exists()
    impossible = bundle_with({"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
                              "code": {"text": "lupus nephritis"}, "onsetDateTime": "1960"})
    result = run(data, "patient", "import-fhir", str(write(tmp_path, impossible, "old.json")))
    assert result.returncode == 1 and "before the date of birth" in result.stderr
    assert run(data, "data", "export", "T-1").returncode == 1  # no patient was created
    result = run(data, "patient", "import-fhir", str(BUNDLES / "spec_examples.json"), "--exclude", "99")
    # five facts since the Procedure (an appendectomy) is read as well
    assert result.returncode == 2 and "--exclude takes fact numbers from 1 to 5" in result.stderr


def test_escape_sequences_from_a_bundle_never_reach_the_terminal():
    from core.commands.fhir import format_import
    from core.fhir.map_patient import map_bundle
    from core.fhir.read_bundle import parse_bundle

    odd = bundle_with({"resourceType": "Procedure", "id": "x", "status": "completed",
                       "subject": {"reference": "Patient/p1"}, "code": {"text": "scan\x1b[2J\x1b]0;owned\x07"}})
    text = format_import(map_bundle(parse_bundle(odd)), set())
    assert "\x1b" not in text and "\x07" not in text and "scan?[2J?]0;owned?" in text
