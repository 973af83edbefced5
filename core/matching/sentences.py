"""Words for results: fact values, comparisons and whole-criterion sentences.

Every clause is a statement of fact that stays true whatever the rule does with it
("Age 17 years is not above 18 years"), so ``not`` and ``any`` can pass clauses through
unchanged and the criterion's sentence is its deciding clauses joined.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from core.i18n import N_, _, current_language, ngettext, npgettext, pgettext
from core.patient.fact_labels import concept_name
from core.patient.fact_labels import fact_label as label_of
from core.patient.facts import Fact
from core.patient.values import FactSet, Range

# Whole-clause templates (not bare verbs): Chinese and Japanese put the verb elsewhere.
_NUMBER_PHRASES = {
    # op: (clause when true, clause when false)
    ">": (N_("{subject} is above {threshold}"), N_("{subject} is not above {threshold}")),
    ">=": (N_("{subject} is at least {threshold}"), N_("{subject} is below {threshold}")),
    "<": (N_("{subject} is below {threshold}"), N_("{subject} is not below {threshold}")),
    "<=": (N_("{subject} is at most {threshold}"), N_("{subject} is above {threshold}")),
    "=": (N_("{subject} is {threshold}"), N_("{subject} is not {threshold}")),
    "!=": (N_("{subject} is not {threshold}"), N_("{subject} is {threshold}")),
}
_DATE_PHRASES = {
    ">": (N_("{subject} is after {threshold}"), N_("{subject} is not after {threshold}")),
    ">=": (N_("{subject} is on or after {threshold}"), N_("{subject} is before {threshold}")),
    "<": (N_("{subject} is before {threshold}"), N_("{subject} is not before {threshold}")),
    "<=": (N_("{subject} is on or before {threshold}"), N_("{subject} is after {threshold}")),
    "=": (N_("{subject} is {threshold}"), N_("{subject} is not {threshold}")),
    "!=": (N_("{subject} is not {threshold}"), N_("{subject} is {threshold}")),
}
_UNKNOWN_PHRASES = {
    ">": N_("{subject} may or may not be above {threshold}"),
    ">=": N_("{subject} may or may not be at least {threshold}"),
    "<": N_("{subject} may or may not be below {threshold}"),
    "<=": N_("{subject} may or may not be at most {threshold}"),
    "=": N_("{subject} may or may not be {threshold}"), "!=": N_("{subject} may or may not be {threshold}"),
    "in": N_("{subject} may or may not be one of {threshold}"),
}
_CODE_NAMES = {
    "acr_1987": "ACR 1987", "acr_eular_2010": "ACR/EULAR 2010", "aecg_2002": "AECG 2002",
    "japan_sjogren": N_("Japanese criteria"), "bohan_peter": N_("Bohan and Peter"), "sontheimer": "Sontheimer",
    "enmc_dm": N_("ENMC dermatomyositis"), "enmc_2020_asys": N_("ENMC 2020 antisynthetase syndrome"),
    "eular_acr_2019_sle": "EULAR/ACR 2019", "acr_eular_2016_sjogren": "ACR/EULAR 2016",
    "rheumatoid_arthritis": N_("rheumatoid arthritis"), "sle": N_("systemic lupus erythematosus"),
    "sjogren": N_("Sjögren's disease"),
}


def cjk() -> bool:
    """True when the active language writes without spaces between words (Chinese, Japanese)."""
    return current_language() in ("zh", "ja")


def full_stop() -> str:
    return pgettext("punctuation", ".")


def list_words(words: list[str], last: str = "and") -> str:
    """"a, b and c" / "a、b和c"; ``last`` is "and" or "or"."""
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    sep = pgettext("list separator", ", ")
    tail = (_("{a} or {b}") if last == "or" else _("{a} and {b}")).format(a=sep.join(words[:-1]), b=words[-1])
    return tail


def local_date(day: date) -> str:
    """2027-03-01 in English (as the screening has always printed), 2027年3月1日 in Chinese and Japanese."""
    return f"{day.year}年{day.month}月{day.day}日" if cjk() else day.isoformat()


def criterion_name(kind: str, label: str) -> str:
    """"inclusion 2" / "入选标准 2" / "選択基準 2"."""
    return (_("inclusion {label}") if kind == "inclusion" else _("exclusion {label}")).format(label=label)


def fact_label(fact: Fact) -> str:
    """The fact's short label in the active language."""
    return label_of(fact)


