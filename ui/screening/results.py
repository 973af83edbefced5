"""The live results panel: every candidate trial's verdict (colour and words, "from" a date
when waiting settles it), its recruitment status beside it, what is to be done before
enrolment, and the criteria met / met after the steps or from a date / not met / unknown
with the sentence why. Trials are sorted by verdict, then by how well their conditions fit the
patient's diagnoses (core.matching.condition_fit); those whose conditions match none of them are
grouped apart, collapsed. Tick the trials a referral letter goes to: by default only those
eligible or possibly eligible whose conditions match; the clinician's own ticks are kept."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from core.catalog import status as st
from core.i18n import N_, _, current_language, ngettext, pgettext
from core.matching.condition_fit import matches
from core.matching.sentences import local_date
from core.matching.verdict import (
    ELIGIBLE,
    NOT_ELIGIBLE,
    POSSIBLY_ELIGIBLE,
    TrialVerdict,
)
from ui.plain import plain_label, tip
from ui.screening.results_rows import FULL_ROLE, add_criteria
from ui.screening.text import VERDICT_COLOUR, VERDICT_MARK, verdict_text

TRIAL_ROLE = Qt.ItemDataRole.UserRole + 1
_ORDER = {ELIGIBLE: 0, POSSIBLY_ELIGIBLE: 1, NOT_ELIGIBLE: 2}
OTHER_TRIALS = N_("Other trials (conditions do not match)")  # also the group's role data: translated where shown
GROUP_ROLE = Qt.ItemDataRole.UserRole + 3

_COUNTS = {ELIGIBLE: N_("{n} eligible"), POSSIBLY_ELIGIBLE: N_("{n} possibly eligible"),
           NOT_ELIGIBLE: N_("{n} not eligible")}


def verdict_words(v: TrialVerdict) -> str:
    """"✔ Eligible", or "✔ Eligible from 2027-03-01" when waiting settles it."""
    words = f"{VERDICT_MARK[v.verdict]} {verdict_text(v.verdict)}"
    if v.eligible_from:
        return _("{verdict} from {date}").format(verdict=words, date=local_date(v.eligible_from))
    if v.unreviewed:  # the exclusion rests on an automatic reading nobody reviewed (docs/rules.md)
        return _("{verdict} (read automatically, not yet reviewed)").format(verdict=words)
    return words


class ResultsPanel(QWidget):
    letter_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("resultsPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        title = QLabel("<b>" + html.escape(_("Live results")) + "</b>", self)
        self.summary = QLabel(self)
        self.summary.setObjectName("resultsSummary")
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("resultsTree")
        self.tree.setAccessibleName(_("Trial results"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([_("Trial (tick to include in the letter)"), _("Verdict"), _("Recruitment")])
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The verdict and recruitment columns fit their text up to a share of the width (_fit_columns):
        # sized to their contents, one long verdict ("… (read automatically, not yet reviewed)") left the
        # trial column a few pixels wide, so no trial could be told from another.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.tree.itemChanged.connect(self._item_changed)
        # a group opened or closed shows other rows: their verdicts are fitted again (the "other trials" group)
        self.tree.itemExpanded.connect(self._expanded_item)
        self.tree.itemCollapsed.connect(self._fold_changed)
        self.letter_button = QPushButton(_("&Referral letter…"), self)
        self.letter_button.setObjectName("letterButton")
        self.letter_button.setToolTip(_("A referral letter for the ticked trials"))
        self.letter_button.clicked.connect(self.letter_requested)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.letter_button)
        layout.addWidget(title)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        # The selected row in full, wrapped: a long reason or title is never only "…" (issue 13).
        self.detail = plain_label(parent=self)
        self.detail.setObjectName("resultDetail")
        self.detail.setAccessibleName(_("Selected result in full"))
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail.setMargin(4)
        self.detail.setMinimumHeight(48)
        self.detail.setText(_("Select a row to read it in full here."))
        layout.addWidget(self.detail)
        self.tree.currentItemChanged.connect(self._show_detail)
        self._chosen: dict[str, bool] = {}  # the user's own ticks (the rest follow the default)
        self._expanded: set[str] = set()
        self._filling = False
        self.verdicts: dict[str, TrialVerdict] = {}
        self.fits: dict[str, int | None] = {}
        self._other_expanded = False
        self._items: dict[str, QTreeWidgetItem] = {}  # each trial's row, by id
        self._layout: tuple | None = None  # what the tree was last built for (show_verdicts)

    # -- content --------------------------------------------------------------------------
    def show_verdicts(self, verdicts: dict[str, TrialVerdict], titles: dict[str, str],
                      fits: dict[str, int | None] | None = None) -> None:
        """``fits``: per trial, how well its conditions fit the patient (None: cannot tell yet)."""
        fits = dict(fits or {})

        def order(v: TrialVerdict) -> tuple:
            fit = fits.get(v.trial_id)
            return _ORDER.get(v.verdict, 9), -(fit if fit is not None else 0), v.trial_id

        ordered = sorted(verdicts.values(), key=order)
        other = [v for v in ordered if fits.get(v.trial_id) is not None and not matches(fits[v.trial_id])]
        # Same trials, order, grouping, titles and language: only the trials whose verdict changed are redrawn (one
        # answer changes a few; redrawing 100 trials' criteria took most of a step in the window).
        layout = (current_language(), tuple(v.trial_id for v in ordered), frozenset(v.trial_id for v in other),
                  tuple(fits.get(v.trial_id) for v in ordered), tuple(titles.get(v.trial_id, "") for v in ordered))
        before, self.verdicts, self.fits = self.verdicts, dict(verdicts), fits
        bold = QFont(self.tree.font())
        bold.setBold(True)
        self._filling = True
        if layout == self._layout and len(self._items) == len(ordered):
            spanned = self._redraw_changed(ordered, before, titles, bold)
        else:
            spanned = self._rebuild(ordered, other, titles, bold)
        self._layout = layout
        # Spanning only takes effect once an item is in the tree, and each call lays the whole
        # tree out again if a layout is pending: set them all after the tree is filled (one
        # layout, not one per row: 100 trials took 0.7 s per answer the other way).
        for row in spanned:
            row.setFirstColumnSpanned(True)
        self._fit_columns()
        self._filling = False
        counts = {ELIGIBLE: 0, POSSIBLY_ELIGIBLE: 0, NOT_ELIGIBLE: 0}
        for v in ordered:
            counts[v.verdict] = counts.get(v.verdict, 0) + 1
        parts = [_(_COUNTS[k]).format(n=counts[k]) for k in (ELIGIBLE, POSSIBLY_ELIGIBLE, NOT_ELIGIBLE)]
        self.summary.setText(ngettext("{n} candidate trial: {counts}", "{n} candidate trials: {counts}",
                                      len(verdicts)).format(n=len(verdicts),
                                                            counts=pgettext("list separator", ", ").join(parts)))
        self._update_button()

    def _rebuild(self, ordered: list[TrialVerdict], other: list[TrialVerdict], titles: dict[str, str],
                 bold: QFont) -> list[QTreeWidgetItem]:
        """The whole tree anew; the rows that span every column."""
        self._remember_expanded()
        self.tree.clear()
        self._items = {}
        spanned: list[QTreeWidgetItem] = []
        other_group = None
        if other:
            other_group = QTreeWidgetItem([f"{_(OTHER_TRIALS)} ({len(other)})"])
            other_group.setData(0, GROUP_ROLE, OTHER_TRIALS)
            other_group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            other_group.setToolTip(0, _("Trials for other conditions than the patient's diagnoses: shown for "
                                        "completeness, never ticked for the letter unless you tick them."))
        for v in ordered:
            item = QTreeWidgetItem()
            self._items[v.trial_id] = item
            self._fill_trial(item, v, titles.get(v.trial_id, ""), bold)
            if other_group is not None and v in other:
                other_group.addChild(item)
            else:
                self.tree.addTopLevelItem(item)
            spanned += self._criteria_or_later(item, v, v.trial_id in self._expanded)
            item.setExpanded(v.trial_id in self._expanded)
        if other_group is not None:
            self.tree.addTopLevelItem(other_group)
            spanned.append(other_group)
            other_group.setExpanded(self._other_expanded)
        return spanned

    def _redraw_changed(self, ordered: list[TrialVerdict], before: dict[str, TrialVerdict], titles: dict[str, str],
                        bold: QFont) -> list[QTreeWidgetItem]:
        """Only the trials whose verdict differs from ``before`` (rows and criteria); the rows that span."""
        spanned: list[QTreeWidgetItem] = []
        for v in ordered:
            if before.get(v.trial_id) == v:
                continue
            item = self._items[v.trial_id]
            self._fill_trial(item, v, titles.get(v.trial_id, ""), bold)
            item.takeChildren()
            spanned += self._criteria_or_later(item, v, item.isExpanded())
        return spanned

    def _criteria_or_later(self, item: QTreeWidgetItem, v: TrialVerdict, shown: bool) -> list[QTreeWidgetItem]:
        """A trial's criteria rows now if it is ``shown`` open (the rows that span), else when it is first opened:
        until then it shows the arrow that opens it, which is also how ``_expanded_item`` knows its rows are still to
        be built. Building every trial's rows after each answer was most of a step with 100 trials."""
        if shown:
            item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.DontShowIndicatorWhenChildless)
            return add_criteria(item, v)
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return []

    def _expanded_item(self, item: QTreeWidgetItem) -> None:
        """A trial opened for the first time since its verdict was drawn gets its criteria rows now."""
        trial_id = item.data(0, TRIAL_ROLE)
        unfilled = item.childIndicatorPolicy() == QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator
        if unfilled and trial_id in self.verdicts:
            for row in self._criteria_or_later(item, self.verdicts[trial_id], True):
                row.setFirstColumnSpanned(True)  # the item is in the tree: spanning takes effect at once
        self._fold_changed(item)

    def _fill_trial(self, item: QTreeWidgetItem, v: TrialVerdict, title: str, bold: QFont) -> None:
        """A trial's own row: its id and title, the verdict in colour, recruitment, the letter tick."""
        recruitment = _(st.label(v.recruitment_status)) if v.recruitment_status else _("not given")
        for column, text in enumerate((f"{v.trial_id} — {title}", verdict_words(v), recruitment)):
            item.setText(column, text)
        item.setData(0, TRIAL_ROLE, v.trial_id)
        item.setToolTip(0, tip(f"{v.trial_id}: {title}"))
        item.setData(0, FULL_ROLE, f"{v.trial_id} — {title}\n" + _("{verdict} · recruitment: {status}").format(
            verdict=verdict_words(v), status=recruitment))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if self.is_chosen(v.trial_id) else Qt.CheckState.Unchecked)
        item.setForeground(1, QBrush(QColor(VERDICT_COLOUR[v.verdict])))
        item.setFont(1, bold)
        item.setToolTip(1, tip(verdict_words(v)))
        if v.recruitment_status and v.recruitment_status not in st.OPEN_STATUSES:
            item.setForeground(2, QBrush(QColor("#666666")))
        else:  # the palette's colour (an empty brush would paint the text invisible)
            item.setData(2, Qt.ItemDataRole.ForegroundRole, None)

    def _fold_changed(self, _item: QTreeWidgetItem) -> None:
        if not self._filling:  # while filling, show_verdicts fits them once at the end
            self._fit_columns()

    def _fit_columns(self) -> None:
        """Verdict and recruitment as wide as their text, but never more than 30 % and 20 % of the
        tree: the trial column keeps at least half (a longer text is elided; its tooltip and the
        detail pane below say it whole)."""
        width = max(self.tree.viewport().width(), 200)
        header = self.tree.header()
        for column, share in ((1, 0.30), (2, 0.20)):
            # rows folded away count for nothing in the hint: the header's word is the least ("Verdict")
            wanted = max(self.tree.sizeHintForColumn(column) + 12, header.sectionSizeHint(column))
            self.tree.setColumnWidth(column, min(wanted, int(width * share)))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_columns()

    def trial_items(self) -> list[QTreeWidgetItem]:
        """The trials' rows, in the order shown (those in the "other trials" group last)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, GROUP_ROLE) == OTHER_TRIALS:
                out += [top.child(j) for j in range(top.childCount())]
            elif top.data(0, TRIAL_ROLE):
                out.append(top)
        return out

    def other_group(self) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, GROUP_ROLE) == OTHER_TRIALS:
                return top
        return None

    def _show_detail(self, item: QTreeWidgetItem | None, *_args) -> None:
        if item is not None:
            self.detail.setText(item.data(0, FULL_ROLE) or item.text(0))

    def _remember_expanded(self) -> None:
        for item in self.trial_items():
            tid = item.data(0, TRIAL_ROLE)
            if item.isExpanded():
                self._expanded.add(tid)
            else:
                self._expanded.discard(tid)
        group = self.other_group()
        if group is not None:
            self._other_expanded = group.isExpanded()

    # -- letter choice --------------------------------------------------------------------
    def is_chosen(self, trial_id: str) -> bool:
        if trial_id in self._chosen:
            return self._chosen[trial_id]
        v = self.verdicts.get(trial_id)
        # by default only a trial not ruled out whose conditions match one of the patient's diagnoses
        return v is not None and v.verdict != NOT_ELIGIBLE and matches(self.fits.get(trial_id))

    def chosen(self) -> list[str]:
        return [item.data(0, TRIAL_ROLE) for item in self.trial_items()
                if item.checkState(0) == Qt.CheckState.Checked]

    def set_chosen(self, trial_id: str, chosen: bool) -> None:
        item = self.item_for(trial_id)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def item_for(self, trial_id: str) -> QTreeWidgetItem | None:
        for item in self.trial_items():
            if item.data(0, TRIAL_ROLE) == trial_id:
                return item
        return None

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0 or not item.data(0, TRIAL_ROLE):
            return
        self._chosen[item.data(0, TRIAL_ROLE)] = item.checkState(0) == Qt.CheckState.Checked
        self._update_button()

    def _update_button(self) -> None:
        n = len(self.chosen())
        self.letter_button.setEnabled(n > 0)
        self.letter_button.setText(_("&Referral letter ({n})…").format(n=n) if n else _("&Referral letter…"))
