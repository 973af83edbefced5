"""Count which conditions real eligibility criteria name, and which frequent ones the vocabulary lacks.

Reads the criteria texts in ``../shared/data`` (classic CT.gov XML, the 6,036-study archive streamed
with ``tarfile``, API v2 JSON, other registries' JSON and the Chia corpus' criteria texts), finds the
vocabulary's names and abbreviations in them (leftmost-longest on word boundaries; names compared
after ``normalise``, abbreviations case-sensitively; Chinese/Japanese names are not counted since
these texts are English) and prints, per concept, in how many criteria documents it occurs. Then it
takes Chia's annotated Condition entities and lists the most frequent surface forms in which no
concept is found at all: the candidates for the next entries.

Run: ``/work/main/.venv/bin/python scripts/vocab/count_condition_mentions.py [--data DIR] [--top N]``
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
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from defusedxml import ElementTree  # noqa: E402

from core.vocab.conditions import ConditionVocabulary  # noqa: E402
from core.vocab.text import normalise  # noqa: E402
from resources.paths import resource  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
_NON_WORD = re.compile(r"[^\w]+")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")


def _words(text: str) -> list[str]:
    return _NON_WORD.sub(" ", normalise(text)).split()


class Matcher:
    """Leftmost-longest dictionary matching over word tokens (a small stand-in for Aho-Corasick)."""

    def __init__(self, vocab: ConditionVocabulary) -> None:
        self._names: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._abbr: dict[str, str] = {}
        for term, concept_id, case_sensitive in vocab.terms():
            if case_sensitive:
                self._abbr[term] = concept_id
            elif not _CJK.search(term):  # "Guillain-Barré" counts; Chinese/Japanese names do not here
                words = tuple(_words(term))
                if words:
                    self._names.setdefault(words[0], []).append((words, concept_id))
        for entries in self._names.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._abbr_re = re.compile(r"(?<![\w-])(" + "|".join(
            re.escape(a) for a in sorted(self._abbr, key=len, reverse=True)) + r")(?![\w-])")

    def find(self, text: str) -> list[str]:
        """Concept ids mentioned in ``text`` (one per mention; an abbreviation inside a longer name,
        such as "TB" in "active TB", is part of that name)."""
        text = unicodedata.normalize("NFKC", text)
        tokens = [(normalise(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]
        words = [w for w, _, _ in tokens]
        found, spans = [], []
        i = 0
        while i < len(words):
            for candidate, concept_id in self._names.get(words[i], []):
                if tuple(words[i:i + len(candidate)]) == candidate:
                    found.append(concept_id)
                    spans.append((tokens[i][1], tokens[i + len(candidate) - 1][2]))
                    i += len(candidate)
                    break
            else:
                i += 1
        for m in self._abbr_re.finditer(text):
            if not any(start < m.end() and m.start() < end for start, end in spans):
                found.append(self._abbr[m.group(1)])
        return found


def _xml_criteria(data: bytes) -> str:
    node = ElementTree.fromstring(data).find("eligibility/criteria/textblock")
    return node.text or "" if node is not None else ""


def _strings_under(obj, keys: tuple[str, ...]) -> Iterator[str]:
    if isinstance(obj, dict):
        for key, value in obj.items():
            if any(k in key.lower() for k in keys) and isinstance(value, str):
                yield value
            else:
                yield from _strings_under(value, keys)
    elif isinstance(obj, list):
        for item in obj:
            if isinstance(item, str) and keys == ("*",):
                yield item
            else:
                yield from _strings_under(item, keys)


def criteria_documents(data: Path) -> Iterator[tuple[str, str]]:
    """``(source, criteria text)`` for every record, each archive read as a stream."""
    for path in sorted((data / "ctgov-classic-xml" / "rheumatology").glob("*.xml")):
        yield "ctgov-classic-xml/rheumatology", _xml_criteria(path.read_bytes())
    archive = data / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz"
    if archive.exists():
        with tarfile.open(archive, mode="r|xz") as tar:
            for member in tar:
                if member.isfile() and member.name.endswith(".xml"):
                    yield "ctgov-classic-xml/all-6036", _xml_criteria(tar.extractfile(member).read())
    for path in sorted((data / "ctgov-api-v2").glob("*.json")):
        for study in json.loads(path.read_text(encoding="utf-8")):
            module = study.get("protocolSection", {}).get("eligibilityModule", {})
            yield "ctgov-api-v2", module.get("eligibilityCriteria", "")
    for path in sorted((data / "other-registries").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        yield "other-registries", "\n".join(_strings_under(record, ("criteria", "inclusion", "exclusion")))
    chia = data / "chia" / "chia_without_scope.zip"
    if chia.exists():
        with zipfile.ZipFile(chia) as zf:
            for name in sorted(zf.namelist()):
                if name.endswith(".txt"):
                    yield "chia", zf.read(name).decode("utf-8", "replace")


def chia_condition_forms(data: Path) -> Counter:
    """Surface forms of Chia's Condition entities as written (case kept: abbreviations), with counts."""
    forms: Counter = Counter()
    chia = data / "chia" / "chia_without_scope.zip"
    if not chia.exists():
        return forms
    with zipfile.ZipFile(chia) as zf:
        for name in zf.namelist():
            if name.endswith(".ann"):
                for line in zf.read(name).decode("utf-8", "replace").splitlines():
                    parts = line.split("\t")
                    if len(parts) >= 3 and parts[0].startswith("T") and parts[1].startswith("Condition"):
                        forms[" ".join(parts[2].split())] += 1
    return forms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--json", type=Path, help="also write the counts here")
    parser.add_argument("--only", help="only sources starting with this, e.g. ctgov-classic-xml/rheum")
    args = parser.parse_args(argv)
    vocab = ConditionVocabulary.from_file(resource("vocab", "conditions.json"))
    matcher = Matcher(vocab)
    documents: Counter = Counter()
    by_concept: Counter = Counter()
    mentions: Counter = Counter()
    for source, text in criteria_documents(args.data):
        if args.only and not source.startswith(args.only):
            continue
        documents[source] += 1
        found = matcher.find(text)
        mentions.update(found)
        by_concept.update(set(found))
    total = sum(documents.values())
    print(f"criteria documents: {total} ({', '.join(f'{k} {v}' for k, v in sorted(documents.items()))})")
    print(f"concepts found at least once: {len(by_concept)} of {len(vocab.all())}")
    print(f"\ntop {args.top} concepts by documents naming them (documents, mentions):")
    for concept_id, count in by_concept.most_common(args.top):
        print(f"  {count:5d} {mentions[concept_id]:6d}  {concept_id}  ({vocab.get(concept_id).label})")
    forms = chia_condition_forms(args.data)
    covered = Counter({f: n for f, n in forms.items() if matcher.find(f) or vocab.lookup(f)})
    missing: Counter = Counter()
    for form, count in forms.items():
        if form not in covered:
            missing[form.lower()] += count
    all_mentions, found_mentions = sum(forms.values()), sum(covered.values())
    share = 100 * found_mentions / max(all_mentions, 1)
    print(f"\nChia Condition entities: {all_mentions} mentions, {len(forms)} distinct forms; "
          f"a concept found in {found_mentions} mentions ({share:.1f}%)")
    print(f"most frequent Chia Condition forms with no concept ({args.top}):")
    for form, count in missing.most_common(args.top):
        print(f"  {count:5d}  {form}")
    if args.json:
        args.json.write_text(json.dumps({
            "documents": dict(documents), "concept_documents": dict(by_concept.most_common()),
            "concept_mentions": dict(mentions.most_common()), "chia_missing": dict(missing.most_common(200)),
        }, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