def number(x: float) -> str:
    """A number as a clinician writes it: 18, 2.5, 0.33."""
    if math.isinf(x):
        return _("never")
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _counted(text: str, unit: str) -> str | None:
    """"1 year", "3 months", "2.5 weeks", "45 minutes" in the active language; None when ``unit`` is no time unit."""
    n = 1 if text == "1" else 2  # the plural form: "1 year", "1.5 years"
    if unit == "years":
        return ngettext("{n} year", "{n} years", n).format(n=text)
    if unit == "months":
        return ngettext("{n} month", "{n} months", n).format(n=text)
    if unit == "weeks":
        return ngettext("{n} week", "{n} weeks", n).format(n=text)
    if unit == "days":
        return ngettext("{n} day", "{n} days", n).format(n=text)
    if unit == "minutes":  # morning stiffness
        return ngettext("{n} minute", "{n} minutes", n).format(n=text)
    return None


def _is_age(fact: Fact) -> bool:
    """An age in years (age, age at diagnosis, age at onset): "17岁", not "17年", in Chinese."""
    return fact.unit == "years" and "age" in fact.id.split("_")


def _age(text: str) -> str:
    return npgettext("age", "{n} year", "{n} years", 1 if text == "1" else 2).format(n=text)


def with_unit(text: str, unit: str | None) -> str:
    if not unit:
        return text
    counted = _counted(text, unit)
    if counted is not None:
        return counted
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


_DAYS_PER_MONTH = 365.25 / 12


def _plural(n: int, word: str) -> str:
    return _counted(str(n), word + "s") or f"{n} {word}{'' if n == 1 else 's'}"


def _joined(parts: list[str]) -> str:
    return ("" if cjk() else " ").join(parts)


def duration_text(value: float, unit: str) -> str | None:
    """A duration in the units a clinician says: "4 years 9 months" (not "247.86 weeks"),
    "11 years 7 months" (not "139 months"), "1 week 3 days". Completed units (never
    rounded up, so a value below a threshold never reads as reaching it). None when
    ``unit`` is not a duration."""
    if unit not in ("weeks", "months", "years") or value < 0 or math.isinf(value):
        return None
    if unit == "weeks" and value < 104:  # criteria count weeks up to about two years
        weeks = math.floor(value + 1e-9)
        days = math.floor((value - weeks) * 7 + 1e-6)
        if not weeks and days:
            return _plural(days, "day")
        return _joined([_plural(weeks, "week")] + ([_plural(days, "day")] if days else []))
    months = value * 7 / _DAYS_PER_MONTH if unit == "weeks" else value * (12 if unit == "years" else 1)
    whole = math.floor(months + 1e-6)
    if whole < 1:
        return duration_text(months * _DAYS_PER_MONTH / 7, "weeks")
    years, rest = divmod(whole, 12)
    parts = [_plural(years, "year")] if years else []
    return _joined(parts + ([_plural(rest, "month")] if rest else []))


def code_name(code: str, fact_id: str | None = None) -> str:
    """A code of a set fact in words; a diagnosis by the conditions vocabulary's name in Chinese and
    Japanese (English keeps the code's words: the JSON's sentences are stable)."""
    name = _CODE_NAMES.get(code)
    if name:
        return _(name)
    if fact_id == "diagnoses" and current_language() != "en":
        local = concept_name(f"condition:{code}")
        if local:
            return local
    return code.replace("_", " ")


def format_value(fact: Fact, value: Any) -> str:
    """A fact value in words, with its unit."""
    if value is None:
        return _("unknown")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Range):
        if math.isinf(value.high):
            return _("at least {value}").format(value=with_unit(number(value.low), fact.unit))
        return _("between {low} and {high}").format(low=number(value.low),
                                                     high=with_unit(number(value.high), fact.unit))
    if isinstance(value, int | float):
        if math.isinf(value):
            return _("none given")
        if _is_age(fact) and cjk():
            return _age(number(value))
        return duration_text(value, fact.unit or "") or with_unit(number(value), fact.unit)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, FactSet):
        return pgettext("list separator", ", ").join(code_name(c, fact.id) for c in sorted(value.items)) or \
            _("none recorded")
    return str(value)


def format_threshold(fact: Fact, value: Any) -> str:
    if isinstance(value, list):
        return list_words([format_threshold(fact, v) for v in value], last="or")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float):
        return _age(number(value)) if _is_age(fact) and cjk() else with_unit(number(value), fact.unit)
    return str(value)


