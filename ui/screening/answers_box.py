"""The answers given so far in a screening, below the question: a list, one row per answer,
and a button (or a double-click, or Enter) to change the selected one.

Plain functions on Qt's own widgets: the window connects the signals to its own methods.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from core.i18n import _
from core.questionnaire.wording import question_text
from ui.plain import tip
from ui.screening.text import answer_summary, question_label

QID_ROLE = Qt.ItemDataRole.UserRole + 2


def answers_box(parent: QWidget) -> tuple[QGroupBox, QListWidget, QPushButton]:
    """The group box, its list of answers and its "change" button."""
    box = QGroupBox(_("Answers so far (double-click to change)"), parent)
    layout = QVBoxLayout(box)
    history = QListWidget(box)
    history.setObjectName("historyList")
    history.setAccessibleName(_("Answers so far"))
    history.setWordWrap(True)  # a long answer wraps instead of running off the list
    history.setResizeMode(QListWidget.ResizeMode.Adjust)
    change_button = QPushButton(_("C&hange selected answer"), box)
    change_button.setObjectName("changeButton")
    layout.addWidget(history)
    layout.addWidget(change_button, 0, Qt.AlignmentFlag.AlignRight)
    history.setMinimumHeight(90)
    return box, history, change_button


def show_answers(history: QListWidget, q: Any, session: Any) -> None:
    """One row per answered question, in the order answered (plain text: never markup)."""
    history.clear()
    for qid in q.history:
        question = q.question(qid)
        text = _("{question}: {answer}").format(question=question_label(question),
                                                answer=answer_summary(question, q.current_answer(qid)))
        if note := session.record_note(qid):  # a fact carried from the patient record: its age
            text = _("{answer} ({note})").format(answer=text, note=note)
        item = QListWidgetItem(text, history)
        item.setData(QID_ROLE, qid)
        item.setToolTip(tip(f"{question_text(question)}\n\n{text}"))
    history.scrollToBottom()
