"""Second, blind labelling of a random subset of a held-out part: draw the items, then compare the labellings.

Issue 16 asks how reliable the one-person labels of a part (``test3.jsonl``, ``test4.jsonl``, ``test6.jsonl``,
``test7.jsonl``, ``test8.jsonl``, ``test9.jsonl``) are. A second labeller labels 50 items drawn with the part's seed
(``SEEDS``: test3 ``random.Random(7)``, test4 ``random.Random(8)``, test6 ``random.Random(9)``, test7
``random.Random(10)``, test8 ``random.Random(11)``, test9 ``random.Random(12)``) from ``<part>.jsonl`` (in file
order), seeing only the item text, its kind and its lead-in chain (parent texts, and the neighbouring siblings for
the README's sibling rule), never the first labels; the labels go to ``<part>.second.jsonl``; only then are the two
compared (``<part>.agreement.md`` holds the result).

Usage (from the repository root; ``--part`` defaults to test3)::

    python tests/core/criteria/labels/agreement.py draw --part test4 [OUT.jsonl]  # items to label, no label
    python tests/core/criteria/labels/agreement.py compare --part test4           # agreement and differences
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[3]
# One seed per part, so each part's draw is fixed before anyone labels it (an existing part's must never change).
SEEDS = {"test3": 7, "test4": 8, "test6": 9, "test7": 10, "test8": 11, "test9": 12}
SEED = SEEDS["test3"]
COUNT = 50
CATEGORIES = ("expressible", "not_expressible", "judgement", "non_criterion")
# What the second labeller may see of a first-labelled row: never category, reading, families or note.
BLIND_FIELDS = ("id", "trial_id", "source", "key", "kind", "text", "domain")


def _rows(name: str) -> list[dict[str, Any]]:
    text = (HERE / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def drawn_ids(part: str = "test3") -> list[str]:
    """Ids of the 50 items of ``part`` given to the second labeller, in drawing order."""
    rows = [{k: r[k] for k in BLIND_FIELDS} for r in _rows(f"{part}.jsonl")]
    return [r["id"] for r in random.Random(SEEDS[part]).sample(rows, COUNT)]


def draw(out: Path, part: str = "test3") -> int:
    """Write the drawn items with their lead-in chain and siblings (no label field); their count."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    spec = importlib.util.spec_from_file_location("label_sampler", HERE / "sample_items.py")
    assert spec and spec.loader
    sampler = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sampler)
    from core.trial_record import criterion_keys

    order = drawn_ids(part)
    wanted = set(order)
    rows = {r["id"]: {k: r[k] for k in BLIND_FIELDS} for r in _rows(f"{part}.jsonl") if r["id"] in wanted}
    records = sampler.load_sources({r["source"] for r in rows.values()})
    lines = []
    for item_id in order:
        row = rows[item_id]
        record = next(x for x in records[row["source"]] if x.trial_id == row["trial_id"])
        keys = criterion_keys(record.criteria)
        by_key = {k: (parent, node) for k, parent, node in keys}
        parent, node = by_key[row["key"]]
        chain: list[str] = []
        while parent:
            chain.insert(0, by_key[parent][1].text)
            parent = by_key[parent][0]
        # Siblings: same parent and, at the top level, the same list (inclusion or exclusion).
        siblings = [k for k, p, _n in keys if p == by_key[row["key"]][0] and k[:3] == row["key"][:3]]
        i = siblings.index(row["key"])
        lines.append(json.dumps({
            "id": item_id, "kind": row["kind"], "text": node.text, "lead_in": chain,
            "prev": by_key[siblings[i - 1]][1].text if i > 0 else None,
            "next": by_key[siblings[i + 1]][1].text if i + 1 < len(siblings) else None,
            "sub_items": [c.text for c in node.children], "title": record.title, "conditions": record.conditions,
        }, ensure_ascii=False))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    """(observed agreement, chance agreement, Cohen's kappa) of two labellings of the same items."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[c] * second[c] for c in set(first) | set(second)) / (n * n)
    return observed, chance, (observed - chance) / (1 - chance) if chance < 1 else 1.0


def compare(part: str = "test3") -> None:
    """Print the category agreement, kappa, the confusion table and every row side by side."""
    first = {r["id"]: r for r in _rows(f"{part}.jsonl")}
    second = _rows(f"{part}.second.jsonl")
    pairs = [(first[s["id"]]["category"], s["category"]) for s in second]
    observed, chance, k = kappa(pairs)
    print(f"{len(pairs)} items: category agreement {sum(a == b for a, b in pairs)}/{len(pairs)} "
          f"({observed:.1%}), chance {chance:.3f}, Cohen's kappa {k:.3f}")
    binary = [(a == "expressible", b == "expressible") for a, b in pairs]
    print(f"expressible vs not: kappa {kappa([(str(a), str(b)) for a, b in binary])[2]:.3f}")
    print("confusion (rows: first labeller, columns: second):", ", ".join(CATEGORIES))
    for a in CATEGORIES:
        print(f"  {a:16}", [sum(x == a and y == b for x, y in pairs) for b in CATEGORIES])
    same = lambda key: sum(first[s["id"]][key] == s[key] for s in second)  # noqa: E731
    print(f"modifiable equal {same('modifiable')}/{len(second)}, families equal as sets "
          f"{sum(set(first[s['id']]['families']) == set(s['families']) for s in second)}/{len(second)}")
    for s in second:
        f = first[s["id"]]
        print(f"\n[{'same' if f['category'] == s['category'] else 'DIFF'}] {s['id']}: {f['text'][:160]}")
        for who, row in (("1st", f), ("2nd", s)):
            print(f"  {who}: {row['category']} {json.dumps(row['reading'], ensure_ascii=False)} | {row['note']}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="write the drawn items, without labels")
    d.add_argument("out", nargs="?", type=Path, default=Path("/tmp/agree_items.jsonl"))
    c = sub.add_parser("compare", help="compare <part>.second.jsonl with <part>.jsonl")
    for p in (d, c):
        p.add_argument("--part", choices=sorted(SEEDS), default="test3", help="the labelled part (default test3)")
    args = parser.parse_args(argv)
    if args.command == "draw":
        print(f"{draw(args.out, args.part)} items written to {args.out}")
    else:
        compare(args.part)


if __name__ == "__main__":
    main()
