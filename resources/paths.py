"""The one place that knows where files are.

Every file lookup in the app goes through here so the same code works from a source
checkout and from a PyInstaller bundle (where data lives under ``sys._MEIPASS``), and so
every user file can be redirected with ``--data-dir`` / ``TRIALS_DATA_DIR``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "TrialEligibility"
APP_AUTHOR = "TrialEligibility"
DATA_DIR_ENV = "TRIALS_DATA_DIR"

_data_dir_override: Path | None = None


def resources_dir() -> Path:
    """Folder holding the bundled, read-only resources."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parent


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource("catalog", "sources")``."""
    return resources_dir().joinpath(*parts)


def qt_translation_dirs() -> list[Path]:
    """Folders that may hold Qt's own translations (qtbase_<lang>.qm): the PyInstaller bundle's
    copy of PySide6's, then the installed PySide6 wheel's (found without importing Qt)."""
    import importlib.util

    found = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        found += [Path(frozen_root) / "PySide6" / "Qt" / "translations", Path(frozen_root) / "PySide6" / "translations"]
    spec = importlib.util.find_spec("PySide6")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found.append(Path(folder) / "Qt" / "translations")
    return found


def set_data_dir(path: str | os.PathLike[str] | None) -> None:
    """Redirect every user file to ``path`` (the ``--data-dir`` option)."""
    global _data_dir_override
    _data_dir_override = Path(path).expanduser().resolve() if path else None


def data_dir() -> Path:
    """The user's data folder (created on demand, owner-only permissions)."""
    if _data_dir_override is not None:
        path = _data_dir_override
    elif os.environ.get(DATA_DIR_ENV):
        path = Path(os.environ[DATA_DIR_ENV]).expanduser().resolve()
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def user_file(*parts: str) -> Path:
    """Path of a file in the user's data folder; its parent folder is created."""
    path = data_dir().joinpath(*parts)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def bundled_catalog() -> Path:
    """The catalog database shipped with the app (read-only at run time)."""
    return resource("catalog", "catalog.sqlite")


def catalog_sources() -> Path:
    """Folder with every source record the bundled catalog is built from (seeds and the
    registry records chosen by scripts/catalog/collect_sources.py)."""
    return resource("catalog", "sources")


def seed_sources() -> Path:
    """Folder with the seed trial records the bundled catalog is built from."""
    return resource("catalog", "sources", "seeds")


def curation_dir() -> Path:
    """Folder with the reviewed rule files, one per trial."""
    return resource("catalog", "curation")
