"""FHIR and the user database: the reviewed import saved as the patient's record, and a saved
screening exported. Callers open the user database first (``core.userdata.database``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from core.fhir.apply import apply_facts
from core.fhir.model import FhirError, ProposedFact
from core.i18n import _
from core.patient.profile import PatientProfile, profile_from_dict, profile_to_dict


class ImpossibleProfile(FhirError):
    """The accepted facts contradict the record (or each other) or make impossible values; ``problems``
    lists each (nothing saved)."""

    def __init__(self, problems: list[tuple[str, str]]):
        lines = "\n".join("  " + _("{where}: {problem}").format(where=field, problem=message)
                          for field, message in problems)
        super().__init__(_("The accepted facts cannot be saved as they are; nothing was saved. Untick or "
                           "correct them:") + "\n" + lines)
        self.problems = problems


def record_of(reference: str) -> PatientProfile | None:
    """The stored record of the patient with this reference, if any."""
    from core.userdata.models import Patient
    from core.userdata.records import patient_record

    patient = Patient.get_or_none(Patient.reference == reference)
    if patient is None:
        return None
    record = patient_record(patient)  # built from earlier screenings when the patient predates the record
    return profile_from_dict(record, strict=False) if record else None


def preview(reference: str, facts: list[ProposedFact]) -> tuple[PatientProfile, list[tuple[str, str]]]:
    """The record as it would be after saving, and its problems; nothing is written."""
    return apply_facts(facts, record_of(reference.strip()), profile_id=reference.strip())


def save_import(reference: str, facts: list[ProposedFact], origin: str = "") -> tuple[Any, bool, PatientProfile]:
    """Add the accepted facts to the patient's record (the patient is created when new).

    The record holds each fact's value and date; where each came from (resource, the record's
    words, corrected or not) is kept in the audit log entry of the save, with ``origin`` (the file).

    Returns (patient, created, profile). Raises ``ImpossibleProfile`` (nothing saved) when
    the result would hold impossible values, ``ValueError`` for an empty reference.
    """
    from core.userdata import records
    from core.userdata.models import Patient

    reference = reference.strip()
    if not reference:
        raise ValueError(_("A clinic reference is needed to save the record."))
    profile, problems = preview(reference, facts)
    if problems:
        raise ImpossibleProfile(problems)
    patient = Patient.get_or_none(Patient.reference == reference)
    created = patient is None
    if created:
        patient = records.create_patient(reference)
    provenance = [{"kind": f.kind, "source": f.source, "date": f.date, "original": f.original[:300],
                   "note": f.note[:300]} for f in facts if f.accepted]
    records.save_record(patient, profile_to_dict(profile), source="fhir", file=origin[:300], facts=provenance,
                        left_out=[f.source for f in facts if not f.accepted])
    return patient, created, profile


def _issued_letter(screening: Any) -> tuple[set[str], bytes | None]:
    """The trials referred in this screening (every letter issued) and the newest letter's PDF,
    when its file is still there unchanged."""
    referred: set[str] = set()
    pdf: bytes | None = None
    for letter in sorted(screening.letters, key=lambda x: x.issued_at):
        referred.update(letter.trial_ids or [])
        pdf = None
        if letter.file_path and Path(letter.file_path).is_file():
            data = Path(letter.file_path).read_bytes()
            if not letter.sha256 or hashlib.sha256(data).hexdigest() == letter.sha256:
                pdf = data
    return referred, pdf


def session_bundle(screening: Any, questionnaire: Any, results: list[Any]) -> dict[str, Any]:
    """A saved screening as a FHIR Bundle: its answers, referred and still-possible trials, the letter.

    The letter is the one issued (its PDF file, if unchanged); when it was only printed, it is
    rendered again from the screening for the trials it went to.
    """
    from core.fhir.answers import items_from_questionnaire
    from core.fhir.export import screening_bundle
    from core.letter.prepare import referable

    referred, pdf = _issued_letter(screening)
    trials = [r for r in results if r.trial_id in referred or r in referable(results)]
    if referred and pdf is None:
        from core.letter.prepare import LETTERHEAD_SETTING, letterhead_from_settings, prepare_letter
        from core.letter.render import render_pdf
        from core.userdata.records import get_setting

        letterhead = letterhead_from_settings(get_setting(LETTERHEAD_SETTING))
        pdf = render_pdf(prepare_letter(questionnaire.profile, [r for r in trials if r.trial_id in referred],
                                        letterhead))
    return screening_bundle(screening.patient.reference, items_from_questionnaire(questionnaire), trials,
                            referred, pdf, finished=screening.status == "finished")
