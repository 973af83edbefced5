"""Entry widgets for one question, by kind.

Each editor only copies widget values into the answer the questionnaire engine takes
(``value()``) and shows a refused answer's message next to the field it names
(``show_error(field, message)``); checking is the engine's (``AnswerError``). Calculators
(ACR/EULAR 2010, DAS28, CDAI) use ``core.patient.scores`` and show how they got there.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.patient import scores
from core.patient.drugs import lookup_drug, suggest_drugs
from core.patient.profile import RA_2010_ITEMS
from core.questionnaire import AnswerError, Question
from ui.plain import plain_label
from ui.screening.text import (
    CONDITION_NAMES,
    CRITERIA_NAMES,
    OUTCOME_NAMES,
    RA_2010_CHOICES,
    RA_2010_TITLES,
    code_name,
)

ERROR_STYLE = "color: #b3261e;"
DATE_HINT = "YYYY-MM-DD"
_DMY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")
_INDEXED = re.compile(r"^(?:\w+)\[(\d+)\]\.(\w+)$")


def date_text(text: str) -> str | None:
    """The date as typed, ISO-normalised when written day.month.year; None when empty."""
    text = text.strip()
    if not text:
        return None
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return text


def number_text(text: str) -> Any:
    """A number when the text is one (decimal comma accepted), else the text for core to refuse."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def error_label(parent: QWidget) -> QLabel:
    label = plain_label(parent=parent)  # messages can quote what was typed
    label.setObjectName("fieldError")
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def line(parent: QWidget, name: str, placeholder: str = "", width: int | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    if width:
        edit.setMaximumWidth(width)
    return edit


class Editor(QWidget):
    """Base: one question's entry widgets."""

    submit_requested = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self._errors: list[tuple[QWidget | None, QLabel]] = []

    # to override
    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        pass

    def extra_answers(self) -> list[tuple[str, Any]]:
        """Further answers given on this page (e.g. the ESR typed into the DAS28 calculator)."""
        return []

    def first_field(self) -> QWidget | None:
        return None

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        return None, None

    def enter_moves_focus(self, widget: QWidget | None) -> bool:
        """Enter in this widget moves to the next field instead of accepting the answer."""
        return False

    def enter_was_for_completer(self, widget: QWidget | None) -> bool:
        """The Enter just picked an autocompletion: nothing else to do."""
        return False

    # shared
    def clear_errors(self) -> None:
        for widget, label in self._errors:
            label.hide()
            label.clear()
            if widget is not None:
                widget.setStyleSheet("")
        self._errors.clear()

    def show_error(self, field: str | None, message: str) -> bool:
        """Show ``message`` beside the field it concerns; False when no field of this page matches."""
        widget, label = self.field_for(field)
        if label is None:
            return False
        label.setText(message)
        label.show()
        if widget is not None:
            widget.setStyleSheet("border: 1px solid #b3261e;")
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._errors.append((widget, label))
        return True

    def visible_errors(self) -> list[str]:
        return [label.text() for _, label in self._errors if label.isVisible() or label.text()]

    def _need(self, text: str = "Enter a value, or choose “Unknown / not available”.") -> AnswerError:
        return AnswerError(self.question.id, text)


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
        self.edit.setAccessibleName(question.text)
        self.edit.returnPressed.connect(self.submit_requested)
        row.addWidget(self.edit)
        if question.unit:
            row.addWidget(plain_label(question.unit, self))
        row.addStretch(1)
        layout.addLayout(row)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def _range_hint(self) -> str:
        q = self.question
        if q.minimum is not None and q.maximum is not None:
            return f"{_fmt(q.minimum)} to {_fmt(q.maximum)}"
        if q.minimum is not None:
            return f"at least {_fmt(q.minimum)}"
        return "a number"

    def value(self) -> Any:
        text = self.edit.text()
        value = date_text(text) if self.question.kind == "date" else number_text(text)
        if value is None:
            raise self._need()
        return value

    def set_value(self, value: Any) -> None:
        self.edit.setText(_fmt(value))

    def first_field(self) -> QWidget:
        return self.edit

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        return self.edit, self.error


class ChoiceEditor(Editor):
    """Yes / no, a confirm question, or one of a few choices: radio buttons."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        if question.kind in ("bool", "confirm"):
            self.choices = [("yes", "&Yes"), ("no", "&No")]
        else:
            self.choices = [(c, c.replace("_", " ").capitalize()) for c in question.choices]
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
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def value(self) -> Any:
        for code, button in self.buttons.items():
            if button.isChecked():
                if self.question.kind == "bool":
                    return code == "yes"
                return code
        raise self._need("Choose an answer, or “Unknown / not available”.")

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
        self.value_edit.setText(_fmt(value.get("value")))
        if value.get("unit"):
            index = self.unit.findText(value["unit"])
            if index >= 0:
                self.unit.setCurrentIndex(index)
        for key, edit in (("uln", self.uln), ("lln", self.lln)):
            if edit is not None:
                edit.setText(_fmt(value.get(key)))
        self.date.setText(_fmt(value.get("date")))

    def first_field(self) -> QWidget:
        return self.value_edit

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        last = (field or "value").rsplit(".", 1)[-1]
        return self.fields.get(last, self.fields["value"])


def _spin(parent: QWidget, name: str, maximum: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(-1, maximum)
    spin.setSpecialValueText("not recorded")
    spin.setValue(-1)
    spin.setMinimumWidth(140)
    spin.setMaximumWidth(180)
    return spin


class JointsEditor(Editor):
    """28-joint counts and global assessments, with DAS28-ESR / DAS28-CRP / CDAI worked out."""

    def __init__(self, question: Question, parent: QWidget | None = None, current_labs: dict | None = None):
        super().__init__(question, parent)
        self.current_labs = current_labs or {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.tender = _spin(self, "tender28", 28)
        self.swollen = _spin(self, "swollen28", 28)
        self.patient_global = _spin(self, "patientGlobal", 100)
        self.evaluator_global = _spin(self, "evaluatorGlobal", 100)
        self.patient_global.setSuffix(" mm")
        self.evaluator_global.setSuffix(" mm")
        form.addRow("&Tender joints (of 28):", self.tender)
        form.addRow("&Swollen joints (of 28):", self.swollen)
        form.addRow("&Patient global (0–100 mm):", self.patient_global)
        form.addRow("&Evaluator global (0–100 mm):", self.evaluator_global)
        self.esr = line(self, "calcEsr", "mm/h (optional)", 140)
        self.crp = line(self, "calcCrp", "mg/L (optional)", 140)
        esr = self.current_labs.get("esr")
        crp = self.current_labs.get("crp")
        if isinstance(esr, dict) and esr.get("unit") in (None, "mm/h"):
            self.esr.setText(_fmt(esr.get("value")))
        if isinstance(crp, dict) and crp.get("unit") in (None, "mg/L"):
            self.crp.setText(_fmt(crp.get("value")))
        form.addRow("ESR for DAS28 (mm/h):", self.esr)
        form.addRow("CRP for DAS28 (mg/L):", self.crp)
        self.error = error_label(self)
        form.addRow("", self.error)
        self.calc = QLabel(self)
        self.calc.setObjectName("scoreCalculation")
        self.calc.setWordWrap(True)
        self.calc.setTextFormat(Qt.TextFormat.PlainText)
        self.calc.setFrameShape(QFrame.Shape.StyledPanel)
        self.calc.setMargin(6)
        form.addRow("Scores:", self.calc)
        for spin in (self.tender, self.swollen, self.patient_global, self.evaluator_global):
            spin.valueChanged.connect(self.update_scores)
        self.esr.textChanged.connect(self.update_scores)
        self.crp.textChanged.connect(self.update_scores)
        for edit in (self.esr, self.crp):
            edit.returnPressed.connect(self.submit_requested)
        self.update_scores()

    @staticmethod
    def _v(spin: QSpinBox) -> int | None:
        return None if spin.value() < 0 else spin.value()

    def _lab(self, edit: QLineEdit) -> float | None:
        v = number_text(edit.text())
        return float(v) if isinstance(v, int | float) else None

    def calculations(self) -> list[str]:
        t, s = self._v(self.tender), self._v(self.swollen)
        pg, eg = self._v(self.patient_global), self._v(self.evaluator_global)
        esr, crp = self._lab(self.esr), self._lab(self.crp)
        out = []
        value = scores.cdai(t, s, pg, eg)
        if value is None:
            out.append("CDAI: needs both joint counts and both global assessments.")
        else:
            out.append(f"CDAI = {t} + {s} + {pg / 10:g} + {eg / 10:g} = {value:.1f}")
        value = scores.das28_esr(t, s, esr, pg)
        if value is None:
            out.append("DAS28-ESR: needs the joint counts, the patient global and the ESR.")
        else:
            out.append(f"DAS28-ESR = 0.56·√{t} + 0.28·√{s} + 0.70·ln({esr:g}) + 0.014·{pg} = {value:.2f}")
        value = scores.das28_crp(t, s, crp, pg)
        if value is None:
            out.append("DAS28-CRP: needs the joint counts, the patient global and the CRP.")
        else:
            out.append(f"DAS28-CRP = 0.56·√{t} + 0.28·√{s} + 0.36·ln({crp:g}+1) + 0.014·{pg} + 0.96 = {value:.2f}")
        return out

    def update_scores(self, *_args) -> None:
        self.calc.setText("\n".join(self.calculations()))

    def value(self) -> Any:
        out = {}
        for key, spin in (("tender_28", self.tender), ("swollen_28", self.swollen),
                          ("patient_global_mm", self.patient_global), ("evaluator_global_mm", self.evaluator_global)):
            v = self._v(spin)
            if v is not None:
                out[key] = v
        if not out:
            raise self._need("Enter at least one count, or choose “Unknown / not available”.")
        return out

    def extra_answers(self) -> list[tuple[str, Any]]:
        extra = []
        for lab, edit, unit in (("esr", self.esr, "mm/h"), ("crp", self.crp, "mg/L")):
            v = number_text(edit.text())
            current = self.current_labs.get(lab)
            if v is not None and not (isinstance(current, dict) and current.get("value") == v):
                extra.append((f"lab.{lab}", {"value": v, "unit": unit}))
        return extra

    def set_value(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        for key, spin in (("tender_28", self.tender), ("swollen_28", self.swollen),
                          ("patient_global_mm", self.patient_global), ("evaluator_global_mm", self.evaluator_global)):
            if value.get(key) is not None:
                spin.setValue(int(value[key]))

    def first_field(self) -> QWidget:
        return self.tender

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        return None, self.error


# -- diagnoses -----------------------------------------------------------------------------
class DiagnosisRow(QGroupBox):
    """One diagnosis: condition, dates, classification criteria, activity, ACR/EULAR 2010 calculator."""

    remove_requested = Signal(object)

    def __init__(self, details: dict, number: int, parent: QWidget | None = None):
        super().__init__(f"Diagnosis {number}", parent)
        self.setObjectName("diagnosisRow")
        grid = QGridLayout(self)
        self.condition = QComboBox(self)
        self.condition.setObjectName("condition")
        self.condition.setEditable(True)
        self.condition.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.condition.addItem("", "")
        for code in details.get("conditions", ()):
            self.condition.addItem(code_name(code, CONDITION_NAMES), code)
        self.condition.lineEdit().setPlaceholderText("condition (choose or type)")
        self.diagnosis_date = line(self, "diagnosisDate", DATE_HINT, 140)
        self.onset_date = line(self, "onsetDate", DATE_HINT + " (optional)", 170)
        self.activity = QComboBox(self)
        self.activity.setObjectName("activity")
        self.activity.addItem("not recorded", None)
        for level in details.get("activity_levels", ()):
            self.activity.addItem(level, level)
        self.remove = QPushButton("Remove", self)
        self.remove.setObjectName("removeDiagnosis")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.errors: dict[str, tuple[QWidget | None, QLabel]] = {}

        grid.addWidget(QLabel("Condition:", self), 0, 0)
        grid.addWidget(self.condition, 0, 1, 1, 3)
        grid.addWidget(self.remove, 0, 4)
        grid.addWidget(QLabel("Date of diagnosis:", self), 1, 0)
        grid.addWidget(self.diagnosis_date, 1, 1)
        grid.addWidget(QLabel("Onset:", self), 1, 2)
        grid.addWidget(self.onset_date, 1, 3)
        date_error = error_label(self)
        grid.addWidget(date_error, 2, 0, 1, 5)
        self.errors["diagnosis_date"] = (self.diagnosis_date, date_error)
        self.errors["onset_date"] = (self.onset_date, date_error)
        self.errors["code"] = (self.condition, date_error)
        grid.addWidget(QLabel("Activity:", self), 3, 0)
        grid.addWidget(self.activity, 3, 1)

        criteria_box = QGroupBox("Classification criteria met", self)
        criteria_grid = QGridLayout(criteria_box)
        self.criteria: dict[str, QCheckBox] = {}
        for i, code in enumerate(details.get("classification_criteria", ())):
            box = QCheckBox(code_name(code, CRITERIA_NAMES).replace("&", "&&"), criteria_box)
            box.setObjectName(f"criterion_{code}")
            self.criteria[code] = box
            criteria_grid.addWidget(box, i // 3, i % 3)
        grid.addWidget(criteria_box, 4, 0, 1, 5)
        self.errors["classification"] = (None, error_label(self))
        grid.addWidget(self.errors["classification"][1], 5, 0, 1, 5)

        self.ra_box = QGroupBox("ACR/EULAR 2010 RA classification calculator", self)
        self.ra_box.setObjectName("acrEular2010")
        ra_form = QFormLayout(self.ra_box)
        self.ra_items: dict[str, QComboBox] = {}
        for category, choices in RA_2010_CHOICES.items():
            combo = QComboBox(self.ra_box)
            combo.setObjectName(f"ra2010_{category}")
            combo.addItem("not assessed", None)
            for code, label in choices.items():
                combo.addItem(f"{label} ({RA_2010_ITEMS[category][code]})", code)
            combo.currentIndexChanged.connect(self.update_ra_score)
            self.ra_items[category] = combo
            ra_form.addRow(RA_2010_TITLES[category] + ":", combo)
        self.ra_result = plain_label(parent=self.ra_box)
        self.ra_result.setObjectName("ra2010Result")
        self.ra_result.setWordWrap(True)
        ra_form.addRow("Score:", self.ra_result)
        grid.addWidget(self.ra_box, 6, 0, 1, 5)
        self.condition.currentIndexChanged.connect(self._condition_changed)
        self.condition.editTextChanged.connect(self._condition_changed)
        self._condition_changed()
        self.update_ra_score()

    def code(self) -> str:
        text = self.condition.currentText().strip()
        index = self.condition.findText(text)
        if index >= 0 and self.condition.itemData(index):
            return self.condition.itemData(index)
        return text.lower().replace(" ", "_").replace("'", "")

    def _condition_changed(self, *_args) -> None:
        self.ra_box.setVisible(self.code() == "rheumatoid_arthritis")

    def ra_items_chosen(self) -> dict[str, str]:
        return {cat: combo.currentData() for cat, combo in self.ra_items.items() if combo.currentData()}

    def update_ra_score(self, *_args) -> None:
        from core.patient.values import Range

        items = self.ra_items_chosen()
        score = scores.acr_eular_2010_score(items)
        if score is None:
            self.ra_result.setText("Choose the four items to score (6 or more of 10 classifies as RA).")
            return
        parts = " + ".join(f"{RA_2010_ITEMS[c][items[c]]} ({RA_2010_TITLES[c].lower()})" for c in items)
        classifies = scores.acr_eular_2010_classifies(score)
        if isinstance(score, Range):
            total = f"{score.low:g}–{score.high:g} so far (items missing)"
        else:
            total = f"{score:g} of 10"
        verdict = {True: "meets ACR/EULAR 2010 (≥ 6): ticked below",
                   False: "cannot reach 6: ACR/EULAR 2010 not met",
                   None: "not decided yet"}[classifies]
        self.ra_result.setText(f"{parts} = {total} → {verdict}")
        box = self.criteria.get("acr_eular_2010")
        if box is not None and classifies is not None:
            box.setChecked(classifies)

    def is_empty(self) -> bool:
        return not (self.condition.currentText().strip() or self.diagnosis_date.text().strip())

    def row_value(self) -> dict[str, Any]:
        code = self.code()
        if not code:
            raise AnswerError("code", "Choose the condition (or remove this diagnosis).")
        out: dict[str, Any] = {"code": code}
        for key, edit in (("diagnosis_date", self.diagnosis_date), ("onset_date", self.onset_date)):
            value = date_text(edit.text())
            if value:
                out[key] = value
        met = [c for c, box in self.criteria.items() if box.isChecked()]
        if met:
            out["classification"] = met
        if self.activity.currentData():
            out["activity"] = self.activity.currentData()
        items = self.ra_items_chosen() if code == "rheumatoid_arthritis" else {}
        if items:
            out["acr_eular_2010_items"] = items
        return out

    def set_row(self, row: dict[str, Any]) -> None:
        code = row.get("code", "")
        index = self.condition.findData(code)
        if index >= 0:
            self.condition.setCurrentIndex(index)
        else:
            self.condition.setEditText(code)
        self.diagnosis_date.setText(row.get("diagnosis_date") or "")
        self.onset_date.setText(row.get("onset_date") or "")
        index = self.activity.findData(row.get("activity"))
        self.activity.setCurrentIndex(max(index, 0))
        for c in row.get("classification") or ():
            if c in self.criteria:
                self.criteria[c].setChecked(True)
        for cat, choice in (row.get("acr_eular_2010_items") or {}).items():
            combo = self.ra_items.get(cat)
            if combo is not None:
                combo.setCurrentIndex(max(combo.findData(choice), 0))


class DiagnosesEditor(Editor):
    """The diagnoses table: one box per condition, and "this list is complete"."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows_widget = QWidget(self)
        self.rows_layout = QVBoxLayout(self.rows_widget)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows: list[DiagnosisRow] = []
        layout.addWidget(self.rows_widget)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add another diagnosis", self)
        self.add_button.setObjectName("addDiagnosis")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.complete = QCheckBox("This list is &complete (the patient has no other condition)", self)
        self.complete.setObjectName("diagnosesComplete")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.complete)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._kept: list[DiagnosisRow] = []
        self.add_row()

    def add_row(self, row: dict | None = None) -> DiagnosisRow:
        widget = DiagnosisRow(self.question.details, len(self.rows) + 1, self.rows_widget)
        widget.remove_requested.connect(self.remove_row)
        if row:
            widget.set_row(row)
        self.rows.append(widget)
        self.rows_layout.addWidget(widget)
        widget.condition.setFocus()
        return widget

    def remove_row(self, widget: DiagnosisRow) -> None:
        if widget in self.rows:
            self.rows.remove(widget)
            widget.deleteLater()
            for i, row in enumerate(self.rows, 1):
                row.setTitle(f"Diagnosis {i}")

    def value(self) -> Any:
        self._kept = [r for r in self.rows if not r.is_empty()]
        rows = []
        for i, row in enumerate(self._kept):
            try:
                rows.append(row.row_value())
            except AnswerError as exc:
                raise AnswerError(f"diagnoses[{i}].{exc.field}", exc.message) from None
        if not rows and not self.complete.isChecked():
            raise self._need("Add the patient's diagnoses, tick “complete” if there are none, "
                             "or choose “Unknown / not available”.")
        return {"diagnoses": rows, "complete": self.complete.isChecked()}

    def set_value(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        for row in list(self.rows):
            self.remove_row(row)
        for row in value.get("diagnoses") or []:
            self.add_row(row)
        if not self.rows:
            self.add_row()
        self.complete.setChecked(bool(value.get("complete")))

    def first_field(self) -> QWidget | None:
        return self.rows[0].condition if self.rows else self.add_button

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        m = _INDEXED.match(field or "")
        if m:
            index, name = int(m.group(1)), m.group(2)
            kept = self._kept or self.rows
            if index < len(kept):
                row = kept[index]
                return row.errors.get(name, row.errors["classification"])
        return None, self.error

    def enter_moves_focus(self, widget: QWidget | None) -> bool:
        return widget is not None and self.rows_widget.isAncestorOf(widget)


# -- treatments ----------------------------------------------------------------------------
TREATMENT_COLUMNS = ("drug", "class", "start", "stop", "dose", "dose_unit", "outcome")
TREATMENT_HEADERS = ("Drug", "Recognised as", "Start", "Last dose", "Dose", "Unit", "Outcome")


DRUG_ROLE = Qt.ItemDataRole.UserRole + 7


class DrugCompleter(QCompleter):
    """Drug names from core.patient.drugs.suggest_drugs, brand names shown with their generic."""

    def __init__(self, parent: QWidget):
        self._model = QStandardItemModel(parent)
        super().__init__(self._model, parent)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompletionRole(DRUG_ROLE)  # the name inserted; the popup shows "Brand — generic"
        self.popup().setMinimumWidth(260)
        self.just_completed = False  # the Enter that picked a suggestion must not also accept the page
        self.activated.connect(self._completed)

    def _completed(self, *_args) -> None:
        self.just_completed = True

    def update_for(self, text: str) -> None:
        self.just_completed = False
        self._model.clear()
        for alias, generic in suggest_drugs(text, limit=12):
            item = QStandardItem(alias if alias == generic else f"{alias} — {generic}")
            item.setData(alias, DRUG_ROLE)
            self._model.appendRow(item)


class TreatmentsEditor(Editor):
    """The treatment-history table: drug (autocompleted), dates, dose and unit, outcome."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(TREATMENT_COLUMNS), self)
        self.table.setObjectName("treatmentTable")
        self.table.setHorizontalHeaderLabels(TREATMENT_HEADERS)
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((140, 120, 92, 92, 50, 84, 130)):
            self.table.setColumnWidth(col, width)
        self.table.setMinimumHeight(200)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Add course", self)
        self.add_button.setObjectName("addTreatment")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton("&Remove selected", self)
        self.remove_button.setObjectName("removeTreatment")
        self.remove_button.clicked.connect(self.remove_selected)
        self.complete = QCheckBox("This list is &complete (every course ever given)", self)
        self.complete.setObjectName("treatmentsComplete")
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addWidget(self.complete)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self._kept: list[int] = []
        self.add_row()

    # cells
    def cell(self, row: int, column: str) -> QWidget:
        return self.table.cellWidget(row, TREATMENT_COLUMNS.index(column))

    def add_row(self, course: dict | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        drug = line(self.table, "drug", "drug or brand name")
        completer = DrugCompleter(drug)
        drug.setCompleter(completer)
        drug.textEdited.connect(completer.update_for)
        recognised = plain_label(parent=self.table)
        recognised.setObjectName("drugClass")
        recognised.setAutoFillBackground(True)  # no selection colour behind the text
        recognised.setContentsMargins(4, 0, 4, 0)
        drug.textChanged.connect(lambda text, label=recognised: label.setText(self._drug_class(text)))
        start = line(self.table, "start", DATE_HINT)
        stop = line(self.table, "stop", "ongoing / " + DATE_HINT)
        dose = line(self.table, "dose", "")
        unit = QComboBox(self.table)
        unit.setObjectName("doseUnit")
        unit.addItem("", None)
        for u in self.question.details.get("dose_units", ()):
            unit.addItem(u, u)
        outcome = QComboBox(self.table)
        outcome.setObjectName("outcome")
        outcome.addItem("not recorded", None)
        for code in self.question.details.get("outcomes", ()):
            outcome.addItem(OUTCOME_NAMES.get(code, code), code)
        for col, widget in zip(TREATMENT_COLUMNS, (drug, recognised, start, stop, dose, unit, outcome), strict=True):
            self.table.setCellWidget(row, TREATMENT_COLUMNS.index(col), widget)
        if course:
            drug.setText(str(course.get("drug", "")))
            start.setText(course.get("start") or "")
            stop.setText(course.get("stop") or "")
            dose.setText(_fmt(course.get("dose")))
            unit.setCurrentIndex(max(unit.findData(course.get("dose_unit")), 0))
            outcome.setCurrentIndex(max(outcome.findData(course.get("outcome")), 0))
        drug.setFocus()
        return row

    @staticmethod
    def _drug_class(text: str) -> str:
        drug = lookup_drug(text.strip())
        if drug is None:
            return "not in the drug table" if text.strip() else ""
        bits = [drug.drug_class] + ([drug.mechanism] if drug.mechanism else [])
        name = "" if drug.name.casefold() == text.strip().casefold() else f"{drug.name}, "
        return name + " ".join(bits)

    def row_of(self, widget: QWidget | None) -> int:
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                cell = self.table.cellWidget(r, c)
                if cell is not None and (cell is widget or cell.isAncestorOf(widget)):
                    return r
        return -1

    def remove_selected(self) -> None:
        from PySide6.QtWidgets import QApplication

        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        focused = self.row_of(QApplication.focusWidget()) if not rows else -1
        if not rows and focused < 0 and self.table.rowCount():
            focused = self.table.rowCount() - 1
        if not rows and focused >= 0:
            rows = [focused]
        for row in rows:
            self.table.removeRow(row)

    def set_course(self, row: int, **values: Any) -> None:
        """Fill one row (tests and the test script use this like a user typing)."""
        for key, value in values.items():
            widget = self.cell(row, key)
            if isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            else:
                widget.setText(_fmt(value))

    def value(self) -> Any:
        rows = []
        self._kept = []
        for r in range(self.table.rowCount()):
            drug = self.cell(r, "drug").text().strip()
            texts = [self.cell(r, c).text().strip() for c in ("start", "stop", "dose")]
            if not drug and not any(texts):
                continue
            index = len(rows)
            self._kept.append(r)
            if not drug:
                raise AnswerError(f"treatments[{index}].drug", "Enter the drug name (or remove the row).")
            course: dict[str, Any] = {"drug": drug}
            start, stop = date_text(texts[0]), date_text(texts[1]) if texts[1].lower() != "ongoing" else None
            if start:
                course["start"] = start
            if stop:
                course["stop"] = stop
            dose = number_text(texts[2])
            if dose is not None:
                course["dose"] = dose
            for key in ("dose_unit", "outcome"):
                data = self.cell(r, key).currentData()
                if data:
                    course[key] = data
            if texts[1].lower() == "ongoing" and "outcome" not in course:
                course["outcome"] = "ongoing"
            rows.append(course)
        if not rows and not self.complete.isChecked():
            raise self._need("Add the treatment courses, tick “complete” if there were none, "
                             "or choose “Unknown / not available”.")
        return {"treatments": rows, "complete": self.complete.isChecked()}

    def set_value(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        self.table.setRowCount(0)
        for course in value.get("treatments") or []:
            self.add_row(course)
        if not self.table.rowCount():
            self.add_row()
        self.complete.setChecked(bool(value.get("complete")))

    def first_field(self) -> QWidget | None:
        return self.cell(0, "drug") if self.table.rowCount() else self.add_button

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        m = _INDEXED.match(field or "")
        if m:
            index, name = int(m.group(1)), m.group(2)
            if index < len(self._kept):
                row = self._kept[index]
                column = name if name in TREATMENT_COLUMNS else "drug"
                widget = self.cell(row, column)
                label = self.error
                return widget, label
        return None, self.error

    def show_error(self, field: str | None, message: str) -> bool:
        m = _INDEXED.match(field or "")
        if m and int(m.group(1)) < len(self._kept):
            column = m.group(2).replace("_", " ")
            message = f"Row {self._kept[int(m.group(1))] + 1}, {column}: {message}"
        return super().show_error(field, message)

    def enter_moves_focus(self, widget: QWidget | None) -> bool:
        return widget is not None and self.table.isAncestorOf(widget)

    def enter_was_for_completer(self, widget: QWidget | None) -> bool:
        completer = widget.completer() if isinstance(widget, QLineEdit) else None
        if isinstance(completer, DrugCompleter) and (completer.just_completed or completer.popup().isVisible()):
            completer.just_completed = False
            return True
        return False


def make_editor(question: Question, parent: QWidget | None = None, current_labs: dict | None = None) -> Editor:
    kind = question.kind
    if kind in ("date", "number"):
        return LineEditor(question, parent)
    if kind in ("bool", "enum", "confirm"):
        return ChoiceEditor(question, parent)
    if kind == "labs":
        return LabEditor(question, parent)
    if kind == "joints":
        return JointsEditor(question, parent, current_labs=current_labs)
    if kind == "diagnoses":
        return DiagnosesEditor(question, parent)
    if kind == "treatments":
        return TreatmentsEditor(question, parent)
    return SetEditor(question, parent)


class SetEditor(Editor):
    """Anything else: a comma-separated list of codes."""

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = line(self, "answerField", "comma-separated")
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

