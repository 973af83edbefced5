"""The detail pane stays bounded for any trial and lets the whole be read (issue 12, row 3)."""

from __future__ import annotations

import copy

from core.catalog.store import save_record, trial_to_dict
from core.trial_record import INCLUSION, CriterionNode, Site
from tests.ui.conftest import sample_records
from ui.detail_bounds import ELIDE_CHARS, MAX_ROWS, bound_trial
from ui.full_text import PAGE_CHARS, FullTextDialog, split_pages

HUGE = "<b>markup stays text</b> " + "lupus nephritis with proteinuria " * 31_000  # about 1 MB, one line


def oversized():
    rec = copy.deepcopy(sample_records()[0])
    rec.registry_ids = ["NCT09999999"]
    rec.criteria = [CriterionNode(INCLUSION, HUGE, label="1")] + [
        CriterionNode(INCLUSION, f"Item {i}", label=str(i)) for i in range(2, 302)]
    rec.sites = [Site(name=f"Hospital {i}", country="Germany") for i in range(5_000)]
    rec.description = "d" * 150_000
    return rec


def test_long_texts_and_lists_are_cut_and_kept_whole_for_show_all(catalog):
    save_record(oversized())
    data = trial_to_dict("NCT09999999", max_rows=MAX_ROWS)
    assert len(data["sites"]) == MAX_ROWS and data["sites_total"] == 5_000  # only the first rows read
    bounded, show = bound_trial(data, {"sites": lambda: trial_to_dict("NCT09999999")["sites"]})
    first = bounded["criteria"]["inclusion"][0]["text"]
    assert len(first) <= ELIDE_CHARS + 1 and first.total == len(HUGE)
    assert show.text("criterion:inc-1") == HUGE
    assert len(bounded["description"]) <= ELIDE_CHARS + 1 and show.text("description") == "d" * 150_000
    assert len(show.text("sites").splitlines()) == 5_000
    assert len(bounded["criteria"]["inclusion"]) == MAX_ROWS and bounded["criteria_total"]["inclusion"] == 301
    assert show.text("criteria:inclusion").count("\n") == 300


def test_the_pane_shows_the_start_and_a_show_all_link(qtbot, window):
    save_record(oversized())
    detail = window.detail
    assert detail.show_trial("NCT09999999")
    text = detail.toPlainText()
    assert f"Show all ({len(HUGE):,} characters)" in text
    assert "lupus nephritis" in text and len(text) < 60_000  # the page holds the start, not the whole
    assert "Showing the first 100 of 5,000 sites" in text and "Sites (5,000)" in text
    assert "<b>markup stays text</b>" in text  # shown as text, never interpreted
    html = detail.toHtml()
    assert 'href="show:criterion%3Ainc-1"' in html and 'href="show:sites"' in html


def test_show_all_opens_the_whole_text_paged(qtbot, window):
    save_record(oversized())
    detail = window.detail
    detail.show_trial("NCT09999999")
    from PySide6.QtCore import QUrl

    detail.open_link(QUrl("show:criterion%3Ainc-1"))
    dialog = detail.full_text_dialog
    assert isinstance(dialog, FullTextDialog)
    qtbot.addWidget(dialog)
    assert len(dialog.pages) >= len(HUGE) // PAGE_CHARS
    assert dialog.view.toPlainText() == dialog.pages[0] and len(dialog.pages[0]) <= PAGE_CHARS
    assert dialog.view.toPlainText().startswith("<b>markup stays text</b>")  # plain text, not markup
    whole = [dialog.view.toPlainText()]
    while dialog.next_button.isEnabled():
        dialog.next_button.click()
        whole.append(dialog.view.toPlainText())
    assert "".join(whole) == HUGE
    assert dialog.position.text().startswith(f"Page {len(dialog.pages)} of {len(dialog.pages)}")
    assert not dialog.next_button.isEnabled() and dialog.previous_button.isEnabled()


def test_pages_break_at_spaces_and_join_back():
    text = "word " * 10_000
    pages = split_pages(text, 1_000)
    assert "".join(pages) == text and all(len(p) <= 1_000 for p in pages)
    assert all(p.endswith(" ") for p in pages[:-1])
    assert split_pages("x" * 2_500, 1_000) == ["x" * 1_000, "x" * 1_000, "x" * 500]
    assert split_pages("") == [""]


def test_a_small_trial_is_shown_whole_without_links(qtbot, window):
    window.detail.show_trial("NCT00000001")
    assert "Show all" not in window.detail.toPlainText()
    assert window.detail.show_all.keys() == []


def test_unstated_other_fields_still_read_not_stated():
    data = {"title": "T", "extra": {"Funding": None, "Notes": "x" * 5_000}}
    bounded, show = bound_trial(data)
    assert bounded["extra"]["Funding"] is None
    assert bounded["extra"]["Notes"].total == 5_000 and show.text("extra:1") == "x" * 5_000
