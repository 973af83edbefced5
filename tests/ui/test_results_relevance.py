"""Results stay relevant (issue 13, item 6): sorted by verdict then by how well the trial's
conditions fit the patient's diagnoses; trials for other conditions grouped apart, collapsed,
never ticked by default; the clinician can still open and tick them."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.matching.condition_fit import condition_fit
from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from ui.screening.results import OTHER_TRIALS, ResultsPanel

RA_PATIENT = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-01", "date_of_birth": "1974-01-01",
                                "sex": "female", "diagnoses": [{"code": "rheumatoid_arthritis"}]})
CRITERIA = [{"key": "inc-1", "kind": "inclusion", "text": "Adults", "rule": {"fact": "age_years", "op": ">=",
                                                                               "value": 18}},
            {"key": "inc-2", "kind": "inclusion", "text": "Something to confirm", "rule": None}]
TRIALS = {  # id: conditions as registries state them
    "T-SLE": ["Systemic Lupus Erythematosus"],
    "T-MEDITATION": ["Stress", "Healthy"],
    "T-AUTOIMMUNE": ["Autoimmune Diseases"],
    "T-RA": ["Difficult-to-treat RA"],
    "T-STILL": ["Adult-onset Still disease"],
}


def _panel(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    verdicts = {tid: evaluate_trial(tid, CRITERIA, RA_PATIENT) for tid in TRIALS}  # all possibly eligible
    codes = [d.code for d in RA_PATIENT.diagnoses]
    fits = {tid: condition_fit(conditions, codes) for tid, conditions in TRIALS.items()}
    panel.show_verdicts(verdicts, {t: t for t in TRIALS}, fits)
    return panel


def test_matching_trials_first_others_apart_and_unticked(qtbot):
    panel = _panel(qtbot)
    tree = panel.tree
    tops = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert [t.text(0).split(" — ")[0] for t in tops[:2]] == ["T-RA", "T-AUTOIMMUNE"]  # exact fit, then broader
    group = tops[-1]
    assert group.text(0) == f"{OTHER_TRIALS} (3)"
    assert not group.isExpanded()
    assert sorted(group.child(i).text(0).split(" — ")[0] for i in range(group.childCount())) == \
        ["T-MEDITATION", "T-SLE", "T-STILL"]
    assert panel.chosen() == ["T-RA", "T-AUTOIMMUNE"]  # never the others by default


def test_the_clinician_can_still_open_and_tick_another_trial(qtbot):
    panel = _panel(qtbot)
    panel.show()
    group = panel.other_group()
    panel.tree.setCurrentItem(group)
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Right)  # expand with the keyboard
    assert group.isExpanded()
    sle = panel.item_for("T-SLE")
    panel.tree.setCurrentItem(sle)
    qtbot.keyClick(panel.tree, Qt.Key.Key_Space)  # tick it
    assert "T-SLE" in panel.chosen()
    # the choice survives the next refresh (a new answer re-evaluates)
    panel.show_verdicts(panel.verdicts, {t: t for t in TRIALS}, panel.fits)
    assert "T-SLE" in panel.chosen() and panel.other_group().isExpanded()


def test_before_any_diagnosis_nothing_is_set_apart_or_ticked(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    verdicts = {tid: evaluate_trial(tid, CRITERIA, RA_PATIENT) for tid in TRIALS}
    panel.show_verdicts(verdicts, {t: t for t in TRIALS}, {t: condition_fit(c, []) for t, c in TRIALS.items()})
    assert panel.other_group() is None
    assert panel.chosen() == []


def test_the_selected_row_reads_in_full_under_the_tree(qtbot):
    panel = _panel(qtbot)
    panel.resize(420, 500)  # narrow: titles and reasons are elided in the tree
    panel.show()
    panel.tree.setFocus()
    item = panel.item_for("T-RA")
    panel.tree.setCurrentItem(item)
    assert panel.detail.text().startswith("T-RA — T-RA\n") and "Possibly eligible" in panel.detail.text()
    qtbot.keyClick(panel.tree, Qt.Key.Key_Right)  # open the trial
    for _ in range(3):  # down to a criterion's sentence, with the keyboard
        qtbot.keyClick(panel.tree, Qt.Key.Key_Down)
        current = panel.tree.currentItem()
        if current.parent() is not None and current.parent().parent() is not None:
            break
    assert current.parent().parent() is item
    assert panel.detail.text().startswith("Inclusion") and panel.detail.wordWrap()
    assert current.text(0).split(": ", 1)[1] in panel.detail.text()  # the sentence, whole
