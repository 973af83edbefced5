"""The CAR-NK allergy exclusion answered "No" on its clinician question decides it when the
clinician says the answer is for the whole exclusion; a record that says otherwise shows as a
conflict in the results, with the direct answer used (issue 13, item 5)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.screening_helpers import close_all, open_window

CAR_NK = "LOCAL-5DC21DAC9E"
PART = f"confirm:{CAR_NK}:exc-1#study-drugs"
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def window(qtbot):
    win = open_window(qtbot, trial_ids=[CAR_NK])
    yield win
    win.close()
    close_all()


def _answer_part_no_for_whole(qtbot, window):
    window.show_question(window.q.question(PART))
    editor = window.editor
    assert editor.whole is not None and "decides the whole exclusion" in editor.whole.text().replace("&", "")
    qtbot.keyClick(editor, Qt.Key.Key_N, ALT)  # No
    qtbot.waitUntil(editor.buttons["no"].isChecked)  # a mnemonic clicks after a short animation
    qtbot.keyClick(editor, Qt.Key.Key_D, ALT)  # decides the whole exclusion
    qtbot.waitUntil(editor.whole.isChecked)
    qtbot.keyClick(window.next_button, Qt.Key.Key_Return)


def test_a_direct_no_decides_the_allergy_exclusion(qtbot, window):
    assert window.q.verdicts()[CAR_NK].criterion("exc-1").status == "unknown"
    _answer_part_no_for_whole(qtbot, window)
    result = window.q.verdicts()[CAR_NK].criterion("exc-1")
    assert result.status == "not_met" and result.conflict is None
    assert "severe_drug_allergy" not in {q.id for q in window.q.open_questions()}  # not asked any more


def test_a_conflicting_record_is_shown_in_the_results(qtbot, window):
    window.session.answer("severe_drug_allergy", True)
    window.refresh()
    _answer_part_no_for_whole(qtbot, window)
    result = window.q.verdicts()[CAR_NK].criterion("exc-1")
    assert result.status == "not_met" and "The direct answer is used" in result.conflict
    item = window.results.item_for(CAR_NK)
    item.setExpanded(True)  # a trial's rows are built when it is opened
    groups = [item.child(i) for i in range(item.childCount())]
    texts = [g.child(j).text(0) for g in groups for j in range(g.childCount())]
    shown = [t for t in texts if t.startswith("⚠ Exclusion 1")]
    assert shown and "Conflict: answered directly as not present, but the recorded facts say present" in shown[0]
