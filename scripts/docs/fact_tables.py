"""Regenerate the "Fact ids" tables of docs/patient-profile.md from the fact registry.

    python scripts/docs/fact_tables.py        # rewrites the section in place
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.patient import facts  # noqa: E402

GROUPS = ("demographics", "diagnosis", "treatment", "labs", "findings", "history", "consent")


def _range(fact) -> str:
    if fact.choices:
        return " / ".join(fact.choices)
    parts = []
    if fact.unit:
        parts.append(fact.unit)
    if fact.minimum is not None or fact.maximum is not None:
        low = "" if fact.minimum is None else f"{fact.minimum:g}"
        high = "" if fact.maximum is None else f"{fact.maximum:g}"
        parts.append(f"{low}–{high}")
    return " ".join(parts)


def tables() -> str:
    out = ["## Fact ids", ""]
    by_group: dict[str, list] = {}
    for fact_id in facts.fact_ids():
        fact = facts.get_fact(fact_id)
        group = fact.group if fact.group in GROUPS else "findings"
        by_group.setdefault(group, []).append(fact)
    for group in GROUPS:
        out += [f"### {group}", "", "| id | type | unit / range | raw or derived | question |", "|---|---|---|---|---|"]
        for fact in by_group.get(group, []):
            kind = "derived" if fact.derived else f"raw: {fact.section}"
            out.append(f"| `{fact.id}` | {fact.type} | {_range(fact)} | {kind} | {fact.question} |")
        out.append("")
    return "\n".join(out)


def main() -> None:
    doc = ROOT / "docs" / "patient-profile.md"
    text = doc.read_text(encoding="utf-8")
    start = text.index("## Fact ids")
    doc.write_text(text[:start] + tables(), encoding="utf-8")


if __name__ == "__main__":
    main()
