"""The live results panel redraws only the trials whose verdict changed, and the tree it leaves is exactly the one a
full rebuild makes (ui/screening/results.py, show_verdicts)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from ui.screening.results import ResultsPanel

CRITERIA = [
    {"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "Aged 18 or over.",
     "rule": {"fact": "age_years", "op": ">=", "value": 18}},
    {"key": "exc-1", "parent_key": None, "kind": "exclusion", "label": "1", "text": "Pregnant.",
     "rule": {"fact": "pregnant", "op": "=", "value": True}},
    {"key": "exc-2", "parent_key": None, "kind": "exclusion", "label": "2", "text": "Breastfeeding.",
     "rule": {"fact": "lactating", "op": "=", "value": True}},
]
OTHER = [
    {"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "Aged 18 or over.",
     "rule": {"fact": "age_years", "op": ">=", "value": 18}},
]
TITLES = {"T-1": "First", "T-2": "Second", "T-3": "Third"}
FITS = {"T-1": 3, "T-2": 3, "T-3": 3}


def _verdicts(profile: dict) -> dict:
    p = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01", **profile})
    return {"T-1": evaluate_trial("T-1", CRITERIA, p), "T-2": evaluate_trial("T-2", OTHER, p),
            "T-3": evaluate_trial("T-3", CRITERIA, p)}


def _dump(panel) -> list:
    """Every row's texts, tooltip, foreground and check state, depth first."""
    out = []

    def walk(item, depth):
        out.append((depth, tuple(item.text(c) for c in range(3)), item.toolTip(0),
                    item.data(2, Qt.ItemDataRole.ForegroundRole) is not None, item.checkState(0),
                    item.isFirstColumnSpanned(), item.isExpanded()))
        for i in range(item.childCount()):
            walk(item.child(i), depth + 1)
    for i in range(panel.tree.topLevelItemCount()):
        walk(panel.tree.topLevelItem(i), 0)
    return out + [panel.summary.text()]


def test_an_answer_redraws_only_the_changed_trials_and_matches_a_rebuild(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    first = _verdicts({"date_of_birth": "1980-01-01", "sex": "female"})  # pregnancy, lactation unknown: possibly
    panel.show_verdicts(first, TITLES, FITS)
    panel.item_for("T-1").setExpanded(True)  # the clinician opens one trial
    untouched = panel.item_for("T-2")
    second = _verdicts({"date_of_birth": "1980-01-01", "sex": "female", "findings": {"pregnant": False}})
    assert second["T-2"] == first["T-2"] and second["T-1"] != first["T-1"]
    panel.show_verdicts(second, TITLES, FITS)
    assert panel.item_for("T-2") is untouched  # not redrawn

    fresh = ResultsPanel()
    qtbot.addWidget(fresh)
    fresh.show_verdicts(second, TITLES, FITS)
    fresh.item_for("T-1").setExpanded(True)
    assert _dump(panel) == _dump(fresh)
    groups = [panel.item_for("T-1").child(i).text(0) for i in range(panel.item_for("T-1").childCount())]
    assert "Unknown (1)" in groups and "Met (2)" in groups  # pregnancy answered: redrawn in place, not stale
    for tid in ("T-2", "T-3"):  # opened later, the folded trials show the same rows as a full rebuild
        panel.item_for(tid).setExpanded(True)
        fresh.item_for(tid).setExpanded(True)
    assert _dump(panel) == _dump(fresh)


def test_a_folded_trial_gets_its_rows_when_opened_and_never_stale_ones(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    first = _verdicts({"date_of_birth": "1980-01-01", "sex": "female"})
    panel.show_verdicts(first, TITLES, FITS)
    item = panel.item_for("T-1")
    assert item.childCount() == 0  # not built while folded ...
    assert item.childIndicatorPolicy() == item.ChildIndicatorPolicy.ShowIndicator  # ... but it can be opened
    item.setExpanded(True)
    assert "Unknown (2)" in [item.child(i).text(0) for i in range(item.childCount())]
    item.setExpanded(False)  # folded again, then an answer changes its verdict
    second = _verdicts({"date_of_birth": "1980-01-01", "sex": "female", "findings": {"pregnant": False}})
    panel.show_verdicts(second, TITLES, FITS)
    assert panel.item_for("T-1") is item and item.childCount() == 0
    item.setExpanded(True)
    groups = [item.child(i).text(0) for i in range(item.childCount())]
    assert "Unknown (1)" in groups and "Unknown (2)" not in groups  # the new rows, not the old ones


def test_a_changed_order_or_title_rebuilds_the_tree(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    # T-1 and T-3 ruled out, then not: the order changes
    first = _verdicts({"date_of_birth": "1980-01-01", "sex": "female", "findings": {"pregnant": True}})
    panel.show_verdicts(first, TITLES, FITS)
    second = _verdicts({"date_of_birth": "1980-01-01", "sex": "female", "findings": {"pregnant": False}})
    panel.show_verdicts(second, {**TITLES, "T-2": "Renamed"}, FITS)
    fresh = ResultsPanel()
    qtbot.addWidget(fresh)
    fresh.show_verdicts(second, {**TITLES, "T-2": "Renamed"}, FITS)
    assert _dump(panel) == _dump(fresh)
    assert panel.item_for("T-2").text(0) == "T-2 — Renamed"
