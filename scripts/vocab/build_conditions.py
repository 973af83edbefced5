"""Build ``resources/vocab/conditions.json`` from the curated sources.

Reads ``scripts/vocab/sources/conditions_*.psv`` (one concept a line, see the header of
``conditions_rheumatic.psv``) and ``conditions_ambiguous.psv`` (deliberate ambiguities), checks
every ICD-10-CM code with the ``simple-icd-10-cm`` package (and stores each code's title so the app
needs no package at run time), checks SNOMED CT ids' Verhoeff check digit, the hierarchy (parents
exist, no cycles) and that no name or abbreviation names two concepts, then writes the JSON
deterministically (sorted keys, concepts sorted by id, ``ensure_ascii=False``, indent 1).

Run: ``/work/main/.venv/bin/python scripts/vocab/build_conditions.py`` (``--check`` only compares
the built JSON with the committed file and exits 1 when they differ).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # vocab_output beside this script

from vocab_output import check_or_write, render  # noqa: E402

from core.vocab.text import normalise  # noqa: E402

SOURCES = ROOT / "scripts" / "vocab" / "sources"
OUTPUT = ROOT / "resources" / "vocab" / "conditions.json"
FIELDS = ("id", "label", "kind", "parents", "icd10", "abbreviations", "synonyms", "zh", "ja", "snomed")
LIST_FIELDS = ("parents", "icd10", "abbreviations", "synonyms", "zh", "ja")
KINDS = {"r": "rheumatic", "c": "comorbidity", "g": "group"}
ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
FORMAT_VERSION = 1


class BuildError(ValueError):
    """The sources are inconsistent; the message lists every problem found."""


# --- parsing -----------------------------------------------------------------------------------

def _rows(path: Path) -> Iterable[tuple[int, list[str]]]:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, [cell.strip() for cell in line.split("|")]


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def parse_concepts(paths: Iterable[Path]) -> list[dict]:
    """Concept dicts from the curated files, names de-duplicated within each concept."""
    concepts, errors = [], []
    for path in paths:
        for number, cells in _rows(path):
            where = f"{path.name}:{number}"
            if len(cells) < 5 or len(cells) > len(FIELDS):
                errors.append(f"{where}: expected 5 to {len(FIELDS)} fields, found {len(cells)}")
                continue
            raw = dict(zip(FIELDS, cells + [""] * (len(FIELDS) - len(cells)), strict=True))
            if raw["kind"] not in KINDS:
                errors.append(f"{where}: kind {raw['kind']!r} is not one of r, c, g")
                continue
            concept: dict = {"id": raw["id"], "label": raw["label"], "kind": KINDS[raw["kind"]], "where": where}
            for field in LIST_FIELDS:
                concept[field] = _split(raw[field])
            concept["snomed"] = raw["snomed"] or None
            concepts.append(_dedupe_names(concept))
    if errors:
        raise BuildError("\n".join(errors))
    return concepts


def _dedupe_names(concept: dict) -> dict:
    """Drop synonyms equal (after normalise) to the label or an earlier synonym; same for zh/ja."""
    seen = {normalise(concept["label"])}
    synonyms = []
    for name in concept["synonyms"]:
        if normalise(name) not in seen:
            seen.add(normalise(name))
            synonyms.append(name)
    concept["synonyms"] = synonyms
    for field in ("zh", "ja", "abbreviations", "icd10", "parents"):
        concept[field] = list(dict.fromkeys(concept[field]))
    return concept


EXTEND_FIELDS = ("id", "parents", "abbreviations", "synonyms", "zh", "ja")


def apply_extensions(concepts: list[dict], path: Path) -> list[dict]:
    """Add the names and parents listed in ``path`` (``id | parents | abbreviations | synonyms | zh | ja``)
    to concepts defined elsewhere: gap-filling stays in its own file, the original lines untouched."""
    by_id = {c["id"]: c for c in concepts}
    errors = []
    for number, cells in _rows(path):
        where = f"{path.name}:{number}"
        if len(cells) < 2 or len(cells) > len(EXTEND_FIELDS) or cells[0] not in by_id:
            errors.append(f"{where}: expected 'id | parents | abbreviations | synonyms | zh | ja' of a known id")
            continue
        concept = by_id[cells[0]]
        for field, cell in zip(EXTEND_FIELDS[1:], cells[1:], strict=False):
            concept[field] = concept[field] + _split(cell)
        _dedupe_names(concept)
    if errors:
        raise BuildError("\n".join(errors))
    return concepts


def parse_ambiguous(path: Path) -> list[dict]:
    entries, errors = [], []
    for number, cells in _rows(path):
        if len(cells) != 5 or cells[1] not in ("cs", "ci"):
            errors.append(f"{path.name}:{number}: expected 'term | cs/ci | concept | candidates | note'")
            continue
        term, case, concept, candidates, note = cells
        entries.append({"term": term, "case_sensitive": case == "cs", "concept": None if concept == "-" else concept,
                        "candidates": _split(candidates), "note": note, "where": f"{path.name}:{number}"})
    if errors:
        raise BuildError("\n".join(errors))
    return entries


# --- checks ------------------------------------------------------------------------------------

def verhoeff_ok(number: str) -> bool:
    """SNOMED CT identifiers end in a Verhoeff check digit."""
    d = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5], [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
         [3, 4, 0, 1, 2, 8, 9, 5, 6, 7], [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
         [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3], [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
         [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]]
    p = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4], [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
         [8, 9, 1, 6, 0, 4, 3, 5, 2, 7], [9, 4, 5, 3, 1, 2, 6, 8, 7, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
         [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8]]
    if not number.isdigit() or not 6 <= len(number) <= 18:
        return False
    c = 0
    for i, digit in enumerate(reversed(number)):
        c = d[c][p[i % 8][int(digit)]]
    return c == 0


def ancestors_of(concept_id: str, parents: dict[str, list[str]]) -> set[str]:
    seen: set[str] = set()
    stack = list(parents.get(concept_id, []))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(parents.get(current, []))
    return seen


def _find_cycle(parents: dict[str, list[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for parent in parents.get(node, []):
            if state.get(parent) == 1:
                return path[path.index(parent):] + [parent]
            if parent in parents and state.get(parent) is None:
                found = visit(parent)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(parents):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def check(concepts: list[dict], ambiguous: list[dict], icd_valid) -> list[str]:
    """Every problem in the sources, as messages (empty when the vocabulary is consistent)."""
    errors: list[str] = []
    by_id: dict[str, dict] = {}
    for c in concepts:
        if not ID_RE.match(c["id"]):
            errors.append(f"{c['where']}: id {c['id']!r} is not snake_case ASCII")
        if c["id"] in by_id:
            errors.append(f"{c['where']}: id {c['id']!r} already used at {by_id[c['id']]['where']}")
        by_id[c["id"]] = c
    parents = {c["id"]: c["parents"] for c in concepts}
    for c in concepts:
        for parent in c["parents"]:
            if parent not in by_id:
                errors.append(f"{c['where']}: parent {parent!r} of {c['id']} does not exist")
            elif parent == c["id"]:
                errors.append(f"{c['where']}: {c['id']} is its own parent")
        if not c["icd10"] and c["kind"] != "group":
            errors.append(f"{c['where']}: {c['id']} has no ICD-10 code")
        for code in c["icd10"]:
            if not icd_valid(code):
                errors.append(f"{c['where']}: {code!r} is not a valid ICD-10-CM code, category or block")
        if c["snomed"] and not verhoeff_ok(c["snomed"]):
            errors.append(f"{c['where']}: SNOMED CT id {c['snomed']} fails its check digit")
    cycle = _find_cycle(parents)
    if cycle:
        errors.append("hierarchy cycle: " + " -> ".join(cycle))
        return errors
    # Names: one normalised name or one abbreviation names one concept only.
    owners_ci: dict[str, str] = {}
    owners_cs: dict[str, str] = {}
    for c in concepts:
        for name in [c["label"], *c["synonyms"], *c["zh"], *c["ja"]]:
            key = normalise(name)
            if owners_ci.setdefault(key, c["id"]) != c["id"]:
                errors.append(f"{c['where']}: name {name!r} of {c['id']} also names {owners_ci[key]}")
        for abbr in c["abbreviations"]:
            if owners_cs.setdefault(abbr, c["id"]) != c["id"]:
                errors.append(f"{c['where']}: abbreviation {abbr!r} of {c['id']} also names {owners_cs[abbr]}")
    for abbr, owner in owners_cs.items():
        other = owners_ci.get(normalise(abbr))
        if other and other != owner:
            errors.append(f"abbreviation {abbr!r} of {owner} equals a name of {other}")
    for entry in ambiguous:
        where, term = entry["where"], entry["term"]
        for cid in [entry["concept"], *entry["candidates"]]:
            if cid is not None and cid not in by_id:
                errors.append(f"{where}: {cid!r} does not exist")
        if errors:
            continue
        owner = owners_cs.get(term) if entry["case_sensitive"] else owners_ci.get(normalise(term))
        if entry["concept"] is None:
            if owner:
                errors.append(f"{where}: unresolved ambiguous term {term!r} is a name of {owner}")
        else:
            if owner and owner != entry["concept"]:
                errors.append(f"{where}: {term!r} is a name of {owner}, not of the broader {entry['concept']}")
            for cid in entry["candidates"]:
                if entry["concept"] not in ancestors_of(cid, parents):
                    errors.append(f"{where}: {cid} is not below {entry['concept']}")
    return errors


# --- build -------------------------------------------------------------------------------------

def _icd_tools():
    """``(is_valid, title)`` from simple-icd-10-cm (imported here: only the build needs it)."""
    import warnings

    with warnings.catch_warnings():  # the package reads its data with a deprecated importlib API
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm as cm

    def title(code: str) -> str:
        return cm.get_description(code)

    return cm.is_valid_item, title


def build(sources: Path = SOURCES) -> dict:
    """The vocabulary document; raises BuildError listing every inconsistency."""
    ambiguous_file = sources / "conditions_ambiguous.psv"
    # names and parents added to concepts of other files: conditions_extend.psv, conditions_*_extend.psv
    extend_files = sorted(p for p in sources.glob("conditions_*.psv") if p.stem.endswith("extend"))
    concepts = parse_concepts(sorted(p for p in sources.glob("conditions_*.psv")
                                     if p != ambiguous_file and p not in extend_files))
    for extend_file in extend_files:
        concepts = apply_extensions(concepts, extend_file)
    ambiguous = parse_ambiguous(ambiguous_file)
    icd_valid, icd_title = _icd_tools()
    errors = check(concepts, ambiguous, icd_valid)
    if errors:
        raise BuildError("\n".join(errors))
    by_id = {c["id"]: c for c in concepts}
    for entry in ambiguous:  # a term resolving to its broader concept is also one of that concept's names
        if entry["concept"]:
            target = by_id[entry["concept"]]
            if entry["case_sensitive"] and entry["term"] not in target["abbreviations"]:
                target["abbreviations"].append(entry["term"])
            elif not entry["case_sensitive"] and normalise(entry["term"]) not in {
                    normalise(n) for n in [target["label"], *target["synonyms"]]}:
                target["synonyms"].append(entry["term"])
    out_concepts = []
    for c in sorted(concepts, key=lambda c: c["id"]):
        item = {k: c[k] for k in ("id", "label", "kind", "parents", "icd10", "abbreviations", "synonyms", "zh", "ja")}
        if c["snomed"]:
            item["snomed"] = c["snomed"]
        out_concepts.append(item)
    codes = sorted({code for c in concepts for code in c["icd10"]})
    import importlib.metadata as md

    return {
        "name": "conditions",
        "format_version": FORMAT_VERSION,
        "sources": {
            "curated": sorted(p.name for p in sources.glob("conditions_*.psv")),
            "icd10": f"ICD-10-CM (public domain, CDC/NCHS), codes and titles via simple-icd-10-cm "
                     f"{md.version('simple_icd_10_cm')} (MIT)",
        },
        "counts": {"concepts": len(out_concepts),
                   **{kind: sum(c["kind"] == kind for c in out_concepts) for kind in KINDS.values()}},
        "concepts": out_concepts,
        "ambiguous": [{k: e[k] for k in ("term", "case_sensitive", "concept", "candidates", "note")}
                      for e in sorted(ambiguous, key=lambda e: (normalise(e["term"]), e["term"]))],
        "icd10_titles": {code: icd_title(code) for code in codes},
    }




def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed JSON, write nothing")
    parser.add_argument("--out", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    try:
        text = render(build())
    except BuildError as exc:
        print(f"conditions vocabulary has problems:\n{exc}", file=sys.stderr)
        return 2
    code, written = check_or_write(text, args.out, args.check, "rebuild it")
    if not written:
        return code
    counts = json.loads(text)["counts"]
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
