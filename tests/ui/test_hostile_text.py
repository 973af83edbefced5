"""Record text is never markup in the GUI (issue 12, row 2).

A trial whose title, conditions and criteria hold ``<img src=...>``, ``<font size=200>`` and
``<!-- ... -->`` goes through every widget that shows record text: the catalog list and its
tooltips, the detail pane, the questionnaire (question, help, why-asked, answers list), the
live results, the rule review screen and the letter dialog. The images point at files watched
with inotify: no widget may open them, and every label that shows the text must show it as
written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTextBrowser, QWidget

from core.catalog import database
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, Site, TrialRecord
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db
from tests.ui.file_watch import FileWatch

MARKERS = ("<img", "<font", "<!--")
TRIAL_ID = "NCT09999999"


@pytest.fixture
def sentinels(tmp_path):
    files = [tmp_path / "sentinel-a.png", tmp_path / "sentinel-b.txt"]
    for f in files:
        f.write_bytes(b"not an image")
    watch = FileWatch(files)
    yield files, watch
    watch.close()


def payload(files: list[Path], word: str) -> str:
    return (f'{word} <img src="{files[0]}"> then <font size=200>BIG</font> and <!-- hidden {word} --> '
            f'<img src="file://{files[1]}"> <b>bold</b> end')


def hostile_record(files: list[Path]) -> TrialRecord:
    return TrialRecord(
        title=payload(files, "Title"),
        registry_ids=[TRIAL_ID],
        summary=payload(files, "Summary"),
        conditions=[payload(files, "Condition")],
        status="RECRUITING",
        min_age_years=18,
        sex="all",
        sponsor=payload(files, "Sponsor"),
        sites=[Site(name=payload(files, "Site"), city="Berlin", country="Germany")],
        criteria=[
            CriterionNode(INCLUSION, payload(files, "Inclusion"), label="1"),
            CriterionNode(INCLUSION, "Adults " + payload(files, "Second"), label="<img src=x>"),
            CriterionNode(EXCLUSION, payload(files, "Exclusion"), label="1"),
        ],
        source_format="ctgov-json",
        current_as_of=date.today(),
    )


def _columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # list models keep columnCount private: one column
        return 1


def assert_inert(root: QWidget) -> int:
    """Every place under ``root`` that shows hostile text shows it literally; returns how many
    places showed it (so the test can check the text really went through the widgets)."""
    shown = 0
    for label in root.findChildren(QLabel):
        text = label.text()
        if any(m in text for m in MARKERS):
            shown += 1
            assert label.textFormat() == Qt.TextFormat.PlainText, (label.objectName(), text[:80])
    for widget in [root, *root.findChildren(QWidget)]:
        assert not any(m in widget.toolTip() for m in MARKERS), (widget.objectName(), widget.toolTip()[:80])
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        from PySide6.QtCore import QModelIndex

        root_index = QModelIndex()
        stack = [model.index(r, c, root_index) for r in range(min(model.rowCount(root_index), 200))
                 for c in range(_columns(model, root_index))]
        while stack:
            index = stack.pop()
            tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if isinstance(tooltip, str):
                assert not any(m in tooltip for m in MARKERS), tooltip[:80]
            display = model.data(index, Qt.ItemDataRole.DisplayRole)
            if isinstance(display, str) and any(m in display for m in MARKERS):
                shown += 1  # item views paint display text as plain text
            stack.extend(model.index(r, c, index) for r in range(min(model.rowCount(index), 200))
                         for c in range(_columns(model, index)))
    for browser in root.findChildren(QTextBrowser) + ([root] if isinstance(root, QTextBrowser) else []):
        text = browser.toPlainText()
        if "Title" in text:
            shown += 1
            assert "<img src=" in text and "<font size=200>" in text and "<!-- hidden" in text
    root.grab()  # paint everything: rich text would load its images now
    return shown


def test_hostile_record_text_is_shown_literally_everywhere(qtbot, tmp_path, sentinels, monkeypatch):
    files, watch = sentinels
    catalog = tmp_path / "catalog.sqlite"
    database.build_catalog(catalog, [hostile_record(files)], fingerprint="hostile")
    database.connect(catalog)
    open_user_db()
    try:
        from ui.main_window import MainWindow

        main = MainWindow()
        qtbot.addWidget(main)
        main.show()
        qtbot.waitExposed(main)
        main.table.selectRow(0)
        assert main.detail.show_trial(TRIAL_ID)
        assert assert_inert(main) >= 2  # the list row and the detail pane

        # the questionnaire, answered "unknown" all the way through
        from ui.screening.session import CandidateFilter, ScreeningSession
        from ui.screening.window import QuestionnaireWindow

        patient = records.create_patient("HOSTILE-1", name="<img src=x> Name")
        session = ScreeningSession.start(patient, CandidateFilter(open_only=False), trial_ids=[TRIAL_ID])
        window = QuestionnaireWindow(session)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        seen_in_questionnaire = 0
        for _ in range(40):
            if window.question is None:
                break
            window.toggle_why()  # the "why is this asked?" text quotes criteria
            seen_in_questionnaire += assert_inert(window)
            window.answer_unknown()
        assert seen_in_questionnaire >= 3  # the criteria were asked, quoted and listed
        assert assert_inert(window.results) >= 1

        # the review screen
        from ui.review_dialog import ReviewDialog

        review = ReviewDialog(TRIAL_ID, main)
        qtbot.addWidget(review)
        review.show()
        qtbot.waitExposed(review)
        for _ in range(3):
            assert_inert(review)
            review.next_button.click()
        assert assert_inert(review) >= 1

        # the letter dialog (its PDF is checked for literal text in tests/core/letter)
        monkeypatch.setattr(window.results, "chosen", lambda: [TRIAL_ID])
        dialog = window.make_letter()
        assert dialog is not None
        qtbot.addWidget(dialog)
        assert_inert(dialog)
        dialog.close()
        window.close()
        main.close()
    finally:
        close_user_db()
        database.close()
    assert watch.events() == [], "a widget opened a file named in record text"
