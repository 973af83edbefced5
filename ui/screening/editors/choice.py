"""Yes / no, confirm and one-of-a-few questions: radio buttons."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.questionnaire import Question
from core.questionnaire.wording import choice_name
from ui.screening.editors.base import (
    Editor,
    error_label,
)
from ui.screening.text import capitalised


class ChoiceEditor(Editor):
    """Yes / no, a confirm question, or one of a few choices: radio buttons."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        if question.kind in ("bool", "confirm"):
            self.choices = [("yes", _("&Yes")), ("no", _("&No"))]
        else:
            self.choices = [(c, capitalised(choice_name(c))) for c in question.choices]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, text in self.choices:
            button = QRadioButton(text, self)
            button.setObjectName(f"choice_{code}")
            self.group.addButton(button)
            self.buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.whole: QCheckBox | None = None
        if question.details.get("whole_question"):  # a part of a criterion: it may be answered whole
            exclusion = question.details.get("criterion_kind") == "exclusion"
            self.whole = QCheckBox(_("My answer &decides the whole exclusion: everything it lists, whatever else is "
                                     "recorded") if exclusion else
                                   _("My answer &decides the whole inclusion: everything it lists, whatever else is "
                                     "recorded"), self)
            self.whole.setAccessibleName(_("Answer for the whole exclusion") if exclusion
                                         else _("Answer for the whole inclusion"))
            self.whole.setObjectName("answerWholeCriterion")
            layout.addWidget(self.whole)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def answer_id(self) -> str:
        if self.whole is not None and self.whole.isChecked():
            return self.question.details["whole_question"]
        return self.question.id

    def value(self) -> Any:
        for code, button in self.buttons.items():
            if button.isChecked():
                if self.question.kind == "bool":
                    return code == "yes"
                return code
        raise self._need(_("Choose an answer, or “Unknown / not available”."))

    def set_value(self, value: Any) -> None:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        button = self.buttons.get(str(value))
        if button is not None:
            button.setChecked(True)

    def first_field(self) -> QWidget | None:
        checked = self.group.checkedButton()
        return checked or next(iter(self.buttons.values()), None)

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        return None, self.error
