"""A screening as a FHIR R4 Bundle: the answers, the trials referred, and the letter.

The Bundle (type ``collection``) holds a Patient carrying only the clinic reference
(pseudonymous, like the app), a QuestionnaireResponse of the answers (``answers.py``), and
for each trial a ResearchStudy with a ResearchSubject: status ``candidate`` for a trial the
patient was referred to, ``potential-candidate`` for one still open to the patient but not
referred. The letter PDF is a DocumentReference (LOINC 57133-1 Referral note) with the PDF
attached. The whole Bundle is validated with the same library as imports before it is written.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.catalog import status as st
from core.fhir.model import FhirError
from core.i18n import _
from core.matching.screening import ScreenedTrial

CLINIC_REFERENCE_SYSTEM = "urn:trial-eligibility:clinic-reference"
DATA_ABSENT_URL = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
# Catalog recruitment status -> ResearchStudy.status (R4 value set research-study-status).
STUDY_STATUS = {st.RECRUITING: "active", st.ENROLLING_BY_INVITATION: "active", st.NOT_YET_RECRUITING: "approved",
                st.ACTIVE_NOT_RECRUITING: "closed-to-accrual", st.COMPLETED: "completed",
                st.SUSPENDED: "temporarily-closed-to-accrual", st.TERMINATED: "administratively-completed",
                st.WITHDRAWN: "withdrawn"}
REGISTRY_SYSTEMS = (("NCT", "https://clinicaltrials.gov"), ("ISRCTN", "https://www.isrctn.com"),
                    ("ChiCTR", "https://www.chictr.org.cn"), ("jRCT", "https://jrct.niph.go.jp"),
                    ("UMIN", "https://www.umin.ac.jp/ctr"), ("EUCTR", "https://www.clinicaltrialsregister.eu"))


def _registry_identifier(trial_id: str) -> dict[str, str]:
    for prefix, system in REGISTRY_SYSTEMS:
        if trial_id.startswith(prefix):
            return {"system": system, "value": trial_id}
    return {"value": trial_id}


def _study(n: int, trial: ScreenedTrial) -> dict[str, Any]:
    study: dict[str, Any] = {"resourceType": "ResearchStudy", "id": f"study-{n}",
                             "identifier": [_registry_identifier(trial.trial_id)]}
    if trial.title:
        study["title"] = trial.title
    status = STUDY_STATUS.get(trial.verdict.recruitment_status or "")
    if status:
        study["status"] = status
    else:  # required in R4, but unknown here: said so rather than guessed
        study["_status"] = {"extension": [{"url": DATA_ABSENT_URL, "valueCode": "unknown"}]}
    return study


def screening_bundle(reference: str, items: list[dict[str, Any]], trials: list[ScreenedTrial],
                     referred: set[str], letter_pdf: bytes | None = None, finished: bool = True,
                     when: datetime | None = None) -> dict[str, Any]:
    """The Bundle as JSON data, validated (``FhirError`` if the library refuses it)."""
    when = (when or datetime.now(UTC)).replace(microsecond=0)
    stamp = when.isoformat().replace("+00:00", "Z")
    patient_ref = {"reference": "Patient/patient"}
    resources: list[dict[str, Any]] = [
        {"resourceType": "Patient", "id": "patient",
         "identifier": [{"system": CLINIC_REFERENCE_SYSTEM, "value": reference}]},
        {"resourceType": "QuestionnaireResponse", "id": "answers",
         "status": "completed" if finished else "in-progress", "subject": patient_ref, "authored": stamp,
         **({"item": items} if items else {})},
    ]
    study_refs = []
    for n, trial in enumerate(trials, 1):
        study = _study(n, trial)
        resources.append(study)
        study_refs.append({"reference": f"ResearchStudy/{study['id']}"})
        resources.append({"resourceType": "ResearchSubject", "id": f"subject-{n}",
                          "status": "candidate" if trial.trial_id in referred else "potential-candidate",
                          "study": study_refs[-1], "individual": patient_ref})
    if letter_pdf is not None:
        referred_refs = [r for r, t in zip(study_refs, trials, strict=True) if t.trial_id in referred]
        resources.append(_letter(letter_pdf, patient_ref, stamp, referred_refs))
    bundle = {"resourceType": "Bundle", "id": "screening", "type": "collection", "timestamp": stamp,
              "entry": [{"fullUrl": f"urn:trial-eligibility:{r['resourceType']}/{r['id']}", "resource": r}
                        for r in resources]}
    validate(bundle)
    return bundle


def _letter(pdf: bytes, patient_ref: dict[str, str], stamp: str, related: list[dict[str, str]]) -> dict[str, Any]:
    document: dict[str, Any] = {
        "resourceType": "DocumentReference", "id": "letter", "status": "current", "docStatus": "final",
        "type": {"coding": [{"system": "http://loinc.org", "code": "57133-1", "display": "Referral note"}]},
        "subject": patient_ref, "date": stamp, "description": "Referral letter to clinical trial teams",
        "content": [{"attachment": {
            "contentType": "application/pdf", "data": base64.b64encode(pdf).decode("ascii"),
            "size": len(pdf), "hash": base64.b64encode(hashlib.sha1(pdf).digest()).decode("ascii"),
            "title": "Referral letter", "creation": stamp}}],
    }
    if related:
        document["context"] = {"related": related}
    return document


def validate(bundle: dict[str, Any]) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        Bundle.model_validate(bundle)
    except (ValidationError, ValueError) as exc:
        raise FhirError(_("The screening could not be exported as valid FHIR: {problem}").format(problem=exc)) from exc


def _safe(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text).strip("._")[:60] or "patient"


def write_bundle(bundle: dict[str, Any], folder: str | Path, reference: str) -> Path:
    """Write the bundle into ``folder`` (owner-only, atomically); the file's path."""
    from core.private_files import write_private_text

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FhirError(_("{folder} is a file, not a folder.").format(folder=folder))
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"screening-{_safe(reference)}-{stamp}.fhir.json"
    write_private_text(path, json.dumps(bundle, ensure_ascii=False, indent=2) + "\n")
    return path
