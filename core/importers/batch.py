"""Importing many records at once: files, folders and archives, with per-file results.

``core.importers.sources.iter_sources`` walks what the user picked (files, folders,
``.zip``, ``.tar.gz`` / ``.tgz`` / ``.tar.xz`` / ``.tar.bz2`` archives) and yields each
record file's bytes, every read bounded. ``parse_source(name, data)`` turns one file's
bytes into records. ``import_into_catalog`` saves them with one transaction per file, so a
file is imported whole or not at all, and counts what was new, updated, unchanged or failed.

A ``Keeper`` (``core.catalog.overlay``) can be handed in: each file that parsed is then
kept (written to the data folder) *before* its transaction, and the transaction records
it, so a trial is never in the catalog without its file being kept.

Everything takes an optional ``progress`` callback and ``cancelled`` check so a worker
thread in the GUI can show progress and stop between files.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Protocol

from core.catalog.curation import assign_rules
from core.catalog.models import catalog_db
from core.catalog.store import mark_kept, record_hash, save_record
from core.faults import os_reason
from core.i18n import N_, Message, words
from core.importers.limits import record_notes
from core.importers.registry import parse_bytes
from core.importers.sources import Source, is_archive_name, iter_sources, total_bytes
from core.importers.text import ImportFormatError
from core.trial_record import TrialRecord

__all__ = ["Source", "is_archive_name", "iter_sources"]  # walking inputs lives in sources.py

OK = "ok"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass
class Progress:
    """Where a batch is: files handled, records read, input bytes consumed of the total."""

    files_done: int
    records_done: int
    bytes_done: int
    bytes_total: int
    current: str

    @property
    def fraction(self) -> float | None:
        return min(1.0, self.bytes_done / self.bytes_total) if self.bytes_total else None


@dataclass
class FileResult:
    """What happened to one file."""

    name: str
    status: str  # OK / FAILED / SKIPPED
    records: int = 0
    # Why it failed or was skipped: a core.i18n.Message (its str is the English, for the log and the JSON
    # output); error_text() words it in the active language for a person.
    error: str | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    trial_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the size limits cut, per record (Messages)
    not_saved: bool = False  # it parsed, but keeping or saving it failed (full disk, database error)

    def error_text(self) -> str:
        """Why the file failed or was skipped, in the active language ("" when it did not)."""
        return words(self.error or "")

    def describe(self) -> str:
        if self.status == OK:
            cut = f"; {_count(len(self.notes), 'note')}" if self.notes else ""
            return f"{self.name}: ok, {self.records} record{'s' if self.records != 1 else ''}{cut}"
        return f"{self.name}: {self.status}, {self.error}"


@dataclass
class ImportSummary:
    """Counts over a whole import, with every file's result."""

    files: list[FileResult] = field(default_factory=list)
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: bool = False
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.status == FAILED)

    @property
    def failures(self) -> list[tuple[str, str]]:
        """(file, why it failed in the active language) for every failed file."""
        return [(f.name, f.error_text()) for f in self.files if f.status == FAILED]

    @property
    def records(self) -> int:
        return self.new + self.updated + self.unchanged

    @property
    def notes(self) -> list[tuple[str, str]]:
        """(file, note in the active language) for every cut the size limits made in the files that imported."""
        return [(f.name, words(n)) for f in self.files if f.status == OK for n in f.notes]

    def describe(self) -> str:
        ok = sum(1 for f in self.files if f.status == OK)
        text = (f"{_count(self.records, 'record')} from {_count(ok, 'file')}: "
                f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged; "
                f"{_count(self.failed, 'file')} failed")
        if self.notes:
            text += f"; {_count(len(self.notes), 'over-long field')} cut to the size limits"
        return text + (" (cancelled)" if self.cancelled else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]


# ---------------------------------------------------------------- parsing

def parse_source(name: str, data: bytes) -> list[TrialRecord]:
    """The records in one file's bytes; ImportFormatError (only) when it cannot be read."""
    return parse_bytes(data, name=PurePosixPath(name.split(" › ")[-1]).name or name)


class Keeper(Protocol):
    """Keeps imported files (core.catalog.overlay.KeptFiles): ``keep`` writes one file's
    bytes durably and returns its key (``changes``: its records will change the catalog, so
    it becomes the latest import); ``discard`` undoes a keep whose save failed."""

    def keep(self, name: str, data: bytes, changes: bool) -> str: ...

    def discard(self, key: str) -> None: ...


def parse_sources(paths: Iterable[str | Path] | str | Path, progress: ProgressCallback | None = None,
                  cancelled: CancelCheck | None = None) -> Iterator[tuple[FileResult, list[TrialRecord]]]:
    """(result, records) for every file under ``paths``; stops early when ``cancelled()``."""
    for result, records, _data in _parsed(paths, progress, cancelled):
        yield result, records


