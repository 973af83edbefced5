"""The patient profile: what is known about one patient, stored as versioned JSON.

Every field is optional; a missing value means *unknown*, never "no". The JSON shape
(format 2; format 1 is read and migrated) is documented in ``docs/patient-profile.md``.
This module is the one callers import: the data classes live in ``profile_model``,
reading in ``profile_read`` (malformed or hostile input refused with a ``ProfileError``
naming the field), migration in ``profile_migrate`` and writing in ``profile_write``.
Impossible values (a birth date 130 years ago, an ECOG of 7) are listed by
``validation.profile_problems`` and refused on load unless the caller asks to see them
instead (``strict=False``), as a form does.
"""

from __future__ import annotations

from core.patient.profile_model import (  # noqa: F401  (the public names of the profile)
    CONDITION_STATUSES,
    CONFIRM_ANSWERS,
    DOSE_UNITS,
    FAILURE_OUTCOMES,
    FAILURE_RESPONSES,
    FORMAT_VERSION,
    LAB_RESULTS,
    OUTCOMES,
    RA_2010_ITEMS,
    READABLE_VERSIONS,
    RESPONSES,
    STATUSES,
    Allergy,
    Diagnosis,
    JointAssessment,
    LabResult,
    PatientProfile,
    ProcedureRecord,
    ProfileError,
    ScoreResult,
    TreatmentCourse,
    legacy_outcome,
    status_response_from_outcome,
)
from core.patient.profile_read import load_profile, profile_from_dict, profile_from_json  # noqa: F401
from core.patient.profile_write import profile_to_dict, profile_to_json, save_profile  # noqa: F401
