"""The user's imports: kept as the files the user imported, so they survive a new
bundled catalog (the working catalog is rebuilt from the bundle and the imports are
applied again)."""

from __future__ import annotations

import hashlib
import os
import shutil
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
        os.replace(tmp, target)


def import_and_keep(sources: list[str | Path], progress: Callable | None = None,
                    cancelled: Callable[[], bool] | None = None) -> ImportSummary:
    """Import into the working catalog and keep every file that gave at least one record."""
    summary = import_into_catalog(sources, progress, cancelled)
    # Batch labels are "file", "folder/relative/path" or "<one of those> › archive member";
    # an archive is kept whole when any member imported.
    ok_files = {f.name.split(" › ")[0] for f in summary.files if f.status == OK and f.records}
    for source in sources:
        path = Path(source)
        if path.is_file():
            if path.name in ok_files:
                _keep(path)
        elif path.is_dir():
            for f in sorted(p for p in path.rglob("*") if p.is_file()):
                if f"{path.name}/{f.relative_to(path).as_posix()}" in ok_files:
                    _keep(f)
    return summary


def replay_imports() -> ImportSummary | None:
    """Apply every kept import again (after the working catalog was refreshed)."""
    kept = sorted(p for p in imports_dir().iterdir() if p.is_file() and not p.name.endswith(".tmp"))
    if not kept:
        return None
    return import_into_catalog(kept)

