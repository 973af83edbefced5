"""The catalog main window: search, filters, detail pane, keyboard, settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from core.catalog import status as st
from ui.catalog_filters import OPEN_TO_REFERRAL
from ui.catalog_model import COL_AGES, COL_STATUS, COL_TITLE, format_age_range
from ui.main_window import MainWindow


def listed(win: MainWindow) -> list[str]:
    return win.model.trial_ids()


def detail_text(win: MainWindow) -> str:
    return win.detail.toPlainText()


def search(qtbot, win: MainWindow, text: str) -> None:
    """Type like a user, then wait for the debounced search to run."""
    win.search_box.clear()
    win.refresh()
    if text.isascii():
        qtbot.keyClicks(win.search_box, text)
    else:  # QTest.keyClicks aborts on characters outside Latin-1: paste them instead
        win.search_box.insert(text)
    qtbot.waitUntil(lambda: not win._search_timer.isActive(), timeout=2000)


def test_opens_on_the_whole_catalog(window):
    assert sorted(listed(window)) == ["NCT00000001", "NCT00000003", "NCT00000004", "UMIN000042298"]
    assert window.count_label.text() == "4 trials"
    assert window.search_box.placeholderText() == "Search trials: title, condition, criteria…"
    # The first row is selected and shown.
    assert window.table.currentIndex().row() == 0
    assert window.detail.trial_id == listed(window)[0]


def test_list_columns_show_readable_status_and_ages(window):
    model = window.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["ID", "Title", "Status", "Conditions", "Ages"]
    row = model.row_of("NCT00000001")
    assert model.index(row, COL_STATUS).data() == "Recruiting"
    assert model.index(row, COL_AGES).data() == "18–75"
    row = model.row_of("UMIN000042298")
    assert model.index(row, COL_STATUS).data() == "Completed"
    assert model.index(row, COL_AGES).data() == "≥ 15"
    row = model.row_of("NCT00000004")
    assert model.index(row, COL_STATUS).data() == "Not yet recruiting"


def test_age_range_formatting():
    assert format_age_range(None, None) == "Any"
    assert format_age_range(None, 18) == "≤ 18"
    assert format_age_range(0.5, 2) == "6 mo–2"


def test_typing_filters_the_list_and_selects_first_row(qtbot, window):
    search(qtbot, window, "lupus")
    assert listed(window) == ["UMIN000042298"]
    assert window.count_label.text() == "1 trial"
    assert window.table.currentIndex().row() == 0
    assert window.detail.trial_id == "UMIN000042298"
    assert "systemic lupus erythematosus" in detail_text(window)

    search(qtbot, window, "tofacitinib")
    assert listed(window) == ["NCT00000001"]
    assert window.detail.trial_id == "NCT00000001"

    search(qtbot, window, "zzznomatch")
    assert listed(window) == []
    assert "No trials match" in window.count_label.text()
    assert window.detail.trial_id is None


def test_search_by_criteria_and_cjk(qtbot, window):
    search(qtbot, window, "tuberculosis")
    assert listed(window) == ["NCT00000001"]
    search(qtbot, window, "类风湿关节炎")
    # The trial written in Chinese first, then the English RA trial (through the vocabulary).
    assert listed(window) == ["NCT00000003", "NCT00000001"]
    search(qtbot, window, "难治性")  # a word no vocabulary knows: found inside the Chinese title
    assert listed(window) == ["NCT00000003"]


@pytest.mark.parametrize("text", [
    '"', '""', "'", 'AND (', "OR", "NOT", "*", "**", "NEAR(", "NEAR(a b", "(((", ")", "a AND (b OR",
    "title:", "-", "^", "\\", "%", "_", "; DROP TABLE trial; --", "🙂", "🙂🙂 arthritis", "関節リウマチ",
    "类", "\x00", " " * 50, "a" * 5000, "x " * 300, "{col1 col2}: x", "rheumatoid*", '"arthritis',
])
def test_hostile_search_text_never_crashes(qtbot, window, text):
    window.search_box.setText(text)
    window.refresh()
    assert window.last_error is None
    assert "sqlite" not in window.statusBar().currentMessage().lower()
    assert window.model.rowCount() == len(listed(window))


def test_unexpected_search_failure_shows_plain_message(qtbot, window, monkeypatch):
    import ui.main_window as mw

    def boom(*_a, **_k):
        raise RuntimeError("fts5: syntax error near \"(\"")

    monkeypatch.setattr(mw, "search_trials", boom)
    monkeypatch.setattr(mw, "count_trials", boom)
    window.search_box.setText("x")
    window.refresh()
    message = window.statusBar().currentMessage()
    assert message.startswith("That search could not be run")
    assert "fts5" not in message and "syntax" not in message


def test_list_loads_lazily_in_pages(qtbot, window, monkeypatch):
    from core.catalog.search import TrialSummary
    from ui.catalog_model import CatalogModel

    calls = []

    def fetch(offset, limit):
        calls.append((offset, limit))
        return [TrialSummary(f"T{i}", f"Trial {i}", None, [], None, None, None)
                for i in range(offset, min(offset + limit, 1000))]

    model = CatalogModel()
    model.set_source(fetch, 1000)
    assert model.rowCount() == CatalogModel.PAGE and calls == [(0, CatalogModel.PAGE)]
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 2 * CatalogModel.PAGE
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1000 and model.summary(999).trial_id == "T999"


def test_status_filter(window):
    combo = window.status_combo
    assert combo.itemText(0) == "Any status"
    assert combo.itemText(1) == OPEN_TO_REFERRAL
    combo.setCurrentIndex(1)
    assert sorted(listed(window)) == ["NCT00000001", "NCT00000003", "NCT00000004"]
    combo.setCurrentIndex(combo.findText(st.label(st.COMPLETED)))
    assert listed(window) == ["UMIN000042298"]
    combo.setCurrentIndex(combo.findText(st.label(st.NOT_YET_RECRUITING)))
    assert listed(window) == ["NCT00000004"]
    combo.setCurrentIndex(combo.findText(st.label(st.WITHDRAWN)))
    assert listed(window) == []
    combo.setCurrentIndex(0)
    assert len(listed(window)) == 4


def test_country_filter(window):
    combo = window.country_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert names == ["Any country", "China", "France", "Germany", "Japan"]
    combo.setCurrentIndex(combo.findText("China"))
    assert sorted(listed(window)) == ["NCT00000003", "NCT00000004"]
    combo.setCurrentIndex(combo.findText("Japan"))
    assert listed(window) == ["UMIN000042298"]
    combo.setCurrentIndex(combo.findText("France"))
    assert listed(window) == ["NCT00000001"]


def test_age_filter(qtbot, window):
    window.age_spin.setValue(10)
    assert len(listed(window)) == 4  # not applied until the box is ticked
    assert not window.age_spin.isEnabled()
    window.age_check.setChecked(True)
    assert window.age_spin.isEnabled()
    assert listed(window) == ["NCT00000004"]
    window.age_spin.setValue(16)
    qtbot.waitUntil(lambda: "UMIN000042298" in listed(window), timeout=2000)
    assert sorted(listed(window)) == ["NCT00000004", "UMIN000042298"]
    window.age_spin.setValue(80)
    qtbot.waitUntil(lambda: "NCT00000004" not in listed(window), timeout=2000)
    assert sorted(listed(window)) == ["NCT00000003", "UMIN000042298"]
    window.age_check.setChecked(False)
    assert len(listed(window)) == 4


def test_condition_filter_and_reset(qtbot, window):
    qtbot.keyClicks(window.condition_edit, "rheumatoid")
    qtbot.waitUntil(lambda: len(listed(window)) == 2, timeout=2000)
    assert sorted(listed(window)) == ["NCT00000001", "NCT00000003"]
    window.status_combo.setCurrentIndex(window.status_combo.findText("Completed"))
    assert listed(window) == []
    window.reset_filters()
    assert len(listed(window)) == 4
    assert window.condition_edit.text() == "" and window.status_combo.currentIndex() == 0


def test_filters_combine_with_text(qtbot, window):
    window.country_combo.setCurrentIndex(window.country_combo.findText("China"))
    search(qtbot, window, "refractory")
    assert listed(window) == ["NCT00000003"]


def test_selecting_a_row_shows_every_field(qtbot, window):
    row = window.model.row_of("NCT00000001")
    qtbot.mouseClick(
        window.table.viewport(), Qt.MouseButton.LeftButton,
        pos=window.table.visualRect(window.model.index(row, COL_TITLE)).center(),
    )
    assert window.detail.trial_id == "NCT00000001"
    text = detail_text(window)
    for expected in [
        "Tofacitinib in Refractory Rheumatoid Arthritis", "EUCTR2020-000001-11", "JAK after TNF failure",
        "TOFA-RA", "Patients with RA who failed two biologics.", "A longer description of the study.",
        "Rheumatoid Arthritis", "JAK inhibitor", "Drug: tofacitinib", "Phase 3", "Interventional",
        "Recruiting", "2024-01-15", "2030-06-30 (estimated)", "2023-12-01", "2025-05-02", "120",
        "Rheuma Foundation", "University Hospital Basel", "Charité", "Berlin", "Germany",
        "Hôpital Cochin", "France", "Dr Anna Schmidt", "Principal investigator", "anna@example.org",
        "+49 30 1234", "Charitéplatz 1, Berlin", "minimum 18 years", "maximum 75 years",
        "18 Years to 75 Years", "All", "Healthy volunteers", "ctgov-json", "NCT00000001.json",
        "https://clinicaltrials.gov/study/NCT00000001", "Funding", "Public grant 42",
        "Inclusion criteria", "Exclusion criteria",
        "Adults with RA by ACR/EULAR 2010 criteria", "a TNF inhibitor", "an IL-6 receptor antagonist",
        "Active tuberculosis", "Pregnancy or breast-feeding",
    ]:
        assert expected in text, expected
    # Inclusion before exclusion; sub-items after their parent, with printed labels.
    assert text.index("Inclusion criteria") < text.index("Adults with RA") < text.index("Exclusion criteria")
    assert text.index("Exclusion criteria") < text.index("Active tuberculosis")
    assert text.index("one of the following") < text.index("a.") < text.index("a TNF inhibitor")
    assert text.index("a TNF inhibitor") < text.index("b.") < text.index("an IL-6")
    # An item printed as a bullet keeps its bullet.
    assert "•\nPregnancy" in text or "• Pregnancy" in text or "•\tPregnancy" in text


def test_keyboard_selection_shows_detail(qtbot, window):
    window.focus_list()
    window.select_row(0)
    first = window.detail.trial_id
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.table.currentIndex().row() == 1
    assert window.detail.trial_id == window.model.trial_ids()[1] != first


def test_data_quality_flags_are_shown(qtbot, window):
    search(qtbot, window, "cohort")
    assert window.detail.trial_id == "NCT00000003"
    text = detail_text(window)
    assert "Data-quality warnings" in text
    assert "has passed" in text  # recruiting after the end date
    assert "target enrolment of 0" in text
    assert "Dr Shared Person" in text and "UMIN000042298" in text  # contact on an unrelated trial
    assert "Beijing" in text and "北京大学第三医院" in text
    html = window.detail.toHtml()
    assert "#fff3cd" in html.lower()  # shown in a coloured warning box


def test_completed_trial_flagged_not_recruiting(qtbot, window):
    search(qtbot, window, "lupus")
    text = detail_text(window)
    assert "no longer recruiting" in text
    assert "1-1" in text and "Patients receiving induction steroid treatment" in text


def test_record_text_is_escaped(qtbot, window):
    search(qtbot, window, "belimumab")
    assert window.detail.trial_id == "NCT00000004"
    text = detail_text(window)
    assert "<b>Sjogren's</b>" in text  # shown literally, not as bold markup
    assert "<script>alert(1)</script>" in text
    assert "& more" in text
    assert "Not stated" in text  # fields the record does not give are named, not hidden


def test_keyboard_navigation(qtbot, window):
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.search_box
    qtbot.keyClicks(window.search_box, "arthritis")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is window.table
    assert sorted(listed(window)) == ["NCT00000001", "NCT00000003"]
    assert window.table.currentIndex().row() == 0
    qtbot.keyClick(window.table, Qt.Key.Key_Down)
    assert window.detail.trial_id == listed(window)[1]

    window.focus_search()
    qtbot.keyClick(window.search_box, Qt.Key.Key_Escape)
    assert window.search_box.text() == ""
    assert len(listed(window)) == 4

    qtbot.keyClicks(window.search_box, "lupus")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is window.table
    assert listed(window) == ["UMIN000042298"]


def test_tab_order_starts_at_search_and_reaches_list(window):
    chain = []
    w = window.search_box
    for _ in range(12):
        chain.append(w)
        w = w.nextInFocusChain()
        while not (w.focusPolicy() & Qt.FocusPolicy.TabFocus) or not w.isVisibleTo(window):
            w = w.nextInFocusChain()
    assert chain.index(window.status_combo) < chain.index(window.table) < chain.index(window.detail)
    assert chain.index(window.search_box) == 0


def test_menus(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[0] == "&File" and titles[-1] == "&Help"
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_about_text(window, catalog):
    import core
    from resources import paths

    text = window.about_text()
    assert core.__version__ in text
    assert "Trial Eligibility Assistant" in text
    from core.catalog import database

    assert (database.get_info("catalog_date") or "") in text
    assert str(paths.data_dir()) in text


def test_settings_persist_size_and_splitter(qtbot, catalog):
    from resources import paths

    first = MainWindow()
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.resize(760, 540)  # inside the offscreen 800x600 screen
    first.splitter.setSizes([450, 300])
    sizes = first.splitter.sizes()
    qtbot.waitUntil(lambda: first.size() == QSize(760, 540), timeout=2000)
    first.close()
    assert paths.user_file("settings.ini").exists()

    second = MainWindow()
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == QSize(760, 540)
    assert second.splitter.sizes() == sizes


def test_window_opens_on_an_empty_catalog(qtbot, tmp_path):
    from core.catalog import database

    dest = tmp_path / "empty.sqlite"
    database.build_catalog(dest, [], fingerprint="test")
    database.connect(dest)
    try:
        win = MainWindow()
        qtbot.addWidget(win)
        assert listed(win) == []
        assert "No trials match" in win.count_label.text()
        assert win.country_combo.count() == 1
    finally:
        database.close()
