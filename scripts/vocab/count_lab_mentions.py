"""Count which laboratory analytes and scores real eligibility criteria name.

    /work/main/.venv/bin/python scripts/vocab/count_lab_mentions.py [DATA_DIR] [--top N]

DATA_DIR defaults to ../shared/data beside the checkout. Reads the criteria of every trial
(ClinicalTrials.gov classic XML, the 6,036-study slice streamed from its .tar.xz, API v2
JSON, the EU/ISRCTN records, and the five seed records) and counts, per vocabulary concept,
how many trials mention it (full names case-blind after ``normalise``, abbreviations
case-sensitive, whole words only; CJK terms need no word boundary).
Then it reads the Chia corpus's Measurement annotations and lists the most frequent surface
forms the vocabularies do NOT cover, which is where to look for the next entries.
Prints Markdown; nothing is written.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import tarfile
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.vocab import labs, scores  # noqa: E402
from core.vocab.text import normalise  # noqa: E402


class Matcher:
    """Whole-word matching of every vocabulary term: one alternation per case mode."""

    def __init__(self, terms: list[tuple[str, str, bool]]) -> None:
        self.folded: dict[str, set[str]] = collections.defaultdict(set)
        self.exact: dict[str, set[str]] = collections.defaultdict(set)
        for term, cid, case_sensitive in terms:
            if case_sensitive:
                self.exact[unicodedata.normalize("NFKC", term)].add(cid)
            elif normalise(term):
                self.folded[normalise(term)].add(cid)
        self._folded_re = _alternation(self.folded)
        self._exact_re = _alternation(self.exact)

    def concepts(self, text: str) -> set[str]:
        found: set[str] = set()
        for match in self._folded_re.finditer(normalise(text)):
            found |= self.folded[match.group(1)]
        for match in self._exact_re.finditer(unicodedata.normalize("NFKC", text)):
            found |= self.exact[match.group(1)]
        return found


def _alternation(table: dict[str, set[str]]) -> re.Pattern[str]:
    words = sorted(table, key=len, reverse=True)
    return re.compile(r"(?<![A-Za-z0-9])(" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z0-9])")


def _xml_criteria(data: bytes) -> str:
    node = ElementTree.fromstring(data).find("eligibility/criteria/textblock")
    return node.text or "" if node is not None else ""


def criteria_texts(data_dir: Path) -> Iterator[tuple[str, str]]:
    """(corpus, criteria text) for every trial in the shared data, then the seed records (whole text)."""
    for path in sorted((data_dir / "ctgov-classic-xml" / "rheumatology").glob("*.xml")):
        yield "ctgov-rheumatology", _xml_criteria(path.read_bytes())
    archive = data_dir / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz"
    if archive.exists():
        with tarfile.open(archive, "r|xz") as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".xml"):
                    yield "ctgov-6036", _xml_criteria(tar.extractfile(member).read())
    for path in sorted((data_dir / "ctgov-api-v2").glob("*.json")):
        for study in json.loads(path.read_text(encoding="utf-8")):
            module = study.get("protocolSection", {}).get("eligibilityModule", {})
            yield "ctgov-api-v2", module.get("eligibilityCriteria", "")
    for path in sorted((data_dir / "other-registries").glob("*.json")):
        yield "other-registries", " ".join(_criteria_strings(json.loads(path.read_text(encoding="utf-8"))))
    for path in sorted((ROOT / "resources" / "catalog" / "sources" / "seeds").glob("*.txt")):
        yield "seeds", path.read_text(encoding="utf-8")


def _criteria_strings(node: object, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _criteria_strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _criteria_strings(v, key)
    elif isinstance(node, str) and re.search(r"inclusion|exclusion|criteria", key, re.I) and not key.endswith("_fr"):
        yield node


def chia_measurements(data_dir: Path) -> collections.Counter[str]:
    """Surface forms of Chia's Measurement entities (case kept: abbreviations are case-sensitive)."""
    counts: collections.Counter[str] = collections.Counter()
    path = data_dir / "chia" / "chia_without_scope.zip"
    if not path.exists():
        return counts
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".ann"):
                continue
            for line in archive.read(name).decode("utf-8", "replace").splitlines():
                parts = line.split("\t")
                if len(parts) >= 3 and parts[0].startswith("T") and parts[1].split(" ")[0] == "Measurement":
                    counts[parts[2].strip()] += 1
    return counts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="", help="rank by this corpus's column (default: the total)")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    matcher = Matcher([*labs.terms(), *scores.terms()])
    trials: collections.Counter[str] = collections.Counter()
    mentions: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for corpus, text in criteria_texts(data_dir):
        trials[corpus] += 1
        for cid in matcher.concepts(text):
            mentions[cid][corpus] += 1
    corpora = sorted(trials)
    print("## Trials whose criteria name each concept\n")
    print("| concept | " + " | ".join(f"{c} ({trials[c]})" for c in corpora) + " | total |")
    print("|---|" + "---|" * (len(corpora) + 1))
    ranked = sorted(mentions.items(), key=lambda kv: (-(kv[1][args.sort] if args.sort else sum(kv[1].values())), kv[0]))
    for cid, per in ranked[: args.top]:
        print(f"| {cid} | " + " | ".join(str(per[c]) for c in corpora) + f" | {sum(per.values())} |")
    unused = sorted(({a.id for a in labs.all()} | {s.id for s in scores.all()}) - set(mentions))
    print(f"\n{len(mentions)} concepts are named at least once; never named: {', '.join(unused) or 'none'}\n")
    chia = chia_measurements(data_dir)
    covered = sum(n for form, n in chia.items() if matcher.concepts(form))
    total = sum(chia.values())
    print(f"## Chia Measurement mentions: {covered} of {total} ({100 * covered / max(total, 1):.0f}%) contain a "
          "vocabulary concept\n")
    print("Most frequent forms not covered:\n")
    missing: collections.Counter[str] = collections.Counter()
    for form, n in chia.items():
        if not matcher.concepts(form):
            missing[form.lower()] += n
    for form, n in missing.most_common(args.top):
        print(f"- {n} {form}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
