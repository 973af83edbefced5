"""Numbered clauses inside one item: "Biochemical tests meet the following criteria i) total bilirubin <= 1.5 x ULN;
ii) ALT <= 2.5 x ULN", "Active disease confirmed by the following three signs and symptoms. a. Active arthritis …
b. CRP > 30 mg/L. c. …", "Subjects with any of following abnormal laboratory values: (1) total bilirubin exceeding
3.0 mg/dL, (2) serum creatinine exceeding 3.0 mg/dL". Each clause is read on its own (as an item of the same kind);
an inclusion needs all of them, an exclusion is any of them; "any / one of the following" is any, "all / both / each
/ the N following" (N the number of clauses) all. A clause not read is asked of the clinician (one ``confirm`` quoting
the clauses left), never dropped; at least one clause must be read.

Precision first: the markers must run in order from the first (i, ii, iii / a, b, c / 1, 2, 3 / ①, ②), and the words
before them may only say that the clauses follow: a lead naming a condition ("Moderate-to-severe plaque psoriasis as
defined by the following criteria: 1) …"), a count of some ("at least 2 of the following"), or anything else leaves
the item unread.
"""

from __future__ import annotations

from collections.abc import Callable

from core.criteria.extract import rx as re
from core.criteria.extract.rule import _all, _any, _part_question

_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"]
_LETTERS = list("abcdefgh")
_DIGITS = [str(n) for n in range(1, 10)]
_CIRCLED = list("①②③④⑤⑥⑦⑧⑨")
_BEFORE = r"(?:(?<=^)|(?<=[\s;:,.]))"
_FAMILIES: list[tuple[list[str], re.Pattern]] = [
    (_ROMAN, re.compile(rf"{_BEFORE}\(?(i{{1,3}}|iv|vi{{0,3}})\)\s*", re.IGNORECASE)),
    (_LETTERS, re.compile(rf"{_BEFORE}(?:\(([a-h])\)|([a-h])\)|([a-h])\.(?=\s))\s*", re.IGNORECASE)),
    (_DIGITS, re.compile(rf"{_BEFORE}(?:\(([1-9])\)|([1-9])\)|([1-9])\.(?=\s))\s*")),
    (_CIRCLED, re.compile(r"([①②③④⑤⑥⑦⑧⑨])\s*")),
]
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# what may stand before the clauses: who or what meets them, and how many
_SUBJECT = (r"(?:(?:biochemical|biochemistry|laboratory|lab|blood|screening)\s+(?:tests?|values?|examinations?"
            r"|parameters?|results?)(?:\s+(?:must|should|shall))?\s+(?:meet|fulfil+|satisfy)"
            r"|(?:(?:patients?|subjects?|participants?)\s+)?(?:(?:who|must|should)\s+)?(?:meet(?:s|ing)?|fulfil+(?:s|ing)?"
            r"|satisf(?:y|ies|ying)|with|having|have)"
            r"|(?:active\s+)?disease(?:\s+activity)?\s+(?:confirmed|defined|evidenced|documented)\s+by)")
_LEAD = re.compile(
    rf"^(?:{_SUBJECT})?\s*(?:(?P<count>any|all|both|each|one|two|three|four|five|six|\d)\s+(?:of\s+)?)?(?:the\s+)?"
    r"following(?:\s+(?P<n>two|three|four|five|six|\d))?(?:\s+[a-z]+){0,4}?\s*[:;.]?\s*$", re.IGNORECASE)


def split(text: str) -> tuple[str, list[str]] | None:
    """The words before the markers and the clauses, when ``text`` holds at least two numbered clauses in order."""
    for names, pattern in _FAMILIES:
        found = [m for m in pattern.finditer(text)]
        run = _run(found, names)
        if run is None:
            continue
        lead = text[: run[0].start()].strip()
        bounds = [m.end() for m in run]
        ends = [m.start() for m in run[1:]] + [len(text)]
        clauses = [re.sub(r"[\s;,.]+$|\s+(?:and|or|and/or)$", "", text[b:e].strip()).strip()
                   for b, e in zip(bounds, ends, strict=True)]
        if all(clauses):
            return lead, clauses
    return None


def _run(found: list, names: list[str]) -> list | None:
    """The markers from the first name on, in order (a marker out of order ends nothing: the item is not read)."""
    labels = [next(g for g in m.groups() if g).lower() for m in found]
    if names[0] not in labels:
        return None
    start = labels.index(names[0])
    run = found[start:]
    if [lab for lab in labels[start:]] != names[: len(run)] or len(run) < 2:
        return None
    return run


def read(text: str, kind: str, read_one: Callable[[str, str], object]) -> tuple[dict, list] | None:
    """The rule of an item of numbered clauses and the proposals of the clauses read, or None. ``read_one`` reads one
    clause (``propose.propose_rule``)."""
    parts = split(text)
    if parts is None:
        return None
    lead, clauses = parts
    m = _LEAD.match(lead) if lead else None
    if lead and not m:
        return None
    count = (m.group("count") or "").lower() if m else ""
    n = (m.group("n") or "").lower() if m else ""
    wanted = _NUMBERS.get(count) or _NUMBERS.get(n) or (int(count) if count.isdigit() else None) or (
        int(n) if n.isdigit() else None)
    if wanted is not None and wanted != len(clauses):
        return None  # "two of the following" over three clauses: a count of some
    if count in ("any", "one"):
        join = "any"
    elif count in ("all", "both", "each") or wanted:
        join = "all"
    else:
        join = "all" if kind == "inclusion" else "any"
    if kind == "exclusion" and join == "all" and not count:
        return None
    proposals = [read_one(c, kind) for c in clauses]
    read_ones = [p for p in proposals if p is not None]
    if not read_ones:
        return None
    rules = [p.rule for p in read_ones]
    unread = [c for c, p in zip(clauses, proposals, strict=True) if p is None]
    if unread:
        rest = "; ".join(unread)
        if len(rest) > 300:
            return None
        rules.append(_part_question(rest, "rest"))
    rule = rules[0] if len(rules) == 1 else (_all(*rules) if join == "all" else _any(*rules))
    return rule, read_ones
