"""Rank the Chia entities the concept finder misses, on the Chia files the benchmark does not use.

``benchmarks/extraction_chia.py`` measures the concept finder on the first ``SAMPLE_FILES`` ``.ann``
files (name order) of ``chia_without_scope.zip``. This script reads only the *other* files, so that
mining vocabulary gaps here keeps the benchmark a fair measure. For each family (Condition, Drug,
Measurement) it prints the annotated entity texts that no mention of that family overlaps
(normalised, counted: the candidates for new terms) and the terms the finder reads where Chia
annotates nothing of that family (the candidates for precision problems).

Run: ``PYTHONPATH=. /work/main/.venv/bin/python scripts/vocab/mine_chia_gaps.py [--top N] [--family Drug]``
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.extraction_chia import CHIA, FAMILIES, SAMPLE_FILES, _entities  # noqa: E402
from core.criteria.extract.concepts import find  # noqa: E402
from core.vocab.text import normalise  # noqa: E402


def mining_files() -> list[tuple[str, str, list[tuple[str, int, int]]]]:
    """(name, text, entities) of every Chia file outside the benchmark sample."""
    with zipfile.ZipFile(CHIA) as z:
        anns = sorted(n for n in z.namelist() if n.endswith(".ann"))[SAMPLE_FILES:]
        return [(name, z.read(name[:-4] + ".txt").decode("utf-8", errors="replace"),
                 _entities(z.read(name).decode("utf-8", errors="replace"))) for name in anns]


def gaps() -> tuple[dict[str, Counter], dict[str, Counter], dict[str, list[int]]]:
    """Per family: missed entity forms, unmatched finder terms, and [gold, recalled, found, matched]."""
    missed = {f: Counter() for f in FAMILIES}
    spurious = {f: Counter() for f in FAMILIES}
    totals = {f: [0, 0, 0, 0] for f in FAMILIES}
    for _name, text, gold in mining_files():
        mentions = find(text)
        for family, kinds in FAMILIES.items():
            mine = [m for m in mentions if m.kind in kinds]
            theirs = [(s, e) for label, s, e in gold if label == family]
            t = totals[family]
            t[0] += len(theirs)
            t[2] += len(mine)
            for st, e in theirs:
                if any(m.start < e and m.end > st for m in mine):
                    t[1] += 1
                else:
                    missed[family][normalise(" ".join(text[st:e].split()))] += 1
            for m in mine:
                if any(m.start < e and m.end > st for st, e in theirs):
                    t[3] += 1
                else:
                    spurious[family][f"{text[m.start:m.end]} -> {m.concept_id}"] += 1
    return missed, spurious, totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=80)
    parser.add_argument("--family", choices=sorted(FAMILIES), help="only this family")
    args = parser.parse_args(argv)
    missed, spurious, totals = gaps()
    for family in sorted(FAMILIES):
        if args.family and family != args.family:
            continue
        gold, recalled, found, matched = totals[family]
        print(f"== {family}: recall {100 * recalled / max(gold, 1):.1f}% of {gold}, "
              f"precision {100 * matched / max(found, 1):.1f}% of {found} (files outside the benchmark sample)")
        print(f"-- most frequent missed {family} entities:")
        for form, count in missed[family].most_common(args.top):
            print(f"  {count:4d}  {form}")
        print(f"-- most frequent finder terms on no {family} entity:")
        for form, count in spurious[family].most_common(args.top // 2):
            print(f"  {count:4d}  {form}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
