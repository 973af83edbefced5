"""Time to produce a three-trial referral letter (wording + PDF), against a bare
one-paragraph reportlab document rendered in the same run."""

from __future__ import annotations

import io
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path


def _median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(report) -> None:
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from core.catalog import database
    from core.catalog.bundle import build_bundled
    from core.letter.model import Letterhead
    from core.letter.prepare import prepare_letter
    from core.letter.render import render_pdf
    from core.matching.screening import screen_profile
    from core.patient.profile import profile_from_dict

    with tempfile.TemporaryDirectory() as tmp:
        database.connect(build_bundled(Path(tmp) / "c.sqlite"))
        profile = profile_from_dict({
            "format_version": 1, "profile_id": "BENCH-1", "assessment_date": "2026-11-01",
            "date_of_birth": "1972-03-04", "sex": "female",
            "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2016-01-10",
                           "classification": ["acr_eular_2010"]}],
            "treatments": [{"drug": "methotrexate", "start": "2016-02-01", "outcome": "ongoing"}],
        })
        results = screen_profile(profile, today=date(2026, 11, 1))[:3]
        head = Letterhead(clinic_name="Clinic", clinician_name="Dr A")
        render_pdf(prepare_letter(profile, results, head))  # warm-up: font registration

        def whole() -> None:
            render_pdf(prepare_letter(profile, results, head))

        def bare() -> None:
            buf = io.BytesIO()
            SimpleDocTemplate(buf).build([Paragraph("Hello", getSampleStyleSheet()["Normal"])])

        letter_s = _median_time(whole, 15)
        bare_s = _median_time(bare, 15)
        database.close()
    report("three-trial letter (prepare + render), median of 15", letter_s * 1000, "ms",
           "bare one-paragraph PDF", bare_s * 1000, note="target < 300 ms")
