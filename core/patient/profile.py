"""The patient profile: raw facts a clinician enters, stored as versioned JSON.

Every field is optional; a missing value means *unknown*, never "no". The JSON shape is
documented in ``docs/patient-profile.md``. ``profile_from_dict`` refuses malformed input
(wrong types, unreadable dates, unknown fields, unknown format versions) with a
``ProfileError`` naming the field; impossible values (a birth date 130 years ago, an
ECOG of 7) are listed by ``validation.profile_problems`` and refused on load unless the
caller asks to see them instead (``strict=False``), as a form does.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from core.patient import facts, limits

FORMAT_VERSION = 1
OUTCOMES = ("inadequate_response", "loss_of_response", "intolerance", "ongoing", "other")
FAILURE_OUTCOMES = frozenset({"inadequate_response", "loss_of_response", "intolerance"})
DOSE_UNITS = ("mg", "mg/day", "mg/week", "g", "g/day", "mg/kg", "mg/kg/day", "mg/m2", "g/m2", "g/kg", "IU", "mL")
RA_2010_ITEMS: dict[str, dict[str, int]] = {
    # ACR/EULAR 2010 RA classification items: category -> points.
    "joints": {"1_large": 0, "2_10_large": 1, "1_3_small": 2, "4_10_small": 3, "over_10_including_small": 5},
    "serology": {"negative": 0, "low_positive": 2, "high_positive": 3},
    "acute_phase": {"normal": 0, "abnormal": 1},
    "symptom_duration": {"under_6_weeks": 0, "6_weeks_or_more": 1},
}
CONFIRM_ANSWERS = {"yes": True, "no": False, "unknown": None}


class ProfileError(ValueError):
    """A profile that cannot be read, with the field at fault and every problem found."""

    def __init__(self, message: str, field: str | None = None, problems: list[tuple[str, str]] | None = None):
        super().__init__(message)
        self.field = field
        self.problems = problems or ([(field, message)] if field else [])


@dataclass
class Diagnosis:
    """One diagnosis: condition code, dates, classification criteria met, activity."""

    code: str
    diagnosis_date: date | None = None
    onset_date: date | None = None
    classification: list[str] = field(default_factory=list)  # criteria known to be met
    classification_not_met: list[str] = field(default_factory=list)  # criteria known not met
    activity: str | None = None  # free label, e.g. "moderate"; one of facts.ACTIVITY_LEVELS for rules
    scores: dict[str, float] = field(default_factory=dict)  # e.g. {"das28_esr": 4.1, "sledai_2k": 8}
    acr_eular_2010_items: dict[str, str] = field(default_factory=dict)  # RA_2010_ITEMS category -> choice


@dataclass
class TreatmentCourse:
    """One course of one drug."""

    drug: str
    start: date | None = None
    stop: date | None = None  # date of the last dose; None while ongoing or when not known
    dose: float | None = None
    dose_unit: str | None = None
    outcome: str | None = None  # one of OUTCOMES
    route: str | None = None


@dataclass
class LabResult:
    """One laboratory result with its reference limits."""

    name: str
    value: float
    unit: str | None = None
    uln: float | None = None  # upper limit of normal, same unit as value
    lln: float | None = None  # lower limit of normal, same unit as value
    date: date | None = None


@dataclass
class JointAssessment:
    """28-joint counts and global assessments for DAS28 and CDAI."""

    date: date | None = None
    tender_28: int | None = None
    swollen_28: int | None = None
    patient_global_mm: float | None = None  # 0-100 mm VAS
    evaluator_global_mm: float | None = None  # 0-100 mm VAS


@dataclass
class PatientProfile:
    """Everything entered about one patient for one screening."""

    profile_id: str | None = None
    label: str | None = None
    assessment_date: date | None = None
    date_of_birth: date | None = None
    sex: str | None = None
    weight_kg: float | None = None
    diagnoses_complete: bool = False  # True: a condition not listed is known to be absent
    diagnoses: list[Diagnosis] = field(default_factory=list)
    treatments_complete: bool = False  # True: every past and current course is listed
    treatments: list[TreatmentCourse] = field(default_factory=list)
    labs: list[LabResult] = field(default_factory=list)
    joint_assessment: JointAssessment | None = None
    findings: dict[str, Any] = field(default_factory=dict)
    history: dict[str, Any] = field(default_factory=dict)
    consent: dict[str, Any] = field(default_factory=dict)
    confirmations: dict[str, dict[str, bool | None]] = field(default_factory=dict)  # trial id -> key -> answer

    def confirmation(self, trial_id: str, key: str) -> bool | None:
        """The clinician's yes/no for one confirm question; None when not answered."""
        return self.confirmations.get(trial_id, {}).get(key)


