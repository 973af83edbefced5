"""Count which drugs and drug classes real eligibility criteria name, and which they name that we miss.

    /work/main/.venv/bin/python scripts/vocab/count_drug_mentions.py [--data ../shared/data] [--top 60]

Reads the criteria of ``../shared/data`` (read-only; the app never does): the rheumatology
classic XML files, the 6,036-study tar.xz (streamed), the API v2 JSON pages, the other
registries' JSON and the Chia corpus (its ``.txt`` criteria and its annotated ``Drug``
entities). Each trial's text is matched against every term of the drug vocabulary
(``core.vocab.drugs.terms``: names case-insensitively, abbreviations case-sensitively, longest
match first) and reported:

* the concepts named in most trials (rheumatology trials and all trials),
* Chia ``Drug`` entities that no vocabulary term matches (frequent surface forms we miss),
* words that look like drug names (-mab, -cept, -tinib, -limus...) that no term matches.

Used to decide what the vocabulary must hold; the numbers are quoted in docs/vocab-drugs.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from core.vocab import drugs as vocab  # noqa: E402
from core.vocab.text import normalise  # noqa: E402

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_DRUG_LIKE = re.compile(r"\b[a-z]{3,}(?:mab|cept|tinib|citinib|limus|kinra|lukast|parin|xaban|gatran|statin|coxib"
                        r"|prazole|sartan|pril|olol|cillin|mycin|floxacin|conazole|navir|vudine|gliflozin|gliptin"
                        r"|glutide|dronate|tide|platin|taxel|rubicin)\b")
MAX_WORDS = 8


def _plain_words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def _cased_words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text))


class Matcher:
    """Longest-match dictionary lookup of vocabulary terms over word n-grams."""

    def __init__(self) -> None:
        self.plain: dict[tuple[str, ...], str] = {}
        self.cased: dict[tuple[str, ...], str] = {}
        for term, concept_id, case_sensitive in vocab.terms():
            words = tuple(_cased_words(term) if case_sensitive else _plain_words(term))
            if words:
                (self.cased if case_sensitive else self.plain).setdefault(words, concept_id)

    def _scan(self, words: list[str], table: dict[tuple[str, ...], str]) -> Iterator[tuple[str, str]]:
        i = 0
        while i < len(words):
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                key = tuple(words[i:i + n])
                if key in table:
                    yield table[key], " ".join(key)
                    i += n
                    break
            else:
                i += 1

    def find(self, text: str) -> list[tuple[str, str]]:
        """(concept id, matched words) for every mention in ``text``."""
        return [*self._scan(_plain_words(text), self.plain), *self._scan(_cased_words(text), self.cased)]

    def covers(self, phrase: str) -> bool:
        return bool(self.find(phrase))


def _xml_criteria(data: bytes) -> str:
    node = ElementTree.fromstring(data).find("eligibility/criteria/textblock")
    return node.text or "" if node is not None else ""


def _json_strings(value: object, keep: bool = False) -> Iterator[str]:
    """Every string under a key that names criteria (EUCTR, CTIS, ISRCTN, CT.gov JSON)."""
    if isinstance(value, dict):
        for key, item in value.items():
            k = key.lower()
            yield from _json_strings(item, keep or "criteria" in k or "inclusion" in k or "exclusion" in k
                                     or k == "eligibility")
    elif isinstance(value, list):
        for item in value:
            yield from _json_strings(item, keep)
    elif isinstance(value, str) and keep:
        yield value


def criteria_texts(data: Path) -> Iterator[tuple[str, str, str]]:
    """(corpus, trial key, criteria text) for every trial of the data folder."""
    for path in sorted((data / "ctgov-classic-xml" / "rheumatology").glob("*.xml")):
        yield "rheumatology", path.stem, _xml_criteria(path.read_bytes())
    archive = data / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz"
    if archive.exists():
        with tarfile.open(archive, "r|xz") as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".xml"):
                    handle = tar.extractfile(member)
                    if handle is not None:
                        yield "ctgov-6036", Path(member.name).stem, _xml_criteria(handle.read())
    for path in sorted((data / "ctgov-api-v2").glob("*.json")):
        studies = json.loads(path.read_text(encoding="utf-8"))
        for study in studies if isinstance(studies, list) else studies.get("studies", []):
            protocol = study.get("protocolSection", {})
            nct = protocol.get("identificationModule", {}).get("nctId", path.stem)
            text = protocol.get("eligibilityModule", {}).get("eligibilityCriteria", "")
            yield ("rheumatology" if path.name.startswith("rheumatology") else "ctgov-api"), nct, text
    for path in sorted((data / "other-registries").glob("*.json")):
        yield "other-registries", path.stem, "\n".join(_json_strings(json.loads(path.read_text(encoding="utf-8"))))
    chia = data / "chia" / "chia_without_scope.zip"
    if chia.exists():
        with zipfile.ZipFile(chia) as z:
            for name in sorted(n for n in z.namelist() if n.endswith(".txt")):
                yield "chia", Path(name).stem.rsplit("_", 1)[0], z.read(name).decode("utf-8", "replace")


def chia_drug_entities(data: Path) -> Counter[str]:
    """Surface forms of Chia's annotated Drug entities, as written (abbreviations keep their case)."""
    counts: Counter[str] = Counter()
    chia = data / "chia" / "chia_without_scope.zip"
    if not chia.exists():
        return counts
    with zipfile.ZipFile(chia) as z:
        for name in z.namelist():
            if name.endswith(".ann"):
                for line in z.read(name).decode("utf-8", "replace").splitlines():
                    parts = line.split("\t")
                    if line.startswith("T") and len(parts) >= 3 and parts[1].split(" ")[0] == "Drug":
                        counts[parts[2].strip()] += 1
    return counts


