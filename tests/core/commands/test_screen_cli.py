"""``main.py screen``: steps before enrolment and eligible-from dates in the human and JSON
output, run as a user runs it (issue 14: an adult with refractory RA diagnosed 1 month ago,
on prednisone and methotrexate today, against the CAR-NK trial)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TRIAL = "LOCAL-5DC21DAC9E"
PROFILE = {
    "format_version": 1, "assessment_date": "2025-06-15", "date_of_birth": "1980-03-10", "sex": "female",
    "weight_kg": 60, "diagnoses_complete": True,
    "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2025-05-15",
                   "classification": ["acr_eular_2010"], "activity": "moderate"}],
    "treatments_complete": True,
    "treatments": [
        {"drug": "methotrexate", "start": "2025-05-20", "dose": 15, "dose_unit": "mg/week", "outcome": "ongoing"},
        {"drug": "adalimumab", "start": "2023-06-01", "stop": "2024-06-01", "outcome": "loss_of_response"},
        {"drug": "prednisone", "start": "2025-05-15", "dose": 10, "dose_unit": "mg/day", "outcome": "ongoing"}],
    "labs": [{"name": "ast", "value": 20, "unit": "U/L", "uln": 35},
             {"name": "alt", "value": 18, "unit": "U/L", "uln": 40}],
    "findings": {"estimated_survival_weeks": 520, "ecog": 1, "structural_heart_disease": False, "lvef_percent": 60,
                 "nyha_class": 1, "pregnant": False, "lactating": False,
                 "pregnancy_planned_within_6_months": False},
    "history": {k: False for k in (
        "severe_drug_allergy", "bone_marrow_failure_syndrome", "active_infection_requiring_iv",
        "severe_active_infection", "epilepsy", "cns_disease", "malignancy", "bleeding_disorder",
        "unstable_angina_6_months", "chf_6_months", "mi_6_months", "other_trial_within_3_months")},
    "consent": {"informed_consent": True, "willing_to_follow_procedures": True},
    "confirmations": {TRIAL: {"inc-6#crcl": "yes", "exc-1#study-drugs": "no"}},
}


@pytest.fixture(scope="module")
def profile_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("screen") / "p.json"
    path.write_text(json.dumps(PROFILE), encoding="utf-8")
    return path


def run(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_human_output_lists_the_step_and_the_date(profile_path, tmp_path):
    out = run("screen", str(profile_path), "--trials", TRIAL, data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("ELIGIBLE ")
    assert lines[1].strip() == "eligible from 2025-08-15 (when rheumatoid arthritis duration reaches 3 months)"
    assert lines[2].strip().startswith("before enrolment: Last glucocorticoid, immunosuppressive or other "
                                       "experimental treatment dose at least 2 weeks")
    assert lines[2].strip().endswith("(now taking: methotrexate, prednisone).")
    assert any("[met, after steps] inclusion 9:" in line for line in lines)
    assert not any("NOT ELIGIBLE" in line for line in lines)


def test_json_output_carries_steps_and_dates(profile_path, tmp_path):
    out = run("screen", str(profile_path), "--trials", TRIAL, "--json", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    [result] = json.loads(out.stdout)["results"]
    assert (result["shape_version"], result["verdict"], result["eligible_from"]) == (2, "eligible", "2025-08-15")
    assert result["when"] == ["rheumatoid arthritis duration reaches 3 months"]
    assert [(s["kind"], s["needed"]) for s in result["steps"]] == [("washout", True)]
    inc9 = next(c for c in result["criteria"] if c["key"] == "inc-9")
    assert (inc9["status_now"], inc9["status"]) == ("not_met", "met_after_steps")


def test_unnumbered_criteria_are_named_by_position(tmp_path):
    """Issue 13 item 9: the juvenile Sjögren trial prints no numbers; its items read "inclusion item 1",
    never "inclusion •", in "decided by" and in the per-criterion lines."""
    sample = ROOT / "resources" / "samples" / "sample-patient.json"
    out = run("screen", str(sample), "--trials", "LOCAL-C4F6E322F6", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "•" not in out.stdout
    assert "decided by: inclusion item 1, inclusion item 2" in out.stdout
    assert "[NOT MET] inclusion item 1: Age 55 years" in out.stdout
