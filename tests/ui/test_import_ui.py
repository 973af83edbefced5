"""Importing from the main window: worker thread, progress, cancel, summary, drag and drop."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from core.catalog.models import Trial
from core.catalog.overlay import imports_dir, original_name
from ui.import_dialog import ImportSummaryDialog
from ui.import_worker import ImportWorker

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
RHEUM5 = DATA / "ctgov-api-v2" / "rheumatology-5.json"
XML_DIR = DATA / "ctgov-classic-xml" / "rheumatology"
pytestmark = pytest.mark.skipif(not RHEUM5.exists(), reason="shared data not available")


@pytest.fixture
def folder(tmp_path) -> Path:
    """rheumatology-5.json and a broken record file, in one folder."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    shutil.copy(RHEUM5, folder / "rheumatology-5.json")
    (folder / "broken.json").write_text('{"protocolSection": ', encoding="utf-8")
    return folder


def wait_done(qtbot, window, timeout=20000) -> None:
    qtbot.waitUntil(lambda: window.importer.worker is None and window.importer.summary_dialog is not None,
                    timeout=timeout)


def test_import_folder_through_the_worker(qtbot, window, folder):
    assert window.model.rowCount() == 4
    seen = []
    window.importer.started.connect(lambda w: w.progressed.connect(seen.append))
    worker = window.importer.start_import([folder])
    assert isinstance(worker, ImportWorker)
    assert window.importer.progress_dialog.isVisible()
    assert not window.importer.import_files_action.isEnabled()  # one import at a time
    wait_done(qtbot, window)

    summary = window.importer.last_summary
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (5, 0, 0, 1)
    dialog = window.importer.summary_dialog
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Import finished"
    counts = {k: label.text() for k, label in dialog.count_labels.items()}
    assert counts == {"new": "5", "updated": "0", "unchanged": "0", "failed": "1", "skipped": "0"}
    rows = dialog.rows()
    assert rows[0][0] == "downloads/broken.json" and rows[0][1] == "Failed"
    assert rows[0][6]  # the reason is shown
    assert ["downloads/rheumatology-5.json", "Imported", "5", "5", "0", "0", ""] in rows
    # The list refreshed and the first new trial is shown.
    assert window.model.rowCount() == 9
    assert window.detail.trial_id in {"NCT05925803", "NCT05843643", "NCT05814159", "NCT03840928", "NCT06583395"}
    assert window.importer.import_files_action.isEnabled()
    assert window.importer.progress_dialog is None
    # The file that gave records is kept for replay after a new bundle.
    assert [original_name(p) for p in imports_dir().iterdir()] == ["rheumatology-5.json"]
    # Importing the same folder again: everything unchanged.
    window.importer.summary_dialog.close()
    window.importer.summary_dialog = None
    window.importer.start_import([folder])
    wait_done(qtbot, window)
    again = window.importer.last_summary
    assert (again.new, again.unchanged, again.failed) == (0, 5, 1)
    assert window.model.rowCount() == 9


def test_progress_dialog_shows_files_records_and_percentage(qtbot, window, folder):
    window.importer.start_import([folder / "rheumatology-5.json"])
    dialog = window.importer.progress_dialog
    from core.importers.batch import Progress

    dialog.show_progress(Progress(files_done=1, records_done=5, bytes_done=50, bytes_total=200, current="x.json"))
    assert dialog.counts_label.text().startswith("1 file read, 5 records")
    assert dialog.bar.value() == 250 and dialog.bar.text() == "25%"
    assert "x.json" in dialog.current_label.text()
    wait_done(qtbot, window)


@pytest.mark.skipif(not XML_DIR.is_dir(), reason="classic XML folder not available")
def test_cancel_stops_between_files_and_keeps_what_was_saved(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "xml"
    folder.mkdir()
    files = sorted(XML_DIR.glob("*.xml"))[:4]
    for f in files:
        shutil.copy(f, folder / f.name)
    gate = threading.Event()
    original = ImportWorker._progress

    def held(self, progress):  # the worker waits after each file until the test clicked Cancel
        original(self, progress)
        gate.wait(10)

    monkeypatch.setattr(ImportWorker, "_progress", held)
    window.importer.start_import([folder])
    dialog = window.importer.progress_dialog
    qtbot.waitUntil(lambda: dialog.counts_label.text().startswith("1 file read"), timeout=10000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isEnabled()
    gate.set()
    wait_done(qtbot, window)
    summary = window.importer.last_summary
    assert summary.cancelled
    assert len(summary.files) == 1 and summary.new == 1
    assert window.importer.summary_dialog.windowTitle() == "Import cancelled"
    assert "Cancelled" in window.importer.summary_dialog.headline.text()
    # what was saved stays saved, and the list shows it
    assert Trial.select().count() == 5
    assert window.model.rowCount() == 5


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def test_drag_and_drop_of_files_starts_an_import(qtbot, window, folder):
    mime = _mime([folder / "rheumatology-5.json"])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    # A text box under the pointer must not swallow the file as text.
    enter_box = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.search_box, enter_box)
    assert enter_box.isAccepted()
    drop = QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.search_box, drop)
    assert drop.isAccepted()
    assert window.search_box.text() == ""
    wait_done(qtbot, window)
    assert window.importer.last_summary.new == 5
    assert window.model.rowCount() == 9