# --- reading ----------------------------------------------------------------------

class _Reader:
    """Typed field access on one JSON object, every error naming the field path."""

    def __init__(self, data: Any, path: str, allowed: tuple[str, ...]):
        if not isinstance(data, dict):
            raise ProfileError(f"{path or 'The profile'} must be a JSON object.", path or None)
        self.data = data
        self.path = path
        for key in data:
            if key not in allowed:
                raise ProfileError(f"Unknown field {self.name(key)!r}.", self.name(key))

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, what: str) -> ProfileError:
        return ProfileError(f"{self.name(key)} {what}.", self.name(key))

    def str(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is required")
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, "must be text")
        return value

    def number(self, key: str, required: bool = False) -> float | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, "is required")
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(key, f"must be a number, not {value!r}")
        return value

    def integer(self, key: str) -> int | None:
        value = self.number(key)
        if value is not None and not float(value).is_integer():
            raise self.fail(key, f"must be a whole number, not {value!r}")
        return None if value is None else int(value)

    def bool(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def date(self, key: str) -> date | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(key, "must be a date written YYYY-MM-DD")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise self.fail(key, f"is not a valid date (YYYY-MM-DD): {value!r}") from None

    def str_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of codes")
        return list(value)

    def obj_list(self, key: str) -> list[tuple[Any, str]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, "must be a list")
        return [(item, f"{self.name(key)}[{i}]") for i, item in enumerate(value)]


def _diagnosis(data: Any, path: str) -> Diagnosis:
    r = _Reader(data, path, ("code", "diagnosis_date", "onset_date", "classification",
                             "classification_not_met", "activity", "scores", "acr_eular_2010_items"))
    scores_raw = r.data.get("scores") or {}
    if not isinstance(scores_raw, dict):
        raise r.fail("scores", "must be an object of score name to number")
    scores: dict[str, float] = {}
    for name, value in scores_raw.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ProfileError(f"{path}.scores.{name} must be a number.", f"{path}.scores.{name}")
        scores[name] = value
    items = r.data.get("acr_eular_2010_items") or {}
    if not isinstance(items, dict):
        raise r.fail("acr_eular_2010_items", "must be an object")
    for category, choice in items.items():
        where = f"{path}.acr_eular_2010_items.{category}"
        if category not in RA_2010_ITEMS:
            raise ProfileError(f"Unknown field {where!r}; expected one of {', '.join(RA_2010_ITEMS)}.", where)
        if choice is not None and choice not in RA_2010_ITEMS[category]:
            raise ProfileError(f"{where} must be one of {', '.join(RA_2010_ITEMS[category])}.", where)
    return Diagnosis(
        code=r.str("code", required=True) or "",
        diagnosis_date=r.date("diagnosis_date"),
        onset_date=r.date("onset_date"),
        classification=r.str_list("classification"),
        classification_not_met=r.str_list("classification_not_met"),
        activity=r.str("activity"),
        scores=scores,
        acr_eular_2010_items={k: v for k, v in items.items() if v is not None},
    )


def _treatment(data: Any, path: str) -> TreatmentCourse:
    r = _Reader(data, path, ("drug", "start", "stop", "dose", "dose_unit", "outcome", "route"))
    outcome = r.str("outcome")
    if outcome is not None and outcome not in OUTCOMES:
        raise r.fail("outcome", "must be one of " + ", ".join(OUTCOMES))
    unit = r.str("dose_unit")
    if unit is not None and unit not in DOSE_UNITS:
        raise r.fail("dose_unit", "must be one of " + ", ".join(DOSE_UNITS))
    return TreatmentCourse(
        drug=r.str("drug", required=True) or "",
        start=r.date("start"),
        stop=r.date("stop"),
        dose=r.number("dose"),
        dose_unit=unit,
        outcome=outcome,
        route=r.str("route"),
    )


def _lab(data: Any, path: str) -> LabResult:
    r = _Reader(data, path, ("name", "value", "unit", "uln", "lln", "date"))
    return LabResult(
        name=r.str("name", required=True) or "",
        value=r.number("value", required=True) or 0,
        unit=r.str("unit"),
        uln=r.number("uln"),
        lln=r.number("lln"),
        date=r.date("date"),
    )


def _joints(data: Any, path: str) -> JointAssessment:
    r = _Reader(data, path, ("date", "tender_28", "swollen_28", "patient_global_mm", "evaluator_global_mm"))
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
        raise ProfileError(f"{section} must be an object of fact id to answer.", section)
    known = facts.answer_facts(section)
    out: dict[str, Any] = {}
    for key, value in data.items():
        where = f"{section}.{key}"
        if key not in known:
            raise ProfileError(f"Unknown field {where!r}.", where)
        if value is None:
            continue  # an explicit null is the same as leaving the answer out: unknown
        if known[key].type == "number" and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise ProfileError(f"{where} must be a number, not {value!r}.", where)
        if known[key].type == "bool" and not isinstance(value, bool):
            raise ProfileError(f"{where} must be true or false, not {value!r}.", where)
        if known[key].type == "enum" and not isinstance(value, str):
            raise ProfileError(f"{where} must be one of {', '.join(known[key].choices)}.", where)
        out[key] = value
    return out


def _confirmations(data: Any) -> dict[str, dict[str, bool | None]]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProfileError("confirmations must be an object of trial id to answers.", "confirmations")
    out: dict[str, dict[str, bool | None]] = {}
    for trial_id, answers in data.items():
        if not isinstance(answers, dict):
            raise ProfileError(f"confirmations.{trial_id} must be an object of criterion key to answer.",
                               f"confirmations.{trial_id}")
        out[trial_id] = {}
        for key, answer in answers.items():
            where = f"confirmations.{trial_id}.{key}"
            if isinstance(answer, bool) or answer is None:
                out[trial_id][key] = answer
            elif isinstance(answer, str) and answer in CONFIRM_ANSWERS:
                out[trial_id][key] = CONFIRM_ANSWERS[answer]
            else:
                raise ProfileError(f"{where} must be yes, no or unknown.", where)
    return out


_TOP_LEVEL = ("format_version", "profile_id", "label", "assessment_date", "date_of_birth", "sex", "weight_kg",
              "diagnoses_complete", "diagnoses", "treatments_complete", "treatments", "labs",
              "joint_assessment", "findings", "history", "consent", "confirmations")


def profile_from_dict(data: Any, strict: bool = True) -> PatientProfile:
    """A profile from its JSON form.

    Raises ``ProfileError`` for malformed input. With ``strict`` (the default) impossible
    values are refused too; with ``strict=False`` they are kept so a form can show them
    (call ``validation.profile_problems``).
    """
    if not isinstance(data, dict):
        raise ProfileError("A patient profile must be a JSON object.")
    try:
        limits.check(data)  # NaN, 1e400, 100,000-deep nesting, a 1 MB name: refused before any use
    except limits.LimitError as exc:
        raise ProfileError(str(exc), exc.field) from None
    version = data.get("format_version")
    if version is None:
        raise ProfileError("format_version is missing; this does not look like a patient profile.",
                           "format_version")
    if version != FORMAT_VERSION:
        raise ProfileError(f"format_version {version!r} is not supported; this version of the app reads "
                           f"format_version {FORMAT_VERSION}.", "format_version")
    r = _Reader(data, "", _TOP_LEVEL)
    sex = r.str("sex")
    if sex is not None and sex not in ("female", "male"):
        raise r.fail("sex", "must be female or male")
    joints = data.get("joint_assessment")
    profile = PatientProfile(
        profile_id=r.str("profile_id"),
        label=r.str("label"),
        assessment_date=r.date("assessment_date"),
        date_of_birth=r.date("date_of_birth"),
        sex=sex,
        weight_kg=r.number("weight_kg"),
        diagnoses_complete=r.bool("diagnoses_complete"),
        diagnoses=[_diagnosis(item, where) for item, where in r.obj_list("diagnoses")],
        treatments_complete=r.bool("treatments_complete"),
        treatments=[_treatment(item, where) for item, where in r.obj_list("treatments")],
        labs=[_lab(item, where) for item, where in r.obj_list("labs")],
        joint_assessment=None if joints is None else _joints(joints, "joint_assessment"),
        findings=_answers(data.get("findings"), "findings"),
        history=_answers(data.get("history"), "history"),
        consent=_answers(data.get("consent"), "consent"),
        confirmations=_confirmations(data.get("confirmations")),
    )
    if strict:
        from core.patient.validation import profile_problems  # here: validation imports this module

        problems = profile_problems(profile)
        if problems:
            listing = "; ".join(f"{f}: {m}" for f, m in problems)
            raise ProfileError(f"The profile has impossible values: {listing}", problems[0][0], problems)
    return profile


def load_profile(path: str | os.PathLike[str], strict: bool = True) -> PatientProfile:
    """Read a profile file; ``ProfileError`` says what is wrong and where."""
    try:
        if Path(path).stat().st_size > limits.MAX_FILE_BYTES:  # refused before reading it all
            raise ProfileError(f"The profile file {str(path)!r} is too large to be a patient profile.")
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ProfileError(f"Cannot read the profile file {str(path)!r}: {exc.strerror or exc}.") from exc
    except UnicodeDecodeError as exc:
        raise ProfileError(f"The profile file {str(path)!r} is not UTF-8 text (byte {exc.start}).") from exc
    try:
        data = limits.loads(text)
    except limits.LimitError as exc:
        raise ProfileError(str(exc), exc.field) from None
    except json.JSONDecodeError as exc:
        raise ProfileError(f"The profile file is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                           f"{exc.msg}).") from exc
    return profile_from_dict(data, strict=strict)


# --- writing ----------------------------------------------------------------------

def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Unknown stays unknown on disk: absent rather than null, empty lists left out."""
    return {k: v for k, v in data.items() if v is not None and v != [] and v != {}}


def profile_to_dict(profile: PatientProfile) -> dict[str, Any]:
    """The JSON form of a profile (stable key order)."""
    out: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "profile_id": profile.profile_id,
        "label": profile.label,
        "assessment_date": _iso(profile.assessment_date),
        "date_of_birth": _iso(profile.date_of_birth),
        "sex": profile.sex,
        "weight_kg": profile.weight_kg,
        "diagnoses_complete": profile.diagnoses_complete or None,
        "diagnoses": [_drop_empty({
            "code": d.code, "diagnosis_date": _iso(d.diagnosis_date), "onset_date": _iso(d.onset_date),
            "classification": d.classification, "classification_not_met": d.classification_not_met,
            "activity": d.activity, "scores": d.scores, "acr_eular_2010_items": d.acr_eular_2010_items,
        }) for d in profile.diagnoses],
        "treatments_complete": profile.treatments_complete or None,
        "treatments": [_drop_empty({
            "drug": t.drug, "start": _iso(t.start), "stop": _iso(t.stop), "dose": t.dose,
            "dose_unit": t.dose_unit, "outcome": t.outcome, "route": t.route,
        }) for t in profile.treatments],
        "labs": [_drop_empty({
            "name": lab.name, "value": lab.value, "unit": lab.unit, "uln": lab.uln, "lln": lab.lln,
            "date": _iso(lab.date),
        }) for lab in profile.labs],
        "joint_assessment": None if profile.joint_assessment is None else _drop_empty({
            "date": _iso(profile.joint_assessment.date),
            "tender_28": profile.joint_assessment.tender_28,
            "swollen_28": profile.joint_assessment.swollen_28,
            "patient_global_mm": profile.joint_assessment.patient_global_mm,
            "evaluator_global_mm": profile.joint_assessment.evaluator_global_mm,
        }),
        "findings": dict(profile.findings),
        "history": dict(profile.history),
        "consent": dict(profile.consent),
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
    tmp.write_text(profile_to_json(profile), encoding="utf-8")
    os.replace(tmp, target)
