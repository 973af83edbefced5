"""Catalog at scale: catalogs of 1,000, 10,000 and 100,000 trials built from the real
records in ../shared/data (varied copies with new ids where the real ones run out).

For each size: build time, database size, search latency (median and p95 over a fixed
query list) beside a bare FTS5 query on the same table, the same for Chinese and Japanese
queries (5% of the trials are Chinese or Japanese records made by ``cjk_records``), screening of a complete and of a
sparse profile (SQL prefilter + rules) beside a bare read of the same criteria rows,
questionnaire next-question time, and the process's peak memory.
Set BENCH_SIZES=1000,10000 to run fewer sizes.
"""

from __future__ import annotations

import copy
import os
import pickle
import random
import resource
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.cjk_records import QUERIES as CJK_QUERIES
from benchmarks.cjk_records import cjk_records

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
CACHE = ROOT / "build" / "bench-cache" / "records.pickle"
QUERIES = ["rheumatoid arthritis", "lupus", "asthma", "pain", "cancer", "diabetes", "pregnan", "hepatitis B",
           "methotrexate", "children", "NEAR( AND (", "quality of life", "ECOG", "sjogren", "vasculitis",
           "heart failure", "placebo", "covid", "migraine", "insulin"]
STATUSES = ["RECRUITING", "RECRUITING", "NOT_YET_RECRUITING", "COMPLETED", "ACTIVE_NOT_RECRUITING", "TERMINATED"]


def real_records() -> list:
    """Every record in the shared data (parsed once, then cached under build/)."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    from core.importers.batch import parse_sources

    sources = [DATA / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz", DATA / "ctgov-api-v2",
               DATA / "other-registries"]
    records, seen = [], set()
    for _result, recs in parse_sources([s for s in sources if s.exists()]):
        for r in recs:
            if r.trial_id not in seen:
                seen.add(r.trial_id)
                records.append(r)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    CACHE.write_bytes(pickle.dumps(records))
    return records


def varied(records: list, n: int, seed: int = 7) -> list:
    """``n`` records: the real ones first, then copies with new ids and varied fields."""
    rng = random.Random(seed)
    out = list(records[:n])
    k = 0
    while len(out) < n:
        base = records[k % len(records)]
        k += 1
        r = copy.copy(base)
        r.registry_ids = [f"BENCH{len(out):07d}"]
        r.local_id = None
        r.title = f"{base.title} (variant {k // len(records) + 1})"
        r.status = rng.choice(STATUSES)
        if base.min_age_years is not None:
            r.min_age_years = max(0.0, base.min_age_years + rng.choice([-2, 0, 0, 2]))
        out.append(r)
    return out


def timed(fn, repeat: int = 1) -> tuple[float, object]:
    best, result = None, None
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    best = statistics.median(times)
    return best, result


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


_APP_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from datetime import date
from pathlib import Path
from core.catalog import database
if {path!r}:
    from core.catalog.search import search_trials
    from core.matching.screening import run_screening
    from core.patient.profile import profile_from_dict
    database.connect(Path({path!r}))
    for q in {queries!r}:
        search_trials(q, limit=200)
    profile = profile_from_dict({{"format_version": 1, "assessment_date": "2026-11-01", "date_of_birth": "1975-06-01",
                                 "sex": "female", "diagnoses": [{{"code": "rheumatoid_arthritis"}}]}})
    run_screening(profile, prefilter=True, today=date(2026, 11, 1))
# VmHWM: this process's own peak (ru_maxrss would carry the parent's peak across fork + exec)
print(next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) / 1024)
"""


def _app_memory(path: Path | None) -> float:
    """Peak memory of a fresh process doing what the app does with this catalog."""
    import subprocess
    import sys

    code = _APP_SCRIPT.format(root=str(ROOT), path=str(path) if path else "", queries=QUERIES)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _startup_with(catalog: Path) -> tuple[float, float]:
    """Launch to first window (``--smoke-test``) with ``catalog`` as the user's working catalog,
    beside an empty PySide6 window started the same way (medians of 3)."""
    import shutil
    import sys

    from benchmarks.bench_startup import EMPTY_WINDOW, _env, _first_window
    from core.catalog.bundle import ensure_bundled
    from core.catalog.database import read_info
    from core.sqlite_files import copy_sqlite

    env = _env()
    bundle_fp = read_info(ensure_bundled(), "fingerprint")
    with tempfile.TemporaryDirectory() as data:
        working = Path(data) / "catalog" / "catalog.sqlite"
        copy_sqlite(catalog, working)
        import sqlite3

        con = sqlite3.connect(working)  # mark it as made from the current bundle: it is used as it is
        con.execute("INSERT OR REPLACE INTO cataloginfo (key, value) VALUES ('bundle_fingerprint', ?)", (bundle_fp,))
        con.commit()
        con.close()
        cmd = [sys.executable, "main.py", "--data-dir", data, "--smoke-test"]
        _first_window(cmd, env)  # warm-up
        app = statistics.median(_first_window(cmd, env)[0] for _ in range(3))
        empty = statistics.median(_first_window([sys.executable, "-c", EMPTY_WINDOW], env)[0] for _ in range(3))
        shutil.rmtree(Path(data) / "logs", ignore_errors=True)
    return app, empty


