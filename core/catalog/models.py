"""Catalog tables (peewee on SQLite): trials, their sites, contacts, criteria and search index.

The database object is deferred (``SqliteDatabase(None)``) and initialised by
``core.catalog.database.open_catalog`` so tests can point it at ``tmp_path``.
"""

from __future__ import annotations

from peewee import (
    BooleanField,
    CharField,
    DateField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
    TextField,
)
from playhouse.sqlite_ext import FTS5Model, RowIDField, SearchField

from core.sqlite_files import JSONText

catalog_db = SqliteDatabase(None)

# 2: search rows gained CJK bigram columns and the English names of concepts named in CJK.
SCHEMA_VERSION = 2


class BaseModel(Model):
    class Meta:
        database = catalog_db


class Trial(BaseModel):
    trial_id = CharField(primary_key=True)
    registry_ids = JSONText(default=list)
    title = TextField()
    brief_title = TextField(null=True)
    acronym = TextField(null=True)
    summary = TextField(null=True)
    description = TextField(null=True)
    conditions = JSONText(default=list)
    keywords = JSONText(default=list)
    interventions = JSONText(default=list)
    phase = CharField(null=True)
    study_type = CharField(null=True)
    status = CharField(null=True, index=True)
    status_notes = JSONText(default=list)
    start_date = DateField(null=True)
    end_date = DateField(null=True)
    end_date_kind = CharField(null=True)
    first_posted = DateField(null=True)
    last_updated = DateField(null=True)
    enrollment = IntegerField(null=True)
    sponsor = TextField(null=True)
    collaborators = JSONText(default=list)
    min_age_years = FloatField(null=True, index=True)
    max_age_years = FloatField(null=True, index=True)
    age_text = TextField(null=True)
    sex = CharField(null=True, index=True)
    healthy_volunteers = BooleanField(null=True)
    criteria_text = TextField(null=True)
    source_format = CharField()
    source_file = TextField(null=True)
    source_url = TextField(null=True)
    current_as_of = DateField(null=True)
    extra = JSONText(default=dict)
    flags = JSONText(default=list)  # reserved: flags are computed on demand (quality.py)
    # "all": every top-level inclusion item must hold; "any": they are alternatives
    # (e.g. "patients of any of groups 1-4"). Set by curation.
    inclusion_logic = CharField(default="all")
    content_hash = CharField()  # detects a re-import of the same record version


class TrialCondition(BaseModel):
    """One condition of a trial, lower-cased, for the condition filter."""

    trial = ForeignKeyField(Trial, backref="condition_rows", on_delete="CASCADE")
    condition = CharField(index=True)


class Site(BaseModel):
    trial = ForeignKeyField(Trial, backref="sites", on_delete="CASCADE")
    position = IntegerField()
    name = TextField(null=True)
    city = TextField(null=True)
    region = TextField(null=True)
    country = CharField(null=True, index=True)
    status = CharField(null=True)


class Contact(BaseModel):
    trial = ForeignKeyField(Trial, backref="contacts", on_delete="CASCADE")
    position = IntegerField()
    name = TextField(null=True)
    role = TextField(null=True)
    affiliation = TextField(null=True)
    email = TextField(null=True)
    phone = TextField(null=True)
    address = TextField(null=True)


class Criterion(BaseModel):
    """One verbatim eligibility item; ``rule`` is filled by curation or extraction."""

    trial = ForeignKeyField(Trial, backref="criteria", on_delete="CASCADE")
    key = CharField()  # stable position key: inc-1, inc-3.2, exc-4
    parent_key = CharField(null=True)
    kind = CharField()  # inclusion / exclusion
    position = IntegerField()  # order within the trial
    label = CharField(null=True)  # as printed: "1", "1-1", "a"
    text = TextField()
    rule = JSONText(null=True)
    rule_origin = CharField(null=True)  # curated / automatic-unreviewed / automatic-accepted / confirm-only

    class Meta:
        indexes = ((("trial", "key"), True),)


class TrialSearch(FTS5Model):
    """Full-text index over title, conditions, summary and criteria (bm25 ranked).

    Text is NFKC-folded with CJK runs spaced off (core.catalog.cjk_text). ``cjk_title`` and
    ``cjk_text`` hold the CJK runs of title/conditions and of summary/criteria as character
    bigrams; ``concepts`` the English names of conditions and drugs the CJK text names."""

    rowid = RowIDField()
    trial_id = SearchField(unindexed=True)
    title = SearchField()
    conditions = SearchField()
    summary = SearchField()
    criteria = SearchField()
    cjk_title = SearchField()
    cjk_text = SearchField()
    concepts = SearchField()

    class Meta:
        database = catalog_db
        options = {"tokenize": "unicode61 remove_diacritics 2"}


class CatalogInfo(BaseModel):
    """Key/value facts about the catalog file: schema, build time, source fingerprint."""

    key = CharField(primary_key=True)
    value = TextField()


class KeptImport(BaseModel):
    """A file kept in the data folder's ``imports/`` whose records this catalog holds.

    Written in the same transaction as the records, so after a crash the catalog and the
    kept files can be compared (core.catalog.overlay.reconcile_imports). Empty in the
    bundled catalog."""

    digest = CharField(primary_key=True)  # the kept file's content key (see overlay.KeptFiles)


ALL_MODELS = [Trial, TrialCondition, Site, Contact, Criterion, TrialSearch, CatalogInfo, KeptImport]


def conditions_by_trial(trial_ids: list[str]) -> dict[str, list[str]]:
    """Each trial's conditions as stored (lower-cased), for the trials in ``trial_ids``: what the questionnaire
    groups results by and what the extractor leaves out of "other malignancy"."""
    out: dict[str, list[str]] = {}
    for start in range(0, len(trial_ids), 500):  # SQLite's limit on bound parameters
        chunk = trial_ids[start:start + 500]
        for trial_id, condition in TrialCondition.select(TrialCondition.trial, TrialCondition.condition).where(
                TrialCondition.trial.in_(chunk)).tuples():
            out.setdefault(trial_id, []).append(condition)
    return out
