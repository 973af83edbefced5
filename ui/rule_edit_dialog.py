"""Writing or correcting one criterion's rule: a structured form (fact, comparison, value) or the
rule as JSON, validated live; only a valid rule can be saved."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.catalog import reviews
from core.i18n import _, ngettext
from core.matching.rules import OPS_BY_TYPE, rule_problems
from core.patient import facts
from ui.plain import plain_label
from ui.rule_text import _mono, describe, parse_value, rule_json


class RuleEditDialog(QDialog):
    """A JSON editor for one rule with live validation; Save only when the rule is valid.

    A small form above it builds the common single comparison (fact, operator, value)."""

    def __init__(self, rule: Any, text: str, parent: QWidget | None = None, title: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ruleEditDialog")
        self.setWindowTitle(title or _("Edit rule"))
        self.resize(760, 600)
        self.criterion_text = text
        self.rule: Any = rule

        verbatim = QLabel(text, self)
        verbatim.setWordWrap(True)
        verbatim.setTextFormat(Qt.TextFormat.PlainText)
        verbatim.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        verbatim.setStyleSheet("background: #f7f7f2; border: 1px solid #d8d8d0; padding: 6px;")

        # -- the simple form --------------------------------------------------------------
        form_box = QGroupBox(_("One comparison"), self)
        self.fact_combo = QComboBox(form_box)
        self.fact_combo.setObjectName("factCombo")
        self.fact_combo.setAccessibleName(_("Fact"))
        self.fact_combo.setEditable(False)
        for fid in sorted(facts.fact_ids(), key=lambda f: _(facts.get_fact(f).label).casefold()):
            fact = facts.get_fact(fid)
            self.fact_combo.addItem(f"{_(fact.label)}  ({fid})", fid)
        self.fact_combo.setMaxVisibleItems(20)
        self.op_combo = QComboBox(form_box)
        self.op_combo.setObjectName("opCombo")
        self.op_combo.setAccessibleName(_("Comparison"))
        self.value_edit = QLineEdit(form_box)
        self.value_edit.setObjectName("valueEdit")
        self.value_edit.setAccessibleName(_("Value"))
        self.use_button = QPushButton(_("&Use this comparison"), form_box)
        self.use_button.setToolTip(_("Replace the rule below with this single comparison"))
        self.use_button.clicked.connect(self.use_comparison)
        self.question_button = QPushButton(_("Ask the &clinician instead"), form_box)
        self.question_button.setToolTip(_("Replace the rule with a question the clinician answers"))
        self.question_button.clicked.connect(self.use_question)
        self.fact_hint = plain_label(parent=form_box)
        self.fact_hint.setStyleSheet("color: #555555;")
        self.fact_hint.setWordWrap(True)
        self.fact_combo.currentIndexChanged.connect(self._fact_changed)
        grid = QGridLayout(form_box)
        grid.addWidget(QLabel(_("Fact:")), 0, 0)
        grid.addWidget(self.fact_combo, 0, 1, 1, 3)
        grid.addWidget(QLabel(_("Is:")), 1, 0)
        grid.addWidget(self.op_combo, 1, 1)
        grid.addWidget(self.value_edit, 1, 2, 1, 2)
        grid.addWidget(self.fact_hint, 2, 1, 1, 3)
        buttons_row = QHBoxLayout()
        buttons_row.addWidget(self.use_button)
        buttons_row.addWidget(self.question_button)
        buttons_row.addStretch(1)
        grid.addLayout(buttons_row, 3, 1, 1, 3)
        grid.setColumnStretch(2, 1)

        # -- JSON -------------------------------------------------------------------------
        self.editor = QPlainTextEdit(self)
        self.editor.setObjectName("ruleJsonEditor")
        self.editor.setAccessibleName(_("Rule as JSON"))
        self.editor.setFont(_mono())
        self.editor.setTabChangesFocus(True)
        self.editor.setPlainText(rule_json(rule))
        self.status = QLabel(self)
        self.status.setObjectName("ruleStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        self.status.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.format_button = QPushButton(_("&Format"), self)
        self.format_button.setToolTip(_("Lay the JSON out with indentation"))
        self.format_button.clicked.connect(self.format_json)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.addButton(self.format_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("<b>Criterion as written</b>")))
        layout.addWidget(verbatim)
        layout.addWidget(form_box)
        layout.addWidget(QLabel(_('<b>Rule (JSON)</b> — {"fact": …, "op": …, "value": …} compares a fact; '
                                '{"all": […]}, {"any": […]}, {"not": …} combine; {"confirm": "question"} '
                                "asks the clinician")))
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.save)
        self.save_button.setToolTip(_("Save the rule (Ctrl+S or Ctrl+Enter); only a valid rule can be saved"))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.validate)
        self.editor.textChanged.connect(self._timer.start)
        self._preset_form(rule)
        self.validate()
        self.editor.setFocus()

    def _preset_form(self, rule: Any) -> None:
        fid = rule.get("fact") if isinstance(rule, dict) else None
        index = self.fact_combo.findData(fid) if fid else self.fact_combo.findData("age_years")
        self.fact_combo.setCurrentIndex(max(index, 0))
        self._fact_changed()
        if isinstance(rule, dict) and "fact" in rule:
            self.op_combo.setCurrentIndex(max(self.op_combo.findText(str(rule.get("op"))), 0))
            value = rule.get("value")
            if isinstance(value, list):
                self.value_edit.setText(", ".join(str(v) for v in value))
            elif isinstance(value, bool):
                self.value_edit.setText("true" if value else "false")  # the rule's own words: parse_value reads them
            elif value is not None:
                self.value_edit.setText(str(value))

    def _fact_changed(self, *_args) -> None:
        fact = facts.get_fact(self.fact_combo.currentData())
        if fact is None:
            return
        current = self.op_combo.currentText()
        self.op_combo.clear()
        self.op_combo.addItems(list(OPS_BY_TYPE[fact.type]))
        if current in OPS_BY_TYPE[fact.type]:
            self.op_combo.setCurrentText(current)
        number = _("a number in {unit}").format(unit=fact.unit) if fact.unit else _("a number")
        hints = {"number": number, "bool": _("true or false"), "date": _("a date, YYYY-MM-DD"),
                 "set": _("one code, e.g. rheumatoid_arthritis"),
                 "enum": _("one of {choices}").format(choices=", ".join(fact.choices))}
        hint = hints.get(fact.type, "")
        if fact.type == "number" and fact.minimum is not None and fact.maximum is not None:
            hint += " " + _("({low} to {high})").format(low=f"{fact.minimum:g}", high=f"{fact.maximum:g}")
        elif fact.type == "number" and fact.minimum is not None:
            hint += " " + _("(at least {low})").format(low=f"{fact.minimum:g}")
        elif fact.type == "number" and fact.maximum is not None:
            hint += " " + _("(at most {high})").format(high=f"{fact.maximum:g}")
        self.value_edit.setPlaceholderText(hint)
        self.fact_hint.setText(_("{question}  ·  value: {hint}; for 'in' separate values with commas").format(
            question=_(fact.question), hint=hint))

    def comparison(self) -> dict[str, Any]:
        fid = self.fact_combo.currentData()
        op = self.op_combo.currentText()
        return {"fact": fid, "op": op, "value": parse_value(self.value_edit.text(), facts.get_fact(fid), op)}

    def use_comparison(self) -> None:
        self.editor.setPlainText(rule_json(self.comparison()))
        self.validate()

    def use_question(self) -> None:
        self.editor.setPlainText(rule_json(reviews.confirm_rule(self.criterion_text)))
        self.validate()

    def format_json(self) -> None:
        try:
            self.editor.setPlainText(rule_json(json.loads(self.editor.toPlainText())))
        except json.JSONDecodeError:
            self.validate()

    def problems(self) -> tuple[Any, list[str]]:
        """The parsed rule and every problem with it (an empty list when it can be saved)."""
        text = self.editor.toPlainText().strip()
        if not text:
            return None, [_("The rule is empty. Write a rule, or cancel and use Reject to make this "
                            "criterion a clinician question.")]
        try:
            rule = json.loads(text)
        except json.JSONDecodeError as exc:
            return None, [_("This is not valid JSON: {problem} (line {line}, column {column}).").format(
                problem=exc.msg, line=exc.lineno, column=exc.colno)]
        return rule, rule_problems(rule)

    def validate(self) -> bool:
        self._timer.stop()
        rule, problems = self.problems()
        ok = not problems
        self.save_button.setEnabled(ok)
        if ok:
            self.status.setStyleSheet("color: #1b6e20;")
            self.status.setText(_("✓ Valid rule: {rule}").format(rule=describe(rule)))
        else:
            self.status.setStyleSheet("color: #8a1c1c;")
            more = len(problems) - 6
            shown = problems[:6] + ([ngettext("… and {n} more", "… and {n} more", more).format(n=more)]
                                    if more > 0 else [])
            self.status.setText(_("✗ Cannot be saved:") + "\n" + "\n".join(f"• {p}" for p in shown))
        return ok

    def save(self) -> None:
        if not self.validate():
            return
        self.rule = self.problems()[0]
        self.accept()


# ---------------------------------------------------------------- the review screen