def _table(title: str, rows: Iterable[tuple[str, int]], top: int) -> list[str]:
    lines = [f"\n## {title}"]
    lines += [f"{count:6d}  {label}" for label, count in list(rows)[:top]]
    return lines


def report(data: Path, top: int) -> str:
    matcher = Matcher()
    per_trial: dict[str, Counter[str]] = {"rheumatology": Counter(), "all": Counter()}
    surface: Counter[str] = Counter()
    drug_like: Counter[str] = Counter()
    drug_like_rheumatology: Counter[str] = Counter()
    trials: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for corpus, key, text in criteria_texts(data):
        if (corpus, key) in seen or not text:
            continue
        seen.add((corpus, key))
        trials[corpus] += 1
        found = matcher.find(text)
        concepts = {cid for cid, _ in found}
        per_trial["all"].update(concepts)
        if corpus == "rheumatology":
            per_trial["rheumatology"].update(concepts)
        surface.update(words for _, words in found)
        for word in set(_DRUG_LIKE.findall(text.lower())):
            if not matcher.covers(word):
                drug_like[word] += 1
                if corpus == "rheumatology":
                    drug_like_rheumatology[word] += 1

    def label(cid: str) -> str:
        concept = vocab.get(cid)
        return f"{cid} ({concept.kind})" if concept else cid

    lines = [f"# Drug mentions in {sum(trials.values())} trials' criteria: "
             + ", ".join(f"{k} {v}" for k, v in sorted(trials.items())),
             f"vocabulary: {len(vocab.all_classes())} classes, {len(vocab.all_drugs())} drugs"]
    lines += _table(f"Concepts named in most rheumatology trials (of {trials['rheumatology']})",
                    ((label(c), n) for c, n in per_trial["rheumatology"].most_common()), top)
    lines += _table("Concepts named in most trials (all corpora)",
                    ((label(c), n) for c, n in per_trial["all"].most_common()), top)
    lines += _table("Most frequent matched surface forms", surface.most_common(), top)
    chia = chia_drug_entities(data)
    missed = Counter({form: n for form, n in chia.items() if not matcher.covers(form)})
    covered = sum(n for form, n in chia.items() if matcher.covers(form))
    lines.append(f"\nChia Drug entities: {sum(chia.values())} mentions, {covered} contain a vocabulary term "
                 f"({100 * covered / max(1, sum(chia.values())):.0f}%)")
    lines += _table("Chia Drug entities no term matches (most frequent)", missed.most_common(), top)
    lines += _table("Drug-like words (by suffix) no term matches, rheumatology trials",
                    drug_like_rheumatology.most_common(), top)
    lines += _table("Drug-like words (by suffix) no term matches, all trials", drug_like.most_common(), top)
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no data folder at {args.data}", file=sys.stderr)
        return 2
    print(report(args.data, args.top), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
