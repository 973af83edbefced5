"""Referral letter preview: shows the PDF core renders, prints it, or saves it.

The dialog only displays and moves bytes: the wording comes from core.letter.build and
the PDF from core.letter.render. Notes for the referring clinician (``ReferralLetter.
clinician_notes()``: a doubtful contact, a stale record, no letterhead) are shown above the
preview as plain text; they are not in the PDF. Issuing (print or save) calls ``on_issued``
so the screening can record the letter.

With ``render`` (language -> PDF bytes and notes; None is each study team's own language) a
Language combo re-renders the letter in English, Chinese or Japanese; what is issued is the
letter shown.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
)

from core.commands.letter import write_pdf_atomically
from core.faults import reason_text
from core.i18n import LANGUAGE_NAMES, LANGUAGES, _, ngettext
from ui import plain
from ui.plain import plain_label, tip
from ui.screen_fit import resize_to_fit


class LetterDialog(QDialog):
    """Preview of a rendered letter with Print and Save as PDF."""

    def __init__(self, pdf: bytes, suggested_name: str, parent=None,
                 on_issued: Callable[[str | None, str], None] | None = None, notes: list[str] | None = None,
                 render: Callable[[str | None], tuple[bytes, list[str]]] | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Referral letter"))
        resize_to_fit(self, 820, 900)
        self.pdf = pdf
        self.sha256 = hashlib.sha256(pdf).hexdigest()
        self.render = render
        self.suggested_name = suggested_name
        self.on_issued = on_issued
        self.saved_path: str | None = None
        self._printer: QPrinter | None = None  # kept alive: a temporary QPrinter crashes the dialog

        # QPdfDocument reads from a QIODevice that must outlive it.
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

        self.pages_label = QLabel(self._pages_text())
        self.status = plain_label(parent=self)  # where the letter was saved: the path is shown as typed
        self.status.setObjectName("letterStatus")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setWordWrap(True)
        print_button = QPushButton(_("&Print…"))
        print_button.clicked.connect(self.print_letter)
        save_button = QPushButton(_("&Save as PDF…"))
        save_button.clicked.connect(self.save_letter)
        save_button.setDefault(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        row = QHBoxLayout()
        self.language_combo = QComboBox()
        self.language_combo.setAccessibleName(_("Letter language"))
        self.language_combo.addItem(_("Each study team's language"), None)
        for lang in LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES[lang], lang)
        self.language_combo.currentIndexChanged.connect(self._language_changed)
        language_label = QLabel(_("&Language:"))
        language_label.setBuddy(self.language_combo)
        for widget in (language_label, self.language_combo):
            widget.setVisible(render is not None)
            row.addWidget(widget)
        row.addWidget(self.pages_label)
        row.addWidget(self.status, 1)
        row.addWidget(print_button)
        row.addWidget(save_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        self.notes = list(notes or [])
        self.notes_label = self._notes_box(self.notes)
        # Many notes (a long screening's letter had 60) scroll in a box of at most a quarter of the
        # dialog, so the letter itself keeps most of it; as one label they had left the preview a strip.
        self.notes_area = QScrollArea(self)
        self.notes_area.setWidget(self.notes_label)
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes_area.setVisible(bool(self.notes))
        layout.addWidget(self.notes_area)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_letter)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_letter)

    def _language_changed(self) -> None:
        """Render the letter again in the language chosen; on failure the letter shown stays."""
        if self.render is None:
            return
        try:
            pdf, notes = self.render(self.language_combo.currentData())
        except Exception as exc:  # a letter that cannot be made must not close the preview
            plain.critical(self, _("Referral letter"),
                           _("The letter could not be made in that language:\n\n{problem}").format(problem=exc))
            return
        self.show_pdf(pdf, notes)

    def show_pdf(self, pdf: bytes, notes: list[str]) -> None:
        """Show ``pdf`` in place of the letter shown (what Print and Save issue from now on)."""
        self.pdf = pdf
        self.sha256 = hashlib.sha256(pdf).hexdigest()
        self.document.close()
        self._buffer.close()
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        self.pages_label.setText(self._pages_text())
        self.notes = list(notes)
        self.notes_label.setText(self._notes_text(self.notes))
        self.notes_area.setVisible(bool(self.notes))
        self._fit_notes()

    def _fit_notes(self) -> None:
        """The notes box as tall as its text, up to a quarter of the dialog (then it scrolls)."""
        margins = self.layout().contentsMargins() if self.layout() is not None else None
        width = self.width() - (margins.left() + margins.right() if margins is not None else 0)
        wanted = self.notes_label.heightForWidth(max(width, 100)) + 4
        self.notes_area.setMaximumHeight(max(60, min(wanted, self.height() // 4)))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_notes()

    def _pages_text(self) -> str:
        n = self.document.pageCount()
        return ngettext("{n} page", "{n} pages", n).format(n=n)

    @staticmethod
    def _notes_text(notes: list[str]) -> str:
        count = len(notes)
        heading = ngettext("Before you send this letter ({n} note, not printed in the letter):",
                           "Before you send this letter ({n} notes, not printed in the letter):", count).format(n=count)
        return "\n".join([heading, *(f"• {n}" for n in notes)])

    def _notes_box(self, notes: list[str]) -> QLabel:
        """The notes as one plain-text warning: record text is never markup."""
        label = plain.plain_label(self._notes_text(notes), self)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setFrameShape(QFrame.Shape.StyledPanel)
        label.setStyleSheet("QLabel { background: #FFF4E0; color: #5A3300; padding: 6px; }")
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAccessibleName(_("Notes for the referring clinician"))
        return label

    def save_to(self, path: str) -> bool:
        """Write the PDF; a clear message and nothing half-written on failure."""
        try:
            write_pdf_atomically(Path(path), self.pdf)
        except OSError as exc:
            problem = _("The letter could not be saved to\n{path}\n\n{problem}").format(
                path=path, problem=reason_text(exc))
            plain.critical(self, _("Referral letter"), problem)
            return False
        self.saved_path = path
        self.status.setText(_("Saved to {path}").format(path=path))
        self.status.setToolTip(tip(path))
        if self.on_issued:
            self.on_issued(path, self.sha256)
        return True

    def save_letter(self) -> None:
        start = str(Path.home() / self.suggested_name)
        path, _chosen_filter = QFileDialog.getSaveFileName(self, _("Save referral letter"), start,
                                                           _("PDF files") + " (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(path)

    def page_images(self, dpi: int = 150) -> list[QImage]:
        """Every page rendered on white (QPdfDocument renders transparent pages)."""
        images = []
        for i in range(self.document.pageCount()):
            size_pt = self.document.pagePointSize(i)
            size = QSize(int(size_pt.width() * dpi / 72), int(size_pt.height() * dpi / 72))
            page = self.document.render(i, size)
            white = QImage(size, QImage.Format.Format_RGB32)
            white.fill(QColor("white"))
            painter = QPainter(white)
            painter.drawImage(0, 0, page)
            painter.end()
            images.append(white)
        return images

    def print_to(self, printer: QPrinter) -> None:
        painter = QPainter()
        if not painter.begin(printer):
            plain.critical(self, _("Referral letter"), _("The printer could not be started."))
            return
        try:
            rect = painter.viewport()
            for i, image in enumerate(self.page_images(dpi=printer.resolution() or 150)):
                if i:
                    printer.newPage()
                scaled = image.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                      Qt.TransformationMode.SmoothTransformation)
                painter.drawImage(0, 0, scaled)
        finally:
            painter.end()
        if self.on_issued:
            self.on_issued(None, self.sha256)

    def print_letter(self) -> None:
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.setWindowTitle(_("Print referral letter"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(self._printer)
