"""Showing a trial in the detail pane, whatever its size: a small trial (the baseline),
a trial at the import's size limits, and an oversized one written straight into the
catalog (as an older version could have imported it: a 1 MB single-line criterion, a
200,000-character description, 20,000 sites), each beside the small one in the same run.
Then opening the whole of the 1 MB criterion ("Show all", first page) and paging it.

Timed: ``TrialDetail.show_trial`` (read, bound, build the page) plus processing the
events that lay it out and paint it in a visible window (offscreen without a display).
Target: under 100 ms for any trial.
"""

from __future__ import annotations

import copy
import os
import statistics
import tempfile
import time
from pathlib import Path

TARGET_MS = 100.0


def _median_ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _records():
    from core.importers.limits import cap_record
    from core.trial_record import EXCLUSION, INCLUSION, Contact, CriterionNode, Site, TrialRecord

    small = TrialRecord(
        title="Tofacitinib in Refractory Rheumatoid Arthritis", registry_ids=["NCT09999990"],
        summary="Patients with RA who failed two biologics.", conditions=["Rheumatoid Arthritis"],
        status="RECRUITING", sponsor="Rheuma Foundation", min_age_years=18, max_age_years=75, sex="all",
        sites=[Site(name="Charité", city="Berlin", country="Germany"), Site(name="Cochin", city="Paris")],
        contacts=[Contact(name="Dr Anna Schmidt", email="anna@example.org")],
        criteria=[CriterionNode(INCLUSION, "Adults with RA by ACR/EULAR 2010 criteria", label="1"),
                  CriterionNode(INCLUSION, "Inadequate response to a TNF inhibitor", label="2"),
                  CriterionNode(EXCLUSION, "Active tuberculosis", label="1"),
                  CriterionNode(EXCLUSION, "Pregnancy or breast-feeding", label="2")],
        source_format="ctgov-json", extra={"Funding": "Public grant 42"})
    words = "patients with active lupus nephritis and proteinuria above one gram per day "
    huge = copy.deepcopy(small)
    huge.registry_ids = ["NCT09999991"]
    huge.title = "Oversized record " + "very long title " * 200
    huge.description = (words * 3000)[:200_000]
    huge.criteria = [CriterionNode(INCLUSION, (words * 14000)[:1_000_000], label="1"),
                     *[CriterionNode(EXCLUSION, f"Exclusion {i}: {words}", label=str(i)) for i in range(1, 300)]]
    huge.sites = [Site(name=f"Hospital {i}", city="City", country="Germany") for i in range(20_000)]
    capped = copy.deepcopy(huge)
    capped.registry_ids = ["NCT09999992"]
    capped.title = capped.title[:1000]
    capped.sites = capped.sites[:5_000]
    cap_record(capped)  # what an import of that record keeps
    return small, capped, huge


def run(report) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from core.catalog import database
    from core.catalog.store import save_record
    from ui.trial_detail import TrialDetail

    app = QApplication.instance() or QApplication([])
    small, capped, huge = _records()
    with tempfile.TemporaryDirectory() as tmp:
        database.build_catalog(Path(tmp) / "c.sqlite", [], fingerprint="bench")
        database.connect(Path(tmp) / "c.sqlite")
        for record in (small, capped, huge):
            save_record(record)
        detail = TrialDetail()
        detail.resize(700, 900)
        detail.show()
        app.processEvents()

        def show(trial_id: str):
            def go() -> None:
                detail.show_placeholder()
                app.processEvents()
                detail.show_trial(trial_id)
                detail.viewport().repaint()
                app.processEvents()
            return go

        show(small.trial_id)()  # warm-up
        small_ms = _median_ms(show(small.trial_id))
        capped_ms = _median_ms(show(capped.trial_id))
        huge_ms = _median_ms(show(huge.trial_id))
        report("show a small trial (baseline), median of 7", small_ms, "ms")
        report("show a trial at the import limits", capped_ms, "ms", "small trial", small_ms,
               note=f"target < {TARGET_MS:.0f} ms")
        report("show an oversized trial (1 MB criterion, 20,000 sites)", huge_ms, "ms", "small trial", small_ms,
               note=f"target < {TARGET_MS:.0f} ms")

        detail.show_trial(huge.trial_id)
        key = "criterion:inc-1"

        def open_whole() -> None:
            dialog = detail.show_whole(key)
            dialog.view.viewport().repaint()
            app.processEvents()

        open_ms = _median_ms(open_whole)
        dialog = detail.full_text_dialog

        def next_page() -> None:
            dialog.go(dialog.page + 1 if dialog.page + 1 < len(dialog.pages) else 0)
            dialog.view.viewport().repaint()
            app.processEvents()

        page_ms = _median_ms(next_page)

        def all_sites() -> None:
            sites = detail.show_whole("sites")
            sites.view.viewport().repaint()
            app.processEvents()

        sites_ms = _median_ms(all_sites)
        report(f"Show all of the 1 MB criterion ({len(dialog.pages)} pages)", open_ms, "ms", "small trial", small_ms,
               note=f"target < {TARGET_MS:.0f} ms")
        report("next page of it", page_ms, "ms", "small trial", small_ms, note=f"target < {TARGET_MS:.0f} ms")
        report("Show all 20,000 sites (read, first page)", sites_ms, "ms", "small trial", small_ms,
               note=f"target < {TARGET_MS:.0f} ms")
        detail.full_text_dialog.close()
        detail.close()
        database.close()
