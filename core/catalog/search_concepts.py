"""Conditions and drugs named in Chinese or Japanese, for search in both directions.

* At index time, ``english_names_in`` finds the vocabulary concepts a record's CJK text names
  (类风湿关节炎, メトトレキサート …) and gives their English names, which the search row keeps
  in its ``concepts`` column: "rheumatoid arthritis" then finds a record written in Chinese.
* At query time, ``query_names`` turns a CJK word the clinician typed into the English names
  of the concept(s) it names, so 関節リウマチ also finds the English-only RA trials.

Only the conditions and drug vocabularies are used (``core.vocab``). English names are the
label, synonyms and (drugs) brand names without CJK characters; a name that contains another
of the concept's names as a phrase is left out ("adult rheumatoid arthritis" adds nothing to
"rheumatoid arthritis"). The search matches a one-word name as a prefix.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from core.catalog.cjk_text import fold, has_cjk
from core.vocab import conditions, drugs

_WORD = re.compile(r"\w+")
_PARENTHESIS = re.compile(r"\([^)]*\)")
# Names are written with or without spaces, hyphens and the katakana middle dot:
# ギラン・バレー症候群, 吉兰-巴雷综合征, 抗ARS抗体症候群 are compared without them.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u30fb]+")
_SEGMENT = re.compile(r"[\w\-\u2010-\u2015\u30fb]+")
# A short prefix ("类风") names too many concepts: the few with the shortest names are taken.
PREFIX_CONCEPTS = 3
MAX_QUERY_PHRASES = 8
MAX_CONDITION_NAMES = 12


@dataclass(frozen=True)
class _Names:
    by_cjk: dict[str, tuple[str, ...]]  # folded CJK name -> concept keys ("c:ra", "d:methotrexate")
    lengths: dict[str, tuple[int, ...]]  # first character -> lengths of the names starting with it, longest first
    phrases: dict[str, tuple[str, ...]]  # concept key -> English phrases (lower-case words)
    index_names: dict[str, tuple[str, ...]]  # concept key -> English names and abbreviations to index
    written: dict[str, tuple[str, ...]]  # concept key -> names in every language as written, case-folded


def _phrase(name: str) -> str:
    """A name as lower-case words without accents or parentheses: "Sjögren's (primary)" -> "sjogren s"."""
    text = unicodedata.normalize("NFKD", _PARENTHESIS.sub(" ", name)).casefold()
    return " ".join(_WORD.findall("".join(ch for ch in text if not unicodedata.combining(ch))))


def _pruned(phrases: list[str]) -> tuple[str, ...]:
    """Distinct phrases in their order (a label first), without one another phrase already
    finds. The search matches a one-word name as a prefix, so "biologic" finds "biological
    agent" and "sjogren" finds "sjogrens syndrome"; longer names as whole words ("rheumatoid
    arthritis" finds "adult rheumatoid arthritis"). Fewer phrases keep the search fast."""
    unique = list(dict.fromkeys(p for p in phrases if p))

    def finds(k: str, p: str) -> bool:
        return k != p and (f" {k}" in f" {p}" if " " not in k else f" {k} " in f" {p} ")

    return tuple(p for p in unique if not any(finds(k, p) for k in unique))


