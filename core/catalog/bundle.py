"""The bundled catalog: built from resources/catalog/ sources, opened through the user's
working copy. Everything the app and command line need to get a catalog goes through
``open_catalog``."""

from __future__ import annotations

import sys
from pathlib import Path

from core.catalog import database
from core.catalog.curation import apply_curation, curation_files
from core.importers.registry import parse_file
from core.trial_record import TrialRecord
from resources import paths


def seed_files() -> list[Path]:
    return sorted(p for p in paths.seed_sources().glob("*.txt") if p.is_file())


def seed_records() -> list[TrialRecord]:
    """The seed trial records, parsed by their layouts' importers."""
    return [parse_file(p) for p in seed_files()]


def bundle_fingerprint() -> str:
    return database.source_fingerprint(seed_files() + curation_files())


def build_bundled(dest: Path) -> Path:
    """Build the catalog the app ships, from the seed records and the curation files."""
    return database.build_catalog(dest, seed_records(), bundle_fingerprint(), finalize=apply_curation)


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
