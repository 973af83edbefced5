"""Choose the rheumatology and immunology records of ../shared/data and copy them into the
bundled catalog's sources (resources/catalog/sources/), listing what was chosen and why.

    python scripts/catalog/collect_sources.py [--data ../shared/data] [--dry-run]

Looks at the classic-XML rheumatology folder, every ClinicalTrials.gov API v2 download and the
EU / ISRCTN / converted records of ``other-registries/``. A record is chosen when its
conditions or keywords name a rheumatic or immune-mediated disease (the ``TERMS`` below; the
title alone is not enough: "immune response" in a vaccine or cancer title is not a condition).
A record found in several files is copied once (the most recently updated copy).

Output, all under resources/catalog/sources/ (the seeds in ``seeds/`` are never touched):
``ctgov-classic-xml/<NCT>.xml`` byte for byte, ``ctgov-api-v2/<NCT>.json`` one study per file
(the study object exactly as downloaded), ``other-registries/<file>`` byte for byte, and
``SELECTION.md``: every record looked at, chosen or not, with the reason. Files of earlier runs
that are no longer chosen are removed, so a run reproduces the folder exactly. The app never
reads ../shared/data: only these copies ship.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.importers.registry import parse_bytes, parse_json_document  # noqa: E402
from core.trial_record import TrialRecord  # noqa: E402
from resources import paths  # noqa: E402

# Condition words of a rheumatology / clinical immunology clinic -> the label given as the reason.
TERMS: list[tuple[str, str]] = [
    (r"rheumat", "rheumatic disease"),
    (r"(?<!osteo)arthritis|arthropath|synovitis|reiter", "inflammatory arthritis"),
    (r"osteoarthritis", "osteoarthritis"),
    (r"lupus", "lupus"),
    (r"sj[oö]gren|sicca|xerostomia", "Sjögren's / sicca"),
    (r"myositis", "myositis"),
    (r"scleroderma|systemic sclerosis", "systemic sclerosis"),
    (r"vasculitis|arteritis|wegener|polyangiitis|churg|polyarteritis|beh[cç]et|sch[oö]e?nlein|takayasu"
     r"|kawasaki", "vasculitis"),
    (r"spondyl", "spondyloarthritis"),
    (r"psoria", "psoriatic disease"),
    (r"still'?s disease", "Still's disease"),
    (r"polymyalgia", "polymyalgia rheumatica"),
    (r"\bgout", "gout"),
    (r"antiphospholipid", "antiphospholipid syndrome"),
    (r"autoimmun", "autoimmune disease"),
    (r"connective tissue", "connective tissue disease"),
    (r"raynaud", "Raynaud's phenomenon"),
    (r"sarcoidosis", "sarcoidosis"),
    (r"polychondritis", "relapsing polychondritis"),
    (r"igg4", "IgG4-related disease"),
    (r"autoinflammat|mediterranean fever", "autoinflammatory disease"),
    (r"uveitis", "uveitis"),
    (r"(?:primary|combined|common variable) immunodeficien|granulomatous disease|job'?s syndrome",
     "primary immunodeficiency"),
]
_COMPILED = [(re.compile(p, re.IGNORECASE), label) for p, label in TERMS]

SEEDS = "seeds"
MANAGED = ("ctgov-classic-xml", "ctgov-api-v2", "other-registries")


@dataclass
class Candidate:
    """One record looked at: where it came from, what to write, and the decision."""

    record: TrialRecord
    origin: str  # path relative to the data folder
    dest: str  # path relative to the sources folder
    payload: bytes
    reasons: list[str]

    @property
    def chosen(self) -> bool:
        return bool(self.reasons)


def reasons_for(record: TrialRecord) -> list[str]:
    """Which condition terms the record's conditions and keywords name (empty: not chosen)."""
    words = " | ".join(record.conditions + record.keywords)
    found = []
    for pattern, label in _COMPILED:
        match = pattern.search(words)
        if match and label not in found:
            found.append(f"{label} ({match.group(0)!r})")
    return found


