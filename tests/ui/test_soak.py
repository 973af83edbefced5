"""One long screening in the real window (issue 12, row 1): thousands of answers, changed
answers and selections, as a clinic's day. PySide6 6.12.0 aborted after about 60 answers."""

from __future__ import annotations

import pytest

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.patient.profile import load_profile
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db
from core.userdata.models import Answer, Screening
from resources import paths
from ui.screening.session import CandidateFilter, ScreeningSession
from ui.screening.window import QuestionnaireWindow
from ui.soak import run_soak


@pytest.fixture
def screening_window(qtbot, seed_bundle):
    # The five seed trials: every answer re-renders every candidate's criteria, so the whole
    # catalog would make this long session minutes longer without testing the binding more.
    open_catalog()
    open_user_db()
    patient = records.create_patient("SOAK-1")
    session = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    window = QuestionnaireWindow(session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
    close_user_db()
    database.close()


def test_two_thousand_answers_changes_and_selections_in_one_window(qtbot, screening_window):
    truth = load_profile(paths.resource("samples", "sample-patient.json"))
    report = run_soak(screening_window, truth, steps=2200, seed=7)
    print(report.line())
    assert report.steps >= 2000
    assert report.answers + report.unknowns >= 800 and report.changes >= 200 and report.selections >= 200
    assert report.errors == []
    assert report.none_refcount_drift > -500  # a binding that drops None references drifts by thousands
    # every answer was saved as it was given: the stored rows match what the engine holds
    stored = Answer.select().where(Answer.screening == screening_window.session.screening_id).count()
    assert stored >= report.answers + report.unknowns
    saved = Screening.get_by_id(screening_window.session.screening_id)
    assert ScreeningSession.resume(saved).q.to_dict() == screening_window.q.to_dict()
