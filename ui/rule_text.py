"""Rules shown to a reviewer: plain words, indented JSON, a monospace font, criterion names, and
values typed into the structured rule form."""

from __future__ import annotations

import json
import logging
from typing import Any

from PySide6.QtGui import QFont, QFontDatabase

from core.i18n import _
from core.patient import facts

log = logging.getLogger(__name__)


def describe(rule: Any) -> str:
    """Plain words for a rule (the extractor's wording when it is available)."""
    if rule is None:
        return _("No rule. The clinician is asked whether this criterion is met.")
    try:
        from core.criteria.rule_words import rule_in_words
        from core.matching.rule_texts import rule_text
        from core.matching.rules import without_steps
        from core.matching.sentences import cjk, full_stop

        today, steps = without_steps(rule)  # the describer knows no step nodes: their texts follow
        words = rule_in_words(today)  # in the app's language (Proposal.description is English)
        if steps:
            gap = "" if cjk() else " "
            words = words.rstrip(".。") + full_stop() + "".join(
                gap + _("Before enrolment: {step}.").format(step=rule_text(text).rstrip(".。")) for text in steps)
        return words
    except Exception:  # a hand-written rule the describer does not know: show the JSON
        log.exception("rule_in_words failed for %r", rule)
        return json.dumps(rule, ensure_ascii=False)


def rule_json(rule: Any) -> str:
    return "" if rule is None else json.dumps(rule, ensure_ascii=False, indent=2)


def _mono() -> QFont:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


def kind_label(kind: str, label: str | None) -> str:
    if kind == "inclusion":
        return _("Inclusion {label}").format(label=label) if label else _("Inclusion item")
    return _("Exclusion {label}").format(label=label) if label else _("Exclusion item")


# ---------------------------------------------------------------- rule editor

def parse_value(text: str, fact: facts.Fact | None, op: str) -> Any:
    """What a typed value means for ``fact``: numbers, yes/no, a list for 'in'."""
    text = text.strip()
    if op == "in":
        return [parse_value(part, fact, "=") for part in text.split(",") if part.strip()]
    if fact is not None and fact.type == "number":
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    if fact is not None and fact.type == "bool":
        low = text.casefold()
        if low in ("true", "yes", "y", "1"):
            return True
        if low in ("false", "no", "n", "0"):
            return False
        return text
    try:  # a JSON literal typed on purpose ("[...]", "true", a quoted string)
        return json.loads(text) if text[:1] in "[{\"" else text
    except json.JSONDecodeError:
        return text
