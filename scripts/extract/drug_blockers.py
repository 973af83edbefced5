"""Blocking words for the treatment, washout and other-trial families (issue 16), dev side only.

For every criteria item of the dev-side trials (``sha256(trial_id)`` first byte even; the odd ones are the
test side and are skipped) that names a drug of the vocabulary or another trial / investigational product and
gets no proposal, the text is normalised (drug names -> <DRUG>, conditions -> <COND>, labs -> <LAB>, numbers ->
N) and two tables are printed: the blocking words proper (a word whose removal alone makes the item read on its own:
the one word that stands between the item and a reading) and the shapes of the unread items. An item that reads
on its own is counted as "(read alone: its lead-ins block it)".

    PYTHONPATH=. python scripts/extract/drug_blockers.py [--cache /tmp/mine_cache.pkl] [--top 15] [--examples]
        [--procedures]

``--procedures`` counts the items that name a procedure of the vocabulary too (operations, transplants,
radiotherapy, transfusions: the procedure family); without it the table is the drug table of earlier rounds.

The cache is a pickle of the records (``core.importers.registry.parse_path``) that ``scripts/extract/mine.py`` builds.
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
from scripts.extract.mine import dev_side  # noqa: E402

_OTHER_TRIAL = re.compile(r"\b(?:investigational|experimental|clinical (?:trial|study)|another (?:trial|study)"
                          r"|other (?:trial|study|studies))\b", re.IGNORECASE)
# words that carry no meaning of their own in these items: left out of the table
_FILLER = frozenset("a an the of to with for in or and by on any be is are who has have had been patients patient "
                    "subjects subject participants participant".split())


def normalise(text: str) -> str:
    """The item in lower case with its concepts and numbers replaced by placeholders."""
    from core.criteria.extract import concepts

    low = " ".join(text.lower().split())
    out, last = [], 0
    for m in concepts.find(low):
        out.append(low[last:m.start])
        out.append({"drug": "<DRUG>", "condition": "<COND>", "lab": "<LAB>", "score": "<SCORE>"}[m.kind])
        last = m.end
    out.append(low[last:])
    return re.sub(r"\d+(?:[.,]\d+)?", "N", "".join(out))


def blocking_words(norm: str) -> list[str]:
    """The words of a normalised item that are neither a placeholder nor filler (unigrams and bigrams)."""
    words = [w for w in re.findall(r"<\w+>|[a-z][a-z'/-]*|N|[<>=≥≤%]+", norm)]
    plain = [w for w in words if not w.startswith("<") and w not in _FILLER and w != "N"]
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
             if not (a.startswith("<") and b.startswith("<")) and not ({a, b} <= _FILLER)]
    return plain + pairs


def removal_blockers(text: str, kind: str) -> list[str]:
    """The words of ``text`` (normalised as in ``normalise``) whose removal alone gives a proposal."""
    from core.criteria.extract import propose_rule

    if propose_rule(text, kind) is not None:
        return ["(read alone: its lead-ins block it)"]
    words = text.split()
    if len(words) > 30:
        return []
    out = []
    for i, w in enumerate(words):
        shorter = " ".join(words[:i] + words[i + 1:])
        if shorter.strip(" .;,") and propose_rule(shorter, kind) is not None:
            out.append(normalise(w).strip(" .;,()").lower() or w)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", default="/tmp/mine_cache.pkl")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--examples", action="store_true", help="show the three most frequent texts per word")
    parser.add_argument("--procedures", action="store_true", help="count items naming a procedure too")
    args = parser.parse_args()

    from core.criteria.extract import concepts, propose_rules
    from core.trial_record import criterion_keys

    records = pickle.loads(Path(args.cache).read_bytes())
    words: collections.Counter[str] = collections.Counter()
    shapes: collections.Counter[str] = collections.Counter()
    examples: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    removal: collections.Counter[str] = collections.Counter()
    removal_examples: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    items = unread = 0
    for record in records:
        if not dev_side(record.trial_id):
            continue
        proposals = propose_rules(record.criteria)
        for key, _parent, node in criterion_keys(record.criteria):
            text = node.text or ""
            named = any(m.kind == "drug" for m in concepts.find(text.lower())) or bool(_OTHER_TRIAL.search(text)) or (
                args.procedures and bool(concepts.find(text.lower(), kinds=("procedure",))))
            if text.rstrip().endswith(":") or not named:
                continue
            items += 1
            if proposals.get(key) is not None:
                continue
            unread += 1
            norm = normalise(text)
            shapes[norm.strip(" .;")] += 1
            for w in set(removal_blockers(text, node.kind)):
                removal[w] += 1
                removal_examples[w][norm.strip(" .;")[:140]] += 1
            for w in set(blocking_words(norm)):
                words[w] += 1
                examples[w][norm.strip(" .;")[:140]] += 1
    what = "a drug, a procedure or another trial" if args.procedures else "a drug or another trial"
    print(f"{items} dev-side items name {what}; {unread} have no proposal")
    print("\nblocking words: removing the word alone makes the item read (items, of those unread):")
    for w, n in removal.most_common(args.top):
        print(f"{n:6}  {w}")
        if args.examples:
            for t, k in removal_examples[w].most_common(3):
                print(f"          {k:4}  {t}")
    print(f"\nmost frequent words in the unread ones (items containing each, of {unread}):")
    for w, n in words.most_common(args.top):
        print(f"{n:6}  {w}")
        if args.examples:
            for t, k in examples[w].most_common(3):
                print(f"          {k:4}  {t}")
    print("\nmost frequent unread shapes:")
    for s, n in shapes.most_common(args.top):
        print(f"{n:6}  {s[:150]}")


if __name__ == "__main__":
    main()
