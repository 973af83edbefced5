"""The dev-side rheumatology population of the corpus and how much of it the extractor reads (issue 16).

  PYTHONPATH=. python scripts/extract/rheum_population.py [--grep REGEX] [--unread | --read] [--kind K]
        [--top N | --sample N [--seed S]] [--dump FILE]

The population is every dev-side trial (``mine.dev_side``) of the rheumatology classic-XML folder or of
``ctgov-api-v2/rheumatology-5.json``, plus every dev-side trial elsewhere whose registry conditions name a rheumatic
disease (``RHEUMATIC``: RA, SLE, Sjögren, systemic sclerosis, myositis, vasculitis, spondyloarthritis, JIA, gout,
PMR, psoriatic arthritis, Behçet, Still …). Printed first: trials, items, items with a proposal, items without.
``--grep`` / ``--unread`` / ``--read`` / ``--kind`` filter the items; ``--top N`` prints the most frequent
normalised texts, ``--sample N`` random items with their rule. ``--dump FILE`` writes one JSON line per item of the
WHOLE dev-side corpus (trial, key, kind, text, rule, whether the trial is in the population) to compare two commits.
Reads only the mining cache of ``mine.py`` (dev side only).
"""

from __future__ import annotations

import argparse
import collections
import json
import pickle
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # mine beside this script

import mine  # noqa: E402

RHEUMATIC = re.compile(
    r"rheumat|\blupus\b|\bsle\b|sj[oö]gren|scleroderma|systemic sclerosis|myositis|dermatomyositis|vasculitis"
    r"|arteritis|polyangiitis|wegener|spondyl|ankylosing|\bjia\b|juvenile (?:idiopathic|chronic|rheumatoid) arthritis"
    r"|\bgout|polymyalgia|psoriatic arthritis|behcet|beh[cç]et|still'?s disease|sacroiliitis|antiphospholipid"
    r"|raynaud|fibromyalgia|\barthritis\b|takayasu|kawasaki|sarcoidosis|familial mediterranean|autoinflammatory",
    re.IGNORECASE)


def folder_ids() -> set[str]:
    """The trial ids of the rheumatology folder and of the API v2 rheumatology file."""
    ids = {p.stem for p in (mine.DATA / "ctgov-classic-xml" / "rheumatology").glob("*.xml")}
    api = mine.DATA / "ctgov-api-v2" / "rheumatology-5.json"
    if api.exists():
        ids.update(re.findall(r"NCT\d{8}", api.read_text(encoding="utf-8", errors="replace")))
    return ids


def in_population(record, ids: set[str]) -> bool:
    return record.trial_id in ids or any(RHEUMATIC.search(c or "") for c in record.conditions)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grep")
    parser.add_argument("--unread", action="store_true")
    parser.add_argument("--read", action="store_true")
    parser.add_argument("--kind", choices=("inclusion", "exclusion"))
    parser.add_argument("--top", type=int)
    parser.add_argument("--sample", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dump")
    args = parser.parse_args(argv)
    from core.criteria.extract import propose_rules
    from core.trial_record import criterion_keys

    records = pickle.loads(mine.CACHE.read_bytes())
    ids = folder_ids()
    grep = re.compile(args.grep, re.IGNORECASE) if args.grep else None
    population = [r for r in records if in_population(r, ids)]
    chosen = records if args.dump else population
    trials, items, read, rows, dump = 0, 0, 0, [], []
    for record in chosen:
        member = in_population(record, ids)
        proposals = propose_rules(record.criteria, record.conditions)
        trials += member
        for key, _, node in criterion_keys(record.criteria):
            proposal = proposals.get(key)
            rule = proposal.rule if proposal else None
            if args.dump:
                dump.append({"trial": record.trial_id, "key": key, "kind": node.kind, "text": node.text,
                             "rule": rule, "rheum": member})
            if not member:
                continue
            items += 1
            read += rule is not None
            if (args.unread and rule is not None) or (args.read and rule is None):
                continue
            if (args.kind and node.kind != args.kind) or (grep and not grep.search(node.text or "")):
                continue
            rows.append((record.trial_id, key, node.kind, node.text or "", rule))
    print(f"# rheumatology population: {trials} dev-side trials, {items} items, {read} read, {items - read} unread;"
          f" {len(rows)} matching", file=sys.stderr)
    if args.dump:
        Path(args.dump).write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in dump) + "\n",
                                   encoding="utf-8")
    if args.top:
        counts = collections.Counter((kind, " ".join(text.lower().split()).strip(" .;"))
                                     for _, _, kind, text, _ in rows)
        for (kind, text), n in counts.most_common(args.top):
            print(f"{n:5} [{kind[:3]}] {text[:200]}")
    elif args.sample:
        random.Random(args.seed).shuffle(rows)
        for trial_id, key, kind, text, rule in rows[: args.sample]:
            print(f"{trial_id}:{key} [{kind}] {text[:300]}")
            print("   -> " + (json.dumps(rule, ensure_ascii=False)[:300] if rule else "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
