"""Faults while saving an answer: a locked database and a full disk give a clear message,
the engine is put back, and every answer saved before is still there."""

from __future__ import annotations

import sqlite3

import pytest

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db, user_db_path
from core.userdata.errors import SaveError
from core.userdata.models import Answer
from ui.screening.session import CandidateFilter, ScreeningSession


@pytest.fixture()
def session():
    open_catalog()
    open_user_db()
    patient = records.create_patient("FAULT-1")
    s = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    yield s
    close_user_db()
    database.close()


def test_locked_database(session, monkeypatch):
    import core.userdata.database as dbmod
    session.answer("date_of_birth", "1970-01-01")
    before = session.q.to_dict()
    monkeypatch.setitem(dbmod.PRAGMAS, "busy_timeout", 100)
    close_user_db()
    open_user_db()
    other = sqlite3.connect(user_db_path())
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(SaveError, match="busy"):
            session.answer("sex", "female")
        assert session.q.to_dict() == before  # nothing applied that was not saved
    finally:
        other.rollback()
        other.close()
    session.answer("sex", "female")  # works again once the other writer is gone
    assert [a.question for a in Answer.select().order_by(Answer.id)] == ["date_of_birth", "sex"]


def test_full_disk(session, monkeypatch):
    session.answer("date_of_birth", "1970-01-01")

    def full(*a, **k):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(records, "record_answer", full)
    with pytest.raises(SaveError, match="disk that holds your data folder is full"):
        session.answer("sex", "male")
    assert session.q.current_answer("sex") is None
    assert [a.question for a in Answer.select()] == ["date_of_birth"]
