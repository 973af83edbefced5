"""The whole of a text the detail pane cut ("Show all"), shown as plain text one page at a
time, so even a text of millions of characters opens at once (nothing in it is markup)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.i18n import _

PAGE_CHARS = 20_000  # characters per page


def split_pages(text: str, size: int = PAGE_CHARS) -> list[str]:
    """``text`` in pages of at most ``size`` characters, broken after a line end or a
    space near the end of a page when there is one (pages joined give ``text`` back)."""
    pages: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = max(text.rfind("\n", start + size // 2, end), text.rfind(" ", start + size // 2, end))
        end = cut + 1 if cut > start else end
        pages.append(text[start:end])
        start = end
    pages.append(text[start:])
    return pages


class FullTextDialog(QDialog):
    """One long text, paged: Previous / Next (PgUp / PgDn with Ctrl), page N of M."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fullTextDialog")
        self.setWindowTitle(title[:200])
        self.resize(760, 560)
        self.pages = split_pages(text)
        self.total = len(text)
        self.page = 0
        self.view = QPlainTextEdit(self)
        self.view.setObjectName("fullText")
        self.view.setReadOnly(True)
        self.view.setAccessibleName(_("Whole text"))
        self.position = QLabel(self)
        self.position.setObjectName("fullTextPosition")
        self.previous_button = QPushButton(_("Previous page"), self)
        self.previous_button.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.previous_button.clicked.connect(lambda: self.go(self.page - 1))
        self.next_button = QPushButton(_("Next page"), self)
        self.next_button.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.next_button.clicked.connect(lambda: self.go(self.page + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.position, 1)
        nav.addWidget(self.next_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(nav)
        layout.addWidget(buttons)
        self.go(0)

    def go(self, page: int) -> None:
        self.page = max(0, min(page, len(self.pages) - 1))
        self.view.setPlainText(self.pages[self.page])
        start = sum(len(p) for p in self.pages[: self.page])
        end = start + len(self.pages[self.page])
        where = _("Page {page} of {pages} · characters {start}–{end} of {total}").format(
            page=f"{self.page + 1:,}", pages=f"{len(self.pages):,}", start=f"{start + 1:,}", end=f"{end:,}",
            total=f"{self.total:,}")
        self.position.setText(where if self.total else _("Nothing stated"))
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < len(self.pages) - 1)
