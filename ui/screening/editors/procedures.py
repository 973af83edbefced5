"""The procedures question: a table of procedures (name completed from the procedures vocabulary), the date
(a year or month is enough), whether it is planned and whether it goes on now (a course of radiotherapy,
dialysis); the list can be marked complete.

"Ongoing" ticked records the course going on (``ongoing: true``). Left unticked it says nothing (a clinician
listing a hip replacement does not think of it), except on a row that was read recorded as ended, which keeps
``ongoing: false``: unknown is never "no", and nothing recorded is lost by opening the table."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from core.i18n import N_, _
from core.questionnaire import AnswerError, Question
from core.questionnaire.procedure_answers import procedure_id
from ui.screening.editors.base import PARTIAL_DATE_HINT, date_text, error_label, line
from ui.screening.editors.completion import VocabCompleter
from ui.screening.editors.table import TableEditor

COLUMNS = ("procedure", "date", "planned", "ongoing")
HEADERS = (N_("Procedure"), N_("Date"), N_("Planned"), N_("Ongoing"))
FIELD_NAMES = {"procedure": N_("procedure"), "date": N_("date"), "planned": N_("planned"),  # in error messages
               "ongoing": N_("ongoing")}
_ENDED = "recordedEnded"  # the row was read with ``ongoing: false`` (a property of its checkbox)


def procedure_suggestions(text: str, limit: int = 12) -> list[tuple[str, str]]:
    """(shown, inserted) pairs: "THA" offers "Hip replacement (Z96.64)", in the active language (人工股関節置換術);
    the English name is inserted, as the record is read back by name."""
    from core.patient.fact_labels import local_name
    from core.vocab import procedures

    out = []
    for concept in procedures.search(text, limit=limit):
        codes = f" ({concept.icd10[0]})" if concept.icd10 else ""
        out.append((f"{local_name(concept, concept.label)}{codes}", concept.label))
    return out


def _shown_name(pid: str) -> str:
    from core.vocab import procedures

    try:
        return procedures.get(pid).label
    except KeyError:
        return pid  # not in the vocabulary: shown as stored, refused on saving


class ProceduresEditor(TableEditor):
    """Procedures done or planned: one row each, the name completed from the vocabulary."""

    COLUMNS, FIELD_NAMES, LIST_KEY = COLUMNS, FIELD_NAMES, "procedures"

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("procedureTable")
        headers = [_(h) for h in HEADERS]
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for col, width in enumerate((280, 150, 80, 80)):
            self.table.setColumnWidth(col, width)
        self.table.setMinimumHeight(180)
        layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(_("&Add procedure"), self)
        self.add_button.setObjectName("addProcedure")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button = QPushButton(_("Re&move selected"), self)
        self.remove_button.setObjectName("removeProcedure")
        self.remove_button.clicked.connect(self.remove_selected)
        self.complete = QCheckBox(_("List &complete (all done or planned)"), self)
        self.complete.setObjectName("proceduresComplete")
        for widget in (self.add_button, self.remove_button, self.complete):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.error = error_label(self)
        layout.addWidget(self.error)
        self._kept: list[int] = []
        self.add_row()

    def add_row(self, entry: dict | None = None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        n = row + 1
        name = line(self.table, "procedure", _("procedure, e.g. hip replacement"))
        name.setAccessibleName(_("Procedure {n}: name").format(n=n))
        completer = VocabCompleter(name, procedure_suggestions)
        name.setCompleter(completer)
        name.textEdited.connect(completer.update_for)
        day = line(self.table, "date", _(PARTIAL_DATE_HINT))
        day.setAccessibleName(_("Procedure {n}: date").format(n=n))
        planned = QCheckBox(self.table)
        planned.setObjectName("planned")
        planned.setAccessibleName(_("Procedure {n}: planned").format(n=n))
        ongoing = QCheckBox(self.table)
        ongoing.setObjectName("ongoing")
        ongoing.setAccessibleName(_("Procedure {n}: ongoing now").format(n=n))
        ongoing.setToolTip(_("Being received now: a course of radiotherapy or dialysis that goes on"))
        for col, widget in enumerate((name, day, planned, ongoing)):
            self.table.setCellWidget(row, col, widget)
        if entry:
            name.setText(_shown_name(str(entry.get("procedure", ""))))
            day.setText(entry.get("date") or "")
            planned.setChecked(bool(entry.get("planned")))
            ongoing.setChecked(entry.get("ongoing") is True)
            ongoing.setProperty(_ENDED, entry.get("ongoing") is False)
        name.setFocus()
        if self._watched:
            self.watch_inputs()
        return row

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [self.table.rowCount() - 1]
        for row in rows:
            self.table.removeRow(row)

    def value(self) -> Any:
        rows = []
        self._kept = []
        for r in range(self.table.rowCount()):
            name = self.cell(r, "procedure").text().strip()
            day = self.cell(r, "date").text().strip()
            planned = self.cell(r, "planned").isChecked()
            ongoing_box = self.cell(r, "ongoing")
            ongoing = ongoing_box.isChecked()
            if not name and not day and not planned and not ongoing:
                continue
            index = len(rows)
            self._kept.append(r)
            if not name:
                raise AnswerError(f"procedures[{index}].procedure", _("Enter the procedure (or remove the row)."))
            pid = procedure_id(name)
            if pid is None:
                raise AnswerError(f"procedures[{index}].procedure",
                                  _("Choose the procedure from the list (what was typed is not one known)."))
            entry: dict[str, Any] = {"procedure": pid}
            if date_text(day):
                entry["date"] = date_text(day)
            if planned:
                entry["planned"] = True
            if ongoing:
                entry["ongoing"] = True
            elif ongoing_box.property(_ENDED):
                entry["ongoing"] = False  # read as ended and left so
            rows.append(entry)
        if not rows and not self.complete.isChecked():
            raise self._need(_("Add the procedures, tick “complete” if there were none, "
                               "or choose “Unknown / not available”."))
        return {"procedures": rows, "complete": self.complete.isChecked()}
