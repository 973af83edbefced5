"""Questionnaire on the bundled catalog: how many questions a whole screening takes.

The patients are the format-2 charts in ``benchmarks/patients/`` (written as a clinic would
chart them, before looking at any trial's rules). Each is screened, with a simulated clinician
answering from the chart (``benchmarks/questionnaire_walk.py``), against

1. every trial of the bundled catalog open to referral (what New screening offers by default),
2. every trial of the bundled catalog (few of the old registry records are still open),

and, as the same-run baseline, against the open trials of the five hand-curated seeds alone.

Per patient: questions asked until every verdict is final, or nothing left could change one
(shared + trial-specific; how many of the trial-specific ones serve trials whose conditions
match none of the patient's diagnoses), the full checklist (every distinct fact the
candidates' rules read + every clinician confirmation), verdicts, trials decided from shared
facts alone, and trial-specific questions per trial. A question is one page the clinician
answers (a table page such as the diagnoses is one; a trial's remaining criteria come on one
checklist page, counted as one question, with its criterion rows reported beside it; the
per-item questionnaire's count, one page per criterion, is the same-run baseline on the open
trials): see ``benchmarks/questionnaire_walk.py``.
Targets: median questions <= 40; for a complete chart >= 70 % of the candidate
trials decided without a trial-specific question; answer -> next question < 50 ms.
The figures measure whatever rules the catalog holds now (automatic rules improve as the
extractor does): nothing here is tuned to the catalog.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 30)  # the charts' assessment date
PATIENTS_DIR = Path(__file__).resolve().parent / "patients"


def load_patients() -> dict[str, object]:
    """Benchmark charts by file stem, in name order."""
    from core.patient.profile import load_profile

    return {p.stem: load_profile(p) for p in sorted(PATIENTS_DIR.glob("*.json"))}


def _load(build) -> list:
    from core.catalog import database
    from core.questionnaire import load_trials

    with tempfile.TemporaryDirectory() as tmp:
        database.connect(build(Path(tmp) / "c.sqlite"))
        try:
            return load_trials()
        finally:
            database.close()


def _open(trials: list) -> list:
    from core.catalog import status as st

    return [t for t in trials if t.recruitment_status in st.OPEN_STATUSES]


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def _table(title: str, patients: dict, trials: list, baseline: dict) -> list:
    """Walk every patient over ``trials``; print one row each; return the walks."""
    from benchmarks.questionnaire_walk import checklist, is_complete_chart, walk
    from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE
    from core.questionnaire.trials import CHILDREN, HEADING, RULE, WHOLE_CONFIRM

    facts, confirms = checklist(trials)
    modes = Counter(c.mode for t in trials for c in t.criteria)
    print(f"  {title}: {len(trials)} candidate trials; full checklist {facts} facts + {confirms} "
          f"clinician confirmations = {facts + confirms}")
    print(f"  their {sum(modes.values())} criteria items: {modes[RULE]} with a rule, {modes[CHILDREN]} decided by "
          f"sub-items, {modes[WHOLE_CONFIRM]} asked of the clinician with their verbatim text, {modes[HEADING]} "
          "headings with nothing under them (not asked)")
    header = (f"  {'patient':<24} {'asked':>5} {'shared':>6} {'trial-sp.':>9} {'rows':>5} {'oth.cond':>8} "
              f"{'seeds':>5}  {'E/P/N':>9}  {'decided, shared facts only':>27}  {'trial-sp./trial':>15}")
    print(header)
    print("  " + "-" * (len(header) - 2))
    walks = []
    for name, truth in patients.items():
        w = walk(truth, trials, TODAY)
        walks.append((name, truth, w))
        shared_only = len(w.decided_from_shared)
        pct = 100 * shared_only / len(trials) if trials else 0
        most = max(w.specific_by_trial.values(), default=0)
        mark = "" if is_complete_chart(truth) else " *"
        print(f"  {name + mark:<24} {w.asked:>5} {w.shared:>6} {w.specific:>9} {w.rows:>5} "
              f"{w.specific_other_conditions:>8} "
              f"{baseline[name].asked:>5}  "
              f"{w.count(ELIGIBLE):>3}/{len(trials) - w.count(ELIGIBLE) - w.count(NOT_ELIGIBLE)}/"
              f"{w.count(NOT_ELIGIBLE):<3}  {shared_only:>6} of {len(trials):<3} ({pct:5.1f} %)      "
              f"{w.specific / len(trials) if trials else 0:>6.2f} (max {most})")
    print("  (* not a complete chart; 'trial-sp.': trial-specific pages, a trial's remaining criteria on one checklist "
          "page; 'rows': criterion rows on those pages; 'oth.cond': trial-specific pages for trials whose conditions "
          "match none of the patient's diagnoses; 'seeds': questions asked against the open seed trials alone)")
    print()
    return walks


def _figures(report, label: str, walks: list, trials: list, baseline: dict, seed_trials: list,
             per_item: dict | None = None, unsettled: list[float] | None = None) -> None:
    from benchmarks.questionnaire_walk import checklist, is_complete_chart

    facts, confirms = checklist(trials)
    asked = [w.asked for _, _, w in walks]
    report(f"{label}: questions per screening, median", statistics.median(asked), "q",
           "same patients, open seed trials alone", statistics.median(b.asked for b in baseline.values()),
           note="target <= 40")
    report(f"{label}: criterion rows on checklist pages per screening, median",
           statistics.median(w.rows for _, _, w in walks), "rows",
           note=f"on {statistics.median(w.checklist_pages for _, _, w in walks):g} checklist pages (median), "
                "each counted as one question above")
    if per_item:
        report(f"{label}: questions per screening, one page per criterion, median",
               statistics.median(w.asked for w in per_item.values()), "q", "a checklist page per trial",
               statistics.median(asked), note="the per-item questionnaire (Questionnaire)")
    report(f"{label}: questions per screening, worst", max(asked), "q",
           "full checklist (facts + confirmations)", facts + confirms)
    report(f"{label}: shared questions (about the patient), median", statistics.median(w.shared for _, _, w in walks),
           "q", "open seed trials alone", statistics.median(b.shared for b in baseline.values()))
    report(f"{label}: questions until the trials of the patient's conditions are settled, median",
           statistics.median(w.until_fitting_settled for _, _, w in walks), "q",
           "all questions", statistics.median(asked), note="the rest only serve trials for other conditions")
    report(f"{label}: trial-specific q. for trials of other conditions, median",
           statistics.median(w.specific_other_conditions for _, _, w in walks), "q",
           "all trial-specific questions", statistics.median(w.specific for _, _, w in walks))
    report(f"{label}: trial-specific questions per trial, mean",
           statistics.mean(w.specific / max(1, w.trials) for _, _, w in walks), "q",
           "open seed trials alone", statistics.mean(b.specific / max(1, b.trials) for b in baseline.values()))
    complete = [(n, w) for n, truth, w in walks if is_complete_chart(truth)]
    if complete and trials:
        shares = [100 * len(w.decided_from_shared) / w.trials for _, w in complete]
        seed_shares = [100 * len(baseline[n].decided_from_shared) / max(1, len(seed_trials)) for n, _ in complete]
        report(f"{label}: complete chart, decided from shared facts, median", statistics.median(shares), "%",
               "open seed trials alone", statistics.median(seed_shares), note="target >= 70 %")
        report(f"{label}: complete chart, decided from shared facts, worst", min(shares), "%")
        # The trials the shared facts leave open for most complete charts: what caps the share above.
        left = Counter(t.trial_id for t in trials for _, w in complete if t.trial_id not in w.decided_from_shared)
        most = [f"{tid} ({n} of {len(complete)})" for tid, n in sorted(left.items()) if 2 * n > len(complete)]
        if len(most) <= 12:
            print(f"  {label}: left open by the shared facts for most complete charts: {', '.join(most) or '-'}")
    latencies = [ms for _, _, w in walks for ms in w.latencies_ms]
    if latencies:
        report(f"{label}: answer -> next question, median", statistics.median(latencies), "ms",
               "open seed trials alone",
               statistics.median(ms for b in baseline.values() for ms in b.latencies_ms) or 0.001)
        p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else latencies[0]
        if unsettled:
            report(f"{label}: answer -> next question, p95", p95, "ms", "collector not settled",
                   statistics.quantiles(unsettled, n=20)[-1], note="target < 50 ms")
            report(f"{label}: answer -> next question, max", max(latencies), "ms", "collector not settled",
                   max(unsettled), note="target < 50 ms")
        else:
            report(f"{label}: answer -> next question, p95", p95, "ms", note="target < 50 ms")
            report(f"{label}: answer -> next question, max", max(latencies), "ms")


def run(report) -> None:
    from benchmarks.questionnaire_walk import walk
    from core.catalog.bundle import build_bundled, build_seed_catalog
    from core.matching.verdict import evaluate_trial
    from core.memory import settle

    patients = load_patients()
    every = _load(build_bundled)
    opened = _open(every)
    seed_open = _open(_load(build_seed_catalog))
    print(f"  catalog: {len(every)} trials, {len(opened)} open to referral; {len(patients)} patients "
          f"(benchmarks/patients/); seed baseline: {len(seed_open)} open seed trials")
    print()
    baseline = {name: walk(truth, seed_open, TODAY) for name, truth in patients.items()}
    # The same walks with the collector as Python leaves it, then settled as the app settles it when a screening
    # opens (core/memory.py): the baseline of the latency figures.
    unsettled = [ms for truth in patients.values() for ms in walk(truth, opened, TODAY).latencies_ms]
    settle()
    open_walks = _table("Open to referral", patients, opened, baseline)
    all_walks = _table("Every trial of the catalog", patients, every, baseline)
    per_item = {name: walk(truth, opened, TODAY, checklists=False) for name, truth in patients.items()}
    _figures(report, "open", open_walks, opened, baseline, seed_open, per_item, unsettled)
    _figures(report, "all", all_walks, every, baseline, seed_open)

    largest = max(every, key=lambda t: len(t.criteria))
    truth = next(iter(patients.values()))
    one = _median_ms(lambda: evaluate_trial(largest.trial_id, largest.criteria_dicts(), truth,
                                            inclusion_logic=largest.inclusion_logic, today=TODAY), 30)
    report("one evaluate_trial (largest trial)", one, "ms", note=f"{largest.trial_id}, {len(largest.criteria)} "
           "criteria: the unit of work behind every figure above")
