"""A lab result question: value, unit, limits of normal, date."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from core.questionnaire import AnswerError, Question
from ui.screening.editors.base import (
    DATE_HINT,
    Editor,
    date_text,
    error_label,
    fmt,
    line,
    number_text,
)


class LabEditor(Editor):
    """A lab result: value, unit, upper / lower limit of normal, date."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        details = question.details
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.value_edit = line(self, "labValue", "result", 140)
        self.value_edit.returnPressed.connect(self.submit_requested)
        self.unit = QComboBox(self)
        self.unit.setObjectName("labUnit")
        for unit in details.get("units") or (question.unit or "",):
            self.unit.addItem(unit)
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_edit)
        value_row.addWidget(self.unit)
        value_row.addStretch(1)
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}
        self.fields["value"] = (self.value_edit, error_label(self))
        self.fields["unit"] = (self.unit, self.fields["value"][1])
        form.addRow("&Result:", value_row)
        form.addRow("", self.fields["value"][1])
        self.uln = self.lln = None
        if details.get("uln"):
            self.uln = line(self, "labUln", "upper limit of normal", 140)
            self.uln.returnPressed.connect(self.submit_requested)
            self.fields["uln"] = (self.uln, error_label(self))
            form.addRow("Upper limit of &normal:", self.uln)
            form.addRow("", self.fields["uln"][1])
        if details.get("lln"):
            self.lln = line(self, "labLln", "lower limit of normal", 140)
            self.lln.returnPressed.connect(self.submit_requested)
            self.fields["lln"] = (self.lln, error_label(self))
            form.addRow("&Lower limit of normal:", self.lln)
            form.addRow("", self.fields["lln"][1])
        self.date = line(self, "labDate", DATE_HINT + " (optional)", 180)
        self.date.returnPressed.connect(self.submit_requested)
        self.fields["date"] = (self.date, error_label(self))
        form.addRow("Date &taken:", self.date)
        form.addRow("", self.fields["date"][1])
        self.unit.currentTextChanged.connect(self._unit_changed)

    def _unit_changed(self, unit: str) -> None:
        for edit in (self.uln, self.lln):
            if edit is not None:
                edit.setPlaceholderText(f"in {unit}")

    def value(self) -> Any:
        value = number_text(self.value_edit.text())
        if value is None:
            raise AnswerError("value", "Enter the result, or choose “Unknown / not available”.")
        out: dict[str, Any] = {"value": value, "unit": self.unit.currentText()}
        for key, edit in (("uln", self.uln), ("lln", self.lln)):
            if edit is not None and edit.text().strip():
                out[key] = number_text(edit.text())
        when = date_text(self.date.text())
        if when:
            out["date"] = when
        return out

    def set_value(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        self.value_edit.setText(fmt(value.get("value")))
        if value.get("unit"):
            index = self.unit.findText(value["unit"])
            if index >= 0:
                self.unit.setCurrentIndex(index)
        for key, edit in (("uln", self.uln), ("lln", self.lln)):
            if edit is not None:
                edit.setText(fmt(value.get(key)))
        self.date.setText(fmt(value.get("date")))

    def first_field(self) -> QWidget:
        return self.value_edit

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        last = (field or "value").rsplit(".", 1)[-1]
        return self.fields.get(last, self.fields["value"])
