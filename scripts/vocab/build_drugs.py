"""Build ``resources/vocab/drugs.json`` from the curated sources in ``scripts/vocab/sources/``.

    /work/main/.venv/bin/python scripts/vocab/build_drugs.py [--check]

Reads ``drug_classes.psv`` (the class hierarchy), ``drugs.psv`` (the drugs) and
``drug_ambiguous.psv`` (terms deliberately shared by a class and one of its members), checks
them (ids, parents, cycles, ATC code format, glucocorticoid factors, one term never naming two
unrelated concepts) and writes the JSON deterministically: same sources, same bytes.
``--check`` only validates and reports whether the JSON is up to date (exit 1 when not).

Source format (one record per line, ``#`` comments): fields separated by ``|``, list items
inside a field by ``;``, an empty field means nothing. Columns are named in each file's header.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # vocab_output beside this script

from vocab_output import check_or_write, render  # noqa: E402

from core.vocab.text import compact  # noqa: E402

SOURCES = ROOT / "scripts" / "vocab" / "sources"
OUTPUT = ROOT / "resources" / "vocab" / "drugs.json"

CLASS_COLUMNS = ("id", "label", "parents", "atc", "mechanism", "tags", "synonyms", "abbreviations", "zh", "ja")
DRUG_COLUMNS = ("id", "name", "classes", "atc", "brands", "synonyms", "abbreviations", "zh", "ja",
                "prednisone_factor", "tags")
EXTEND_COLUMNS = ("id", "classes", "brands", "synonyms", "abbreviations", "zh", "ja")
LIST_FIELDS = {"parents", "atc", "tags", "synonyms", "abbreviations", "zh", "ja", "classes", "brands"}

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
ATC_CODE_RE = re.compile(r"^[A-Z][0-9]{2}[A-Z]{2}[0-9]{2}$")  # a substance: L04AB04
ATC_PREFIX_RE = re.compile(r"^[A-Z](?:[0-9]{2}(?:[A-Z](?:[A-Z](?:[0-9]{2})?)?)?)?$")  # a group: L, L04, L04A, L04AB
ATC_FIRST_LEVEL = set("ABCDGHJLMNPRSV")
GLUCOCORTICOID = "glucocorticoid"
ATC_VERSION = "2023"

NOTE = ("Drug vocabulary built by scripts/vocab/build_drugs.py from scripts/vocab/sources/drug*.psv; do not "
        "edit by hand. classes: an ATC-like hierarchy (parents), drugs: generic name, classes, ATC codes "
        f"(WHO ATC index {ATC_VERSION}), brands, synonyms, case-sensitive abbreviations, Chinese (zh) and Japanese "
        "(ja) names. prednisone_factor: mg prednisone equivalent to 1 mg of a systemic glucocorticoid. "
        "ambiguous: terms shared by a class and one of its members, mapped to the broader concept. "
        "See docs/vocab-drugs.md.")


class SourceError(ValueError):
    """A problem in the curated sources; the message names the file and line."""


def _records(path: Path, columns: tuple[str, ...]) -> list[dict]:
    out: list[dict] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("|")]
        if len(fields) < len(columns):
            fields += [""] * (len(columns) - len(fields))
        if len(fields) != len(columns):
            raise SourceError(f"{path.name}:{number}: {len(fields)} fields, expected {len(columns)}")
        record: dict = {"_where": f"{path.name}:{number}"}
        for name, value in zip(columns, fields, strict=True):
            if name in LIST_FIELDS:
                items = [v.strip() for v in value.split(";") if v.strip()] if value else []
                record[name] = list(dict.fromkeys(items))
            else:
                record[name] = value
        out.append(record)
    return out


def _extend(records: list[dict], extensions: list[dict]) -> None:
    """Add the listed classes (a drug's classes, a class's parents), brands and names to existing records."""
    by_id = {r["id"]: r for r in records}
    for ext in extensions:
        rec = by_id.get(ext["id"])
        if rec is None:
            raise SourceError(f"{ext['_where']}: unknown drug or class {ext['id']!r}")
        if ext["brands"] and "brands" not in rec:
            raise SourceError(f"{ext['_where']}: {ext['id']} is a class; classes have no brands")
        for field in ("classes", "brands", "synonyms", "abbreviations", "zh", "ja"):
            target = "parents" if field == "classes" and "parents" in rec else field
            if target in rec:
                rec[target] = list(dict.fromkeys(rec[target] + ext[field]))


def _ancestors(class_id: str, parents: dict[str, list[str]]) -> list[str]:
    seen: list[str] = []
    stack = list(parents[class_id])
    while stack:
        current = stack.pop(0)
        if current not in seen:
            seen.append(current)
            stack.extend(parents[current])
    return seen


def _check_acyclic(parents: dict[str, list[str]]) -> None:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            raise SourceError("class hierarchy has a cycle: " + " > ".join([*path, node]))
        state[node] = 1
        for parent in parents[node]:
            visit(parent, [*path, node])
        state[node] = 2

    for node in parents:
        visit(node, [])


def _check_atc(code: str, where: str, *, prefix: bool) -> None:
    pattern = ATC_PREFIX_RE if prefix else ATC_CODE_RE
    if not pattern.match(code) or code[0] not in ATC_FIRST_LEVEL:
        raise SourceError(f"{where}: invalid ATC {'prefix' if prefix else 'code'} {code!r}")


def build() -> dict:
    """Read and check the sources; return the vocabulary as a JSON-ready dict."""
    classes = _records(SOURCES / "drug_classes.psv", CLASS_COLUMNS)
    drugs = _records(SOURCES / "drugs.psv", DRUG_COLUMNS)
    # Gap-filling (issue 15) lives in its own files, so the original lines stay as they were.
    if (SOURCES / "drug_classes_gaps.psv").exists():
        classes += _records(SOURCES / "drug_classes_gaps.psv", CLASS_COLUMNS)
    if (SOURCES / "drugs_gaps.psv").exists():
        drugs += _records(SOURCES / "drugs_gaps.psv", DRUG_COLUMNS)
    # Names no vocabulary held (issue 16), likewise apart.
    if (SOURCES / "drug_classes_names.psv").exists():
        classes += _records(SOURCES / "drug_classes_names.psv", CLASS_COLUMNS)
    if (SOURCES / "drugs_names.psv").exists():
        drugs += _records(SOURCES / "drugs_names.psv", DRUG_COLUMNS)
    for extend_file in ("drugs_extend.psv", "drugs_names_extend.psv"):
        if (SOURCES / extend_file).exists():
            _extend([*classes, *drugs], _records(SOURCES / extend_file, EXTEND_COLUMNS))
    ambiguous_rows = _records(SOURCES / "drug_ambiguous.psv", ("term", "concept"))
    if (SOURCES / "drug_ambiguous_names.psv").exists():
        ambiguous_rows += _records(SOURCES / "drug_ambiguous_names.psv", ("term", "concept"))

    ids: dict[str, str] = {}
    for rec in [*classes, *drugs]:
        if not ID_RE.match(rec["id"]):
            raise SourceError(f"{rec['_where']}: id {rec['id']!r} is not snake_case ASCII")
        if rec["id"] in ids:
            raise SourceError(f"{rec['_where']}: id {rec['id']!r} already used at {ids[rec['id']]}")
        ids[rec["id"]] = rec["_where"]

    parents = {c["id"]: c["parents"] for c in classes}
    for c in classes:
        for p in c["parents"]:
            if p not in parents:
                raise SourceError(f"{c['_where']}: unknown parent class {p!r}")
        for code in c["atc"]:
            _check_atc(code, c["_where"], prefix=True)
    _check_acyclic(parents)

    names: dict[str, str] = {}
    for d in drugs:
        if not d["name"]:
            raise SourceError(f"{d['_where']}: drug without a name")
        if d["name"] in names:
            raise SourceError(f"{d['_where']}: drug name {d['name']!r} repeated")
        names[d["name"]] = d["id"]
        for cid in d["classes"]:
            if cid not in parents:
                raise SourceError(f"{d['_where']}: unknown class {cid!r}")
        for code in d["atc"]:
            _check_atc(code, d["_where"], prefix=False)
        all_classes = set(d["classes"]).union(*[_ancestors(c, parents) for c in d["classes"]])
        factor = d["prednisone_factor"]
        if (GLUCOCORTICOID in all_classes) != bool(factor):
            raise SourceError(f"{d['_where']}: a prednisone_factor is required for systemic glucocorticoids "
                              "and only for them")
        d["prednisone_factor"] = float(factor) if factor else None
        if d["prednisone_factor"] is not None and not 0 < d["prednisone_factor"] < 100:
            raise SourceError(f"{d['_where']}: implausible prednisone_factor {factor}")

    ancestry = {c["id"]: set(_ancestors(c["id"], parents)) for c in classes}
    for d in drugs:
        ancestry[d["id"]] = set(d["classes"]).union(*[ancestry[c] for c in d["classes"]])

    ambiguous: dict[str, str] = {}
    for row in ambiguous_rows:
        if row["concept"] not in ids:
            raise SourceError(f"{row['_where']}: unknown concept {row['concept']!r}")
        ambiguous[row["term"]] = row["concept"]
    _check_terms(classes, drugs, ancestry, {compact(t): c for t, c in ambiguous.items()})

    return {
        "format_version": 1,
        "note": NOTE,
        "atc_version": ATC_VERSION,
        "classes": [_clean(c, CLASS_COLUMNS) for c in classes],
        "drugs": [_clean(d, DRUG_COLUMNS) for d in drugs],
        "ambiguous": dict(sorted(ambiguous.items())),
    }


def _terms(rec: dict) -> list[tuple[str, bool]]:
    """(term, case_sensitive) of one source record."""
    label = rec.get("label") or rec.get("name")
    plain = [label, *rec["synonyms"], *rec.get("brands", []), *rec["zh"], *rec["ja"]]
    return [(t, False) for t in plain] + [(a, True) for a in rec["abbreviations"]]


def _check_terms(classes: list[dict], drugs: list[dict], ancestry: dict[str, set[str]],
                 ambiguous: dict[str, str]) -> None:
    """One term never names two concepts unless one is the other's ancestor and it is listed."""
    owners: dict[tuple[str, bool], set[str]] = {}
    for rec in [*classes, *drugs]:
        doubled = {a for a in rec["abbreviations"]} & {t for t, sensitive in _terms(rec) if not sensitive}
        if doubled:
            raise SourceError(f"{rec['_where']}: {sorted(doubled)} both a name and an abbreviation")
        for term, sensitive in _terms(rec):
            key = (term.strip(), True) if sensitive else (compact(term), False)
            if not key[0]:
                raise SourceError(f"{rec['_where']}: empty term")
            owners.setdefault(key, set()).add(rec["id"])
    problems = []
    for (key, _sensitive), who in sorted(owners.items()):
        if len(who) < 2:
            continue
        related = all(a == b or a in ancestry[b] or b in ancestry[a] for a in who for b in who)
        broader = ambiguous.get(compact(key))
        if not related:
            problems.append(f"{key!r} names unrelated concepts {sorted(who)}")
        elif broader not in who or any(broader != w and broader not in ancestry[w] for w in who):
            problems.append(f"{key!r} is shared by {sorted(who)}: list it in drug_ambiguous.psv "
                            "with the broadest of them")
    if problems:
        raise SourceError("term conflicts:\n  " + "\n  ".join(problems))


def _clean(rec: dict, columns: tuple[str, ...]) -> dict:
    out = {k: rec[k] for k in columns}
    for key in ("mechanism",):
        if key in out and not out[key]:
            out[key] = None
    return out




def main(argv: list[str]) -> int:
    try:
        data = build()
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    code, written = check_or_write(render(data), OUTPUT, "--check" in argv, f"run {Path(__file__).name}")
    if not written:
        return code
    print(f"{len(data['classes'])} classes, {len(data['drugs'])} drugs, "
          f"{len(data['ambiguous'])} ambiguous terms -> {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
