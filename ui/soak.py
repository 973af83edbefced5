"""A long screening driven through the real questionnaire window, as a clinic's day would.

The Qt binding once aborted the app after about 60 answers (a reference to ``None`` dropped by
every void Qt call). Short tests never saw it; this drives one window through thousands of
answers, changed answers and selections, the same code for the test suite (2,000+ steps) and
the frozen app's ``--self-test`` (a shorter run). Answers come from a "truth" profile through
each question's own editor (``set_value`` then Next), so every editor is exercised.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator

from core.i18n import N_, Message
from core.patient.profile import PatientProfile
from core.questionnaire.simulate import UNKNOWN, answer_from


@dataclass
class SoakReport:
    """What a soak run did, and whether None's reference count stayed put."""

    answers: int = 0
    unknowns: int = 0
    changes: int = 0
    selections: int = 0
    refused: int = 0  # answers the editor or engine refused (then given as unknown)
    none_refcount_drift: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def steps(self) -> int:
        return self.answers + self.unknowns + self.changes + self.selections

    def line(self) -> Message:
        """The self-test's line (``main.py --self-test``): worded where it is printed."""
        return Message(N_("{steps} steps: {answers} answers, {unknowns} unknown, {changes} changed, {selections} "
                          "selections, None refcount drift {drift}"), steps=self.steps, answers=self.answers,
                       unknowns=self.unknowns, changes=self.changes, selections=self.selections,
                       drift=self.none_refcount_drift)


def _answer(window, truth: PatientProfile, rng: random.Random, report: SoakReport) -> None:
    question = window.question
    value = answer_from(truth, question)
    if value == UNKNOWN or rng.random() < 0.25:
        if window.answer_unknown():
            report.unknowns += 1
        return
    try:
        window.editor.set_value(value)
    except Exception as exc:  # an editor that cannot show a truth value is a finding, not a crash
        report.errors.append(Message(N_("{question}: the editor could not take the answer ({problem})"),
                                     question=question.id, problem=str(exc)))
        window.answer_unknown()
        report.unknowns += 1
        return
    if window.submit():
        report.answers += 1
    else:
        report.refused += 1
        if window.answer_unknown():
            report.unknowns += 1


def _select_something(window, rng: random.Random, report: SoakReport) -> None:
    """Click around the results and the answers list the way a clinician reads them."""
    tree = window.results.tree
    items = []
    it = QTreeWidgetItemIterator(tree)
    while it.value() is not None:
        items.append(it.value())
        it += 1
    if items:
        item = rng.choice(items)
        tree.setCurrentItem(item)
        item.setExpanded(not item.isExpanded())
        report.selections += 1
    history = window.history
    if history.count():
        history.setCurrentRow(rng.randrange(history.count()))
        report.selections += 1


def run_soak(window, truth: PatientProfile, steps: int, seed: int = 12,
             app: QApplication | None = None) -> SoakReport:
    """Drive ``window`` (a QuestionnaireWindow) through about ``steps`` user actions."""
    app = app or QApplication.instance()
    rng = random.Random(seed)
    report = SoakReport()
    before = sys.getrefcount(None)
    while report.steps < steps:
        roll = rng.random()
        if window.question is not None and not window.changing and roll < 0.7:
            _answer(window, truth, rng, report)
        elif window.changing and window.question is not None:
            _answer(window, truth, rng, report)
        elif roll < 0.85 and window.q.history:
            window.change(rng.choice(list(window.q.history)))
            report.changes += 1
        else:
            _select_something(window, rng, report)
            if window.question is None and not window.q.history:
                break  # nothing to answer and nothing to change: the run cannot go on
        if report.steps % 25 == 0:
            window.grab()  # paint everything, as a visible window would
        app.processEvents()
        # deleteLater() runs when control returns to the event loop; a driven loop must ask
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if window.isHidden():
            window.show()
    app.processEvents()
    report.none_refcount_drift = sys.getrefcount(None) - before
    window.results.tree.setFocus(Qt.FocusReason.OtherFocusReason)
    return report
