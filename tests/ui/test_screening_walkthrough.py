"""A screening through the real widgets, against the five seed trials as the app ships them
(hand-curated rules; the ``seed_bundle`` fixture leaves the registry records out): an adult
with refractory RA, answered by typing, ticking and clicking "Next"."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.matching.verdict import NOT_ELIGIBLE
from core.userdata.database import close_user_db, open_user_db
from core.userdata.models import Answer, LetterIssued, Screening

RA_000 = "LOCAL-EB61F3F300"
CAR_NK_004 = "LOCAL-5DC21DAC9E"
JUVENILE_SJOGREN = "LOCAL-C4F6E322F6"


@pytest.fixture
def main_window(qtbot, seed_bundle):
    open_catalog()
    open_user_db()
    from ui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for w in getattr(win, "_screening_windows", []):
        w.close()
    close_user_db()
    database.close()


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def create_patient_and_start(qtbot, main_window, reference="RA-WALK"):
    """Patient > New screening…, New patient…, Start screening — as a user would."""
    main_window.new_screening_action.trigger()
    dialog = main_window.new_screening_dialog
    assert dialog.open_only.isChecked()  # only trials open to referral, by default
    from ui.screening import patients

    created = {}

    def fill_new_patient(self):
        self.reference.clear()
        qtbot.keyClicks(self.reference, reference)
        self.sex.setCurrentIndex(self.sex.findData("female"))  # sex is asked with the patient
        self.accept()
        created["patient"] = self.patient
        return 1

    orig = patients.NewPatientDialog.exec
    patients.NewPatientDialog.exec = fill_new_patient
    try:
        click(qtbot, dialog.new_patient_button)
    finally:
        patients.NewPatientDialog.exec = orig
    assert created["patient"].reference == reference and created["patient"].name is None
    assert dialog.patient().reference == reference
    assert "4 trials" in dialog.count.text()
    click(qtbot, dialog.start_button)
    qtbot.waitUntil(lambda: bool(getattr(main_window, "_screening_windows", None)))
    window = main_window._screening_windows[-1]
    qtbot.waitExposed(window)
    # keyboard shortcuts (Enter, Ctrl+U) belong to the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def type_into(qtbot, edit, text):
    edit.clear()
    qtbot.keyClicks(edit, text)


def next_(qtbot, window):
    click(qtbot, window.next_button)


def answer_diagnoses(qtbot, window):
    row = window.editor.rows[0]
    row.condition.setCurrentIndex(row.condition.findData("rheumatoid_arthritis"))
    type_into(qtbot, row.diagnosis_date, "2016-03-01")
    assert row.ra_box.isVisible()
    for category, code in {"joints": "4_10_small", "serology": "high_positive", "acute_phase": "abnormal",
                           "symptom_duration": "6_weeks_or_more"}.items():
        combo = row.ra_items[category]
        combo.setCurrentIndex(combo.findData(code))
    assert "= 8 of 10" in row.ra_result.text()
    assert row.criteria["acr_eular_2010"].isChecked()  # the calculator ticked the criterion
    row.activity.setCurrentIndex(row.activity.findData("high"))
    click(qtbot, window.editor.complete)
    next_(qtbot, window)


def answer_treatments(qtbot, window):
    editor = window.editor
    courses = [("methotrexate", "2016-04", "2020-01-01", "20", "mg/week", "stopped", "inadequate_response"),
               ("Humira", "2020-02-01", "2022-03-01", "40", "mg", "stopped", "loss_of_response"),
               ("tocilizumab", "2022", "", "", "", "stopped_date_unknown", "intolerance")]
    for i, (drug, start, stop, dose, unit, status, response) in enumerate(courses):
        if i:
            click(qtbot, editor.add_button)
        qtbot.keyClicks(editor.cell(i, "drug"), drug)
        qtbot.keyClicks(editor.cell(i, "start"), start)
        qtbot.keyClicks(editor.cell(i, "stop"), stop)
        qtbot.keyClicks(editor.cell(i, "dose"), dose)
        for key, value in (("dose_unit", unit), ("status", status), ("response", response)):
            combo = editor.cell(i, key)
            combo.setCurrentIndex(max(combo.findData(value or None), 0))
    assert "adalimumab" in editor.recognised_text(1)  # the brand was recognised
    click(qtbot, editor.complete)
    next_(qtbot, window)


def answer_joints(qtbot, window):
    e = window.editor
    e.tender.setValue(8)
    e.swollen.setValue(6)
    e.patient_global.setValue(60)
    e.evaluator_global.setValue(50)
    type_into(qtbot, e.esr, "40")
    text = e.calc.text()
    assert "CDAI = 8 + 6 + 6 + 5 = 25.0" in text and "DAS28-ESR = " in text and "= 5.69" in text
    next_(qtbot, window)


YES = {"informed_consent", "ra_management_problematic", "willing_to_participate", "willing_to_follow_procedures"}
NO = {"healthy_volunteer"}


def answer_current(qtbot, window) -> str:
    q = window.question
    if q.id == "date_of_birth":
        type_into(qtbot, window.editor.edit, "1975-04-12")
        qtbot.keyClick(window.editor.edit, Qt.Key.Key_Return)  # Enter accepts
    elif q.id == "diagnoses":
        answer_diagnoses(qtbot, window)
    elif q.id == "treatments":
        answer_treatments(qtbot, window)
    elif q.id == "joints":
        answer_joints(qtbot, window)
    elif q.id == "sex":
        click(qtbot, window.editor.buttons["female"])
        next_(qtbot, window)
    elif q.id in YES or q.id in NO:
        click(qtbot, window.editor.buttons["yes" if q.id in YES else "no"])
        next_(qtbot, window)
    else:
        qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)  # Ctrl+U: unknown
    return q.id


def test_refractory_ra_walkthrough(qtbot, main_window):
    window = create_patient_and_start(qtbot, main_window)
    assert window.question.id == "date_of_birth"
    assert window.unknown_button.text().startswith("Unknown / not available")
    asked = []
    while window.question is not None:
        assert len(asked) < 80
        qid = answer_current(qtbot, window)
        assert window.question is None or window.question.id != qid or window.changing, f"{qid} was not accepted"
        asked.append(qid)
    assert {"date_of_birth", "diagnoses", "treatments"} <= set(asked)
    assert window.done_message() in ("All verdicts are final.", "Only unanswerable items remain.")
    assert window.question_label.text() == window.done_message()
    assert window.banner.isVisible()

    verdicts = window.q.verdicts()
    assert verdicts[RA_000].verdict != NOT_ELIGIBLE
    assert verdicts[CAR_NK_004].verdict != NOT_ELIGIBLE
    assert verdicts[JUVENILE_SJOGREN].verdict == NOT_ELIGIBLE
    assert verdicts[JUVENILE_SJOGREN].criterion("inc-1").status == "not_met"  # ruled out by age
    assert "Age" in verdicts[JUVENILE_SJOGREN].criterion("inc-1").sentence

    # the results panel shows the same, with the recruitment status beside the verdict
    item = window.results.item_for(JUVENILE_SJOGREN)
    assert item.text(1).endswith("Not eligible") and item.text(2) == "Recruiting"
    assert window.results.item_for(RA_000).text(1).endswith("ligible")
    # ticked by default: not ruled out, and the trial's conditions match the patient's (RA)
    fits = window.q.condition_fits()
    assert set(window.results.chosen()) == {t for t, v in verdicts.items()
                                            if v.verdict != NOT_ELIGIBLE and fits[t] and fits[t] > 0}
    assert {RA_000, CAR_NK_004} <= set(window.results.chosen())
    assert "sex" not in asked  # given when the patient was created

    # every answer was saved as it was given, and the screening is finished
    screening = Screening.get_by_id(window.session.screening_id)
    assert screening.status == "finished"
    saved = [a.question for a in Answer.select().where(Answer.screening == screening).order_by(Answer.id)]
    assert saved == screening.profile["history"]
    assert [q for q in saved if q != "lab.esr"] == asked  # the ESR came with the DAS28 calculator


def test_history_change_reevaluates(qtbot, main_window):
    window = create_patient_and_start(qtbot, main_window, "RA-CHANGE")
    type_into(qtbot, window.editor.edit, "1975-04-12")
    next_(qtbot, window)
    assert window.q.verdicts()[JUVENILE_SJOGREN].verdict == NOT_ELIGIBLE
    assert window.history.count() == 1 and "1975-04-12" in window.history.item(0).text()
    window.history.setCurrentRow(0)
    click(qtbot, window.change_button)
    assert window.changing and window.question.id == "date_of_birth"
    assert window.editor.edit.text() == "1975-04-12"  # the current answer, ready to edit
    type_into(qtbot, window.editor.edit, "2016-01-01")
    next_(qtbot, window)
    assert not window.changing
    assert "2016-01-01" in window.history.item(0).text()
    # a child now, adult only beyond the 5-year eligible-from horizon
    assert window.q.verdicts()[RA_000].verdict == NOT_ELIGIBLE
    assert window.q.verdicts()[JUVENILE_SJOGREN].verdict != NOT_ELIGIBLE


def test_why_is_this_asked(qtbot, main_window):
    window = create_patient_and_start(qtbot, main_window, "RA-WHY")
    click(qtbot, window.why_button)
    assert window.why_label.isVisible()
    text = window.why_label.text()
    assert JUVENILE_SJOGREN in text and "Inclusion" in text


def _dob(qtbot, window, text):
    type_into(qtbot, window.editor.edit, text)
    next_(qtbot, window)


@pytest.mark.parametrize("value, message", [
    ("1890-01-01", "older than 120 years"),
    ("2999-01-01", "after the assessment"),
    ("1970-13-45", "is not a date"),
])
def test_impossible_birth_dates_are_refused_next_to_the_field(qtbot, main_window, value, message):
    window = create_patient_and_start(qtbot, main_window, "RA-DOB")
    _dob(qtbot, window, value)
    assert window.question.id == "date_of_birth"  # still asked
    errors = window.errors_shown()
    assert errors and message in errors[0], errors
    assert window.editor.error.isVisibleTo(window.editor)  # the label beside the field
    assert window.q.profile.date_of_birth is None
    assert Answer.select().count() == 0


def test_impossible_values_in_tables_and_findings(qtbot, main_window):
    window = create_patient_and_start(qtbot, main_window, "RA-BAD")
    _dob(qtbot, window, "1975-04-12")
    # a diagnosis before birth
    assert window.question.id == "diagnoses"
    row = window.editor.rows[0]
    row.condition.setCurrentIndex(row.condition.findData("rheumatoid_arthritis"))
    type_into(qtbot, row.diagnosis_date, "1960-01-01")
    next_(qtbot, window)
    assert window.question.id == "diagnoses"
    assert "before the date of birth" in row.errors["diagnosis_date"][1].text()
    assert row.errors["diagnosis_date"][1].isVisibleTo(row)
    # ... and one in the future
    type_into(qtbot, row.diagnosis_date, "2999-01-01")
    next_(qtbot, window)
    assert "future" in row.errors["diagnosis_date"][1].text()
    type_into(qtbot, row.diagnosis_date, "2016-03-01")
    click(qtbot, window.editor.complete)
    next_(qtbot, window)
    # a negative dose
    assert window.question.id == "treatments"
    editor = window.editor
    qtbot.keyClicks(editor.cell(0, "drug"), "methotrexate")
    qtbot.keyClicks(editor.cell(0, "dose"), "-15")
    next_(qtbot, window)
    assert window.question.id == "treatments"
    assert "Row 1, dose: A dose cannot be negative." in editor.error.text()
    assert window.q.profile.treatments == []
    type_into(qtbot, editor.cell(0, "dose"), "15")
    next_(qtbot, window)
    assert "Row 1, dose unit: A dose needs its unit." in editor.error.text()
    editor.cell(0, "dose_unit").setCurrentIndex(editor.cell(0, "dose_unit").findData("mg/week"))
    next_(qtbot, window)
    assert window.question.id != "treatments", window.errors_shown()
    # LVEF over 100 and a ULN of zero
    window.show_question(window.q.question("lvef_percent"))
    _dob(qtbot, window, "120")
    assert "at most 100" in window.editor.error.text()
    assert "lvef_percent" not in window.q.profile.findings
    window.show_question(window.q.question("lab.ast"))
    type_into(qtbot, window.editor.value_edit, "40")
    type_into(qtbot, window.editor.uln, "0")
    next_(qtbot, window)
    uln_error = window.editor.fields["uln"][1]
    assert "upper limit of normal must be above zero" in uln_error.text()
    assert window.q.profile.labs == []


def test_letter_from_the_results(qtbot, main_window, tmp_path):
    window = create_patient_and_start(qtbot, main_window, "RA-LETTER")
    _dob(qtbot, window, "1975-04-12")
    assert window.results.chosen() == []  # no diagnosis yet: no trial's conditions are known to fit
    answer_diagnoses(qtbot, window)
    chosen = window.results.chosen()
    assert JUVENILE_SJOGREN not in chosen and RA_000 in chosen
    window.results.set_chosen(CAR_NK_004, False)
    assert CAR_NK_004 not in window.results.chosen()
    click(qtbot, window.results.letter_button)
    dialog = window.letter_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.chosen_trials == window.results.chosen()
    assert dialog.document.pageCount() >= 1
    # notes for the clinician (a doubtful contact on the RA cohort) shown above the preview, not printed
    assert dialog.notes_label.isVisible() and "the contact may be wrong" in dialog.notes_label.text()
    # the letter's language can be chosen in the dialog: English re-renders the (Beijing) trials' letters
    assert dialog.language_combo.isVisible()
    before = dialog.pdf
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    assert dialog.pdf != before and dialog.document.pageCount() >= 1
    target = tmp_path / "letter.pdf"
    assert dialog.save_to(str(target))
    rows = list(LetterIssued.select())
    assert len(rows) == 1
    assert rows[0].trial_ids == window.results.chosen() and rows[0].file_path == str(target)
    assert rows[0].sha256 == dialog.sha256
    dialog.close()


def test_unknown_is_offered_everywhere(qtbot, main_window):
    window = create_patient_and_start(qtbot, main_window, "RA-UNK")
    first = window.question.id
    click(qtbot, window.unknown_button)
    assert first in window.q.unknown
    assert "Unknown / not available" in window.history.item(0).text()
    assert QDialogButtonBox  # imported for the dialogs above


def test_drug_autocomplete_inserts_the_name(qtbot, main_window):
    window = create_patient_and_start(qtbot, main_window, "RA-DRUG")
    window.show_question(window.q.question("treatments"))
    editor = window.editor
    drug = editor.cell(0, "drug")
    qtbot.keyClicks(drug, "Hum")
    completer = drug.completer()
    popup = completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data() == "Humira — adalimumab"
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert drug.text() == "adalimumab"  # the concept's name is stored, not the display text
    assert window.question.id == "treatments"  # that Enter only picked the suggestion
    assert "TNF" in editor.recognised_text(0)
