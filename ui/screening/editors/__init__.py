"""Entry widgets for one question, by kind: one module per editor; make_editor picks one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from core.questionnaire import Question
from ui.screening.editors.base import DATE_HINT, ERROR_STYLE, Editor, date_text, error_label, number_text
from ui.screening.editors.choice import ChoiceEditor
from ui.screening.editors.diagnoses import DiagnosesEditor
from ui.screening.editors.joints import JointsEditor
from ui.screening.editors.lab import LabEditor
from ui.screening.editors.line import LineEditor
from ui.screening.editors.procedures import ProceduresEditor
from ui.screening.editors.set import SetEditor
from ui.screening.editors.treatments import TreatmentsEditor

__all__ = ["DATE_HINT", "ERROR_STYLE", "Editor", "date_text", "error_label", "make_editor", "number_text"]


def make_editor(question: Question, parent: QWidget | None = None, current_labs: dict | None = None,
                earlier: Callable[[str], str | None] | None = None) -> Editor:
    """The editor for the question's kind; ``earlier``: a per-trial question's answer in an earlier
    screening, said beside each row of a checklist page."""
    kind = question.kind
    if kind == "checklist":
        from ui.screening.checklist_page import ChecklistEditor  # it builds on the editors' base

        return ChecklistEditor(question, parent, earlier=earlier)
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
    if kind == "procedures":
        return ProceduresEditor(question, parent)
    return SetEditor(question, parent)