def _candidates(data: Path) -> list[Candidate]:
    out: list[Candidate] = []
    for path in sorted((data / "ctgov-classic-xml" / "rheumatology").glob("*.xml")):
        raw = path.read_bytes()
        for record in parse_bytes(raw, path.name):
            out.append(Candidate(record, str(path.relative_to(data)),
                                 f"ctgov-classic-xml/{record.trial_id}.xml", raw, reasons_for(record)))
    for path in sorted((data / "ctgov-api-v2").glob("*.json")):
        studies = json.loads(path.read_text(encoding="utf-8"))
        for study in studies if isinstance(studies, list) else studies.get("studies", []):
            payload = (json.dumps(study, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
            for record in parse_json_document(study, path.name):
                out.append(Candidate(record, str(path.relative_to(data)),
                                     f"ctgov-api-v2/{record.trial_id}.json", payload, reasons_for(record)))
    for path in sorted((data / "other-registries").glob("*.json")):
        raw = path.read_bytes()
        for record in parse_bytes(raw, path.name):
            out.append(Candidate(record, str(path.relative_to(data)), f"other-registries/{path.name}", raw,
                                 reasons_for(record)))
    return out


def _preference(cand: Candidate) -> tuple:
    """Newest copy first; on a tie, the copy from a rheumatology download (clearer provenance)."""
    return (cand.record.last_updated or date.min, "rheumatology" in cand.origin)


def select(data: Path) -> tuple[list[Candidate], list[Candidate]]:
    """(chosen, not chosen): one chosen copy per trial id, the most recently updated."""
    chosen: dict[str, Candidate] = {}
    rejected: list[Candidate] = []
    for cand in _candidates(data):
        if not cand.chosen:
            rejected.append(cand)
            continue
        tid = cand.record.trial_id
        held = chosen.get(tid)
        if held is None or _preference(cand) > _preference(held):
            chosen[tid] = cand
    seen_rejected: dict[str, Candidate] = {}
    for cand in rejected:  # the same non-matching study may sit in several downloads
        seen_rejected.setdefault(cand.record.trial_id, cand)
    return sorted(chosen.values(), key=lambda c: c.dest), sorted(seen_rejected.values(), key=lambda c: c.origin)


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "/").replace("\n", " ").strip()


def selection_report(chosen: list[Candidate], rejected: list[Candidate], data_name: str) -> str:
    from core.catalog import status as st

    open_count = sum(1 for c in chosen if st.normalize_status(c.record.status) in st.OPEN_STATUSES
                     or c.record.status in st.OPEN_STATUSES)
    lines = [
        "# Records chosen for the bundled catalog",
        "",
        f"Written by `scripts/catalog/collect_sources.py` from `{data_name}` (do not edit by hand).",
        "A record is chosen when its conditions or keywords name a rheumatic or immune-mediated disease.",
        f"Chosen: **{len(chosen)}** records ({open_count} with a status open to referral); "
        f"not chosen: {len(rejected)} distinct records of the folders looked at (API v2 downloads of other",
        "specialties are summarised by count; every record of `other-registries/` is listed).",
        "",
        "## Chosen",
        "",
        "| trial | status | copied to | from | why |",
        "|---|---|---|---|---|",
    ]
    for c in chosen:
        lines.append(f"| {c.record.trial_id} | {c.record.status or 'not stated'} | `{c.dest}` | `{c.origin}` "
                     f"| {_cell('; '.join(c.reasons))} |")
    lines += ["", "## Not chosen", "", "| trial | from | conditions stated |", "|---|---|---|"]
    others = 0
    for c in rejected:
        if c.origin.startswith("ctgov-api-v2/"):
            others += 1
            continue
        lines.append(f"| {c.record.trial_id} | `{c.origin}` | {_cell('; '.join(c.record.conditions)) or 'none'} "
                     "(no rheumatic or immune-mediated condition) |")
    lines += ["", f"Also not chosen: {others} distinct studies of the other API v2 downloads "
              "(asthma, headache/pain, lung cancer, miscellaneous), none naming such a condition.", ""]
    return "\n".join(lines)


def write(chosen: list[Candidate], rejected: list[Candidate], dest: Path, data_name: str) -> None:
    wanted = {c.dest for c in chosen}
    for sub in MANAGED:
        for old in sorted((dest / sub).glob("*")) if (dest / sub).is_dir() else []:
            if str(old.relative_to(dest)) not in wanted:
                old.unlink()
    for c in chosen:
        target = dest / c.dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_bytes() != c.payload:
            target.write_bytes(c.payload)
    (dest / "SELECTION.md").write_text(selection_report(chosen, rejected, data_name), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data",
                        help="the shared data folder (default: ../shared/data beside the checkout)")
    parser.add_argument("--dry-run", action="store_true", help="list the choice, copy nothing")
    args = parser.parse_args(argv)
    if not (args.data / "ctgov-classic-xml").is_dir():
        print(f"error: {args.data} does not look like the shared data folder", file=sys.stderr)
        return 2
    chosen, rejected = select(args.data)
    for c in chosen:
        print(f"chosen   {c.record.trial_id:<18} {c.record.status or '-':<24} {'; '.join(c.reasons)}")
    for c in rejected:
        if not c.origin.startswith("ctgov-api-v2/"):
            print(f"skipped  {c.record.trial_id:<18} {c.origin}: {'; '.join(c.record.conditions)[:80]}")
    print(f"{len(chosen)} chosen, {len(rejected)} not chosen")
    if not args.dry_run:
        dest = paths.catalog_sources()
        write(chosen, rejected, dest, "../shared/data")
        print(f"copied into {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
