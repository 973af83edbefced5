"""The treatment-history question: a table of courses with drug names completed from the vocabulary."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.patient.drugs import lookup_drug, suggest_drugs
from core.questionnaire import AnswerError, Question
from ui.plain import plain_label
from ui.screening.editors.base import (
    DATE_HINT,
    INDEXED,
    Editor,
    date_text,
    error_label,
    fmt,
    line,
    number_text,
)
from ui.screening.text import (
    OUTCOME_NAMES,
)

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
            dose.setText(fmt(course.get("dose")))
            unit.setCurrentIndex(max(unit.findData(course.get("dose_unit")), 0))
            outcome.setCurrentIndex(max(outcome.findData(course.get("outcome")), 0))
        drug.setFocus()
        if self._watched:  # a row added while the page is shown
            self.watch_inputs()
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
                widget.setText(fmt(value))

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
        m = INDEXED.match(field or "")
        if m:
            index, name = int(m.group(1)), m.group(2)
            if index < len(self._kept):
                row = self._kept[index]
                column = name if name in TREATMENT_COLUMNS else "drug"
                widget = self.cell(row, column)
                label = self.error
                return widget, label
        return None, self.error

    def show_error(self, field: str | None, message: str, focus: bool = True) -> bool:
        m = INDEXED.match(field or "")
        if m and int(m.group(1)) < len(self._kept):
            column = m.group(2).replace("_", " ")
            message = f"Row {self._kept[int(m.group(1))] + 1}, {column}: {message}"
        return super().show_error(field, message, focus)

    def enter_moves_focus(self, widget: QWidget | None) -> bool:
        return widget is not None and self.table.isAncestorOf(widget)

    def enter_was_for_completer(self, widget: QWidget | None) -> bool:
        completer = widget.completer() if isinstance(widget, QLineEdit) else None
        if isinstance(completer, DrugCompleter) and (completer.just_completed or completer.popup().isVisible()):
            completer.just_completed = False
            return True
        return False
