"""The patient list: create (pseudonymous by default), open, export one patient's JSON,
delete with confirmation; the Patient menu; a user database that cannot be opened."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from core.userdata import records
from core.userdata.models import Patient, Screening
from tests.ui.test_screening_walkthrough import create_patient_and_start, main_window, type_into  # noqa: F401
from ui.screening import integration
from ui.screening.patients import NewPatientDialog, PatientsDialog


def test_patient_menu_and_toolbar(main_window):  # noqa: F811
    menu = main_window.patient_menu
    texts = [a.text() for a in menu.actions()]
    assert texts == ["&Patients…", "&New screening…"]
    assert main_window.patients_action.shortcut().toString() == "Ctrl+P"
    assert main_window.new_screening_action.shortcut().toString() == "Ctrl+N"
    assert main_window.new_screening_action in main_window.screening_toolbar.actions()
    titles = [a.text() for a in main_window.menuBar().actions()]
    assert titles[-1] == "&Help" and "&Patient" in titles


def test_new_patient_reference_only_and_validation(qtbot, main_window):  # noqa: F811
    dialog = NewPatientDialog(main_window)
    qtbot.addWidget(dialog)
    assert dialog.reference.text() == "P-0001"
    type_into(qtbot, dialog.dob, "2999-01-01")
    dialog.accept()
    assert dialog.patient is None and "future" in dialog.dob_error.text()
    type_into(qtbot, dialog.dob, "1890-01-01")
    dialog.accept()
    assert "older than 120" in dialog.dob_error.text()
    type_into(qtbot, dialog.dob, "12.05.1970")  # day.month.year is understood
    dialog.accept()
    assert dialog.patient is not None and dialog.patient.name is None
    assert str(dialog.patient.date_of_birth) == "1970-05-12"
    again = NewPatientDialog(main_window)
    qtbot.addWidget(again)
    type_into(qtbot, again.reference, "P-0001")
    again.accept()
    assert again.patient is None and "already exists" in again.reference_error.text()


def test_list_open_export_delete(qtbot, main_window, tmp_path, monkeypatch):  # noqa: F811
    window = create_patient_and_start(qtbot, main_window, "RA-LIST")
    window.unknown_button.click()
    window.close()
    records.create_patient("ZZ-2", name="Jane Example")
    main_window.patients_action.trigger()
    dialog = main_window.patients_dialog
    assert isinstance(dialog, PatientsDialog)
    assert dialog.table.rowCount() == 2
    dialog.select_reference("RA-LIST")
    assert dialog.screenings.count() == 1 and "in progress · 1 answer" in dialog.screenings.item(0).text()

    out = tmp_path / "p.json"
    dialog.export_to(dialog.selected_patient_id(), str(out))
    data = json.loads(out.read_text())
    assert data["patient"]["reference"] == "RA-LIST"
    assert data["screenings"][0]["answers"][0]["value"] == "unknown"

    dialog.open_selected_screening()
    reopened = main_window._screening_windows[-1]
    assert reopened is not window and reopened.q.history == window.q.history
    reopened.close()

    main_window.patients_action.trigger()
    dialog = main_window.patients_dialog
    dialog.select_reference("RA-LIST")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    assert not dialog.delete_selected()
    assert Patient.select().count() == 2
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert dialog.delete_selected()
    assert [p.reference for p in Patient.select()] == ["ZZ-2"]
    assert Screening.select().count() == 0
    assert dialog.table.rowCount() == 1
    dialog.close()


def test_a_broken_user_database_keeps_the_catalog_usable(qtbot, main_window, monkeypatch):  # noqa: F811
    from core.userdata.database import UserDataError, close_user_db

    close_user_db()

    def broken(*_a, **_k):
        raise UserDataError("The user database is damaged (test).")

    monkeypatch.setattr("core.userdata.database.open_user_db", broken)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    assert integration.show_patients(main_window) is None
    assert shown and "damaged (test)" in shown[0] and "catalog still works" in shown[0]
    integration.at_start(main_window)  # headless: a status-bar message, no dialog
    assert "damaged (test)" in main_window.statusBar().currentMessage()
    main_window.search_box.setText("arthritis")
    main_window.refresh()
    assert main_window.model.rowCount() > 0
    assert Qt  # keyboard constants used by the shared helpers
