"""Lead-ins that block items read fine alone (issue 16), dev side only.

For every criteria item of the dev-side trials (``scripts.extract.mine.dev_side``) that gets no proposal in its
tree (``propose_rules``) but gets one read alone (``propose._cached``), the lead-in above it is counted: its parent,
or else the last childless lead-in line before it among its siblings. Lead-ins are counted by normalised shape
(concepts -> <COND>/<DRUG>/<LAB>/<SCORE>, numbers -> N) and by their last three words; with ``--examples`` the
blocked items of each shape are shown (one per trial).

    PYTHONPATH=. python scripts/extract/leadin_blockers.py [--cache /tmp/mine_cache.pkl] [--top 40] [--examples]
        [--kind inclusion|exclusion] [--dump FILE]

``--dump FILE`` pickles the rows (trial, key, kind, item, lead-in chain innermost first) for later reading.
The cache is read only (``scripts/extract/mine.py`` builds it).
"""

from __future__ import annotations

import argparse
import collections
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from scripts.extract.drug_blockers import normalise  # noqa: E402
from scripts.extract.mine import dev_side  # noqa: E402


def _is_leadin(text: str) -> bool:
    return bool(re.search(r"(?::|--)\s*$", (text or "").strip()))


def blocked_rows(records: list, kind: str | None = None) -> list[tuple[str, str, str, str, list[str]]]:
    """(trial, key, kind, item text, lead-in chain innermost first) for every dev-side item read alone only."""
    from core.criteria.extract import propose_rules
    from core.criteria.extract.propose import _cached
    from core.trial_record import criterion_keys

    out = []
    for record in records:
        if not dev_side(record.trial_id):
            continue
        proposals = propose_rules(record.criteria, record.conditions)
        texts: dict[str, tuple[str, str | None]] = {}
        last_lead: dict[tuple[str | None, str], str] = {}
        for key, parent, node in criterion_keys(record.criteria):
            texts[key] = (node.text or "", parent)
            group = (parent, node.kind)
            before = last_lead.get(group)
            if not node.children and _is_leadin(node.text):
                last_lead[group] = node.text
                continue
            if (kind and node.kind != kind) or proposals.get(key) is not None or node.children:
                continue
            if _cached(node.text or "", node.kind)[0] is None:
                continue
            chain = [before] if before else []
            up = parent
            while up is not None:
                chain.append(texts[up][0])
                up = texts[up][1]
            out.append((record.trial_id, key, node.kind, node.text or "", chain))
    return out


def shape(text: str) -> str:
    return normalise(text).strip(" .;,")[:120]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/mine_cache.pkl")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--kind", choices=("inclusion", "exclusion"))
    parser.add_argument("--examples", action="store_true")
    parser.add_argument("--dump")
    args = parser.parse_args()
    records = pickle.loads(Path(args.cache).read_bytes())
    found = blocked_rows(records, args.kind)
    if args.dump:
        Path(args.dump).write_bytes(pickle.dumps(found))
    shapes: collections.Counter[tuple[str, str]] = collections.Counter()
    trials: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    ends: collections.Counter[str] = collections.Counter()
    examples: dict[tuple[str, str], list[str]] = collections.defaultdict(list)
    no_lead = 0
    for trial, _key, kind, text, chain in found:
        if not chain:
            no_lead += 1
            continue
        s = (kind[:3], shape(chain[0]))
        shapes[s] += 1
        trials[s].add(trial)
        if trial not in {e.split(" ")[0] for e in examples[s]}:
            examples[s].append(f"{trial} {text[:110]}")
        words = re.findall(r"<\w+>|[a-z][a-z'/-]*|N|:", shape(chain[0]))
        ends[f"{kind[:3]} " + " ".join(words[-3:])] += 1
    print(f"{len(found)} dev-side items read alone but not in their tree; {no_lead} have no lead-in above them")
    print("\nlead-in shapes (items, trials):")
    for s, n in shapes.most_common(args.top):
        print(f"{n:6} {len(trials[s]):5}  [{s[0]}] {s[1]}")
        if args.examples:
            for e in examples[s][:3]:
                print(f"                 {e}")
    print("\nlast words of the lead-in:")
    for w, n in ends.most_common(args.top):
        print(f"{n:6}  {w}")


if __name__ == "__main__":
    main()
