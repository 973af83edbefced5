"""Keys as a clinician presses them in the questionnaire window (issue 13, items 1-3):
Ctrl+U means "Unknown / not available" even inside a text field, old error messages go as
soon as the value is valid or empty, and the lab form shows real mnemonics and keeps its size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from tests.ui.screening_helpers import close_all, open_window

CTRL = Qt.KeyboardModifier.ControlModifier


class LinuxLineEdit(QObject):
    """What QLineEdit does with Ctrl+U under X11 key bindings (the offscreen test platform has
    none): it claims the key in the shortcut-override step, so a window shortcut never sees it."""

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_U \
                and event.modifiers() == CTRL:
            event.accept()
            return True
        return False


def linux_keys(qtbot, edit) -> None:
    claim = LinuxLineEdit(edit)
    edit.installEventFilter(claim)


@pytest.fixture
def window(qtbot):
    win = open_window(qtbot)
    yield win
    win.close()
    close_all()


def test_ctrl_u_in_a_text_field_answers_unknown(qtbot, window):
    assert window.question.id == "date_of_birth"
    edit = window.editor.edit
    assert edit.hasFocus()  # the cursor is in the field, as the issue describes
    linux_keys(qtbot, edit)
    qtbot.keyClicks(edit, "19")
    qtbot.keyClick(edit, Qt.Key.Key_U, CTRL)
    assert window.q.status("date_of_birth") == "unknown"
    assert "date_of_birth" in window.q.history
    assert window.question is None or window.question.id != "date_of_birth"


def test_ctrl_u_in_a_number_field_answers_unknown(qtbot, window):
    window.show_question(window.q.question("lvef_percent"))
    edit = window.editor.edit
    assert edit.hasFocus()
    linux_keys(qtbot, edit)
    qtbot.keyClicks(edit, "45")
    qtbot.keyClick(edit, Qt.Key.Key_U, CTRL)
    assert window.q.status("lvef_percent") == "unknown"


def test_an_error_goes_when_the_value_is_corrected(qtbot, window):
    window.show_question(window.q.question("lvef_percent"))
    edit = window.editor.edit
    qtbot.keyClicks(edit, "120")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert any("100" in e for e in window.errors_shown())  # refused: at most 100 %
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert window.errors_shown() == []  # "12" is valid: the message is gone at once
    assert window.question.id == "lvef_percent"  # nothing was saved by correcting
    assert edit.hasFocus()


def test_an_error_goes_when_the_field_is_emptied(qtbot, window):
    window.show_question(window.q.question("lvef_percent"))
    edit = window.editor.edit
    qtbot.keyClicks(edit, "nnnn")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.errors_shown()
    for _ in range(4):
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert window.errors_shown() == []


def test_the_treatments_reminder_goes_once_a_course_is_typed(qtbot, window):
    window.show_question(window.q.question("treatments"))
    qtbot.keyClick(window.editor.cell(0, "drug"), Qt.Key.Key_Return)
    window.submit()
    assert any("treatment courses" in e for e in window.errors_shown())
    qtbot.keyClicks(window.editor.cell(0, "drug"), "methotrexate")
    assert window.errors_shown() == []


def _labels(editor) -> list[QLabel]:
    return [w for w in editor.findChildren(QLabel) if w.objectName() != "fieldError"]


def test_lab_labels_are_real_mnemonics_and_the_form_keeps_its_size(qtbot, window):
    window.show_question(window.q.question("lab.alt"))
    editor = window.editor
    texts = [label.text() for label in _labels(editor) if label.text()]
    assert "R&esult:" in texts
    for label in _labels(editor):  # a label with a mnemonic and no buddy shows its "&" literally
        if "&" in label.text().replace("&&", ""):
            assert label.buddy() is not None, label.text()
    result = next(label for label in _labels(editor) if label.text() == "R&esult:")
    assert result.buddy() is editor.value_edit  # shown as "Result" with e underlined, Alt+E goes there
    area = window.editor_area
    qtbot.wait(10)  # laid out
    before = area.height()
    qtbot.keyClicks(editor.value_edit, "abc")
    qtbot.keyClicks(editor.uln, "40")
    qtbot.keyClick(editor.value_edit, Qt.Key.Key_Return)
    assert window.errors_shown()
    qtbot.wait(10)
    assert area.height() >= before  # not shrunk to a small scroll box
    assert not area.verticalScrollBar().isVisible()
    for field in (editor.uln, editor.date):  # ULN and date stay in view
        assert field.isVisible() and not field.visibleRegion().isEmpty()
    qtbot.keyClick(editor.value_edit, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # harmless
    editor.date.setFocus()
    qtbot.keyClick(editor.date, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert editor.value_edit.hasFocus()


def test_lab_takes_a_multiple_of_the_uln_or_a_qualitative_result(qtbot, window):
    window.show_question(window.q.question("lab.alt"))
    qtbot.keyClicks(window.editor.x_uln, "2.5")
    qtbot.keyClick(window.editor.x_uln, Qt.Key.Key_Return)
    assert window.q.current_answer("lab.alt")["x_uln"] == 2.5
    window.show_question(window.q.question("lab.rf"))
    combo = window.editor.qualitative
    combo.setFocus()
    qtbot.keyClicks(combo, "pos")  # type-ahead in the combo box, as with the keyboard
    assert combo.currentData() == "positive"
    window.submit()
    assert window.q.current_answer("lab.rf")["result"] == "positive"


def test_every_input_of_every_page_has_an_accessible_name(qtbot, window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    kinds_seen = set()
    pages = window.q.open_questions()
    confirms = [page.details["rows"][0]["question"] for page in pages if page.kind == "checklist"][:1]
    for question in pages + confirms + [window.q.question(q) for q in ("treatments", "joints", "lab.alt")]:
        if question.kind in kinds_seen and question.kind not in ("labs",):
            continue
        kinds_seen.add(question.kind)
        window.show_question(question)
        for widget in window.editor.findChildren(QWidget):
            if not isinstance(widget, QLineEdit | QComboBox | QAbstractSpinBox | QAbstractButton):
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
                continue  # the combo box / spin box's own line edit: the box carries the name
            if widget.objectName() == "qt_tableview_cornerbutton" or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                continue  # not reachable from the keyboard
            name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
            assert name and name != widget.objectName(), (question.id, widget.objectName())
    assert {"date", "diagnoses", "treatments", "joints", "labs", "confirm", "checklist"} <= kinds_seen


def test_next_and_unknown_stay_in_place_between_questions(qtbot, window):
    from PySide6.QtCore import QPoint

    from ui.screen_fit import available_size

    width, height = available_size(window)
    assert window.width() <= width and window.height() <= height  # opens within the screen

    def where():
        qtbot.wait(5)
        return (window.next_button.mapTo(window, QPoint(0, 0)), window.unknown_button.mapTo(window, QPoint(0, 0)))

    first = where()
    for qid in ("lvef_percent", "treatments", "lab.alt", "joints", "diagnoses", "date_of_birth"):
        window.show_question(window.q.question(qid))
        assert where() == first, qid
    qtbot.keyClicks(window.editor.edit, "nonsense")
    qtbot.keyClick(window.editor.edit, Qt.Key.Key_Return)
    assert window.errors_shown()
    assert where() == first  # an error shown does not move them either


def test_the_patient_and_screening_dialogs_name_every_input(qtbot, window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit

    from ui.screening.new_screening import NewScreeningDialog
    from ui.screening.patients import NewPatientDialog

    for dialog in (NewPatientDialog(), NewScreeningDialog()):
        qtbot.addWidget(dialog)
        buddies = {id(label.buddy()) for label in dialog.findChildren(QLabel) if label.buddy() is not None}
        for widget in dialog.findChildren(QWidget):
            if not isinstance(widget, QLineEdit | QComboBox | QAbstractSpinBox | QAbstractButton):
                continue
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox | QAbstractSpinBox):
                continue
            named = widget.accessibleName() or id(widget) in buddies or (
                isinstance(widget, QAbstractButton) and widget.text())
            assert named, (type(dialog).__name__, widget.objectName())
