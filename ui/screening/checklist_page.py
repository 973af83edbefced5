"""The checklist page: a trial's remaining criteria, each with three choices, on one page
(core.questionnaire.checklist; issue 15).

One row per criterion the app could not read: its name ("Inclusion 3"), its verbatim text as
plain text (never markup), wrapped, and Met / Not met / Unknown (an exclusion: Applies / Does
not apply / Unknown; a part of a rule: Yes / No / Unknown), set to Unknown or the answer given
before. A row is one stop of the Tab key (its buttons take no focus of their own): Left and
Right change its choice, Up and Down move to the row above or below, Enter accepts the page and
Ctrl+U answers every row unknown, as on any page. The window's question area scrolls a long list.

A row's words are not selectable with the mouse: a selectable label keeps a text document of its own, and laying
those out was most of the time a long page took to appear. Ctrl+C on a row, or its context menu, copies the
criterion's name and words instead (the keyboard reaches it too).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from core.i18n import N_, _, pgettext
from core.questionnaire import Question
from core.questionnaire.record import asked_before_words
from core.questionnaire.wording import question_text
from ui.plain import plain_label
from ui.screening.editors.base import Editor, error_label
from ui.screening.text import capitalised, criterion_name

CHOICES = {  # (yes, no) in the words of the row's kind; "unknown" is the third everywhere
    "inclusion": (N_("Met"), N_("Not met")),
    "exclusion": (N_("Applies"), N_("Does not apply")),
    "part": (N_("Yes"), N_("No")),
}
UNKNOWN = N_("Unknown")  # short: a row's third choice (the page's button says "Unknown / not available")
PART_OF = N_("Part of the criterion: {criterion}")
CODES = ("yes", "no", "unknown")
# The row's frame, and its focus mark, painted by the row itself: a style sheet on the page would make every label
# and button of every row go through the style-sheet engine, which was most of the time a page took to appear.
ROW_BORDER, FOCUS_BORDER, FOCUS_FILL = "#d0d0d0", "#1a5fb4", "#f3f6fb"


def row_text(row: dict[str, Any]) -> str:
    """What a row quotes: the criterion as published; a list with its items; a part's own question."""
    if row.get("list") or row.get("part"):
        return question_text(row["question"])
    return str(row.get("criterion_text") or "")


