"""Writing a profile as JSON (always the current format, stable key order)."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from core.patient.procedure_record import write_procedures
from core.patient.profile_model import FORMAT_VERSION, PatientProfile


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None  # a PartialDate writes "2012" or "2012-03"


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Unknown stays unknown on disk: absent rather than null, empty lists left out."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != {}}


def profile_to_dict(profile: PatientProfile) -> dict[str, Any]:
    """The JSON form of a profile (stable key order)."""
    j = profile.joint_assessment
    out: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "profile_id": profile.profile_id,
        "label": profile.label,
        "assessment_date": _iso(profile.assessment_date),
        "date_of_birth": _iso(profile.date_of_birth),
        "sex": profile.sex,
        "weight_kg": profile.weight_kg,
        "diagnoses_complete": profile.diagnoses_complete or None,
        "diagnoses_complete_for": list(profile.diagnoses_complete_for),
        "diagnoses": [_drop_empty({
            "code": d.code, "status": None if d.status == "present" else d.status,
            "diagnosis_date": _iso(d.diagnosis_date), "onset_date": _iso(d.onset_date),
            "classification": d.classification, "classification_not_met": d.classification_not_met,
            "classification_grade": d.classification_grade, "activity": d.activity, "scores": d.scores,
            "acr_eular_2010_items": d.acr_eular_2010_items, "recorded": _iso(d.recorded), "source": d.source,
            "active": d.active, "resolved_date": _iso(d.resolved_date),
        }) for d in profile.diagnoses],
        "treatments_complete": profile.treatments_complete or None,
        "treatments_complete_for": list(profile.treatments_complete_for),
        "treatments": [_drop_empty({
            "drug": t.drug, "start": _iso(t.start), "stop": _iso(t.stop), "status": t.status,
            "response": t.response, "dose": t.dose, "dose_unit": t.dose_unit, "route": t.route,
            "recorded": _iso(t.recorded),
        }) for t in profile.treatments],
        "never_treated_with": list(profile.never_treated_with),
        "ever_treated_with": list(profile.ever_treated_with),
        **write_procedures(profile),
        "allergies_complete": profile.allergies_complete or None,
        "allergies": [_drop_empty({"substance": a.substance, "severity": a.severity, "recorded": _iso(a.recorded)})
                      for a in profile.allergies],
        "labs": [_drop_empty({
            "name": lab.name, "value": lab.value, "unit": lab.unit, "uln": lab.uln, "lln": lab.lln,
            "x_uln": lab.x_uln, "result": lab.result, "titre": lab.titre, "date": _iso(lab.date),
        }) for lab in profile.labs],
        "scores": [_drop_empty({"name": s.name, "value": s.value, "date": _iso(s.date)}) for s in profile.scores],
        "joint_assessment": None if j is None else _drop_empty({
            "date": _iso(j.date), "tender_28": j.tender_28, "swollen_28": j.swollen_28,
            "patient_global_mm": j.patient_global_mm, "evaluator_global_mm": j.evaluator_global_mm,
        }),
        "findings": dict(profile.findings),
        "history": dict(profile.history),
        "consent": dict(profile.consent),
        "known_on": {k: v.isoformat() for k, v in sorted(profile.known_on.items())},
        "confirmations": {
            trial: {key: {True: "yes", False: "no", None: "unknown"}[ans] for key, ans in answers.items()}
            for trial, answers in profile.confirmations.items()
        },
    }
    return _drop_empty(out)


def profile_to_json(profile: PatientProfile) -> str:
    """The profile as indented JSON text."""
    return json.dumps(profile_to_dict(profile), indent=2, ensure_ascii=False) + "\n"


def save_profile(profile: PatientProfile, path: str | os.PathLike[str]) -> None:
    """Write a profile file atomically (a crash never leaves half a file)."""
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(profile_to_json(profile))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)