def _parsed(paths: Iterable[str | Path] | str | Path, progress: ProgressCallback | None,
            cancelled: CancelCheck | None, sources: Iterable[Source] | None = None,
            ) -> Iterator[tuple[FileResult, list[TrialRecord], bytes | None]]:
    """(result, records, the file's bytes) for every file under ``paths`` (or ``sources``)."""
    paths = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    total = total_bytes(paths)
    files_done = records_done = 0
    for source in (iter_sources(paths) if sources is None else sources):
        if cancelled is not None and cancelled():
            return
        records: list[TrialRecord] = []
        if source.skipped:
            result = FileResult(source.name, SKIPPED, error=source.error)
        elif source.error is not None or source.data is None:
            result = FileResult(source.name, FAILED, error=source.error or Message(N_("the file could not be read")))
        else:
            try:
                records = parse_source(source.name, source.data)
                notes = [Message(N_("{id}: {problem}"), id=r.trial_id, problem=note)
                         for r in records for note in record_notes(r)]
                result = FileResult(source.name, OK, records=len(records), notes=notes)
            except ImportFormatError as exc:
                result = FileResult(source.name, FAILED, error=exc.message)
        files_done += 1
        records_done += len(records)
        yield result, records, source.data if result.status == OK else None
        if progress is not None:
            progress(Progress(files_done, records_done, source.done_bytes, total, source.name))


def import_into_catalog(paths: Iterable[str | Path] | str | Path, progress: ProgressCallback | None = None,
                        cancelled: CancelCheck | None = None, keeper: Keeper | None = None,
                        sources: Iterable[Source] | None = None) -> ImportSummary:
    """Parse every file under ``paths`` (or the given ``sources``) and save its records
    into the open catalog.

    Each file is saved in one transaction: a file that fails (unreadable, or a record
    that cannot be saved) leaves the catalog as it was. A record whose content hash equals
    the stored trial's is left alone ("unchanged"); a different version replaces the
    stored one ("updated"). With a ``keeper``, a file is kept before its transaction and
    the transaction records the kept file. Cancelling stops between files; what was saved
    stays saved.
    """
    summary = ImportSummary()
    start = time.perf_counter()
    for result, records, data in _parsed(paths, progress, cancelled, sources):
        if result.status == OK:
            _keep_and_save(result, records, data or b"", keeper)
            summary.new += result.new
            summary.updated += result.updated
            summary.unchanged += result.unchanged
        summary.files.append(result)
    summary.cancelled = bool(cancelled is not None and cancelled())
    summary.seconds = time.perf_counter() - start
    return summary


def _keep_and_save(result: FileResult, records: list[TrialRecord], data: bytes, keeper: Keeper | None) -> None:
    key = None
    digests = [record_hash(r) for r in records]
    if keeper is not None:
        try:
            key = keeper.keep(result.name, data, _changes_catalog(records, digests))
        except OSError as exc:  # full or read-only data folder: the catalog is not touched
            result.status = FAILED
            result.error = Message(N_("the file could not be kept in the data folder ({reason})"),
                                   reason=os_reason(exc))
            result.not_saved = True
            return
    try:
        _save_file(result, records, key, digests)
    except Exception as exc:  # a database error fails this file only
        result.status = FAILED
        result.error = Message(N_("the records could not be saved ({reason})"), reason=f"{type(exc).__name__}: {exc}")
        result.not_saved = True
        result.new = result.updated = result.unchanged = 0
        result.trial_ids = []
        if keeper is not None and key is not None:
            keeper.discard(key)


def _stays(record: TrialRecord, digest: str) -> bool:
    """True when the catalog already has this version of the record (or a newer one)."""
    # Plain SQL: peewee building this query for every record was a visible share of an import.
    stored = catalog_db.execute_sql("SELECT content_hash, last_updated FROM trial WHERE trial_id = ?",
                                    (record.trial_id,)).fetchone()
    if stored is None:
        return False
    stored_hash, stored_updated = stored
    older = (stored_updated is not None and record.last_updated is not None
             and record.last_updated < date.fromisoformat(str(stored_updated)[:10]))
    return stored_hash == digest or older


def _changes_catalog(records: list[TrialRecord], digests: list[str]) -> bool:
    return not all(_stays(r, d) for r, d in zip(records, digests, strict=True))


def _save_file(result: FileResult, records: list[TrialRecord], kept: str | None = None,
               digests: list[str] | None = None) -> None:
    # IMMEDIATE: take the write lock first (waiting for another writer up to the busy
    # timeout), so a read-then-write never fails at once with "database is locked".
    with catalog_db.atomic(lock_type="IMMEDIATE"):
        if kept is not None:
            mark_kept(kept)
        saved: list[str] = []
        for i, record in enumerate(records):
            trial_id = record.trial_id
            if _stays(record, digests[i] if digests is not None else record_hash(record)):
                # The same version, or an older one than the catalog has: keep what is there.
                result.unchanged += 1
            else:
                new = catalog_db.execute_sql("SELECT 1 FROM trial WHERE trial_id = ?", (trial_id,)).fetchone() is None
                save_record(record)
                saved.append(trial_id)
                if new:
                    result.new += 1
                else:
                    result.updated += 1
            result.trial_ids.append(trial_id)
        if saved:  # unchanged trials keep the rules (and review decisions) they have
            assign_rules(saved)
