"""Build ``resources/vocab/procedures.json`` from ``scripts/vocab/sources/procedures.psv``.

One procedure a line (``id | label | kind | parents | icd10 | abbreviations | synonyms | zh | ja | open_in``,
see the file's header and ``docs/vocab-procedures.md``). The script checks what a person could get wrong:
snake_case ids used once, kinds, parents that exist and no cycle, ``open_in`` naming an ancestor, every
ICD-10-CM status code valid (``simple-icd-10-cm``; titles stored so the app needs no package at run time),
and no name or abbreviation naming two concepts neither of which is above the other. The output is
deterministic (concepts sorted by id, keys sorted, indent 1, UTF-8).

Run: ``/work/main/.venv/bin/python scripts/vocab/build_procedures.py`` (``--check`` only compares the built
JSON with the committed file and exits 1 when they differ).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # vocab_output beside this script

from vocab_output import check_or_write, render  # noqa: E402

from core.vocab.procedures import Procedure  # noqa: E402
from core.vocab.term_index import TermIndex  # noqa: E402
from core.vocab.text import normalise  # noqa: E402

SOURCE = ROOT / "scripts" / "vocab" / "sources" / "procedures.psv"
OUTPUT = ROOT / "resources" / "vocab" / "procedures.json"
FIELDS = ("id", "label", "kind", "parents", "icd10", "abbreviations", "synonyms", "zh", "ja", "open_in")
LIST_FIELDS = ("parents", "icd10", "abbreviations", "synonyms", "zh", "ja")
KINDS = {"g": "group", "p": "procedure"}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class BuildError(ValueError):
    """The source is inconsistent; the message lists every problem found."""


def parse(text: str, name: str = SOURCE.name) -> list[dict]:
    """Concept dicts from the source text, names de-duplicated within each concept."""
    concepts, errors = [], []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("|")]
        where = f"{name}:{number}"
        if not 3 <= len(cells) <= len(FIELDS):
            errors.append(f"{where}: expected 3 to {len(FIELDS)} fields, found {len(cells)}")
            continue
        raw = dict(zip(FIELDS, cells + [""] * (len(FIELDS) - len(cells)), strict=True))
        if raw["kind"] not in KINDS:
            errors.append(f"{where}: kind {raw['kind']!r} is not g or p")
            continue
        if not ID_RE.match(raw["id"]):
            errors.append(f"{where}: {raw['id']!r} is not a snake_case ASCII id")
            continue
        concept = {"id": raw["id"], "label": raw["label"], "kind": KINDS[raw["kind"]],
                   "open_in": raw["open_in"] or None}
        for field in LIST_FIELDS:
            concept[field] = list(dict.fromkeys(p.strip() for p in raw[field].split(";") if p.strip()))
        seen = {normalise(concept["label"])}
        synonyms = []
        for synonym in concept["synonyms"]:
            if normalise(synonym) not in seen:
                seen.add(normalise(synonym))
                synonyms.append(synonym)
        concept["synonyms"] = synonyms
        concepts.append(concept)
    if errors:
        raise BuildError("\n".join(errors))
    return concepts


def _icd_title(code: str) -> str | None:
    import simple_icd_10_cm as cm  # only the build needs it

    return cm.get_description(code) if cm.is_valid_item(code) else None


def check(concepts: list[dict]) -> dict[str, str]:
    """Every problem at once (BuildError); returns the ICD-10-CM titles of the codes used."""
    errors = []
    ids = [c["id"] for c in concepts]
    for cid in {i for i in ids if ids.count(i) > 1}:
        errors.append(f"{cid!r} is defined twice")
    known = set(ids)
    for c in concepts:
        errors += [f"{c['id']}: parent {p!r} does not exist" for p in c["parents"] if p not in known]
    if errors:
        raise BuildError("\n".join(errors))
    try:
        index = TermIndex(Procedure.from_dict(c) for c in concepts)
    except ValueError as exc:  # a cycle
        raise BuildError(str(exc)) from None
    errors += index.conflicts()
    for c in concepts:
        if c["open_in"] and c["open_in"] not in index.ancestors(c["id"]):
            errors.append(f"{c['id']}: open_in {c['open_in']!r} is not above it")
    titles = {}
    for c in concepts:
        for code in c["icd10"]:
            title = _icd_title(code)
            if title is None:
                errors.append(f"{c['id']}: {code!r} is not an ICD-10-CM code")
            else:
                titles[code] = title
    if errors:
        raise BuildError("\n".join(sorted(errors)))
    return titles


def build(text: str | None = None) -> dict:
    concepts = parse(SOURCE.read_text(encoding="utf-8") if text is None else text)
    titles = check(concepts)
    import importlib.metadata as md

    return {
        "about": "Procedures (operations, transplants, radiotherapy, apheresis, dialysis, injections): built by "
                 "scripts/vocab/build_procedures.py from scripts/vocab/sources/procedures.psv "
                 "(docs/vocab-procedures.md).",
        "sources": {"icd10": "ICD-10-CM status codes (public domain, CDC/NCHS), titles via simple-icd-10-cm "
                             f"{md.version('simple_icd_10_cm')} (MIT)"},
        "concepts": sorted(concepts, key=lambda c: c["id"]),
        "icd10_titles": dict(sorted(titles.items())),
    }


def main(argv: list[str]) -> int:
    try:
        data = build()
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 2
    code, written = check_or_write(render(data), OUTPUT, "--check" in argv, f"run {Path(__file__).name}")
    if written:
        print(f"wrote {OUTPUT.relative_to(ROOT)} ({len(data['concepts'])} procedures)")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
