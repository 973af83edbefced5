"""A letter fit to send (issue 13 item 8), read back from the real PDF with pdftotext.

The sample patient (refractory RA, 55, woman) is screened against the bundled seed trials;
the letters go to the RA cohort and the CAR-NK trial, both with the contact Jennifer Cobb,
whom the catalog flags as doubtful ("the contact may be wrong") and whose records are
more than a year old: notes for the referring clinician, never for the study team.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import date

import pytest

from core.catalog import database
from core.catalog.bundle import build_bundled
from core.letter.model import Letterhead
from core.letter.prepare import prepare_letter
from core.letter.render import render_pdf
from core.matching.screening import screen_profile
from core.matching.sentences import duration_text
from core.patient.profile import profile_from_dict
from resources import paths
from tests.core.letter.test_letter import needs_pdftotext, pdf_text

RA_COHORT, CAR_NK, DM = "LOCAL-EB61F3F300", "LOCAL-5DC21DAC9E", "LOCAL-4D015546CB"
HEAD = Letterhead(clinic_name="Riverside Rheumatology", clinician_name="Dr Ada Li")


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    database.connect(build_bundled(tmp_path_factory.mktemp("seeds") / "c.sqlite"))
    sample = json.loads(paths.resource("samples", "sample-patient.json").read_text(encoding="utf-8"))
    profile = profile_from_dict(sample)
    results = {r.trial_id: r for r in screen_profile(profile, trial_ids=[RA_COHORT, CAR_NK, DM],
                                                     today=date(2026, 11, 2))}
    yield profile, results
    database.close()


def letter_for(screened, *trial_ids, head=HEAD, language="en"):
    """The letter in English unless asked (by default the seed trials' study teams get Chinese or Japanese)."""
    profile, results = screened
    return prepare_letter(profile, [results[t] for t in trial_ids], head, today=date(2026, 11, 21),
                          language=language)


def pages_of(text: str) -> list[str]:
    return [p for p in text.split("\f") if p.strip()]


def flat(text: str) -> str:
    return " ".join(text.split())


def reading_text(data: bytes, tmp_path) -> str:
    """The PDF's words in reading order (no -layout: a table cell's lines stay together)."""
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return flat(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout)


@needs_pdftotext
def test_notes_for_the_clinician_are_kept_out_of_the_letter(screened, tmp_path):
    letter = letter_for(screened, RA_COHORT)
    notes = " ".join(letter.clinician_notes())
    assert "the contact may be wrong" in notes and "more than a year ago" in notes
    text = flat(pdf_text(render_pdf(letter), tmp_path))
    assert "Dear Jennifer Cobb," in text
    for leaked in ("may be wrong", "verify before writing", "more than a year ago", "Note on the trial record"):
        assert leaked not in text


@needs_pdftotext
def test_each_letter_is_numbered_on_its_own(screened, tmp_path):
    letter = letter_for(screened, RA_COHORT, CAR_NK, DM)
    pages = pages_of(pdf_text(render_pdf(letter), tmp_path))
    starts = [i for i, p in enumerate(pages) if re.search(r"^\s*Dear ", p, re.MULTILINE)]
    assert len(starts) == 3 and starts[0] == 0
    for n, (start, end) in enumerate(zip(starts, [*starts[1:], len(pages)], strict=True)):
        count = end - start
        for i in range(count):
            footer = re.search(r"Page (\d+) of (\d+)", pages[start + i])
            assert footer and (int(footer[1]), int(footer[2])) == (i + 1, count), (n, i)
            assert letter.letters[n].trial_id in pages[start + i]  # a loose page says which letter


@needs_pdftotext
def test_a_table_starts_where_it_is_and_repeats_its_header(screened, tmp_path):
    """The RA cohort's criteria table used to jump whole to page 2, leaving page 1 half empty."""
    pages = pages_of(pdf_text(render_pdf(letter_for(screened, RA_COHORT)), tmp_path))
    assert len(pages) == 2
    assert "Criteria satisfied (inclusions met, exclusions absent)" in pages[0]
    assert "Criteria satisfied" not in pages[1]
    first_line = next(line for line in pages[1].splitlines() if line.strip())
    assert flat(first_line) == "Item Criterion (as published) Assessment"  # header repeated


@needs_pdftotext
def test_wording_a_clinician_would_sign(screened, tmp_path):
    text = reading_text(render_pdf(letter_for(screened, RA_COHORT, CAR_NK)), tmp_path)
    assert not re.search(r"\b0 (need|needs|are|is|appear)\b", text)  # "0 need confirmation"
    assert "8 published criteria on 2 November 2026: 8 are satisfied as far as I can tell" in text
    assert not re.search(r"\d+\.\d+ (weeks|months|years)\b", text)  # "11.06 years", "247.86 weeks"
    assert "Cumulative DMARD treatment 11 years is not below 1 year." in text
    assert "Cumulative csDMARD treatment 2 years 8 months is at least 1 year." in text
    # a criterion met through another one says what was met there
    assert "Inclusion 2 is met." not in text
    assert "Met through inclusion 2 (Rheumatoid arthritis diagnosis: yes; etc.)." in text
    # steps before enrolment, in their own section and beside the criteria they settle; no date here
    assert "2 are satisfied only once the steps before enrolment listed below are taken." in text
    assert "from the date given" not in text
    assert "Before enrolment • Last glucocorticoid, immunosuppressive or other experimental treatment dose " \
           "at least 2 weeks before the first study dose (now taking: prednisolone)." in text


def test_durations_in_human_units():
    assert duration_text(247.86, "weeks") == "4 years 9 months"
    assert duration_text(139, "months") == "11 years 7 months"
    assert duration_text(1.43, "weeks") == "1 week 3 days"
    assert duration_text(0.5, "weeks") == "3 days"
    assert duration_text(12, "months") == "1 year"
    assert duration_text(55, "years") == "55 years"
    assert duration_text(60, "%") is None


@needs_pdftotext
def test_empty_groups_are_left_out(tmp_path):
    from core.letter.build import build_letter
    from core.matching.verdict import evaluate_trial
    from tests.core.letter.test_letter import trial

    bare = profile_from_dict({"format_version": 1, "profile_id": "REF-1", "assessment_date": "2026-11-01",
                              "date_of_birth": "1970-01-01"})
    criteria = [{"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "Adults.",
                 "rule": {"fact": "age_years", "op": ">=", "value": 18}}]
    verdict = evaluate_trial("NCT01234567", criteria, bare)
    letter = build_letter(bare, [verdict], {"NCT01234567": trial()}, HEAD, today=date(2026, 11, 21))
    text = flat(pdf_text(render_pdf(letter), tmp_path))
    assert "1 published criteria on 1 November 2026: 1 is satisfied as far as I can tell" in text
    for heading in ("Treatment history", "Key results", "Tests still needed", "Before enrolment",
                    "To be confirmed by the study team", "Criteria not satisfied", "confirmation"):
        assert heading not in text


def test_no_letterhead_is_a_note_for_the_clinician(screened):
    notes = letter_for(screened, RA_COHORT, head=Letterhead()).notes
    assert notes == ["No clinic letterhead is set: the letter names no clinic.",
                     'No clinician name is set: the letter is signed "Referring clinician".']
    assert letter_for(screened, RA_COHORT).notes == []
