"""Settings dialog (the clinic letterhead) and the one-time first-run prompt."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from core.commands.letter import load_letterhead as cli_letterhead
from core.letter.model import Letterhead
from core.letter.prepare import LETTERHEAD_SETTING
from core.userdata.database import close_user_db, open_user_db, user_db
from core.userdata.records import get_setting
from resources import paths
from ui import settings_dialog
from ui.settings_dialog import FIRST_RUN_SETTING, SettingsDialog, maybe_prompt_first_run, save_letterhead


@pytest.fixture
def dialog(qtbot):
    d = SettingsDialog()
    qtbot.addWidget(d)
    return d


def stored() -> dict | None:
    open_user_db()
    try:
        return get_setting(LETTERHEAD_SETTING)
    finally:
        close_user_db()


def test_an_empty_form_when_nothing_is_saved(dialog):
    assert dialog.letterhead() == Letterhead()
    assert dialog.identification.currentData() == "reference"
    assert user_db.is_closed()  # the dialog left the user database as it found it


def test_save_writes_every_field_and_the_command_line_letter_uses_it(dialog, tmp_path):
    logo = tmp_path / "logo.png"
    shutil.copy(paths.resource("icons", "app.png"), logo)
    dialog.clinic_name.setText("  Rheumatology Clinic Basel ")
    dialog.department.setText("Department of Rheumatology")
    dialog.address.setPlainText("Petersgraben 4\n4031 Basel")
    dialog.phone.setText("+41 61 000 00 00")
    dialog.email.setText("rheuma@example.org")
    dialog.logo_path.setText(str(logo))
    dialog.clinician_name.setText("Dr Jane Doe")
    dialog.clinician_role.setText("Consultant rheumatologist")
    dialog.identification.setCurrentIndex(dialog.identification.findData("name"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    expected = Letterhead(clinic_name="Rheumatology Clinic Basel", department="Department of Rheumatology",
                          address="Petersgraben 4\n4031 Basel", phone="+41 61 000 00 00",
                          email="rheuma@example.org", logo_path=str(logo), clinician_name="Dr Jane Doe",
                          clinician_role="Consultant rheumatologist", patient_identification="name")
    assert dialog.saved == expected
    assert stored()["clinic_name"] == "Rheumatology Clinic Basel"
    assert cli_letterhead() == expected


def test_the_dialog_loads_what_was_saved(qtbot):
    save_letterhead(Letterhead(clinic_name="Clinic A", address="Line 1\nLine 2", email="a@b.org",
                               clinician_name="Dr B", patient_identification="name"))
    d = SettingsDialog()
    qtbot.addWidget(d)
    assert d.clinic_name.text() == "Clinic A"
    assert d.address.toPlainText() == "Line 1\nLine 2"
    assert d.email.text() == "a@b.org"
    assert d.clinician_name.text() == "Dr B"
    assert d.identification.currentData() == "name"
    assert d.logo_path.text() == ""


def test_cancel_saves_nothing(dialog):
    dialog.clinic_name.setText("Not saved")
    dialog.reject()
    assert stored() is None


def test_bad_email_or_missing_logo_keeps_the_dialog_open(dialog, monkeypatch, tmp_path):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: warnings.append(text))
    dialog.email.setText("not an address")
    dialog.logo_path.setText(str(tmp_path / "missing.png"))
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.saved is None
    assert "does not look like an email address" in warnings[0] and "does not exist" in warnings[0]
    assert stored() is None


def test_choose_logo_uses_the_file_picker_and_shows_a_preview(dialog, monkeypatch, tmp_path):
    logo = tmp_path / "logo.png"
    shutil.copy(paths.resource("icons", "app.png"), logo)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), "Images"))
    dialog.logo_button.click()
    assert dialog.logo_path.text() == str(logo)
    assert not dialog.logo_preview.isHidden() and not dialog.logo_preview.pixmap().isNull()
    dialog.clear_logo_button.click()
    assert dialog.logo_path.text() == "" and dialog.letterhead().logo_path is None
    assert dialog.logo_preview.isHidden()


def test_a_picker_cancelled_changes_nothing(dialog, monkeypatch):
    dialog.logo_path.setText("/already/chosen.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    dialog.choose_logo()
    assert dialog.logo_path.text() == "/already/chosen.png"


def test_first_run_prompt_is_shown_once(qtbot, monkeypatch):
    asked, opened = [], []

    def answer(parent, title, text):
        asked.append(text)
        return True

    monkeypatch.setattr(settings_dialog, "ask_yes_no", answer)
    assert maybe_prompt_first_run(None, open_dialog=opened.append) is True
    assert len(asked) == 1 and asked[0].startswith("Fill in your clinic letterhead now?")
    assert opened == [None]
    # Never again, whatever the answer was and even though nothing was saved.
    assert maybe_prompt_first_run(None, open_dialog=opened.append) is False
    assert len(asked) == 1 and len(opened) == 1
    open_user_db()
    try:
        assert get_setting(FIRST_RUN_SETTING) is True
    finally:
        close_user_db()


def test_first_run_prompt_skipped_answer_is_remembered_too(monkeypatch):
    answers = []
    monkeypatch.setattr(settings_dialog, "ask_yes_no", lambda *a: answers.append(1) or False)
    opened = []
    assert maybe_prompt_first_run(None, open_dialog=opened.append) is True
    assert maybe_prompt_first_run(None, open_dialog=opened.append) is False
    assert answers == [1] and opened == []


def test_no_prompt_when_a_letterhead_is_already_saved(monkeypatch):
    save_letterhead(Letterhead(clinic_name="Set up from the command line"))
    monkeypatch.setattr(settings_dialog, "ask_yes_no", lambda *a: pytest.fail("asked"))
    assert maybe_prompt_first_run(None) is False


def test_edit_settings_menu_entry_opens_the_dialog(window, monkeypatch):
    shown = []
    monkeypatch.setattr(SettingsDialog, "exec", lambda self: shown.append(self) or 0)
    edit_menu = [a.menu() for a in window.menuBar().actions() if a.text() == "&Edit"][0]
    assert window.settings_action in edit_menu.actions()
    assert window.settings_action.text() == "&Settings…"
    window.settings_action.trigger()
    assert len(shown) == 1 and isinstance(shown[0], SettingsDialog)


def test_the_app_asks_on_a_real_display_but_never_headless(window, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from ui import app as ui_app

    asked = []
    monkeypatch.setattr(settings_dialog, "ask_yes_no", lambda *a: asked.append(1) or False)
    ui_app._first_run(window)  # offscreen: a modal question nobody can answer is not shown
    assert asked == []
    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "xcb"))
    ui_app._first_run(window)
    assert asked == [1]


def test_record_age_setting_saved_and_used_by_new_screenings(dialog):
    from core.questionnaire.record import DEFAULT_MAX_AGE_DAYS, RECORD_MAX_AGE_SETTING
    from ui.screening.session import record_max_age_days

    assert dialog.record_max_age.value() == DEFAULT_MAX_AGE_DAYS == 90
    dialog.record_max_age.setValue(60)
    dialog.accept()
    open_user_db()
    try:
        assert get_setting(RECORD_MAX_AGE_SETTING) == 60
        assert record_max_age_days() == 60  # what ScreeningSession.start passes to the record
    finally:
        close_user_db()
    again = SettingsDialog()
    assert again.record_max_age.value() == 60
    again.deleteLater()


def test_a_stored_record_age_that_makes_no_sense_falls_back_to_the_default():
    from core.questionnaire.record import RECORD_MAX_AGE_SETTING
    from core.userdata.records import set_setting
    from ui.screening.session import record_max_age_days

    open_user_db()
    try:
        for bad in ("90", -5, 0, True, 10**9, None):
            set_setting(RECORD_MAX_AGE_SETTING, bad)
            assert record_max_age_days() == 90
    finally:
        close_user_db()


def test_language_is_stored_and_applied_at_the_next_start(dialog, monkeypatch):
    from core import i18n
    from core.userdata.language import apply_language, stored_language

    assert dialog.language.currentData() == "system"  # nothing stored yet
    assert [dialog.language.itemText(i) for i in range(dialog.language.count())] == \
        ["System", "English", "中文", "日本語"]
    dialog.language.setCurrentIndex(dialog.language.findData("ja"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and stored_language() == "ja"
    assert user_db.is_closed()
    try:
        assert apply_language() == "ja" and i18n._("Patient") == "患者"  # what main.py does at start
        assert apply_language("en") == "en"  # --language wins over the setting
    finally:
        i18n.set_language("en")
    again = SettingsDialog()
    try:
        assert again.language.currentData() == "ja"
    finally:
        again.deleteLater()


def test_the_clinicians_name_in_parts_is_saved_and_shown_again(qtbot):
    first = SettingsDialog()
    qtbot.addWidget(first)
    first.clinician_name.setText("Dr Wei Zhou")
    first.clinician_family.setText(" 周 ")
    first.clinician_given.setText("伟")
    first.accept()
    saved = stored()
    assert (saved["clinician_family_name"], saved["clinician_given_name"]) == ("周", "伟")
    assert saved["clinician_name"] == "Dr Wei Zhou"  # the whole name is kept as written
    again = SettingsDialog()
    qtbot.addWidget(again)
    assert (again.clinician_family.text(), again.clinician_given.text()) == ("周", "伟")
    assert again.letterhead().signature_name("zh") == "周伟"
    assert again.letterhead().signature_name("en") == "伟 周"
