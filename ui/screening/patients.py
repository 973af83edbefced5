"""Patients: the list (create, open a screening, export one patient's JSON, delete).

Patients are pseudonymous by default: a clinic reference is required, the name and date
of birth are optional. Everything is stored by ``core.userdata.records``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.faults import reason_text
from core.i18n import N_, _, ngettext
from core.private_files import write_private_text
from core.userdata import records
from core.userdata.models import Patient, Screening
from ui import plain
from ui.screening.editors import DATE_HINT, date_text, error_label

log = logging.getLogger(__name__)
PATIENT_ROLE = Qt.ItemDataRole.UserRole + 3
SCREENING_ROLE = Qt.ItemDataRole.UserRole + 4
_STATES = {"in_progress": N_("in progress"), "finished": N_("finished")}


def suggest_reference() -> str:
    n = Patient.select().count() + 1
    while Patient.get_or_none(Patient.reference == f"P-{n:04d}") is not None:
        n += 1
    return f"P-{n:04d}"


class NewPatientDialog(QDialog):
    """Reference (required), name and date of birth (optional)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("New patient"))
        self.setObjectName("newPatientDialog")
        self.setMinimumWidth(460)
        self.patient: Patient | None = None
        intro = QLabel(_("Patients are pseudonymous by default: only the clinic reference is required."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.reference = QLineEdit(suggest_reference(), self)
        self.reference.setObjectName("patientReference")
        self.reference_error = error_label(self)
        self.name = QLineEdit(self)
        self.name.setObjectName("patientName")
        self.name.setPlaceholderText(_("optional — leave empty to stay pseudonymous"))
        self.dob = QLineEdit(self)
        self.dob.setObjectName("patientDob")
        self.dob.setPlaceholderText(_("{format} (optional)").format(format=DATE_HINT))
        self.dob_error = error_label(self)
        self.sex = QComboBox(self)
        self.sex.setObjectName("patientSex")
        self.sex.setAccessibleName(_("Sex"))
        for text, code in ((_("not recorded"), None), (_("female"), "female"), (_("male"), "male")):
            self.sex.addItem(text, code)
        for widget, name in ((self.reference, _("Clinic reference")), (self.name, _("Name")),
                             (self.dob, _("Date of birth"))):
            widget.setAccessibleName(name)
        form.addRow(_("Clinic &reference:"), self.reference)
        form.addRow("", self.reference_error)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("&Date of birth:"), self.dob)
        form.addRow("", self.dob_error)
        form.addRow(_("&Sex:"), self.sex)  # asked here so one-sex questions wait for it (issue 13)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("&Create"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reference.selectAll()

    def _dob(self) -> date | None:
        text = date_text(self.dob.text())
        if text is None:
            return None
        try:
            born = date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("“{text}” is not a date written {format}.").format(text=self.dob.text().strip(),
                                                                                 format=DATE_HINT)) from None
        today = date.today()
        if born > today:
            raise ValueError(_("The date of birth is in the future."))
        if today.year - born.year - ((today.month, today.day) < (born.month, born.day)) > 120:
            raise ValueError(_("The date of birth makes the patient older than 120 years."))
        return born

    def accept(self) -> None:
        for label in (self.reference_error, self.dob_error):
            label.hide()
        try:
            born = self._dob()
        except ValueError as exc:
            self.dob_error.setText(str(exc))
            self.dob_error.show()
            self.dob.setFocus()
            return
        try:
            self.patient = records.create_patient(self.reference.text(), self.name.text() or None, born,
                                                  self.sex.currentData())
        except ValueError as exc:
            self.reference_error.setText(str(exc))
            self.reference_error.show()
            self.reference.setFocus()
            return
        super().accept()


