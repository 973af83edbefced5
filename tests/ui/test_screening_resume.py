"""Nothing is lost: every answer is saved when given, an unfinished screening is offered at
the next start and resumes exactly, even after the app was killed mid-questionnaire."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db
from core.userdata.models import Answer
from resources import paths
from tests.ui.test_screening_walkthrough import answer_diagnoses, create_patient_and_start, main_window, type_into  # noqa: F401
from ui.screening import integration

ROOT = Path(__file__).resolve().parents[2]


def _new_main_window(qtbot):
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_restart_offers_and_resumes_the_unfinished_screening(qtbot, main_window):  # noqa: F811
    window = create_patient_and_start(qtbot, main_window, "RA-RESUME")
    type_into(qtbot, window.editor.edit, "1975-04-12")
    window.next_button.click()
    answer_diagnoses(qtbot, window)
    assert window.question.id == "treatments"
    window.unknown_button.click()
    saved_state = window.q.to_dict()
    history = window.q.history
    next_id = window.question.id
    assert len(history) == 3
    # quit: windows closed, databases closed
    window.close()
    main_window.close()
    close_user_db()
    database.close()

    # start again against the same data folder
    open_catalog()
    at_start_calls = []
    mw2 = _new_main_window(qtbot)
    asked = []

    def ask(parent, text):
        asked.append(text)
        return True

    original = integration.ask_resume
    integration.ask_resume = ask
    try:
        platform = QApplication.platformName
        QApplication.platformName = staticmethod(lambda: "xcb")  # as if somebody could answer
        try:
            integration.at_start(mw2)
        finally:
            QApplication.platformName = platform
    finally:
        integration.ask_resume = original
    at_start_calls.append(1)
    assert len(asked) == 1
    assert asked[0].startswith("Resume the unfinished screening of RA-RESUME (last answer at ")
    resumed = mw2._screening_windows[-1]
    assert resumed.q.history == history
    assert resumed.q.to_dict() == saved_state
    assert resumed.question.id == next_id
    assert resumed.history.count() == 3
    assert resumed.q.current_answer("date_of_birth") == "1975-04-12"
    assert resumed.q.current_answer("diagnoses")["diagnoses"][0]["classification"] == ["acr_eular_2010"]
    assert resumed.q.status("treatments") == "unknown"
    # answering on continues the same screening
    resumed.unknown_button.click()
    assert Answer.select().count() == 4
    resumed.close()
    mw2.close()


def test_nothing_offered_when_all_screenings_are_finished(qtbot, main_window):  # noqa: F811
    assert integration.offer_resume(main_window, ask=lambda *a: pytest.fail("asked")) is None


CRASH_ANSWERS = [
    ["date_of_birth", "1975-04-12"],
    ["diagnoses", {"diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2016-03-01",
                                  "classification": ["acr_eular_2010"], "activity": "high"}], "complete": True}],
    ["treatments", {"treatments": [
        {"drug": "methotrexate", "start": "2016-04-01", "stop": "2020-01-01", "dose": 20, "dose_unit": "mg/week",
         "outcome": "inadequate_response"},
        {"drug": "Humira", "start": "2020-02-01", "stop": "2022-03-01", "outcome": "loss_of_response"}],
        "complete": True}],
    ["informed_consent", True],
    ["lvef_percent", "unknown"],
]


def test_a_killed_app_loses_no_answer(qtbot, tmp_path):
    data = tmp_path / "data"
    script = tmp_path / "script.json"
    script.write_text(json.dumps({"patient": "CRASH-1", "answers": CRASH_ANSWERS}))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", integration.TEST_SCRIPT_ENV: str(script)}
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--data-dir", str(data)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        deadline = time.monotonic() + 60
        while len([x for x in lines if x.startswith(integration.TEST_SCRIPT_MARK)]) < len(CRASH_ANSWERS):
            assert time.monotonic() < deadline, lines
            line = proc.stdout.readline()
            assert line or proc.poll() is None, lines
            lines.append(line.strip())
        assert proc.poll() is None  # still running, mid-questionnaire
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # no clean shutdown at all
        proc.wait(10)
        proc.stdout.close()
    answered = [x for x in lines if x.startswith(integration.TEST_SCRIPT_MARK)]
    assert all(x.endswith(" ok") for x in answered), answered

    # restart against the same data folder
    paths.set_data_dir(data)
    open_catalog()
    open_user_db()
    try:
        unfinished = records.unfinished_screenings()
        assert [s.patient.reference for s in unfinished] == ["CRASH-1"]
        assert [a.question for a in unfinished[0].answers.order_by(Answer.id)] == [q for q, _ in CRASH_ANSWERS]
        mw = _new_main_window(qtbot)
        window = integration.offer_resume(mw, ask=lambda parent, text: "CRASH-1" in text)
        assert window is not None
        assert window.q.history == [q for q, _ in CRASH_ANSWERS]
        assert not window.q.is_finished() and window.question is not None
        for question_id, value in CRASH_ANSWERS:
            # treatments given with format 1's "outcome" come back in the current format
            expected = value if question_id != "treatments" else {"treatments": [
                {"drug": "methotrexate", "start": "2016-04-01", "stop": "2020-01-01", "status": "stopped",
                 "response": "inadequate_response", "dose": 20, "dose_unit": "mg/week"},
                {"drug": "Humira", "start": "2020-02-01", "stop": "2022-03-01", "status": "stopped",
                 "response": "loss_of_response"}], "complete": True}
            assert window.q.current_answer(question_id) == expected, question_id
        window.close()
        mw.close()
    finally:
        close_user_db()
        database.close()
