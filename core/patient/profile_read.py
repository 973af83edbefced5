"""Reading a profile from JSON: typed fields, every error naming its field.

Format 1 profiles are migrated first (``profile_migrate``). Hostile input is refused fast
with a ``ProfileError``: numbers that are not finite (NaN, Infinity, 1e400), texts and
lists beyond sane sizes, nesting too deep to be a profile.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from core.faults import reason_text
from core.i18n import _, pgettext, words
from core.importers.text import json_fault
from core.patient import facts, limits
from core.patient.procedure_record import read_procedures
from core.patient.profile_fields import FieldReader, checked_number, read_date
from core.patient.profile_migrate import migrate
from core.patient.profile_model import (
    CONDITION_STATUSES,
    CONFIRM_ANSWERS,
    DOSE_UNITS,
    LAB_RESULTS,
    RA_2010_ITEMS,
    RESPONSES,
    STATUSES,
    Allergy,
    Diagnosis,
    JointAssessment,
    LabResult,
    PatientProfile,
    ProfileError,
    ScoreResult,
    TreatmentCourse,
)

MAX_TEXT = limits.MAX_TEXT  # longest text field: a drug name or a reference is never longer
MAX_ITEMS = limits.MAX_ITEMS  # longest list: more courses or labs than any chart holds
MAX_FILE_BYTES = limits.MAX_FILE_BYTES


def _diagnosis(data: Any, path: str) -> Diagnosis:
    r = FieldReader(data, path, ("code", "status", "diagnosis_date", "onset_date", "classification",
                             "classification_not_met", "classification_grade", "activity", "scores",
                             "acr_eular_2010_items", "recorded", "source", "active", "resolved_date"))
    active = r.data.get("active")
    if active is not None and not isinstance(active, bool):  # a missing key: not recorded
        raise r.fail("active", _("{field} must be true or false."))
    scores_raw = r.data.get("scores") or {}
    if not isinstance(scores_raw, dict):
        raise r.fail("scores", _("{field} must be an object of score name to number."))
    scores = {name: checked_number(value, f"{path}.scores.{name}") for name, value in scores_raw.items()}
    items = r.data.get("acr_eular_2010_items") or {}
    if not isinstance(items, dict):
        raise r.fail("acr_eular_2010_items", _("{field} must be an object."))
    for category, choice in items.items():
        where = f"{path}.acr_eular_2010_items.{category}"
        if category not in RA_2010_ITEMS:
            raise ProfileError(_("Unknown field {field}; expected one of {choices}.").format(
                field=repr(where), choices=", ".join(RA_2010_ITEMS)), where)
        if choice is not None and choice not in RA_2010_ITEMS[category]:
            raise ProfileError(_("{field} must be one of {choices}.").format(
                field=where, choices=", ".join(RA_2010_ITEMS[category])), where)
    return Diagnosis(
        code=r.str("code", required=True, limit=limits.MAX_TEXT) or "",
        status=r.choice("status", CONDITION_STATUSES) or "present",
        diagnosis_date=r.date("diagnosis_date"),
        onset_date=r.date("onset_date"),
        classification=r.str_list("classification"),
        classification_not_met=r.str_list("classification_not_met"),
        classification_grade=r.str_map("classification_grade"),
        activity=r.str("activity"),
        scores=scores,
        acr_eular_2010_items={k: v for k, v in items.items() if v is not None},
        recorded=r.date("recorded"),
        source=r.str("source", limit=50),
        active=active,
        resolved_date=r.date("resolved_date"),
    )


def _treatment(data: Any, path: str) -> TreatmentCourse:
    r = FieldReader(data, path, ("drug", "start", "stop", "status", "response", "dose", "dose_unit", "route",
                             "recorded"))
    return TreatmentCourse(
        drug=r.str("drug", required=True, limit=limits.MAX_TEXT) or "",
        start=r.date("start"),
        stop=r.date("stop"),
        status=r.choice("status", STATUSES),
        response=r.choice("response", RESPONSES),
        dose=r.number("dose"),
        dose_unit=r.choice("dose_unit", DOSE_UNITS),
        route=r.str("route", limit=limits.MAX_TEXT),
        recorded=r.date("recorded"),
    )


def _lab(data: Any, path: str) -> LabResult:
    r = FieldReader(data, path, ("name", "value", "unit", "uln", "lln", "date", "x_uln", "result", "titre"))
    lab = LabResult(
        name=r.str("name", required=True, limit=limits.MAX_TEXT) or "",
        value=r.number("value"),
        unit=r.str("unit", limit=50),
        uln=r.number("uln"),
        lln=r.number("lln"),
        date=r.date("date"),
        x_uln=r.number("x_uln"),
        result=r.choice("result", LAB_RESULTS),
        titre=r.str("titre", limit=50),
    )
    if lab.value is None and lab.x_uln is None and lab.result is None and lab.titre is None:
        raise ProfileError(_("{field} needs a value, a multiple of the ULN (x_uln), a result "
                             "(positive, negative, normal, abnormal) or a titre.").format(field=path), f"{path}.value")
    return lab


def _score(data: Any, path: str) -> ScoreResult:
    r = FieldReader(data, path, ("name", "value", "date"))
    return ScoreResult(name=r.str("name", required=True, limit=limits.MAX_TEXT) or "",
                       value=r.number("value", required=True) or 0, date=r.date("date"))


def _allergy(data: Any, path: str) -> Allergy:
    r = FieldReader(data, path, ("substance", "severity", "recorded"))
    return Allergy(substance=r.str("substance", required=True, limit=limits.MAX_TEXT) or "",
                   severity=r.choice("severity", ("mild", "moderate", "severe", "anaphylaxis")),
                   recorded=r.date("recorded"))


def _joints(data: Any, path: str) -> JointAssessment:
    r = FieldReader(data, path, ("date", "tender_28", "swollen_28", "patient_global_mm", "evaluator_global_mm"))
    return JointAssessment(
        date=r.date("date"),
        tender_28=r.integer("tender_28"),
        swollen_28=r.integer("swollen_28"),
        patient_global_mm=r.number("patient_global_mm"),
        evaluator_global_mm=r.number("evaluator_global_mm"),
    )


def _answers(data: Any, section: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProfileError(_("{field} must be an object of fact id to answer.").format(field=section), section)
    known = facts.answer_facts(section)
    out: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{section}.{key}"
        if key not in known and isinstance(key, str) and (vocab := _vocab_answer(section, key)) is not None:
            known = {**known, key: vocab}  # "classified:sle": a vocabulary fact answered directly
        if key not in known:
            shown = key if len(key) <= 80 else key[:80] + "…"
            raise ProfileError(_("Unknown field {field}.").format(field=repr(section + "." + shown)), where)
        if value is None:
            continue  # an explicit null is the same as leaving the answer out: unknown
        if known[key].type == "number":
            checked_number(value, where)
        if known[key].type == "bool" and not isinstance(value, bool):
            raise ProfileError(_("{field} must be true or false, not {value}.").format(field=where, value=repr(value)),
                               where)
        if known[key].type == "enum" and not isinstance(value, str):
            raise ProfileError(_("{field} must be one of {choices}.").format(
                field=where, choices=", ".join(known[key].choices)), where)
        out[key] = value
    return out


def _vocab_answer(section: str, key: str) -> Any:
    from core.patient.vocab_facts import answer_fact  # vocab_facts reads profiles: imported when needed

    return answer_fact(section, key)


def _known_on(data: Any) -> dict[str, date]:
    if data is None:
        return {}
    if not isinstance(data, dict) or len(data) > MAX_ITEMS:
        raise ProfileError(_("{field} must be an object of field to date.").format(field="known_on"), "known_on")
    return {str(key)[:200]: read_date(value, f"known_on.{key}") for key, value in data.items() if value}


def _confirmations(data: Any) -> dict[str, dict[str, bool | None]]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProfileError(_("{field} must be an object of trial id to answers.").format(field="confirmations"),
                           "confirmations")
    out: dict[str, dict[str, bool | None]] = {}
    for trial_id, answers in data.items():
        if not isinstance(answers, dict):
            raise ProfileError(_("{field} must be an object of criterion key to answer.").format(
                field=f"confirmations.{trial_id}"), f"confirmations.{trial_id}")
        out[trial_id] = {}
        for key, answer in answers.items():
            where = f"confirmations.{trial_id}.{key}"
            if isinstance(answer, bool) or answer is None:
                out[trial_id][key] = answer
            elif isinstance(answer, str) and answer in CONFIRM_ANSWERS:
                out[trial_id][key] = CONFIRM_ANSWERS[answer]
            else:
                raise ProfileError(_("{field} must be yes, no or unknown.").format(field=where), where)
    return out


_TOP_LEVEL = ("format_version", "profile_id", "label", "assessment_date", "date_of_birth", "sex", "weight_kg",
              "diagnoses_complete", "diagnoses_complete_for", "diagnoses", "treatments_complete",
              "treatments_complete_for", "treatments", "never_treated_with",
              "ever_treated_with", "procedures_complete", "procedures", "procedures_never_had",
              "allergies_complete", "allergies", "labs", "scores", "joint_assessment",
              "findings", "history", "consent", "known_on", "confirmations")


def profile_from_dict(data: Any, strict: bool = True) -> PatientProfile:
    """A profile from its JSON form (format 1 or 2).

    Raises ``ProfileError`` for malformed input. With ``strict`` (the default) impossible
    values are refused too; with ``strict=False`` they are kept so a form can show them
    (call ``validation.profile_problems``).
    """
    if not isinstance(data, dict):
        raise ProfileError(_("A patient profile must be a JSON object."))
    try:
        limits.check(data)  # NaN, 1e400, 100,000-deep nesting, a 1 MB name: refused before any use
    except limits.LimitError as exc:
        raise ProfileError(str(exc), exc.field) from None
    if data.get("format_version") is None:
        raise ProfileError(_("{field} is missing; this does not look like a patient profile.").format(
            field="format_version"), "format_version")
    data = migrate(data)
    r = FieldReader(data, "", _TOP_LEVEL)
    sex = r.str("sex", limit=20)
    if sex is not None and sex not in ("female", "male"):
        raise r.fail("sex", _("{field} must be female or male."))
    joints = data.get("joint_assessment")
    profile = PatientProfile(
        profile_id=r.str("profile_id", limit=limits.MAX_TEXT),
        label=r.str("label", limit=limits.MAX_TEXT),
        assessment_date=r.date("assessment_date"),
        date_of_birth=r.date("date_of_birth"),
        sex=sex,
        weight_kg=r.number("weight_kg"),
        diagnoses_complete=r.bool("diagnoses_complete"),
        diagnoses_complete_for=r.str_list("diagnoses_complete_for"),
        diagnoses=[_diagnosis(item, where) for item, where in r.obj_list("diagnoses")],
        treatments_complete=r.bool("treatments_complete"),
        treatments_complete_for=r.str_list("treatments_complete_for"),
        treatments=[_treatment(item, where) for item, where in r.obj_list("treatments")],
        never_treated_with=r.str_list("never_treated_with"),
        ever_treated_with=r.str_list("ever_treated_with"),
        **read_procedures(r),
        allergies_complete=r.bool("allergies_complete"),
        allergies=[_allergy(item, where) for item, where in r.obj_list("allergies")],
        labs=[_lab(item, where) for item, where in r.obj_list("labs")],
        scores=[_score(item, where) for item, where in r.obj_list("scores")],
        joint_assessment=None if joints is None else _joints(joints, "joint_assessment"),
        findings=_answers(data.get("findings"), "findings"),
        history=_answers(data.get("history"), "history"),
        consent=_answers(data.get("consent"), "consent"),
        known_on=_known_on(data.get("known_on")),
        confirmations=_confirmations(data.get("confirmations")),
    )
    if strict:
        from core.patient.validation import profile_problems  # here: validation imports the model

        problems = profile_problems(profile)
        if problems:
            listing = pgettext("clause separator", "; ").join(f"{f}: {m}" for f, m in problems)
            raise ProfileError(_("The profile has impossible values: {problems}").format(problems=listing),
                               problems[0][0], problems)
    return profile


def load_profile(path: str | os.PathLike[str], strict: bool = True) -> PatientProfile:
    """Read a profile file; ``ProfileError`` says what is wrong and where."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            message = _("The profile file {path} is {size} MB; a patient profile is at most {limit} MB.")
            raise ProfileError(message.format(path=repr(str(path)), size=f"{size / 1e6:.0f}",
                                              limit=MAX_FILE_BYTES // 1_000_000))
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(_("Cannot read the profile file {path}: {reason}.").format(
            path=repr(str(path)), reason=reason_text(exc))) from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(_("The profile file {path} is not UTF-8 text (byte {byte}).").format(
            path=repr(str(path)), byte=exc.start)) from exc
    return profile_from_json(text)


def profile_from_json(text: str, strict: bool = True) -> PatientProfile:
    """A profile from JSON text: JSON errors, NaN and absurd nesting named plainly."""

    try:
        data = limits.loads(text)  # no NaN / Infinity, no deep recursion, sizes checked
    except limits.LimitError as exc:
        raise ProfileError(str(exc), exc.field) from None
    except json.JSONDecodeError as exc:
        raise ProfileError(_("The profile file is not valid JSON (line {line}, column {column}: {problem}).").format(
            line=exc.lineno, column=exc.colno, problem=words(json_fault(exc)))) from exc
    return profile_from_dict(data, strict=strict)
