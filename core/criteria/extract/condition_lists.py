"""Condition lists that write a shared word once: "renal or hepatic disease", "cancer of the colon, rectum or
lung", "basal cell or squamous cell skin cancer". Each is written out in full ("renal disease or hepatic disease")
when every part then names a condition of the vocabulary, so the readers can read it item by item; otherwise
nothing is expanded (precision first: a part that names nothing is not guessed at)."""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re

_ITEM = r"[a-z'-]+(?: [a-z'-]+)?"
_HEAD_LIST = re.compile(rf"^({_ITEM}(?:\s*,\s*{_ITEM})*)\s*,?\s+(or|and/or|and)\s+(.+)$")


_OF_LIST = re.compile(r"^((?:[a-z-]+ )?(?:adeno)?(?:carcinoma|cancer)s?) of the ([a-z]+)"
                      r"((?:\s*,\s*(?:(?:or|and/or|and)\s+)?(?:the\s+)?[a-z]+|\s+(?:or|and/or|and)\s+(?:the\s+)?[a-z]+)+)$")


def _organ_list(body: str) -> str | None:
    """ "cancer of the colon, rectum, lung, prostate" → "cancer of the colon, cancer of the rectum, …" when each
    is a condition's name; None when any is not."""
    m = _OF_LIST.match(body)
    if m is None:
        return None
    head, rest = m.group(1), m.group(3)
    pieces = re.findall(r"(\s*,\s*(?:(?:or|and/or|and)\s+)?|\s+(?:or|and/or|and)\s+)(?:the\s+)?([a-z]+)", rest)
    out = f"{head} of the {m.group(2)}"
    for joiner, organ in pieces:
        name = f"{head} of the {organ}"
        if not concepts.whole(name, ("condition",)):
            return None
        out += f"{joiner}{name}"
    return out if concepts.whole(f"{head} of the {m.group(2)}", ("condition",)) else None


def shared_head(body: str) -> str | None:
    """ "renal or hepatic disease" → "renal disease or hepatic disease", "basal cell or squamous cell skin
    cancer" → "basal cell skin cancer or squamous cell skin cancer": items of one or two words before a
    condition whose last words they share, each naming a condition with them (or alone: "cancer, renal,
    or liver disease"); None when any does not. Also "cancer of the colon, rectum or lung" (``_organ_list``)."""
    if (organs := _organ_list(body)) is not None:
        return organs
    m = _HEAD_LIST.match(body)
    if m is None:
        return None
    last = m.group(3)
    hits = concepts.find(last, ("condition",))
    if not hits or hits[0].start != 0:
        return None  # (what follows the first condition of the last part is read by the caller)
    words = last[: hits[0].end].split()
    items = re.split(r"\s*,\s*", m.group(1))
    # the head is the last condition without its own first word ("invasive breast cancer": "breast cancer",
    # never the shorter "cancer"), or without a cell type ("squamous cell skin cancer": "skin cancer")
    heads = [len(words) - 1] + ([len(words) - 2] if len(words) > 2 and words[1] == "cell" else [])
    for k in heads:
        if k < 1:
            continue
        head = " ".join(words[-k:])
        out = []
        for item in items:
            candidate = next((c for c in (f"{item} {head}", item) if concepts.whole(c, ("condition",))), None)
            if candidate is None:
                break
            out.append(candidate)
        else:
            return ", ".join(out) + f" {m.group(2)} {last}"
    return None


_LIST_JOIN = re.compile(r"\s*(?:;|,)\s*(?:(?:and/or|or|and)\s+)?|\s+(?:and/or|or|and)\s+")


def grouped_list(words: str) -> str | None:
    """A list whose parts are whole conditions or groups that share a head ("carcinoma in situ of the cervix or
    basal cell or squamous cell skin cancer" → "…cervix, basal cell skin cancer or squamous cell skin cancer"):
    each group of parts that names no condition alone is written out by ``shared_head`` with the first whole
    condition after it; None when any part is left that is no condition."""
    parts = [p for p in _LIST_JOIN.split(words.strip(" ,;")) if p]
    if len(parts) < 2:
        return None
    out: list[str] = []
    pending: list[str] = []
    for part in parts:
        if concepts.whole(part, ("condition",)) is None:
            pending.append(part)
            continue
        if pending:
            expanded = shared_head(f"{', '.join(pending)} or {part}")
            if expanded is None:
                return None
            out.append(expanded)
            pending = []
        else:
            out.append(part)
    return None if pending else ", ".join(out)
