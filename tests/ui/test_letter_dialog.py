"""Letter preview: the PDF core renders is shown, saved and printed (to a PDF printer)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtPrintSupport import QPrinter

from core.letter.build import build_letter
from core.letter.model import Letterhead
from core.letter.render import render_pdf
from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from ui.letter_dialog import LetterDialog


@pytest.fixture()
def pdf() -> bytes:
    profile = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01",
                                 "date_of_birth": "1970-01-01", "profile_id": "REF-9"})
    criteria = [{"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "Adults",
                 "rule": {"fact": "age_years", "op": ">=", "value": 18}}]
    verdict = evaluate_trial("T1", criteria, profile)
    trial = {"trial_id": "T1", "registry_ids": [], "title": "Trial one", "contacts": [], "sites": [],
             "sponsor": "S"}
    letter = build_letter(profile, [verdict, verdict], {"T1": trial}, Letterhead(clinic_name="Clinic"),
                          today=date(2026, 11, 21))
    return render_pdf(letter)


def test_preview_shows_every_page(qtbot, pdf):
    dialog = LetterDialog(pdf, "letter.pdf")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 2
    assert dialog.pages_label.text() == "2 pages"
    images = dialog.page_images(dpi=30)
    assert len(images) == 2 and images[0].pixelColor(1, 1).name() == "#ffffff"


def test_save_records_issue(qtbot, pdf, tmp_path):
    issued = []
    dialog = LetterDialog(pdf, "letter.pdf", on_issued=lambda path, sha: issued.append((path, sha)))
    qtbot.addWidget(dialog)
    target = tmp_path / "out" / "referral.pdf"
    assert dialog.save_to(str(target))
    assert target.read_bytes() == pdf
    assert issued == [(str(target), dialog.sha256)]


def test_save_failure_changes_nothing(qtbot, pdf, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a))
    issued = []
    dialog = LetterDialog(pdf, "letter.pdf", on_issued=lambda *a: issued.append(a))
    qtbot.addWidget(dialog)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not dialog.save_to(str(blocker / "sub" / "letter.pdf"))  # a file where a folder should be
    assert shown and issued == []


def test_print_to_pdf_printer(qtbot, pdf, tmp_path):
    dialog = LetterDialog(pdf, "letter.pdf")
    qtbot.addWidget(dialog)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    dialog.print_to(printer)
    assert out.exists() and out.stat().st_size > 1000


def test_clinician_notes_shown_above_the_preview_as_plain_text(qtbot, pdf):
    """Issue 13 item 8: the notes are for the clinician (the PDF does not hold them)."""
    from PySide6.QtCore import Qt

    notes = ["LOCAL-1: Contact <b>Jennifer Cobb</b> is also listed on 1 unrelated trial(s): the contact may be "
             "wrong; verify before writing.", "No clinic letterhead is set: the letter names no clinic."]
    dialog = LetterDialog(pdf, "letter.pdf", notes=notes)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.notes_label
    assert label.isVisible() and label.textFormat() == Qt.TextFormat.PlainText
    assert label.geometry().bottom() <= dialog.view.geometry().top()  # above the preview
    assert label.text().startswith("Before you send this letter (2 notes, not printed in the letter):")
    assert "• LOCAL-1: Contact <b>Jennifer Cobb</b>" in label.text()  # literally, never bold
    assert label.accessibleName() == "Notes for the referring clinician"


def test_no_notes_no_box(qtbot, pdf):
    dialog = LetterDialog(pdf, "letter.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.notes_label.isVisible()


def _render_in(language):
    """A letter to a trial run in Kyoto, in ``language`` (None: the study team's, Japanese)."""
    profile = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01",
                                 "date_of_birth": "1970-01-01", "profile_id": "REF-9"})
    criteria = [{"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "Adults",
                 "rule": {"fact": "age_years", "op": ">=", "value": 18}}]
    trial = {"trial_id": "T1", "registry_ids": [], "title": "Trial one", "contacts": [],
             "sites": [{"name": "Kyoto University Hospital", "city": "Kyoto", "country": "Japan"}], "sponsor": "S"}
    from core.i18n import using_language
    from core.letter.language import letter_language

    with using_language(letter_language(trial, language)):  # the sentences in the letter's language
        verdict = evaluate_trial("T1", criteria, profile)
    letter = build_letter(profile, [verdict], {"T1": trial}, Letterhead(), today=date(2026, 11, 21),
                          language=language)
    return render_pdf(letter), [f"{tl.language}" for tl in letter.letters]


def test_language_choice_renders_the_letter_again(qtbot, tmp_path):
    calls = []

    def render(language):
        calls.append(language)
        return _render_in(language)

    first, notes = render(None)
    dialog = LetterDialog(first, "letter.pdf", notes=notes, render=render)
    qtbot.addWidget(dialog)
    assert dialog.language_combo.isVisibleTo(dialog) and dialog.language_combo.currentData() is None
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert calls == [None, "en"] and dialog.pdf != first and dialog.notes == ["en"]
    target = tmp_path / "en.pdf"
    assert dialog.save_to(str(target)) and target.read_bytes() == dialog.pdf  # what is shown is what is issued


def test_a_language_that_fails_keeps_the_letter_shown(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: shown.append(a))
    pdf, _notes = _render_in(None)

    def broken(language):
        raise RuntimeError("no font")

    dialog = LetterDialog(pdf, "letter.pdf", render=broken)
    qtbot.addWidget(dialog)
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("zh"))
    assert dialog.pdf == pdf and len(shown) == 1 and "no font" in shown[0][2]


def test_no_language_choice_without_a_renderer(qtbot, pdf):
    dialog = LetterDialog(pdf, "letter.pdf")
    qtbot.addWidget(dialog)
    assert not dialog.language_combo.isVisibleTo(dialog)


def test_many_notes_scroll_and_leave_the_preview_most_of_the_dialog(qtbot, pdf):
    """A long screening's letter had 60 notes (status and age of every record): as one label they took the
    whole dialog and left the letter a strip a few lines high. They scroll in a box; none is cut off."""
    notes = [f"NCT{n:08d}: This trial is no longer recruiting (status: Completed)." for n in range(60)]
    dialog = LetterDialog(pdf, "letter.pdf", notes=notes)
    qtbot.addWidget(dialog)
    dialog.resize(820, 900)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.view.height() >= dialog.height() // 2
    assert dialog.notes_area.isVisible() and dialog.notes_area.widget() is dialog.notes_label
    assert dialog.notes_area.geometry().bottom() <= dialog.view.geometry().top()
    assert dialog.notes_label.height() >= dialog.notes_label.heightForWidth(dialog.notes_label.width())  # all of it
    assert "NCT00000059: This trial is no longer recruiting" in dialog.notes_label.text()
