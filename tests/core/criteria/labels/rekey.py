"""Follow the splitter: re-key labelled items whose text moved to another key.

When the splitter changes (a wrapped line joined back), item keys of a trial can shift. A
label belongs to its text, not to its key: this script moves each label whose text now lives
under another key of the same trial (same kind, identical text) to that key, and marks a label
whose text no longer exists as an item ``"retired"`` with the reason (the benchmark leaves
retired items out and counts them). It never reads or changes a reading. Run it after a
splitter change; ``tests/core/criteria/test_labels.py`` fails until labels follow the split.

    python tests/core/criteria/labels/rekey.py [--dry-run]
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))

from core.trial_record import criterion_keys  # noqa: E402


def _sampler():
    spec = importlib.util.spec_from_file_location("label_sampler", HERE / "sample_items.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def rekey(rows: list[dict], records: dict) -> list[str]:
    """Re-key or retire ``rows`` in place; returns one line per change."""
    changes = []
    for row in rows:
        if row.get("retired") or row.get("resplit"):  # resplit rows stay as labelled (labels README)
            continue
        trial = [rec for rec in records[row["source"]] if rec.trial_id == row["trial_id"]][0]
        items = [(key, node) for key, _parent, node in criterion_keys(trial.criteria)]
        by_key = dict(items)
        node = by_key.get(row["key"])
        if node is not None and node.text == row["text"] and node.kind == row["kind"]:
            continue
        same = [key for key, n in items if n.text == row["text"] and n.kind == row["kind"]]
        if len(same) == 1:
            changes.append(f"{row['id']} -> {row['trial_id']}:{same[0]}")
            row.setdefault("rekeyed_from", row["id"])  # the id it was drawn and labelled under
            row["key"], row["id"] = same[0], f"{row['trial_id']}:{same[0]}"
            continue
        within = [key for key, n in items if row["text"] and row["text"] in n.text and n.kind == row["kind"]]
        reason = (f"the splitter now joins this text into {within[0]}" if len(within) == 1
                  else "the splitter no longer produces this text as an item")
        row["retired"] = reason
        changes.append(f"{row['id']} retired: {reason}")
    return changes


def main() -> None:
    sampler = _sampler()
    for name in ("dev", "test", *sampler.HELD_OUT):
        path = HERE / f"{name}.jsonl"
        if not path.exists():  # a held-out part drawn but not yet labelled
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        records = sampler.load_sources({r["source"] for r in rows})
        changes = rekey(rows, records)
        print(f"{name}: {len(changes)} change(s)")
        for line in changes:
            print("  " + line)
        if changes and "--dry-run" not in sys.argv:
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    main()