class PatientsDialog(QDialog):
    """The patient list and the selected patient's screenings."""

    COLUMNS = (N_("Reference"), N_("Name"), N_("Date of birth"), N_("Screenings"), N_("Last change"))

    def __init__(self, parent: QWidget | None = None,
                 open_screening: Callable[[Screening], None] | None = None,
                 new_screening: Callable[[Patient], None] | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Patients"))
        self.setObjectName("patientsDialog")
        self.resize(820, 520)
        self.open_screening_cb = open_screening
        self.new_screening_cb = new_screening

        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("patientTable")
        self.table.setHorizontalHeaderLabels([_(c) for c in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        self.table.itemSelectionChanged.connect(self._patient_changed)
        self.screenings = QListWidget(self)
        self.screenings.setObjectName("screeningList")
        self.screenings.itemActivated.connect(lambda _item: self.open_selected_screening())

        self.new_patient_button = QPushButton(_("&New patient…"), self)
        self.new_patient_button.clicked.connect(self.new_patient)
        self.new_screening_button = QPushButton(_("New &screening…"), self)
        self.new_screening_button.setObjectName("newScreeningButton")
        self.new_screening_button.clicked.connect(self._new_screening)
        self.open_button = QPushButton(_("&Open screening"), self)
        self.open_button.setObjectName("openScreeningButton")
        self.open_button.clicked.connect(self.open_selected_screening)
        self.export_button = QPushButton(_("&Export JSON…"), self)
        self.export_button.setObjectName("exportButton")
        self.export_button.clicked.connect(self.export_selected)
        self.delete_button = QPushButton(_("&Delete…"), self)
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.delete_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)

        buttons = QVBoxLayout()
        for b in (self.new_patient_button, self.new_screening_button, self.open_button, self.export_button,
                  self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 3)
        layout.addWidget(QLabel(_("Screenings of the selected patient (double-click to open):"), self))
        layout.addWidget(self.screenings, 1)
        layout.addWidget(close)
        self.reload()

    # -- content --------------------------------------------------------------------------
    def reload(self, select_id: int | None = None) -> None:
        current = select_id if select_id is not None else self.selected_patient_id()
        self.table.setRowCount(0)
        for patient in Patient.select().order_by(Patient.reference):
            row = self.table.rowCount()
            self.table.insertRow(row)
            screenings = list(patient.screenings)
            last = max((s.updated_at for s in screenings), default=patient.updated_at)
            values = (patient.reference, patient.name or "—",
                      patient.date_of_birth.isoformat() if patient.date_of_birth else "—",
                      str(len(screenings)), f"{last:%Y-%m-%d %H:%M}" if last else "")
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(PATIENT_ROLE, patient.id)
                self.table.setItem(row, col, item)
            if patient.id == current:
                self.table.selectRow(row)
        if self.table.currentRow() < 0 and self.table.rowCount():
            self.table.selectRow(0)
        self._patient_changed()

    def selected_patient_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(PATIENT_ROLE) if item is not None else None

    def selected_patient(self) -> Patient | None:
        pid = self.selected_patient_id()
        return Patient.get_or_none(Patient.id == pid) if pid is not None else None

    def select_reference(self, reference: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == reference:
                self.table.selectRow(row)
                return

    def _patient_changed(self) -> None:
        self.screenings.clear()
        patient = self.selected_patient()
        for b in (self.new_screening_button, self.export_button, self.delete_button):
            b.setEnabled(patient is not None)
        if patient is None:
            self.open_button.setEnabled(False)
            return
        for s in patient.screenings.order_by(Screening.created_at.desc()):
            state = _(_STATES[s.status]) if s.status in _STATES else s.status
            n = s.answers.count()
            text = ngettext("#{number} · {state} · {n} answer · started {started}, last change {changed}",
                            "#{number} · {state} · {n} answers · started {started}, last change {changed}", n)
            item = QListWidgetItem(text.format(number=s.id, state=state, n=n, started=f"{s.created_at:%Y-%m-%d %H:%M}",
                                               changed=f"{s.updated_at:%Y-%m-%d %H:%M}"), self.screenings)
            item.setData(SCREENING_ROLE, s.id)
        if self.screenings.count():
            self.screenings.setCurrentRow(0)
        self.open_button.setEnabled(self.screenings.count() > 0)

    # -- actions --------------------------------------------------------------------------
    def new_patient(self) -> Patient | None:
        dialog = NewPatientDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.patient is not None:
            self.reload(dialog.patient.id)
            return dialog.patient
        return None

    def _new_screening(self) -> None:
        patient = self.selected_patient()
        if patient is not None and self.new_screening_cb is not None:
            self.accept()
            self.new_screening_cb(patient)

    def open_selected_screening(self) -> None:
        item = self.screenings.currentItem()
        if item is None or self.open_screening_cb is None:
            return
        screening = Screening.get_by_id(item.data(SCREENING_ROLE))
        self.accept()
        self.open_screening_cb(screening)

    def export_to(self, patient_id: int, path: str) -> None:
        data = records.export_patient(patient_id)
        write_private_text(Path(path), json.dumps(data, ensure_ascii=False, indent=2))  # 0600: patient data

    def export_selected(self) -> None:
        patient = self.selected_patient()
        if patient is None:
            return
        start = str(Path.home() / f"patient-{patient.reference}.json")
        path, _filter = QFileDialog.getSaveFileName(self, _("Export patient"), start, _("JSON files (*.json)"))
        if not path:
            return
        try:
            self.export_to(patient.id, path)
        except OSError as exc:
            plain.critical(self, _("Export"), _("The file could not be written:\n\n{error}").format(
                error=reason_text(exc)))

    def confirm_delete(self, patient: Patient) -> bool:
        n = patient.screenings.count()
        answer = plain.question(
            self, _("Delete patient"),
            ngettext("Delete patient {reference} with {n} screening, their answers and letter records? "
                     "This cannot be undone.",
                     "Delete patient {reference} with {n} screenings, their answers and letter records? "
                     "This cannot be undone.", n).format(reference=patient.reference, n=n),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def delete_selected(self) -> bool:
        patient = self.selected_patient()
        if patient is None or not self.confirm_delete(patient):
            return False
        records.delete_patient(patient.id)
        self.reload()
        return True
