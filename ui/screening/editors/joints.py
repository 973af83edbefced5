"""Joint counts and global assessments, with DAS28 and CDAI worked out (core.patient.scores)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from core.i18n import _
from core.patient import scores
from core.questionnaire import Question
from ui.screening.editors.base import (
    Editor,
    error_label,
    fmt,
    line,
    number_text,
)


def _spin(parent: QWidget, name: str, maximum: int) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setObjectName(name)
    spin.setRange(-1, maximum)
    spin.setSpecialValueText(_("not recorded"))
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
        form.addRow(_("&Tender joints (of 28):"), self.tender)
        form.addRow(_("&Swollen joints (of 28):"), self.swollen)
        form.addRow(_("&Patient global (0–100 mm):"), self.patient_global)
        form.addRow(_("&Evaluator global (0–100 mm):"), self.evaluator_global)
        self.esr = line(self, "calcEsr", _("{format} (optional)").format(format="mm/h"), 140)
        self.crp = line(self, "calcCrp", _("{format} (optional)").format(format="mg/L"), 140)
        for widget, name in ((self.tender, _("Tender joints (of 28)")), (self.swollen, _("Swollen joints (of 28)")),
                             (self.patient_global, _("Patient global assessment (0 to 100 mm)")),
                             (self.evaluator_global, _("Evaluator global assessment (0 to 100 mm)")),
                             (self.esr, _("ESR for DAS28 (mm/h)")), (self.crp, _("CRP for DAS28 (mg/L)"))):
            widget.setAccessibleName(name)
        esr = self.current_labs.get("esr")
        crp = self.current_labs.get("crp")
        if isinstance(esr, dict) and esr.get("unit") in (None, "mm/h"):
            self.esr.setText(fmt(esr.get("value")))
        if isinstance(crp, dict) and crp.get("unit") in (None, "mg/L"):
            self.crp.setText(fmt(crp.get("value")))
        form.addRow(_("ESR for DAS28 (mm/h):"), self.esr)
        form.addRow(_("CRP for DAS28 (mg/L):"), self.crp)
        self.error = error_label(self)
        form.addRow("", self.error)
        self.calc = QLabel(self)
        self.calc.setObjectName("scoreCalculation")
        self.calc.setWordWrap(True)
        self.calc.setTextFormat(Qt.TextFormat.PlainText)
        self.calc.setFrameShape(QFrame.Shape.StyledPanel)
        self.calc.setMargin(6)
        form.addRow(_("Scores:"), self.calc)
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
            out.append(_("CDAI: needs both joint counts and both global assessments."))
        else:
            out.append(f"CDAI = {t} + {s} + {pg / 10:g} + {eg / 10:g} = {value:.1f}")
        value = scores.das28_esr(t, s, esr, pg)
        if value is None:
            out.append(_("DAS28-ESR: needs the joint counts, the patient global and the ESR."))
        else:
            out.append(f"DAS28-ESR = 0.56·√{t} + 0.28·√{s} + 0.70·ln({esr:g}) + 0.014·{pg} = {value:.2f}")
        value = scores.das28_crp(t, s, crp, pg)
        if value is None:
            out.append(_("DAS28-CRP: needs the joint counts, the patient global and the CRP."))
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
            raise self._need(_("Enter at least one count, or choose “Unknown / not available”."))
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
