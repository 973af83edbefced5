"""The treatment-history question: a table of courses with drug names completed from the vocabulary."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.i18n import N_, _
from core.patient.drugs import lookup_drug
from core.patient.profile_model import RESPONSES, STATUSES, status_response_from_outcome
from core.questionnaire import AnswerError, Question
from core.questionnaire.wording import unit_text
from ui.plain import plain_label, tip
from ui.screening.editors.base import (
    PARTIAL_DATE_HINT,
    date_text,
    error_label,
    fmt,
    line,
    number_text,
)
from ui.screening.editors.completion import VocabCompleter, drug_suggestions
from ui.screening.editors.table import TableEditor

TREATMENT_COLUMNS = ("drug", "start", "stop", "status", "response", "dose", "dose_unit")
TREATMENT_HEADERS = (N_("Drug"), N_("Start"), N_("Last dose"), N_("Status"), N_("Response"), N_("Dose"), N_("Unit"))
FIELD_NAMES = {"drug": N_("drug"), "start": N_("start"), "stop": N_("last dose"), "status": N_("status"),
               "response": N_("response"), "dose": N_("dose"), "dose_unit": N_("dose unit")}  # in error messages
COLUMN_WIDTHS = (130, 86, 86, 150, 150, 48, 80)  # choice columns widen to their longest choice
STATUS_NAMES = {"ongoing": N_("ongoing"), "stopped": N_("stopped"), "stopped_date_unknown": N_("stopped, date unknown")}
RESPONSE_NAMES = {"inadequate_response": N_("inadequate response"), "loss_of_response": N_("loss of response"),
                  "intolerance": N_("intolerance"), "adverse_event": N_("adverse event"), "remission": N_("remission"),
                  "other": N_("other (not a failure)"), "not_assessed": N_("not assessed")}


def course_status_response(course: dict[str, Any]) -> tuple[str | None, str | None]:
    """A row's status and response; a format-1 ``outcome`` is read as format 2 says (meaning kept)."""
    if "outcome" in course and not ("status" in course or "response" in course):
        status, response = status_response_from_outcome(course.get("outcome"),
                                                        date.min if course.get("stop") else None)
        return status, response
    return course.get("status"), course.get("response")


def _tip_current(combo: QComboBox) -> None:
    combo.setToolTip(tip(combo.currentText()))  # a narrow column shows the whole choice on hover


