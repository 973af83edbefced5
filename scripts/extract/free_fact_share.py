"""How many expressible items of the TUNING label parts need a fact the app does not have (issue 16).

A label writes a fact the app holds under its own key (``condition``, ``drug``, ``lab`` …) or, for anything else, in
plain words (``{"fact": "morning stiffness duration", …}``). An item whose reading holds a plain-words fact that is
neither an app fact id, nor one of the yardstick's ``PLAIN_FACTS``, nor a score or lab the vocabularies resolve,
cannot be read fully right with today's facts: the share bounds the coverage today's facts allow.

Tuning parts only (dev, test2, test3); the held-out parts are never opened item by item.

    PYTHONPATH=. python scripts/extract/free_fact_share.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_extraction import LABELS, TUNING  # noqa: E402
from benchmarks.extraction_compare_plain import PLAIN_FACTS, plain_compared  # noqa: E402
from core.patient.facts import fact_ids  # noqa: E402


def needs_new_fact(node: Any, known: set[str]) -> bool:
    """Whether a reading holds a plain-words fact the app cannot say."""
    if isinstance(node, dict):
        name = node.get("fact")
        if isinstance(name, str) and name not in known and name not in PLAIN_FACTS \
                and not ("op" in node and plain_compared(name)):
            return True
        return any(needs_new_fact(v, known) for v in node.values())
    if isinstance(node, list):
        return any(needs_new_fact(v, known) for v in node)
    return False


def main() -> None:
    known = set(fact_ids())
    total = new = 0
    for split in TUNING:
        items = [json.loads(line) for line in (LABELS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
                 if line.strip()]
        expressible = [it for it in items if it["category"] == "expressible"]
        needing = sum(needs_new_fact(it.get("reading"), known) for it in expressible)
        total, new = total + len(expressible), new + needing
        print(f"{split}: {needing} of {len(expressible)} expressible items need a fact the app does not have "
              f"({100 * needing / max(1, len(expressible)):.0f} %)")
    print(f"tuning parts: {new} of {total} ({100 * new / max(1, total):.1f} %); coverage today's facts allow: "
          f"{100 * (total - new) / max(1, total):.1f} %")


if __name__ == "__main__":
    main()