def run(report) -> None:
    from core.catalog import database
    from core.catalog.curation import assign_rules
    from core.catalog.models import Trial, catalog_db
    from core.catalog.search import search_trials
    from core.catalog.store import save_records_bulk
    from core.matching.screening import run_screening
    from core.patient.profile import profile_from_dict

    if not DATA.exists():
        print("  skipped: ../shared/data is not available")
        return
    t0 = time.perf_counter()
    records = real_records()
    print(f"  {len(records)} distinct real records loaded in {time.perf_counter() - t0:.1f} s")
    sizes = [int(x) for x in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
    complete = profile_from_dict({
        "format_version": 1, "assessment_date": "2026-11-01", "date_of_birth": "1975-06-01", "sex": "female",
        "weight_kg": 64, "diagnoses_complete": True, "treatments_complete": True,
        "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2016-03-01",
                       "classification": ["acr_eular_2010"], "activity": "moderate", "scores": {"das28_esr": 4.4}}],
        "treatments": [{"drug": "methotrexate", "start": "2016-04-01", "stop": "2019-01-01",
                        "outcome": "inadequate_response"},
                       {"drug": "adalimumab", "start": "2019-02-01", "stop": "2021-01-01",
                        "outcome": "loss_of_response"},
                       {"drug": "tocilizumab", "start": "2021-02-01", "stop": "2022-06-01", "outcome": "intolerance"}],
        "labs": [{"name": "ast", "value": 30, "unit": "U/L", "uln": 35}, {"name": "alt", "value": 25, "unit": "U/L",
                                                                          "uln": 35},
                 {"name": "hemoglobin", "value": 12.5, "unit": "g/dL", "lln": 12}],
        "findings": {"lvef_percent": 60, "ecog": 1, "pregnant": False, "lactating": False},
        "history": {"malignancy": False, "hbsag_positive": False, "hcv_antibody_positive": False, "hiv": False},
        "consent": {"informed_consent": True},
    })
    sparse = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01", "date_of_birth": "1975-06-01",
                                "sex": "female", "diagnoses": [{"code": "rheumatoid_arthritis"}]})
    for n in sizes:
        print(f"  -- {n:,} trials --", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "catalog.sqlite"
            cjk_share = int(n * float(os.environ.get("BENCH_CJK_SHARE", "0.05")))
            batch = varied(records, n - cjk_share) + cjk_records(cjk_share)

            def build(path=path, batch=batch) -> None:
                database.connect(path, create=True)
                save_records_bulk(batch)
                with catalog_db.atomic():
                    assign_rules([r.trial_id for r in batch])  # automatic rule proposals
                catalog_db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")

            build_s, _ = timed(build)
            count = Trial.select().count()
            report(f"build ({count:,} trials, rules proposed)", build_s, "s")
            report("database size", path.stat().st_size / 1e6, "MB")

            # search: through the app's search vs a bare FTS5 MATCH on the same table. The first query of a
            # session that names a condition or a drug builds that vocabulary's term index once (tens of ms):
            # timed apart as the cold first pass, then every query three times warm.
            cold = []
            for q in QUERIES + CJK_QUERIES:
                t, _ = timed(lambda q=q: search_trials(q, limit=200))
                cold.append(t)
            report("search, first pass of a session (cold), worst", max(cold) * 1000, "ms",
                   note=f"median {statistics.median(cold) * 1000:.1f} ms over {len(cold)} queries; "
                        "each index built once")
            search_times, bare_times = [], []
            for q in QUERIES * 3:
                t, _ = timed(lambda q=q: search_trials(q, limit=200))
                search_times.append(t)
                words = " ".join(f'"{w}"' for w in q.replace("(", " ").split() if w.isalnum())
                if words:
                    t, _ = timed(lambda w=words: catalog_db.execute_sql(
                        "SELECT trial_id FROM trialsearch WHERE trialsearch MATCH ? ORDER BY rank LIMIT 200",
                        (w,)).fetchall())
                    bare_times.append(t)
            report("search median (first 200 rows)", statistics.median(search_times) * 1000, "ms",
                   "bare FTS5 median", statistics.median(bare_times) * 1000)
            report("search p95", percentile(search_times, 0.95) * 1000, "ms", "bare FTS5 p95",
                   percentile(bare_times, 0.95) * 1000, note="target < 30 ms")
            cjk_times, cjk_found = [], []
            for q in CJK_QUERIES * 3:
                t, rows = timed(lambda q=q: search_trials(q, limit=200))
                cjk_times.append(t)
                cjk_found.append(len(rows))
            report(f"CJK search median ({cjk_share:,} CJK trials)", statistics.median(cjk_times) * 1000, "ms",
                   note=f"median {statistics.median(cjk_found):.0f} rows found, min {min(cjk_found)}")
            report("CJK search p95", percentile(cjk_times, 0.95) * 1000, "ms", note="target < 30 ms")

            # screening: prefilter in SQL, evaluate rules of the candidates
            for name, profile in (("complete", complete), ("sparse", sparse)):
                t, screening = timed(lambda p=profile: run_screening(p, prefilter=True, explain=False,
                                                                     today=date(2026, 11, 1)))
                ids = [r.trial_id for r in screening.results]

                def bare_read(ids=ids) -> int:
                    rows = 0
                    for i in range(0, len(ids), 500):
                        chunk = ids[i:i + 500]
                        rows += len(catalog_db.execute_sql(
                            f"SELECT rule FROM criterion WHERE trial_id IN ({','.join('?' * len(chunk))})",
                            chunk).fetchall())
                    return rows

                bare_t, _ = timed(bare_read)
                verdicts = {}
                for r in screening.results:
                    verdicts[r.verdict.verdict] = verdicts.get(r.verdict.verdict, 0) + 1
                report(f"screening, {name} profile ({len(ids):,} of {n:,} screened)", t * 1000, "ms",
                       "bare read of their criteria", bare_t * 1000,
                       note=("target < 1000 ms; " if name == "complete" else "")
                       + "/".join(f"{k[0].upper()}{v}" for k, v in sorted(verdicts.items())))

            # questionnaire over the prefiltered candidates of the sparse profile
            from core.matching.screening import prefilter_ids
            from core.patient.derived import compute_facts
            from core.questionnaire.engine import Questionnaire
            from core.questionnaire.trials import load_trials

            cand = prefilter_ids(None,
                                 compute_facts(sparse, today=date(2026, 11, 1)), ["rheumatoid_arthritis"])[:2000]
            t_load, trials = timed(lambda c=cand: load_trials(c))
            t_first, q = timed(lambda t=trials: Questionnaire(sparse, t, today=date(2026, 11, 1)))
            # The time a clinician waits after each answer: record "unknown" and get the next question.
            steps = []
            question = q.next_question()
            for _ in range(5):
                if question is None:
                    break
                t0 = time.perf_counter()
                q.answer_unknown(question.id)
                question = q.next_question()
                steps.append(time.perf_counter() - t0)
            if steps:
                report(f"questionnaire answer -> next question ({len(cand):,} trials)",
                       statistics.median(steps) * 1000, "ms", "loading those trials", t_load * 1000,
                       note="target < 50 ms")
            # letter for three of this catalog's trials (wording + PDF)
            from core.letter.model import Letterhead
            from core.letter.prepare import prepare_letter
            from core.letter.render import render_pdf

            three = run_screening(complete, prefilter=True, today=date(2026, 11, 1)).results[:3]
            t_letter, _ = timed(lambda t=three: render_pdf(prepare_letter(complete, t, Letterhead())), repeat=3)
            report("letter for three of its trials", t_letter * 1000, "ms", note="target < 300 ms")
            database.close()
            start, empty = _startup_with(path)
            report("app start to usable window with this catalog", start * 1000, "ms", "empty PySide6 window",
                   empty * 1000, note="target < 1000 ms")
            app_peak = _app_memory(path)
            report("app process peak memory (open, search, screen)", app_peak, "MB",
                   "same for an empty Python with peewee", _app_memory(None), note="target < 400 MB")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        report("this benchmark process, peak (holds every record)", peak, "MB")
