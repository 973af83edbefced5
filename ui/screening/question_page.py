"""The question page of the questionnaire window: the question, its help, "Why is this
asked?", the editor's scroll area, the page's error line, and the Unknown / Next buttons
(kept at the bottom, so they stay in place whatever the question)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from core.i18n import _
from ui.plain import plain_label
from ui.screening.editors import ERROR_STYLE
from ui.screening.text import unknown_text

PAGE_PARTS = ("question_label", "help_label", "trials_label", "why_button", "why_label", "editor_area",
              "error_label", "unknown_button", "cancel_change_button", "next_button")


class QuestionPage(QGroupBox):
    """Widgets only; the window fills them and connects the buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("questionPage")
        page_layout = QVBoxLayout(self)
        self.question_label = plain_label(parent=self)
        self.question_label.setObjectName("questionText")
        self.question_label.setWordWrap(True)
        font = self.question_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.question_label.setFont(font)
        self.help_label = plain_label(parent=self)
        self.help_label.setObjectName("questionHelp")
        self.help_label.setWordWrap(True)
        self.help_label.setStyleSheet("color: #555;")
        self.trials_label = plain_label(parent=self)
        self.trials_label.setObjectName("questionTrials")
        self.trials_label.setWordWrap(True)
        self.why_button = QPushButton(_("&Why is this asked?"), self)
        self.why_button.setObjectName("whyButton")
        self.why_button.setFlat(True)
        self.why_button.setStyleSheet("color: #1a5fb4; text-decoration: underline; text-align: left;")
        self.why_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.why_label = plain_label(parent=self)
        self.why_label.setObjectName("whyText")
        self.why_label.setWordWrap(True)
        self.why_label.setTextFormat(Qt.TextFormat.RichText)
        self.why_label.setStyleSheet("background: #f3f6fb; padding: 6px;")
        self.why_label.hide()
        why_row = QHBoxLayout()
        why_row.addWidget(self.trials_label, 1)
        why_row.addWidget(self.why_button)
        self.editor_area = QScrollArea(self)
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.error_label = plain_label(parent=self)
        self.error_label.setObjectName("answerError")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        buttons = QHBoxLayout()
        self.unknown_button = QPushButton(_("{unknown} (Ctrl+U)").format(unknown=unknown_text()), self)
        self.unknown_button.setObjectName("unknownButton")
        self.cancel_change_button = QPushButton(_("Cancel change"), self)
        self.cancel_change_button.setObjectName("cancelChange")
        self.cancel_change_button.hide()
        self.next_button = QPushButton(_("Next ▸"), self)
        self.next_button.setObjectName("nextButton")
        self.next_button.setToolTip(_("Accept the answer (Enter)"))
        buttons.addWidget(self.unknown_button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_change_button)
        buttons.addWidget(self.next_button)

        page_layout.addWidget(self.question_label)
        page_layout.addWidget(self.help_label)
        page_layout.addLayout(why_row)
        page_layout.addWidget(self.why_label)
        page_layout.addWidget(self.editor_area, 1)
        page_layout.addWidget(self.error_label)
        page_layout.addLayout(buttons)
