"""The drug vocabulary: drug classes (an ATC-like hierarchy) and drugs, by any name.

Data: ``resources/vocab/drugs.json``, built by ``scripts/vocab/build_drugs.py`` (see
``docs/vocab-drugs.md``). A concept is a ``DrugClass`` (e.g. ``jak_inhibitor``, ``biologic``,
``strong_cyp3a4_inhibitor``) or a ``Drug`` (e.g. ``tofacitinib``). A drug belongs to classes
and, through their parents, to every ancestor class, so "any biologic" or "JAK inhibitor" lists
every member drug (``members``).

Names are compared with ``core.vocab.text`` (``compact``: case, width, hyphens and spaces
ignored, so "RoActemra" = "ro-actemra"); abbreviations ("MTX", "HCQ") only case-sensitively,
since short capitals collide with words ("MP", "CYC").
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from core.vocab.text import compact
from resources import paths

# Classes whose members a rheumatology clinic enters most; they come first in completion lists.
PRIORITY_CLASSES = ("dmard", "glucocorticoid", "immunosuppressant", "antimalarial", "urate_lowering",
                    "immunoglobulin", "b_cell_depleting")


@dataclass(frozen=True)
class DrugClass:
    """A class of drugs (mechanism, therapeutic group or interaction property)."""

    id: str
    label: str
    parents: tuple[str, ...] = ()
    atc: tuple[str, ...] = ()  # ATC group prefixes that (mostly) define the class
    mechanism: str | None = None  # short mechanism name (TNF, IL-6, JAK ...) reported for members
    tags: frozenset[str] = frozenset()  # inherited by every member ("immunosuppressive")
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()
    kind: str = field(default="class", init=False)


@dataclass(frozen=True)
class Drug:
    """One drug: its generic name (the id patient facts store is ``name``), classes and names."""

    id: str
    name: str
    classes: tuple[str, ...] = ()
    atc: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    zh: tuple[str, ...] = ()
    ja: tuple[str, ...] = ()
    prednisone_factor: float | None = None  # mg prednisone per mg (systemic glucocorticoids only)
    tags: frozenset[str] = frozenset()  # the drug's own tags (class tags: see ``tags_of``)
    kind: str = field(default="drug", init=False)

    @property
    def label(self) -> str:
        return self.name


Concept = DrugClass | Drug


def _plain_names(concept: Concept) -> list[str]:
    """Every name compared case-insensitively: label, synonyms, brands, zh, ja."""
    brands = concept.brands if isinstance(concept, Drug) else ()
    return [concept.label, *concept.synonyms, *brands, *concept.zh, *concept.ja]


def _abbreviation_key(text: str) -> str:
    # NFKC only, so a full-width "ＭＴＸ" finds MTX but "mtx" does not.
    return unicodedata.normalize("NFKC", text).strip()


@dataclass(frozen=True)
class _Vocabulary:
    concepts: dict[str, Concept]
    classes: tuple[DrugClass, ...]
    drugs: tuple[Drug, ...]
    ancestors: dict[str, tuple[str, ...]]  # concept id -> ancestor class ids, nearest first
    children: dict[str, tuple[str, ...]]  # class id -> direct subclasses and member drugs
    by_name: dict[str, tuple[str, ...]]  # compact name -> concept ids (broader first)
    by_abbreviation: dict[str, tuple[str, ...]]
    by_code: dict[str, tuple[str, ...]]  # ATC code or prefix -> concept ids
    ambiguous: dict[str, str]
    atc_version: str


def _tuple(entry: dict, key: str) -> tuple[str, ...]:
    return tuple(entry.get(key) or ())


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    with paths.resource("vocab", "drugs.json").open(encoding="utf-8") as fh:
        data = json.load(fh)
    classes = tuple(
        DrugClass(id=c["id"], label=c["label"], parents=_tuple(c, "parents"), atc=_tuple(c, "atc"),
                  mechanism=c.get("mechanism"), tags=frozenset(c.get("tags") or ()),
                  synonyms=_tuple(c, "synonyms"), abbreviations=_tuple(c, "abbreviations"),
                  zh=_tuple(c, "zh"), ja=_tuple(c, "ja"))
        for c in data["classes"])
    drugs = tuple(
        Drug(id=d["id"], name=d["name"], classes=_tuple(d, "classes"), atc=_tuple(d, "atc"),
             brands=_tuple(d, "brands"), synonyms=_tuple(d, "synonyms"),
             abbreviations=_tuple(d, "abbreviations"), zh=_tuple(d, "zh"), ja=_tuple(d, "ja"),
             prednisone_factor=d.get("prednisone_factor"), tags=frozenset(d.get("tags") or ()))
        for d in data["drugs"])
    concepts: dict[str, Concept] = {c.id: c for c in (*classes, *drugs)}

    ancestors: dict[str, tuple[str, ...]] = {}
    children: dict[str, list[str]] = {c.id: [] for c in classes}
    for concept in concepts.values():
        direct = concept.parents if isinstance(concept, DrugClass) else concept.classes
        for parent in direct:
            children[parent].append(concept.id)
        order: list[str] = []
        queue = list(direct)
        while queue:  # breadth first: nearest ancestors come first
            current = queue.pop(0)
            if current not in order:
                order.append(current)
                queue.extend(concepts[current].parents)  # type: ignore[union-attr]
        ancestors[concept.id] = tuple(order)

    ambiguous = {compact(term): cid for term, cid in (data.get("ambiguous") or {}).items()}
    by_name: dict[str, list[str]] = {}
    by_abbreviation: dict[str, list[str]] = {}
    by_code: dict[str, list[str]] = {}
    for concept in concepts.values():
        for name in _plain_names(concept):
            _add(by_name, compact(name), concept.id)
        for abbreviation in concept.abbreviations:
            _add(by_abbreviation, _abbreviation_key(abbreviation), concept.id)
        for code in concept.atc:
            _add(by_code, code.upper(), concept.id)
    for key, ids in by_name.items():
        broader = ambiguous.get(key)
        if broader in ids:  # the deliberate ambiguities list their broader concept first
            ids.sort(key=lambda cid, b=broader: cid != b)
    return _Vocabulary(
        concepts=concepts, classes=classes, drugs=drugs, ancestors=ancestors,
        children={k: tuple(v) for k, v in children.items()},
        by_name={k: tuple(v) for k, v in by_name.items()},
        by_abbreviation={k: tuple(v) for k, v in by_abbreviation.items()},
        by_code={k: tuple(v) for k, v in by_code.items()},
        ambiguous=dict(data.get("ambiguous") or {}), atc_version=str(data.get("atc_version", "")))


def _add(index: dict[str, list[str]], key: str, concept_id: str) -> None:
    if key:
        bucket = index.setdefault(key, [])
        if concept_id not in bucket:
            bucket.append(concept_id)


# --- the API -------------------------------------------------------------------------------


def get(concept_id: str) -> Concept | None:
    """The class or drug with this id, or None."""
    return _vocabulary().concepts.get(concept_id)


def all() -> tuple[Concept, ...]:  # noqa: A001 - the shared vocabulary API name
    """Every concept: classes first, then drugs, in source order."""
    v = _vocabulary()
    return (*v.classes, *v.drugs)


def all_classes() -> tuple[DrugClass, ...]:
    return _vocabulary().classes


def all_drugs() -> tuple[Drug, ...]:
    """Every drug, in source order (the original 49 of the patient drug table first)."""
    return _vocabulary().drugs


def atc_version() -> str:
    """The WHO ATC index edition the codes follow."""
    return _vocabulary().atc_version


def lookup(text: str | None) -> list[Concept]:
    """Concepts named exactly ``text``: a name, brand, synonym, zh/ja name, abbreviation, ATC code or id."""
    if not text or not text.strip():
        return []
    v = _vocabulary()
    ids: list[str] = []
    for found in (v.by_abbreviation.get(_abbreviation_key(text), ()), v.by_name.get(compact(text), ()),
                  v.by_code.get(_abbreviation_key(text).upper(), ()),
                  (text.strip(),) if text.strip() in v.concepts else ()):
        ids.extend(i for i in found if i not in ids)
    return [v.concepts[i] for i in ids]


def lookup_drug(text: str | None) -> Drug | None:
    """The one drug ``text`` names (classes skipped), or None."""
    return next((c for c in lookup(text) if isinstance(c, Drug)), None)


def ancestors(concept_id: str) -> list[str]:
    """Ids of every class above a concept (a drug's classes and theirs), nearest first."""
    return list(_vocabulary().ancestors.get(concept_id, ()))


def descendants(class_id: str) -> list[str]:
    """Ids of every subclass and member drug below a class (breadth first, no repeats)."""
    v = _vocabulary()
    order: list[str] = []
    queue = list(v.children.get(class_id, ()))
    while queue:
        current = queue.pop(0)
        if current not in order:
            order.append(current)
            queue.extend(v.children.get(current, ()))
    return order


def is_a(concept_id: str, ancestor_id: str) -> bool:
    """True when ``concept_id`` is ``ancestor_id`` or lies below it ("has this class or one below it")."""
    return concept_id == ancestor_id or ancestor_id in _vocabulary().ancestors.get(concept_id, ())


def members(class_id: str) -> list[Drug]:
    """Every drug in a class or any of its subclasses, in source order ("any biologic")."""
    if not isinstance(get(class_id), DrugClass):
        raise KeyError(f"unknown drug class {class_id!r}")
    return [d for d in all_drugs() if class_id in _vocabulary().ancestors[d.id]]


def classes_of(drug_id: str) -> list[DrugClass]:
    """A drug's classes with all their ancestors, nearest first."""
    v = _vocabulary()
    if not isinstance(v.concepts.get(drug_id), Drug):
        raise KeyError(f"unknown drug {drug_id!r}")
    return [v.concepts[c] for c in v.ancestors[drug_id]]  # type: ignore[misc]


def tags_of(drug: Drug) -> frozenset[str]:
    """The drug's own tags and those of every class it belongs to."""
    return drug.tags.union(*(c.tags for c in classes_of(drug.id)))


def mechanism_of(drug: Drug) -> str | None:
    """The mechanism of the nearest class that states one (classes in the order the drug lists them)."""
    v = _vocabulary()
    for direct in drug.classes:
        for cid in (direct, *v.ancestors[direct]):
            mechanism = v.concepts[cid].mechanism  # type: ignore[union-attr]
            if mechanism:
                return mechanism
    return None


def is_priority(concept: Concept) -> bool:
    """A concept rheumatology data entry offers first (DMARDs, glucocorticoids, immunosuppressants...)."""
    lineage = {concept.id, *_vocabulary().ancestors.get(concept.id, ())}
    return any(c in lineage for c in PRIORITY_CLASSES)


@dataclass(frozen=True)
class _Entry:
    """A concept's names precomputed for completion."""

    concept: Concept
    label: str  # compact label
    names: tuple[str, ...]  # compact forms of every plain name (label first)
    words: str  # " word word ..." of every plain name, each word compacted
    abbreviations: tuple[str, ...]
    order: tuple  # tie-break: rheumatology first, drugs before classes, alphabetical


@lru_cache(maxsize=1)
def _search_index() -> tuple[_Entry, ...]:
    entries = []
    for concept in all():
        names = tuple(compact(n) for n in _plain_names(concept))
        words = "".join(" " + " ".join(compact(w) for w in n.replace("-", " ").split())
                        for n in _plain_names(concept))
        order = (not is_priority(concept), concept.kind != "drug", concept.label.casefold())
        entries.append(_Entry(concept, names[0], names, words, concept.abbreviations, order))
    return tuple(entries)


def search(prefix: str, limit: int = 20) -> list[Concept]:
    """Completion: concepts with a name starting with ``prefix``.

    Ranked exact name > abbreviation (any case) > prefix of the label > prefix of another name
    (brand, synonym, zh, ja, abbreviation) > a later word of a name; ties: rheumatology drugs first, drugs before
    classes, alphabetical.
    """
    key = compact(prefix)
    if not key:
        return []
    raw = _abbreviation_key(prefix).casefold()
    ranked: list[tuple] = []
    for e in _search_index():
        if key in e.names:
            rank = 0
        elif any(a.casefold() == raw for a in e.abbreviations):
            rank = 1
        elif e.label.startswith(key):
            rank = 2
        elif any(n.startswith(key) for n in e.names[1:]) or any(a.casefold().startswith(raw) for a in e.abbreviations):
            rank = 3
        elif f" {key}" in e.words:
            rank = 4
        else:
            continue
        ranked.append(((rank, *e.order), e.concept))
    ranked.sort(key=lambda pair: pair[0])
    return [concept for _, concept in ranked[:limit]]


def terms() -> Iterator[tuple[str, str, bool]]:
    """(term, concept id, case_sensitive) for the dictionary matcher; an ambiguous term once, on its broader concept."""
    v = _vocabulary()
    ambiguous = {compact(t): c for t, c in v.ambiguous.items()}
    for concept in all():
        for name in dict.fromkeys(_plain_names(concept)):
            owner = ambiguous.get(compact(name))
            if owner is None or owner == concept.id:
                yield name, concept.id, False
        for abbreviation in concept.abbreviations:
            yield abbreviation, concept.id, True
