"""A checklist row's words are copied with Ctrl+C or its context menu, not selected with the mouse
(ui/screening/checklist_page.py: a selectable label per row made long pages slow to appear)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from core.questionnaire import Question
from ui.screening.checklist_page import ChecklistEditor


def _editor(qtbot) -> ChecklistEditor:
    rows = [{"question_id": f"confirm:T-1:{key}", "question": None, "criterion_kind": kind, "criterion_key": key,
             "criterion_label": key, "criterion_text": f"Criterion <b>{key}</b> &amp; more", "list": False,
             "part": False, "answer": None} for key, kind in (("inc-1", "inclusion"), ("exc-2", "exclusion"))]
    editor = ChecklistEditor(Question(id="checklist:T-1", kind="checklist", group="confirm", text="Criteria of T-1",
                                      details={"trial_id": "T-1", "rows": rows}))
    qtbot.addWidget(editor)
    editor.resize(500, 300)
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    return editor


def test_ctrl_c_on_a_row_copies_its_name_and_words_as_plain_text(qtbot):
    editor = _editor(qtbot)
    QGuiApplication.clipboard().setText("before")
    second = editor.rows[1]
    second.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(second.hasFocus)
    qtbot.keyClick(second, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.endswith("Criterion <b>exc-2</b> &amp; more")  # the words as published, not rendered
    assert copied.splitlines()[0] == second.name_label.text() and "inc-1" not in copied
    assert second.code() == "unknown"  # copying changes no answer


def test_the_context_menu_offers_the_copy(qtbot):
    editor = _editor(qtbot)
    QGuiApplication.clipboard().setText("before")
    first = editor.rows[0]
    seen: list[list[str]] = []

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        seen.append([a.text() for a in menu.actions()])
        menu.actions()[0].trigger()
        menu.close()

    QTimer.singleShot(50, choose)
    QApplication.sendEvent(first, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5),
                                                    first.mapToGlobal(QPoint(5, 5))))
    assert seen and len(seen[0]) == 1
    assert QGuiApplication.clipboard().text().endswith("Criterion <b>inc-1</b> &amp; more")


def test_row_words_are_not_mouse_selectable(qtbot):
    editor = _editor(qtbot)
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
    for row in editor.rows:
        for label in (row.name_label, row.text_label, row.error):
            assert not label.textInteractionFlags() & selectable
