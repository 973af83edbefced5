"""File > Import patient (FHIR)… and Export screening (FHIR)… through the real widgets."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from core.fhir.export import validate
from core.userdata.models import Patient
from tests.core.fhir.helpers import BUNDLES, bundle_with, write
from tests.ui.test_screening_walkthrough import create_patient_and_start, main_window  # noqa: F401
from ui import fhir_menu
from ui.fhir_import_dialog import DATE, ORIGINAL, USE, VALUE

HOSTILE = "<b>bold</b><img src='/dev/zero'> lupus"


def test_menu_has_both_actions_before_quit(main_window):  # noqa: F811
    texts = [a.text() for a in main_window.file_menu.actions() if not a.isSeparator()]
    assert texts.index("Import &patient (FHIR)…") < texts.index("&Quit")
    assert texts.index("E&xport screening (FHIR)…") < texts.index("&Quit")


def test_review_untick_correct_and_save(qtbot, main_window):  # noqa: F811
    dialog = fhir_menu.import_patient(main_window, str(BUNDLES / "ra_mtx_adalimumab.json"))
    assert dialog is not None and dialog.table.rowCount() == 13 and dialog.unmapped.rowCount() == 3
    assert dialog.reference.text() == "RH-2041"
    rows = {dialog.imported.facts[r].source: r for r in range(13)}
    # untick the refuted tuberculosis
    dialog.table.item(rows["Condition/tb-refuted"], USE).setCheckState(Qt.CheckState.Unchecked)
    # a date that is not one is refused with the reason; the cell shows the fact unchanged
    ada = rows["MedicationStatement/ada"]
    dialog.table.item(ada, DATE).setText("last spring")
    assert "not a date" in dialog.message.text() and dialog.table.item(ada, DATE).text() == "2018-02"
    dialog.table.item(ada, DATE).setText("2018-03")
    assert dialog.message.text() == "" and dialog.imported.facts[ada].value["start"] == "2018-03"
    dialog.table.item(rows["Observation/crp"], VALUE).setText("30")
    assert dialog.imported.facts[rows["Observation/crp"]].value["value"] == 30
    assert Patient.get_or_none(Patient.reference == "RH-2041") is None  # nothing saved yet
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    record = Patient.get(Patient.reference == "RH-2041").record
    assert [d["code"] for d in record["diagnoses"]] == ["rheumatoid_arthritis"]
    assert next(t for t in record["treatments"] if t["drug"] == "adalimumab")["start"] == "2018-03"
    assert next(lab for lab in record["labs"] if lab["name"] == "crp")["value"] == 30


def test_impossible_facts_keep_the_review_open(qtbot, main_window, tmp_path):  # noqa: F811
    old = bundle_with({"resourceType": "Condition", "id": "c1", "subject": {"reference": "Patient/p1"},
                       "code": {"text": "lupus nephritis"}, "onsetDateTime": "1960"})
    dialog = fhir_menu.import_patient(main_window, str(write(tmp_path, old)))
    dialog.save()
    assert dialog.isVisible() and "before the date of birth" in dialog.message.text()
    assert Patient.get_or_none(Patient.reference == "T-1") is None


def test_bundle_text_is_never_markup(qtbot, main_window, tmp_path):  # noqa: F811
    odd = bundle_with({"resourceType": "Procedure", "id": "x", "status": "completed",
                       "subject": {"reference": "Patient/p1"}, "code": {"text": HOSTILE}},
                      {"resourceType": "AllergyIntolerance", "id": "a", "patient": {"reference": "Patient/p1"},
                       "code": {"text": HOSTILE}})
    dialog = fhir_menu.import_patient(main_window, str(write(tmp_path, odd)))
    allergy = next(r for r in range(dialog.table.rowCount()) if dialog.imported.facts[r].kind == "allergy")
    assert dialog.table.item(allergy, VALUE).text() == HOSTILE
    assert HOSTILE in dialog.table.item(allergy, ORIGINAL).text()
    assert dialog.table.item(allergy, VALUE).toolTip().startswith("<qt")  # escaped, shown literally
    assert "&lt;b&gt;" in dialog.table.item(allergy, VALUE).toolTip()
    assert dialog.unmapped.item(0, 0).text().startswith('"<b>bold</b>')


def test_a_bad_bundle_is_a_message_and_imports_nothing(qtbot, main_window, tmp_path, monkeypatch):  # noqa: F811
    shown = []
    monkeypatch.setattr(fhir_menu.plain, "warning", lambda parent, title, text: shown.append(text))
    assert fhir_menu.import_patient(main_window, str(write(tmp_path, '{"resourceType": "Patient"}'))) is None
    assert "not a Bundle" in shown[0] and "Nothing was imported." in shown[0]
    assert Patient.select().count() == 0


def test_export_the_open_screening(qtbot, main_window, tmp_path, monkeypatch):  # noqa: F811
    told = []
    monkeypatch.setattr(fhir_menu.plain, "information", lambda parent, title, text: told.append(text))
    assert fhir_menu.export_screening(main_window, str(tmp_path)) is None and "Open a screening first" in told[0]
    window = create_patient_and_start(qtbot, main_window, "RA-FHIR")
    window.unknown_button.click()  # one answer: unknown
    path = fhir_menu.export_screening(main_window, str(tmp_path / "out"))
    bundle = json.loads(path.read_text())
    validate(bundle)
    answers = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "QuestionnaireResponse")
    assert answers["status"] == "in-progress"
    assert answers["item"][0]["answer"][0]["valueCoding"]["code"] == "asked-unknown"
    patient = bundle["entry"][0]["resource"]
    assert patient["identifier"][0]["value"] == "RA-FHIR"
