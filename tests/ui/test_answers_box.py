"""The answers list (ui/screening/answers_box.py): a row is worked out again only when its answer, note or language
changed, and always shows the current answer."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget

from core.i18n import using_language
from core.questionnaire import Question
from ui.screening.answers_box import show_answers


class _Q:
    def __init__(self):
        self.history = ["weight_kg"]
        self.answers = {"weight_kg": 61}
        self.asked = 0

    def current_answer(self, qid):
        return self.answers[qid]

    def question(self, qid):
        self.asked += 1
        return Question(id=qid, kind="number", group="findings", text="Body weight <b>now</b>?", unit="kg")


class _Session:
    note = None

    def record_note(self, qid):
        return self.note


def test_rows_are_remade_only_when_their_answer_changes(qtbot):
    history = QListWidget()
    qtbot.addWidget(history)
    q, session = _Q(), _Session()
    show_answers(history, q, session)
    assert history.item(0).text().endswith(": 61 kg") and q.asked == 1
    show_answers(history, q, session)
    assert history.count() == 1 and q.asked == 1  # unchanged: not worked out again
    q.answers["weight_kg"] = 64
    show_answers(history, q, session)
    assert history.item(0).text().endswith(": 64 kg") and q.asked == 2
    session.note = "from the record, 4 months old"
    show_answers(history, q, session)
    assert history.item(0).text().endswith("(from the record, 4 months old)") and q.asked == 3
    with using_language("ja"):
        show_answers(history, q, session)
    assert q.asked == 4  # another language: new words
    assert "&lt;b&gt;now" in history.item(0).toolTip()  # the question's words shown literally, cached or not
