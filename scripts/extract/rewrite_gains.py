"""Does a blocking wording recur? For each (regex, replacement) pair, rewrite every dev-side item of the corpus that
the extractor cannot read alone and matches the regex, and count the items the rewrite lets it read (issue 16).

  PYTHONPATH=. python scripts/extract/rewrite_gains.py PAIRS.tsv [--show N]

PAIRS.tsv holds one pair a line, tab-separated: a regex (any case) and its replacement ("" drops the words), e.g.
``\\s+as defined by [^,;.]{0,60}criteria<TAB>`` or ``\\bsuffer(?:s|ing)? from\\b<TAB>with``. Printed per pair: the
dev-side items matching it that no rule reads alone, how many of them read once rewritten ("gain"), and the first N
of those with their rule — to READ: a gain says only that the wording is the one blocker, not that the rule is right.

Why items read *alone* (``propose_rule``) and not in their trees: it needs no pass of the tree readers over 70,000
items (seconds instead of a minute), and it isolates the wording — an item blocked by a lead-in above it is not
counted as a gain of a rewrite of its own words. Used for the gap table ``benchmarks/audits/unread-tuning-gaps.tsv``
(a shape is worth a general fix when it gains at least five items). Reads only the dev side (``mine.dev_side``).
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # mine beside this script

import mine  # noqa: E402


def pairs_of(path: Path) -> list[tuple[str, str]]:
    """The (regex, replacement) pairs of a PAIRS file; blank lines and lines starting with '#' are skipped."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        regex, _, replacement = line.partition("\t")
        out.append((regex, replacement))
    return out


def dev_items() -> list[tuple[str, str, str]]:
    """(trial:key, kind, text) of every dev-side item with text (the shared parsed-record cache of ``mine``)."""
    from core.trial_record import criterion_keys

    records = pickle.loads(mine.CACHE.read_bytes()) if mine.CACHE.exists() else mine.build()
    return [(f"{r.trial_id}:{key}", node.kind, node.text) for r in records
            for key, _parent, node in criterion_keys(r.criteria) if node.text and node.text.strip()]


def gains(items: list[tuple[str, str, str]], regex: str, replacement: str) -> tuple[int, list[tuple[str, str, dict]]]:
    """How many items the extractor cannot read alone match ``regex``, and those that read once rewritten."""
    from core.criteria.extract import propose_rule

    pattern = re.compile(regex, re.IGNORECASE)
    matched, gained = 0, []
    for where, kind, text in items:
        if not pattern.search(text) or propose_rule(text, kind) is not None:
            continue
        matched += 1
        proposal = propose_rule(pattern.sub(replacement, text), kind)
        if proposal is not None:
            gained.append((where, text, proposal.rule))
    return matched, gained


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--show", type=int, default=5)
    args = parser.parse_args(argv)
    items = dev_items()
    print(f"# {len(items)} dev-side items with text", file=sys.stderr)
    for regex, replacement in pairs_of(args.pairs):
        matched, gained = gains(items, regex, replacement)
        print(f"{len(gained):4} gained of {matched:4} unread matching  {regex!r} -> {replacement!r}")
        for where, text, rule in gained[: args.show]:
            print(f"       {where} {text[:110]!r}\n         -> {json.dumps(rule, ensure_ascii=False)[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
