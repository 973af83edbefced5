"""Import throughput: the 6,036-study ClinicalTrials.gov archive imported into a fresh
catalog the way the app does it (parse, split criteria, propose rules, keep each file in
imports/ — gzip, fsync, rename — then one transaction per file), beside parsing the same
archive alone, with the share of the time spent keeping files, and the share of criteria items
given an automatic rule. The extraction's precision and coverage are ``python -m benchmarks extraction``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "data" / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz"


class TimedKeeper:
    """The app's KeptFiles, timed."""

    def __init__(self, kept) -> None:
        self.kept = kept
        self.seconds = 0.0

    def keep(self, name: str, data: bytes, changes: bool = True) -> str:
        t0 = time.perf_counter()
        try:
            return self.kept.keep(name, data, changes)
        finally:
            self.seconds += time.perf_counter() - t0

    def discard(self, key: str) -> None:
        self.kept.discard(key)


def run(report) -> None:
    from core.catalog import database
    from core.catalog.bundle import build_bundled
    from core.catalog.models import Criterion
    from core.importers.batch import import_into_catalog, parse_sources

    if not ARCHIVE.exists():
        print("  skipped: ../shared/data is not available")
        return
    t0 = time.perf_counter()
    parsed = sum(len(records) for _result, records in parse_sources([ARCHIVE]))
    parse_s = time.perf_counter() - t0
    from core.catalog.overlay import KeptFiles
    from resources import paths

    with tempfile.TemporaryDirectory() as tmp:
        paths.set_data_dir(Path(tmp) / "data")
        database.connect(build_bundled(Path(tmp) / "c.sqlite"))
        keeper = TimedKeeper(KeptFiles())
        t0 = time.perf_counter()
        summary = import_into_catalog([ARCHIVE], keeper=keeper)
        import_s = time.perf_counter() - t0
        keep_s, keeper.seconds = keeper.seconds, 0.0
        items = Criterion.select().count()
        ruled = Criterion.select().where(Criterion.rule_origin == "automatic-unreviewed").count()
        t0 = time.perf_counter()
        again = import_into_catalog([ARCHIVE], keeper=keeper)
        again_s = time.perf_counter() - t0
        kept_mb = sum(f.stat().st_size for f in keeper.kept.folder.iterdir()) / 1e6
        database.close()
        paths.set_data_dir(None)
    report(f"import of the archive ({summary.new:,} new, {summary.failed} files failed)", import_s, "s",
           "parsing it alone", parse_s)
    report("  of which keeping the files in imports/", keep_s, "s", note=f"{kept_mb:.1f} MB kept (gzip)")
    report("import throughput", summary.records / import_s * 60, "rec/min",
           "parse-only throughput", parsed / parse_s * 60, note="target >= 2,000 rec/min")
    report(f"re-import of the same archive ({again.unchanged:,} unchanged)", again_s, "s")
    report("  of which keeping the files in imports/", keeper.seconds, "s")
    report("criteria items with an automatic rule", 100 * ruled / max(items, 1), "%",
           note=f"{ruled:,} of {items:,} items (all 6,036 studies + the seeds)")