class ChecklistRow(QFrame):
    """One criterion and its three choices; the row itself takes the keyboard focus."""

    def __init__(self, row: dict[str, Any], earlier: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checklistRow")
        self.question_id: str = row["question_id"]
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        kind = "exclusion" if row.get("criterion_kind") == "exclusion" else "inclusion"
        self.name_label = plain_label(criterion_name(kind, str(row.get("criterion_key") or ""),
                                                     row.get("criterion_label")), self)
        font = self.name_label.font()
        font.setBold(True)
        self.name_label.setFont(font)
        self.text_label = self._wrapped(row_text(row), "checklistText")
        layout.addWidget(self.name_label)
        layout.addWidget(self.text_label)
        self.context_label: QLabel | None = None
        if row.get("part"):  # the part's question, then the criterion it belongs to
            self.context_label = self._wrapped(_(PART_OF).format(criterion=row.get("criterion_text") or ""),
                                               "checklistContext", grey=True)
            layout.addWidget(self.context_label)
        if earlier:  # asked in an earlier screening: said, never carried over
            layout.addWidget(self._wrapped(capitalised(asked_before_words(earlier)) + pgettext("punctuation", "."),
                                           "checklistEarlier", grey=True))
        yes, no = CHOICES["part" if row.get("part") else kind]
        choices = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for code, text in zip(CODES, (_(yes), _(no), _(UNKNOWN)), strict=True):
            button = QRadioButton(text, self)
            button.setObjectName(f"choice_{code}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the row is the Tab stop; arrows choose
            button.clicked.connect(lambda _checked=False: self.setFocus(Qt.FocusReason.MouseFocusReason))
            self.group.addButton(button)
            self.buttons[code] = button
            choices.addWidget(button)
        choices.addStretch(1)
        layout.addLayout(choices)
        self.error = error_label(self, selectable=False)
        layout.addWidget(self.error)
        self.group.buttonToggled.connect(lambda _button, _on: self.setAccessibleDescription(
            self.buttons[self.code()].text()))
        self.set_code(row.get("answer"))
        self.setAccessibleName(f"{self.name_label.text()}: {self.text_label.text()}")

    def _wrapped(self, text: str, name: str, grey: bool = False) -> QLabel:
        label = plain_label(text, self)  # record text: Qt.PlainText, never markup
        label.setObjectName(name)
        label.setWordWrap(True)  # not selectable: see the module's docstring, and copy_text
        if grey:  # a palette, not a style sheet (see ROW_BORDER)
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, QColor("#555555"))
            label.setPalette(palette)
        return label

    def copy_text(self) -> str:
        """Put the row's criterion, name and words, on the clipboard as plain text; return it."""
        text = "\n".join(label.text() for label in (self.name_label, self.text_label, self.context_label) if label)
        QGuiApplication.clipboard().setText(text)
        return text

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt's name)
        menu = QMenu(self)
        menu.addAction(_("Copy the criterion's text"), self.copy_text)
        menu.exec(event.globalPos())

    def code(self) -> str:
        return next((code for code, button in self.buttons.items() if button.isChecked()), "unknown")

    def set_code(self, value: Any) -> None:
        if isinstance(value, bool):
            value = "yes" if value else "no"
        self.buttons.get(str(value), self.buttons["unknown"]).setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_text()
            return
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not event.modifiers():
            step = 1 if key == Qt.Key.Key_Right else -1
            index = max(0, min(len(CODES) - 1, CODES.index(self.code()) + step))
            self.buttons[CODES[index]].click()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            self.focusNextPrevChild(key == Qt.Key.Key_Down)
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        """A thin grey frame; with the keyboard focus, a blue one on a light fill."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        focused = self.hasFocus()
        width = 2 if focused else 1
        painter.setPen(QPen(QColor(FOCUS_BORDER if focused else ROW_BORDER), width))
        painter.setBrush(QColor(FOCUS_FILL) if focused else Qt.BrushStyle.NoBrush)
        half = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 3, 3)
        painter.end()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusOutEvent(event)
        self.update()  # the focus mark goes

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt's name)
        super().focusInEvent(event)
        self.update()  # the focus mark comes
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None:  # a long list: the row reached by keyboard comes into view
            parent.ensureWidgetVisible(self)


class ChecklistEditor(Editor):
    """The rows of a checklist question; ``value()`` is {row question id: "yes" / "no" / "unknown"}."""

    def __init__(self, question: Question, parent: QWidget | None = None,
                 earlier: Callable[[str], str | None] | None = None):
        super().__init__(question, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.rows: list[ChecklistRow] = []
        for row in question.details.get("rows", []):
            widget = ChecklistRow(row, earlier(row["question_id"]) if earlier else None, self)
            self.rows.append(widget)
            layout.addWidget(widget)
        self.error = error_label(self)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def row(self, question_id: str) -> ChecklistRow:
        return next(r for r in self.rows if r.question_id == question_id)

    def value(self) -> dict[str, str]:
        return {row.question_id: row.code() for row in self.rows}

    def set_value(self, value: Any) -> None:
        if isinstance(value, dict):
            for row in self.rows:
                if row.question_id in value:
                    row.set_code(value[row.question_id])

    def first_field(self) -> QWidget | None:
        return self.rows[0] if self.rows else None

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        for row in self.rows:
            if row.question_id == field:
                return row, row.error
        return None, self.error

    def show_error(self, field: str | None, message: str, focus: bool = True) -> bool:
        """The message under the row it names (the row keeps its own frame: a border style would
        reach every label inside it)."""
        row, label = self.field_for(field)
        label.setText(message)
        label.show()
        if row is not None and focus:
            row.setFocus(Qt.FocusReason.OtherFocusReason)
        self._errors.append((None, label))
        return True
