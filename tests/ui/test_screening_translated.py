"""The screening screens in Chinese and Japanese show no untranslated words (issue 17).

Every widget text of the questionnaire window (one page per kind of question, "Why is this
asked?" open, the live results), of the new-screening, new-patient and patients dialogs is
walked; Latin words left in it must be text from the record or the user (trial titles and
ids, criteria quoted as published, the patient reference), or an allow-listed token written
alike in every language (abbreviations, units, date formats, key names).
"""

from __future__ import annotations

import html
import re

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit, QTreeWidget, QWidget

from core.i18n import using_language
from tests.ui.screening_helpers import close_all, open_window

# Written alike in Chinese and Japanese clinics: abbreviations of criteria sets, scores, labs and
# diseases, units, date formats, key names. Kept small and explicit: a word missing here is a
# translation missing elsewhere.
ALLOWED = {
    "ACR", "EULAR", "AECG", "ENMC", "ASyS", "IIM", "SLICC", "CADM", "RA", "SLE", "DM", "Bohan", "Peter", "Sontheimer",
    "DAS28", "ESR", "CRP", "CDAI", "RF", "ACPA", "ICD", "ULN", "LLN", "ALT", "AST", "TJC", "SJC", "PtGA", "EvGA",
    "JSON", "YYYY", "MM", "DD", "Ctrl", "Enter", "UTC",
    "C3", "C4", "DNA", "eGFR", "IgG", "ARS", "ID",
    "mm", "mg", "kg", "mL", "dL", "IU", "µmol", "mmol", "µL", "µkat", "hr", "min", "m2", "g",
    "HPF", "RBC", "kU", "nkat", "Sm",  # high-power field, red cells, kilo-units, nanokatal; anti-Sm antibody
}
_TAGS = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[A-Za-zµ][A-Za-z0-9µ]+")


def record_texts(window) -> list[str]:
    """Text that comes from the records and the user: shown as given, never translated."""
    out = [window.session.patient.reference]
    for trial in window.q.trials:
        out += [trial.trial_id, trial.title]
        for item in trial.items.values():
            out += [item.text, item.key]
    return sorted({t for t in out if t}, key=len, reverse=True)  # longest first: a title before its words


def widget_texts(root: QWidget) -> list[str]:
    out = [root.windowTitle()]
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            out += [header.text(c) for c in range(header.columnCount())]
            for i in range(w.topLevelItemCount()):  # trial rows: the verdict; group rows under them
                top = w.topLevelItem(i)
                out.append(top.text(1))
                out += [top.child(j).text(0) for j in range(top.childCount()) if top.child(j).childCount()]
    return [t for t in out if t]


def untranslated(texts: list[str], records: list[str], values: set[str] = frozenset()) -> list[tuple[str, list[str]]]:
    """(text, its Latin words that are neither record text nor allow-listed); ``values``: whole texts
    that are the catalog's own values (a country, a condition as the registries name it)."""
    found = []
    for text in texts:
        if text in values:
            continue
        plain = html.unescape(_TAGS.sub(" ", text)).replace("&", "")
        for quoted in records:
            plain = plain.replace(quoted, " ")
        words = [w for w in _WORD.findall(plain) if w not in ALLOWED]
        if words:
            found.append((text, words))
    return found


def test_the_check_finds_english_and_passes_record_text():
    records = ["Tofacitinib in RA", "inc-1"]
    assert untranslated(["Next ▸", "下一步 ▸"], records) == [("Next ▸", ["Next"])]
    assert untranslated(["<b>Tofacitinib in RA</b> — 入选标准 2", "ESR（mm/h）", "保存(&S)"], records) == []


@pytest.fixture(params=["zh", "ja"])
def lang(request, qapp):
    """The language for our words, and Qt's own catalog for its standard buttons (OK, Cancel,
    Close), as the app loads it (ui/app.py)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt = QTranslator()
    loaded = qt.load(f"qtbase_{'zh_CN' if request.param == 'zh' else 'ja'}",
                     QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert loaded, "the PySide6 wheel ships Qt's Chinese and Japanese catalogs"
    qapp.installTranslator(qt)
    try:
        with using_language(request.param) as chosen:
            yield chosen
    finally:
        qapp.removeTranslator(qt)


@pytest.fixture
def window(qtbot, lang):
    win = open_window(qtbot)
    yield win
    win.close()
    close_all()


def test_the_questionnaire_window_is_translated(qtbot, window, lang):
    records = record_texts(window)
    problems = []
    kinds = set()
    extra = [window.q.question(q) for q in ("diagnoses", "treatments", "joints", "lab.alt", "allergies")]
    pages = window.q.open_questions()
    extra += [page.details["rows"][0]["question"] for page in pages if page.kind == "checklist"][:1]  # one by one
    for question in pages + extra:
        if question.kind in kinds and question.kind != "labs":
            continue
        kinds.add(question.kind)
        window.show_question(question)
        window.toggle_why()
        problems += [(question.id, *p) for p in untranslated(widget_texts(window), records)]
        window.show_question(question, changing=True)
        problems += [(question.id, *p) for p in untranslated(widget_texts(window), records)]
    assert {"date", "bool", "number", "enum", "labs", "diagnoses", "treatments", "joints", "confirm",
            "checklist"} <= kinds
    window.answer_unknown()
    window.submit()  # refused: the error line is checked too
    problems += [("after", *p) for p in untranslated(widget_texts(window), records)]
    assert not problems, "\n".join(f"{qid}: {text!r} has {words}" for qid, text, words in problems[:25])


def test_the_patient_and_screening_dialogs_are_translated(qtbot, window, lang):
    from ui.screening.new_screening import NewScreeningDialog
    from ui.screening.patients import NewPatientDialog, PatientsDialog

    records = record_texts(window)
    dialogs = [NewScreeningDialog(None, window.session.patient), NewPatientDialog(None), PatientsDialog(None)]
    problems = []
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        values = set()
        if isinstance(dialog, NewScreeningDialog):  # the catalog's countries and conditions, as the records give them
            values = {combo.itemData(i) for combo in (dialog.country, dialog.condition) for i in range(combo.count())}
        problems += untranslated(widget_texts(dialog), records, values)
    assert not problems, "\n".join(f"{text!r} has {words}" for text, words in problems[:25])