def test_drops_without_local_files_are_refused(qtbot, window):
    mime = QMimeData()
    mime.setText("just some text")
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
    web = QMimeData()
    web.setUrls([QUrl("https://clinicaltrials.gov/study/NCT00000001")])
    assert window.importer.handle_drop(web.urls()) is None
    assert window.importer.worker is None


def test_file_menu_has_the_import_actions(window):
    texts = [a.text() for a in window.file_menu.actions()]
    assert texts[:2] == ["&Import Files…", "Import &Folder…"]
    assert window.importer.import_files_action.shortcut().toString() == "Ctrl+I"


def test_summary_dialog_lists_failures_first(qtbot):
    from core.importers.batch import FAILED, OK, SKIPPED, FileResult, ImportSummary

    summary = ImportSummary(files=[
        FileResult("a.json", OK, records=2, new=1, updated=1),
        FileResult("notes.pdf", SKIPPED, error="not a record file"),
        FileResult("b.xml", FAILED, error="not a ClinicalTrials.gov record"),
    ], new=1, updated=1)
    dialog = ImportSummaryDialog(summary)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert [r[:2] for r in rows] == [["b.xml", "Failed"], ["a.json", "Imported"], ["notes.pdf", "Skipped"]]
    assert rows[0][6] == "not a ClinicalTrials.gov record"
    assert dialog.count_labels["failed"].text() == "1"
    assert dialog.count_labels["skipped"].text() == "1"


def test_summary_dialog_words_a_files_import_error_in_the_apps_language(qtbot, tmp_path):
    """The file is parsed in English (a worker of another language, say); the dialog shows why it
    failed in the language it is shown in."""
    from core.i18n import using_language
    from core.importers.batch import ImportSummary, parse_sources

    (tmp_path / "cut.xml").write_bytes(b"<clinical_study><id_info>")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    with using_language("en"):
        summary = ImportSummary(files=[result for result, _records in parse_sources([tmp_path])])
    for lang, failed, skipped in (
            ("zh", "XML 提前结束：文件似乎不完整（第 1 行）", "不是记录文件（.json、.xml 或 .txt）"),
            ("ja", "XML が途中で終わっています。ファイルが途中で切れているようです（1 行目）",
             "記録ファイル（.json、.xml、.txt）ではありません")):
        with using_language(lang):
            dialog = ImportSummaryDialog(summary)
            qtbot.addWidget(dialog)
            assert sorted(r[6] for r in dialog.rows()) == sorted([failed, skipped])


def test_summary_dialog_says_what_the_size_limits_cut(qtbot):
    from core.importers.batch import OK, FileResult, ImportSummary

    note = "NCT1: criterion inc-1 was 1,000,000 characters long and was cut to 20,000"
    summary = ImportSummary(files=[FileResult("a.json", OK, records=1, new=1, notes=[note])], new=1)
    dialog = ImportSummaryDialog(summary)
    qtbot.addWidget(dialog)
    assert dialog.rows()[0][6] == f"Cut to fit: {note}"
    from PySide6.QtWidgets import QLabel

    cut = dialog.findChild(QLabel, "importCutNote")
    assert cut is not None and cut.text().startswith("1 over-long field was cut to the import's size limits")


def test_an_import_waits_while_another_holds_the_data_folder(qtbot, window, folder):
    from core.catalog.import_lock import ImportLock

    other = ImportLock(who="the command line")
    assert other.try_acquire()  # e.g. `main.py catalog import` running on the same data folder
    try:
        worker = window.importer.start_import([folder / "rheumatology-5.json"])
        dialog = window.importer.progress_dialog
        qtbot.waitUntil(lambda: "Waiting for another import" in dialog.current_label.text(), timeout=10000)
        assert "the command line, process" in dialog.counts_label.text()
        assert worker.isRunning() and Trial.select().count() == 4  # nothing done while it waits
    finally:
        other.release()
    wait_done(qtbot, window)
    summary = window.importer.last_summary
    assert (summary.new, summary.failed) == (5, 0)  # never "database is locked"


def test_cancel_while_waiting_for_another_import(qtbot, window, folder):
    from core.catalog.import_lock import ImportLock

    other = ImportLock()
    assert other.try_acquire()
    try:
        window.importer.start_import([folder / "rheumatology-5.json"])
        dialog = window.importer.progress_dialog
        qtbot.waitUntil(lambda: "Waiting for another import" in dialog.current_label.text(), timeout=10000)
        dialog.cancel_button.click()
        wait_done(qtbot, window)
    finally:
        other.release()
    summary = window.importer.last_summary
    assert summary.cancelled and summary.files == [] and Trial.select().count() == 4


def test_the_app_says_plainly_when_another_import_keeps_running(qtbot, window, folder, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from core.catalog.import_lock import ImportLock

    monkeypatch.setattr(ImportWorker, "lock_timeout", 0.5)
    other = ImportLock(who="the command line")
    assert other.try_acquire()
    try:
        window.importer.start_import([folder / "rheumatology-5.json"])
        qtbot.waitUntil(lambda: window.importer.worker is None, timeout=20000)
    finally:
        other.release()
    box = window.findChild(QMessageBox, "importBusyBox")
    assert box is not None and box.isVisible()
    assert "Another import into this data folder is still running (the command line, process" in box.text()
    assert "Nothing was imported by this one." in box.text() and "locked" not in box.text()
    assert window.findChild(QMessageBox, "importErrorBox") is None
    assert Trial.select().count() == 4
    box.close()
