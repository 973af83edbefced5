"""The diagnoses question: one box per condition, with the ACR/EULAR 2010 calculator."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _
from core.patient import scores
from core.patient.profile import RA_2010_ITEMS
from core.questionnaire import AnswerError, Question
from core.questionnaire.wording import choice_name
from core.vocab import conditions
from ui.plain import plain_label
from ui.screening.editors.base import (
    INDEXED,
    PARTIAL_DATE_HINT,
    Editor,
    date_text,
    error_label,
    line,
)
from ui.screening.editors.completion import VocabCompleter, condition_suggestions
from ui.screening.text import (
    CRITERIA_NAMES,
    RA_2010_CHOICES,
    RA_2010_TITLES,
    code_name,
    condition_name,
)


def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


class DiagnosisRow(QGroupBox):
    """One diagnosis: condition, dates, classification criteria, activity, ACR/EULAR 2010 calculator."""

    remove_requested = Signal(object)

    def __init__(self, details: dict, number: int, parent: QWidget | None = None):
        super().__init__(_("Diagnosis {n}").format(n=number), parent)
        self.setObjectName("diagnosisRow")
        grid = QGridLayout(self)
        self.condition = QComboBox(self)
        self.condition.setObjectName("condition")
        self.condition.setEditable(True)
        self.condition.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.condition.addItem("", "")
        for code in details.get("conditions", ()):
            self.condition.addItem(condition_name(code), code)
        self.condition.lineEdit().setPlaceholderText(_("condition: name, abbreviation or ICD-10 code"))
        self.condition.setAccessibleName(_("Diagnosis {n}: condition").format(n=number))
        self.completer = VocabCompleter(self.condition, condition_suggestions)
        self.condition.lineEdit().setCompleter(self.completer)  # not the combo's: it maps rows to its items
        self.condition.lineEdit().textEdited.connect(self.completer.update_for)
        self.diagnosis_date = line(self, "diagnosisDate", _(PARTIAL_DATE_HINT), 200)
        self.onset_date = line(self, "onsetDate", _("{format} (optional)").format(format=_(PARTIAL_DATE_HINT)), 260)
        self.diagnosis_date.setAccessibleName(_("Diagnosis {n}: date of diagnosis").format(n=number))
        self.onset_date.setAccessibleName(_("Diagnosis {n}: onset date").format(n=number))
        self.activity = QComboBox(self)
        self.activity.setObjectName("activity")
        self.activity.addItem(_("not recorded"), None)
        for level in details.get("activity_levels", ()):
            self.activity.addItem(choice_name(level), level)
        self.remove = QPushButton(_("Remove"), self)
        self.remove.setObjectName("removeDiagnosis")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        self.errors: dict[str, tuple[QWidget | None, QLabel]] = {}

        grid.addWidget(_buddy(_("Condition:"), self.condition, self), 0, 0)
        grid.addWidget(self.condition, 0, 1, 1, 3)
        grid.addWidget(self.remove, 0, 4)
        grid.addWidget(_buddy(_("Date of diagnosis:"), self.diagnosis_date, self), 1, 0)
        grid.addWidget(self.diagnosis_date, 1, 1)
        grid.addWidget(_buddy(_("Onset:"), self.onset_date, self), 1, 2)
        grid.addWidget(self.onset_date, 1, 3)
        date_error = error_label(self)
        grid.addWidget(date_error, 2, 0, 1, 5)
        self.errors["diagnosis_date"] = (self.diagnosis_date, date_error)
        self.errors["onset_date"] = (self.onset_date, date_error)
        self.errors["code"] = (self.condition, date_error)
        self.activity.setAccessibleName(_("Diagnosis {n}: activity").format(n=number))
        grid.addWidget(_buddy(_("Activity:"), self.activity, self), 3, 0)
        grid.addWidget(self.activity, 3, 1)
        # Active now (condition_current facts: "active tuberculosis", "current malignancy"); when not,
        # optionally the date it resolved
        self.active = QComboBox(self)
        self.active.setObjectName("activeNow")
        for text, value in ((_("not recorded"), None), (_("yes"), True), (_("no"), False)):
            self.active.addItem(text, value)
        self.active.setAccessibleName(_("Diagnosis {n}: active now").format(n=number))
        self.resolved_date = line(self, "resolvedDate", _("{format} (optional)").format(format=_(PARTIAL_DATE_HINT)),
                                  260)
        self.resolved_date.setAccessibleName(_("Diagnosis {n}: date it resolved").format(n=number))
        grid.addWidget(_buddy(_("Active now:"), self.active, self), 3, 2)
        grid.addWidget(self.active, 3, 3)
        grid.addWidget(_buddy(_("Resolved on:"), self.resolved_date, self), 7, 0)
        grid.addWidget(self.resolved_date, 7, 1)
        resolved_error = error_label(self)
        grid.addWidget(resolved_error, 8, 0, 1, 5)
        self.errors["resolved_date"] = (self.resolved_date, resolved_error)
        self.errors["active"] = (self.active, resolved_error)
        self.active.currentIndexChanged.connect(self._active_changed)
        self.resolved_date.textChanged.connect(self._active_changed)
        self._active_changed()
        QWidget.setTabOrder(self.activity, self.active)  # after the activity, before "Remove"
        QWidget.setTabOrder(self.active, self.resolved_date)

        criteria_box = QGroupBox(_("Classification criteria met"), self)
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

        self.ra_box = QGroupBox(_("ACR/EULAR 2010 RA classification calculator"), self)
        self.ra_box.setObjectName("acrEular2010")
        ra_form = QFormLayout(self.ra_box)
        self.ra_items: dict[str, QComboBox] = {}
        for category, choices in RA_2010_CHOICES.items():
            combo = QComboBox(self.ra_box)
            combo.setObjectName(f"ra2010_{category}")
            combo.setAccessibleName(_("ACR/EULAR 2010: {item}").format(item=_(RA_2010_TITLES[category])))
            combo.addItem(_("not assessed"), None)
            for code, label in choices.items():
                combo.addItem(f"{_(label)} ({RA_2010_ITEMS[category][code]})", code)
            combo.currentIndexChanged.connect(self.update_ra_score)
            self.ra_items[category] = combo
            ra_form.addRow(_("{title}:").format(title=_(RA_2010_TITLES[category])), combo)
        self.ra_result = plain_label(parent=self.ra_box)
        self.ra_result.setObjectName("ra2010Result")
        self.ra_result.setWordWrap(True)
        ra_form.addRow(_("Score:"), self.ra_result)
        grid.addWidget(self.ra_box, 6, 0, 1, 5)
        self.condition.currentIndexChanged.connect(self._condition_changed)
        self.condition.editTextChanged.connect(self._condition_changed)
        self._condition_changed()
        self.update_ra_score()

    def code(self) -> str:
        """The condition's concept id: the listed item, else what the vocabulary reads the text as."""
        text = self.condition.currentText().strip()
        index = self.condition.findText(text)
        if index >= 0 and self.condition.itemData(index):
            return self.condition.itemData(index)
        found = conditions.lookup(text) if text else []
        if len(found) == 1:
            return found[0].id
        return text.lower().replace(" ", "_").replace("'", "")

    def _active_changed(self, *_args) -> None:
        # a date it resolved only for a condition not active now; a date already typed stays editable (and is
        # refused on saving, never dropped) so the clinician can clear it or set "Active now" back to no
        self.resolved_date.setEnabled(self.active.currentData() is False or bool(self.resolved_date.text().strip()))

    def _condition_changed(self, *_args) -> None:
        self.ra_box.setVisible(self.code() == "rheumatoid_arthritis")

    def ra_items_chosen(self) -> dict[str, str]:
        return {cat: combo.currentData() for cat, combo in self.ra_items.items() if combo.currentData()}

    def update_ra_score(self, *_args) -> None:
        from core.patient.values import Range

        items = self.ra_items_chosen()
        score = scores.acr_eular_2010_score(items)
        if score is None:
            self.ra_result.setText(_("Choose the four items to score (6 or more of 10 classifies as RA)."))
            return
        parts = " + ".join(f"{RA_2010_ITEMS[c][items[c]]} ({_(RA_2010_TITLES[c]).lower()})" for c in items)
        classifies = scores.acr_eular_2010_classifies(score)
        if isinstance(score, Range):
            total = _("{low}–{high} so far (items missing)").format(low=f"{score.low:g}", high=f"{score.high:g}")
        else:
            total = _("{score} of 10").format(score=f"{score:g}")
        verdict = {True: _("meets ACR/EULAR 2010 (≥ 6): ticked below"),
                   False: _("cannot reach 6: ACR/EULAR 2010 not met"),
                   None: _("not decided yet")}[classifies]
        self.ra_result.setText(f"{parts} = {total} → {verdict}")
        box = self.criteria.get("acr_eular_2010")
        if box is not None and classifies is not None:
            box.setChecked(classifies)

    def is_empty(self) -> bool:
        return not (self.condition.currentText().strip() or self.diagnosis_date.text().strip())

    def row_value(self) -> dict[str, Any]:
        code = self.code()
        if not code:
            raise AnswerError("code", _("Choose the condition (or remove this diagnosis)."))
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
        if self.active.currentData() is not False and self.resolved_date.text().strip():
            raise AnswerError("resolved_date", _("A date it resolved is only for a condition not active now: set "
                                                 "“Active now” to no, or clear the date."))
        if self.active.currentData() is not None:
            out["active"] = self.active.currentData()
            resolved = date_text(self.resolved_date.text()) if self.active.currentData() is False else None
            if resolved:
                out["resolved_date"] = resolved
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
        self.active.setCurrentIndex({None: 0, True: 1, False: 2}.get(row.get("active"), 0))
        self.resolved_date.setText(row.get("resolved_date") or "")
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
        self.add_button = QPushButton(_("&Add another diagnosis"), self)
        self.add_button.setObjectName("addDiagnosis")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.complete = QCheckBox(_("This list is &complete (the patient has no other condition)"), self)
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
        if self._watched:  # a row added while the page is shown
            self.watch_inputs()
        return widget

    def remove_row(self, widget: DiagnosisRow) -> None:
        if widget in self.rows:
            self.rows.remove(widget)
            widget.deleteLater()
            for i, row in enumerate(self.rows, 1):
                row.setTitle(_("Diagnosis {n}").format(n=i))

    def value(self) -> Any:
        self._kept = [r for r in self.rows if not r.is_empty()]
        rows = []
        for i, row in enumerate(self._kept):
            try:
                rows.append(row.row_value())
            except AnswerError as exc:
                raise AnswerError(f"diagnoses[{i}].{exc.field}", exc.message) from None
        if not rows and not self.complete.isChecked():
            raise self._need(_("Add the patient's diagnoses, tick “complete” if there are none, "
                               "or choose “Unknown / not available”."))
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
        m = INDEXED.match(field or "")
        if m:
            index, name = int(m.group(1)), m.group(2)
            kept = self._kept or self.rows
            if index < len(kept):
                row = kept[index]
                return row.errors.get(name, row.errors["classification"])
        return None, self.error

    def enter_moves_focus(self, widget: QWidget | None) -> bool:
        return widget is not None and self.rows_widget.isAncestorOf(widget)
