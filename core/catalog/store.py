"""Writing TrialRecords into the catalog and reading trials back as plain data."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from datetime import date
from typing import Any

from peewee import Model, fn

from core.catalog.cjk_text import has_cjk, index_tokens, spaced
from core.catalog.models import (
    Contact,
    Criterion,
    KeptImport,
    Site,
    Trial,
    TrialCondition,
    TrialSearch,
    catalog_db,
)
from core.catalog.search_concepts import english_names_in
from core.trial_record import TrialRecord, criterion_keys

# Version of the JSON shape returned by trial_to_dict (documented in docs/catalog-json.md).
TRIAL_JSON_VERSION = 1


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, recursively (cheaper than dataclasses.asdict's deep copies)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in vars(value).items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def record_hash(record: TrialRecord) -> str:
    """Fingerprint of everything a record states, to tell a re-import from an update."""
    data = _plain(record)
    data.pop("source_file", None)
    blob = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def save_record(record: TrialRecord) -> str:
    """Insert or replace one trial with its sites, contacts, criteria and search row."""
    trial_id = record.trial_id
    with catalog_db.atomic():
        delete_trial(trial_id)
        Trial.create(
            trial_id=trial_id,
            registry_ids=record.registry_ids,
            title=record.title,
            brief_title=record.brief_title,
            acronym=record.acronym,
            summary=record.summary,
            description=record.description,
            conditions=record.conditions,
            keywords=record.keywords,
            interventions=record.interventions,
            phase=record.phase,
            study_type=record.study_type,
            status=record.status,
            status_notes=record.status_notes,
            start_date=record.start_date,
            end_date=record.end_date,
            end_date_kind=record.end_date_kind,
            first_posted=record.first_posted,
            last_updated=record.last_updated,
            enrollment=record.enrollment,
            sponsor=record.sponsor,
            collaborators=record.collaborators,
            min_age_years=record.min_age_years,
            max_age_years=record.max_age_years,
            age_text=record.age_text,
            sex=record.sex,
            healthy_volunteers=record.healthy_volunteers,
            criteria_text=record.criteria_text,
            source_format=record.source_format,
            source_file=record.source_file,
            source_url=record.source_url,
            current_as_of=record.current_as_of,
            extra=record.extra,
            flags=[],
            content_hash=record_hash(record),
        )
        conditions = {c.strip().casefold() for c in record.conditions if c.strip()}
        _insert_rows(TrialCondition, [{"trial": trial_id, "condition": c} for c in sorted(conditions)])
        _insert_rows(Site, [{"trial": trial_id, "position": i, **asdict(site)} for i, site in enumerate(record.sites)])
        _insert_rows(Contact, [{"trial": trial_id, "position": i, **asdict(contact)}
                               for i, contact in enumerate(record.contacts)])
        rows = []
        for position, (key, parent_key, node) in enumerate(criterion_keys(record.criteria)):
            rows.append(
                {
                    "trial": trial_id,
                    "key": key,
                    "parent_key": parent_key,
                    "kind": node.kind,
                    "position": position,
                    "label": node.label,
                    "text": node.text,
                }
            )
        _insert_rows(Criterion, rows)
        # The search row shares the trial's rowid, so it can be found without a scan.
        TrialSearch.insert(_search_row(_trial_rowid(trial_id), trial_id, record,
                                       " ".join(r["text"] for r in rows))).execute()
    return trial_id


def _insert_rows(model: type[Model], rows: list[dict[str, Any]]) -> None:
    """``model.insert_many(rows)`` as one prepared statement run with ``executemany``.

    Same columns and the fields' own value conversion (``db_value``), without peewee building
    the SQL of every row: that was a quarter of an import's time (issue 16, item 7)."""
    if not rows:
        return
    fields = [model._meta.fields[name] for name in rows[0]]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    marks = ", ".join("?" for _ in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({marks})'
    names = list(rows[0])
    values = [tuple(f.db_value(row[n]) for f, n in zip(fields, names, strict=True)) for row in rows]
    catalog_db.cursor().executemany(sql, values)


def mark_kept(digest: str) -> None:
    """Record that the kept import file ``digest`` is applied (call inside its transaction)."""
    KeptImport.insert(digest=digest).on_conflict_ignore().execute()


def kept_digests() -> set[str]:
    """The kept import files this catalog holds the records of."""
    # A working catalog made by an earlier version (same bundle) has no such table yet.
    KeptImport.create_table(safe=True)
    return {row[0] for row in catalog_db.execute_sql("SELECT digest FROM keptimport")}


def _trial_rowid(trial_id: str) -> int | None:
    row = catalog_db.execute_sql("SELECT rowid FROM trial WHERE trial_id = ?", (trial_id,)).fetchone()
    return row[0] if row else None


def delete_trial(trial_id: str) -> None:
    """Remove a trial and everything hanging off it (no-op when absent)."""
    rowid = _trial_rowid(trial_id)
    if rowid is None:
        return
    TrialSearch.delete().where(TrialSearch.rowid == rowid).execute()
    Trial.delete().where(Trial.trial_id == trial_id).execute()


def find_trial_id(text: str) -> str | None:
    """The catalog id for ``text``: the id itself in any case, or any registry id."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    row = Trial.get_or_none(fn.lower(Trial.trial_id) == wanted)
    if row:
        return row.trial_id
    for trial in Trial.select(Trial.trial_id, Trial.registry_ids).where(Trial.registry_ids.contains(text.strip())):
        if wanted in (r.casefold() for r in trial.registry_ids):
            return trial.trial_id
    return None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def criteria_rows(trial_id: str) -> list[Criterion]:
    """The trial's criteria in document order."""
    return list(Criterion.select().where(Criterion.trial == trial_id).order_by(Criterion.position))


def criteria_tree(trial_id: str) -> dict[str, list[dict[str, Any]]]:
    """Criteria as nested lists: {"inclusion": [...], "exclusion": [...]}."""
    nodes: dict[str, dict[str, Any]] = {}
    tree: dict[str, list[dict[str, Any]]] = {"inclusion": [], "exclusion": []}
    # Plain rows, not model instances: a trial with thousands of items reads in milliseconds.
    rows = (Criterion.select(Criterion.key, Criterion.parent_key, Criterion.kind, Criterion.label,
                             Criterion.text, Criterion.rule, Criterion.rule_origin)
            .where(Criterion.trial == trial_id).order_by(Criterion.position).dicts())
    for row in rows:
        node = {
            "key": row["key"],
            "label": row["label"],
            "text": row["text"],
            "rule": row["rule"],
            "rule_origin": row["rule_origin"],
            "children": [],
        }
        nodes[row["key"]] = node
        if row["parent_key"] and row["parent_key"] in nodes:
            nodes[row["parent_key"]]["children"].append(node)
        else:
            tree[row["kind"]].append(node)
    return tree


SITE_COLUMNS = (Site.name, Site.city, Site.region, Site.country, Site.status)
CONTACT_COLUMNS = (Contact.name, Contact.role, Contact.affiliation, Contact.email, Contact.phone, Contact.address)


def trial_sites(trial_id: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The trial's sites in record order (the first ``limit`` when given)."""
    query = Site.select(*SITE_COLUMNS).where(Site.trial == trial_id).order_by(Site.position)
    return list((query.limit(limit) if limit is not None else query).dicts())


def trial_contacts(trial_id: str, limit: int | None = None) -> list[dict[str, Any]]:
    """The trial's contacts in record order (the first ``limit`` when given)."""
    query = Contact.select(*CONTACT_COLUMNS).where(Contact.trial == trial_id).order_by(Contact.position)
    return list((query.limit(limit) if limit is not None else query).dicts())


def trial_to_dict(trial_id: str, max_rows: int | None = None) -> dict[str, Any] | None:
    """Everything the catalog holds on one trial, as stable JSON-ready data.

    With ``max_rows`` (the detail pane) only the first ``max_rows`` sites and contacts are
    read, and ``sites_total`` / ``contacts_total`` say how many there are."""
    trial = Trial.get_or_none(Trial.trial_id == trial_id)
    if trial is None:
        return None
    data = _trial_dict(trial, max_rows)
    if max_rows is not None:
        data["sites_total"] = Site.select().where(Site.trial == trial_id).count()
        data["contacts_total"] = Contact.select().where(Contact.trial == trial_id).count()
    return data


def _trial_dict(trial: Trial, max_rows: int | None) -> dict[str, Any]:
    trial_id = trial.trial_id
    return {
        "format_version": TRIAL_JSON_VERSION,
        "trial_id": trial.trial_id,
        "registry_ids": trial.registry_ids,
        "title": trial.title,
        "brief_title": trial.brief_title,
        "acronym": trial.acronym,
        "summary": trial.summary,
        "description": trial.description,
        "conditions": trial.conditions,
        "keywords": trial.keywords,
        "interventions": trial.interventions,
        "phase": trial.phase,
        "study_type": trial.study_type,
        "status": trial.status,
        "status_notes": trial.status_notes,
        "start_date": _iso(trial.start_date),
        "end_date": _iso(trial.end_date),
        "end_date_kind": trial.end_date_kind,
        "first_posted": _iso(trial.first_posted),
        "last_updated": _iso(trial.last_updated),
        "enrollment": trial.enrollment,
        "sponsor": trial.sponsor,
        "collaborators": trial.collaborators,
        "min_age_years": trial.min_age_years,
        "max_age_years": trial.max_age_years,
        "age_text": trial.age_text,
        "sex": trial.sex,
        "healthy_volunteers": trial.healthy_volunteers,
        "sites": trial_sites(trial_id, max_rows),
        "contacts": trial_contacts(trial_id, max_rows),
        "criteria": criteria_tree(trial.trial_id),
        "flags": trial.flags,
        "source": {
            "format": trial.source_format,
            "file": trial.source_file,
            "url": trial.source_url,
            "current_as_of": _iso(trial.current_as_of),
        },
        "extra": trial.extra,
    }


def save_records_bulk(records: list[TrialRecord], batch: int = 2000) -> int:
    """Insert many NEW trials at once (a fresh catalog build): batched multi-row inserts in
    one transaction. Records whose id is already present, or repeats within ``records``,
    are skipped; use save_record to update. Returns how many were inserted."""
    existing = {r[0] for r in catalog_db.execute_sql("SELECT trial_id FROM trial")}
    inserted = 0
    with catalog_db.atomic():
        for start in range(0, len(records), batch):
            trials, conditions, sites, contacts, criteria, fts = [], [], [], [], [], []
            for record in records[start:start + batch]:
                trial_id = record.trial_id
                if trial_id in existing:
                    continue
                existing.add(trial_id)
                data = {f: getattr(record, f) for f in _TRIAL_FIELDS}
                data.update(trial_id=trial_id, flags=[], content_hash=record_hash(record))
                trials.append(data)
                conditions += [{"trial": trial_id, "condition": c}
                               for c in sorted({c.strip().casefold() for c in record.conditions if c.strip()})]
                sites += [{"trial": trial_id, "position": i, **asdict(x)} for i, x in enumerate(record.sites)]
                contacts += [{"trial": trial_id, "position": i, **asdict(x)} for i, x in enumerate(record.contacts)]
                texts = []
                for position, (key, parent_key, node) in enumerate(criterion_keys(record.criteria)):
                    criteria.append({"trial": trial_id, "key": key, "parent_key": parent_key, "kind": node.kind,
                                     "position": position, "label": node.label, "text": node.text})
                    texts.append(node.text)
                fts.append((trial_id, record, " ".join(texts)))
            for rows, model in ((trials, Trial), (conditions, TrialCondition), (sites, Site), (contacts, Contact),
                                (criteria, Criterion)):
                _insert_raw(model, rows)
            rowids = dict(catalog_db.execute_sql(
                f"SELECT trial_id, rowid FROM trial WHERE trial_id IN ({','.join('?' * len(fts))})",
                [f[0] for f in fts]).fetchall()) if fts else {}
            search_rows = [_search_row(rowids[tid], tid, rec, crit) for tid, rec, crit in fts]
            for i in range(0, len(search_rows), 500):
                TrialSearch.insert_many(search_rows[i:i + 500]).execute()
            inserted += len(trials)
    return inserted


def _insert_raw(model, rows: list[dict]) -> None:
    """executemany straight to SQLite: peewee's per-value SQL building is most of the cost
    of a large build. Values still go through each field's db_value (JSON, dates)."""
    if not rows:
        return
    fields = [f for f in model._meta.sorted_fields if not (f.primary_key and f.name == "id")]
    names = [f.name for f in fields]
    columns = ", ".join(f'"{f.column_name}"' for f in fields)
    sql = f'INSERT INTO "{model._meta.table_name}" ({columns}) VALUES ({", ".join("?" * len(fields))})'
    defaults = {f.name: (f.default() if callable(f.default) else f.default) for f in fields}
    values = [tuple(f.db_value(row.get(n, defaults[n])) for f, n in zip(fields, names, strict=True))
              for row in rows]
    catalog_db.cursor().executemany(sql, values)


def _search_row(rowid: int, trial_id: str, record: TrialRecord, criteria_text: str) -> dict:
    texts = (" ".join(x for x in (record.title, record.brief_title, record.acronym, *record.registry_ids) if x),
             " ".join(record.conditions + record.keywords),
             " ".join(x for x in (record.summary, record.description) if x),
             criteria_text)
    title, conditions, summary, criteria = (spaced(x) for x in texts)
    row = {
        TrialSearch.rowid: rowid,
        TrialSearch.trial_id: trial_id,
        TrialSearch.title: title,
        TrialSearch.conditions: conditions,
        TrialSearch.summary: summary,
        TrialSearch.criteria: criteria,
        TrialSearch.cjk_title: "",
        TrialSearch.cjk_text: "",
        TrialSearch.concepts: "",
    }
    # Most records have no CJK text at all: one cheap test each, then nothing more to do.
    if any(has_cjk(x) for x in (title, conditions, summary, criteria)):
        row[TrialSearch.cjk_title] = index_tokens(f"{title} {conditions}")
        row[TrialSearch.cjk_text] = index_tokens(f"{summary} {criteria}")
        row[TrialSearch.concepts] = english_names_in("\n".join(texts))  # unspaced: 抗ARS抗体症候群 is one name
    return row


_TRIAL_FIELDS = (
    "registry_ids", "title", "brief_title", "acronym", "summary", "description", "conditions", "keywords",
    "interventions", "phase", "study_type", "status", "status_notes", "start_date", "end_date", "end_date_kind",
    "first_posted", "last_updated", "enrollment", "sponsor", "collaborators", "min_age_years", "max_age_years",
    "age_text", "sex", "healthy_volunteers", "criteria_text", "source_format", "source_file", "source_url",
    "current_as_of", "extra",
)
