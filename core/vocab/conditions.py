"""The conditions vocabulary: diseases and comorbidities with names, ICD-10-CM codes and a hierarchy.

Data is ``resources/vocab/conditions.json`` (built by ``scripts/vocab/build_conditions.py``; see
``docs/vocab-conditions.md``). Every concept has a stable snake_case ``id`` (profiles and rules use
it), an English ``label``, ``synonyms`` (matched case-insensitively after ``normalise``),
``abbreviations`` (matched case-sensitively: "MS" is multiple sclerosis, "ms" is not), Chinese and
Japanese names, ICD-10-CM codes and ``parents`` (a DAG: lupus nephritis is under SLE and under
glomerular disease), so a rule about "any malignancy" covers lymphoma.

Ambiguous terms resolve to the broader concept ("scleroderma" is the scleroderma group, not systemic
sclerosis); terms with unrelated readings ("DM": dermatomyositis or diabetes mellitus) resolve to no
single concept: ``lookup`` returns every reading and ``terms()`` leaves them out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from core.vocab.text import normalise
from resources.paths import resource

KINDS = ("rheumatic", "comorbidity", "group")
# An ICD-10(-CM) code as typed: letter, digit, alphanumeric, then an optional (dotted) extension.
_CODE_RE = re.compile(r"^([A-Z][0-9][0-9A-Z])(?:\.?([0-9A-Z]{1,4}))?$")
_RANGE_RE = re.compile(r"^([A-Z][0-9][0-9A-Z])-([A-Z][0-9][0-9A-Z])$")


@dataclass(frozen=True)
class Concept:
    """One condition. ``kind`` is rheumatic, comorbidity or group."""

    id: str
    label: str
    kind: str
    parents: tuple[str, ...]
    icd10: tuple[str, ...]
    abbreviations: tuple[str, ...]
    synonyms: tuple[str, ...]
    zh: tuple[str, ...]
    ja: tuple[str, ...]
    snomed: str | None = None

    def names(self) -> tuple[str, ...]:
        """Every name matched case-insensitively: label, synonyms, Chinese and Japanese names."""
        return (self.label, *self.synonyms, *self.zh, *self.ja)


@dataclass(frozen=True)
class Ambiguity:
    """A term with several readings: ``concept`` is the broader one it resolves to, or None."""

    term: str
    case_sensitive: bool
    concept: str | None
    candidates: tuple[str, ...]
    note: str


def normalise_code(text: str) -> str | None:
    """``m32.14``, ``M3214`` and ``M32.14`` are all ``M32.14``; None when ``text`` is no code."""
    compact = text.strip().upper().replace(" ", "")
    if _RANGE_RE.match(compact):
        return compact
    m = _CODE_RE.match(compact)
    if not m:
        return None
    return m.group(1) + (f".{m.group(2)}" if m.group(2) else "")


class ConditionVocabulary:
    """Indexes over the concepts of one vocabulary document."""

    def __init__(self, document: dict) -> None:
        self._by_id: dict[str, Concept] = {}
        for raw in document["concepts"]:
            concept = Concept(
                id=raw["id"], label=raw["label"], kind=raw["kind"], parents=tuple(raw["parents"]),
                icd10=tuple(raw["icd10"]), abbreviations=tuple(raw["abbreviations"]),
                synonyms=tuple(raw["synonyms"]), zh=tuple(raw["zh"]), ja=tuple(raw["ja"]), snomed=raw.get("snomed"))
            self._by_id[concept.id] = concept
        self.ambiguous: tuple[Ambiguity, ...] = tuple(
            Ambiguity(a["term"], a["case_sensitive"], a["concept"], tuple(a["candidates"]), a["note"])
            for a in document.get("ambiguous", []))
        self._titles: dict[str, str] = dict(document.get("icd10_titles", {}))
        self._children: dict[str, list[str]] = {cid: [] for cid in self._by_id}
        self._by_name: dict[str, list[str]] = {}
        self._by_abbr: dict[str, list[str]] = {}
        self._by_code: dict[str, list[str]] = {}
        for concept in self._by_id.values():
            for parent in concept.parents:
                self._children[parent].append(concept.id)
            for name in concept.names():
                self._add(self._by_name, normalise(name), concept.id)
            for abbr in concept.abbreviations:
                self._add(self._by_abbr, abbr, concept.id)
            for code in concept.icd10:
                self._add(self._by_code, code, concept.id)
        self._ancestors = {cid: self._walk(cid, lambda c: self._by_id[c].parents) for cid in self._by_id}
        self._depth: dict[str, int] = {}
        for cid in self._by_id:
            self._max_depth(cid)
        # Names and codes compared while typing, computed once: (normalised name, is label).
        self._search_names = {c.id: [(normalise(n), n == c.label) for n in c.names()] for c in self._by_id.values()}

    @classmethod
    def from_file(cls, path: Path) -> ConditionVocabulary:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    @staticmethod
    def _add(index: dict[str, list[str]], key: str, concept_id: str) -> None:
        ids = index.setdefault(key, [])
        if concept_id not in ids:
            ids.append(concept_id)

    def _walk(self, start: str, step) -> tuple[str, ...]:
        """Breadth-first closure of ``step`` from ``start`` (nearest first, ``start`` excluded)."""
        seen: dict[str, None] = {}
        queue = deque(step(start))
        while queue:
            current = queue.popleft()
            if current not in seen:
                seen[current] = None
                queue.extend(step(current))
        return tuple(seen)

    def _max_depth(self, cid: str) -> int:
        if cid not in self._depth:
            parents = self._by_id[cid].parents
            self._depth[cid] = 1 + max(self._max_depth(p) for p in parents) if parents else 0
        return self._depth[cid]

    # --- hierarchy -----------------------------------------------------------------------------

    def get(self, concept_id: str) -> Concept:
        """The concept with this id; KeyError naming the id when there is none."""
        try:
            return self._by_id[concept_id]
        except KeyError:
            raise KeyError(f"unknown condition id {concept_id!r}") from None

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def all(self) -> tuple[Concept, ...]:
        return tuple(self._by_id[cid] for cid in sorted(self._by_id))

    def roots(self) -> tuple[str, ...]:
        """Concepts with no parent (rheumatic_disease, malignancy's neoplasm, infection …)."""
        return tuple(cid for cid in sorted(self._by_id) if not self._by_id[cid].parents)

    def children(self, concept_id: str) -> tuple[str, ...]:
        self.get(concept_id)
        return tuple(sorted(self._children[concept_id]))

    def ancestors(self, concept_id: str) -> tuple[str, ...]:
        """Every concept above ``concept_id``, nearest first."""
        self.get(concept_id)
        return self._ancestors[concept_id]

    def descendants(self, concept_id: str) -> tuple[str, ...]:
        """Every concept below ``concept_id``, nearest first."""
        self.get(concept_id)
        return self._walk(concept_id, lambda c: sorted(self._children[c]))

    def is_a(self, concept_id: str, ancestor_id: str) -> bool:
        """True when ``ancestor_id`` is strictly above ``concept_id`` (lymphoma is_a malignancy)."""
        self.get(ancestor_id)
        return ancestor_id in self.ancestors(concept_id)

    def covers(self, broader_id: str, narrower_id: str) -> bool:
        """A rule about ``broader_id`` applies to a patient with ``narrower_id`` (is_a or equal)."""
        self.get(broader_id)
        return broader_id == narrower_id or self.is_a(narrower_id, broader_id)

    def icd10_title(self, code: str) -> str | None:
        """The ICD-10-CM title of a code the vocabulary uses (e.g. "M32" -> systemic lupus erythematosus)."""
        return self._titles.get(code)

    # --- finding concepts by name or code --------------------------------------------------------

    def ambiguity(self, term: str) -> Ambiguity | None:
        """The ambiguity entry for ``term`` (abbreviations compared case-sensitively), if any."""
        key, exact = normalise(term), _width(term)
        for entry in self.ambiguous:
            if (entry.term == exact) if entry.case_sensitive else (normalise(entry.term) == key):
                return entry
        return None

    def _code_hits(self, code: str) -> list[str]:
        """Concepts coded exactly ``code``, else the nearest ICD parent code or block that is coded."""
        if code in self._by_code:
            return list(self._by_code[code])
        if "-" in code:
            return []
        while len(code) > 3:
            code = code[:-1].rstrip(".")
            if code in self._by_code:
                return list(self._by_code[code])
        hits = []
        for listed, ids in self._by_code.items():
            m = _RANGE_RE.match(listed)
            if m and m.group(1) <= code <= m.group(2):
                hits.extend(i for i in ids if i not in hits)
        return hits

    def _rank(self, cid: str) -> tuple:
        """Order among equally good matches: specific before group, shallow before deep, well-known first."""
        c = self._by_id[cid]
        prominence = len(c.names()) + len(c.abbreviations)
        return (c.kind == "group", self._depth[cid], -prominence, c.label.casefold())

    def lookup(self, text: str) -> list[Concept]:
        """Concepts named exactly ``text``: a code, an abbreviation (case-sensitive) or a name.

        A term with unrelated readings returns every reading; an unknown term returns [].
        """
        text = _width(text)
        if not text:
            return []
        found: list[str] = []
        code = normalise_code(text)
        if code:
            found += sorted(self._code_hits(code), key=self._rank)
        found += sorted(self._by_abbr.get(text, []), key=self._rank)
        key = normalise(text)
        names = self._by_name.get(key) or self._by_name.get(_singular(key), [])
        found += sorted(names, key=self._rank)
        entry = self.ambiguity(text)
        if entry and entry.concept is None:
            found += list(entry.candidates)
        return [self._by_id[cid] for cid in dict.fromkeys(found)]

    def search(self, prefix: str, limit: int = 20) -> list[Concept]:
        """Completion for data entry: exact > abbreviation > lower-case abbreviation or a reading of an
        ambiguous term > children of an exact hit > prefix of the label > prefix of another name > a
        word of a name > prefix of a code."""
        query = _width(prefix)
        if not query or limit <= 0:
            return []
        key = normalise(query)
        folded = query.casefold()
        code = normalise_code(query)
        best: dict[str, int] = {}

        def offer(cids: Iterable[str], tier: int) -> None:
            for cid in cids:
                if tier < best.get(cid, 99):
                    best[cid] = tier

        if code:
            offer(self._by_code.get(code, []), 0)
            offer(self._code_hits(code), 1)  # a more specific code than the vocabulary lists
        offer(self._by_name.get(key, []), 0)
        offer(self._by_abbr.get(query, []), 1)
        entry = self.ambiguity(query)
        readings = {cid: i for i, cid in enumerate(entry.candidates)} if entry else {}
        offer(readings, 2)  # an ambiguous term's readings, in the curated order: "lupus" offers SLE first
        for abbr, ids in self._by_abbr.items():
            if abbr.casefold() == folded:
                offer(ids, 2)
        exact = [cid for cid, tier in best.items() if tier <= 1]
        offer((child for cid in exact for child in self._children[cid]), 3)
        cjk = not key.isascii()
        for cid, names in self._search_names.items():
            for name, is_label in names:
                if name.startswith(key):
                    offer([cid], 4 if is_label else 5)
                elif (" " + key) in (" " + name) or (cjk and key in name):
                    offer([cid], 6)
            for abbr in self._by_id[cid].abbreviations:
                if abbr.casefold().startswith(folded):
                    offer([cid], 5)
        if code:
            offer((cid for listed, ids in self._by_code.items() if listed.startswith(code) for cid in ids), 7)
        ordered = sorted(best, key=lambda cid: (best[cid], readings.get(cid, 0) if best[cid] == 2 else 0,
                                                *self._rank(cid)))
        return [self._by_id[cid] for cid in ordered[:limit]]

    def terms(self) -> Iterator[tuple[str, str, bool]]:
        """``(term, concept_id, case_sensitive)`` for a dictionary matcher: every name and abbreviation
        of every concept. Ambiguous terms appear only under their broader concept; terms with
        unrelated readings do not appear."""
        for cid in sorted(self._by_id):
            concept = self._by_id[cid]
            for name in dict.fromkeys(concept.names()):
                yield name, cid, False
            for abbr in concept.abbreviations:
                yield abbr, cid, True


def _width(text: str) -> str:
    """NFKC without case folding, so a CJK input method's "ＳＬＥ" is the abbreviation "SLE"."""
    return unicodedata.normalize("NFKC", text).strip()


def _singular(key: str) -> str:
    """A crude singular for a name typed in the plural ("malignancies", "infections") or the
    possessive ("Sjögren's", normalised to "sjogren s")."""
    if key.endswith(" s"):
        return key[:-2]
    if key.endswith("ies"):
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss"):
        return key[:-1]
    return key


@lru_cache(maxsize=1)
def vocabulary() -> ConditionVocabulary:
    """The bundled vocabulary, read once."""
    return ConditionVocabulary.from_file(resource("vocab", "conditions.json"))


def get(concept_id: str) -> Concept:
    return vocabulary().get(concept_id)


def lookup(text: str) -> list[Concept]:
    return vocabulary().lookup(text)


def search(prefix: str, limit: int = 20) -> list[Concept]:
    return vocabulary().search(prefix, limit)


def is_a(concept_id: str, ancestor_id: str) -> bool:
    return vocabulary().is_a(concept_id, ancestor_id)


def covers(broader_id: str, narrower_id: str) -> bool:
    return vocabulary().covers(broader_id, narrower_id)


def ancestors(concept_id: str) -> tuple[str, ...]:
    return vocabulary().ancestors(concept_id)


def descendants(concept_id: str) -> tuple[str, ...]:
    return vocabulary().descendants(concept_id)


def terms() -> Iterator[tuple[str, str, bool]]:
    return vocabulary().terms()


def all_concepts() -> tuple[Concept, ...]:
    return vocabulary().all()


all = all_concepts  # noqa: A001 - the vocabulary API's name; builtins.all is not used in this module
