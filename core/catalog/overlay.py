"""The user's imports: kept as the files the user imported, so they survive a new
bundled catalog (the working catalog is rebuilt from the bundle and the imports are
applied again)."""

from __future__ import annotations

import hashlib
import os
import shutil
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from core.importers.batch import OK, ImportSummary, import_into_catalog
from resources import paths


def imports_dir() -> Path:
    folder = paths.data_dir() / "imports"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def _keep(path: Path) -> None:
    """Copy one imported file into the overlay folder (content-addressed, no duplicates)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    target = imports_dir() / f"{digest}-{path.name}"
    if not target.exists():
        tmp = target.with_name(target.name + ".tmp")
        shutil.copyfile(path, tmp)
        os.chmod(tmp, 0o600)  # patient-free, but the data folder is owner-only throughout
        os.replace(tmp, target)


def _keep_bytes(name: str, data: bytes) -> None:
    digest = hashlib.sha256(data).hexdigest()[:16]
    target = imports_dir() / f"{digest}-{Path(name).name}"
    if not target.exists():
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)


def _archive_members(path: Path, members: set[str]) -> dict[str, bytes]:
    """The named members' bytes (read again from the archive, nothing extracted to disk)."""
    out: dict[str, bytes] = {}
    if path.name.casefold().endswith(".zip"):
        with zipfile.ZipFile(path) as zf:
            for name in members:
                out[name] = zf.read(name)
    else:
        with tarfile.open(path) as tf:
            for member in tf:
                if member.name in members and member.isfile():
                    fh = tf.extractfile(member)
                    if fh is not None:
                        out[member.name] = fh.read()
    return out


def _keep_source(path: Path, label: str, results: dict[str, list]) -> None:
    """Keep what imported from one file: the file itself, or for an archive that only
    partly imported (a cancel, a bad member) just the members that did."""
    own = results.get(label, [])
    ok = [r for r in own if r.status == OK and r.records]
    if not ok:
        return
    if " › " not in ok[0].name:  # a plain record file
        _keep(path)
        return
    if len(ok) == len(own) and not results.get("__cancelled__"):
        _keep(path)  # every member imported: the archive as it is
        return
    members = {r.name.split(" › ", 1)[1] for r in ok}
    for name, data in _archive_members(path, members).items():
        _keep_bytes(name, data)


def import_and_keep(sources: list[str | Path], progress: Callable | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Import into the working catalog and keep what gave at least one record."""
    summary = import_into_catalog(sources, progress, cancelled)
    # Batch labels are "file", "folder/relative/path" or "<one of those> › archive member".
    results: dict[str, list] = {}
    for f in summary.files:
        results.setdefault(f.name.split(" › ")[0], []).append(f)
    results["__cancelled__"] = [summary] if summary.cancelled else []
    for source in sources:
        path = Path(source)
        if path.is_file():
            _keep_source(path, path.name, results)
        elif path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                _keep_source(f, f"{path.name}/{f.relative_to(path).as_posix()}", results)
    return summary


def replay_imports() -> ImportSummary | None:
    """Apply every kept import again (after the working catalog was refreshed)."""
    kept = sorted(p for p in imports_dir().iterdir() if p.is_file() and not p.name.endswith(".tmp"))
    if not kept:
        return None
    return import_into_catalog(kept)

