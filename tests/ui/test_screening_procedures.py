"""The procedures table in the questionnaire window: names completed from the procedures vocabulary (stored as
the concept id), partial dates, planned ones, the list marked complete, an unknown name refused on its row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.screening_helpers import close_all, open_window


@pytest.fixture
def window(qtbot):
    win = open_window(qtbot)
    yield win
    win.close()
    close_all()


def test_procedures_are_entered_completed_and_stored_as_concepts(qtbot, window):
    window.show_question(window.q.question("procedures"))
    editor = window.editor
    headers = [editor.table.horizontalHeaderItem(c).text() for c in range(editor.table.columnCount())]
    assert headers == ["Procedure", "Date", "Planned", "Ongoing"]
    name = editor.cell(0, "procedure")
    name.setFocus()
    qtbot.keyClicks(name, "THA")
    popup = name.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert name.text() == "Hip replacement"
    qtbot.keyClicks(editor.cell(0, "date"), "2019")
    editor.add_row()
    qtbot.keyClicks(editor.cell(1, "procedure"), "knee replacement")
    editor.cell(1, "planned").setChecked(True)
    editor.complete.setChecked(True)
    assert window.submit(), window.errors_shown()
    assert window.q.current_answer("procedures") == {
        "procedures": [{"procedure": "hip_replacement", "date": "2019"},
                       {"procedure": "knee_replacement", "planned": True}], "complete": True}


def test_an_unknown_procedure_is_refused_on_its_row_and_nothing_is_saved(qtbot, window):
    window.show_question(window.q.question("procedures"))
    editor = window.editor
    qtbot.keyClicks(editor.cell(0, "procedure"), "wibble-ectomy")
    assert not window.submit()
    assert any("Row 1" in e and "list" in e for e in window.errors_shown())
    assert window.q.current_answer("procedures") is None


def test_stored_rows_are_shown_by_name(qtbot, window):
    window.show_question(window.q.question("procedures"))
    editor = window.editor
    editor.set_value({"procedures": [{"procedure": "kidney_transplant", "date": "2015-06"}], "complete": False})
    assert editor.cell(0, "procedure").text() == "Kidney transplantation"
    assert editor.cell(0, "date").text() == "2015-06"
    assert not editor.cell(0, "planned").isChecked()


def test_an_ongoing_course_is_ticked_by_keyboard_and_stored(qtbot, window):
    window.show_question(window.q.question("procedures"))
    editor = window.editor
    qtbot.keyClicks(editor.cell(0, "procedure"), "radiotherapy")
    qtbot.keyClicks(editor.cell(0, "date"), "2026-10")
    box = editor.cell(0, "ongoing")
    assert box.accessibleName() == "Procedure 1: ongoing now"
    editor.cell(0, "date").setFocus()
    for _ in range(2):  # date -> planned -> ongoing, by Tab alone
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()
    assert window.submit(), window.errors_shown()
    assert window.q.current_answer("procedures") == {
        "procedures": [{"procedure": "radiotherapy", "date": "2026-10", "ongoing": True}], "complete": False}


def test_a_course_recorded_ended_stays_ended_and_an_unticked_new_row_says_nothing(qtbot, window):
    window.show_question(window.q.question("procedures"))
    editor = window.editor
    editor.set_value({"procedures": [{"procedure": "dialysis", "date": "2019", "ongoing": False}], "complete": True})
    assert not editor.cell(0, "ongoing").isChecked()
    editor.add_row()
    qtbot.keyClicks(editor.cell(1, "procedure"), "hip replacement")
    assert window.submit(), window.errors_shown()
    assert window.q.current_answer("procedures") == {
        "procedures": [{"procedure": "dialysis", "date": "2019", "ongoing": False},
                       {"procedure": "hip_replacement"}], "complete": True}


def test_planned_and_ongoing_together_are_refused_and_nothing_is_saved(qtbot, window):
    window.show_question(window.q.question("procedures"))
    editor = window.editor
    qtbot.keyClicks(editor.cell(0, "procedure"), "radiotherapy")
    editor.cell(0, "planned").setChecked(True)
    editor.cell(0, "ongoing").setChecked(True)
    assert not window.submit()
    assert any("planned" in e for e in window.errors_shown())
    assert window.q.current_answer("procedures") is None
