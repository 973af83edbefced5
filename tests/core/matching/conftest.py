"""The seed catalog, built once per test module and bound to the catalog models."""

from __future__ import annotations

import pytest

from core.catalog import database
from core.catalog.bundle import build_seed_catalog


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    path = build_seed_catalog(tmp_path_factory.mktemp("seeds") / "c.sqlite")
    database.connect(path)
    yield path
    database.close()
