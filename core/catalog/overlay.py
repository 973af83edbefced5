"""The user's imports: kept as files in the data folder's ``imports/``, so they survive a
new bundled catalog (the working catalog is rebuilt from the bundle and the imports are
applied again).

Consistency rules, kept whatever point an import is killed at:

* each record file that parsed is kept **before** its records are saved: written to a
  temporary file, fsynced, renamed into place (``KeptFiles.keep``); then the records and
  the kept file's key (``KeptImport``) are saved in **one** transaction. So a trial is in
  the catalog only if its file is kept.
* what is kept is exactly the bytes that were parsed (gzip-compressed), never the input
  read again: a bad or oversized entry can never take the place of a good one.
* ``reconcile_imports`` (at every start-up) finishes what a killed import left: temporary
  files are removed, kept files whose records never reached the catalog are applied, and
  a catalog that records a kept file that has gone is rebuilt from the bundle.
* one import at a time per data folder (``core.catalog.import_lock``).

Kept files are named ``<order>-<key>-<original name>.gz``: the order is the order of the
imports, so replaying them gives the catalog the user had.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from core.catalog.import_lock import DEFAULT_TIMEOUT, ImportLock
from core.catalog.store import kept_digests
from core.importers import limits
from core.importers.batch import ImportSummary, import_into_catalog
from core.importers.sources import Source, TooLarge, read_bounded
from resources import paths

log = logging.getLogger(__name__)

KEPT_RE = re.compile(r"^(\d{10})-([0-9a-f]{32})-(.*)\.gz$")
TEMP_PREFIX = ".tmp-"
REFUSED_DIR = "imports-refused"


def _private_dir(name: str) -> Path:
    folder = paths.data_dir() / name
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix" and (folder.stat().st_mode & 0o777) != 0o700:
        os.chmod(folder, 0o700)  # mkdir's mode does not change an existing folder
    return folder


def imports_dir() -> Path:
    return _private_dir("imports")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder; its rename is durable enough
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes) -> None:
    """``data`` at ``target``, all or nothing: temp file, fsync, rename, fsync the folder."""
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=target.parent)  # created 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _safe_name(label: str) -> str:
    """The file's own name from a batch label ("a.zip › dir/NCT1.xml (copy 2)" -> "NCT1.xml")."""
    member = label.split(" › ")[-1]
    member = re.sub(r" \(copy \d+\)$", "", member)
    member = re.sub(r"^[0-9a-f]{16}-", "", member)  # the prefix earlier versions gave kept files
    name = re.sub(r"[^\w.+-]", "_", member.replace("\\", "/").rsplit("/", 1)[-1])
    return name[-80:] or "record"


def read_kept(path: Path) -> bytes:
    """A kept file's original bytes (bounded: TooLarge / OSError / EOFError when bad)."""
    with gzip.open(path, "rb") as fh:
        return read_bounded(fh, limits.MAX_DOCUMENT_BYTES)


def original_name(path: Path) -> str:
    """The name a kept file had when it was imported."""
    match = KEPT_RE.match(path.name)
    return match.group(3) if match else path.name


