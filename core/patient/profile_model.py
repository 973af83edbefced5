"""The patient profile's data classes (format version 2) and the words they use.

Every field is optional; a missing value means *unknown*, never "no". Dates may be partial
(``core.patient.partial_dates``). Reading and writing JSON is in ``profile_read`` and
``profile_write``; ``core.patient.profile`` is the one module callers import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)

# Format 1 gave a course one "outcome"; format 2 separates whether it goes on (status) from
# how the patient responded (response), so "methotrexate since 2012, still taken, inadequate
# response" is both current exposure and a failure.
OUTCOMES = ("inadequate_response", "loss_of_response", "intolerance", "ongoing", "other")
STATUSES = ("ongoing", "stopped", "stopped_date_unknown")
# "other": ended or went on for a reason that is not a failure (format 1's "other").
RESPONSES = ("inadequate_response", "loss_of_response", "intolerance", "adverse_event", "remission", "other",
             "not_assessed")
FAILURE_RESPONSES = frozenset({"inadequate_response", "loss_of_response", "intolerance", "adverse_event"})
FAILURE_OUTCOMES = frozenset({"inadequate_response", "loss_of_response", "intolerance"})  # format 1 words
CONDITION_STATUSES = ("present", "absent")
LAB_RESULTS = ("positive", "negative", "normal", "abnormal", "high", "low")
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


def status_response_from_outcome(outcome: str | None, stop: date | None) -> tuple[str | None, str | None]:
    """Format 1's ``outcome`` as format 2's (status, response), meaning kept exactly.

    Format 1 read a course with no stop date and no outcome as still running; one that
    failed or ended for another reason as stopped on an unknown date.
    """
    stopped = "stopped" if stop is not None else "stopped_date_unknown"
    if outcome == "ongoing":
        return "ongoing", None
    if outcome in FAILURE_OUTCOMES:
        return stopped, outcome
    if outcome == "other":
        return stopped, "other"
    return ("stopped" if stop is not None else "ongoing"), None


def legacy_outcome(status: str | None, response: str | None) -> str | None:
    """The closest format-1 word, for code and screens that still show one outcome."""
    if response in FAILURE_OUTCOMES:
        return response
    if response == "adverse_event":
        return "intolerance"
    if response == "other":
        return "other"
    if status == "ongoing":
        return "ongoing"
    return None  # stopped with no response known: format 1 said nothing either


@dataclass
class Diagnosis:
    """One condition: present (with dates, classification, activity) or known absent.

    ``code`` is a condition concept id (``resources/vocab/conditions.json``); an absent
    broader concept ("malignancy") says every condition below it is absent too.
    """

    code: str
    diagnosis_date: date | None = None
    onset_date: date | None = None
    classification: list[str] = field(default_factory=list)  # criteria known to be met
    classification_not_met: list[str] = field(default_factory=list)  # criteria known not met
    activity: str | None = None  # free label, e.g. "moderate"; one of facts.ACTIVITY_LEVELS for rules
    scores: dict[str, float] = field(default_factory=dict)  # e.g. {"das28_esr": 4.1, "sledai_2k": 8}
    acr_eular_2010_items: dict[str, str] = field(default_factory=dict)  # RA_2010_ITEMS category -> choice
    status: str = "present"  # or "absent": known not to have it (ever)
    classification_grade: dict[str, str] = field(default_factory=dict)  # e.g. {"bohan_peter": "definite"}
    recorded: date | None = None  # when this was known
    source: str | None = None  # where it came from: "question" (a yes/no of its own), "fhir", … (None: the table)
    # Whether the condition is active now (True) or resolved / in remission (False); None: not recorded.
    # "Active tuberculosis", "current malignancy" are read from it (condition_current:<id>), never from
    # the diagnosis alone: a lymphoma treated years ago is "had", not "has".
    active: bool | None = None
    resolved_date: date | None = None  # when it resolved (may be partial); only with active False

    @property
    def present(self) -> bool:
        return self.status != "absent"


@dataclass
class TreatmentCourse:
    """One course of one drug: whether it goes on (status) and how it worked (response)."""

    drug: str
    start: date | None = None
    stop: date | None = None  # date of the last dose
    dose: float | None = None
    dose_unit: str | None = None
    outcome: str | None = None  # format 1's single word; set from status/response when not given
    route: str | None = None
    status: str | None = None  # STATUSES; None with no stop date: still taken (format 1's reading)
    response: str | None = None  # RESPONSES; None: not known
    recorded: date | None = None

    def __post_init__(self) -> None:
        if self.status is None and self.response is None and self.outcome is not None:
            self.status, self.response = status_response_from_outcome(self.outcome, self.stop)
        elif self.outcome is None:
            self.outcome = legacy_outcome(self.status, self.response)

    @property
    def failed(self) -> bool | None:
        """True for a failure (inadequate or lost response, intolerance, adverse event).

        A course still taken with no response recorded has not failed (format 1's reading of
        "ongoing"); an ongoing course with an inadequate response has.
        """
        if self.response is None and self.status == "ongoing":
            return False
        if self.response is None or self.response == "not_assessed":
            return None
        return self.response in FAILURE_RESPONSES


@dataclass
class ProcedureRecord:
    """One procedure (``resources/vocab/procedures.json`` id): done on ``date``, or ``planned`` for it.

    ``date`` may be partial (a year is often all that is known) or unknown; a planned one is
    scheduled and not yet done (its date, when given, is the planned date); an ``ongoing`` one is being
    received now (a course of radiotherapy, dialysis)."""

    procedure: str
    date: date | None = None
    planned: bool = False
    recorded: date | None = None
    source: str | None = None  # "question": a yes/no of its own ("Has the patient ever had …?"); None: the table
    # Whether the course goes on now (dialysis, a radiotherapy course): True / False (ended); None: not said.
    # "No concurrent radiotherapy" reads it (procedure_current:<id>); ``date`` is then when it began.
    ongoing: bool | None = None


@dataclass
class LabResult:
    """One laboratory result: a value with its unit and limits, a multiple of the ULN, or
    only a qualitative result (positive / negative / normal / abnormal); titres for
    autoantibodies."""

    name: str
    value: float | None = None
    unit: str | None = None
    uln: float | None = None  # upper limit of normal, same unit as value
    lln: float | None = None  # lower limit of normal, same unit as value
    date: date | None = None
    x_uln: float | None = None  # the result as a multiple of the ULN, when only that is known
    result: str | None = None  # LAB_RESULTS
    titre: str | None = None  # e.g. "1:320"


@dataclass
class ScoreResult:
    """An instrument's score with the date it was taken (resources/vocab/scores.json)."""

    name: str
    value: float
    date: date | None = None