class TreatmentsEditor(TableEditor):
    """The treatment-history table: drug (completed from the drug vocabulary), start and last dose
    (partial dates), status (ongoing / stopped / stopped, date unknown), response, dose and unit."""

    COLUMNS, FIELD_NAMES, LIST_KEY = TREATMENT_COLUMNS, FIELD_NAMES, "treatments"

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(TREATMENT_COLUMNS), self)
        self.table.setObjectName("treatmentTable")
        headers = [_(h) for h in TREATMENT_HEADERS]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(col, width)
        for col, text in enumerate(headers):
            self.table.horizontalHeaderItem(col).setToolTip(text)
        self.table.setMinimumHeight(200)
        layout.addWidget(self.table, 1)
        self.recognised = plain_label(parent=self)  # drug names come from the user: plain text
        self.recognised.setObjectName("drugRecognised")
        self.recognised.setWordWrap(True)
        self.recognised.setStyleSheet("color: #444;")
        self.recognised.hide()
        layout.addWidget(self.recognised)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("&Add course"), self)
        self.add_button.setObjectName("addTreatment")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(_("Re&move selected"), self)  # Alt+R is the referral letter
        self.remove_button.setObjectName("removeTreatment")
        self.remove_button.clicked.connect(self.remove_selected)
        self.complete = QCheckBox(_("This list is &complete (every course ever given)"), self)
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
    def add_row(self, course: dict | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        n = row + 1
        drug = line(self.table, "drug", _("drug or brand name"))
        drug.setAccessibleName(_("Course {n}: drug").format(n=n))
        completer = VocabCompleter(drug, drug_suggestions)
        drug.setCompleter(completer)
        drug.textEdited.connect(completer.update_for)
        drug.textChanged.connect(self._update_recognised)
        start = line(self.table, "start", _(PARTIAL_DATE_HINT))
        start.setAccessibleName(_("Course {n}: start date").format(n=n))
        stop = line(self.table, "stop", _(PARTIAL_DATE_HINT))
        stop.setAccessibleName(_("Course {n}: date of the last dose").format(n=n))
        status = QComboBox(self.table)
        status.setObjectName("status")
        status.setAccessibleName(_("Course {n}: status").format(n=n))
        status.addItem(_("not recorded"), None)
        for code in STATUSES:
            status.addItem(_(STATUS_NAMES[code]) if code in STATUS_NAMES else code, code)
        response = QComboBox(self.table)
        response.setObjectName("response")
        response.setAccessibleName(_("Course {n}: response").format(n=n))
        response.addItem(_("not recorded"), None)
        for code in RESPONSES:
            response.addItem(_(RESPONSE_NAMES[code]) if code in RESPONSE_NAMES else code, code)
        for combo in (status, response):
            combo.currentIndexChanged.connect(lambda _i, c=combo: _tip_current(c))
            _tip_current(combo)
        dose = line(self.table, "dose", "")
        dose.setAccessibleName(_("Course {n}: dose").format(n=n))
        unit = QComboBox(self.table)
        unit.setObjectName("doseUnit")
        unit.setAccessibleName(_("Course {n}: dose unit").format(n=n))
        unit.addItem("", None)
        for u in self.question.details.get("dose_units", ()):
            unit.addItem(unit_text(u), u)  # "mg/天"; the unit itself is stored
        cells = (drug, start, stop, status, response, dose, unit)
        for col, widget in enumerate(cells):
            self.table.setCellWidget(row, col, widget)
            if isinstance(widget, QComboBox):  # a choice is never clipped ("stopped, date unknown")
                self.table.setColumnWidth(col, max(self.table.columnWidth(col), widget.sizeHint().width()))
        if course:
            drug.setText(str(course.get("drug", "")))
            start.setText(course.get("start") or "")
            stop.setText(course.get("stop") or "")
            dose.setText(fmt(course.get("dose")))
            unit.setCurrentIndex(max(unit.findData(course.get("dose_unit")), 0))
            code_status, code_response = course_status_response(course)
            status.setCurrentIndex(max(status.findData(code_status), 0))
            response.setCurrentIndex(max(response.findData(code_response), 0))
        drug.setFocus()
        if self._watched:  # a row added while the page is shown
            self.watch_inputs()
        return row

    def recognised_text(self, row: int) -> str:
        """What the drug typed in a row was recognised as ("" for an empty row)."""
        return self._drug_class(self.cell(row, "drug").text())

    def _update_recognised(self, *_args) -> None:
        """One line under the table, wrapped: no column to clip "Humira: adalimumab, bDMARD TNF"."""
        parts = []
        for r in range(self.table.rowCount()):
            drug = self.cell(r, "drug")
            text = self.recognised_text(r)
            drug.setToolTip(tip(text) if text else "")
            if text:
                parts.append(f"{r + 1}. {drug.text().strip()}: {text}")
        self.recognised.setText(_("Recognised as — {drugs}").format(drugs=" · ".join(parts)) if parts else "")
        self.recognised.setVisible(bool(parts))

    @staticmethod
    def _drug_class(text: str) -> str:
        drug = lookup_drug(text.strip())
        if drug is None:
            return _("not in the drug table") if text.strip() else ""
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
        self._update_recognised()

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
            chosen = any(self.cell(r, c).currentData() for c in ("status", "response"))
            if not drug and not any(texts) and not chosen:
                continue
            index = len(rows)
            self._kept.append(r)
            if not drug:
                raise AnswerError(f"treatments[{index}].drug", _("Enter the drug name (or remove the row)."))
            course: dict[str, Any] = {"drug": drug}
            start, stop = date_text(texts[0]), date_text(texts[1]) if texts[1].lower() != "ongoing" else None
            if start:
                course["start"] = start
            if stop:
                course["stop"] = stop
            dose = number_text(texts[2])
            if dose is not None:
                course["dose"] = dose
            for key in ("status", "response", "dose_unit"):
                data = self.cell(r, key).currentData()
                if data:
                    course[key] = data
            if texts[1].lower() == "ongoing" and "status" not in course:
                course["status"] = "ongoing"
            rows.append(course)
        if not rows and not self.complete.isChecked():
            raise self._need(_("Add the treatment courses, tick “complete” if there were none, "
                               "or choose “Unknown / not available”."))
        return {"treatments": rows, "complete": self.complete.isChecked()}