class KeptFiles:
    """The kept import files of ``imports/``; the ``batch.Keeper`` of an import."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or imports_dir()
        self.files: dict[str, Path] = {}  # key -> kept file
        self.order = 0
        self.legacy: list[Path] = []  # files kept by earlier versions (whole files or archives)
        self.temporary: list[Path] = []
        self._created: set[str] = set()
        for path in sorted(self.folder.iterdir()):
            if not path.is_file():
                continue
            match = KEPT_RE.match(path.name)
            if path.name.startswith(TEMP_PREFIX) or path.name.endswith(".tmp"):
                self.temporary.append(path)
            elif match:
                self.order = max(self.order, int(match.group(1)))
                self.files[match.group(2)] = path
            else:
                self.legacy.append(path)

    def in_order(self) -> list[tuple[str, Path]]:
        return sorted(self.files.items(), key=lambda kv: kv[1].name)

    def keep(self, name: str, data: bytes, changes: bool = True) -> str:
        """Keep one file's bytes durably (before its records are saved); its key.

        ``changes``: its records will change the catalog, so it must come last in the
        order replays follow. A file kept already (and intact) is then only moved there."""
        key = _digest(data)
        existing = self.files.get(key)
        intact = existing is not None and self._intact(existing, key)
        if intact and not changes:
            return key  # the same file again, changing nothing: nothing to write
        self.order += 1
        target = self.folder / f"{self.order:010d}-{key}-{_safe_name(name)}.gz"
        if intact:
            os.replace(existing, target)  # the same content: only its place in the order moves
            _fsync_dir(self.folder)
        else:
            write_atomic(target, gzip.compress(data, compresslevel=6, mtime=0))
            if existing is not None:
                existing.unlink(missing_ok=True)
            self._created.add(key)
        self.files[key] = target
        return key

    def discard(self, key: str) -> None:
        """Undo ``keep`` of a file whose records could not be saved (if this import wrote it)."""
        if key in self._created and key in self.files:
            self.files.pop(key).unlink(missing_ok=True)
            self._created.discard(key)

    @staticmethod
    def _intact(path: Path, key: str) -> bool:
        try:
            return _digest(read_kept(path)) == key
        except (OSError, EOFError, TooLarge, ValueError):
            return False


class _Replay:
    """The Keeper of a replay: the files are kept already, so only their keys are given."""

    def keep(self, name: str, data: bytes, changes: bool = True) -> str:
        return _digest(data)

    def discard(self, key: str) -> None:
        pass


def import_and_keep(sources: list[str | Path], progress: Callable | None = None,
                    cancelled: Callable[[], bool] | None = None, waiting: Callable[[str], None] | None = None,
                    timeout: float = DEFAULT_TIMEOUT, who: str = "an import") -> ImportSummary:
    """Import into the working catalog, keeping every file that parsed (see module doc).

    Waits for another running import first (``waiting(holder)`` is told; ImportBusy after
    ``timeout`` seconds); cancelling while waiting returns an empty, cancelled summary.
    """
    lock = ImportLock(who=who)
    if not lock.acquire(timeout, waiting, cancelled):
        return ImportSummary(cancelled=True)
    try:
        return import_into_catalog(sources, progress, cancelled, keeper=KeptFiles())
    finally:
        lock.release()


def _refuse(path: Path, why: str) -> None:
    """Move a kept file that can no longer be imported out of ``imports/`` (never deleted)."""
    log.warning("kept import %s cannot be applied (%s); moved to %s", path.name, why, REFUSED_DIR)
    try:
        os.replace(path, _private_dir(REFUSED_DIR) / path.name)
    except OSError:
        log.exception("could not move %s aside", path)


def _kept_sources(files: list[tuple[str, Path]], used: list[Path]) -> Iterator[Source]:
    """The kept files' original bytes, labelled with their original names; ``used`` gets
    each file handed on, in order (one FileResult each)."""
    for key, path in files:
        try:
            data = read_kept(path)
        except (OSError, EOFError, TooLarge, ValueError) as exc:
            _refuse(path, f"unreadable: {exc}")
            continue
        if _digest(data) != key:
            _refuse(path, "its content does not match its name")
            continue
        used.append(path)
        yield Source(f"imports › {original_name(path)}", data=data)


def _apply(files: list[tuple[str, Path]]) -> ImportSummary:
    used: list[Path] = []
    summary = import_into_catalog([], keeper=_Replay(), sources=_kept_sources(files, used))
    for path, result in zip(used, summary.files, strict=False):
        # A file that no longer imports (e.g. a newer app's limits refuse it) is moved aside;
        # one that could not be saved just now (full disk) stays, to be applied next time.
        if result.status == "failed" and not result.not_saved:
            _refuse(path, result.error or "it cannot be imported")
    return summary


def _migrate_legacy(kept: KeptFiles) -> None:
    """Files kept by earlier versions (whole files, whole archives, never verified): their
    good record files are kept anew, one by one with the limits applied, then removed."""
    for path in kept.legacy:
        summary = import_into_catalog([path], keeper=kept)
        if any(f.not_saved for f in summary.files):
            continue  # full disk or a database error: try again at the next start
        if summary.failed:
            _refuse(path, f"{summary.failed} of its files could not be imported")
        else:
            path.unlink(missing_ok=True)
        _fsync_dir(kept.folder)


def reconcile_imports() -> bool:
    """Make ``imports/`` and the open working catalog agree (at start-up, and after the
    working catalog was made again from the bundle). Skipped while another import runs.

    Returns False when the catalog holds a kept file that is gone: it must then be made
    again from the bundle (the caller does that, then calls this again)."""
    lock = ImportLock(who="the start-up check")
    if not lock.try_acquire():
        return True  # an import is running: it owns imports/ now; the next start checks
    try:
        kept = KeptFiles()
        for tmp in kept.temporary:  # a write that never reached its rename
            tmp.unlink(missing_ok=True)
        for path in kept.files.values():
            if os.name == "posix" and (path.stat().st_mode & 0o777) != 0o600:
                os.chmod(path, 0o600)
        if kept.legacy:
            _migrate_legacy(kept)
        applied = kept_digests()
        if applied - set(kept.files):
            log.warning("the catalog holds %d kept imports whose files are gone", len(applied - set(kept.files)))
            return False
        pending = [(k, p) for k, p in kept.in_order() if k not in applied]
        if pending:
            summary = _apply(pending)
            log.info("applied %d kept import files: %s", len(pending), summary.describe())
        return True
    finally:
        lock.release()
