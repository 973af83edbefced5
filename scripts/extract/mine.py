"""Mine the DEV side of the real criteria corpus for extractor work (issue 16): the items of every trial whose id
hashes to the dev split (``sha256(trial_id)`` first byte even); trials of the held-out side are never read
into the cache, so nothing here can show a held-out item.

  PYTHONPATH=. python scripts/extract/mine.py [--unread | --read] [--grep REGEX] [--kind inclusion|exclusion]
        [--top N | --sample N [--seed S]] [--with-parents] [--rebuild]

  --unread / --read   only items with no proposal / with one      --grep REGEX  item text matches (any case)
  --top N             the N most frequent normalised texts with their counts, instead of a sample
  --sample N          N random items (default 40), with ``--seed``  --with-parents  the lead-in chain above each
  --rebuild           parse the corpus again (after a change to the importers or the splitter)

The corpus is ``../shared/data`` (the rheumatology classic-XML folder, the 6,036-study archive read member by
member, the API v2 files, the other registries). Parsed records are cached in the system's temporary folder
(``mine_cache.pkl``; about 2 minutes to build); proposals are computed live, with the working tree's code.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import pickle
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
CACHE = Path(tempfile.gettempdir()) / "mine_cache.pkl"


def dev_side(trial_id: str) -> bool:
    """The dev side of the corpus, the labelled sets' split (``tests/core/criteria/labels/README.md``): an even
    first byte of sha256(trial_id). Every mining script reads only these trials."""
    return hashlib.sha256(trial_id.encode()).digest()[0] % 2 == 0


def build() -> list:
    """Every dev-side record of the corpus, parsed as File > Import parses it (first copy of each id wins)."""
    from core.importers.registry import parse_bytes
    from core.importers.sources import iter_sources

    paths = [DATA / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz", DATA / "ctgov-classic-xml" / "rheumatology",
             DATA / "ctgov-api-v2", DATA / "other-registries"]
    records, seen = [], set()
    for source in iter_sources([p for p in paths if p.exists()]):
        if source.data is None:
            continue
        try:
            parsed = parse_bytes(source.data, source.name)
        except Exception:  # noqa: BLE001 - a record the importers refuse is not mined
            continue
        for record in parsed:
            if record.trial_id not in seen and dev_side(record.trial_id):
                seen.add(record.trial_id)
                records.append(record)
    CACHE.write_bytes(pickle.dumps(records))
    return records


def rows(records: list, args: argparse.Namespace) -> list[tuple]:
    from core.criteria.extract import propose_rules
    from core.trial_record import criterion_keys

    grep = re.compile(args.grep, re.IGNORECASE) if args.grep else None
    out = []
    for record in records:
        proposals = propose_rules(record.criteria, record.conditions)
        texts: dict[str, tuple[str, str | None]] = {}
        for key, parent, node in criterion_keys(record.criteria):
            texts[key] = (node.text, parent)
            proposal = proposals.get(key)
            if (args.unread and proposal is not None) or (args.read and proposal is None):
                continue
            if (args.kind and node.kind != args.kind) or (grep and not grep.search(node.text or "")):
                continue
            chain, up = [], parent
            while up is not None:
                chain.append(texts[up][0][:120])
                up = texts[up][1]
            out.append((record.trial_id, key, node.kind, node.text, chain, proposal.rule if proposal else None))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--unread", action="store_true")
    parser.add_argument("--read", action="store_true")
    parser.add_argument("--grep")
    parser.add_argument("--kind", choices=("inclusion", "exclusion"))
    parser.add_argument("--top", type=int)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--with-parents", action="store_true")
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    records = pickle.loads(CACHE.read_bytes()) if CACHE.exists() and not args.rebuild else build()
    found = rows(records, args)
    print(f"# {len(records)} dev-side trials, {len(found)} matching items", file=sys.stderr)
    if args.top:
        counts = collections.Counter((kind, " ".join(text.lower().split()).strip(" .;"))
                                     for _, _, kind, text, _, _ in found)
        for (kind, text), n in counts.most_common(args.top):
            print(f"{n:5} [{kind[:3]}] {text[:200]}")
        return 0
    random.Random(args.seed).shuffle(found)
    for trial_id, key, kind, text, chain, rule in found[: args.sample]:
        print(f"{trial_id}:{key} [{kind}] {text[:300]}")
        if args.with_parents and chain:
            print("   under: " + " <- ".join(repr(c) for c in chain))
        print("   -> " + (json.dumps(rule, ensure_ascii=False)[:300] if rule else "-"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
