"""ui.plain: text from records and users shown exactly as written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from ui.plain import TOOLTIP_MAX_CHARS, literal, plain_label, tip


def _shown(markup: str) -> str:
    doc = QTextDocument()
    doc.setHtml(markup)
    return doc.toPlainText()


def test_tip_shows_markup_literally_and_is_bounded():
    text = '<img src="/etc/passwd"> <font size=200>x</font>\n<!-- y -->'
    assert _shown(tip(text)) == text
    long = "a" * (TOOLTIP_MAX_CHARS * 10)
    assert len(tip(long)) < TOOLTIP_MAX_CHARS + 200


def test_literal_leaves_plain_text_alone_and_escapes_markup():
    assert literal("The file could not be saved.") == "The file could not be saved."
    assert _shown(literal("<b>x</b> & y")) == "<b>x</b> & y"


def test_plain_label_is_plain(qtbot):
    label = plain_label("<b>not bold</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText and label.text() == "<b>not bold</b>"
