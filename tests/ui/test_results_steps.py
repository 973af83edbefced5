"""The live results panel shows steps before enrolment and eligible-from dates (issue 14)."""

from __future__ import annotations

from core.matching.verdict import evaluate_trial
from core.patient.profile import profile_from_dict
from ui.screening.results import ResultsPanel

WASHOUT = {"step": {"kind": "washout", "text": "Last <i>prednisone</i> dose 2 weeks before the first study dose"},
           "rule": {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}}
CRITERIA = [
    {"key": "inc-1", "parent_key": None, "kind": "inclusion", "label": "1", "text": "RA for 3 months.",
     "rule": {"fact": "ra_duration_months", "op": ">=", "value": 3}},
    {"key": "inc-2", "parent_key": None, "kind": "inclusion", "label": "2", "text": "Washout.", "rule": WASHOUT},
]
PROFILE = profile_from_dict({
    "format_version": 1, "assessment_date": "2026-11-01", "treatments_complete": True,
    "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2026-10-01"}],
    "treatments": [{"drug": "prednisone", "start": "2026-10-01", "dose": 10, "dose_unit": "mg/day",
                    "outcome": "ongoing"}],
})


def children(item):
    return [item.child(i) for i in range(item.childCount())]


def test_panel_lists_before_enrolment_and_the_date(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    verdict = evaluate_trial("T-1", CRITERIA, PROFILE)
    panel.show_verdicts({"T-1": verdict}, {"T-1": "A trial"}, {"T-1": 3})  # conditions match
    item = panel.item_for("T-1")
    item.setExpanded(True)  # a trial's rows are built when it is opened
    assert item.text(1) == "✔ Eligible from 2027-01-01"
    groups = {g.text(0): [c.text(0) for c in children(g)] for g in children(item)}
    assert groups["Before enrolment (2)"] == [
        "Eligible from 2027-01-01 (when rheumatoid arthritis duration reaches 3 months)",
        "Last <i>prednisone</i> dose 2 weeks before the first study dose."]
    later = groups["Met once the steps are taken / from a later date (2)"]
    assert later[0].startswith("Inclusion 1: met from 2027-01-01 (when rheumatoid arthritis duration reaches "
                               "3 months). Today: Rheumatoid arthritis duration 1 month is below 3 months.")
    assert later[1].startswith("Inclusion 2: met once done before enrolment. Today: ")
    assert not any(title.startswith("Not met") for title in groups)
    assert panel.chosen() == ["T-1"]  # ticked for the letter by default: not ruled out, conditions match
