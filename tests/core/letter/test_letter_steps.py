"""Referral letter for a trial the patient meets only after steps before enrolment or from a
later date (issue 14): a "Before enrolment" section, the date, and the criteria concerned
listed apart from those satisfied today."""

from __future__ import annotations

from datetime import date

from core.letter.build import build_letter, standing
from core.letter.model import Letterhead
from core.letter.render import render_pdf
from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from tests.core.letter.test_letter import needs_pdftotext, pdf_text, trial

WASHOUT = {"step": {"kind": "washout", "text": "Last <b>prednisone</b> dose at least 2 weeks before the first "
                                               "study dose", "drugs": "current_immunosuppressive_drugs"},
           "rule": {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}}
CRITERIA = [
    {"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "RA for at least 3 months.",
     "rule": {"fact": "ra_duration_months", "op": ">=", "value": 3}},
    {"key": "inc-2", "parent_key": None, "kind": "inclusion", "label": "2", "text": "2 weeks after the last dose.",
     "rule": WASHOUT},
    {"key": "exc-1", "parent_key": None, "kind": "exclusion", "label": "1", "text": "Pregnant.",
     "rule": {"fact": "pregnant", "op": "=", "value": True}},
]
PROFILE = profile_from_dict({
    "format_version": 1, "profile_id": "REF-7", "assessment_date": "2026-11-01", "date_of_birth": "1970-05-02",
    "sex": "female", "findings": {"pregnant": False}, "treatments_complete": True,
    "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2026-10-01"}],
    "treatments": [{"drug": "prednisone", "start": "2026-10-01", "dose": 10, "dose_unit": "mg/day",
                    "outcome": "ongoing"}],
})


def letter():
    verdict = evaluate_trial("NCT01234567", CRITERIA, PROFILE)
    return build_letter(PROFILE, [verdict], {"NCT01234567": trial()}, Letterhead(), today=date(2026, 11, 2))


def test_before_enrolment_and_eligible_from_on_the_dataclass():
    tl = letter().letters[0]
    assert tl.eligible_from == ("The criteria are met from 1 January 2027 "
                                "(when rheumatoid arthritis duration reaches 3 months).")
    assert tl.before_enrolment == [
        "Last <b>prednisone</b> dose at least 2 weeks before the first study dose (now taking: prednisone)."]
    assert [r[0] for r in tl.criteria_later.rows] == ["Incl. 1", "Incl. 2"]
    assert tl.criteria_later.rows[0][2].endswith(
        "Met from 1 January 2027 (when rheumatoid arthritis duration reaches 3 months).")
    assert "Satisfied once done before enrolment: Last <b>prednisone</b>" in tl.criteria_later.rows[1][2]
    assert [r[0] for r in tl.criteria_met.rows] == ["Excl. 1"]
    assert tl.criteria_not_met.rows == []  # never listed as not satisfied
    assert "2 are satisfied only once the steps before enrolment" in tl.opening
    assert "not to be satisfied" not in tl.opening


def test_standing_of_the_new_statuses():
    assert standing("inclusion", "met_after_steps") == standing("exclusion", "not_met_from_date") == "later"
    assert standing("inclusion", "unknown_after_steps") == "open"
    assert standing("exclusion", "met") == "unsatisfied"


@needs_pdftotext
def test_rendered_pdf_has_the_section_and_prints_markup_literally(tmp_path):
    text = " ".join(pdf_text(render_pdf(letter()), tmp_path).split())
    assert "Before enrolment" in text
    assert "The criteria are met from 1 January 2027" in text
    assert "Last <b>prednisone</b> dose at least 2 weeks" in text
