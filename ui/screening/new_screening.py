"""New screening: which patient, which catalog trials are candidates, and what the patient
record already holds (used instead of asking again)."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.catalog.search import all_conditions, countries
from core.i18n import _, ngettext
from core.questionnaire.record import start_from_record
from core.userdata import records
from core.userdata.models import Patient
from core.vocab.countries import country_name
from ui.screening.session import CandidateFilter, record_max_age_days

log = logging.getLogger(__name__)


class NewScreeningDialog(QDialog):
    """Patient + candidate filter ("only trials open to referral" on by default, country, condition)."""

    def __init__(self, parent: QWidget | None = None, patient: Patient | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("New screening"))
        self.setObjectName("newScreeningDialog")
        self.setMinimumWidth(520)
        self.patient_combo = QComboBox(self)
        self.patient_combo.setObjectName("screeningPatient")
        self.new_patient_button = QPushButton(_("&New patient…"), self)  # Alt+P is the patient list
        self.new_patient_button.setAutoDefault(False)
        self.new_patient_button.clicked.connect(self._new_patient)
        self.open_only = QCheckBox(_("Only trials &open to referral (recruiting, not yet recruiting, by "
                                     "invitation)"), self)
        self.open_only.setObjectName("openOnly")
        self.open_only.setChecked(True)
        self.country = QComboBox(self)
        self.country.setObjectName("candidateCountry")
        self.country.addItem(_("Any country"), None)
        self.condition = QComboBox(self)
        self.condition.setObjectName("candidateCondition")
        self.condition.addItem(_("Any condition"), None)
        try:
            for name in countries():  # shown in the language, filtered by the name as stored
                self.country.addItem(country_name(name), name)
            for name in all_conditions():
                self.condition.addItem(name, name)
        except Exception:
            log.exception("could not read the filter choices")
        self.count = QLabel(self)
        self.count.setObjectName("candidateCount")
        self.record_summary = QLabel(self)  # plain text: never markup
        self.record_summary.setObjectName("recordSummary")
        self.record_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.record_summary.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Patient:"), self.patient_combo)
        form.addRow("", self.new_patient_button)
        form.addRow(_("Patient record:"), self.record_summary)
        form.addRow("", self.open_only)
        form.addRow(_("&Country:"), self.country)
        form.addRow(_("Con&dition:"), self.condition)
        form.addRow(_("Candidates:"), self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.start_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.start_button.setText(_("&Start screening"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.open_only.toggled.connect(self.update_count)
        self.country.currentIndexChanged.connect(self.update_count)
        self.condition.currentIndexChanged.connect(self.update_count)
        self.patient_combo.currentIndexChanged.connect(self._update_start)
        self.patient_combo.currentIndexChanged.connect(self._update_record)
        self.load_patients(patient.id if patient else None)
        self.update_count()
        self._update_record()

    def load_patients(self, select_id: int | None = None) -> None:
        self.patient_combo.clear()
        for p in Patient.select().order_by(Patient.reference):
            label = f"{p.reference} — {p.name}" if p.name else p.reference
            self.patient_combo.addItem(label, p.id)
        if select_id is not None:
            self.patient_combo.setCurrentIndex(max(self.patient_combo.findData(select_id), 0))
        self._update_start()

    def _update_record(self, *_args) -> None:
        """What the screening will start from: facts carried, facts too old to count."""
        patient = self.patient()
        if patient is None:
            self.record_summary.setText("")
            return
        try:
            begin = start_from_record(records.patient_record(patient), date.today(), record_max_age_days())
        except Exception:
            log.exception("could not read the patient record")
            self.record_summary.setText(_("The patient record could not be read; every question will be asked."))
            return
        n, old = len(begin.carried), len(begin.stale)
        if not n and not old:
            self.record_summary.setText(_("Nothing recorded yet: this is the patient's first screening."))
            return
        if old:
            again = ngettext("{n} too old is asked again", "{n} too old are asked again", old).format(n=old)
            text = ngettext("{n} fact from earlier screenings will be used, each shown with its age; {again}.",
                            "{n} facts from earlier screenings will be used, each shown with its age; {again}.",
                            n).format(n=n, again=again)
        else:
            text = ngettext("{n} fact from earlier screenings will be used, each shown with its age.",
                            "{n} facts from earlier screenings will be used, each shown with its age.", n).format(n=n)
        # two sentences: a space between them in English, none in Chinese or Japanese
        self.record_summary.setText(_("{first} {second}").format(
            first=text, second=_("Answers about one trial's criteria are asked again.")))

    def _new_patient(self) -> None:
        from ui.screening.patients import NewPatientDialog

        dialog = NewPatientDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.patient is not None:
            self.load_patients(dialog.patient.id)
            self.start_button.setFocus()  # Enter now starts the screening

    def candidate_filter(self) -> CandidateFilter:
        return CandidateFilter(open_only=self.open_only.isChecked(), country=self.country.currentData(),
                               condition=self.condition.currentData())

    def patient(self) -> Patient | None:
        pid = self.patient_combo.currentData()
        return Patient.get_or_none(Patient.id == pid) if pid is not None else None

    def update_count(self, *_args) -> None:
        try:
            self.ids = self.candidate_filter().candidate_ids()
        except Exception:
            log.exception("candidate search failed")
            self.ids = []
        n = len(self.ids)
        self.count.setText(ngettext("{n} trial will be screened", "{n} trials will be screened", n).format(n=n) if n
                           else _("No trial matches: widen the filter"))
        self._update_start()

    def _update_start(self, *_args) -> None:
        self.start_button.setEnabled(bool(getattr(self, "ids", None)) and self.patient_combo.count() > 0)
