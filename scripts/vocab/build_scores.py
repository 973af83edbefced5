"""Build resources/vocab/scores.json from scripts/vocab/sources/scores.json.

    /work/main/.venv/bin/python scripts/vocab/build_scores.py [--check]

The source writes bands compactly as ``[name, "<" or "<=", upper]`` with the last band
``[name]``; the output spells them out (``{"name", "upper", "inclusive"}``). The script
checks what a person could get wrong: unique snake_case ids, existing parents, a range with
min < max, bands strictly ascending and inside the range, ordinal levels inside the range,
known kinds and directions, and no abbreviation that the source lists as excluded.
The output is deterministic: scores sorted by id, keys sorted, indent 1, UTF-8.
``--check`` only reports whether the built file is up to date (exit 1 when not).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # vocab_output beside this script

from vocab_output import check_or_write, render  # noqa: E402

from core.vocab.scores import DIRECTIONS, KINDS  # noqa: E402

SOURCE = ROOT / "scripts" / "vocab" / "sources" / "scores.json"
GAPS = SOURCE.with_name("scores_gaps.json")
OUTPUT = ROOT / "resources" / "vocab" / "scores.json"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


def _bands(sid: str, raw: list[list[Any]], rng: list[float] | None) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    previous = None
    for i, band in enumerate(raw):
        last = i == len(raw) - 1
        if last:
            if len(band) != 1:
                raise ValueError(f"{sid}: the last band must be open-ended ([name])")
            out.append({"name": band[0]})
            continue
        name, op, upper = band
        if op not in ("<", "<="):
            raise ValueError(f"{sid}: band operator must be '<' or '<=', not {op!r}")
        if previous is not None and upper <= previous:
            raise ValueError(f"{sid}: bands must ascend ({upper} after {previous})")
        if rng and not rng[0] <= upper <= rng[1]:
            raise ValueError(f"{sid}: band bound {upper} lies outside the range {rng}")
        previous = upper
        out.append({"name": name, "upper": upper, "inclusive": op == "<="})
    names = [b["name"] for b in out]
    if len(names) != len(set(names)) or not all(names):
        raise ValueError(f"{sid}: band names must be unique and non-empty")
    return out


def build_score(src: dict[str, Any]) -> dict[str, Any]:
    """The output record of one score; raises ValueError on anything inconsistent."""
    sid = src["id"]
    if not _ID.match(sid):
        raise ValueError(f"{sid!r} is not a snake_case ASCII id")
    if src["kind"] not in KINDS:
        raise ValueError(f"{sid}: kind {src['kind']!r} is not one of {KINDS}")
    if src["direction"] not in DIRECTIONS:
        raise ValueError(f"{sid}: direction {src['direction']!r} is not one of {DIRECTIONS}")
    rng = src.get("range")
    if rng is not None and not rng[0] < rng[1]:
        raise ValueError(f"{sid}: range {rng} must have min < max")
    if rng is None and not src.get("group") and src.get("scale") != "grade":
        raise ValueError(f"{sid}: a numeric score needs a range")
    out = {k: v for k, v in src.items() if k not in ("bands",)}
    for key in ("synonyms", "abbreviations", "zh", "ja", "parents", "conditions"):
        out.setdefault(key, [])
    out["group"] = bool(src.get("group", False))
    out["integer"] = bool(src.get("integer", False))
    if "bands" in src:
        out["bands"] = _bands(sid, src["bands"], rng)
    for key in src.get("levels", {}):
        if rng is not None and not (key.lstrip("-").isdigit() and rng[0] <= int(key) <= rng[1]):
            raise ValueError(f"{sid}: level {key!r} is not a whole number inside the range {rng}")
    for condition in out["conditions"]:
        if not _ID.match(condition):
            raise ValueError(f"{sid}: condition id {condition!r} is not snake_case")
    return out


def _with_gaps(source: dict[str, Any]) -> dict[str, Any]:
    """The source plus ``scores_gaps.json`` (issue 15 gap-filling, kept apart so scores.json stays as it was):
    its scores are appended, its ``extend`` adds synonyms and abbreviations to existing ones."""
    if not GAPS.exists():
        return source
    gaps = json.loads(GAPS.read_text(encoding="utf-8"))
    by_id = {s["id"]: s for s in source["scores"]}
    for sid, extra in gaps.get("extend", {}).items():
        if sid not in by_id:
            raise ValueError(f"scores_gaps.json extends unknown score {sid!r}")
        for key, values in extra.items():
            by_id[sid][key] = list(dict.fromkeys([*by_id[sid].get(key, []), *values]))
    return {**source, "scores": [*source["scores"], *gaps.get("scores", [])]}


def build() -> dict[str, Any]:
    source = _with_gaps(json.loads(SOURCE.read_text(encoding="utf-8")))
    scores = [build_score(s) for s in source["scores"]]
    ids = [s["id"] for s in scores]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate score ids")
    excluded = source.get("excluded_abbreviations", {})
    for s in scores:
        for parent in s["parents"]:
            if parent not in ids:
                raise ValueError(f"{s['id']}: parent {parent!r} does not exist")
        for abbreviation in s["abbreviations"]:
            if abbreviation in excluded:
                raise ValueError(f"{s['id']}: {abbreviation!r} is listed as excluded")
    return {
        "about": "Clinical instruments and scores: built by scripts/vocab/build_scores.py from "
                 "scripts/vocab/sources/scores.json (docs/vocab-scores.md).",
        "ambiguous": source.get("ambiguous", {}),
        "excluded_abbreviations": excluded,
        "scores": sorted(scores, key=lambda s: s["id"]),
    }




def main(argv: list[str]) -> int:
    code, written = check_or_write(render(build()), OUTPUT, "--check" in argv, f"run {Path(__file__).name}")
    if written:
        print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
