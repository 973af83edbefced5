"""User database tables. Patient data lives here only, never in the catalog."""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Model,
    TextField,
)

from core.sqlite_files import JSONText
from core.userdata.database import user_db


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class BaseModel(Model):
    class Meta:
        database = user_db


class Patient(BaseModel):
    id = AutoField()
    reference = CharField(unique=True)  # the clinic's pseudonymous reference, always present
    name = TextField(null=True)  # optional: pseudonymous mode leaves it empty
    date_of_birth = DateField(null=True)
    sex = CharField(null=True)  # female / male; None: not recorded (schema 4)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    # The patient record: a format-2 profile without confirmations, each fact with the date it
    # was known (docs/patient-profile.md); None until built from the screenings.
    record = JSONText(null=True)


class Screening(BaseModel):
    id = AutoField()
    patient = ForeignKeyField(Patient, backref="screenings", on_delete="CASCADE")
    status = CharField(default="in_progress")  # in_progress / finished
    profile = JSONText()  # the PatientProfile as JSON (docs/patient-profile.md)
    candidate_filter = JSONText(default=dict)  # which catalog trials were screened
    position = CharField(null=True)  # where the questionnaire stopped (question id)
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)


class Answer(BaseModel):
    """Every answer as it was given, in order: the screening can be replayed from these."""

    id = AutoField()
    screening = ForeignKeyField(Screening, backref="answers", on_delete="CASCADE")
    question = CharField()
    value = JSONText(null=True)
    answered_at = DateTimeField(default=now)


class LetterIssued(BaseModel):
    id = AutoField()
    screening = ForeignKeyField(Screening, backref="letters", on_delete="CASCADE")
    trial_ids = JSONText()
    file_path = TextField(null=True)
    sha256 = CharField(null=True)
    issued_at = DateTimeField(default=now)


class AuditEntry(BaseModel):
    """Who did what to whose data (patient by reference only)."""

    id = AutoField()
    at = DateTimeField(default=now)
    user = CharField()
    action = CharField()
    patient_reference = CharField(null=True)
    details = JSONText(default=dict)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = JSONText(null=True)


ALL_MODELS = [Patient, Screening, Answer, LetterIssued, AuditEntry, Setting]
