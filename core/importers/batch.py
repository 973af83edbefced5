"""Importing many records at once: files, folders and archives, with per-file results.

``iter_sources(paths)`` walks what the user picked (files, folders, ``.zip``, ``.tar.gz`` /
``.tgz`` / ``.tar.xz`` / ``.tar.bz2`` archives) and yields each record file's bytes without
extracting anything to disk. ``parse_source(name, data)`` turns one file's bytes into
records. ``import_into_catalog`` saves them with one transaction per file, so a file is
imported whole or not at all, and counts what was new, updated, unchanged or failed.

Everything takes an optional ``progress`` callback and ``cancelled`` check so a worker
thread in the GUI can show progress and stop between files.
"""

from __future__ import annotations

import tarfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from core.catalog.curation import assign_rules
from core.catalog.models import Trial, catalog_db
from core.catalog.store import record_hash, save_record
from core.importers.registry import parse_bytes
from core.importers.text import ImportFormatError
from core.trial_record import TrialRecord

MAX_MEMBER_BYTES = 20 * 1024 * 1024  # one record file inside an archive
MAX_FILE_BYTES = 512 * 1024 * 1024  # one file on disk (a registry download of many studies)
RECORD_SUFFIXES = {".json", ".xml", ".txt"}
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.xz", ".txz", ".tar.bz2", ".tbz2")

OK = "ok"
FAILED = "failed"
SKIPPED = "skipped"


@dataclass
class Source:
    """One file to import: its bytes, or why they could not be read."""

    name: str  # for people: "folder/NCT1.json", "dump.tar.xz › NCT0000xxxx/NCT00000102.xml"
    data: bytes | None = None
    error: str | None = None
    skipped: bool = False  # not a record file type (inside a folder or archive)
    done_bytes: int = 0  # input consumed so far, for progress (see Progress)


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
    error: str | None = None
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    trial_ids: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if self.status == OK:
            return f"{self.name}: ok, {self.records} record{'s' if self.records != 1 else ''}"
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
        return [(f.name, f.error or "") for f in self.files if f.status == FAILED]

    @property
    def records(self) -> int:
        return self.new + self.updated + self.unchanged

    def describe(self) -> str:
        ok = sum(1 for f in self.files if f.status == OK)
        text = (f"{_count(self.records, 'record')} from {_count(ok, 'file')}: "
                f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged; "
                f"{_count(self.failed, 'file')} failed")
        return text + (" (cancelled)" if self.cancelled else "")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


ProgressCallback = Callable[[Progress], None]
CancelCheck = Callable[[], bool]


# ---------------------------------------------------------------- walking inputs

def _lower_name(name: str) -> str:
    return name.casefold()


def is_archive_name(name: str) -> bool:
    low = _lower_name(name)
    return low.endswith(ZIP_SUFFIXES) or low.endswith(TAR_SUFFIXES)


def _is_record_name(name: str) -> bool:
    return PurePosixPath(_lower_name(name)).suffix in RECORD_SUFFIXES


def _hidden(parts: Iterable[str]) -> bool:
    return any(p.startswith(".") or p == "__MACOSX" for p in parts)


