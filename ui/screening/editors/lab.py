"""A lab result question: a value with its unit, or a multiple of the ULN, or a qualitative
result (positive / negative / normal / abnormal); limits of normal; the date taken.

Labels are QLabels with a buddy, so a mnemonic ("&Result") is a real Alt shortcut and never
shows as a literal "&". The form keeps every row whatever errors are shown (the window sizes
the page from ``sizeHint``, which includes the visible error labels).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QWidget

from core.i18n import _
from core.questionnaire import Question
from core.questionnaire.wording import choice_name, lab_name, unit_text
from ui.screening.editors.base import (
    PARTIAL_DATE_HINT,
    Editor,
    EmptyAnswer,
    date_text,
    error_label,
    fmt,
    line,
    number_text,
)

QUALITATIVE = ("positive", "negative", "normal", "abnormal")


class LabEditor(Editor):
    """A lab result: value and unit, or × ULN, or a qualitative result; limits of normal; date."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        details = question.details
        label = lab_name(question)
        self.form = form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}

        self.value_edit = self._edit("labValue", _("value"), _("{lab}: value").format(lab=label))
        self.unit = QComboBox(self)
        self.unit.setObjectName("labUnit")
        self.unit.setAccessibleName(_("{lab}: unit").format(lab=label))
        for unit in details.get("units") or (question.unit or "",):
            self.unit.addItem(unit_text(unit), unit)  # shown in the language, stored as written
        value_row = QHBoxLayout()
        value_row.addWidget(self.value_edit)
        value_row.addWidget(self.unit)
        value_row.addStretch(1)
        self._row(_("R&esult:"), self.value_edit, value_row, "value")
        self.fields["unit"] = (self.unit, self.fields["value"][1])

        self.x_uln = self._edit("labXUln", _("e.g. 2.5"),
                                _("{lab}: multiple of the upper limit of normal").format(lab=label))
        self._row(_("or × &ULN:"), self.x_uln, self.x_uln, "x_uln")
        self.qualitative = QComboBox(self)
        self.qualitative.setObjectName("labQualitative")
        self.qualitative.setAccessibleName(_("{lab}: qualitative result").format(lab=label))
        self.qualitative.addItem(_("not given"), None)
        for code in details.get("qualitative") or QUALITATIVE:
            self.qualitative.addItem(choice_name(code), code)
        self._row(_("or &qualitative:"), self.qualitative, self.qualitative, "result")

        self.uln = self.lln = None
        if details.get("uln"):
            self.uln = self._edit("labUln", _("upper limit of normal"),
                                  _("{lab}: upper limit of normal").format(lab=label))
            self._row(_("Upper limit of &normal:"), self.uln, self.uln, "uln")
        if details.get("lln"):
            self.lln = self._edit("labLln", _("lower limit of normal"),
                                  _("{lab}: lower limit of normal").format(lab=label))
            self._row(_("&Lower limit of normal:"), self.lln, self.lln, "lln")
        self.date = self._edit("labDate", _("{format} (optional)").format(format=_(PARTIAL_DATE_HINT)),
                               _("{lab}: date taken").format(lab=label), 220)
        self._row(_("Date &taken:"), self.date, self.date, "date")
        self.unit.currentIndexChanged.connect(lambda _i: self._unit_changed(self.unit.currentText()))

    def _edit(self, name: str, placeholder: str, accessible: str, width: int = 140) -> QLineEdit:
        edit = line(self, name, placeholder, width)
        edit.setAccessibleName(accessible)
        edit.returnPressed.connect(self.submit_requested)
        return edit

    def _row(self, text: str, buddy: QWidget, field: Any, key: str) -> None:
        label = QLabel(text, self)
        label.setBuddy(buddy)  # makes the mnemonic work; addRow(str, …) would show "&" literally here
        self.form.addRow(label, field)
        error = error_label(self)
        error.setMinimumWidth(360)  # a message reads on one line, not squeezed to the field's width
        self.form.addRow("", error)
        self.fields[key] = (buddy, error)

    def _unit_changed(self, unit: str) -> None:
        for edit in (self.uln, self.lln):
            if edit is not None:
                edit.setPlaceholderText(_("in {unit}").format(unit=unit))

    def value(self) -> Any:
        out: dict[str, Any] = {}
        value = number_text(self.value_edit.text())
        if value is not None:
            out["value"] = value
            out["unit"] = self.unit.currentData() or self.unit.currentText()
        x_uln = number_text(self.x_uln.text())
        if x_uln is not None:
            out["x_uln"] = x_uln
        if self.qualitative.currentData():
            out["result"] = self.qualitative.currentData()
        if not out:
            raise EmptyAnswer("value", _("Enter the result (a value, a multiple of the ULN or positive / negative), "
                                         "or choose “Unknown / not available”."))
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
            index = self.unit.findData(value["unit"])
            if index >= 0:
                self.unit.setCurrentIndex(index)
        self.x_uln.setText(fmt(value.get("x_uln")))
        self.qualitative.setCurrentIndex(max(self.qualitative.findData(value.get("result")), 0))
        for key, edit in (("uln", self.uln), ("lln", self.lln)):
            if edit is not None:
                edit.setText(fmt(value.get(key)))
        self.date.setText(fmt(value.get("date")))

    def first_field(self) -> QWidget:
        return self.value_edit

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        last = (field or "value").rsplit(".", 1)[-1]
        return self.fields.get(last, self.fields["value"])