@lru_cache(maxsize=1)
def _names() -> _Names:
    by_cjk: dict[str, list[str]] = {}
    phrases: dict[str, tuple[str, ...]] = {}
    index_names: dict[str, tuple[str, ...]] = {}
    written: dict[str, tuple[str, ...]] = {}
    entries = [(f"c:{c.id}", c.label, c.synonyms, (), c.abbreviations, (*c.zh, *c.ja))
               for c in conditions.all_concepts()]
    entries += [(f"d:{d.id}", d.label, d.synonyms, getattr(d, "brands", ()), d.abbreviations, (*d.zh, *d.ja))
                for d in drugs.all()]
    for key, label, synonyms, brands, abbreviations, cjk_names in entries:
        latin = [n for n in (label, *synonyms, *brands) if not has_cjk(n)]
        phrases[key] = _pruned([_phrase(n) for n in latin])
        index_names[key] = tuple(dict.fromkeys([*latin, *abbreviations]))
        written[key] = tuple(dict.fromkeys(fold(_PARENTHESIS.sub(" ", n)).strip().casefold()
                                               for n in (*latin, *cjk_names)))
        for name in (*cjk_names, *(b for b in brands if has_cjk(b))):
            folded = _key(name)
            if has_cjk(folded) and key not in by_cjk.get(folded, []):
                by_cjk.setdefault(folded, []).append(key)
    sizes: dict[str, set[int]] = {}
    for name in by_cjk:
        sizes.setdefault(name[0], set()).add(len(name))
    lengths = {first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()}
    return _Names({k: tuple(v) for k, v in by_cjk.items()}, lengths, phrases, index_names, written)


def _key(text: str) -> str:
    """The form names are compared in: NFKC, case-folded, without spaces, hyphens and "・"."""
    return _SEPARATORS.sub("", fold(text).casefold())


def _named_in(segment: str) -> list[str]:
    """Concept keys named in ``segment`` (a ``_key``), left to right, the longest name at each
    place ("系统性红斑狼疮" is SLE, not also lupus; "类风湿关节炎" is RA, not also arthritis)."""
    names = _names()
    found: list[str] = []
    start = 0
    while start < len(segment):
        step = 1
        for length in names.lengths.get(segment[start], ()):
            keys = names.by_cjk.get(segment[start:start + length]) if start + length <= len(segment) else None
            if keys:
                found += [k for k in keys if k not in found]
                step = length
                break
        start += step
    return found


def english_names_in(text: str) -> str:
    """English names (and abbreviations) of every concept the CJK text of ``text`` names."""
    keys: list[str] = []
    for segment in _SEGMENT.findall(fold(text)):
        if has_cjk(segment):
            keys += [k for k in _named_in(_key(segment)) if k not in keys]
    names = _names()
    return " ".join(name for key in keys for name in names.index_names[key])


def _prefixed(run: str) -> list[str]:
    """Concepts with a CJK name starting with ``run``: the shortest names first."""
    names = _names()
    hits = sorted((len(name), name, keys) for name, keys in names.by_cjk.items() if name.startswith(run))
    found: list[str] = []
    for _length, _name, keys in hits:
        found += [k for k in keys if k not in found]
    return found[:PREFIX_CONCEPTS]


def query_names(run: str) -> tuple[str, ...]:
    """English phrases for a CJK word typed as a search (two characters or more; it may mix
    scripts, as 抗ARS抗体症候群 does).

    The concepts named exactly by the run; else those whose names it contains (a longer word,
    "活动性类风湿关节炎"); else, for three characters or more, the few whose names start with it
    (typing "类风湿")."""
    names = _names()
    return _pruned([p for key in _concept_keys(run) for p in names.phrases[key]])[:MAX_QUERY_PHRASES]


def _concept_keys(run: str) -> list[str]:
    run = _key(run)
    if len(run) < 2 or not has_cjk(run):
        return []
    # A two-character word only by its exact name: as a prefix it is too general (研究, "study",
    # starts 研究药物, "investigational drug").
    return list(_names().by_cjk.get(run, ())) or _named_in(run) or (_prefixed(run) if len(run) >= 3 else [])


def condition_names(text: str) -> tuple[str, ...]:
    """For the condition filter: the names in English, Chinese and Japanese (case-folded, as
    written) of the condition a CJK ``text`` names, none containing another ("rheumatoid
    arthritis", not also "adult rheumatoid arthritis"). Empty for text without CJK."""
    names = _names()
    found = [n for key in _concept_keys(text.strip()) if key.startswith("c:") for n in names.written[key]]
    unique = list(dict.fromkeys(n for n in found if n))
    return tuple(n for n in unique if not any(k != n and k in n for k in unique))[:MAX_CONDITION_NAMES]
