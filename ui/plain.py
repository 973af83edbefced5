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

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives on QtGui's Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

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
