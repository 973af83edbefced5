"""One answer in the screening window, as the clinician waits for it: from pressing Next (or "Unknown") to the next
question shown, with the answer saved, the results tree and the answers list redrawn and the events processed.

``python -m benchmarks questionnaire`` times the engine's next question alone; this times the whole step in a real
window (offscreen without a display), beside the engine-and-save share of the same steps (the baseline: what the
window adds is the rest). A fresh data folder, the bundled catalog, the sample patient as the truth, one screening of
the trials open to referral and one of every trial, 60 steps each (a quarter answered "unknown", as in the soak).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time

STEPS = 60


def _screen(app, open_only: bool) -> tuple[list[float], list[float]]:
    from core.patient.profile import load_profile
    from core.questionnaire.simulate import UNKNOWN, answer_from
    from core.userdata import records
    from resources import paths
    from ui.screening.session import CandidateFilter, ScreeningSession
    from ui.screening.window import QuestionnaireWindow

    patient = records.create_patient(f"BENCH-{'OPEN' if open_only else 'ALL'}")
    session = ScreeningSession.start(patient, CandidateFilter(open_only=open_only))
    window = QuestionnaireWindow(session)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    truth = load_profile(paths.resource("samples", "sample-patient.json"))
    inner: list[float] = []
    for name in ("answer", "answer_unknown"):  # the engine and the save: timed inside each step
        original = getattr(session, name)

        def timed(*args, _original=original):
            started = time.perf_counter()
            try:
                return _original(*args)
            finally:
                inner.append((time.perf_counter() - started) * 1000)
        setattr(session, name, timed)
    rng = random.Random(5)
    steps: list[float] = []
    for _ in range(STEPS):
        if window.question is None:
            break
        value = answer_from(truth, window.question)
        started = time.perf_counter()
        if value == UNKNOWN or rng.random() < 0.25:
            window.answer_unknown()
        else:
            window.editor.set_value(value)
            if not window.submit():
                window.answer_unknown()
        app.processEvents()
        steps.append((time.perf_counter() - started) * 1000)
    window.close()
    return steps, inner


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def run(report) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from core.catalog.bundle import open_catalog
    from core.userdata.database import open_user_db
    from resources import paths

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        os.environ[paths.DATA_DIR_ENV] = tmp
        paths.set_data_dir(None)
        open_catalog()
        open_user_db()
        for label, open_only in (("open trials", True), ("every trial", False)):
            steps, inner = _screen(app, open_only)
            report(f"window, {label}: answer -> next question shown, median", statistics.median(steps), "ms",
                   "engine and save alone", statistics.median(inner), note=f"{len(steps)} steps")
            report(f"window, {label}: answer -> next question shown, p95", _p95(steps), "ms",
                   "engine and save alone", _p95(inner), note="target < 50 ms")
            report(f"window, {label}: answer -> next question shown, max", max(steps), "ms",
                   "engine and save alone", max(inner))
