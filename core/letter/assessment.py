"""How each criterion stands in a referral letter and the words of its assessment.

A criterion is satisfied (inclusion met, exclusion absent), open (to be confirmed by the study
team), not satisfied, or satisfied later (after the steps before enrolment or from a date).
The assessment reuses the screening's sentence, in the letter's language: a confirm item not
yet answered says so instead of repeating the criterion, and a criterion decided by another
one says what was met there.
"""

from __future__ import annotations

import re
from typing import Any

from core.i18n import _, pgettext
from core.letter.language import long_date
from core.letter.model import Table
from core.matching.sentences import cjk, criterion_name, fact_label, step_line
from core.matching.verdict import (
    CHILDREN_BASIS,
    FROM_DATE,
    HEADING_BASIS,
    MET,
    NOT_MET,
    UNKNOWN,
    TrialVerdict,
    base_status,
)
from core.patient import facts as fact_registry
from core.trial_record import display_label


def fact_or_none(fact_id: str):
    """The registry fact, or None for an id it does not know."""
    try:
        return fact_registry.get_fact(fact_id)
    except KeyError:
        return None


def _ref_clause(clause: str) -> tuple[str, str] | None:
    """("inclusion 2", "met" | "not met" | "unknown") for a clause "Inclusion 2 is met" in the active language."""
    for status, template in (("met", _("{criterion} is met")), ("not met", _("{criterion} is not met")),
                             ("unknown", _("{criterion} is not yet known"))):
        before, _sep, after = template.partition("{criterion}")
        pattern = re.escape(before) + r"(.+?)" + re.escape(after) + r"[.。]?"
        match = re.fullmatch(pattern, clause, re.IGNORECASE)
        if match:
            return match.group(1).lower(), status
    return None


def letter_sentence(sentence: str, text: str, refs: dict[str, str] | None = None) -> str:
    """The assessment as the study team reads it: a confirm item not yet answered says so
    instead of repeating the criterion, and a criterion decided by another one ("Inclusion 2
    is met") says what was met there. ``refs`` maps "inclusion 2" to that criterion's sentence."""
    sep = pgettext("clause separator", "; ")
    prefix = _("to be confirmed by the clinician: {question}").partition("{question}")[0]
    parts = []
    clauses = sentence.split(sep)
    for i, clause in enumerate(clauses):
        if clause.lower().startswith(prefix.lower()):
            rest = clause[len(prefix):]
            norm = " ".join(rest.split()).rstrip(".。")
            if norm and norm in " ".join(text.split()):
                clause = _("Not yet assessed.")
            else:
                clause = (_("To confirm: {question}") if i == 0 else _("to confirm: {question}")).format(question=rest)
        else:
            clause = _described_ref(clause, refs or {}, first=i == 0, last=i == len(clauses) - 1)
        if clause not in parts:
            parts.append(clause)
    return sep.join(parts)


def _described_ref(clause: str, refs: dict[str, str], first: bool, last: bool) -> str:
    """ "Inclusion 2 is met" -> "Met through inclusion 2 (Rheumatoid arthritis diagnosis: yes; etc.)"."""
    found = _ref_clause(clause)
    if not found:
        return clause
    name, status = found
    sep = pgettext("clause separator", "; ")
    other = [c.rstrip(".。") for c in refs.get(name, "").split(sep) if c and not _ref_clause(c)]
    if status == "unknown" or not other:
        return clause
    # "…" prints as CJK dots in the letter font
    shown = other[0] + (_("; etc.") if len(other) > 1 else "")
    end = pgettext("punctuation", ".") if last else ""
    template = _("met through {criterion} ({detail})") if status == "met" else _("{criterion} is not met ({detail})")
    text = template.format(criterion=name, detail=shown)
    return (text[:1].upper() + text[1:] if first else text) + end


SATISFIED, OPEN, UNSATISFIED, LATER = "satisfied", "open", "unsatisfied", "later"


def standing(kind: str, status: str) -> str:
    """How a criterion stands for the referral: an inclusion met or an exclusion absent is
    satisfied (``LATER`` when only once the steps before enrolment are taken or from a later
    date); an inclusion not met or an exclusion present is not; unknown stays open."""
    base = base_status(status)
    if base == UNKNOWN:
        return OPEN
    favourable = (base == MET) if kind == "inclusion" else (base == NOT_MET)
    if favourable and base != status:
        return LATER
    return SATISFIED if favourable else UNSATISFIED


def later_assessment(c: Any) -> str:
    """Why a criterion not satisfied today will be: the steps, or the date and what it waits for."""
    if c.status.endswith(FROM_DATE) and c.eligible_from:
        day = long_date(c.eligible_from)
        if c.kind == "inclusion":
            text = _("Met from {date} (when {reason}).") if c.when else _("Met from {date}.")
        else:
            text = _("No longer present from {date} (when {reason}).") if c.when else \
                _("No longer present from {date}.")
        return text.format(date=day, reason=c.when)
    if c.steps:
        return _("Satisfied once done before enrolment: {steps}").format(
            steps=("" if cjk() else " ").join(step_line(s) for s in c.steps))
    return _("Satisfied once the steps before enrolment are taken.")


def criterion_table(verdict: TrialVerdict, wanted: str) -> Table:
    table = Table([_("Item"), _("Criterion (as published)"), _("Assessment")])
    refs = {criterion_name(c.kind, display_label(c.key, c.label)).lower(): c.sentence for c in verdict.criteria}
    for c in verdict.criteria:
        if standing(c.kind, c.status) != wanted or c.basis == HEADING_BASIS:  # a heading is no criterion
            continue
        label = display_label(c.key, c.label)
        item = (_("Incl. {label}") if c.kind == "inclusion" else _("Excl. {label}")).format(label=label)
        if c.basis == CHILDREN_BASIS:
            # decided by its sub-items, which have rows of their own: their sentences strung together here
            # said everything twice (a PDQ section over its topics and statements ran a page long)
            assessment = _("Decided by its sub-items.")
        else:
            assessment = letter_sentence(c.sentence, c.text, refs)
        if wanted == LATER:
            assessment = join_sentences([assessment, later_assessment(c)])
        table.rows.append([item, c.text, assessment])
    return table


def join_sentences(parts: list[str]) -> str:
    """Sentences one after the other: a space between them, none in Chinese and Japanese."""
    return ("" if cjk() else " ").join(p for p in parts if p)


def tests_needed(verdict: TrialVerdict) -> list[str]:
    """Results still missing that open criteria depend on (labs and examinations)."""
    needed: list[str] = []
    for c in verdict.criteria:
        if base_status(c.status) != UNKNOWN:
            continue
        for fact_id, value in c.facts.items():
            fact = fact_or_none(fact_id.removesuffix("_x_uln").removesuffix("_below_lln")) or fact_or_none(fact_id)
            if value is None and fact is not None and fact.group in ("labs", "findings"):
                wording = fact_label(fact) + (f" ({fact.unit})" if fact.unit and fact.type == "number" else "")
                if wording not in needed:
                    needed.append(wording)
    return needed
