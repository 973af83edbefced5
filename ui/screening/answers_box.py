"""The answers given so far in a screening, below the question: a list, one row per answer,
and a button (or a double-click, or Enter) to change the selected one.

Plain functions on Qt's own widgets: the window connects the signals to its own methods.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from core.i18n import _, current_language
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
    # A row's words depend only on the question, its answer, its note and the language: they are kept per question
    # and worked out again only when one of those changed (a checklist's question builds all its rows).
    made: dict[str, tuple[tuple, str, str]] = getattr(history, "_rows_made", {})
    history.clear()
    for qid in q.history:
        value = q.current_answer(qid)
        note = session.record_note(qid)  # a fact carried from the patient record: its age
        key = (current_language(), json.dumps(value, sort_keys=True, default=str), note)
        if qid in made and made[qid][0] == key:
            _key, text, tip_text = made[qid]
        else:
            question = q.question(qid)
            text = _("{question}: {answer}").format(question=question_label(question),
                                                    answer=answer_summary(question, value))
            if note:
                text = _("{answer} ({note})").format(answer=text, note=note)
            tip_text = f"{question_text(question)}\n\n{text}"
            made[qid] = (key, text, tip_text)
        item = QListWidgetItem(text, history)
        item.setData(QID_ROLE, qid)
        item.setToolTip(tip(tip_text))
    history._rows_made = made
    history.scrollToBottom()
