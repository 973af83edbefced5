"""Screenshots of every screening screen at 1366×768, as a clinician's laptop shows them.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/docs/screenshots.py [OUT_DIR]
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/docs/screenshots.py --languages [OUT_DIR]

Writes docs/screenshots/*.png (or OUT_DIR): the whole 1366×768 screen, so a window that
does not fit shows as cut off. Uses a throw-away data folder and the shipped catalog; the
patient is a 52-year-old woman with refractory RA (issue 13).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtWidgets import QApplication  # noqa: E402

from resources import paths  # noqa: E402


def _settle(app: QApplication, ms: int = 300) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _shot(app: QApplication, out: Path, name: str) -> None:
    _settle(app)
    screen = app.primaryScreen()
    image = screen.grabWindow(0)
    image.save(str(out / f"{name}.png"))
    print(out / f"{name}.png", image.width(), "x", image.height())


def main(out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="screens-"))
    os.environ[paths.DATA_DIR_ENV] = str(data)
    paths.set_data_dir(None)
    app = QApplication.instance() or QApplication(sys.argv)
    from core.catalog.bundle import open_catalog
    from core.userdata.database import open_user_db
    from core.userdata.models import Patient
    from ui.main_window import MainWindow
    from ui.screening.new_screening import NewScreeningDialog
    from ui.screening.patients import NewPatientDialog
    from ui.screening.session import CandidateFilter, ScreeningSession
    from ui.screening.window import QuestionnaireWindow
    from ui.shortcuts_dialog import ShortcutsDialog

    open_catalog()
    open_user_db()
    main_window = MainWindow()
    main_window.showMaximized()
    _settle(app)

    dialog = NewScreeningDialog(main_window)
    dialog.show()
    new_patient = NewPatientDialog(dialog)
    new_patient.reference.setText("RA-0452")
    new_patient.dob.setText("1974-05-01")
    new_patient.sex.setCurrentIndex(new_patient.sex.findData("female"))
    new_patient.show()
    _shot(app, out, "screening-new-patient")
    new_patient.accept()
    dialog.close()

    patient = Patient.get(Patient.reference == "RA-0452")
    session = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    window = QuestionnaireWindow(session, main_window)
    window.show()
    window.activateWindow()

    q = window.q
    window.show_question(q.question("diagnoses"))
    row = window.editor.rows[0]
    row.condition.setCurrentIndex(row.condition.findData("rheumatoid_arthritis"))
    row.diagnosis_date.setText("2012-03")
    for category, code in {"joints": "4_10_small", "serology": "high_positive", "acute_phase": "abnormal",
                           "symptom_duration": "6_weeks_or_more"}.items():
        combo = row.ra_items[category]
        combo.setCurrentIndex(combo.findData(code))
    window.editor.complete.setChecked(True)
    _shot(app, out, "screening-diagnoses")
    window.submit()

    window.show_question(q.question("treatments"))
    editor = window.editor
    courses = [("methotrexate", "2012", "", "20", "mg/week", "ongoing", "inadequate_response"),
               ("adalimumab", "2018-02", "2019-03-01", "40", "mg", "stopped", "loss_of_response"),
               ("tocilizumab", "2019-04", "", "", "", "stopped_date_unknown", "intolerance")]
    for i, (drug, start, stop, dose, unit, status, response) in enumerate(courses):
        if i:
            editor.add_row()
        editor.cell(i, "drug").setText(drug)
        editor.cell(i, "start").setText(start)
        editor.cell(i, "stop").setText(stop)
        editor.cell(i, "dose").setText(dose)
        editor.set_course(i, dose_unit=unit or None, status=status, response=response)
    editor.complete.setChecked(True)
    _shot(app, out, "screening-treatments")
    window.submit()

    window.show_question(q.question("lab.alt"))
    window.editor.value_edit.setText("4O")
    window.editor.uln.setText("35")
    window.editor.date.setText("2026-11")
    window.submit()  # "4O" is refused: the form keeps its size with the error shown
    _shot(app, out, "screening-lab-error")
    window.editor.value_edit.setText("40")
    window.submit()

    window.show_question(q.question("joints"))
    e = window.editor
    e.tender.setValue(8)
    e.swollen.setValue(6)
    e.patient_global.setValue(60)
    e.evaluator_global.setValue(50)
    e.esr.setText("40")
    _shot(app, out, "screening-joints")
    window.submit()

    part = next((x for x in q.open_questions() if x.details.get("whole_question")), None)
    if part is not None:
        window.show_question(part)
        window.editor.buttons["no"].setChecked(True)
        window.editor.whole.setChecked(True)
        _shot(app, out, "screening-clinician-question")

    while window.question is not None:
        window.answer_unknown()
    panel = window.results
    group = panel.other_group()
    if group is not None:
        group.setExpanded(True)
    first = panel.trial_items()[0] if panel.trial_items() else None
    if first is not None:
        first.setExpanded(True)
        unknown = next((first.child(i) for i in range(first.childCount())
                        if first.child(i).text(0).startswith("Unknown")), None)
        if unknown is not None and unknown.childCount():
            panel.tree.setCurrentItem(unknown.child(unknown.childCount() - 1))  # read in full below
    _shot(app, out, "screening-results")
    _shot(app, out, "screening")

    letter = window.make_letter()
    if letter is not None:
        letter.save_to(str(data / "referral.pdf"))
        _shot(app, out, "screening-letter")
        letter.close()

    from ui.screening.patients import PatientsDialog

    window.hide()
    patients = PatientsDialog(main_window)
    patients.show()
    _shot(app, out, "screening-patients")
    patients.close()
    window.show()

    shortcuts = ShortcutsDialog(main_window, window)
    shortcuts.show()
    _shot(app, out, "keyboard-shortcuts")
    shortcuts.close()
    window.close()
    main_window.close()
    return 0


def language_shots(out: Path, languages: tuple[str, ...] = ("en", "zh", "ja")) -> int:
    """A question and the results in each language: question-<lang>.png, results-<lang>.png.

    The language is the app's (core.i18n), set before each window is built, as after a restart
    with Settings > Language; the bundled CJK font is added so the shots read on a machine
    without one."""
    out.mkdir(parents=True, exist_ok=True)
    data = Path(tempfile.mkdtemp(prefix="screens-lang-"))
    os.environ[paths.DATA_DIR_ENV] = str(data)
    paths.set_data_dir(None)
    app = QApplication.instance() or QApplication(sys.argv)
    from PySide6.QtGui import QFontDatabase

    from core.catalog.bundle import open_catalog
    from core.i18n import set_language
    from core.userdata import records
    from core.userdata.database import open_user_db
    from ui.screening.session import CandidateFilter, ScreeningSession
    from ui.screening.window import QuestionnaireWindow

    QFontDatabase.addApplicationFont(str(paths.resource("fonts", "wqy-microhei.ttc")))
    open_catalog()
    open_user_db()
    for lang in languages:
        set_language(lang)
        patient = records.create_patient(f"RA-0452-{lang}", None, None, "female")
        seeds = sorted(p.stem for p in paths.curation_dir().glob("*.json"))  # the curated seed trials: quick
        session = ScreeningSession.start(patient, CandidateFilter(open_only=False), trial_ids=seeds)
        window = QuestionnaireWindow(session)
        window.setGeometry(0, 0, 1366, 768)
        window.show()
        window.activateWindow()
        q = window.q
        window.session.answer("date_of_birth", "1974-05-01")
        window.session.answer("diagnoses", {"diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2012-03",
                                                           "classification": ["acr_eular_2010"]}], "complete": True})
        window.refresh()
        window.show_question(q.question("lab.alt"))
        window.editor.value_edit.setText("40")
        window.editor.uln.setText("35")
        window.toggle_why()
        _shot(app, out, f"question-{lang}")
        window.submit()
        for _answer in range(200):  # the rest unknown: the results as they stand then
            if window.question is None:
                break
            window.answer_unknown()
        panel = window.results
        first = panel.trial_items()[0] if panel.trial_items() else None
        if first is not None:
            first.setExpanded(True)
            panel.tree.setCurrentItem(first.child(0) or first)
        _shot(app, out, f"results-{lang}")
        window.close()
    set_language("en")
    return 0


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--languages"]
    target = Path(args[0]) if args else ROOT / "docs" / "screenshots"
    sys.exit(language_shots(target) if "--languages" in sys.argv else main(target))
