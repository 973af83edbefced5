"""Referral letter: wording on the dataclass, then the rendered PDF checked as text."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest

from core.letter.build import PatientIdentity, build_letter, duration_words, letter_sentence
from core.letter.model import Letterhead
from core.letter.render import render_pdf
from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from core.trial_record import display_label

TODAY = date(2026, 11, 21)

PROFILE = profile_from_dict({
    "format_version": 1, "profile_id": "REF-042", "assessment_date": "2026-11-01",
    "date_of_birth": "1970-05-02", "sex": "female", "weight_kg": 62,
    "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2015-04-01",
                   "classification": ["acr_1987"], "activity": "moderate", "scores": {"das28_esr": 4.6}}],
    "treatments": [{"drug": "Humira", "start": "2018-02-01", "stop": "2019-03-01", "outcome": "loss_of_response"},
                   {"drug": "methotrexate", "start": "2015-05-01", "dose": 20, "dose_unit": "mg/week",
                    "outcome": "ongoing"}],
    "labs": [{"name": "ast", "value": 70, "unit": "U/L", "uln": 35, "date": "2026-10-20"}],
    "findings": {"lvef_percent": 60},
})

CRITERIA = [
    {"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "Age >18 years.",
     "rule": {"fact": "age_years", "op": ">", "value": 18}},
    {"key": "inc-2", "parent_key": None, "kind": "inclusion", "label": "2", "text": "LVEF >= 45%.",
     "rule": {"fact": "lvef_percent", "op": ">=", "value": 45}},
    {"key": "inc-3", "parent_key": None, "kind": "inclusion", "label": None, "text": "ECOG 0-2.",
     "rule": {"fact": "ecog", "op": "<=", "value": 2}},
    {"key": "exc-1", "parent_key": None, "kind": "exclusion", "label": "1", "text": "AST > 3 x ULN.",
     "rule": {"fact": "ast_x_uln", "op": ">", "value": 3}},
    {"key": "exc-2", "parent_key": None, "kind": "exclusion", "label": "2", "text": "Unwilling to take part.",
     "rule": None},
]


def trial(title="A trial of <b>things</b> & <font>stuff", contacts=None, sites=None, sponsor="Sponsor Inc"):
    return {"trial_id": "NCT01234567", "registry_ids": ["NCT01234567"], "title": title,
            "contacts": contacts if contacts is not None else [
                {"name": "Hajime Yoshifuji", "role": "Research contact person",
                 "affiliation": "Kyoto University 京都大学", "address": "54 Kawahara-cho, Sakyo-ku, 京都市",
                 "email": "a@b.jp", "phone": "075-751-3111"}],
            "sites": sites or [], "sponsor": sponsor}


def letter(n=1, head=None, identity=None, language=None, **trial_kw):
    verdict = evaluate_trial("NCT01234567", CRITERIA, PROFILE, today=date(2026, 11, 1))
    head = head or Letterhead(clinic_name="北京 Rheumatology Clinic", department="Rheumatology",
                              address="1 Main St", phone="123", email="c@d.org", clinician_name="Dr Ada Li",
                              clinician_role="Consultant rheumatologist")
    return build_letter(PROFILE, [verdict] * n, {"NCT01234567": trial(**trial_kw)}, head, identity=identity,
                        today=TODAY, catalog_date="2025-08-22", flags={"NCT01234567": ["Status looks stale."]},
                        language=language)


def test_wording_on_the_dataclass():
    tl = letter().letters[0]
    assert tl.date_line == "21 November 2026"
    assert tl.addressee[0] == "Hajime Yoshifuji" and tl.salutation == "Dear Hajime Yoshifuji,"
    assert tl.re_line == "Re: A trial of <b>things</b> & <font>stuff (NCT01234567)"
    assert "5 published criteria on 1 November 2026: 3 are satisfied" in tl.opening
    assert "2 need confirmation" in tl.opening and "not to be satisfied" not in tl.opening
    # satisfied = inclusions met and exclusions absent (AST 2 x ULN: the > 3 x ULN exclusion is absent)
    assert [r[0] for r in tl.criteria_met.rows] == ["Incl. 1", "Incl. 2", "Excl. 1"]
    assert tl.criteria_met.rows[0][2] == "Age 56 years is above 18 years."
    # unknowns are never hidden
    assert [r[0] for r in tl.criteria_to_confirm.rows] == ["Incl. item 3", "Excl. 2"]
    assert tl.criteria_to_confirm.rows[1][2] == "Not yet assessed."
    assert tl.criteria_not_met.rows == []
    assert "ECOG performance status" in tl.tests_needed[0]
    assert tl.clinician_notes == ["Status looks stale."]
    assert tl.patient_lines == ["Clinic reference: REF-042", "Age 56, female."]
    assert tl.summary[0].startswith(
        "Rheumatoid arthritis; diagnosed 2015-04-01 (11 years 7 months ago); meets ACR 1987")
    assert tl.treatments.rows[0] == ["Humira (adalimumab)", "2018-02-01", "2019-03-01", "", "loss of response"]
    assert tl.results.rows[0] == ["AST", "70 U/L (2 × ULN)", "2026-10-20"]
    assert tl.clinician_name == "Dr Ada Li"
    assert "Final eligibility is decided by the study team." in letter().footer


def test_an_exclusion_present_is_listed_as_not_satisfied():
    high_ast = replace(PROFILE, labs=[replace(PROFILE.labs[0], value=140)])  # 4 x ULN
    verdict = evaluate_trial("NCT01234567", CRITERIA, high_ast, today=date(2026, 11, 1))
    tl = build_letter(high_ast, [verdict], {"NCT01234567": trial()}, Letterhead(), today=TODAY).letters[0]
    assert [r[0] for r in tl.criteria_not_met.rows] == ["Excl. 1"]
    assert "Excl. 1" not in [r[0] for r in tl.criteria_met.rows]
    assert "1 appears not to be satisfied" in tl.opening


def test_patient_named_only_when_settings_say_so():
    head = Letterhead(patient_identification="name")
    identity = PatientIdentity(reference="REF-042", name="Ada Example", date_of_birth=date(1970, 5, 2))
    assert letter(head=head, identity=identity).letters[0].patient_lines[0] == "Name: Ada Example, born 1970-05-02"
    head = replace(head, patient_identification="reference")
    assert letter(head=head, identity=identity).letters[0].patient_lines[0] == "Clinic reference: REF-042"


def test_addressee_falls_back_to_site_then_sponsor():
    site = {"name": "Peking Union Medical College Hospital", "city": "Beijing", "country": "China"}
    tl = letter(contacts=[], sites=[site], language="en").letters[0]
    assert tl.addressee == ["Study team", "Peking Union Medical College Hospital", "Beijing", "China"]
    # a trial run only in China: the letter defaults to Chinese (names and places as the record gives them)
    tl = letter(contacts=[], sites=[site]).letters[0]
    assert tl.language == "zh" and tl.salutation == "尊敬的研究团队："
    assert tl.addressee == ["研究团队", "Peking Union Medical College Hospital", "Beijing", "China"]
    tl = letter(contacts=[], sites=[]).letters[0]
    assert tl.addressee == ["Study team", "c/o Sponsor Inc"] and tl.salutation == "Dear study team,"


def test_small_helpers():
    assert duration_words(date(2020, 1, 1), date(2021, 3, 5)) == "1 year 2 months"
    assert duration_words(date(2020, 1, 1), date(2020, 1, 20)) == "less than a month"
    assert display_label("inc-2.1", None) == "2.1" and display_label("exc-1", None) == "item 1"
    assert letter_sentence("To be confirmed by the clinician: Is it so?", "Other text") == "To confirm: Is it so?"
    assert letter_sentence("Allergy is unknown; to be confirmed by the clinician: Any allergy?", "Allergy.") == \
        "Allergy is unknown; to confirm: Any allergy?"
    refs = {"inclusion 2": "Rheumatoid arthritis diagnosis: yes; Age 55 years is at least 18 years."}
    assert letter_sentence("Inclusion 2 is met.", "ASyS arm.", refs) == \
        "Met through inclusion 2 (Rheumatoid arthritis diagnosis: yes; etc.)."
    assert letter_sentence("X: no; inclusion 2 is not met.", "T", {"inclusion 2": "Age 17 years is below 18 years."}) \
        == "X: no; inclusion 2 is not met (Age 17 years is below 18 years)."
    assert letter_sentence("Inclusion 9 is met.", "T", refs) == "Inclusion 9 is met."  # nothing to say: as is


needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def pdf_text(data: bytes, tmp_path) -> str:
    path = tmp_path / "l.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@needs_pdftotext
def test_rendered_pdf_text_markup_and_cjk(tmp_path):
    text = pdf_text(render_pdf(letter()), tmp_path)
    assert "Re: A trial of <b>things</b> & <font>stuff (NCT01234567)" in text  # printed literally
    assert "北京 Rheumatology Clinic" in text and "京都大学" in text  # embedded CJK font extracts
    assert "Age 56 years is above 18 years." in text
    assert "Not yet assessed." in text and "Page 1 of 2" in text and "Page 2 of 2" in text
    assert "Clinic reference: REF-042" in text


@needs_pdftotext
@pytest.mark.parametrize("title", ["<a href=\"http://x\">link</a>", "unbalanced < here", "&amp; &", "<para>",
                                   "</b>", "<font size=100>"])
def test_hostile_titles_print_literally(tmp_path, title):
    text = pdf_text(render_pdf(letter(title=title)), tmp_path)
    assert title in " ".join(text.split())


@needs_pdftotext
def test_one_letter_per_trial_each_on_new_pages_numbered(tmp_path):
    """Each letter starts on a new page and is numbered on its own: "Page 1 of n" restarts
    (issue 13: the second letter began "Page 3 of 5")."""
    data = render_pdf(letter(n=3))
    text = pdf_text(data, tmp_path)
    pages = text.split("\f")
    pages = [p for p in pages if p.strip()]
    assert text.count("Dear Hajime Yoshifuji,") == 3
    starts = [i for i, p in enumerate(pages) if "Dear Hajime Yoshifuji," in p]
    assert len(starts) == 3 and starts[0] == 0
    assert all("21 November 2026" in pages[i] for i in starts)
    per_letter = len(pages) // 3
    assert per_letter >= 2 and starts == [0, per_letter, 2 * per_letter]
    for start in starts:
        for n in range(1, per_letter + 1):
            assert f"Page {n} of {per_letter}" in pages[start + n - 1]


@needs_pdftotext
def test_long_letter_spans_pages(tmp_path):
    long_criteria = [dict(c, key=f"inc-{i}", label=str(i)) for i, c in
                     enumerate([CRITERIA[0]] * 60, start=1)]
    verdict = evaluate_trial("NCT01234567", long_criteria, PROFILE)
    letter_ = build_letter(PROFILE, [verdict], {"NCT01234567": trial()}, Letterhead(), today=TODAY)
    text = pdf_text(render_pdf(letter_), tmp_path)
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    for i, page in enumerate(pages, start=1):
        assert f"Page {i} of {len(pages)}" in page


def test_an_ongoing_failed_course_reads_as_both_in_the_treatment_table():
    from core.letter.build import treatment_table
    from core.patient.profile import profile_from_dict as _pfd

    profile = _pfd({"format_version": 2, "treatments": [
        {"drug": "methotrexate", "start": "2012", "status": "ongoing", "response": "inadequate_response"},
        {"drug": "Humira", "start": "2018-02", "status": "stopped_date_unknown", "response": "intolerance"}]})
    rows = treatment_table(profile).rows
    assert rows[0][0] == "methotrexate" and rows[0][1] == "2012" and rows[0][4] == "ongoing, inadequate response"
    assert rows[1][4] == "stopped (date unknown), intolerance"
