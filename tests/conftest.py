"""Shared test set-up: headless Qt, and every user file in a temporary folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402

from resources import paths  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """No test touches the real user data folder."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(data))
    paths.set_data_dir(None)
    yield data
    paths.set_data_dir(None)
