"""A trial whose inclusions list groups of participants (core.matching.cohorts): an inclusion not met is shown
with why it does not rule the patient out."""

from __future__ import annotations

from core.matching.verdict import POSSIBLY_ELIGIBLE, evaluate_trial
from tests.ui.screening_helpers import tree_texts
from ui.screening.results import ResultsPanel

CRITERIA = [{"key": "inc-1", "kind": "inclusion", "text": "Patients with SLE established by ACR criteria"},
            {"key": "inc-2", "kind": "inclusion", "text": "Healthy volunteers age 18 or older"}]


def test_the_unmet_inclusion_says_it_may_belong_to_another_group(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    verdict = evaluate_trial("T-C", CRITERIA, {}, confirmations={"inc-1": True, "inc-2": False})
    assert verdict.verdict == POSSIBLY_ELIGIBLE
    panel.show_verdicts({"T-C": verdict}, {"T-C": "Cohorts"}, {})
    texts = tree_texts(panel.trial_items()[0])
    assert any("Inclusion" in t and "may belong to another group" in t for t in texts)
    assert sum("may belong to another group" in t for t in texts) == 1  # only the unmet inclusion says it
