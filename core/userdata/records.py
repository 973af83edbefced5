"""Operations on the user database: each is one transaction, so nothing is half-written."""

from __future__ import annotations

import getpass
from datetime import date
from typing import Any

from core.userdata.database import writing
from core.userdata.models import AuditEntry, LetterIssued, Patient, Screening, Setting, now

EXPORT_FORMAT_VERSION = 1


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some service accounts): still audit the action
        return "unknown"


def audit(action: str, patient: Patient | None = None, **details: Any) -> None:
    AuditEntry.create(user=current_user(), action=action,
                      patient_reference=patient.reference if patient else None, details=details)


def create_patient(reference: str, name: str | None = None, date_of_birth: date | None = None,
                   sex: str | None = None) -> Patient:
    reference = reference.strip()
    if not reference:
        raise ValueError("A patient reference is required.")
    if sex not in (None, "female", "male"):
        raise ValueError("Sex must be female, male or not recorded.")
    with writing():
        if Patient.get_or_none(Patient.reference == reference):
            raise ValueError(f"A patient with reference {reference} already exists.")
        patient = Patient.create(reference=reference, name=(name or "").strip() or None,
                                 date_of_birth=date_of_birth, sex=sex)
        audit("patient_created", patient)
    return patient


def start_screening(patient: Patient, profile: dict[str, Any],
                    candidate_filter: dict[str, Any] | None = None) -> Screening:
    with writing():
        screening = Screening.create(patient=patient, profile=profile, candidate_filter=candidate_filter or {})
        audit("screening_started", patient, screening=screening.id)
    return screening


def record_answer(screening_id: int, question: str, value: Any, profile: dict[str, Any],
                  position: str | None = None) -> None:
    """Save one answer and the resulting profile together (called after every answer)."""
    from core.userdata.models import Answer

    with writing():
        Answer.create(screening=screening_id, question=question, value=value)
        Screening.update(profile=profile, position=position, updated_at=now()).where(
            Screening.id == screening_id).execute()


def finish_screening(screening_id: int) -> None:
    with writing():
        screening = Screening.get_by_id(screening_id)
        screening.status = "finished"
        screening.updated_at = now()
        screening.save()
        audit("screening_finished", screening.patient, screening=screening_id)


def unfinished_screenings() -> list[Screening]:
    """Screenings left in progress (after a quit or a crash), newest first."""
    return list(Screening.select().where(Screening.status == "in_progress").order_by(Screening.updated_at.desc()))


def record_letter(screening_id: int, trial_ids: list[str], file_path: str | None, sha256: str | None) -> None:
    with writing():
        screening = Screening.get_by_id(screening_id)
        LetterIssued.create(screening=screening, trial_ids=trial_ids, file_path=file_path, sha256=sha256)
        audit("letter_issued", screening.patient, screening=screening_id, trials=trial_ids)


def delete_patient(patient_id: int) -> None:
    """Remove a patient with their screenings, answers and letter records."""
    with writing():
        patient = Patient.get_by_id(patient_id)
        reference = patient.reference
        patient.delete_instance(recursive=True)
        AuditEntry.create(user=current_user(), action="patient_deleted", patient_reference=reference, details={})


def export_patient(patient_id: int) -> dict[str, Any]:
    """Everything stored about one patient, as JSON-ready data."""
    patient = Patient.get_by_id(patient_id)
    screenings = []
    for s in patient.screenings.order_by(Screening.created_at):
        screenings.append({
            "id": s.id, "status": s.status, "created_at": s.created_at.isoformat(),
            "updated_at": s.updated_at.isoformat(), "profile": s.profile,
            "candidate_filter": s.candidate_filter, "position": s.position,
            "answers": [{"question": a.question, "value": a.value, "answered_at": a.answered_at.isoformat()}
                        for a in s.answers.order_by(s.answers.model.id)],
            "letters": [{"trial_ids": x.trial_ids, "file_path": x.file_path, "sha256": x.sha256,
                         "issued_at": x.issued_at.isoformat()} for x in s.letters],
        })
    audit("patient_exported", patient)
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "patient": {"reference": patient.reference, "name": patient.name,
                    "date_of_birth": patient.date_of_birth.isoformat() if patient.date_of_birth else None},
        "screenings": screenings,
    }


def get_setting(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(key: str, value: Any) -> None:
    with writing():
        Setting.insert(key=key, value=value).on_conflict_replace().execute()
