"""When waiting settles a criterion: whether it may, the earliest day it is satisfied, and
why ("RA duration reaches 3 months").

A criterion that fails today only through facts that time changes (an age not yet reached,
a disease or treatment duration still too short, too little time since a drug) is not a
reason to exclude: ``verdict.evaluate_trial`` asks ``earliest_day`` for the first day (month
steps up to the horizon, then halving to the day) at which it no longer fails, with the facts
recomputed as of that day (``core.patient.timeline``). Searching is only worth it when
waiting may help every deciding criterion (``may_improve``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from core.i18n import _
from core.matching import sentences
from core.matching.evaluate import compare
from core.matching.trial_eval import item_rule
from core.patient import facts as registry
from core.patient.dates import add_months
from core.patient.timeline import HORIZON_MONTHS

# Facts that only grow while time passes (ages, durations, cumulative treatment, time since a dose).
_GROWING = re.compile(r"age_years|.*_duration_(months|years)|csdmard_years|dmard_years"
                      r"|longest_immunosuppressant_course_months|glucocorticoid_with_immunosuppressant_months"
                      r"|weeks_since_.*")
# (op, result on the later day) -> words for a number that grows with time.
_REACHES = {(">=", True), ("<", False)}
_ABOVE = {(">", True), ("<=", False)}


def earliest_day(ok: Callable[[date], bool], today: date, months: int = HORIZON_MONTHS) -> date | None:
    """The first day after ``today`` on which ``ok`` holds (``ok(today)`` is taken as false),
    looked for in month steps up to ``months`` ahead and refined to the day; None if never.
    Between two month steps ``ok`` is taken to change once (ages and durations only grow)."""
    previous = today
    for k in range(1, months + 1):
        day = add_months(today, k)
        if ok(day):
            low, high = previous, day
            while (high - low).days > 1:
                middle = low + timedelta(days=(high - low).days // 2)
                if ok(middle):
                    high = middle
                else:
                    low = middle
            return high
        previous = day
    return None


def _walk(node: Any, visit: Callable[[Mapping[str, Any]], None], follow: Callable[[str], None]) -> None:
    if not isinstance(node, Mapping):
        return
    if "fact" in node:
        visit(node)
    elif "ref" in node:
        follow(node["ref"])
    for key in ("all", "any"):
        for sub in node.get(key) or []:
            _walk(sub, visit, follow)
    for key in ("not", "rule"):
        if key in node:
            _walk(node[key], visit, follow)


def _criterion_nodes(key: str, items: Mapping[str, Any], visit: Callable[[Mapping[str, Any]], None],
                     seen: set[str]) -> None:
    """Visit every fact comparison a criterion depends on: its rule, refs and sub-items."""
    if key in seen or key not in items:
        return
    seen.add(key)
    item = items[key]
    rule = item_rule(item)
    if rule is None or "children" in rule:
        for child in item.children:
            _criterion_nodes(child.key, items, visit, seen)
        return
    _walk(rule, visit, lambda ref: _criterion_nodes(ref, items, visit, seen))


def may_improve(key: str, items: Mapping[str, Any], changing: frozenset[str], now: Mapping[str, Any]) -> bool:
    """False when waiting cannot make the criterion favourable to the patient (an inclusion
    met, an exclusion absent): a part needed for that is against the patient today and is a
    comparison on a fact time does not change, or on a fact that only grows, in the direction
    that moves further away (``age <= 18`` in an inclusion for an adult). It over-approximates
    (parts are looked at one by one), so True only means "worth searching"; refs, sub-items,
    clinician questions and unknown facts answer True."""
    item = items.get(key)
    rule = item_rule(item) if item is not None else None
    if rule is None or "children" in rule:
        return True

    def can_be(node: Any, want: bool) -> bool:
        """Whether ``node`` can take the value ``want`` today or later."""
        if not isinstance(node, Mapping) or "ref" in node or "confirm" in node or "step" in node:
            return True  # a step counts as done after the steps: the favourable value
        if "fact" in node:
            today = compare(now.get(node["fact"]), node["op"], node["value"])
            if today is None or today is want:
                return True
            if node["fact"] not in changing:
                return False
            if not _GROWING.fullmatch(node["fact"]) or node["op"] not in (">", ">=", "<", "<="):
                return True
            return (node["op"] in (">", ">=")) == want  # growing makes it true: good when true is wanted
        if "not" in node:
            return can_be(node["not"], not want)
        if "all" in node:
            parts = node["all"]
            return all(can_be(p, want) for p in parts) if want else any(can_be(p, want) for p in parts)
        if "any" in node:
            parts = node["any"]
            return any(can_be(p, want) for p in parts) if want else all(can_be(p, want) for p in parts)
        return True

    return can_be(rule, item.kind == "inclusion")


def _phrase(fact: registry.Fact, op: str, value: Any, result: bool) -> str:
    label = sentences.fact_label(fact)
    if label[1:2].islower():
        label = label[0].lower() + label[1:]  # "age", but "RA duration"
    threshold = sentences.format_threshold(fact, value)
    if (op, result) in _REACHES:
        return _("{subject} reaches {threshold}").format(subject=label, threshold=threshold)
    if (op, result) in _ABOVE:
        return _("{subject} is above {threshold}").format(subject=label, threshold=threshold)
    return sentences.relation_clause(fact, op, result, label, threshold)


def when_text(key: str, items: Mapping[str, Any], now: Mapping[str, Any], then: Mapping[str, Any],
              changing: frozenset[str]) -> str:
    """Why the criterion is settled on the later day: the comparisons on facts that time
    changed whose answer changed, e.g. "RA duration reaches 3 months"."""
    parts: list[str] = []

    def visit(node: Mapping[str, Any]) -> None:
        fact_id = node["fact"]
        if fact_id not in changing:
            return
        before = compare(now.get(fact_id), node["op"], node["value"])
        after = compare(then.get(fact_id), node["op"], node["value"])
        if after is not None and before != after:
            phrase = _phrase(registry.REGISTRY[fact_id], node["op"], node["value"], after)
            if phrase not in parts:
                parts.append(phrase)

    _criterion_nodes(key, items, visit, set())
    return sentences.list_words(parts) if parts else _("time has passed")
