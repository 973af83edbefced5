"""Issue 12, row 19: an import killed part-way left trials in the catalog that were not
kept in ``imports/`` (so they would vanish at the next catalog rebuild).

Now each file is kept (temp file, fsync, rename) before the one transaction that saves its
records and records the kept file. The test really kills a command-line import of the
6,036-study archive (SIGKILL, at random moments, ten times) and checks after each kill —
before anything is repaired — that every imported trial's file is kept and every kept
file is whole; then that the next start finishes the job (temporary files gone, every
kept file applied) and that a rebuild from the bundle gives back the same catalog.
"""

from __future__ import annotations

import random
import re
import sqlite3
import subprocess
import time

import pytest

from tests.reliability.imports_support import (
    ARCHIVE,
    ROOT,
    bundled_ids,
    catalog_ids,
    force_rebuild,
    main_cmd,
    run_main,
)

pytestmark = pytest.mark.skipif(not ARCHIVE.exists(), reason="shared data not available")

KILLS = 10
KEPT = re.compile(r"^\d{10}-([0-9a-f]{32})-.*\.gz$")


class KeptFolder:
    """Reads ``imports/`` as the app left it; parses each kept file once (by content key)."""

    def __init__(self, data) -> None:
        self.folder = data / "imports"
        self.ids_by_key: dict[str, set[str]] = {}

    def scan(self) -> tuple[dict[str, set[str]], list[str]]:
        """(content key -> trial ids, names of temporary files)."""
        from core.catalog.overlay import read_kept
        from core.importers.registry import parse_bytes

        keys, temporary = {}, []
        for path in self.folder.iterdir() if self.folder.exists() else []:
            match = KEPT.match(path.name)
            if not match:
                temporary.append(path.name)
                continue
            key = match.group(1)
            if key not in self.ids_by_key:  # every kept file must be whole and parse
                self.ids_by_key[key] = {r.trial_id for r in parse_bytes(read_kept(path), path.name)}
            keys[key] = self.ids_by_key[key]
        return keys, temporary


def applied_keys(data) -> set[str]:
    con = sqlite3.connect(f"file:{data / 'catalog' / 'catalog.sqlite'}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT digest FROM keptimport")}
    finally:
        con.close()


def test_row_19_an_import_killed_at_random_points_leaves_everything_consistent(tmp_path):
    data = tmp_path / "data"
    assert run_main(data, "catalog", "list").returncode == 0
    bundled = bundled_ids()
    kept = KeptFolder(data)
    rng = random.Random(19)
    imported_before = 0
    for attempt in range(KILLS):
        proc = subprocess.Popen(main_cmd(data, "catalog", "import", str(ARCHIVE)), cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.8, 4.0))
        proc.kill()
        proc.wait()
        assert proc.returncode != 0, "the import finished before it was killed: kill sooner"

        # As the kill left it, before any repair: each imported trial's file is kept.
        keys, _temporary = kept.scan()
        in_catalog = catalog_ids(data)
        kept_trials = set().union(*keys.values()) if keys else set()
        assert in_catalog - bundled <= kept_trials, f"kill {attempt}: trials without a kept file"
        assert applied_keys(data) <= set(keys), f"kill {attempt}: the catalog records a file that is not kept"

        # The next start finishes the job.
        assert run_main(data, "catalog", "list").returncode == 0
        keys, temporary = kept.scan()
        assert temporary == [], f"kill {attempt}: temporary files left: {temporary}"
        assert applied_keys(data) == set(keys)
        kept_trials = set().union(*keys.values()) if keys else set()
        assert catalog_ids(data) == bundled | kept_trials
        imported_before = len(kept_trials)
    assert imported_before > 100  # the kills did land in the middle of real work

    # A new app version rebuilds the catalog from its bundle: nothing imported vanishes.
    before = catalog_ids(data)
    force_rebuild(data)
    assert run_main(data, "catalog", "list").returncode == 0
    assert catalog_ids(data) == before
