"""The treatment and diagnosis forms read and write the profile's format 2 (issue 14, items
3-5, in the GUI): status and response columns (a format-1 "outcome" read correctly), partial
dates, and drug / condition names completed from the vocabularies, storing the concept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox

from tests.ui.screening_helpers import close_all, open_window


@pytest.fixture
def window(qtbot):
    win = open_window(qtbot)
    yield win
    win.close()
    close_all()


def _pick_first(qtbot, field):
    popup = field.completer().popup()
    qtbot.waitUntil(lambda: popup.isVisible() and not popup.currentIndex().isValid())  # nothing pre-selected
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_status_and_response_columns_and_partial_dates(qtbot, window):
    window.show_question(window.q.question("treatments"))
    editor = window.editor
    headers = [editor.table.horizontalHeaderItem(c).text() for c in range(editor.table.columnCount())]
    assert "Status" in headers and "Response" in headers and "Outcome" not in headers
    qtbot.keyClicks(editor.cell(0, "drug"), "methotrexate")
    qtbot.keyClicks(editor.cell(0, "start"), "2012")
    status, response = editor.cell(0, "status"), editor.cell(0, "response")
    status.setFocus()
    qtbot.keyClicks(status, "ong")  # keyboard type-ahead in the combo box
    response.setFocus()
    qtbot.keyClicks(response, "inad")
    assert (status.currentData(), response.currentData()) == ("ongoing", "inadequate_response")
    assert "inadequate response" in response.toolTip()  # the whole choice, whatever the column width
    editor.complete.setChecked(True)
    assert window.submit(), window.errors_shown()
    course = window.q.current_answer("treatments")["treatments"][0]
    assert course == {"drug": "methotrexate", "start": "2012", "status": "ongoing",
                      "response": "inadequate_response"}


def test_a_format_1_outcome_row_is_read_as_status_and_response(qtbot, window):
    window.show_question(window.q.question("treatments"))
    editor = window.editor
    editor.set_value({"treatments": [{"drug": "Humira", "start": "2018-02", "stop": "2019-03-01",
                                      "outcome": "loss_of_response"},
                                     {"drug": "methotrexate", "start": "2012", "outcome": "ongoing"}]})
    assert editor.cell(0, "status").currentData() == "stopped"
    assert editor.cell(0, "response").currentData() == "loss_of_response"
    assert editor.cell(1, "status").currentData() == "ongoing"
    assert editor.cell(1, "response").currentData() is None


def test_a_drug_completes_from_its_chinese_name_and_stores_the_concept(qtbot, window):
    window.show_question(window.q.question("treatments"))
    drug = window.editor.cell(0, "drug")
    drug.setFocus()
    typed = QInputMethodEvent("", [])  # Chinese is typed through an input method: its commit
    typed.setCommitString("阿达")
    QApplication.sendEvent(drug, typed)
    _pick_first(qtbot, drug)
    assert drug.text() == "adalimumab"
    assert window.question.id == "treatments"


@pytest.mark.parametrize("typed", ["SLE", "lupus", "M32"])
def test_a_condition_completes_from_abbreviation_name_or_icd10(qtbot, window, typed):
    window.show_question(window.q.question("diagnoses"))
    row = window.editor.rows[0]
    edit = row.condition.lineEdit()
    edit.setFocus()
    qtbot.keyClicks(edit, typed)
    popup = row.completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and not popup.currentIndex().isValid())  # not "Sleep apnoea"
    shown = [popup.model().index(i, 0).data() for i in range(popup.model().rowCount())]
    target = next(i for i, text in enumerate(shown) if text.lower().startswith("systemic lupus erythematosus"))
    for _ in range(target + 1):
        qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert row.code() == "sle"


def test_what_a_drug_was_recognised_as_is_shown_whole(qtbot, window):
    window.show_question(window.q.question("treatments"))
    editor = window.editor
    qtbot.keyClicks(editor.cell(0, "drug"), "Humira")
    line = editor.recognised
    assert line.isVisible() and line.wordWrap()  # a wrapped line, not a narrow column that clips
    assert "1. Humira: adalimumab, bDMARD TNF" in line.text()
    for column in range(editor.table.columnCount()):  # every choice column wide enough for its widest choice
        widget = editor.table.cellWidget(0, column)
        if isinstance(widget, QComboBox):
            assert editor.table.columnWidth(column) >= widget.sizeHint().width(), widget.objectName()


def test_a_diagnosis_date_may_be_a_month_or_a_year(qtbot, window):
    window.show_question(window.q.question("diagnoses"))
    row = window.editor.rows[0]
    row.condition.setCurrentIndex(row.condition.findData("rheumatoid_arthritis"))
    qtbot.keyClicks(row.diagnosis_date, "03/2012")  # month/year as often written: read as 2012-03
    qtbot.keyClicks(row.onset_date, "2011")
    window.editor.complete.setChecked(True)
    assert window.submit(), window.errors_shown()
    saved = window.q.current_answer("diagnoses")["diagnoses"][0]
    assert (saved["diagnosis_date"], saved["onset_date"]) == ("2012-03", "2011")


def test_active_now_is_set_by_keyboard_and_saved_with_the_date_it_resolved(qtbot, window):
    from core.patient.profile import profile_from_dict
    from core.userdata import records

    window.show_question(window.q.question("diagnoses"))
    row = window.editor.rows[0]
    row.condition.setCurrentIndex(row.condition.findData("rheumatoid_arthritis"))
    qtbot.keyClicks(row.diagnosis_date, "2012")
    assert not row.resolved_date.isEnabled()  # only for a condition not active now
    row.activity.setFocus()
    qtbot.keyClick(row.activity, Qt.Key.Key_Tab)
    assert row.active.hasFocus()  # reached by Tab, right after the activity
    qtbot.keyClicks(row.active, "n")  # type-ahead: "no" (not "not recorded": the first match after it)
    if row.active.currentData() is not False:
        qtbot.keyClick(row.active, Qt.Key.Key_End)
    assert row.active.currentData() is False
    assert row.resolved_date.isEnabled()
    qtbot.keyClick(row.active, Qt.Key.Key_Tab)
    assert row.resolved_date.hasFocus()
    qtbot.keyClicks(row.resolved_date, "2011")  # before the diagnosis: refused with a clear message
    window.editor.complete.setChecked(True)
    assert not window.submit()
    assert "before the date of diagnosis" in row.errors["resolved_date"][1].text()
    row.resolved_date.clear()
    qtbot.keyClicks(row.resolved_date, "2020-06")
    assert window.submit(), window.errors_shown()
    saved = window.q.current_answer("diagnoses")["diagnoses"][0]
    assert (saved["active"], saved["resolved_date"]) == (False, "2020-06")
    record = profile_from_dict(records.patient_record(window.session.patient))  # the patient's saved record
    assert [(d.code, d.active, str(d.resolved_date)) for d in record.diagnoses] == [
        ("rheumatoid_arthritis", False, "2020-06")]
    # shown again as saved; a date typed for a condition now marked active (or not recorded) is never dropped
    # silently: refused with a message, kept and editable until the clinician clears it
    window.show_question(window.q.question("diagnoses"), changing=True)
    row = window.editor.rows[0]
    assert row.active.currentData() is False and row.resolved_date.text() == "2020-06"
    for index in (1, 0):  # yes, not recorded
        row.active.setCurrentIndex(index)
        assert not window.submit()
        assert "not active now" in row.errors["resolved_date"][1].text()
        assert row.resolved_date.isEnabled() and row.resolved_date.text() == "2020-06"
    assert window.q.current_answer("diagnoses")["diagnoses"][0]["resolved_date"] == "2020-06"  # unchanged
    row.resolved_date.clear()
    assert not row.resolved_date.isEnabled()
    assert window.submit(), window.errors_shown()
    assert "active" not in window.q.current_answer("diagnoses")["diagnoses"][0]
