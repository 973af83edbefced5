"""The patient record in the user database, and a database made by the previous release
(commit 23534d8: schema 1, format-1 profiles in the stored screenings) opened, migrated,
resumed and exported by today's code with nothing lost."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from argparse import Namespace
from datetime import date
from pathlib import Path

import pytest

from core.catalog import database
from core.catalog.bundle import build_bundled
from core.questionnaire import Questionnaire
from core.questionnaire import record as patient_records
from core.userdata import records
from core.userdata.database import APPLICATION_ID, SCHEMA_VERSION, check_file, close_user_db, open_user_db, user_db
from core.userdata.models import Answer, Patient, Screening
from resources import paths

OLD_DB = Path(__file__).parent / "data" / "userdata_23534d8.sqlite"
MADE_ON = "2026-11-30"  # the day the old release stored those screenings


def _raw(path: Path) -> tuple[list[tuple], list[tuple]]:
    con = sqlite3.connect(path)
    try:
        screenings = con.execute("SELECT id, status, profile, candidate_filter FROM screening ORDER BY id").fetchall()
        answers = con.execute("SELECT screening_id, question, value FROM answer ORDER BY id").fetchall()
    finally:
        con.close()
    return screenings, answers


@pytest.fixture(scope="module")
def seed_catalog(tmp_path_factory):
    path = build_bundled(tmp_path_factory.mktemp("seeds") / "c.sqlite")
    database.connect(path)
    yield path
    database.close()


@pytest.fixture()
def old_db(tmp_path):
    path = tmp_path / "userdata.sqlite"
    shutil.copyfile(OLD_DB, path)
    before = _raw(path)
    open_user_db(path)
    yield path, before
    close_user_db()


@pytest.fixture()
def db(tmp_path):
    path = open_user_db(tmp_path / "user.sqlite")
    yield path
    close_user_db()


def test_old_database_is_what_the_old_release_wrote():
    con = sqlite3.connect(OLD_DB)
    try:
        assert con.execute("PRAGMA user_version").fetchone()[0] == 1
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0
        state = json.loads(con.execute("SELECT profile FROM screening WHERE id = 1").fetchone()[0])
    finally:
        con.close()
    assert state["profile"]["format_version"] == 1 and state["profile"]["treatments"][0]["outcome"] == "ongoing"


def test_old_database_opens_and_migrates_with_nothing_lost(old_db):
    path, (screenings_before, answers_before) = old_db
    assert user_db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert user_db.execute_sql("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert check_file(path) is None
    assert _raw(path) == (screenings_before, answers_before)  # stored screenings and answers untouched
    assert Patient.get().record is None  # built when first needed


def test_record_built_from_the_stored_screenings(old_db):
    record = records.patient_record(Patient.get())
    assert Patient.get().record == record  # stored
    assert [d["code"] for d in record["diagnoses"]] == ["rheumatoid_arthritis"]
    courses = {t["drug"]: t for t in record["treatments"]}
    assert courses["methotrexate"]["status"] == "ongoing"  # format 1 "ongoing"
    assert (courses["adalimumab"]["status"], courses["adalimumab"]["response"]) == ("stopped", "loss_of_response")
    assert (courses["tocilizumab"]["status"], courses["tocilizumab"]["response"]) == (
        "stopped_date_unknown", "intolerance")
    assert record["labs"] == [{"name": "crp", "value": 12, "unit": "mg/L", "date": "2026-06-01"}]
    assert record["findings"] == {"ecog": 1, "pregnant": False} and record["weight_kg"] == 64
    assert "confirmations" not in record
    assert record["known_on"]["findings.ecog"] == MADE_ON and courses["methotrexate"]["recorded"] == MADE_ON


def test_stored_screenings_resume(old_db, seed_catalog):
    finished, unfinished = Screening.select().order_by(Screening.id)
    q = Questionnaire.from_dict(unfinished.profile)
    assert q.history == ["sex", "diagnoses"] and q.unknown == {"diagnoses"}
    assert q.next_question().id == unfinished.position == "treatments"
    done = Questionnaire.from_dict(finished.profile)
    assert done.profile.treatments[1].response == "loss_of_response"
    assert done.profile.confirmations == {"LOCAL-5DC21DAC9E": {"inc-6#crcl": True}}
    assert done.is_finished()


def test_export_includes_the_record_and_everything_stored(old_db):
    path, (screenings_before, answers_before) = old_db
    data = records.export_patient(Patient.get().id)
    assert data["format_version"] == records.EXPORT_FORMAT_VERSION == 2
    assert data["record"]["diagnoses"][0]["code"] == "rheumatoid_arthritis"
    assert [json.dumps(s["profile"], sort_keys=True) for s in data["screenings"]] == [
        json.dumps(json.loads(row[2]), sort_keys=True) for row in screenings_before]
    assert sum(len(s["answers"]) for s in data["screenings"]) == len(answers_before) == 12


def test_data_export_command_on_the_old_database():
    from core.commands.data import cmd_export

    shutil.copyfile(OLD_DB, paths.user_file("userdata.sqlite"))
    out, err = io.StringIO(), io.StringIO()
    assert cmd_export(Namespace(reference="OLD-RA-1"), out, err) == 0, err.getvalue()
    data = json.loads(out.getvalue())
    assert data["record"]["sex"] == "female" and len(data["screenings"]) == 2


def _state(profile: dict, history: list[str], **extra) -> dict:
    return {"questionnaire_version": 1, "trial_ids": [], "profile": profile, "unknown": [], "history": history,
            "current": None, **extra}


def test_answer_and_record_saved_in_one_transaction(db, monkeypatch):
    patient = records.create_patient("P-REC")
    s = records.start_screening(patient, _state({"format_version": 2}, [], from_record={}))
    state = _state({"format_version": 2, "sex": "female"}, ["sex"], from_record={})
    records.record_answer(s.id, "sex", "female", state, record_parts=["sex"])
    record = Patient.get_by_id(patient.id).record
    assert record["sex"] == "female" and record["known_on"]["sex"] == date.today().isoformat()

    def broken(*args, **kwargs):
        raise RuntimeError("disk trouble while merging")

    monkeypatch.setattr(patient_records, "merge_into_record", broken)
    later = _state({"format_version": 2, "sex": "female", "weight_kg": 70}, ["sex", "weight_kg"], from_record={})
    with pytest.raises(RuntimeError):
        records.record_answer(s.id, "weight_kg", 70, later, record_parts=["weight_kg"])
    assert Answer.select().where(Answer.screening == s.id).count() == 1  # the answer was not half-saved
    assert Screening.get_by_id(s.id).profile == state
    assert "weight_kg" not in Patient.get_by_id(patient.id).record


def test_confirmations_never_enter_the_record(db):
    patient = records.create_patient("P-CONF")
    s = records.start_screening(patient, _state({"format_version": 2}, [], from_record={}))
    profile = {"format_version": 2, "confirmations": {"NCT1": {"inc-1": "yes"}}}
    records.record_answer(s.id, "confirm:NCT1:inc-1", "yes", _state(profile, ["confirm:NCT1:inc-1"]),
                          record_parts=["confirm:NCT1:inc-1"])
    records.finish_screening(s.id)
    assert "confirmations" not in Patient.get_by_id(patient.id).record


def test_finish_merges_what_was_answered_but_not_yet_recorded(db):
    patient = records.create_patient("P-FIN")
    profile = {"format_version": 2, "findings": {"ecog": 2}, "sex": "male"}
    carried = {"carried": {"sex": "2026-01-01"}}
    s = records.start_screening(patient, _state(profile, ["sex", "ecog"], from_record=carried))
    records.finish_screening(s.id)
    record = Patient.get_by_id(patient.id).record
    assert record["findings"] == {"ecog": 2} and record["known_on"]["findings.ecog"] == date.today().isoformat()
    assert "sex" not in record  # carried from the record, not answered here: not re-dated
