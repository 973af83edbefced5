"""A heading printed as an item ("Concurrent Medication:") is listed apart, collapsed, never among
the criteria met (docs/rules.md, Verdicts)."""

from __future__ import annotations

from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from ui.screening.results import ResultsPanel

PATIENT = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-01", "date_of_birth": "1974-01-01",
                             "sex": "female"})
CRITERIA = [{"key": "inc-1", "kind": "inclusion", "text": "Adults",
             "rule": {"fact": "age_years", "op": ">=", "value": 18}},
            {"key": "inc-2", "kind": "inclusion", "text": "INCLUSION OF PREGNANT WOMEN:", "rule": None},
            {"key": "exc-1", "kind": "exclusion", "text": "Concurrent Medication:", "rule": None}]


def test_headings_have_their_own_collapsed_group(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    panel.show_verdicts({"T-H": evaluate_trial("T-H", CRITERIA, PATIENT)}, {"T-H": "T-H"}, {})
    row = panel.trial_items()[0]
    row.setExpanded(True)  # a trial's rows are built when it is opened
    groups = {row.child(i).text(0): row.child(i) for i in range(row.childCount())}
    heading_group = next(g for name, g in groups.items() if name.startswith("Headings in the record"))
    met_group = next(g for name, g in groups.items() if name.startswith("Met"))
    assert heading_group.childCount() == 2 and not heading_group.isExpanded()
    assert met_group.childCount() == 1 and "Adults" not in met_group.child(0).text(0)
    assert "eligible" in row.text(1).lower() and "possibly" not in row.text(1).lower()
