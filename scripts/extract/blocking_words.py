"""Which words keep the extractor from reading condition criteria (dev side of the corpus only).

For every unread criterion item (``propose_rules`` gives it no rule) that names a condition of the
vocabulary, the script deletes each word, then each run of two or three words, outside the concept
mentions and asks ``propose_rule`` again: a deletion after which the item is read names a *blocking
phrase*. The phrases are normalised (numbers -> N, concept names -> <COND>/<DRUG>/<LAB>/<SCORE>) and
counted; an item no deletion unblocks counts as "(several words)". The table says which wordings to
read next, and which are judgement words that must stay unread ("significant", "uncontrolled").

Only dev-side trials are looked at: a trial whose sha256(trial_id) has an odd first byte is skipped
(the held-out splits are never mined). Run from the repository root:

    PYTHONPATH=. python scripts/extract/blocking_words.py [--cache /tmp/mine_cache.pkl] [--top 40]
        [--grep REGEX] [--kind exclusion|inclusion] [--examples 2] [--limit N] [--fraction 0.1]

``--cache`` is a pickle of ``TrialRecord`` objects (``scripts/extract/mine.py`` builds one); without it the
records are parsed from ``../shared/data`` (slow).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.criteria.extract import concepts, propose_rule, propose_rules  # noqa: E402
from core.criteria.extract.normalise import _clean_end, _norm  # noqa: E402
from core.trial_record import criterion_keys  # noqa: E402
from scripts.extract.mine import dev_side  # noqa: E402

_PLACEHOLDER = {"condition": "<COND>", "drug": "<DRUG>", "lab": "<LAB>", "score": "<SCORE>"}


def load(cache: str | None) -> list:
    if cache:
        return [r for r in pickle.loads(Path(cache).read_bytes()) if dev_side(r.trial_id)]
    from core.importers.registry import parse_path

    data = ROOT.parent / "shared" / "data"
    paths = sorted((data / "ctgov-classic-xml").rglob("*.xml")) + sorted((data / "ctgov-api-v2").glob("*.json"))
    records, seen = [], set()
    for path in paths:
        try:
            for r in parse_path(path):
                if r.trial_id not in seen and dev_side(r.trial_id):
                    seen.add(r.trial_id)
                    records.append(r)
        except Exception:  # noqa: BLE001 - a file the importers refuse is skipped, as the app would
            continue
    return records


def template(text: str, mentions: list) -> list[tuple[str, bool]]:
    """The text as tokens, each (normalised word, inside a mention)."""
    out, pos = [], 0
    for m in mentions:
        out += [(re.sub(r"\d+(?:\.\d+)?", "N", w), False) for w in text[pos:m.start].split()]
        out.append((_PLACEHOLDER[m.kind], True))
        pos = m.end
    out += [(re.sub(r"\d+(?:\.\d+)?", "N", w), False) for w in text[pos:].split()]
    return out


def pieces(text: str, mentions: list) -> list[tuple[str, bool]]:
    """The text as tokens with their own letters, each (token, inside a mention)."""
    out, pos = [], 0
    for m in mentions:
        out += [(w, False) for w in text[pos:m.start].split()]
        out.append((text[m.start:m.end], True))
        pos = m.end
    out += [(w, False) for w in text[pos:].split()]
    return out


def blockers(text: str, kind: str) -> list[str]:
    """The normalised phrases (1-3 words outside mentions) whose deletion lets the item be read."""
    t = _clean_end(_norm(text))
    mentions = concepts.find(t)
    toks, norm = pieces(t, mentions), template(t, mentions)
    found = []
    for size in (1, 2, 3):
        for i in range(len(toks) - size + 1):
            if any(inside for _, inside in toks[i:i + size]):
                continue
            rest = " ".join(w for j, (w, _) in enumerate(toks) if not i <= j < i + size)
            if rest and propose_rule(rest, kind) is not None:
                found.append(" ".join(w for w, _ in norm[i:i + size]))
        if found:
            return found
    return []


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--grep")
    ap.add_argument("--kind")
    ap.add_argument("--examples", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0, help="look at only the first N unread condition items")
    ap.add_argument("--fraction", type=float, default=1.0, help="a fixed pseudo-random share of the items (0-1)")
    args = ap.parse_args(argv)
    grep = re.compile(args.grep, re.I) if args.grep else None
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    looked = 0
    for record in load(args.cache):
        proposals = propose_rules(record.criteria)
        for key, _parent, node in criterion_keys(record.criteria):
            text = node.text or ""
            if proposals.get(key) is not None or node.kind not in ("inclusion", "exclusion") or len(text) > 250:
                continue
            if (args.kind and node.kind != args.kind) or (grep and not grep.search(text)):
                continue
            if hashlib.sha256(f"{record.trial_id}:{key}".encode()).digest()[1] >= args.fraction * 256:
                continue
            if not any(m.kind == "condition" for m in concepts.find(_clean_end(_norm(text)))):
                continue
            if propose_rule(text, node.kind) is not None:
                continue  # read alone: what blocks it is a lead-in above it, not its own words
            looked += 1
            found = blockers(text, node.kind) or ["(several words)"]
            for phrase in dict.fromkeys(found):
                counts[phrase] += 1
                if len(examples[phrase]) < args.examples:
                    examples[phrase].append(f"{record.trial_id}:{key} {text[:110]}")
            if args.limit and looked >= args.limit:
                break
        if args.limit and looked >= args.limit:
            break
    print(f"# {looked} unread dev-side items naming a condition")
    print(f"{'items':>6}  blocking words")
    for phrase, n in counts.most_common(args.top):
        print(f"{n:6}  {phrase}")
        for ex in examples[phrase]:
            print(f"{'':8}e.g. {ex}")


if __name__ == "__main__":
    main(sys.argv[1:])