@dataclass
class Allergy:
    """An allergy to a named drug or drug class (or another substance, as written)."""

    substance: str
    severity: str | None = None  # "mild" | "moderate" | "severe" | "anaphylaxis"
    recorded: date | None = None


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
    """Everything known about one patient: the patient record, or one screening's copy of it."""

    profile_id: str | None = None
    label: str | None = None
    assessment_date: date | None = None
    date_of_birth: date | None = None
    sex: str | None = None
    weight_kg: float | None = None
    diagnoses_complete: bool = False  # True: a condition not listed is known to be absent
    # Condition groups whose every present member is listed ("all malignancies are listed").
    diagnoses_complete_for: list[str] = field(default_factory=list)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    treatments_complete: bool = False  # True: every past and current course is listed
    # Drug classes whose every course is listed ("all biologics are listed").
    treatments_complete_for: list[str] = field(default_factory=list)
    treatments: list[TreatmentCourse] = field(default_factory=list)
    # Drugs or classes the patient never received ("no biologic ever"), each decided on its
    # own without claiming the whole treatment list is complete.
    never_treated_with: list[str] = field(default_factory=list)
    # Drugs or classes known given, details unknown ("has had a TNF inhibitor").
    ever_treated_with: list[str] = field(default_factory=list)
    procedures_complete: bool = False  # True: every procedure done or planned is listed
    procedures: list[ProcedureRecord] = field(default_factory=list)
    # Procedures (or groups) known never done ("no organ transplant"), each on its own.
    procedures_never_had: list[str] = field(default_factory=list)
    allergies_complete: bool = False
    allergies: list[Allergy] = field(default_factory=list)
    labs: list[LabResult] = field(default_factory=list)
    scores: list[ScoreResult] = field(default_factory=list)
    joint_assessment: JointAssessment | None = None
    findings: dict[str, Any] = field(default_factory=dict)
    history: dict[str, Any] = field(default_factory=dict)
    consent: dict[str, Any] = field(default_factory=dict)
    # When each answered fact was known ("findings.ecog", "date_of_birth", "sex"...).
    known_on: dict[str, date] = field(default_factory=dict)
    confirmations: dict[str, dict[str, bool | None]] = field(default_factory=dict)  # trial id -> key -> answer

    def confirmation(self, trial_id: str, key: str) -> bool | None:
        """The clinician's yes/no for one confirm question; None when not answered."""
        return self.confirmations.get(trial_id, {}).get(key)
