"""Reviewing one trial's rules: each criterion's verbatim text beside its rule in plain
words, with Accept / Edit / Reject.

The decisions are recorded by ``core.catalog.reviews`` (a file in the user's data folder)
and written onto the working catalog at once, so they outlive a new bundled catalog and
re-imports of newer versions of the record. This module only shows and collects.

Keyboard: N / ↓ next criterion, P / ↑ previous, A accept, E edit, R reject, U undo.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.catalog import review_batch, reviews
from core.catalog.models import Criterion, Trial
from core.faults import describe_fault
from core.i18n import N_, _, ngettext, pgettext
from core.trial_record import is_heading_text
from ui import plain
from ui.plain import plain_label, tip
from ui.review_panel import ReviewPanel
from ui.rule_edit_dialog import RuleEditDialog  # noqa: F401  (re-exported)
from ui.rule_text import _mono, describe, kind_label, parse_value, rule_json  # noqa: F401

log = logging.getLogger(__name__)

KEY_ROLE = Qt.ItemDataRole.UserRole + 1

# Marked here, translated where shown.
ORIGIN_WORDS = {
    "curated": N_("Reviewed rule (curated)"),
    "automatic-unreviewed": N_("Automatic proposal, not reviewed yet"),
    "automatic-accepted": N_("Automatic proposal, accepted"),
    "confirm-only": N_("Clinician question (no automatic rule)"),
    None: N_("No rule: the clinician answers this criterion"),
}
# (text colour, background) of the origin badge and the list marker
ORIGIN_COLOURS = {
    "curated": ("#1f3b5a", "#dde8f3"),
    "automatic-unreviewed": ("#7a4b00", "#fff3cd"),
    "automatic-accepted": ("#1b6e20", "#dff0d8"),
    "confirm-only": ("#444444", "#ececec"),
    None: ("#444444", "#ececec"),
}
MARKERS = {"curated": "✎", "automatic-unreviewed": "●", "automatic-accepted": "✓", "confirm-only": "?", None: "–"}
DECISION_WORDS = {reviews.ACCEPT: N_("Your decision: accepted"), reviews.EDIT: N_("Your decision: edited"),
                  reviews.REJECT: N_("Your decision: rejected")}


class ReviewDialog(QDialog):
    """Go through one trial's criteria and accept, edit or reject each rule."""

    changed = Signal(str)  # trial id, after every recorded decision

    def __init__(self, trial_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trial_id = trial_id
        self.setObjectName("reviewDialog")
        self.setWindowTitle(_("Review rules — {trial}").format(trial=trial_id))
        self.resize(1180, 720)
        self.rows: list[Criterion] = []
        self.decisions: dict[str, reviews.Review] = {}
        self.last_error: str | None = None
        # Tests (and scripted use) replace this to answer the editor without a modal loop.
        self.edit_rule_hook = None
        self.identical: list[Criterion] = []

        trial = Trial.get_or_none(Trial.trial_id == trial_id)
        title = trial.title if trial else _("(not in the catalog)")
        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.header.setWordWrap(True)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.header.setFont(font)
        self.header.setText(f"{trial_id} · {title}")
        self.progress_label = plain_label(parent=self)
        self.progress_label.setObjectName("reviewProgress")

        self.list = QListWidget(self)
        self.list.setObjectName("criteriaList")
        self.list.setAccessibleName(_("Criteria"))
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setAlternatingRowColors(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.currentRowChanged.connect(self._show_current)

        # the right-hand side: the criterion, its rule and the decision buttons (ui/review_panel.py)
        right = ReviewPanel(self)
        for name in ReviewPanel.PARTS:
            setattr(self, name, getattr(right, name))
        for button, slot in ((self.accept_button, self.accept_current), (self.edit_button, self.edit_current),
                             (self.reject_button, self.reject_current), (self.undo_button, self.undo_current),
                             (self.identical_button, self.apply_to_identical), (self.prev_button, self.previous),
                             (self.next_button, self.next)):
            button.clicked.connect(slot)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([420, 760])
        self.splitter = splitter

        keys = QLabel(_("Keys: A accept · E edit · R reject · U undo · N / ↓ next · P / ↑ previous"
                      "     List: ● to review · ✓ accepted · ✎ reviewed rule · ? clinician question · – no rule"),
                      self)
        keys.setStyleSheet("color: #555555;")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        close.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(keys, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.progress_label)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        for key, slot in (("A", self.accept_current), ("E", self.edit_current), ("R", self.reject_current),
                          ("U", self.undo_current), ("N", self.next), ("P", self.previous),
                          ("J", self.next), ("K", self.previous)):
            QShortcut(QKeySequence(key), self, slot)

        self.reload()
        # Start where the work is: the first proposal nobody has reviewed yet.
        first = next((r.key for r in self.rows if r.rule_origin == "automatic-unreviewed"), None)
        if first is not None:
            self.select_key(first)
        self.list.setFocus()

    # -- data -------------------------------------------------------------------------------
    def reload(self, keep_key: str | None = None) -> None:
        self.rows = list(Criterion.select().where(Criterion.trial == self.trial_id).order_by(Criterion.position))
        self.decisions = reviews.reviewed_keys(self.trial_id)
        current = keep_key or self.current_key()
        self.list.blockSignals(True)
        self.list.clear()
        depth: dict[str, int] = {}
        for row in self.rows:
            depth[row.key] = depth.get(row.parent_key, -1) + 1 if row.parent_key else 0
            item = QListWidgetItem(self.list)
            item.setData(KEY_ROLE, row.key)
            self._paint_item(item, row, depth[row.key])
        self.list.blockSignals(False)
        if self.rows:
            keys = [r.key for r in self.rows]
            self.list.setCurrentRow(keys.index(current) if current in keys else 0)
            self._show_current(self.list.currentRow())
        else:
            self._show_nothing()
        self._update_progress()

    def _paint_item(self, item: QListWidgetItem, row: Criterion, depth: int) -> None:
        text = " ".join(row.text.split())
        if len(text) > 150:
            text = text[:147] + "…"
        label = row.label or "•"
        kind = pgettext("criterion kind, short", "INC") if row.kind == "inclusion" else pgettext(
            "criterion kind, short", "EXC")
        item.setText(f"{'    ' * depth}{MARKERS.get(row.rule_origin, '–')}  {kind} {label}  {text}")
        origin = _(ORIGIN_WORDS[row.rule_origin]) if row.rule_origin in ORIGIN_WORDS else ""
        item.setToolTip(tip(f"{kind_label(row.kind, row.label)} ({row.key}): {origin}"))
        colour, _background = ORIGIN_COLOURS.get(row.rule_origin, ORIGIN_COLOURS[None])
        item.setForeground(QBrush(QColor(colour)))

    def _update_progress(self) -> None:
        total = len(self.rows)
        unreviewed = sum(1 for r in self.rows if r.rule_origin == "automatic-unreviewed")
        decided = len(self.decisions)
        proposals = sum(1 for r in self.rows if str(r.rule_origin).startswith("automatic"))
        if unreviewed:
            todo = ngettext("{n} automatic proposal still to review", "{n} automatic proposals still to review",
                            unreviewed).format(n=unreviewed)
        elif proposals:
            todo = _("every automatic proposal reviewed ✓")
        else:
            todo = _("no automatic proposals (the clinician answers the criteria without a rule)")
        self.progress_label.setText(_("{total} criteria · {decided} decided by you · {todo}").format(
            total=total, decided=decided, todo=todo))

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def current_row(self) -> Criterion | None:
        key = self.current_key()
        return next((r for r in self.rows if r.key == key), None)

    def _show_nothing(self) -> None:
        self.where_label.setText(_("This trial has no criteria in the catalog."))
        for w in (self.verbatim, self.plain, self.origin_label, self.decision_label):
            w.setText("")
        self.identical_button.setEnabled(False)
        self.json_view.setPlainText("")
        for b in (self.accept_button, self.edit_button, self.reject_button, self.undo_button):
            b.setEnabled(False)

    def _show_current(self, _row: int = -1) -> None:
        row = self.current_row()
        if row is None:
            self._show_nothing()
            return
        index = self.rows.index(row)
        self.where_label.setText(_("{criterion} · {key} · {n} of {total}").format(
            criterion=kind_label(row.kind, row.label), key=row.key, n=index + 1, total=len(self.rows)))
        self.verbatim.setText(row.text, self._read_spans(row))
        self.plain.setText(self._rule_words(row))
        self.plain_caption.setText(_("<b>Eligible when</b> (rule in plain words)") if row.kind == "inclusion"
                                   else _("<b>Excluded when</b> (rule in plain words)"))
        self.json_view.setPlainText(rule_json(row.rule) or _("(no rule)"))
        colour, background = ORIGIN_COLOURS.get(row.rule_origin, ORIGIN_COLOURS[None])
        self.origin_label.setText(self._origin_words(row))
        self.origin_label.setStyleSheet(f"color: {colour}; background: {background}; border-radius: 3px; "
                                        "padding: 3px 8px; font-weight: bold;")
        decision = self.decisions.get(row.key)
        if decision is not None:
            when = decision.reviewed_at.replace("T", " ")[:16]
            words = _(DECISION_WORDS[decision.decision])
            self.decision_label.setText(_("{decision} ({when} UTC)").format(decision=words, when=when) if when
                                        else words)
        else:
            self.decision_label.setText("")
        can_accept = row.rule is not None and row.rule_origin in ("automatic-unreviewed", "automatic-accepted")
        self.accept_button.setEnabled(can_accept)
        self.accept_button.setToolTip(_("The proposed rule is right (A)") if can_accept else
                                      _("Only an automatic proposal can be accepted"))
        self.edit_button.setEnabled(True)
        # rejecting makes the text a clinician question: never for a heading or "Not specified"
        self.reject_button.setEnabled(not self._states_nothing(row))
        self.undo_button.setEnabled(decision is not None)
        self.identical = review_batch.identical_criteria(self.trial_id, row.key) if decision is not None else []
        self.identical_button.setText(ngettext("Apply to {n} identical criterion in other trials",
                                               "Apply to {n} identical criteria in other trials",
                                               len(self.identical)).format(n=len(self.identical)))
        self.identical_button.setEnabled(bool(self.identical))
        self.prev_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.rows) - 1)

    def _rule_words(self, row: Criterion) -> str:
        """The rule in plain words; without one, whether the clinician is asked it: a heading or a
        placeholder ("Life expectancy:" over "Not specified") is never asked, and an item with
        sub-items is decided by them (as core.matching.trial_eval and core.questionnaire treat them)."""
        if row.rule is not None:
            return describe(row.rule)
        if self._states_nothing(row):
            return _("No requirement: a heading or a placeholder in the record. Nobody is asked it.")
        if any(r.parent_key == row.key for r in self.rows):
            return _("No rule of its own: decided by the items under it.")
        return describe(None)

    def _origin_words(self, row: Criterion) -> str:
        if row.rule is None and self._states_nothing(row):
            return _("No rule: nobody is asked it")
        if row.rule is None and any(r.parent_key == row.key for r in self.rows):
            return _("No rule: decided by the items under it")
        return _(ORIGIN_WORDS[row.rule_origin]) if row.rule_origin in ORIGIN_WORDS else str(row.rule_origin)

    def _states_nothing(self, row: Criterion) -> bool:
        children = [r for r in self.rows if r.parent_key == row.key]
        return row.rule in (None, "") and is_heading_text(row.text) and all(self._states_nothing(c) for c in children)

    @staticmethod
    def _read_spans(row: Criterion) -> list[tuple[int, int]]:
        """Where the automatic rule's parts were read from in the criterion (none for other rules)."""
        if row.rule_origin not in ("automatic-unreviewed", "automatic-accepted"):
            return []
        from core.catalog.proposals import proposal_in_context

        proposal = proposal_in_context(row.trial_id, row.key)
        return plain.word_spans(row.text, [p["words"] for p in proposal.parts]) if proposal else []

    def apply_to_identical(self) -> int:
        row = self.current_row()
        if row is None or not self.identical_button.isEnabled():
            return 0
        try:
            done = review_batch.apply_to_identical(self.trial_id, row.key)
        except Exception as exc:  # the file or the catalog could not be written
            log.exception("applying a decision to identical criteria failed")
            plain.warning(self, _("The decisions were not saved"),
                          describe_fault(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}")
            return 0
        self.reload(keep_key=row.key)
        self.changed.emit(self.trial_id)
        return done

    # -- navigation ---------------------------------------------------------------------------
    def next(self) -> None:
        row = self.list.currentRow()
        if row < self.list.count() - 1:
            self.list.setCurrentRow(row + 1)

    def previous(self) -> None:
        row = self.list.currentRow()
        if row > 0:
            self.list.setCurrentRow(row - 1)

    def select_key(self, key: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(KEY_ROLE) == key:
                self.list.setCurrentRow(i)
                return True
        return False

    # -- decisions ----------------------------------------------------------------------------
    def _record(self, decision: str, rule: Any = None, advance: bool = True) -> bool:
        row = self.current_row()
        if row is None:
            return False
        try:
            reviews.save_review(self.trial_id, row.key, decision, rule)
        except reviews.ReviewError as exc:
            self.last_error = str(exc)
            plain.warning(self, _("The decision was not saved"), str(exc))
            return False
        except Exception as exc:  # the file or the catalog could not be written
            log.exception("saving a review of %s %s failed", self.trial_id, row.key)
            self.last_error = describe_fault(exc) if isinstance(exc, OSError) else f"{type(exc).__name__}: {exc}"
            plain.warning(self, _("The decision was not saved"),
                          _("The decision could not be saved:\n\n{problem}").format(problem=self.last_error))
            return False
        self.last_error = None
        self.reload(keep_key=row.key)
        self.changed.emit(self.trial_id)
        if advance:
            self.next()
        return True

    def accept_current(self) -> bool:
        if not self.accept_button.isEnabled():
            return False
        return self._record(reviews.ACCEPT)

    def reject_current(self) -> bool:
        if not self.reject_button.isEnabled():
            return False
        return self._record(reviews.REJECT)

    def edit_current(self) -> bool:
        row = self.current_row()
        if row is None:
            return False
        if self.edit_rule_hook is not None:
            rule = self.edit_rule_hook(row)
        else:
            dialog = RuleEditDialog(row.rule, row.text, self,
                                    title=_("Edit rule — {trial} {criterion}").format(
                                        trial=self.trial_id, criterion=kind_label(row.kind, row.label)))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            rule = dialog.rule
        if rule is None:
            return False
        return self._record(reviews.EDIT, rule)

    def undo_current(self) -> bool:
        row = self.current_row()
        if row is None or row.key not in self.decisions:
            return False
        try:
            reviews.forget_review(self.trial_id, row.key)
        except Exception as exc:
            log.exception("undoing a review failed")
            plain.warning(self, _("The decision was not undone"), str(exc))
            return False
        self.reload(keep_key=row.key)
        self.changed.emit(self.trial_id)
        return True
