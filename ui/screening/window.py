"""The questionnaire window: the next question the engine proposes on the left, the live
per-trial results on the right, the answers given so far below the question.

The window only shows a ``Question`` and passes the editor's value to the session (the
engine checks it and the user database saves it); everything shown is recomputed from
the engine after every answer.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QMainWindow,
    QRadioButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from core.i18n import N_, _, ngettext, pgettext
from core.questionnaire import AnswerError, Question
from core.questionnaire.record import asked_before_words
from core.questionnaire.wording import question_help, question_text
from core.userdata.errors import SaveError  # noqa: E402
from ui import plain
from ui.plain import plain_label, rich_label
from ui.screen_fit import resize_to_fit
from ui.screening.answers_box import QID_ROLE, answers_box, show_answers
from ui.screening.editors import Editor, make_editor
from ui.screening.editors.base import EmptyAnswer
from ui.screening.keys import UnknownKey
from ui.screening.question_page import PAGE_PARTS, QuestionPage
from ui.screening.results import ResultsPanel
from ui.screening.session import ScreeningSession
from ui.screening.text import capitalised, field_within, group_title, question_label, serves_line, short_list, why_html

log = logging.getLogger(__name__)

ALL_FINAL = N_("All verdicts are final.")
ONLY_UNANSWERABLE = N_("Only unanswerable items remain.")


class QuestionnaireWindow(QMainWindow):
    """One screening: question page, answers so far, live results, referral letter."""

    def __init__(self, session: ScreeningSession, parent: QWidget | None = None):
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.session = session
        self.question: Question | None = None
        self.changing = False
        self.editor: Editor | None = None
        self.letter_dialog = None
        ref = session.patient.reference
        self.setWindowTitle(_("Screening — {patient}").format(patient=ref))
        self.setObjectName("questionnaireWindow")
        self._build()
        self.refresh()
        self.show_next()
        resize_to_fit(self, 1360, 860)  # never larger than the screen (a 1366×768 laptop)

    # -- construction -------------------------------------------------------------------
    def _build(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(8, 8, 4, 8)
        patient = self.session.patient
        who = html.escape(patient.reference)
        if patient.name:  # escaped first: record text is never markup
            who = _("{reference} ({name})").format(reference=who, name=html.escape(patient.name))
        header = _("<b>Patient {patient}</b> · screening #{number}")
        self.header = rich_label(header.format(patient=who, number=self.session.screening_id), left)
        self.progress = plain_label(parent=left)
        self.progress.setObjectName("progressLabel")
        self.banner = plain_label(parent=left)
        self.banner.setObjectName("doneBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #e6f4ea; color: #1b5e20; padding: 6px; border-radius: 3px;")
        self.banner.hide()
        left_layout.addWidget(self.header)
        left_layout.addWidget(self.progress)
        left_layout.addWidget(self.banner)

        self.page = QuestionPage(left)
        for name in PAGE_PARTS:  # the window's names for the page's parts (tests and callers use them)
            setattr(self, name, getattr(self.page, name))
        self.why_button.clicked.connect(self.toggle_why)
        self.unknown_button.clicked.connect(self.answer_unknown)
        self.cancel_change_button.clicked.connect(self.show_next)
        self.next_button.clicked.connect(self.submit)
        left_layout.addWidget(self.page, 6)
        self.left_layout = left_layout

        self.history_box, self.history, self.change_button = answers_box(left)
        self.history.itemActivated.connect(lambda item: self.change(item.data(QID_ROLE)))
        self.change_button.clicked.connect(self._change_selected)
        left_layout.addWidget(self.history_box, 1)

        self.results = ResultsPanel(self)
        self.results.letter_requested.connect(self.make_letter)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.results)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([830, 530])  # the treatment table's columns whole at 1366 px
        self.setCentralWidget(self.splitter)
        self.statusBar()

        self._unknown_key = UnknownKey(self)  # installed while the window is shown
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(QKeySequence(key), self, self._enter_pressed)
        QShortcut(QKeySequence("F1"), self, self._show_shortcuts)

    # -- showing --------------------------------------------------------------------------
    @property
    def q(self):
        return self.session.q

    def show_next(self) -> None:
        self.changing = False
        self.cancel_change_button.hide()
        question = self.q.next_question()
        if question is None:
            self._show_done()
        else:
            self.show_question(question)

    def show_question(self, question: Question, changing: bool = False) -> None:
        self.question = question
        self.changing = changing
        self.banner.setVisible(self.q.is_finished())
        group = group_title(question.group)
        self.page.setTitle(_("Change answer — {group}").format(group=group) if changing else group)
        self.question_label.setText(question_text(question))
        note = None if changing else self.session.earlier_answer(question.id)  # asked in an earlier screening
        note = note and capitalised(asked_before_words(note)) + pgettext("punctuation", ".")
        help_text = "\n".join(t for t in (question_help(question), note) if t)
        self.help_label.setText(help_text)
        self.help_label.setVisible(bool(help_text))
        n = len(question.trial_ids)
        if changing:
            self.trials_label.setText(ngettext("Used by {n} trial", "Used by {n} trials", n).format(n=n) if n else "")
        else:
            self.trials_label.setText(serves_line(n, self.q.only_other_conditions(question)))
        self.why_label.hide()
        self.why_button.setVisible(True)
        self.error_label.hide()
        labs = {}
        if question.kind == "joints":
            for lab in ("esr", "crp"):
                current = self.q.current_answer(f"lab.{lab}")
                if isinstance(current, dict):
                    labs[lab] = current
        editor = make_editor(question, current_labs=labs, earlier=None if changing else self.session.earlier_answer)
        editor.submit_requested.connect(self._enter_pressed)  # Enter in a field when no shortcut saw it
        editor.watch_inputs()
        editor.changed.connect(self._recheck)
        current = self.q.current_answer(question.id) if changing else self.session.record_prefill(question.id)
        if current not in (None, "unknown"):  # (a new question: the record's list, too old to count, to check)
            editor.set_value(current)
        old = self.editor_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.editor = editor
        self.editor_area.setWidget(editor)
        self._fit_editor()
        self.editor_area.show()
        self.unknown_button.setEnabled(True)
        self.next_button.setEnabled(True)
        self.next_button.setText(_("Save change") if changing else _("Next ▸"))
        self.cancel_change_button.setVisible(changing)
        self._set_tab_order()
        first = editor.first_field()
        (first or self.next_button).setFocus(Qt.FocusReason.OtherFocusReason)

    def _fit_editor(self) -> None:
        """The page keeps its share of the height whatever the question, so Next and Unknown stay
        in place (a short answer leaves room below it; errors never squeeze the form)."""
        if self.editor is not None and self.editor.layout() is not None:
            self.editor.layout().activate()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = []
        if self.editor is not None:
            w = self.editor.nextInFocusChain()
            seen = set()
            while w is not None and self.editor.isAncestorOf(w) and id(w) not in seen:
                seen.add(id(w))
                if w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                    chain.append(w)
                w = w.nextInFocusChain()
        chain += [self.unknown_button, self.cancel_change_button, self.next_button, self.why_button,
                  self.history, self.change_button, self.results.tree, self.results.letter_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _show_done(self) -> None:
        self.question = None
        self.page.setTitle(_("Done"))
        message = self.done_message()
        self.question_label.setText(message)
        if message == _(ALL_FINAL):
            self.help_label.setText(_("Nothing else can change a verdict. Change an answer below if needed, "
                                      "or tick trials on the right and write the referral letter."))
        else:
            open_trials = short_list(self.q.open_trials())
            self.help_label.setText(_("The trials still open ({trials}) depend only on questions answered "
                                      "“unknown”. Change one of those answers below when the information "
                                      "becomes available.").format(trials=open_trials))
        self.help_label.show()
        self.trials_label.clear()
        self.why_button.hide()
        self.why_label.hide()
        self.error_label.hide()
        old = self.editor_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.editor = None
        self.editor_area.hide()
        self.unknown_button.setEnabled(False)
        self.next_button.setEnabled(False)
        self.banner.setText(_("{message} The screening is saved and finished.").format(message=message))
        self.banner.show()
        try:
            self.session.finish()
        except Exception:
            log.exception("could not mark the screening finished")
        self.results.letter_button.setFocus()

    def done_message(self) -> str | None:
        if not self.q.is_finished():
            return None
        return _(ALL_FINAL) if not self.q.open_trials() else _(ONLY_UNANSWERABLE)

    def refresh(self) -> None:
        self.results.show_verdicts(self.q.verdicts(), self.session.titles(), self.q.condition_fits())
        show_answers(self.history, self.q, self.session)
        remaining = self.q.open_question_count()
        answered = len(self.q.history)
        self.progress.setText(ngettext("{answered} answered · {n} question could still change a verdict",
                                       "{answered} answered · {n} questions could still change a verdict",
                                       remaining).format(answered=answered, n=remaining))

    def why_text(self, question_id: str) -> str:
        """The trials and criteria a question can decide, as rich text."""
        return why_html(self.q, question_id)

    def toggle_why(self) -> None:
        if self.question is None:
            return
        if self.why_label.isVisible():
            self.why_label.hide()
            return
        self.why_label.setText(self.why_text(self.question.id))
        self.why_label.show()

    # -- answering ------------------------------------------------------------------------
    def _enter_pressed(self) -> None:
        focus = QApplication.focusWidget()
        if focus is self.history or (focus is not None and self.history.isAncestorOf(focus)):
            self._change_selected()
            return
        if self.editor is not None and self.editor.enter_was_for_completer(focus):
            return
        if self.editor is not None and self.editor.enter_moves_focus(focus):
            self.focusNextChild()
            return
        if isinstance(focus, QAbstractButton) and not isinstance(focus, QRadioButton | QCheckBox) \
                and focus is not self.next_button:
            focus.click()
            return
        self.submit()

    def _recheck(self) -> None:
        """After an edit, errors shown go as soon as the value is valid or empty; a value still
        refused shows its current reason (the cursor stays where the user is typing)."""
        if self.question is None or self.editor is None or not self.errors_shown():
            return
        editor = self.editor
        self._clear_errors()
        try:
            self.q.check(self.question.id, editor.value())
        except EmptyAnswer:
            pass
        except AnswerError as exc:
            self.show_error(field_within(exc.field, self.question.id), capitalised(exc.message), focus=False)
        self._fit_editor()

    def show_error(self, field: str | None, message: str, focus: bool = True) -> None:
        for prefix in {field or "", (field or "").capitalize()} - {""}:  # "treatments[1].dose must be …"
            if message.startswith(prefix + " "):
                message = capitalised(message[len(prefix) + 1:])
        if self.editor is None or not self.editor.show_error(field, message, focus):
            self.error_label.setText(message)
            self.error_label.show()
        self._fit_editor()

    def errors_shown(self) -> list[str]:
        out = list(self.editor.visible_errors()) if self.editor is not None else []
        if self.error_label.isVisible() or (self.error_label.text() and not self.error_label.isHidden()):
            out.append(self.error_label.text())
        return out

    def _clear_errors(self) -> None:
        if self.editor is not None:
            self.editor.clear_errors()
        self.error_label.hide()
        self.error_label.clear()

    def submit(self) -> bool:
        """Accept the editor's answer: checked by the engine, saved at once, everything re-evaluated."""
        if self.question is None or self.editor is None:
            return False
        self._clear_errors()
        question = self.question
        try:
            value = self.editor.value()
            self.session.answer(self.editor.answer_id(), value)
        except AnswerError as exc:
            self.show_error(field_within(exc.field, question.id), capitalised(exc.message))
            return False
        except Exception as exc:  # the database could not save: say so, keep the page and its values
            log.exception("saving the answer to %s failed", question.id)
            plain.critical(self, _("Screening"), str(exc) if isinstance(exc, SaveError)
                           else _("The answer could not be saved:\n\n{error}").format(error=exc))
            return False
        for qid, extra in self.editor.extra_answers():
            try:
                self.session.answer(qid, extra)
            except AnswerError as exc:
                self.statusBar().showMessage(f"{qid}: {exc.message}", 8000)
        self.statusBar().showMessage(_("Saved: {question}").format(question=question_label(question)), 4000)
        self._after_answer()
        return True

    def answer_unknown(self) -> bool:
        if self.question is None:
            return False
        self._clear_errors()
        try:
            self.session.answer_unknown(self.question.id)
        except Exception as exc:
            log.exception("saving unknown for %s failed", self.question.id)
            plain.critical(self, _("Screening"), str(exc) if isinstance(exc, SaveError)
                           else _("The answer could not be saved:\n\n{error}").format(error=exc))
            return False
        self.statusBar().showMessage(_("Saved as unknown: {question}").format(question=question_label(self.question)),
                                     4000)
        self._after_answer()
        return True

    def _after_answer(self) -> None:
        self.refresh()
        self.show_next()

    def change(self, question_id: str | None) -> None:
        if not question_id:
            return
        self.show_question(self.q.question(question_id), changing=True)

    def _change_selected(self) -> None:
        item = self.history.currentItem()
        if item is not None:
            self.change(item.data(QID_ROLE))

    def _show_shortcuts(self) -> None:
        from ui.shortcuts_dialog import ShortcutsDialog

        main = self.parent() if isinstance(self.parent(), QMainWindow) else None
        self.shortcuts_dialog = ShortcutsDialog(main, self)
        self.shortcuts_dialog.open()

    # -- letter ---------------------------------------------------------------------------
    def make_letter(self):
        """Build the referral letter for the ticked trials and open the preview (ui.screening.letter)."""
        from ui.screening.letter import open_letter

        return open_letter(self)

    def closeEvent(self, event: QCloseEvent) -> None:
        # every answer is already saved; an unfinished screening is offered again at start
        QApplication.instance().removeEventFilter(self._unknown_key)
        super().closeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        QApplication.instance().removeEventFilter(self._unknown_key)  # installed once, however often shown
        QApplication.instance().installEventFilter(self._unknown_key)
        super().showEvent(event)

