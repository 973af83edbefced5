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

from core.i18n import N_, _, ngettext, pgettext, words
from core.importers.batch import FAILED, OK, SKIPPED, FileResult, ImportSummary
from ui.plain import rich_label, tip


def files_count(n: int) -> str:
    return ngettext("{n} file", "{n} files", n).format(n=f"{n:,}")


def records_count(n: int) -> str:
    return ngettext("{n} record", "{n} records", n).format(n=f"{n:,}")


def summary_line(summary: ImportSummary) -> str:
    """One line for the status bar: what was read and what it changed (the app's language)."""
    ok = sum(1 for f in summary.files if f.status == OK)
    text = _("{records} from {files}: {new} new, {updated} updated, {unchanged} unchanged; {failed} failed").format(
        records=records_count(summary.records), files=files_count(ok), new=f"{summary.new:,}",
        updated=f"{summary.updated:,}", unchanged=f"{summary.unchanged:,}", failed=files_count(summary.failed))
    if summary.notes:
        text += pgettext("clause separator", "; ") + ngettext(
            "{n} over-long field cut to the size limits", "{n} over-long fields cut to the size limits",
            len(summary.notes)).format(n=f"{len(summary.notes):,}")
    return text


def escape_html(text: str) -> str:
    return html.escape(text)


# Marked here, translated where shown.
RESULT_WORDS = {OK: N_("Imported"), FAILED: N_("Failed"), SKIPPED: N_("Skipped")}
COLUMNS = ["File", "Result", "Records", "New", "Updated", "Unchanged", "Reason"]  # English names (tests, logs)


def column_titles() -> list[str]:
    """The table's headers in the app's language ("Result" of a file, not a lab result)."""
    return [_("File"), pgettext("import outcome", "Result"), _("Records"), _("New"), _("Updated"), _("Unchanged"),
            _("Reason")]


class ImportSummaryDialog(QDialog):
    """New / updated / unchanged / failed counts, and every file's result with its reason."""

    def __init__(self, summary: ImportSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setObjectName("importSummaryDialog")
        self.setWindowTitle(_("Import cancelled") if summary.cancelled else _("Import finished"))
        self.resize(860, 460)
        files_ok = sum(1 for f in summary.files if f.status == OK)
        skipped = sum(1 for f in summary.files if f.status == SKIPPED)
        counts = {"records": records_count(summary.records), "files": files_count(files_ok)}
        if summary.cancelled:
            headline = _("Cancelled. {records} read from {files} before stopping; what was imported stays in "
                         "the catalog.").format(**counts)
        else:
            headline = _("{records} read from {files}.").format(**counts)
        self.headline = rich_label(f"<b>{escape_html(headline)}</b>", self)
        self.headline.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.count_labels: dict[str, QLabel] = {}
        counts = [("new", _("New trials"), summary.new), ("updated", _("Updated"), summary.updated),
                  ("unchanged", _("Unchanged"), summary.unchanged), ("failed", _("Failed files"), summary.failed),
                  ("skipped", _("Skipped files"), skipped)]
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
        self.table.setAccessibleName(_("Result of each file"))
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
        titles = column_titles()
        for col, sample in ((1, _(RESULT_WORDS[OK])), (2, titles[2]), (3, titles[3]), (4, titles[4]), (5, titles[5])):
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
            cut = QLabel(ngettext(
                "{n} over-long field was cut to the import's size limits (a note in the text and in the trial's "
                "“Import note” says what was cut; the Reason column lists them).",
                "{n} over-long fields were cut to the import's size limits (a note in the text and in the trial's "
                "“Import note” says what was cut; the Reason column lists them).", n).format(n=f"{n:,}"), self)
            cut.setObjectName("importCutNote")
            cut.setWordWrap(True)
            cut.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(cut)
        if summary.new or summary.updated:
            hint = QLabel(_("New proposals for the imported trials' criteria are marked unreviewed: select a trial "
                          "and choose Catalog › Review Rules… to accept, edit or reject them."), self)
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
            return column_titles()[section]
        return None

    def _value(self, f: FileResult, col: int):
        if col == 0:
            return f.name
        if col == 1:
            return _(RESULT_WORDS[f.status]) if f.status in RESULT_WORDS else f.status
        if col == COL_REASON:  # why it failed, or what the size limits cut from it
            if f.error or not f.notes:
                return f.error_text()
            notes = pgettext("clause separator", "; ").join(words(n) for n in f.notes)
            return _("Cut to fit: {notes}").format(notes=notes)
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


