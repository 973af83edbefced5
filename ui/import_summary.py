"""The summary shown when an import ends: new / updated / unchanged / failed counts, and
every file's result with its reason (or what the size limits cut from it)."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.importers.batch import FAILED, OK, SKIPPED, FileResult, ImportSummary
from ui.plain import rich_label, tip


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def escape_html(text: str) -> str:
    return html.escape(text)


RESULT_WORDS = {OK: "Imported", FAILED: "Failed", SKIPPED: "Skipped"}
COLUMNS = ["File", "Result", "Records", "New", "Updated", "Unchanged", "Reason"]


class ImportSummaryDialog(QDialog):
    """New / updated / unchanged / failed counts, and every file's result with its reason."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setObjectName("importSummaryDialog")
        self.setWindowTitle("Import cancelled" if summary.cancelled else "Import finished")
        self.resize(860, 460)
        files_ok = sum(1 for f in summary.files if f.status == OK)
        skipped = sum(1 for f in summary.files if f.status == SKIPPED)
        headline = f"{plural(summary.records, 'record')} read from {plural(files_ok, 'file')}"
        if summary.cancelled:
            headline = "Cancelled. " + headline + " before stopping; what was imported stays in the catalog"
        self.headline = rich_label(f"<b>{escape_html(headline)}.</b>", self)
        self.headline.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.count_labels: dict[str, QLabel] = {}
        counts = [("new", "New trials", summary.new), ("updated", "Updated", summary.updated),
                  ("unchanged", "Unchanged", summary.unchanged), ("failed", "Failed files", summary.failed),
                  ("skipped", "Skipped files", skipped)]
        for col, (key, label, value) in enumerate(counts):
            number = QLabel(f"{value:,}", self)
            number.setObjectName(f"count_{key}")
            number.setAlignment(Qt.AlignmentFlag.AlignCenter)
            font = number.font()
            font.setPointSizeF(font.pointSizeF() * 1.6)
            font.setBold(True)
            number.setFont(font)
            if key == "failed" and value:
                number.setStyleSheet("color: #8a1c1c;")
            caption = QLabel(label, self)
            caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
            caption.setStyleSheet("color: #555555;")
            grid.addWidget(number, 0, col)
            grid.addWidget(caption, 1, col)
            self.count_labels[key] = number

        order = {FAILED: 0, OK: 1, SKIPPED: 2}
        self.model = FileResultsModel(sorted(summary.files, key=lambda f: order.get(f.status, 3)), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("importResults")
        self.table.setAccessibleName("Result of each file")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 8)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fm = self.table.fontMetrics()
        longest = max((fm.horizontalAdvance(f.name) for f in summary.files[:2000]), default=100)
        header.resizeSection(COL_FILE, min(max(longest + 16, 160), 360))
        for col, sample in ((1, "Imported"), (2, "Records"), (3, "New"), (4, "Updated"), (5, "Unchanged")):
            header.resizeSection(col, fm.horizontalAdvance(sample) + 24)
        # The reason takes the rest of the width (the full text is the tooltip).
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # failures first until a header is clicked
        self.table.setSortingEnabled(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        if summary.notes:
            n = len(summary.notes)
            cut = QLabel(f"{plural(n, 'over-long field')} {'was' if n == 1 else 'were'} cut to the import's "
                         "size limits (a note in the text and in the trial's “Import note” says what was cut; "
                         "the Reason column lists them).", self)
            cut.setObjectName("importCutNote")
            cut.setWordWrap(True)
            cut.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(cut)
        if summary.new or summary.updated:
            hint = QLabel("New proposals for the imported trials' criteria are marked unreviewed: select a trial "
                          "and choose Catalog › Review Rules… to accept, edit or reject them.", self)
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555555;")
            layout.addWidget(hint)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """The table as shown (display texts), for tests and copying."""
        m = self.proxy
        return [[str(m.index(r, c).data() if m.index(r, c).data() is not None else "")
                 for c in range(m.columnCount())] for r in range(m.rowCount())]


SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_FILE, COL_REASON = 0, len(COLUMNS) - 1


class FileResultsModel(QAbstractTableModel):
    """Every file's result (a model, so an import of thousands of files stays quick)."""

    def __init__(self, files: list[FileResult], parent=None) -> None:
        super().__init__(parent)
        self.files = files

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.files)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def _value(self, f: FileResult, col: int):
        if col == 0:
            return f.name
        if col == 1:
            return RESULT_WORDS.get(f.status, f.status)
        if col == COL_REASON:  # why it failed, or what the size limits cut from it
            return f.error or ("Cut to fit: " + "; ".join(f.notes) if f.notes else "")
        if f.status != OK:
            return None
        return (f.records, f.new, f.updated, f.unchanged)[col - 2]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        f = self.files[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._value(f, col)
            return "" if value is None else value
        if role == SORT_ROLE:
            value = self._value(f, col)
            return -1 if value is None else value
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, COL_REASON):
            value = self._value(f, col)
            return tip(value) if value else None
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= col < COL_REASON:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and f.status == FAILED and col in (1, COL_REASON):
            return FAILED_BRUSH
        return None


FAILED_BRUSH = QBrush(QColor("#8a1c1c"))


