"""A second screening of the same patient starts from the patient record: it asks only what
is missing or too old, lists each carried fact with its age, and carries no per-trial answer."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.catalog import database
from core.catalog.bundle import open_catalog
from core.userdata import records
from core.userdata.database import close_user_db, open_user_db
from core.userdata.models import Patient, Screening
from ui.screening.session import CandidateFilter, ScreeningSession

TODAY = date.today()


@pytest.fixture
def seeded(seed_bundle):  # the five seed trials: the first screening can be answered to its end
    open_catalog()
    open_user_db()
    yield
    close_user_db()
    database.close()


def _answer_everything(session: ScreeningSession) -> list[str]:
    """Answer every question asked until the screening is finished; returns them in order."""
    asked = []
    while (q := session.q.next_question()) is not None and len(asked) < 80:
        asked.append(q.id)
        if q.id == "diagnoses":
            session.answer(q.id, {"diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2012-05",
                                                 "classification": ["acr_eular_2010"]}], "complete": False})
        elif q.id == "treatments":
            session.answer(q.id, {"treatments": [
                {"drug": "methotrexate", "start": "2012", "status": "ongoing", "response": "inadequate_response"},
                {"drug": "adalimumab", "start": "2018-01", "stop": "2019-02-01", "status": "stopped",
                 "response": "loss_of_response"}], "complete": False})
        elif q.id == "sex":
            session.answer(q.id, "female")
        elif q.kind == "confirm":
            session.answer(q.id, "yes")
        elif q.kind == "checklist":  # a trial's criteria on one page: every row "yes"
            rows = [row["question_id"] for row in q.details["rows"]]
            session.answer(q.id, dict.fromkeys(rows, "yes"))
            asked += rows
        elif q.kind == "bool":
            session.answer(q.id, q.group == "consent")  # consents given, no disease found
        else:
            session.answer_unknown(q.id)
    return asked


def _age_record(patient: Patient, days: int) -> None:
    """Make every date in the record ``days`` older (as if the first screening was then)."""
    record = records.patient_record(patient)

    def older(text: str) -> str:
        return (date.fromisoformat(text) - timedelta(days=days)).isoformat() if len(text) == 10 else text

    record["known_on"] = {k: older(v) for k, v in record["known_on"].items()}
    for table in ("diagnoses", "treatments", "allergies"):
        for row in record.get(table, []):
            if "recorded" in row:
                row["recorded"] = older(row["recorded"])
    for row in record.get("labs", []):
        row["date"] = older(row.get("date", TODAY.isoformat()))
    Patient.update(record=record).where(Patient.id == patient.id).execute()


def test_second_screening_asks_only_what_is_missing_or_stale(qtbot, seeded):
    patient = records.create_patient("RA-TWICE", date_of_birth=date(1968, 2, 3))
    first = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    assert first.from_record["carried"] == {}  # an empty record (the date of birth is the patient row's)
    first.answer("lab.crp", {"value": 8, "unit": "mg/L", "date": TODAY.isoformat()})
    first.answer("weight_kg", 61)
    first.answer("sex", "female")
    first_asked = _answer_everything(first)
    first.finish()
    # the day the first screening was saved, as the app words it (not the day this module was imported: a run
    # that crosses midnight would otherwise fail)
    asked_on = Screening.get_by_id(first.screening_id).updated_at.date()
    assert "diagnoses" in first_asked and "treatments" in first_asked
    confirms = [qid for qid in first_asked if qid.startswith("confirm:")]
    _age_record(patient, 125)  # about four months ago

    second = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    carried, stale = second.from_record["carried"], second.from_record["stale"]
    assert {"diagnoses", "treatments", "sex", "weight_kg"} <= set(carried)
    assert "lab.crp" in stale  # 125 days old: over the 90-day default
    assert second.q.profile.confirmations == {}  # per-trial answers are never carried
    for qid in confirms:
        assert second.earlier_answer(qid) == f"asked in screening #{first.screening_id} on {asked_on} (answered yes)"
    asked = _answer_everything(second)
    assert not set(asked) & set(carried)  # what the record holds, fresh enough, is not asked again
    assert set(asked) <= set(first_asked) | set(stale) | set(confirms)

    from ui.screening.window import QuestionnaireWindow

    window = QuestionnaireWindow(second)
    qtbot.addWidget(window)
    window.refresh()
    lines = [window.history.item(i).text() for i in range(window.history.count())]
    diagnoses = next(line for line in lines if "rheumatoid" in line.lower() or line.startswith("Diagnos"))
    assert diagnoses.endswith("(from the record, 4 months old)")
    assert not any("from the record" in line for line in lines[len(carried):])  # answered here: no age
    assert confirms  # the seed trials ask the clinician some
    window.show_question(second.q.question(confirms[0]))
    assert f"Asked in screening #{first.screening_id} on {asked_on} (answered yes)." in window.help_label.text()


def test_stale_treatment_list_is_offered_filled_in(qtbot, seeded):
    patient = records.create_patient("RA-OLD-LIST", date_of_birth=date(1968, 2, 3))
    first = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    _answer_everything(first)
    first.finish()
    _age_record(patient, 200)  # over the half-year a treatment list lasts
    second = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    assert "treatments" in second.from_record["stale"]
    prefill = second.record_prefill("treatments")
    assert [t["drug"] for t in prefill["treatments"]] == ["methotrexate", "adalimumab"]
    assert second.record_prefill("sex") is None
    from ui.screening.window import QuestionnaireWindow

    window = QuestionnaireWindow(second)
    qtbot.addWidget(window)
    window.show_question(second.q.question("treatments"))  # a new question, shown filled in
    shown = window.editor.value()
    assert [t["drug"] for t in shown["treatments"]] == ["methotrexate", "adalimumab"]
    second.answer("treatments", shown)  # the clinician checks the list and accepts it
    record = Patient.get_by_id(patient.id).record
    assert record["known_on"]["treatments"] == date.today().isoformat()  # today as the app saw it, not at import
    assert [t["drug"] for t in record["treatments"]] == ["methotrexate", "adalimumab"]


def test_previous_release_screening_resumes_and_feeds_the_record(qtbot):
    """The database the release at 23534d8 wrote: its unfinished screening reopens where it
    stopped, its answers go into the record without dropping what the finished one said."""
    import shutil
    from pathlib import Path

    from core.userdata.models import Screening
    from resources import paths
    from ui.screening.window import QuestionnaireWindow

    old = Path(__file__).resolve().parents[1] / "core" / "userdata" / "data" / "userdata_23534d8.sqlite"
    shutil.copyfile(old, paths.user_file("userdata.sqlite"))
    open_catalog()
    open_user_db()
    try:
        unfinished = Screening.get(Screening.status == "in_progress")
        session = ScreeningSession.resume(unfinished)
        window = QuestionnaireWindow(session)
        qtbot.addWidget(window)
        assert window.question.id == "treatments"  # where the old release stopped
        assert [window.history.item(i).text() for i in range(window.history.count())] == [
            "Sex: female", "Diagnoses: Unknown / not available"]
        session.answer("treatments", {"treatments": [{"drug": "rituximab", "start": "2020-03", "stop": "2021-01",
                                                      "status": "stopped", "response": "inadequate_response"}],
                                      "complete": False})
        session.finish()
        record = records.patient_record(session.patient)
        # the old finished screening's courses stay; the resumed one adds its course
        assert [t["drug"] for t in record["treatments"]] == ["methotrexate", "adalimumab", "tocilizumab",
                                                             "rituximab"]
        assert record["diagnoses"][0]["code"] == "rheumatoid_arthritis"  # "unknown" there erased nothing
        assert records.export_patient(session.patient.id)["record"] == record
    finally:
        close_user_db()
        database.close()


def test_new_screening_dialog_says_what_the_record_holds(qtbot, seeded):
    from ui.screening.new_screening import NewScreeningDialog

    patient = records.create_patient("RA-DIALOG", date_of_birth=date(1968, 2, 3))
    dialog = NewScreeningDialog(patient=patient)
    qtbot.addWidget(dialog)
    assert dialog.record_summary.text() == "Nothing recorded yet: this is the patient's first screening."
    first = ScreeningSession.start(patient, CandidateFilter(open_only=False))
    first.answer("sex", "female")
    first.answer("lab.crp", {"value": 8, "unit": "mg/L", "date": (TODAY - timedelta(days=200)).isoformat()})
    dialog._update_record()
    assert dialog.record_summary.text() == ("1 fact from earlier screenings will be used, each shown with its age; "
                                            "1 too old is asked again. Answers about one trial's criteria are "
                                            "asked again.")
