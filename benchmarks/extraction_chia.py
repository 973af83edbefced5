"""The concept finder (``core.criteria.extract.concepts``) against Chia's hand-annotated entities.

Chia (Kury et al. 2020, doi:10.1038/s41597-020-00620-0) annotates the eligibility criteria of 1,000
trials in brat format. On a fixed sample (the first ``SAMPLE_FILES`` ``.ann`` files in name order of
``chia_without_scope.zip``), every mention the finder returns is compared with Chia's spans:
condition mentions with ``Condition``, drug mentions with ``Drug``, lab and score mentions with
``Measurement``. A mention is right when it overlaps a Chia entity of its type (precision); a Chia
entity is found when a mention of its type overlaps it (recall). Overlap, not exact boundaries:
Chia's spans often include modifiers ("severe liver cirrhosis") that the vocabulary term does not.
Recall is bounded by the vocabularies' scope (rheumatology and immunology first; Chia is mostly
oncology, cardiology and general medicine).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHIA = ROOT.parent / "shared" / "data" / "chia" / "chia_without_scope.zip"
SAMPLE_FILES = 200
FAMILIES = {"Condition": ("condition",), "Drug": ("drug",), "Measurement": ("lab", "score")}


def _entities(ann: str) -> list[tuple[str, int, int]]:
    out = []
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, spans = parts[1].partition(" ")
        offsets = [int(x) for piece in spans.split(";") for x in piece.split()]
        if label in FAMILIES and offsets:
            out.append((label, min(offsets), max(offsets)))
    return out


def sample(limit: int = SAMPLE_FILES) -> list[tuple[str, str, list[tuple[str, int, int]]]]:
    """(name, text, Chia entities) of the fixed sample."""
    if not CHIA.exists():
        return []
    with zipfile.ZipFile(CHIA) as z:
        anns = sorted(n for n in z.namelist() if n.endswith(".ann"))[:limit]
        out = []
        for name in anns:
            text = z.read(name[:-4] + ".txt").decode("utf-8", errors="replace")
            out.append((name, text, _entities(z.read(name).decode("utf-8", errors="replace"))))
    return out


def chia_scores(limit: int = SAMPLE_FILES) -> dict[str, dict]:
    from core.criteria.extract.concepts import find

    files = sample(limit)
    scores = {family: {"found": 0, "matched": 0, "gold": 0, "recalled": 0, "files": len(files)}
              for family in FAMILIES}
    for _name, text, gold in files:
        mentions = find(text)
        for family, kinds in FAMILIES.items():
            mine = [(m.start, m.end) for m in mentions if m.kind in kinds]
            theirs = [(s, e) for label, s, e in gold if label == family]
            s = scores[family]
            s["found"] += len(mine)
            s["matched"] += sum(1 for a, b in mine if any(a < e and b > st for st, e in theirs))
            s["gold"] += len(theirs)
            s["recalled"] += sum(1 for st, e in theirs if any(a < e and b > st for a, b in mine))
    for s in scores.values():
        s["precision"] = 100 * s["matched"] / s["found"] if s["found"] else 0.0
        s["recall"] = 100 * s["recalled"] / s["gold"] if s["gold"] else 0.0
    return scores
