"""Blocking words for the pregnancy, lactation, contraception, consent, age, sex and other-trial families (issue 16),
dev side of the corpus only.

Each criteria item of the dev-side trials (``sha256(trial_id)`` first byte even; a trial with an odd first byte
belongs to the held-out side and is skipped) is put in the families its words name (``FAMILIES``). For the
items with no proposal, the script deletes each word, then each run of two or three words, and asks
``propose_rule`` again: a deletion after which the item is read names a *blocking phrase* (numbers -> N). The
phrases are counted per family; an item no deletion unblocks counts as "(several words)", an item read on its
own as "(read alone: its lead-ins block it)". The table says which wordings to read next, and which are
judgement words that must stay unread ("able to comply", "in the opinion of").

    PYTHONPATH=. python scripts/extract/repro_blockers.py [--cache /tmp/mine_cache.pkl] [--top 15]
        [--family pregnancy|lactation|contraception|consent|age|sex|other_trial] [--examples 1] [--fraction 1.0]
        [--all-families]

The cache is a pickle of ``TrialRecord`` objects (``/work/mine.py`` builds one).
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

from core.criteria.extract import propose_rule, propose_rules  # noqa: E402
from core.trial_record import criterion_keys  # noqa: E402
from scripts.extract.mine import dev_side  # noqa: E402

FAMILIES = {
    "pregnancy": re.compile(r"\bpregnan|\bhcg\b", re.I),
    "lactation": re.compile(r"\blactat|breast[- ]?fe|\bnursing\b(?! home)|\bbreastfe", re.I),
    "contraception": re.compile(r"contracep|birth control|childbearing|child-bearing|child bearing|\bwocbp\b"
                                r"|reproductive potential", re.I),
    "consent": re.compile(r"\bconsent|\bassent\b", re.I),
    # h-people9: the other people families ("Age 18-65", "Male or female patients")
    "age": re.compile(r"\bage[ds]?\b|\byears? (?:old|of age)\b", re.I),
    "sex": re.compile(r"\b(?:males?|females?|men|women|sex|gender)\b", re.I),
    "other_trial": re.compile(r"\binvestigational|\bexperimental (?:drug|agent|therap|treat|medic|product|device)"
                              r"|(?:clinical|interventional|another|other|research) (?:trials?|stud(?:y|ies))", re.I),
}


def _norm_word(w: str) -> str:
    return re.sub(r"\d+(?:[.,]\d+)?", "N", w.lower()).strip(" .;,")


def blockers(text: str, kind: str) -> list[str]:
    """The phrases (1-3 words) whose deletion lets the item be read on its own, the shortest that do."""
    words = text.split()
    if len(words) > 40:
        return []
    for size in (1, 2, 3):
        found = []
        for i in range(len(words) - size + 1):
            rest = " ".join(words[:i] + words[i + size:]).strip(" .;,")
            if rest and propose_rule(rest, kind) is not None:
                found.append(" ".join(_norm_word(w) for w in words[i:i + size]))
        if found:
            return found
    return []


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", default="/tmp/mine_cache.pkl")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--family", choices=sorted(FAMILIES))
    ap.add_argument("--examples", type=int, default=0)
    ap.add_argument("--fraction", type=float, default=1.0, help="a fixed pseudo-random share of the items (0-1)")
    ap.add_argument("--all-families", action="store_true", help="one table over the families together")
    args = ap.parse_args(argv)
    families = [args.family] if args.family else list(FAMILIES)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    totals: Counter[str] = Counter()
    unread: Counter[str] = Counter()
    records = [r for r in pickle.loads(Path(args.cache).read_bytes()) if dev_side(r.trial_id)]
    for record in records:
        proposals = propose_rules(record.criteria, record.conditions)
        for key, _parent, node in criterion_keys(record.criteria):
            text = " ".join((node.text or "").split())
            if node.kind not in ("inclusion", "exclusion") or not text or text.endswith(":"):
                continue
            mine = [f for f in families if FAMILIES[f].search(text)]
            if not mine:
                continue
            if hashlib.sha256(f"{record.trial_id}:{key}".encode()).digest()[1] >= args.fraction * 256:
                continue
            for f in mine:
                totals[f] += 1
            if proposals.get(key) is not None:
                continue
            if propose_rule(text, node.kind) is not None:
                found = ["(read alone: its lead-ins block it)"]
            elif len(text) > 250:
                found = ["(longer than 250 characters)"]
            else:
                found = blockers(text, node.kind) or ["(several words)"]
            for f in (["all"] if args.all_families else mine):
                unread[f] += 1
                for phrase in dict.fromkeys(found):
                    counts[f][phrase] += 1
                    if len(examples[(f, phrase)]) < args.examples:
                        examples[(f, phrase)].append(f"{record.trial_id}:{key} [{node.kind[:3]}] {text[:110]}")
    for f in (["all"] if args.all_families else families):
        total = sum(totals.values()) if f == "all" else totals[f]
        print(f"\n# {f}: {total} dev-side items, {unread[f]} with no proposal")
        print(f"{'items':>6}  blocking words")
        for phrase, n in counts[f].most_common(args.top):
            print(f"{n:6}  {phrase}")
            for ex in examples[(f, phrase)]:
                print(f"{'':8}e.g. {ex}")


if __name__ == "__main__":
    main(sys.argv[1:])
