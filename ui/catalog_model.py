"""Table model for the catalog list: one row per core.catalog.search.TrialSummary."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from core.catalog import status as st
from core.catalog.search import TrialSummary
from core.i18n import N_, _, pgettext
from ui.plain import tip

TRIAL_ID_ROLE = Qt.ItemDataRole.UserRole + 1

# Column headers, translated where shown (headerData).
COLUMNS = (N_("ID"), N_("Title"), N_("Status"), N_("Conditions"), N_("Ages"))
COL_ID, COL_TITLE, COL_STATUS, COL_CONDITIONS, COL_AGES = range(len(COLUMNS))

_OPEN_COLOUR = QColor("#1b6e20")
_CLOSED_COLOUR = QColor("#8a1c1c")


def format_years(value: float) -> str:
    """An age in years as a short readable number ("18", "6 mo", "2.5")."""
    if value < 2 and abs(value * 12 - round(value * 12)) < 1e-6 and value != int(value):
        return _("{n} mo").format(n=round(value * 12))
    if abs(value - round(value)) < 1e-6:
        return str(int(round(value)))
    return f"{value:.1f}"


def format_age_range(min_years: float | None, max_years: float | None) -> str:
    """Age limits as the list shows them: "18–70", "≥ 18", "≤ 18" or "Any"."""
    if min_years is None and max_years is None:
        return pgettext("age limits", "Any")
    if min_years is not None and max_years is not None:
        return f"{format_years(min_years)}–{format_years(max_years)}"
    if min_years is not None:
        return f"≥ {format_years(min_years)}"
    return f"≤ {format_years(max_years)}"


class CatalogModel(QAbstractTableModel):
    """Read-only rows of trial summaries, replaced wholesale after each search."""

    PAGE = 200  # rows fetched at a time: a 100,000-trial catalog never loads whole

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[TrialSummary] = []
        self._fetch: Callable[[int, int], list[TrialSummary]] | None = None
        self._total = 0

    # -- data access -------------------------------------------------------------------
    def set_rows(self, rows: list[TrialSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._fetch, self._total = None, len(self._rows)
        self.endResetModel()

    def set_source(self, fetch: Callable[[int, int], list[TrialSummary]], total: int) -> None:
        """Rows come from ``fetch(offset, limit)``; the view pulls more pages as it scrolls."""
        first = list(fetch(0, self.PAGE)) if total else []  # may raise: the model is left as it was
        self.beginResetModel()
        self._fetch, self._total, self._rows = fetch, total, first
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._fetch is not None and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        more = self._fetch(len(self._rows), self.PAGE)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def summary(self, row: int) -> TrialSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def trial_ids(self) -> list[str]:
        return [r.trial_id for r in self._rows]

    def row_of(self, trial_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.trial_id == trial_id:
                return i
        return -1

    # -- QAbstractTableModel -----------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(COLUMNS):
                return _(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        trial = self.summary(index.row())
        if trial is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(trial, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip(self._tooltip(trial, col))
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_STATUS:
            if trial.status in st.OPEN_STATUSES:
                return QBrush(_OPEN_COLOUR)
            if trial.status in st.CLOSED_STATUSES:
                return QBrush(_CLOSED_COLOUR)
            return None
        if role == TRIAL_ID_ROLE:
            return trial.trial_id
        return None

    def _tooltip(self, trial: TrialSummary, col: int) -> str:
        """The cell's text in full (record text: shown literally through ui.plain.tip)."""
        if col == COL_STATUS:
            if trial.status in st.OPEN_STATUSES:
                return _("{status}: may take referrals").format(status=_(st.label(trial.status)))
            return _(st.label(trial.status))
        if col == COL_AGES:
            return _("{ages} years").format(ages=self._display(trial, col))
        return self._display(trial, col)

    @staticmethod
    def _display(trial: TrialSummary, col: int) -> str:
        if col == COL_ID:
            return trial.trial_id
        if col == COL_TITLE:
            return trial.title
        if col == COL_STATUS:
            return _(st.label(trial.status))
        if col == COL_CONDITIONS:
            return "; ".join(trial.conditions or [])
        if col == COL_AGES:
            return format_age_range(trial.min_age_years, trial.max_age_years)
        return ""
