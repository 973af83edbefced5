"""The review screen: accept / edit / reject, keyboard, persistence across re-imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from core.catalog import reviews
from core.catalog.models import Criterion
from core.catalog.overlay import import_and_keep
from ui.review_dialog import ReviewDialog, RuleEditDialog, parse_value

DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"
RHEUM5 = DATA / "ctgov-api-v2" / "rheumatology-5.json"
needs_data = pytest.mark.skipif(not RHEUM5.exists(), reason="shared data not available")
TRIAL = "NCT05925803"


def row(key: str, trial_id: str = TRIAL) -> Criterion:
    return Criterion.get((Criterion.trial == trial_id) & (Criterion.key == key))


@pytest.fixture
def imported(window):
    summary = import_and_keep([RHEUM5])
    assert summary.new == 5
    window.refresh()
    return window


@pytest.fixture
def review(qtbot, imported):
    dialog = ReviewDialog(TRIAL, imported)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def newer_record(tmp_path: Path, change=None) -> Path:
    study = next(s for s in json.loads(RHEUM5.read_text(encoding="utf-8"))
                 if s["protocolSection"]["identificationModule"]["nctId"] == TRIAL)
    section = study["protocolSection"]
    section["statusModule"]["overallStatus"] = "ACTIVE_NOT_RECRUITING"
    section["statusModule"]["lastUpdatePostDateStruct"]["date"] = "2099-01-01"
    if change:
        change(section)
    path = tmp_path / "newer.json"
    path.write_text(json.dumps([study]), encoding="utf-8")
    return path


@needs_data
def test_shows_text_plain_words_and_origin(review):
    assert review.current_key() == "inc-1"
    assert review.verbatim.text() == row("inc-1").text
    assert review.plain.text() == "Age is at least 18 years AND age is at most 70 years"
    assert review.origin_label.text() == "Automatic proposal, not reviewed yet"
    assert '"age_years"' in review.json_view.toPlainText()
    assert review.accept_button.isEnabled()
    assert "automatic proposals still to review" in review.progress_label.text()
    # a criterion without a rule says so and cannot be "accepted"
    review.select_key("inc-3")
    assert review.plain.text().startswith("No rule.")
    assert not review.accept_button.isEnabled()
    assert review.edit_button.isEnabled() and review.reject_button.isEnabled()


@needs_data
def test_keyboard_accept_reject_and_navigation(qtbot, review):
    review.list.setFocus()
    qtbot.keyClick(review, Qt.Key.Key_A)  # accept inc-1, move on to inc-2
    assert row("inc-1").rule_origin == "automatic-accepted"
    assert review.current_key() == "inc-2"
    qtbot.keyClick(review, Qt.Key.Key_R)  # reject inc-2
    inc2 = row("inc-2")
    assert inc2.rule_origin == "confirm-only"
    assert inc2.rule == {"confirm": " ".join(inc2.text.split())}
    assert review.current_key() == "inc-3"
    qtbot.keyClick(review, Qt.Key.Key_P)
    assert review.current_key() == "inc-2"
    assert review.origin_label.text() == "Clinician question (no automatic rule)"
    assert review.decision_label.text().startswith("Your decision: rejected")
    qtbot.keyClick(review, Qt.Key.Key_N)
    assert review.current_key() == "inc-3"
    qtbot.keyClick(review, Qt.Key.Key_A)  # nothing to accept: nothing happens
    assert row("inc-3").rule is None and review.current_key() == "inc-3"
    assert "2 decided by you" in review.progress_label.text()
    # undo gives back the proposal
    review.select_key("inc-2")
    qtbot.keyClick(review, Qt.Key.Key_U)
    assert row("inc-2").rule_origin == "automatic-unreviewed"
    saved = json.loads(reviews.reviews_path().read_text(encoding="utf-8"))
    assert [(e["key"], e["decision"]) for e in saved["reviews"]] == [("inc-1", "accept")]


@needs_data
def test_editor_refuses_invalid_rules_with_a_message(qtbot, review):
    target = row("inc-3")
    editor = RuleEditDialog(target.rule, target.text, review)
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.save_button.isEnabled()  # empty: nothing to save
    assert "empty" in editor.status.text()
    editor.editor.setPlainText('{"fact": "age_years", "op": ">=", ')
    editor.validate()
    assert not editor.save_button.isEnabled()
    assert "not valid JSON" in editor.status.text()
    editor.editor.setPlainText('{"fact": "age_yearz", "op": ">=", "value": 18}')
    editor.validate()
    assert not editor.save_button.isEnabled()
    assert "unknown fact 'age_yearz'" in editor.status.text()
    editor.editor.setPlainText('{"fact": "age_years", "op": ">=", "value": 400}')
    editor.validate()
    assert "outside the possible range" in editor.status.text()
    editor.save()  # refused
    assert editor.result() != editor.DialogCode.Accepted
    # live validation runs on its own after typing
    editor.editor.setPlainText('{"fact": "age_years", "op": ">=", "value": 21}')
    qtbot.waitUntil(editor.save_button.isEnabled, timeout=2000)
    assert editor.status.text().startswith("✓ Valid rule: Age is at least 21")


@needs_data
def test_structured_form_builds_a_comparison(qtbot, review):
    editor = RuleEditDialog(None, "Disease duration at least 6 months", review)
    qtbot.addWidget(editor)
    editor.fact_combo.setCurrentIndex(editor.fact_combo.findData("age_years"))
    editor.op_combo.setCurrentText(">")
    editor.value_edit.setText("17")
    editor.use_comparison()
    assert json.loads(editor.editor.toPlainText()) == {"fact": "age_years", "op": ">", "value": 17}
    assert editor.save_button.isEnabled()
    editor.use_question()
    assert json.loads(editor.editor.toPlainText()) == {"confirm": "Disease duration at least 6 months"}
    assert parse_value("yes", None, "=") == "yes"
    assert parse_value("a, b", None, "in") == ["a", "b"]


@needs_data
def test_edit_saves_a_valid_rule(qtbot, review):
    review.select_key("inc-3")

    def fill(criterion):
        editor = RuleEditDialog(criterion.rule, criterion.text, review)
        qtbot.addWidget(editor)
        editor.editor.setPlainText("not json")
        editor.save()
        assert editor.rule is None  # invalid: not saved
        editor.editor.setPlainText('{"fact": "age_years", "op": ">=", "value": 21}')
        editor.save()
        return editor.rule

    review.edit_rule_hook = fill
    assert review.edit_current()
    assert row("inc-3").rule == {"fact": "age_years", "op": ">=", "value": 21}
    assert row("inc-3").rule_origin == "curated"
    review.select_key("inc-3")
    assert review.origin_label.text() == "Reviewed rule (curated)"
    assert review.decision_label.text().startswith("Your decision: edited")


@needs_data
def test_an_invalid_rule_reaching_the_store_is_refused_with_a_message(review, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    review.select_key("inc-3")
    review.edit_rule_hook = lambda c: {"fact": "age_years", "op": "has", "value": 3}
    assert not review.edit_current()
    assert shown and "does not apply" in shown[0]
    assert row("inc-3").rule is None


@needs_data
def test_decisions_persist_and_survive_a_reimport(qtbot, imported, tmp_path):
    dialog = ReviewDialog(TRIAL, imported)
    qtbot.addWidget(dialog)
    assert dialog.accept_current()  # inc-1
    dialog.edit_rule_hook = lambda c: {"fact": "age_years", "op": ">=", "value": 21}
    assert dialog.edit_current()  # inc-2
    assert dialog.reject_current()  # inc-3
    dialog.close()

    summary = import_and_keep([newer_record(tmp_path)])
    assert summary.updated == 1
    assert row("inc-1").rule_origin == "automatic-accepted"
    assert (row("inc-2").rule, row("inc-2").rule_origin) == ({"fact": "age_years", "op": ">=", "value": 21},
                                                             "curated")
    assert row("inc-3").rule_origin == "confirm-only"
    again = ReviewDialog(TRIAL, imported)
    qtbot.addWidget(again)
    assert "3 decided by you" in again.progress_label.text()

    # A reworded criterion does not inherit the old decision.
    old = row("inc-1").text

    def reword(section):
        module = section["eligibilityModule"]
        module["eligibilityCriteria"] = module["eligibilityCriteria"].replace(old, old.replace("70", "75"))
        section["statusModule"]["lastUpdatePostDateStruct"]["date"] = "2099-02-01"

    import_and_keep([newer_record(tmp_path, reword)])
    assert row("inc-1").rule_origin == "automatic-unreviewed"
    assert row("inc-2").rule_origin == "curated"


@needs_data
def test_catalog_menu_opens_the_review_for_the_selected_trial(qtbot, imported):
    imported.select_row(imported.model.row_of(TRIAL))
    assert imported.review_action in imported.catalog_menu.actions()
    imported.review_action.trigger()
    dialog = imported.review_dialog
    assert isinstance(dialog, ReviewDialog) and dialog.trial_id == TRIAL
    qtbot.waitExposed(dialog)
    dialog.close()


def test_review_of_a_trial_without_criteria_is_calm(qtbot, window):
    dialog = ReviewDialog("NO-SUCH-TRIAL", window)
    qtbot.addWidget(dialog)
    assert "no criteria" in dialog.where_label.text()
    assert not dialog.accept_button.isEnabled()
    assert not dialog.accept_current() and not dialog.reject_current()


def test_describe_a_rule_with_a_step():
    from ui.review_dialog import describe

    rule = {"step": {"kind": "washout", "text": "Last dose 2 weeks before the first study dose"},
            "rule": {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}}
    words = describe(rule)
    assert "(not a rule)" not in words and "{" not in words
    assert words.endswith(". Before enrolment: Last dose 2 weeks before the first study dose.")


@needs_data
def test_the_words_read_are_highlighted_as_plain_text(review):
    text = row("inc-1").text
    assert review.verbatim.spans, "an automatic rule shows where it was read from"
    for start, end in review.verbatim.spans:
        assert text[start:end].strip()
    assert review.verbatim.toPlainText() == text  # never rendered as markup
    assert review.verbatim.isReadOnly()


def test_word_spans_find_phrases_then_words():
    from ui.plain import word_spans

    assert word_spans("Age >= 18 years, <b>signed</b> consent", ["signed"]) == [(20, 26)]
    assert word_spans("History of Stroke.", ["history of stroke"]) == [(0, 17)]
    assert word_spans("ALT > 3x ULN", ["alt > 3 x uln"]) == [(0, 3), (9, 12)]


@needs_data
def test_a_decision_is_offered_for_identical_criteria_in_other_trials(qtbot, imported, tmp_path):
    study = next(s for s in json.loads(RHEUM5.read_text(encoding="utf-8"))
                 if s["protocolSection"]["identificationModule"]["nctId"] == TRIAL)
    study["protocolSection"]["identificationModule"]["nctId"] = "NCT99999901"
    twin = tmp_path / "twin.json"
    twin.write_text(json.dumps([study]), encoding="utf-8")
    assert import_and_keep([twin]).new == 1
    dialog = ReviewDialog(TRIAL, imported)
    qtbot.addWidget(dialog)
    key = dialog.current_key()
    assert not dialog.identical_button.isEnabled()  # nothing decided yet
    dialog._record(reviews.ACCEPT, advance=False)
    assert dialog.identical_button.isEnabled()
    assert dialog.identical_button.text() == "Apply to 1 identical criterion in other trials"
    assert dialog.apply_to_identical() == 1
    assert row(key, "NCT99999901").rule_origin == "automatic-accepted"
    assert not dialog.identical_button.isEnabled()


PDQ = ("PATIENT CHARACTERISTICS: Age: 18 to 70 Life expectancy: Not specified Other: Not pregnant or nursing "
       "No known sensitivity to E. coli derivatives")


def test_a_heading_and_a_placeholder_say_they_are_not_asked(qtbot, tmp_path):
    """A PDQ outline's headings and placeholders ("Life expectancy:" over "Not specified") are never asked: the
    screen says so, not "the clinician is asked"; a heading over items with rules is decided by them."""
    from core.catalog import database
    from core.criteria.split import split_criteria
    from core.trial_record import TrialRecord

    record = TrialRecord(title="PDQ outline", registry_ids=["NCT00000099"], source_format="ctgov-xml",
                         criteria=split_criteria("Inclusion Criteria:\n\n" + PDQ))
    database.build_catalog(tmp_path / "pdq.sqlite", [record], fingerprint="test")
    database.connect(tmp_path / "pdq.sqlite")
    try:
        dialog = ReviewDialog("NCT00000099")
        qtbot.addWidget(dialog)
        texts = {r.key: r.text for r in dialog.rows}
        by_text = {t: k for k, t in texts.items()}
        asked = "No rule. The clinician is asked whether this criterion is met."
        for text in ("Life expectancy:", "Not specified"):
            assert dialog.select_key(by_text[text])
            assert dialog.plain.text().startswith("No requirement"), (text, dialog.plain.text())
            assert dialog.origin_label.text() == "No rule: nobody is asked it"
            # "reject" would turn it into a clinician question ("Not specified"?): not offered, R does nothing
            assert not dialog.reject_button.isEnabled() and not dialog.reject_current()
            assert dialog.edit_button.isEnabled()
        assert dialog.select_key(by_text["Other:"])  # over a statement with a rule and one without
        assert dialog.plain.text().startswith("No rule of its own")
        assert dialog.origin_label.text() == "No rule: decided by the items under it"
        assert dialog.select_key(by_text["No known sensitivity to E. coli derivatives"])
        assert dialog.plain.text() == asked
        assert dialog.origin_label.text() == "No rule: the clinician answers this criterion"
    finally:
        database.close()
