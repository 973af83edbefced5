"""Plain words for any rule ("Age is at least 18 years AND sex is female"), in the active language.

The extractor caches a proposal's description in English (``Proposal.description``, the stable
``criteria propose --json`` field): ``core.criteria.extract.describe_rule`` calls ``rule_in_words``
inside ``using_language("en")``. Where a rule is shown to a person (the review dialog, the rule
editor, the human output of ``criteria propose``) it is worded again from the rule in the app's
language, so nothing English is cached for display.

Every clause is a whole-sentence template (docs/i18n.md); fact labels and values come from the
same helpers as the screening's sentences, so a rule reads the way its verdict will.
"""

from __future__ import annotations

import json
from typing import Any

from core.i18n import N_, _, current_language, pgettext
from core.matching.rule_texts import rule_text
from core.matching.sentences import code_name, format_threshold
from core.patient.fact_labels import fact_label
from core.patient.facts import REGISTRY, Fact

# The same templates (msgids) as the screening's sentences: translated once, read alike.
_OP_PHRASES = {
    ">": N_("{subject} is above {threshold}"), ">=": N_("{subject} is at least {threshold}"),
    "<": N_("{subject} is below {threshold}"), "<=": N_("{subject} is at most {threshold}"),
    "=": N_("{subject} is {threshold}"), "!=": N_("{subject} is not {threshold}"),
    "in": N_("{subject} is one of {threshold}"),
}


def _fact_def(fact_id: str) -> Fact | None:
    """The fact definition of a fixed fact or of a vocabulary fact (``condition:<id>`` …), or None."""
    fact = REGISTRY.get(fact_id)
    if fact is None and ":" in fact_id:
        from core.patient.vocab_facts import fact_for

        fact = fact_for(fact_id)
    return fact


def _english() -> bool:
    return current_language() == "en"


def _lower_first(text: str, start: bool) -> str:
    """English only: a sentence-initial capital lowered inside a sentence ("Age" -> "age"), never
    an abbreviation ("CRP") or a name ("Sjögren's …")."""
    if start or not _english() or len(text) < 2 or not (text[0].isupper() and text[1].islower()):
        return text
    if text.startswith("Sj"):
        return text
    return text[0].lower() + text[1:]


def _label(fact_id: str, start: bool) -> str:
    fact = _fact_def(fact_id)
    label = fact_label(fact) if fact else fact_id
    return _lower_first(label, start)


def _value_words(fact_id: str, value: Any) -> str:
    fact = _fact_def(fact_id)
    if fact is None:
        return json.dumps(value)
    if fact.type == "set":
        return code_name(str(value), fact_id)
    if fact.type == "enum" and isinstance(value, str) and not _english():
        from core.questionnaire.wording import choice_name  # answer codes as the questionnaire words them

        return choice_name(value)
    return format_threshold(fact, value)


def _not_a_rule() -> str:
    return _("(not a rule)")


def rule_in_words(rule: Any, _start: bool = True) -> str:
    """Plain words for a rule in the active language."""
    if not isinstance(rule, dict):
        return _not_a_rule()
    for key, joiner in (("all", pgettext("rule", " AND ")), ("any", pgettext("rule", " OR "))):
        if key in rule and isinstance(rule[key], list):
            return joiner.join(_wrap(r, key, _start and i == 0) for i, r in enumerate(rule[key]))
    if "not" in rule:
        inner = rule["not"]
        if isinstance(inner, dict) and "fact" in inner and inner.get("op") == "has" and inner["fact"] in REGISTRY:
            return _("{label} do not include {item}").format(label=_label(inner["fact"], _start),
                                                            item=_value_words(inner["fact"], inner.get("value")))
        template = pgettext("rule", "NOT ({rule})") if _start else pgettext("rule, inside a sentence", "not ({rule})")
        return template.format(rule=rule_in_words(inner, False))
    if "confirm" in rule:
        return _lower_first(_("The clinician confirms: {question}"), _start).format(question=str(rule["confirm"]))
    if "ref" in rule:
        return _lower_first(_("Criterion {ref} is met"), _start).format(ref=rule["ref"])
    if "children" in rule:
        text = _("All of its sub-items are met") if rule["children"] == "all" else _(
            "At least one of its sub-items is met")
        return _lower_first(text, _start)
    if "step" in rule and isinstance(rule.get("step"), dict):
        return _("{rule} [can change before enrolment: {step}]").format(
            rule=rule_in_words(rule.get("rule"), _start), step=rule_text(str(rule["step"].get("text", ""))))
    if "fact" in rule:
        return _fact_words(rule, _start)
    return _not_a_rule()


def _fact_words(rule: dict, start: bool) -> str:
    fid = str(rule["fact"])
    fact = _fact_def(fid)
    label = _label(fid, start)
    op, value = rule.get("op"), rule.get("value")
    if fact is not None and fact.type == "bool" and op in ("=", "!="):
        yes = bool(value) == (op == "=")
        return _("{label}: {answer}").format(label=label, answer=_("yes") if yes else _("no"))
    if fact is not None and fact.type == "set":
        return _("{label} include {item}").format(label=label, item=_value_words(fid, value))
    if op == "in" and isinstance(value, list):
        words = pgettext("list separator", ", ").join(_value_words(fid, v) for v in value)
        phrase = _OP_PHRASES["in"]
        return _(phrase).format(subject=label, threshold=words)
    template = _OP_PHRASES.get(str(op))
    if template is None:  # an operator this wording does not know: shown as written
        return f"{label} {op} {_value_words(fid, value)}"
    return _(template).format(subject=label, threshold=_value_words(fid, value))


def _wrap(rule: dict, parent: str, start: bool) -> str:
    text = rule_in_words(rule, start)
    if isinstance(rule, dict) and (("all" in rule and parent == "any") or ("any" in rule and parent == "all")):
        return pgettext("rule", "({rule})").format(rule=text)
    return text
