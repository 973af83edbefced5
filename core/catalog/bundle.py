"""The bundled catalog: built from every record file in resources/catalog/sources/ (the
seeds, and the registry records chosen by scripts/catalog/collect_sources.py), with the
curated rules of resources/catalog/curation/ and automatic rule proposals for the rest;
opened through the user's working copy. Everything the app and command line need to get a
catalog goes through ``open_catalog``."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from core.catalog import database
from core.catalog.curation import apply_curation, curation_files, propose_automatic_rules
from core.importers.registry import parse_file, parse_path
from core.trial_record import TrialRecord
from resources import paths

log = logging.getLogger(__name__)

RECORD_SUFFIXES = (".txt", ".json", ".xml")


def seed_files() -> list[Path]:
    return sorted(p for p in paths.seed_sources().glob("*.txt") if p.is_file())


def seed_records() -> list[TrialRecord]:
    """The seed trial records, parsed by their layouts' importers."""
    return [parse_file(p) for p in seed_files()]


def source_files() -> list[Path]:
    """Every record file the bundled catalog is built from: the seeds first, then the rest
    in path order (SELECTION.md and other notes are not records)."""
    seeds = seed_files()
    others = sorted(p for p in paths.catalog_sources().rglob("*")
                    if p.is_file() and p.suffix.lower() in RECORD_SUFFIXES and p not in seeds)
    return seeds + others


def source_records() -> list[TrialRecord]:
    """The records of every source file, one per trial id (the first file wins, so a seed
    keeps its place and its curation if a registry copy of it is ever added)."""
    records: dict[str, TrialRecord] = {}
    for path in source_files():
        for record in parse_path(path):
            if record.trial_id in records:
                log.warning("%s: %s is already in the bundled sources; this copy is skipped",
                            path.name, record.trial_id)
                continue
            records[record.trial_id] = record
    return list(records.values())


def bundle_fingerprint() -> str:
    return database.source_fingerprint(source_files() + curation_files())


def _bundled_rules() -> None:
    """Curated rules where a curation file exists, automatic proposals elsewhere."""
    from core.catalog.models import Trial

    apply_curation()
    curated = {p.stem for p in curation_files()}
    propose_automatic_rules([t.trial_id for t in Trial.select(Trial.trial_id) if t.trial_id not in curated])


def build_bundled(dest: Path) -> Path:
    """Build the catalog the app ships, from the source records and the curation files."""
    return database.build_catalog(dest, source_records(), bundle_fingerprint(), finalize=_bundled_rules)


def build_seed_catalog(dest: Path) -> Path:
    """A catalog of the five seed records alone, with their curated rules: the hand-checked
    baseline the benchmarks compare with, and what tests of seed behaviour search."""
    fingerprint = "seeds-" + database.source_fingerprint(seed_files() + curation_files())
    return database.build_catalog(dest, seed_records(), fingerprint, finalize=apply_curation)


def ensure_bundled() -> Path:
    """Path of an up-to-date bundled catalog; from source it is (re)built when stale."""
    shipped = paths.bundled_catalog()
    if getattr(sys, "frozen", False):
        if not shipped.exists():
            raise database.CatalogError(f"The app's catalog file {shipped} is missing: reinstall the app.")
        return shipped
    fingerprint = bundle_fingerprint()
    if shipped.exists() and database.read_info(shipped, "fingerprint") == fingerprint:
        return shipped
    try:
        return build_bundled(shipped)
    except PermissionError:
        # A read-only install from source: build a private copy instead.
        cached = paths.user_file("catalog", "bundled-catalog.sqlite")
        if cached.exists() and database.read_info(cached, "fingerprint") == fingerprint:
            return cached
        return build_bundled(cached)


def open_catalog() -> Path:
    """Open the user's working catalog (refreshed from the bundled one when needed; the
    user's own imports are then applied again so a new bundle never loses them)."""
    from core.catalog.overlay import reconcile_imports

    bundled = ensure_bundled()
    working, _refreshed = database.open_working_catalog(bundled)
    # Kept imports a killed import or a refresh left unapplied are applied now; a catalog
    # holding the records of a kept file that has gone is made again from the bundle.
    if not reconcile_imports():
        working, _refreshed = database.open_working_catalog(bundled, force=True)
        reconcile_imports()
    # The user's review decisions live in their own file: put them back on the bundled
    # trials of a refreshed copy (imported ones got them in replay), and repair any drift.
    from core.catalog.reviews import apply_reviews

    apply_reviews()
    return working
