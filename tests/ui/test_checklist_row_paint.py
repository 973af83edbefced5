"""A checklist row paints its own frame and focus mark (no style sheet: ui/screening/checklist_page.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from core.questionnaire import Question
from ui.screening.checklist_page import FOCUS_BORDER, ROW_BORDER, ChecklistEditor


def _row(key: str) -> dict:
    return {"question_id": f"confirm:T-1:{key}", "question": None, "criterion_kind": "inclusion",
            "criterion_key": key, "criterion_label": key, "criterion_text": f"Criterion <b>{key}</b>",
            "list": False, "part": False, "answer": None}


def _top_edge(widget) -> QColor:
    image = widget.grab().toImage()
    return image.pixelColor(image.width() // 2, 0)


def _close(a: QColor, b: str) -> bool:
    c = QColor(b)
    return abs(a.red() - c.red()) + abs(a.green() - c.green()) + abs(a.blue() - c.blue()) < 60


def test_rows_have_no_style_sheet_and_paint_the_focus_mark(qtbot):
    question = Question(id="checklist:T-1", kind="checklist", group="confirm", text="Criteria of T-1",
                        details={"trial_id": "T-1", "rows": [_row("inc-1"), _row("inc-2")]})
    editor = ChecklistEditor(question)
    qtbot.addWidget(editor)
    editor.resize(500, 300)
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    assert editor.styleSheet() == "" and all(r.styleSheet() == "" for r in editor.rows)
    first, second = editor.rows
    second.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(second.hasFocus)
    assert _close(_top_edge(second), FOCUS_BORDER)
    assert _close(_top_edge(first), ROW_BORDER)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(first.hasFocus)
    assert _close(_top_edge(first), FOCUS_BORDER) and _close(_top_edge(second), ROW_BORDER)
    assert second.text_label.textFormat() == Qt.TextFormat.PlainText  # record text never markup