def _total_bytes(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        try:
            if path.is_dir():
                total += sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
            elif path.is_file():
                total += path.stat().st_size
        except OSError:
            pass
    return total


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Source]:
    """Every record file under ``paths``: files, folders (recursively) and archives.

    Files named directly are always tried; inside folders and archives only ``.json``,
    ``.xml`` and ``.txt`` files are read (others are reported as skipped, hidden files and
    ``__MACOSX`` are ignored). Archive members larger than MAX_MEMBER_BYTES are refused
    without being decompressed in full.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    consumed = 0
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if not f.is_file() or _hidden(rel.parts):
                    continue
                label = f"{path.name}/{rel.as_posix()}"
                if is_archive_name(f.name):
                    for source in _archive_sources(f, label):
                        source.done_bytes += consumed
                        yield source
                elif _is_record_name(f.name):
                    yield _read_file(f, label, consumed)
                else:
                    yield Source(label, skipped=True, error="not a record file (.json, .xml or .txt)",
                                 done_bytes=consumed)
                consumed += _size(f)
        elif path.is_file():
            if is_archive_name(path.name):
                for source in _archive_sources(path, path.name):
                    source.done_bytes += consumed
                    yield source
            else:
                yield _read_file(path, path.name, consumed)
            consumed += _size(path)
        else:
            yield Source(str(path), error="there is no such file or folder", done_bytes=consumed)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _read_file(path: Path, label: str, consumed: int) -> Source:
    size = _size(path)
    done = consumed + size
    if size > MAX_FILE_BYTES:
        return Source(label, error=f"the file is too large to import ({size:,} bytes)", done_bytes=done)
    try:
        return Source(label, data=path.read_bytes(), done_bytes=done)
    except OSError as exc:
        return Source(label, error=f"the file cannot be read ({exc.strerror or exc})", done_bytes=done)


def _archive_sources(path: Path, label: str) -> Iterator[Source]:
    low = _lower_name(path.name)
    if low.endswith(ZIP_SUFFIXES):
        yield from _zip_sources(path, label)
    else:
        yield from _tar_sources(path, label)


def _member_label(archive: str, member: str) -> str:
    return f"{archive} › {member}"


def _zip_sources(path: Path, label: str) -> Iterator[Source]:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Source(label, error=f"the zip archive cannot be opened ({exc})", done_bytes=_size(path))
        return
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        total = max(1, sum(i.compress_size for i in infos))
        size = _size(path)
        seen = 0
        for info in infos:
            seen += info.compress_size
            done = int(size * seen / total)
            name = _member_label(label, info.filename)
            parts = PurePosixPath(info.filename).parts
            if _hidden(parts):
                continue
            if is_archive_name(info.filename):
                yield Source(name, skipped=True, error="archives inside archives are not opened", done_bytes=done)
                continue
            if not _is_record_name(info.filename):
                yield Source(name, skipped=True, error="not a record file (.json, .xml or .txt)", done_bytes=done)
                continue
            if info.file_size > MAX_MEMBER_BYTES:
                yield Source(name, error=f"the file is too large for one record file ({info.file_size:,} bytes; "
                                         f"the limit is {MAX_MEMBER_BYTES:,})", done_bytes=done)
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_MEMBER_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
                yield Source(name, error=f"the file cannot be read from the archive ({exc})", done_bytes=done)
                continue
            if len(data) > MAX_MEMBER_BYTES:
                yield Source(name, error="the file is too large for one record file "
                                         f"(over {MAX_MEMBER_BYTES:,} bytes once decompressed)", done_bytes=done)
                continue
            yield Source(name, data=data, done_bytes=done)


def _tar_sources(path: Path, label: str) -> Iterator[Source]:
    size = _size(path)
    try:
        raw = path.open("rb")
    except OSError as exc:
        yield Source(label, error=f"the archive cannot be read ({exc.strerror or exc})", done_bytes=size)
        return
    count = 0
    with raw:
        try:
            # Stream mode: members are read in order, nothing is written to disk.
            with tarfile.open(fileobj=raw, mode="r|*") as tf:
                for member in tf:
                    done = min(size, raw.tell())
                    name = _member_label(label, member.name)
                    if not member.isfile() or _hidden(PurePosixPath(member.name).parts):
                        continue
                    count += 1
                    if is_archive_name(member.name):
                        yield Source(name, skipped=True, error="archives inside archives are not opened",
                                     done_bytes=done)
                        continue
                    if not _is_record_name(member.name):
                        yield Source(name, skipped=True, error="not a record file (.json, .xml or .txt)",
                                     done_bytes=done)
                        continue
                    if member.size > MAX_MEMBER_BYTES:
                        yield Source(name, error=f"the file is too large for one record file ({member.size:,} bytes; "
                                                 f"the limit is {MAX_MEMBER_BYTES:,})", done_bytes=done)
                        continue
                    fh = tf.extractfile(member)
                    data = fh.read() if fh is not None else b""
                    yield Source(name, data=data, done_bytes=min(size, raw.tell()))
        except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
            where = f"after {count} files" if count else "at the start"
            yield Source(label, error=f"the archive is damaged or truncated {where} ({exc})", done_bytes=size)
        except Exception as exc:  # lzma/zlib/bz2 errors have no common base class
            where = f"after {count} files" if count else "at the start"
            yield Source(label, error=f"the archive cannot be decompressed {where} "
                                      f"({type(exc).__name__}: {exc})", done_bytes=size)


# ---------------------------------------------------------------- parsing

def parse_source(name: str, data: bytes) -> list[TrialRecord]:
    """The records in one file's bytes; ImportFormatError (only) when it cannot be read."""
    return parse_bytes(data, name=PurePosixPath(name.split(" › ")[-1]).name or name)


