"""User database: private file, WAL, migrations, refusing newer schemas, cascade delete."""

from __future__ import annotations

import sqlite3
import stat

import pytest

from core.userdata import records
from core.userdata.database import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    UserDataError,
    close_user_db,
    open_user_db,
    user_db,
)
from core.userdata.models import Answer, AuditEntry, LetterIssued, Patient, Screening


@pytest.fixture()
def db(tmp_path):
    path = open_user_db(tmp_path / "user.sqlite")
    yield path
    close_user_db()


def test_created_private_with_wal_and_version(db):
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert user_db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert user_db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert user_db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_refused_and_untouched(tmp_path):
    path = tmp_path / "u.sqlite"
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")  # a newer app's file carries the mark
    con.execute("PRAGMA user_version = 99")
    con.execute("CREATE TABLE keep (x)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(UserDataError, match="newer version"):
        open_user_db(path)
    assert path.read_bytes() == before


def test_damaged_file_refused_and_untouched(tmp_path):
    path = tmp_path / "u.sqlite"
    path.write_bytes(b"garbage" * 1000)
    with pytest.raises(UserDataError, match="damaged"):
        open_user_db(path)
    assert path.read_bytes() == b"garbage" * 1000


def test_answers_saved_with_profile_and_resumable(db):
    patient = records.create_patient("P-001")
    s = records.start_screening(patient, {"format_version": 1})
    records.record_answer(s.id, "age", 54, {"format_version": 1, "date_of_birth": "1972-01-01"}, position="sex")
    (unfinished,) = records.unfinished_screenings()
    assert unfinished.profile["date_of_birth"] == "1972-01-01" and unfinished.position == "sex"
    records.finish_screening(s.id)
    assert records.unfinished_screenings() == []


def test_delete_patient_removes_everything_but_audits(db):
    patient = records.create_patient("P-002", name="Ada Example")
    s = records.start_screening(patient, {})
    records.record_answer(s.id, "q", True, {})
    records.record_letter(s.id, ["UMIN000042298"], None, None)
    records.delete_patient(patient.id)
    assert Patient.select().count() == Screening.select().count() == Answer.select().count() == 0
    assert LetterIssued.select().count() == 0
    actions = [a.action for a in AuditEntry.select().order_by(AuditEntry.id)]
    assert actions[-1] == "patient_deleted" and "letter_issued" in actions


def test_export_patient(db):
    patient = records.create_patient("P-003")
    s = records.start_screening(patient, {"sex": "female"})
    records.record_answer(s.id, "sex", "female", {"sex": "female"})
    data = records.export_patient(patient.id)
    assert data["patient"]["reference"] == "P-003" and data["patient"]["name"] is None
    assert data["screenings"][0]["answers"][0]["value"] == "female"


def test_duplicate_reference_refused(db):
    records.create_patient("P-004")
    with pytest.raises(ValueError, match="already exists"):
        records.create_patient(" P-004 ")


def test_settings_round_trip(db):
    records.set_setting("letterhead", {"name": "Clinic"})
    assert records.get_setting("letterhead") == {"name": "Clinic"}
    assert records.get_setting("missing", 3) == 3


def test_a_schema_2_file_gains_the_patient_sex_and_keeps_its_patients(tmp_path):
    path = open_user_db(tmp_path / "old.sqlite")
    records.create_patient("OLD-1", None, None)
    close_user_db()
    con = sqlite3.connect(path)  # as schema 2 left it: no "sex" column
    con.execute("ALTER TABLE patient DROP COLUMN sex")
    con.execute("PRAGMA user_version = 2")
    con.commit()
    con.close()
    open_user_db(path)
    try:
        assert user_db.execute_sql("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
        old = Patient.get(Patient.reference == "OLD-1")
        assert old.sex is None  # not recorded: the questionnaire asks it
        new = records.create_patient("NEW-1", None, None, "female")
        assert Patient.get_by_id(new.id).sex == "female"
        with pytest.raises(ValueError, match="female, male or not recorded"):
            records.create_patient("BAD-1", None, None, "f")
    finally:
        close_user_db()
