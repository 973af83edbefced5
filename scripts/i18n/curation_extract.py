"""A Babel extractor for the curated rules (``resources/catalog/curation/*.json``): each step
text and each confirm question becomes a msgid, translated where it is shown
(``core/matching/rule_texts.py``). The criteria's own text is quoted as published: never a msgid.

Registered in ``babel.cfg`` (``[extractors] curation = scripts.i18n.curation_extract:extract``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any


def rule_texts(node: Any) -> Iterator[str]:
    """The step and confirm texts of a curated rule file, in file order."""
    if isinstance(node, dict):
        if isinstance(node.get("confirm"), str):
            yield node["confirm"].strip()
        step = node.get("step")
        if isinstance(step, dict) and isinstance(step.get("text"), str):
            yield step["text"].strip()
        for value in node.values():
            yield from rule_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from rule_texts(value)


def extract(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str | None, str, list[str]]]:
    raw = fileobj.read().decode("utf-8")
    for text in dict.fromkeys(rule_texts(json.loads(raw))):
        needle = json.dumps(text, ensure_ascii=False)[1:-1][:40]
        lineno = raw[:max(raw.find(needle), 0)].count("\n") + 1
        yield lineno, None, text, []
