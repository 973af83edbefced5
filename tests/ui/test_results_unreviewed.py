"""A trial ruled out only by an automatic reading nobody reviewed says so in the results, on the
trial's row and on the deciding criterion (docs/rules.md, "unreviewed")."""

from __future__ import annotations

from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from tests.ui.screening_helpers import tree_texts
from ui.screening.results import ResultsPanel

PATIENT = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-01", "date_of_birth": "1974-01-01",
                             "sex": "female", "findings": {"pregnant": True}})


def _criteria(origin):
    return [{"key": "inc-1", "kind": "inclusion", "text": "Adults", "rule_origin": "curated",
             "rule": {"fact": "age_years", "op": ">=", "value": 18}},
            {"key": "exc-1", "kind": "exclusion", "text": "Pregnant women", "rule_origin": origin,
             "rule": {"fact": "pregnant", "op": "=", "value": True}}]


def test_the_row_and_the_criterion_say_read_automatically(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    verdicts = {"T-AUTO": evaluate_trial("T-AUTO", _criteria("automatic-unreviewed"), PATIENT),
                "T-CURATED": evaluate_trial("T-CURATED", _criteria("curated"), PATIENT)}
    panel.show_verdicts(verdicts, {t: t for t in verdicts}, {})
    rows = {item.text(0).split(" ")[0]: item for item in panel.trial_items()}
    auto, curated = tree_texts(rows["T-AUTO"]), tree_texts(rows["T-CURATED"])
    assert "not yet reviewed" in rows["T-AUTO"].text(1)
    assert any("Exclusion" in t and "not yet reviewed" in t for t in auto[2:])
    assert not any("not yet reviewed" in t for t in curated)


def _shown_panel(qtbot, width: int) -> ResultsPanel:
    """A results panel on screen at ``width`` (column widths are only worked out for a shown tree)."""
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 400)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_a_long_verdict_leaves_the_trial_column_readable(qtbot):
    """"✗ Not eligible (read automatically, not yet reviewed)" is long: sized to its contents, the
    verdict column once left the trial column a few pixels wide in a narrow results pane."""
    panel = _shown_panel(qtbot, 480)
    verdicts = {"T-AUTO": evaluate_trial("T-AUTO", _criteria("automatic-unreviewed"), PATIENT)}
    panel.show_verdicts(verdicts, {"T-AUTO": "A trial with a long enough title"}, {})
    tree = panel.tree
    width = tree.viewport().width()
    assert tree.columnWidth(0) >= width // 2
    assert tree.columnWidth(1) <= width * 0.3 + 1
    row = panel.trial_items()[0]
    assert "not yet reviewed" in row.toolTip(1)  # the whole verdict, where the column elides it
    panel.resize(1400, 400)
    qtbot.wait(50)
    assert tree.columnWidth(1) >= tree.sizeHintForColumn(1)  # room enough: the whole verdict shows


def test_verdicts_inside_the_collapsed_other_trials_group_get_room_when_it_opens(qtbot):
    """Trials for other conditions sit in a collapsed group: sized to the (then hidden) rows, the verdict and
    recruitment columns were a dozen pixels wide ("Verc", "?…") and stayed so after the group was opened."""
    panel = _shown_panel(qtbot, 900)
    verdicts = {"T-OTHER": evaluate_trial("T-OTHER", _criteria("curated"), PATIENT)}
    panel.show_verdicts(verdicts, {"T-OTHER": "A trial for another condition"}, {"T-OTHER": 0})
    tree, header = panel.tree, panel.tree.header()
    assert panel.other_group() is not None and not panel.other_group().isExpanded()
    for column in (1, 2):  # the header's own word shows, even with every row folded away
        assert tree.columnWidth(column) >= header.sectionSizeHint(column), column
    panel.other_group().setExpanded(True)
    qtbot.wait(20)
    assert tree.columnWidth(1) >= tree.sizeHintForColumn(1)  # the verdict shows whole once its row is visible