def parse_sources(paths: Iterable[str | Path], progress: ProgressCallback | None = None,
                  cancelled: CancelCheck | None = None) -> Iterator[tuple[FileResult, list[TrialRecord]]]:
    """(result, records) for every file under ``paths``; stops early when ``cancelled()``."""
    paths = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    total = _total_bytes(paths)
    files_done = records_done = 0
    for source in iter_sources(paths):
        if cancelled is not None and cancelled():
            return
        records: list[TrialRecord] = []
        if source.skipped:
            result = FileResult(source.name, SKIPPED, error=source.error)
        elif source.error is not None or source.data is None:
            result = FileResult(source.name, FAILED, error=source.error or "the file could not be read")
        else:
            try:
                records = parse_source(source.name, source.data)
                result = FileResult(source.name, OK, records=len(records))
            except ImportFormatError as exc:
                result = FileResult(source.name, FAILED, error=str(exc))
        files_done += 1
        records_done += len(records)
        yield result, records
        if progress is not None:
            progress(Progress(files_done, records_done, source.done_bytes, total, source.name))


def import_into_catalog(sources: Iterable[str | Path], progress: ProgressCallback | None = None,
                        cancelled: CancelCheck | None = None) -> ImportSummary:
    """Parse every file under ``sources`` and save its records into the open catalog.

    Each file is saved in one transaction: a file that fails (unreadable, or a record
    that cannot be saved) leaves the catalog as it was. A record whose content hash equals
    the stored trial's is left alone ("unchanged"); a different version replaces the
    stored one ("updated"). Cancelling stops between files; what was saved stays saved.
    """
    summary = ImportSummary()
    start = time.perf_counter()
    for result, records in parse_sources(sources, progress, cancelled):
        if result.status == OK:
            try:
                _save_file(result, records)
            except Exception as exc:  # a database error fails this file only
                result.status = FAILED
                result.error = f"the records could not be saved ({type(exc).__name__}: {exc})"
                result.new = result.updated = result.unchanged = 0
                result.trial_ids = []
            summary.new += result.new
            summary.updated += result.updated
            summary.unchanged += result.unchanged
        summary.files.append(result)
    summary.cancelled = bool(cancelled is not None and cancelled())
    summary.seconds = time.perf_counter() - start
    return summary


def _save_file(result: FileResult, records: list[TrialRecord]) -> None:
    with catalog_db.atomic():
        saved: list[str] = []
        for record in records:
            trial_id = record.trial_id
            digest = record_hash(record)
            stored = Trial.select(Trial.content_hash, Trial.last_updated).where(Trial.trial_id == trial_id).first()
            older = (stored is not None and stored.last_updated is not None and record.last_updated is not None
                     and record.last_updated < stored.last_updated)
            if stored is not None and (stored.content_hash == digest or older):
                # The same version, or an older one than the catalog has: keep what is there.
                result.unchanged += 1
            else:
                save_record(record)
                saved.append(trial_id)
                if stored is None:
                    result.new += 1
                else:
                    result.updated += 1
            result.trial_ids.append(trial_id)
        if saved:  # unchanged trials keep the rules (and review decisions) they have
            assign_rules(saved)
