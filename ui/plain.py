"""Text from records and users is never markup: plain-text labels, tooltips and message boxes.

Qt guesses rich text wherever a widget's format is "auto" (QLabel, QMessageBox, tooltips): a
criterion holding ``<img src="/dev/zero">`` would then be rendered, opening local files, and
``<font size=200>`` or ``<!-- ... -->`` would resize or hide words. Every widget in ``ui/``
that shows text it did not write itself goes through these helpers. The few labels whose
markup is the app's own (a bold caption) are made with ``rich_label`` and escape anything
else they hold with ``esc``.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives on QtGui's Qt
from PySide6.QtWidgets import QFrame, QLabel, QMessageBox, QPlainTextEdit, QWidget

# Longest tooltip shown: a tooltip is a glance, and a megabyte of text would freeze the window.
TOOLTIP_MAX_CHARS = 2000


def esc(text: object) -> str:
    """Any text as safe HTML for the app's own rich labels (line breaks kept)."""
    return html.escape(str(text), quote=True).replace("\n", "<br>")


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows its text exactly as written, never as markup."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def make_plain(label: QLabel) -> QLabel:
    """Set an existing label to plain text (for labels made by a layout or a designer)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def rich_label(markup: str, parent: QWidget | None = None) -> QLabel:
    """A QLabel whose markup is the app's own; record or user text inside must go through esc()."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(markup)
    return label


def tip(text: str) -> str:
    """A tooltip that shows ``text`` literally.

    Tooltips have no format setting: Qt renders a string it guesses to be rich text. Wrapping
    the escaped text in ``<qt>`` makes the guess certain and the content inert.
    """
    text = str(text)
    if len(text) > TOOLTIP_MAX_CHARS:
        text = text[:TOOLTIP_MAX_CHARS] + " …"
    return "<qt style='white-space:pre-wrap'>" + esc(text) + "</qt>"


def literal(text: object) -> str:
    """``text`` in a form a widget with automatic format shows exactly as written.

    For message boxes made by QMessageBox's static functions (their format is automatic):
    text Qt would take for markup is escaped and marked rich, everything else is left alone.
    """
    text = str(text)
    if GuiQt.mightBeRichText(text) or "<" in text.split("\n", 1)[0]:
        return "<qt style='white-space:pre-wrap'>" + esc(text) + "</qt>"
    return text


def warning(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, literal(text))


def critical(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, literal(text))


def information(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, literal(text))


def question(parent: QWidget | None, title: str, text: str,
             buttons: QMessageBox.StandardButton = (QMessageBox.StandardButton.Yes
                                                    | QMessageBox.StandardButton.No),
             default: QMessageBox.StandardButton = QMessageBox.StandardButton.No) -> QMessageBox.StandardButton:
    return QMessageBox.question(parent, title, literal(text), buttons, default)


def message_box(icon: QMessageBox.Icon, title: str, text: str,
                buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
                parent: QWidget | None = None) -> QMessageBox:
    """A QMessageBox whose text (and informative text) is plain, for callers that add buttons."""
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


class HighlightedText(QPlainTextEdit):
    """Read-only plain text with some spans highlighted (``QTextCharFormat``, never markup): the
    criterion as written, with the words each part of its rule was read from marked."""

    HIGHLIGHT = "#fff0a8"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.spans: list[tuple[int, int]] = []

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str, spans: list[tuple[int, int]] = ()) -> None:  # noqa: N802 - QLabel's name
        self.setPlainText(text)
        self.spans = [(a, b) for a, b in spans if 0 <= a < b <= len(text)]
        fmt = QTextCharFormat()
        fmt.setBackground(QColor(self.HIGHLIGHT))
        for start, end in self.spans:
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)


def word_spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where ``words`` (phrases, as the extractor read them) occur in ``text``, case-insensitively:
    the whole phrase when it is there, else each of its longer words."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for phrase in words:
        phrase = " ".join(phrase.lower().split())
        at = lowered.find(phrase) if phrase else -1
        if at >= 0:
            spans.append((at, at + len(phrase)))
            continue
        for word in re.findall(r"[a-z0-9]{3,}", phrase):
            for m in re.finditer(rf"\b{re.escape(word)}\b", lowered):
                spans.append((m.start(), m.end()))
    return sorted(set(spans))
