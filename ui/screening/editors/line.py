"""A date or number question: one line, with the unit beside it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.questionnaire import Question
from core.questionnaire.wording import question_text, unit_text
from ui.plain import plain_label
from ui.screening.editors.base import (
    DATE_HINT,
    Editor,
    date_text,
    error_label,
    fmt,
    line,
    number_text,
)


class LineEditor(Editor):
    """Date or number: one line, with the unit beside it."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        is_date = question.kind == "date"
        hint = DATE_HINT if is_date else self._range_hint()
        self.edit = line(self, "answerField", hint, 220)
        self.edit.setAccessibleName(question_text(question))
        self.edit.returnPressed.connect(self.submit_requested)
        row.addWidget(self.edit)
        if question.unit:
            row.addWidget(plain_label(unit_text(question.unit), self))
        row.addStretch(1)
        layout.addLayout(row)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _range_hint(self) -> str:
        q = self.question
        if q.minimum is not None and q.maximum is not None:
            return _("{low} to {high}").format(low=fmt(q.minimum), high=fmt(q.maximum))
        if q.minimum is not None:
            return _("at least {low}").format(low=fmt(q.minimum))
        return _("a number")

    def value(self) -> Any:
        text = self.edit.text()
        value = date_text(text) if self.question.kind == "date" else number_text(text)
        if value is None:
            raise self._need()
        return value

    def set_value(self, value: Any) -> None:
        self.edit.setText(fmt(value))

    def first_field(self) -> QWidget:
        return self.edit

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        return self.edit, self.error
