"""The UI never freezes: a screening against a 100,000-trial catalog runs off the GUI
thread, and the event loop keeps turning (the longest gap between timer ticks is measured)."""

from __future__ import annotations

import gc
import time
from datetime import date

import pytest
from PySide6.QtCore import QTimer

from core.catalog import database
from core.catalog.models import catalog_db
from core.catalog.store import save_records_bulk
from core.matching.screening import run_screening
from core.patient.profile import profile_from_dict
from core.trial_record import CriterionNode, TrialRecord
from ui.background import Cancelled, run_in_background

N_TRIALS = 100_000
RA_EVERY = 10  # one trial in ten is for rheumatoid arthritis


@pytest.fixture(scope="module")
def big_catalog(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "catalog.sqlite"
    database.connect(path, create=True)
    records = [
        TrialRecord(title=f"Synthetic trial {i}", registry_ids=[f"SYN{i:06d}"], source_format="test",
                    conditions=["Rheumatoid Arthritis"] if i % RA_EVERY == 0 else ["Asthma"],
                    min_age_years=18.0, status="RECRUITING",
                    criteria=[CriterionNode("inclusion", "Adults aged 18 or over"),
                              CriterionNode("inclusion", "LVEF of at least 45%"),
                              CriterionNode("exclusion", "Pregnancy")])
        for i in range(N_TRIALS)
    ]
    save_records_bulk(records)
    rules = {"inc-1": '{"fact": "age_years", "op": ">=", "value": 18}',
             "inc-2": '{"fact": "lvef_percent", "op": ">=", "value": 45}',
             "exc-1": '{"fact": "pregnant", "op": "=", "value": true}'}
    for key, rule in rules.items():
        catalog_db.execute_sql("UPDATE criterion SET rule = ?, rule_origin = 'curated' WHERE key = ?", (rule, key))
    database.close()
    return path


def test_event_loop_keeps_turning_during_a_100k_screening(qapp, big_catalog):
    database.connect(big_catalog)
    profile = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01", "date_of_birth": "1970-01-01",
                                 "sex": "female", "diagnoses": [{"code": "rheumatoid_arthritis"}]})
    # Once per process, the first screening imports (and on a fresh checkout compiles) the fact modules and
    # loads the vocabularies, holding the interpreter lock for a few hundred ms: done here first, so what is
    # measured is the screening itself (the frozen app ships compiled modules).
    run_screening(profile, prefilter=True, explain=False, today=date(2026, 11, 1))
    # The test process carries the heap of every test before it (thousands of objects the app never holds): a
    # full garbage collection over it, run from the screening thread, holds the interpreter lock for half a
    # second on a clean CI run. Those objects are set aside, so the screening's own work is what is measured.
    gc.collect()
    gc.freeze()
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    try:
        started = time.perf_counter()
        run = run_in_background(None, "Screening", "Screening…", run_screening, profile, prefilter=True,
                                explain=False, today=date(2026, 11, 1))
        took = time.perf_counter() - started
    finally:
        timer.stop()
        gc.unfreeze()
        database.close()
    assert run.considered == N_TRIALS
    assert len(run.results) == N_TRIALS // RA_EVERY
    assert {r.verdict.verdict for r in run.results} == {"possibly_eligible"}  # LVEF, pregnancy unknown
    gaps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    worst = max(gaps) if gaps else took
    print(f"\n100,000-trial screening: {took:.2f} s; longest event-loop stall {worst * 1000:.0f} ms "
          f"over {len(ticks)} ticks")
    assert len(ticks) > took / 0.1  # the loop kept running throughout, not only at the end
    # Work on the GUI thread would stall the loop for about the whole screening; a loaded machine (other
    # processes on both cores) can delay one tick by a fraction of a second, which is not a freeze.
    assert worst < max(0.25, took / 4)


def test_cancel_stops_the_screening(qapp, big_catalog):
    database.connect(big_catalog)
    profile = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01"})  # no prefilter: all 100k
    from PySide6.QtWidgets import QApplication, QProgressDialog

    def press_cancel():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog):
                w.canceled.emit()  # what the Cancel button does
                return
        QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(100, press_cancel)
    started = time.perf_counter()
    try:
        with pytest.raises(Cancelled):
            run_in_background(None, "Screening", "Screening…", run_screening, profile, explain=False)
    finally:
        database.close()
    assert time.perf_counter() - started < 30  # stopped early, not after screening 100,000 trials
