"""Detail pane: every field the catalog holds on one trial, as read-only rich text.

The page itself is built by ui/trial_page.py (record text escaped there, never markup). The
page is bounded whatever the trial's size (ui/detail_bounds.py): long texts and long lists
are cut, each with a "Show all" link that opens the whole, paged, as plain text
(ui/full_text.py).
"""

from __future__ import annotations

from urllib.parse import unquote

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextOption
from PySide6.QtWidgets import QTextBrowser

from core.catalog.quality import trial_flags
from core.catalog.store import trial_contacts, trial_sites, trial_to_dict
from core.i18n import N_, _
from ui.detail_bounds import MAX_ROWS, SCHEME, ShowAll
from ui.trial_page import esc, merged_flags, trial_page

__all__ = ["TrialDetail", "merged_flags"]


class TrialDetail(QTextBrowser):
    """Read-only view of one trial; external links open in the system browser."""

    PLACEHOLDER = N_("Select a trial in the list to see everything the catalog holds on it.")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("trialDetail")
        # Links are handled here: web links open in the browser, "show:" links the whole text.
        self.setOpenLinks(False)
        self.anchorClicked.connect(self.open_link)
        self.show_all = ShowAll()
        self.full_text_dialog = None
        # Long e-mail addresses and URLs wrap instead of widening the page.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        # Everything wraps, so a horizontal scrollbar would only ever appear for the pixel
        # QTextDocument sometimes rounds a 100%-wide table up by.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.trial_id: str | None = None
        self.show_placeholder()

    def loadResource(self, type_: int, url):  # noqa: N802 (Qt's name)
        """Load nothing a document names: record text is escaped, and this makes sure no
        image or style sheet in a record can make the pane open a local file."""
        return None

    def show_placeholder(self, text: str | None = None) -> None:
        self.trial_id = None
        self.show_all = ShowAll()
        self.setHtml(f'<p style="color:#777777;">{esc(text or _(self.PLACEHOLDER))}</p>')

    def show_trial(self, trial_id: str) -> bool:
        """Fill the pane with one trial; False (and a plain message) when it is not there."""
        data = trial_to_dict(trial_id, max_rows=MAX_ROWS)  # the first rows of long lists only
        if data is None:
            self.show_placeholder(_("The trial {trial} is no longer in the catalog.").format(trial=trial_id))
            return False
        flags = merged_flags(data, trial_flags(trial_id))
        self.trial_id = trial_id
        page, self.show_all = trial_page(data, flags, {"sites": lambda: trial_sites(trial_id),
                                                       "contacts": lambda: trial_contacts(trial_id)})
        self.setHtml(page)
        return True

    def open_link(self, url: QUrl) -> None:
        if url.scheme() == SCHEME:
            self.show_whole(unquote(url.path()))
        elif url.scheme() in ("http", "https"):
            QDesktopServices.openUrl(url)

    def show_whole(self, key: str):
        """Open the whole of a text or list the page cut (paged, plain text); the dialog."""
        if key not in self.show_all:
            return None
        from ui.full_text import FullTextDialog

        if self.full_text_dialog is not None:
            self.full_text_dialog.close()
        self.full_text_dialog = FullTextDialog(f"{self.trial_id}: {self.show_all.title(key)}",
                                               self.show_all.text(key), self.window())
        self.full_text_dialog.show()
        return self.full_text_dialog
