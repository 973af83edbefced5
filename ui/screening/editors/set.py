"""Any other question: a comma-separated list of codes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel
from PySide6.QtWidgets import (
    QCompleter,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.questionnaire import Question
from core.questionnaire.wording import question_text
from ui.screening.editors.base import (
    Editor,
    error_label,
    line,
)


class SetEditor(Editor):
    """Anything else: a comma-separated list of codes."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = line(self, "answerField", _("comma-separated"))
        self.edit.setAccessibleName(question_text(question))
        if question.choices:
            completer = QCompleter(QStringListModel(list(question.choices), self), self)
            self.edit.setCompleter(completer)
        self.edit.returnPressed.connect(self.submit_requested)
        layout.addWidget(self.edit)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def value(self) -> Any:
        items = [x.strip() for x in self.edit.text().split(",") if x.strip()]
        if not items:
            raise self._need()
        return items

    def set_value(self, value: Any) -> None:
        if isinstance(value, list | tuple):
            self.edit.setText(", ".join(map(str, value)))

    def first_field(self) -> QWidget:
        return self.edit

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        return self.edit, self.error
