"""Name lookup, completion and hierarchy over the concepts of one vocabulary.

The labs and scores vocabularies (and any other whose concepts carry ``id``, ``label``,
``synonyms``, ``abbreviations``, ``zh``, ``ja``, ``codes`` and ``parents``) share this index,
so "ALT", "alanine aminotransferase", "谷丙转氨酶" and "1742-6" all find the same concept the
same way. Full names compare through ``normalise``/``compact``; abbreviations compare
case-sensitively (after NFKC, so full-width "ＡＬＴ" still finds ALT), because "MS" and "ms",
or "PsA" and "PSA", are different things.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Generic, NamedTuple, Protocol, TypeVar

from core.vocab.text import compact, normalise


class Named(Protocol):
    """What a concept must offer to be indexed."""

    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def synonyms(self) -> tuple[str, ...]: ...
    @property
    def abbreviations(self) -> tuple[str, ...]: ...
    @property
    def zh(self) -> tuple[str, ...]: ...
    @property
    def ja(self) -> tuple[str, ...]: ...
    @property
    def codes(self) -> tuple[str, ...]: ...
    @property
    def parents(self) -> tuple[str, ...]: ...


C = TypeVar("C", bound=Named)

# Search tiers, best first (the brief's ranking: exact > abbreviation > label prefix > synonym prefix).
_EXACT, _ABBREVIATION, _LABEL_PREFIX, _NAME_PREFIX, _WORD_PREFIX = range(5)


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def full_names(concept: Named) -> tuple[str, ...]:
    """Every case-insensitive name of a concept: label, synonyms, Chinese, Japanese."""
    return (concept.label, *concept.synonyms, *concept.zh, *concept.ja)


class TermIndex(Generic[C]):
    """Lookup, prefix search and is-a queries over a fixed set of concepts."""

    def __init__(self, concepts: Iterable[C]) -> None:
        self._by_id: dict[str, C] = {}
        for concept in concepts:
            if concept.id in self._by_id:
                raise ValueError(f"concept id {concept.id!r} appears twice")
            self._by_id[concept.id] = concept
        self._names: dict[str, list[str]] = {}  # normalised or compact name -> ids
        self._abbreviations: dict[str, list[str]] = {}  # NFKC abbreviation (case kept) -> ids
        self._children: dict[str, list[str]] = {cid: [] for cid in self._by_id}
        self._search_forms: dict[str, _Forms] = {}
        for concept in self._by_id.values():
            self._search_forms[concept.id] = _Forms(
                names=tuple(normalise(n) for n in full_names(concept)),
                codes=tuple(normalise(c) for c in concept.codes),
                abbreviations=concept.abbreviations,
                folded_abbreviations=tuple(a.casefold() for a in concept.abbreviations),
            )
            for name in (*full_names(concept), *concept.codes):
                for key in {normalise(name), compact(name)}:
                    _add(self._names, key, concept.id)
            for abbreviation in concept.abbreviations:
                _add(self._abbreviations, _nfkc(abbreviation), concept.id)
            for parent in concept.parents:
                if parent not in self._by_id:
                    raise ValueError(f"{concept.id!r} names a parent {parent!r} that does not exist")
                self._children[parent].append(concept.id)
        for cid in self._by_id:
            self.ancestors(cid)  # raises on a cycle, so a broken file fails at load

    # --- single concepts -------------------------------------------------------------
    def get(self, concept_id: str) -> C:
        """The concept with this id; KeyError names the id when there is none."""
        try:
            return self._by_id[concept_id]
        except KeyError:
            raise KeyError(f"no concept with id {concept_id!r}") from None

    def __contains__(self, concept_id: object) -> bool:
        return concept_id in self._by_id

    def all(self) -> list[C]:
        """Every concept, in id order."""
        return [self._by_id[cid] for cid in sorted(self._by_id)]

    def lookup(self, text: str) -> list[C]:
        """Concepts one of whose names is exactly ``text`` (abbreviations case-sensitive)."""
        found: list[str] = []
        for cid in self._abbreviations.get(_nfkc(text), ()):
            _append(found, cid)
        for key in (normalise(text), compact(text)):
            for cid in self._names.get(key, ()):
                _append(found, cid)
        return [self._by_id[cid] for cid in found]

    def search(self, prefix: str, limit: int = 20) -> list[C]:
        """Completion for data entry: concepts with a name starting with ``prefix``, best first."""
        query = normalise(prefix)
        raw = _nfkc(prefix)
        if not query:
            return []
        ranked: list[tuple[int, int, str, str]] = []
        for concept in self._by_id.values():
            tier = _tier(self._search_forms[concept.id], query, raw)
            if tier is not None:
                ranked.append((tier, len(concept.label), concept.label.casefold(), concept.id))
        ranked.sort()
        return [self._by_id[cid] for *_, cid in ranked[:limit]]

    def terms(self) -> Iterator[tuple[str, str, bool]]:
        """``(term, concept_id, case_sensitive)`` for a dictionary matcher, each pair once."""
        for concept in self.all():
            seen: set[tuple[str, bool]] = set()
            for name in full_names(concept):
                key = (normalise(name), False)
                if key not in seen:
                    seen.add(key)
                    yield name, concept.id, False
            for abbreviation in concept.abbreviations:
                key = (abbreviation, True)
                if key not in seen:
                    seen.add(key)
                    yield abbreviation, concept.id, True

    def conflicts(self, ambiguous: dict[str, str] | None = None) -> list[str]:
        """Names shared by two concepts neither of which is above the other, unless declared.

        A name may sit on a concept and on one of its ancestors ("ANCA" on the group and a
        child would still be a choice to make, but not a contradiction); anything else must
        be listed in ``ambiguous`` (term -> the broader concept it resolves to).
        """
        declared = {normalise(t) for t in (ambiguous or {})} | set(ambiguous or {})
        problems = []
        for table, kind in ((self._names, "name"), (self._abbreviations, "abbreviation")):
            for key, ids in sorted(table.items()):
                if len(ids) < 2 or key in declared:
                    continue
                for i, a in enumerate(ids):
                    for b in ids[i + 1:]:
                        if not (self.is_a(a, b) or self.is_a(b, a)):
                            problems.append(f"{kind} {key!r} names both {a} and {b}")
        return problems

    # --- hierarchy -------------------------------------------------------------------
    def ancestors(self, concept_id: str) -> set[str]:
        """Every concept above this one (parents, their parents, ...)."""
        out: set[str] = set()
        stack = [(concept_id, (concept_id,))]
        while stack:
            cid, path = stack.pop()
            for parent in self.get(cid).parents:
                if parent in path:
                    raise ValueError(f"hierarchy cycle: {' -> '.join((*path, parent))}")
                out.add(parent)
                stack.append((parent, (*path, parent)))
        return out

    def descendants(self, concept_id: str) -> set[str]:
        """Every concept below this one."""
        self.get(concept_id)
        out: set[str] = set()
        stack = [concept_id]
        while stack:
            for child in self._children[stack.pop()]:
                if child not in out:
                    out.add(child)
                    stack.append(child)
        return out

    def is_a(self, concept_id: str, ancestor_id: str) -> bool:
        """True when ``concept_id`` is ``ancestor_id`` or lies below it."""
        return concept_id == ancestor_id or ancestor_id in self.ancestors(concept_id)


class _Forms(NamedTuple):
    """A concept's names precomputed for prefix search."""

    names: tuple[str, ...]  # normalised; the label first
    codes: tuple[str, ...]
    abbreviations: tuple[str, ...]
    folded_abbreviations: tuple[str, ...]


def _tier(forms: _Forms, query: str, raw: str) -> int | None:
    if query in forms.names or raw in forms.abbreviations or query in forms.codes:
        return _EXACT
    folded = raw.casefold()
    if any(a.startswith(folded) for a in forms.folded_abbreviations):
        return _ABBREVIATION
    if forms.names[0].startswith(query):
        return _LABEL_PREFIX
    if any(n.startswith(query) for n in forms.names[1:]) or any(c.startswith(query) for c in forms.codes):
        return _NAME_PREFIX
    if any(f" {query}" in f" {n}" for n in forms.names):
        return _WORD_PREFIX
    return None


def _add(index: dict[str, list[str]], key: str, concept_id: str) -> None:
    if key:
        _append(index.setdefault(key, []), concept_id)


def _append(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)
