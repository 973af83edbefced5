"""The review screen's right-hand side: one criterion as written (the words its automatic rule was
read from highlighted), the rule in plain words and as JSON, its origin and the decision buttons.
``ReviewDialog`` fills it and connects the buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from core.i18n import _
from ui import plain
from ui.plain import plain_label
from ui.rule_text import _mono


class ReviewPanel(QWidget):
    """The widgets showing and deciding on one criterion (the dialog copies values into them)."""

    PARTS = ("where_label", "verbatim", "origin_label", "decision_label", "plain", "plain_caption", "json_view",
             "accept_button", "edit_button", "reject_button", "undo_button", "identical_button", "prev_button",
             "next_button")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.where_label = plain_label(parent=self)
        self.where_label.setObjectName("criterionWhere")
        self.where_label.setStyleSheet("font-weight: bold; color: #1f3b5a;")
        # the criterion as written; the words the automatic rule was read from are highlighted
        self.verbatim = plain.HighlightedText(self)
        self.verbatim.setObjectName("verbatimText")
        self.verbatim.setAccessibleName(_("Criterion as written"))
        self.verbatim.setStyleSheet("background: #f7f7f2; border: 1px solid #d8d8d0; padding: 4px;")
        self.verbatim.setMaximumHeight(140)
        self.origin_label = plain_label(parent=self)
        self.origin_label.setObjectName("originBadge")
        self.decision_label = plain_label(parent=self)
        self.decision_label.setObjectName("decisionLabel")
        self.decision_label.setStyleSheet("color: #555555;")
        self.plain = QLabel(self)
        self.plain.setObjectName("ruleWords")
        self.plain.setAccessibleName(_("Rule in plain words"))
        self.plain.setWordWrap(True)
        self.plain.setTextFormat(Qt.TextFormat.PlainText)
        self.plain.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plain.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.plain.setStyleSheet("background: #ffffff; border: 1px solid #c8d0d8; padding: 8px;")
        self.json_view = QPlainTextEdit(self)
        self.json_view.setObjectName("ruleJson")
        self.json_view.setAccessibleName(_("Rule as JSON"))
        self.json_view.setReadOnly(True)
        self.json_view.setFont(_mono())
        self.json_view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.json_view.setFrameShape(QFrame.Shape.StyledPanel)

        self.accept_button = QPushButton(_("&Accept"), self)
        self.accept_button.setObjectName("acceptButton")
        self.accept_button.setToolTip(_("The proposed rule is right (A)"))
        self.edit_button = QPushButton(_("&Edit…"), self)
        self.edit_button.setObjectName("editButton")
        self.edit_button.setToolTip(_("Write or correct the rule (E)"))
        self.reject_button = QPushButton(_("&Reject"), self)
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.setToolTip(_("No automatic rule: the clinician answers this criterion (R)"))
        self.undo_button = QPushButton(_("&Undo decision"), self)
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setToolTip(_("Forget the decision on this criterion and show the proposal again (U)"))
        self.identical_button = QPushButton(_("Apply to identical criteria"), self)
        self.identical_button.setObjectName("identicalButton")
        self.identical_button.setToolTip(
            _("Record the same decision for the same unreviewed criterion in other trials"))
        self.prev_button = QPushButton(_("◀ &Previous"), self)
        self.prev_button.setToolTip(_("Previous criterion (P or ↑)"))
        self.next_button = QPushButton(_("&Next ▶"), self)
        self.next_button.setToolTip(_("Next criterion (N or ↓)"))
        for b in (self.accept_button, self.edit_button, self.reject_button, self.undo_button,
                  self.prev_button, self.next_button):
            b.setAutoDefault(False)
        decide = QHBoxLayout()
        decide.addWidget(self.accept_button)
        decide.addWidget(self.edit_button)
        decide.addWidget(self.reject_button)
        decide.addWidget(self.undo_button)
        decide.addWidget(self.identical_button)
        decide.addStretch(1)
        decide.addWidget(self.prev_button)
        decide.addWidget(self.next_button)

        origin_row = QHBoxLayout()
        origin_row.addWidget(self.origin_label)
        origin_row.addWidget(self.decision_label, 1)

        r = QVBoxLayout(self)
        r.setContentsMargins(8, 0, 0, 0)
        r.addWidget(self.where_label)
        r.addWidget(self.verbatim)
        r.addSpacing(6)
        self.plain_caption = QLabel(_("<b>Rule in plain words</b>"), self)
        r.addWidget(self.plain_caption)
        r.addWidget(self.plain)
        r.addLayout(origin_row)
        r.addSpacing(4)
        r.addLayout(decide)
        r.addSpacing(6)
        r.addWidget(QLabel(_("<b>Rule as JSON</b>"), self))
        r.addWidget(self.json_view, 1)

