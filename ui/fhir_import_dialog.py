"""Review of a FHIR import: every proposed fact with its source and date, to untick or correct,
and what was not mapped with the reason. Nothing is saved until "Save to record".

Every text from the bundle is shown as plain text (table items, ``plain`` labels and tips).
The logic (corrections, saving) is ``core.fhir.apply`` and ``core.fhir.records``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.fhir.apply import correct, fact_value_text
from core.fhir.model import KIND_LABELS, FhirError, ImportResult
from core.i18n import _, ngettext, pgettext
from ui import plain

log = logging.getLogger(__name__)

# Marked here, translated where shown.
COLUMNS = ("Use", "What", "Value", "Date", "Mapped as", "Source", "The record says")  # English names


def column_titles() -> list[str]:
    """The review table's headers in the app's language."""
    return [pgettext("use a fact", "Use"), _("What"), pgettext("a fact's value", "Value"), _("Date"), _("Mapped as"),
            _("Source"), _("The record says")]
USE, WHAT, VALUE, DATE, MAPPED, SOURCE, ORIGINAL = range(len(COLUMNS))
EDITABLE = (VALUE, DATE)


class FhirImportDialog(QDialog):
    """The review table; ``saved`` holds (patient, created) after a successful save."""

    def __init__(self, result: ImportResult, file_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Import patient (FHIR)"))
        self.setObjectName("fhirImportDialog")
        self.resize(1100, 650)
        self.imported = result
        self.file_name = file_name
        self.saved = None
        self._filling = False
        layout = QVBoxLayout(self)
        layout.addWidget(plain.plain_label(
            ngettext("{n} fact from {file} ({resources} resources).", "{n} facts from {file} ({resources} resources).",
                     len(result.facts)).format(n=len(result.facts), file=file_name, resources=result.resource_count)
            + " " + _("Untick what should not be used; double-click a value or date to correct it. Nothing is saved "
                      "until you press Save to record."), self))
        form = QFormLayout()
        self.reference = QLineEdit(result.reference or "", self)
        self.reference.setObjectName("fhirReference")
        self.reference.setMaxLength(100)
        form.addRow(_("Clinic reference:"), self.reference)
        layout.addLayout(form)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = QTableWidget(0, len(COLUMNS), splitter)
        self.table.setObjectName("fhirFacts")
        self.table.setHorizontalHeaderLabels(column_titles())
        self.table.verticalHeader().setVisible(False)
        self.unmapped = QTableWidget(0, 3, splitter)
        self.unmapped.setObjectName("fhirUnmapped")
        self.unmapped.setHorizontalHeaderLabels((_("Not mapped"), _("Source"), _("Reason")))
        self.unmapped.verticalHeader().setVisible(False)
        self.unmapped.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        splitter.setStretchFactor(0, 3)  # the facts to review matter most
        splitter.setStretchFactor(1, 1)
        for table in (self.table, self.unmapped):
            table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(splitter, 1)
        self.message = plain.plain_label("", self)
        self.message.setObjectName("fhirMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a00000")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(_("&Save to record"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill()
        self.table.itemChanged.connect(self._changed)

    # -- table ------------------------------------------------------------------------------
    def _item(self, text: str, editable: bool = False) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        item.setFlags(flags)
        item.setToolTip(plain.tip(text))
        return item

    def _fill(self) -> None:
        self._filling = True
        self.table.setRowCount(len(self.imported.facts))
        for row in range(len(self.imported.facts)):
            self._fill_row(row)
        self.unmapped.setRowCount(len(self.imported.unmapped))
        for row, item in enumerate(self.imported.unmapped):
            for col, text in enumerate((item.what, item.source, item.reason)):
                self.unmapped.setItem(row, col, self._item(text))
        self.table.resizeColumnsToContents()
        self.unmapped.resizeColumnsToContents()
        self._filling = False

    def _fill_row(self, row: int) -> None:
        fact = self.imported.facts[row]
        was = self._filling
        self._filling = True
        use = QTableWidgetItem()
        use.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
        use.setCheckState(Qt.CheckState.Checked if fact.accepted else Qt.CheckState.Unchecked)
        self.table.setItem(row, USE, use)
        self.table.setItem(row, WHAT, self._item(_(KIND_LABELS[fact.kind])))
        self.table.setItem(row, VALUE, self._item(fact_value_text(fact), editable=True))
        self.table.setItem(row, DATE, self._item(fact.date or "", editable=fact.kind != "sex"))
        self.table.setItem(row, MAPPED, self._item(fact.describe() + (f" ({fact.note_text()})" if fact.note else "")))
        self.table.setItem(row, SOURCE, self._item(fact.source))
        self.table.setItem(row, ORIGINAL, self._item(fact.original))
        self._filling = was

    def _changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        row, col = item.row(), item.column()
        fact = self.imported.facts[row]
        if col == USE:
            fact.accepted = item.checkState() == Qt.CheckState.Checked
            return
        if col not in EDITABLE:
            return
        try:
            fixed = correct(fact, value_text=item.text() if col == VALUE else None,
                            date_text=item.text() if col == DATE else None)
        except ValueError as exc:
            self.message.setText(_("Row {row}: {problem}").format(row=row + 1, problem=exc))
            self._fill_row(row)  # the cell shows the fact as it still is
            return
        self.message.setText("")
        self.imported.facts[row] = fixed
        self._fill_row(row)

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        from core.fhir.records import save_import

        try:
            patient, created, _profile = save_import(self.reference.text(), self.imported.facts,
                                                     origin=self.file_name)
        except (FhirError, ValueError) as exc:
            self.message.setText(str(exc))
            return
        except Exception as exc:  # a full disk, a locked database: the review stays open, nothing lost
            log.exception("saving the FHIR import failed")
            self.message.setText(_("The record could not be saved: {problem}").format(problem=exc))
            return
        self.saved = (patient, created)
        self.accept()
