"""``main.py screen --letter`` and ``main.py settings``, run as a user runs them (issue 13 item 8):
a letter without a letterhead warns and says how to set one; the letterhead set on the command
line is the one the app's Settings dialog keeps; clinician notes go to stderr, not the letter."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "resources" / "samples" / "sample-patient.json"
RA_COHORT = "LOCAL-EB61F3F300"

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def text_of(pdf: Path) -> str:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@needs_pdftotext
def test_no_letterhead_warns_and_says_how_to_set_it(tmp_path):
    pdf = tmp_path / "letter.pdf"
    out = run("screen", str(SAMPLE), "--trials", RA_COHORT, "--letter", str(pdf), "--language", "en",
              data_dir=tmp_path / "data")
    assert out.returncode == 0, out.stderr
    assert "warning: No clinic letterhead is set" in out.stderr
    assert 'python main.py settings letterhead --clinic "…" --clinician "…"' in out.stderr
    assert "--letterhead FILE.json" in out.stderr
    # the notes for the clinician are on stderr, not in the letter
    assert "the contact may be wrong" in out.stderr and "not in the letter" in out.stderr
    text = text_of(pdf)
    assert "Dear Jennifer Cobb," in text and "may be wrong" not in text


@needs_pdftotext
def test_letterhead_set_on_the_command_line_prints_and_is_the_apps(tmp_path):
    data = tmp_path / "data"
    out = run("settings", "letterhead", "--clinic", "Riverside <b>Rheumatology</b>", "--clinician", "Dr Ada Li",
              "--role", "Consultant rheumatologist", "--phone", "0123", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    shown = json.loads(run("settings", "show", "--json", data_dir=data).stdout)
    assert (shown["clinic_name"], shown["clinician_name"], shown["phone"]) == (
        "Riverside <b>Rheumatology</b>", "Dr Ada Li", "0123")
    # a later call changes only what it names
    assert run("settings", "letterhead", "--department", "Rheumatology", data_dir=data).returncode == 0
    shown = json.loads(run("settings", "show", "--json", data_dir=data).stdout)
    assert (shown["clinic_name"], shown["department"]) == ("Riverside <b>Rheumatology</b>", "Rheumatology")

    pdf = tmp_path / "letter.pdf"
    out = run("screen", str(SAMPLE), "--trials", RA_COHORT, "--letter", str(pdf), data_dir=data)
    assert out.returncode == 0 and "No clinic letterhead" not in out.stderr
    text = text_of(pdf)
    assert "Riverside <b>Rheumatology</b>" in text  # printed literally, never markup
    assert "Dr Ada Li Consultant rheumatologist" in text and "Referring clinician" not in text

    # stored where the Settings dialog reads it
    from core.letter.prepare import LETTERHEAD_SETTING, letterhead_from_settings
    from core.userdata.database import close_user_db, open_user_db
    from core.userdata.records import get_setting
    from resources import paths

    paths.set_data_dir(str(data))
    open_user_db()
    try:
        assert letterhead_from_settings(get_setting(LETTERHEAD_SETTING)).clinician_role == "Consultant rheumatologist"
    finally:
        close_user_db()


@needs_pdftotext
def test_letterhead_from_a_file(tmp_path):
    head = tmp_path / "head.json"
    head.write_text(json.dumps({"clinic": "File Clinic", "clinician_name": "Dr File"}), encoding="utf-8")
    pdf = tmp_path / "letter.pdf"
    out = run("screen", str(SAMPLE), "--trials", RA_COHORT, "--letter", str(pdf), "--letterhead", str(head),
              data_dir=tmp_path / "data")
    assert out.returncode == 0, out.stderr
    assert "No clinic letterhead" not in out.stderr
    text = text_of(pdf)
    assert "File Clinic" in text and "Dr File" in text


def test_bad_letterhead_input_changes_nothing(tmp_path):
    data = tmp_path / "data"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"clinc": "typo"}), encoding="utf-8")
    pdf = tmp_path / "letter.pdf"
    out = run("screen", str(SAMPLE), "--trials", RA_COHORT, "--letter", str(pdf), "--letterhead", str(bad),
              data_dir=data)
    assert out.returncode == 2 and "unknown letterhead field 'clinc'" in out.stderr and not pdf.exists()

    assert run("settings", "letterhead", "--clinic", "Kept", data_dir=data).returncode == 0
    out = run("settings", "letterhead", "--clinic", "Lost", "--logo", str(tmp_path / "none.png"), data_dir=data)
    assert out.returncode == 2 and "no such file" in out.stderr and "nothing was changed" in out.stderr
    out = run("settings", "letterhead", data_dir=data)
    assert out.returncode == 2 and "nothing was changed" in out.stderr
    shown = run("settings", "show", data_dir=data).stdout
    assert "Kept" in shown and "Lost" not in shown


def test_the_clinicians_name_in_parts_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    out = run("settings", "letterhead", "--clinic", "Riverside", "--clinician-family", "Zhou", "--clinician-given",
              "Wei", data_dir=data)
    assert out.returncode == 0, out.stderr
    assert "warning" not in out.stderr  # a name in parts is a clinician name
    shown = json.loads(run("settings", "show", "--json", data_dir=data).stdout)
    assert (shown["clinician_family_name"], shown["clinician_given_name"], shown["clinician_name"]) == (
        "Zhou", "Wei", "")
    assert "clinician family" in run("settings", "show", data_dir=data).stdout
