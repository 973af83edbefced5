"""The checklist page (issue 15): a trial's remaining criteria on one page, each row its verbatim
text as plain text with three choices; fully keyboard-usable; the answers reach the engine as
the trial's confirmations; changing the page shows its rows as answered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from core.catalog import database
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, TrialRecord
from tests.ui.screening_helpers import close_all, open_window

TRIAL = "NCT09999001"
INCLUSIONS = ["<b>x</b> Must speak English.", "Willing to keep a meditation diary.",
              *(f"Able to attend study visit {n} in person." for n in range(1, 9))]
EXCLUSIONS = ["Non-English speaking.", "Any condition the investigator finds unsuitable."]


def _record() -> TrialRecord:
    criteria = [CriterionNode(INCLUSION, text, label=str(i)) for i, text in enumerate(INCLUSIONS, 1)]
    criteria += [CriterionNode(EXCLUSION, text, label=str(i)) for i, text in enumerate(EXCLUSIONS, 1)]
    return TrialRecord(title="Mindfulness <i>meditation</i> for lupus fatigue", registry_ids=[TRIAL],
                       conditions=["Systemic Lupus Erythematosus"], status="RECRUITING", criteria=criteria,
                       source_format="ctgov-xml")


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from core.catalog import bundle

    path = database.build_catalog(tmp_path / "catalog.sqlite", [_record()], fingerprint="checklist-test")
    database.close()
    monkeypatch.setattr(bundle, "ensure_bundled", lambda: path)
    win = open_window(qtbot, trial_ids=[TRIAL])
    yield win
    win.close()
    close_all()


def _rows(window):
    return window.editor.rows


def test_the_page_lists_every_criterion_as_plain_text(window):
    assert window.question.kind == "checklist" and window.question.id == f"checklist:{TRIAL}"
    assert TRIAL in window.question_label.text() and "<i>meditation</i>" in window.question_label.text()
    assert window.question_label.textFormat() == Qt.TextFormat.PlainText
    assert "Criteria the app could not read. Answer those you know; leave the rest Unknown for the study team." \
        in window.help_label.text()
    rows = _rows(window)
    assert [r.text_label.text() for r in rows] == INCLUSIONS + EXCLUSIONS  # criteria order, verbatim
    first = rows[0]
    assert first.text_label.textFormat() == Qt.TextFormat.PlainText and first.text_label.wordWrap()
    assert first.text_label.text() == "<b>x</b> Must speak English."  # shown as typed, never bold
    assert [b.text() for b in first.buttons.values()] == ["Met", "Not met", "Unknown"]
    assert [b.text() for b in rows[-1].buttons.values()] == ["Applies", "Does not apply", "Unknown"]
    assert all(r.code() == "unknown" for r in rows)  # nothing answered yet: Unknown
    assert first.name_label.text() == "Inclusion 1" and rows[-1].name_label.text() == "Exclusion 2"


def test_keyboard_only_tab_between_rows_arrows_within_and_enter(qtbot, window):
    rows = _rows(window)
    assert QApplication.focusWidget() is rows[0]  # the page opens on its first row
    qtbot.keyClick(rows[0], Qt.Key.Key_Left)
    qtbot.keyClick(rows[0], Qt.Key.Key_Left)
    assert rows[0].code() == "yes"
    qtbot.keyClick(rows[0], Qt.Key.Key_Left)  # stays on the first choice
    assert rows[0].code() == "yes"
    qtbot.keyClick(rows[0], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is rows[1]  # one Tab stop per row: its buttons take no focus
    qtbot.keyClick(rows[1], Qt.Key.Key_Left)
    assert rows[1].code() == "no"
    qtbot.keyClick(rows[1], Qt.Key.Key_Right)
    qtbot.keyClick(rows[1], Qt.Key.Key_Left)
    assert rows[1].code() == "no"
    for _ in range(len(rows) - 2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    assert QApplication.focusWidget() is rows[-1]
    qtbot.keyClick(rows[-1], Qt.Key.Key_Left)
    qtbot.keyClick(rows[-1], Qt.Key.Key_Left)
    assert rows[-1].code() == "yes"
    qtbot.keyClick(rows[-1], Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is rows[-2]
    qtbot.keyClick(rows[-2], Qt.Key.Key_Return)  # Enter accepts the page, as on every page
    assert window.q.profile.confirmations[TRIAL] == {
        "inc-1": True, "inc-2": False, **{f"inc-{n}": None for n in range(3, 11)}, "exc-1": None, "exc-2": True}
    assert window.q.history == [f"checklist:{TRIAL}"] and window.q.verdict_of(TRIAL) == "not_eligible"


def test_a_long_list_scrolls_to_the_row_reached_by_keyboard(qtbot, window):
    window.resize(1000, 560)
    qtbot.waitUntil(lambda: window.editor_area.verticalScrollBar().maximum() > 0)
    assert window.editor_area.widget() is window.editor
    bar = window.editor_area.verticalScrollBar()
    assert bar.value() == 0
    for _ in range(len(_rows(window)) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is _rows(window)[-1] and bar.value() > 0


def test_answers_reach_the_engine_and_changing_shows_them(qtbot, window):
    rows = _rows(window)
    rows[0].buttons["yes"].click()
    rows[-2].buttons["no"].click()
    window.submit()
    q = window.q
    assert q.current_answer(f"checklist:{TRIAL}")["confirm:NCT09999001:inc-1"] == "yes"
    assert q.profile.confirmations[TRIAL]["exc-1"] is False and q.profile.confirmations[TRIAL]["inc-2"] is None
    assert window.question is None  # every criterion answered (most unknown): done
    assert window.history.count() == 1 and "1 yes, 1 no, 10 unknown" in window.history.item(0).text()
    # "Back": the answers list opens the page again with its rows as answered
    window.history.setCurrentRow(0)
    window.history.setFocus()
    qtbot.keyClick(window.history, Qt.Key.Key_Return)
    assert window.changing and window.question.kind == "checklist"
    rows = _rows(window)
    assert [r.code() for r in rows][:2] == ["yes", "unknown"] and rows[-2].code() == "no"
    rows[0].buttons["no"].click()
    window.submit()
    assert window.q.profile.confirmations[TRIAL]["inc-1"] is False and window.q.verdict_of(TRIAL) == "not_eligible"
    assert window.q.history == [f"checklist:{TRIAL}"]


def test_ctrl_u_answers_every_row_unknown(qtbot, window):
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    assert window.q.status(f"checklist:{TRIAL}") == "unknown"
    assert set(window.q.profile.confirmations[TRIAL].values()) == {None}


def test_an_earlier_screenings_answer_is_said_beside_its_row(window):
    window.session.from_record["asked_before"] = {
        f"confirm:{TRIAL}:exc-1": "asked in screening #3 on 2026-01-05 (answered yes)"}
    window.show_question(window.q.question(f"checklist:{TRIAL}"))
    row = window.editor.row(f"confirm:{TRIAL}:exc-1")
    notes = [label.text() for label in row.findChildren(type(row.text_label))
             if label.objectName() == "checklistEarlier"]
    assert notes == ["Asked in screening #3 on 2026-01-05 (answered yes)."]
    assert row.code() == "unknown"  # said, never carried over


def test_a_refused_row_is_named_under_it_and_nothing_is_saved(qtbot, window, monkeypatch):
    editor = window.editor
    row = editor.row(f"confirm:{TRIAL}:exc-1")
    monkeypatch.setattr(row, "code", lambda: "perhaps")  # no button gives it: the engine's check is what is tested
    assert not window.submit()
    assert row.error.isVisible() and "yes or no" in row.error.text()
    assert QApplication.focusWidget() is row
    assert window.q.history == [] and TRIAL not in window.q.profile.confirmations
