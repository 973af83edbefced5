"""Stage 4: negation, history and hypothetical scope by the ConText algorithm (NegEx's successor).

The rules are data, ``resources/criteria/context_rules.json``: medspaCy's published default English
ConText rules (MIT licence, attributed in the file), each a trigger phrase with a category
(NEGATED_EXISTENCE, POSSIBLE_EXISTENCE, HYPOTHETICAL, HISTORICAL, FAMILY) and a direction:

* FORWARD triggers modify targets after them, BACKWARD ones targets before them, to the end (start)
  of the sentence;
* a TERMINATE trigger ("but", "apart from", "secondary") ends the scope of the triggers before or
  after it, and so does a later trigger of the same category ("no CHF, no pneumonia": the second
  "no" takes over);
* PSEUDO triggers are matched (so their words are not read as a shorter trigger: "no increase")
  but modify nothing;
* of overlapping triggers the longest wins; a trigger never modifies a target it overlaps.

This follows ``medspacy.context`` (``ConTextModifier.limit_scope``/``modifies``) without spaCy:
text is split into lower-case word tokens, and a target is a token span (``concepts.Mention`` gives
character offsets, converted with ``token_span``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from resources.paths import resource

_TOKEN = re.compile(r"[a-z0-9]+(?:['/][a-z0-9]+)*|[^\sa-z0-9]", re.IGNORECASE)
_SENTENCE_END = {".", ";", "?", "!"}


@dataclass(frozen=True)
class Rule:
    literal: str
    category: str
    direction: str  # FORWARD, BACKWARD, BIDIRECTIONAL, TERMINATE, PSEUDO
    regex: re.Pattern[str]


@dataclass
class Modifier:
    rule: Rule
    start: int  # token span of the trigger
    end: int
    scope_start: int
    scope_end: int

    @property
    def category(self) -> str:
        return self.rule.category


@lru_cache(maxsize=1)
def rules() -> tuple[Rule, ...]:
    """The ConText rules of the rules file."""
    data = json.loads(resource("criteria", "context_rules.json").read_text(encoding="utf-8"))
    out = []
    for r in data["context_rules"]:
        body = r["pattern"] or re.escape(r["literal"].lower())
        out.append(Rule(r["literal"], r["category"].upper(), r["direction"].upper(),
                        re.compile(rf"(?<![^ ])(?:{body})(?= |$)")))
    return tuple(out)


def tokens(text: str) -> list[tuple[str, int, int]]:
    """(lower-case token, start char, end char) for each word or punctuation mark."""
    return [(m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def token_span(toks: list[tuple[str, int, int]], start: int, end: int) -> tuple[int, int]:
    """The token span covering characters ``start:end``."""
    first = next((i for i, t in enumerate(toks) if t[2] > start), len(toks))
    last = max((i + 1 for i, t in enumerate(toks) if t[1] < end), default=first)
    return first, max(first, last)


def _sentences(toks: list[tuple[str, int, int]]) -> list[tuple[int, int]]:
    out, start = [], 0
    for i, t in enumerate(toks):
        if t[0] in _SENTENCE_END:
            out.append((start, i + 1))
            start = i + 1
    if start < len(toks):
        out.append((start, len(toks)))
    return out


def modifiers(toks: list[tuple[str, int, int]], rule_set: tuple[Rule, ...] | None = None) -> list[Modifier]:
    """Every trigger in the tokens with its scope, after pruning overlaps and limiting scopes."""
    rule_set = rules() if rule_set is None else rule_set
    words = [t[0] for t in toks]
    text = " ".join(words)
    starts = {}  # char offset in ``text`` -> token index
    pos = 0
    for i, w in enumerate(words):
        starts[pos] = i
        pos += len(w) + 1
    found: list[Modifier] = []
    for rule in rule_set:
        for m in rule.regex.finditer(text):
            if m.start() not in starts:
                continue
            s = starts[m.start()]
            e = s + len(m.group(0).strip().split(" "))
            found.append(Modifier(rule, s, e, s, e))
    # prune: of overlapping triggers keep the longest (then the earliest)
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[Modifier] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    kept.sort(key=lambda m: m.start)
    for m in kept:
        sent = next((s for s in _sentences(toks) if s[0] <= m.start < s[1]), (0, len(toks)))
        if m.rule.direction in ("FORWARD", "BIDIRECTIONAL"):
            m.scope_end = sent[1]
        if m.rule.direction in ("BACKWARD", "BIDIRECTIONAL"):
            m.scope_start = sent[0]
    for m in kept:
        _limit(m, kept)
    return kept


def _limit(m: Modifier, others: list[Modifier]) -> None:
    """``limit_scope``: a TERMINATE trigger or one of the same category ends the scope."""
    if m.rule.direction in ("TERMINATE", "PSEUDO"):
        return
    for o in others:
        if o is m or o.rule.direction == "PSEUDO":
            continue
        if o.rule.direction != "TERMINATE" and o.category != m.category:
            continue
        if m.rule.direction in ("FORWARD", "BIDIRECTIONAL") and o.start >= m.end:
            m.scope_end = min(m.scope_end, o.start)
        if m.rule.direction in ("BACKWARD", "BIDIRECTIONAL") and o.end <= m.start:
            m.scope_start = max(m.scope_start, o.end)


def modifies(m: Modifier, start: int, end: int) -> bool:
    """Whether the modifier applies to the target tokens ``start:end``."""
    if m.rule.direction in ("TERMINATE", "PSEUDO"):
        return False
    if not (end <= m.start or start >= m.end):
        return False  # a trigger never modifies a target it overlaps
    return start < m.scope_end and end > m.scope_start


def categories(text: str, start: int, end: int) -> set[str]:
    """The ConText categories that modify the characters ``start:end`` of ``text``."""
    toks = tokens(text)
    s, e = token_span(toks, start, end)
    return {m.category for m in modifiers(toks) if modifies(m, s, e)}