def relation_clause(fact: Fact, op: str, result: bool, subject: str, threshold: str) -> str:
    """``op`` as it came out, as a whole clause: "{subject} is at least {threshold}" / "... is below ..."
    (numbers), "... is after ..." (dates)."""
    phrases = _DATE_PHRASES if fact.type == "date" else _NUMBER_PHRASES
    pair = phrases.get(op, _NUMBER_PHRASES["="])
    return _(pair[0 if result else 1]).format(subject=subject, threshold=threshold)


def comparison_clause(fact: Fact, op: str, threshold: Any, value: Any, result: bool | None) -> str:
    """One clause for a fact comparison, e.g. "AST 2.5 × ULN is at most 3 × ULN"."""
    label = fact_label(fact)
    if value is None:
        return _("{label} is unknown").format(label=label)
    if fact.type == "set":
        code = code_name(threshold, fact.id)
        if result is True:
            return _("{label} include {item}").format(label=label, item=code)
        if result is False:
            return _("{label} do not include {item}").format(label=label, item=code)
        recorded = format_value(fact, value)
        return _("{label} are not known to include {item} (recorded: {recorded})").format(
            label=label, item=code, recorded=recorded)
    if fact.type in ("bool", "enum"):
        shown = format_value(fact, value) if fact.type == "bool" else _(format_value(fact, value))
        if fact.type == "bool" and fact.id.startswith("condition_current:") and isinstance(value, bool):
            # "Lymphoma: not active now", not "Lymphoma (active now): no"
            name = concept_name(fact.id) or label
            return (_("{name}: active now") if value else _("{name}: not active now")).format(name=name)
        if fact.type == "bool":
            return _("{label}: {value}").format(label=label, value=shown)
        if result is False and op in ("=", "in"):
            return _("{label} is {value}, not {expected}").format(
                label=label, value=shown, expected=format_threshold(fact, threshold))
        return _("{label} is {value}").format(label=label, value=shown)
    if isinstance(value, Range):
        subject = _("{label} ({value})").format(label=label, value=format_value(fact, value))
    elif isinstance(value, int | float) and math.isinf(value):
        subject = _("{label} (none given)").format(label=label)
    else:
        subject = _("{label} {value}").format(label=label, value=format_value(fact, value))
        if isinstance(threshold, int | float) and value != threshold and \
                format_value(fact, value) == format_value(fact, threshold):
            # 11.5 months vs 11: not "11 is above 11"
            subject = _("{label} {value}").format(label=label, value=with_unit(number(value), fact.unit))
    shown_threshold = format_threshold(fact, threshold)
    if result is None:
        template = _UNKNOWN_PHRASES.get(op, _UNKNOWN_PHRASES["="])
        return _(template).format(subject=subject, threshold=shown_threshold)
    if op == "in":
        template = _("{subject} is one of {threshold}") if result else _("{subject} is none of {threshold}")
        return template.format(subject=subject, threshold=shown_threshold)
    return relation_clause(fact, op, result, subject, shown_threshold)


def join_clauses(clauses: list[str]) -> str:
    """Clauses as one sentence: deduplicated, capitalised, ending with a full stop."""
    seen: list[str] = []
    for clause in clauses:
        if clause and clause not in seen:
            seen.append(clause)
    if not seen:
        return ""
    before, _sep, after = _("{label} is unknown").partition("{label}")
    names = [c[len(before): len(c) - len(after)] for c in seen
             if c.startswith(before) and c.endswith(after) and len(c) > len(before) + len(after)]
    if len(seen) > 1 and len(names) == len(seen):
        text = _("{labels} are unknown").format(labels=list_words(names))
    else:
        text = pgettext("clause separator", "; ").join(seen)
    if not cjk():  # "CsDMARD累计…" is not a capital: Chinese and Japanese have none
        text = text[0].upper() + text[1:]
    stop = full_stop()
    return text if text[-1] in ".?!。？！" else text + stop


def step_line(step: dict[str, Any]) -> str:
    """A step before enrolment as one line: its text, with "unless already done" when today's
    facts cannot tell whether it is still needed."""
    text = str(step["text"]).rstrip(".")
    if step.get("needed") is None:
        return _("{step} (unless already done).").format(step=text)
    return text + full_stop()


def eligible_from_line(day: date, when: list[str] | str | None) -> str:
    """"from 2027-03-01 (when RA duration reaches 3 months)"."""
    reasons = [when] if isinstance(when, str) else list(when or [])
    if reasons:
        return _("from {date} (when {reasons})").format(
            date=local_date(day), reasons=pgettext("clause separator", "; ").join(reasons))
    return _("from {date}").format(date=local_date(day))
