"""Import throughput: the 6,036-study ClinicalTrials.gov archive imported into a fresh
catalog the way the app does it (parse, split criteria, propose rules, one transaction per
file), beside parsing the same archive alone, and the share of criteria items given an automatic
rule. The extraction's precision and coverage are ``python -m benchmarks extraction``."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT.parent / "shared" / "data" / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz"


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
    with tempfile.TemporaryDirectory() as tmp:
        database.connect(build_bundled(Path(tmp) / "c.sqlite"))
        t0 = time.perf_counter()
        summary = import_into_catalog([ARCHIVE])
        import_s = time.perf_counter() - t0
        items = Criterion.select().count()
        ruled = Criterion.select().where(Criterion.rule_origin == "automatic-unreviewed").count()
        t0 = time.perf_counter()
        again = import_into_catalog([ARCHIVE])
        again_s = time.perf_counter() - t0
        database.close()
    report(f"import of the archive ({summary.new:,} new, {summary.failed} files failed)", import_s, "s",
           "parsing it alone", parse_s)
    report("import throughput", summary.records / import_s * 60, "rec/min",
           "parse-only throughput", parsed / parse_s * 60, note="target >= 2,000 rec/min")
    report(f"re-import of the same archive ({again.unchanged:,} unchanged)", again_s, "s")
    report("criteria items with an automatic rule", 100 * ruled / max(items, 1), "%",
           note=f"{ruled:,} of {items:,} items (all 6,036 studies + the seeds)")
