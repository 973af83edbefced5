"""The editors' shared parts: the Editor base class, text-to-value helpers, error labels and line edits.

Each editor only copies widget values into the answer the questionnaire engine takes
(``value()``) and shows a refused answer's message next to the field it names
(``show_error(field, message)``); checking is the engine's (``AnswerError``).
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from core.i18n import N_, _
from core.questionnaire import AnswerError, Question
from ui.plain import plain_label

ERROR_COLOUR = "#b3261e"
ERROR_STYLE = f"color: {ERROR_COLOUR};"
DATE_HINT = "YYYY-MM-DD"
PARTIAL_DATE_HINT = N_("YYYY-MM-DD, YYYY-MM or YYYY")  # history dates: often only the month or year is known
_DMY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})[./](\d{4})\s*$")
_MY = re.compile(r"^\s*(\d{1,2})[./](\d{4})\s*$")
INDEXED = re.compile(r"^(?:\w+)\[(\d+)\]\.(\w+)$")


def date_text(text: str) -> str | None:
    """The date as typed (full or partial), ISO-normalised when written day.month.year or
    month.year; None when empty."""
    text = text.strip()
    if not text:
        return None
    m = _DMY.match(text)
    if m:
        day, month, year = (int(g) for g in m.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    m = _MY.match(text)
    if m:  # month.year, as written on a referral
        month, year = (int(g) for g in m.groups())
        return f"{year:04d}-{month:02d}"
    return text


def number_text(text: str) -> Any:
    """A number when the text is one (decimal comma accepted), else the text for core to refuse."""
    text = text.strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def error_label(parent: QWidget, selectable: bool = True) -> QLabel:
    """A hidden message label in the error colour; ``selectable=False`` where there are many (a checklist's rows):
    a selectable label keeps a text document of its own, which every layout of the page paid for."""
    label = plain_label(parent=parent)  # messages can quote what was typed
    label.setObjectName("fieldError")
    # the error colour as a palette: a style sheet per label sent each checklist row through the style-sheet engine
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_COLOUR))
    label.setPalette(palette)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def line(parent: QWidget, name: str, placeholder: str = "", width: int | None = None) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setAccessibleName(name)
    if width:
        edit.setMaximumWidth(width)
    return edit


class EmptyAnswer(AnswerError):
    """Nothing entered yet: not a mistake to keep on screen once the user starts over."""


class Editor(QWidget):
    """Base: one question's entry widgets."""

    submit_requested = Signal()
    changed = Signal()  # any input of the page was edited (errors are re-checked)

    def __init__(self, question: Question, parent: QWidget | None = None):
        super().__init__(parent)
        self.question = question
        self._errors: list[tuple[QWidget | None, QLabel]] = []
        self._watched: set[int] = set()

    def watch_inputs(self) -> None:
        """Connect every input of the page (rows added later too: call again) to ``changed``."""
        for widget in self.findChildren(QWidget):
            if id(widget) in self._watched:
                continue
            signal = None
            if isinstance(widget, QLineEdit):
                signal = widget.textChanged
            elif isinstance(widget, QComboBox):
                signal = widget.currentIndexChanged
            elif isinstance(widget, QAbstractButton) and widget.isCheckable():
                signal = widget.toggled
            elif isinstance(widget, QAbstractSpinBox) and hasattr(widget, "valueChanged"):
                signal = widget.valueChanged
            if signal is not None:
                self._watched.add(id(widget))
                signal.connect(self.changed)

    # to override
    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        pass

    def answer_id(self) -> str:
        """The question the value answers (a part's page may answer its whole criterion)."""
        return self.question.id

    def extra_answers(self) -> list[tuple[str, Any]]:
        """Further answers given on this page (e.g. the ESR typed into the DAS28 calculator)."""
        return []

    def first_field(self) -> QWidget | None:
        return None

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        return None, None

    def enter_moves_focus(self, widget: QWidget | None) -> bool:
        """Enter in this widget moves to the next field instead of accepting the answer."""
        return False

    def enter_was_for_completer(self, widget: QWidget | None) -> bool:
        """The Enter just picked an autocompletion: nothing else to do."""
        return False

    # shared
    def clear_errors(self) -> None:
        for widget, label in self._errors:
            label.hide()
            label.clear()
            if widget is not None:
                widget.setStyleSheet("")
        self._errors.clear()

    def show_error(self, field: str | None, message: str, focus: bool = True) -> bool:
        """Show ``message`` beside the field it concerns; False when no field of this page matches."""
        widget, label = self.field_for(field)
        if label is None:
            return False
        label.setText(message)
        label.show()
        if widget is not None:
            widget.setStyleSheet("border: 1px solid #b3261e;")
            if focus:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
        self._errors.append((widget, label))
        return True

    def visible_errors(self) -> list[str]:
        return [label.text() for _, label in self._errors if label.isVisible() or label.text()]

    def _need(self, text: str | None = None) -> AnswerError:
        return EmptyAnswer(self.question.id, text or _("Enter a value, or choose “Unknown / not available”."))
