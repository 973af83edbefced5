"""Operations on the user database: each is one transaction, so nothing is half-written.

The patient record (``Patient.record``) is kept here: every saved answer is merged into it
in the answer's own transaction (``record_answer``), and so is a finishing screening
(``finish_screening``); a database from before the record builds it from the stored
screenings the first time it is read (``patient_record``). The merging itself is
``core.questionnaire.record``.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from datetime import date
from typing import Any

from core.questionnaire import record as patient_records
from core.userdata.database import writing
from core.userdata.models import AuditEntry, LetterIssued, Patient, Screening, Setting, now

EXPORT_FORMAT_VERSION = 2  # 2: the patient record ("record") is included


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
                  position: str | None = None, record_parts: Iterable[str] = (), record_union: bool = False) -> None:
    """Save one answer and the resulting profile together (called after every answer), and
    merge ``record_parts`` of it (the facts just answered) into the patient record, in the
    same transaction: the record never misses a saved answer nor holds an unsaved one.
    ``record_union``: lists the screening never showed from the record are added to it."""
    from core.userdata.models import Answer

    with writing():
        Answer.create(screening=screening_id, question=question, value=value)
        Screening.update(profile=profile, position=position, updated_at=now()).where(
            Screening.id == screening_id).execute()
        parts = patient_records.answered_parts(record_parts)
        if parts:
            update_record(Screening.get_by_id(screening_id).patient, profile, parts, union=record_union)


def finish_screening(screening_id: int) -> None:
    """Mark a screening finished and merge what it answered into the patient record (only
    facts the record does not hold as they are: each answer was merged when given)."""
    with writing():
        screening = Screening.get_by_id(screening_id)
        screening.status = "finished"
        screening.updated_at = now()
        screening.save()
        state = screening.profile or {}
        update_record(screening.patient, state, _answered_in(state), only_changed=True,
                      union=_began_before_record(state))
        audit("screening_finished", screening.patient, screening=screening_id)


def _answered_in(state: dict[str, Any]) -> list[str] | None:
    """The facts a saved screening answered itself (None: a plain profile, all of it)."""
    if "questionnaire_version" not in state:
        return None
    carried = (state.get("from_record") or {}).get("carried") or {}
    return [q for q in state.get("history") or [] if q not in carried]


def _began_before_record(state: dict[str, Any]) -> bool:
    """A screening saved before the patient record existed showed none of its lists."""
    return "from_record" not in state


def update_record(patient: Patient, profile: dict[str, Any], parts: Iterable[str] | None = None,
                  on: date | None = None, **options: Any) -> dict[str, Any]:
    """Merge a profile (or a saved questionnaire state) into the patient record: ``parts``
    (question ids; None: all it holds), dated ``on`` (today). Options as
    ``core.questionnaire.record.merge_into_record``. One transaction; returns the record."""
    with writing():
        merged = patient_records.merge_into_record(patient_record(patient), profile,
                                                   None if parts is None else list(parts), on or date.today(),
                                                   **options)
        Patient.update(record=merged, updated_at=now()).where(Patient.id == patient.id).execute()
    patient.record = merged
    return merged


def save_record(patient: Patient, profile: dict[str, Any], source: str, **details: Any) -> None:
    """Store ``profile`` (format-2 JSON, built on the current record) as the patient's record;
    ``source`` says where it came from and ``details`` (e.g. each fact's source resource and
    date) go to the audit log in the same transaction (a reviewed FHIR import, docs/fhir.md)."""
    with writing():
        Patient.update(record=profile, updated_at=now()).where(Patient.id == patient.id).execute()
        audit("record_saved", patient, source=source, **details)
    patient.record = profile


def patient_record(patient: Patient) -> dict[str, Any]:
    """The patient record; a patient from before the record gets one built from their stored
    screenings, oldest first, each fact dated by the screening (or its own date)."""
    fresh = Patient.get_by_id(patient.id)
    if fresh.record is not None:
        return fresh.record
    built: dict[str, Any] | None = None
    for s in fresh.screenings.order_by(Screening.created_at, Screening.id):
        state = s.profile or {}
        answered = _answered_in(state)
        if answered is None or not (state.get("from_record") or {}).get("carried"):
            answered = None  # everything its profile holds (the date of birth came from the patient)
        try:
            built = patient_records.merge_into_record(built, state, answered, s.updated_at.date(), own_dates=True,
                                                      union=_began_before_record(state))
        except ValueError:  # a stored profile that cannot be read: its screening still opens as before
            continue
    built = built or {"format_version": 2, "profile_id": fresh.reference}
    with writing():
        Patient.update(record=built).where(Patient.id == patient.id).execute()
    return built


def earlier_screenings(patient: Patient, before: int | None = None) -> list[tuple[int, date, dict[str, Any]]]:
    """(id, date, saved state) of a patient's screenings (those before ``before``)."""
    query = patient.screenings.order_by(Screening.created_at, Screening.id)
    return [(s.id, s.updated_at.date(), s.profile or {}) for s in query if before is None or s.id < before]


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
        "record": patient_record(patient),
        "screenings": screenings,
    }


def get_setting(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(key: str, value: Any) -> None:
    with writing():
        Setting.insert(key=key, value=value).on_conflict_replace().execute()
