"""Facts about procedures (``resources/vocab/procedures.json``), for ``vocab_facts``:

| fact | type | meaning |
|---|---|---|
| ``procedure:<id>`` | bool | had this procedure (or one below it) at some time before the assessment |
| ``procedure_weeks_since:<id>`` | number | weeks since the last one was done (never: infinite) |
| ``procedure_planned:<id>`` | bool | this procedure (or one below it) is scheduled |
| ``procedure_current:<id>`` | bool | receiving this procedure (or one below it) now: an ongoing course |

Unknown is never "no": none is "no" only when the procedures list is complete or the procedure (or a
group holding it) is recorded never done. An entry that may or may not be this procedure keeps the
fact unknown: a broader one ("surgery" when asked about a hip replacement) and, for a concept that is
the trial's word (``open_in``: "major surgery"), any operation of its group not listed under it.
A condition recorded present whose ICD-10-CM status code is a procedure's (Z94.0 kidney transplant
recipient) counts as that procedure done, date unknown, so one answer serves both kinds of rule.

``procedure_current`` ("no concurrent radiotherapy", "on dialysis") is true for an entry marked ``ongoing``
or the answer "yes" to "Is the patient receiving this now: X?" (kept in ``history`` as
``procedure_current:X``, for X or one below it); false for that answer "no" (for X or a broader one), or
when no entry can exist beyond those listed (list complete, or never done) and every one listed has ended
(``ongoing`` false). An entry whose course is not said to go on or to have ended (``ongoing`` None: older
profiles, a bare "yes, had it") keeps it unknown. A course going on now was also had, and its last session
is this week (``procedure_weeks_since`` 0).
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from core.i18n import N_
from core.patient.facts import Fact
from core.patient.partial_dates import earliest, latest
from core.patient.profile import PatientProfile, ProcedureRecord
from core.patient.values import Range
from core.vocab.sentence_case import in_sentence

CURRENT = "procedure_current"
KINDS = ("procedure", "procedure_weeks_since", "procedure_planned", CURRENT)


# The yes/no question about one procedure (core/questionnaire/wording.py words it in the active language).
QUESTION = N_("Has the patient ever had this procedure: {name}?")
# ... and whether it goes on now (procedure_current:<id>)
QUESTION_NOW = N_("Is the patient receiving this now: {name}?")


def fact(kind: str, fact_id: str, label: str) -> Fact:
    """The Fact of a procedure fact id (``label``: the procedure's name)."""
    name = in_sentence(label)  # in a sentence; "PUVA" and eponyms kept
    if kind == "procedure":
        return Fact(fact_id, "bool", f"{label} (ever)", QUESTION.format(name=name), "procedures", derived=True)
    if kind == CURRENT:  # the answer is kept in ``history`` (see the module docstring)
        return Fact(fact_id, "bool", f"{label} (receiving now)", QUESTION_NOW.format(name=name), "procedures",
                    section="history")
    if kind == "procedure_planned":
        return Fact(fact_id, "bool", f"{label} (planned)", f"Is {name} planned or scheduled for the patient?",
                    "procedures", derived=True)
    return Fact(fact_id, "number", f"Time since {name}", f"Weeks since the last {name}", "procedures",
                unit="weeks", minimum=0, derived=True)


def _bridged(profile: PatientProfile) -> list[ProcedureRecord]:
    """Conditions recorded present that are a procedure's status (same ICD-10-CM code), as undated
    entries of the broadest procedure with that code."""
    from core.vocab import conditions
    from core.vocab import procedures as vocab

    by_code: dict[str, str] = {}
    for p in vocab.all():
        for code in p.icd10:
            known = by_code.get(code)
            if known is None or vocab.is_a(known, p.id):
                by_code[code] = p.id  # the broadest procedure carrying the code
    out = []
    for d in profile.diagnoses:
        if not d.present or d.code not in conditions.vocabulary():
            continue
        for code in conditions.get(d.code).icd10:
            if code in by_code:
                out.append(ProcedureRecord(by_code[code]))
                break
    return out


def _classify(cid: str, entries: list[ProcedureRecord]) -> tuple[list[ProcedureRecord], bool]:
    """(entries that are ``cid`` or below it, whether another entry might be one)."""
    from core.vocab import procedures as vocab

    open_in = vocab.get(cid).open_in
    mine, maybe = [], False
    for e in entries:
        if e.procedure not in vocab.index():
            maybe = True  # an entry the vocabulary does not know could be anything
        elif vocab.is_a(e.procedure, cid):
            mine.append(e)
        elif vocab.is_a(cid, e.procedure) or (open_in and vocab.is_a(e.procedure, open_in)):
            maybe = True
    return mine, maybe


def _none_known(cid: str, profile: PatientProfile) -> bool:
    """No entry of ``cid`` can exist beyond those listed: the list is complete or it is recorded never done."""
    from core.vocab import procedures as vocab

    return profile.procedures_complete or any(
        n in vocab.index() and vocab.is_a(cid, n) for n in profile.procedures_never_had)


def compute(kind: str, cid: str, profile: PatientProfile, as_of: date) -> Any:
    """The value of a procedure fact (None: unknown)."""
    from core.vocab import procedures as vocab

    if cid not in vocab.index():
        return None
    done = [p for p in [*profile.procedures, *_bridged(profile), *_answered_now(profile)] if not p.planned]
    done = [p for p in done if p.date is None or earliest(p.date) <= as_of]
    planned = [p for p in profile.procedures if p.planned]
    if kind == "procedure_planned":  # "never had it" says nothing of a plan: only a complete list does
        mine, maybe = _classify(cid, planned)
        return True if mine else (False if profile.procedures_complete and not maybe else None)
    sure = _none_known(cid, profile)
    if kind == CURRENT:
        return _current(cid, done, sure, profile.history)
    mine, maybe = _classify(cid, done)
    exact = sure and not maybe
    if kind == "procedure":
        return True if mine else (False if exact else None)
    return _weeks_since(mine, exact, as_of)


def _answered_now(profile: PatientProfile) -> list[ProcedureRecord]:
    """The answers "yes, receiving X now" (``history``), as undated ongoing entries of X."""
    from core.vocab import procedures as vocab

    return [ProcedureRecord(key.partition(":")[2], ongoing=True, source="question")
            for key, value in profile.history.items()
            if key.startswith(CURRENT + ":") and value is True and key.partition(":")[2] in vocab.index()]


def _current(cid: str, done: list[ProcedureRecord], sure: bool, history: dict[str, Any]) -> bool | None:
    """``procedure_current:<cid>`` (see the module docstring)."""
    from core.vocab import procedures as vocab

    mine, _maybe = _classify(cid, done)
    if any(p.ongoing for p in mine):
        return True
    for key, value in history.items():  # "not receiving X now": nor anything below X
        concept = key.partition(":")[2]
        if key.startswith(CURRENT + ":") and value is False and concept in vocab.index() and vocab.is_a(cid, concept):
            return False
    # an entry that has ended cannot be going on; any other that may be this one (broader, unknown) can
    _mine, maybe = _classify(cid, [p for p in done if p.ongoing is not False])
    return False if sure and not maybe and all(p.ongoing is False for p in mine) else None


def _weeks_since(mine: list[ProcedureRecord], exact: bool, as_of: date) -> Any:
    """Weeks since the latest: exact when every one is listed with a full date; a range for partial dates,
    undated entries or an open list (a later one may be missing); infinite when none was ever done; 0 for a
    course going on now."""
    if not mine:
        return math.inf if exact else None
    if any(p.ongoing for p in mine):
        return 0.0
    dated = [p.date for p in mine if p.date is not None]
    if not dated:
        return None
    low = min((as_of - min(latest(d), as_of)).days / 7 for d in dated)
    high = min((as_of - earliest(d)).days / 7 for d in dated)
    if not exact or len(dated) < len(mine):
        low = 0.0
    return low if low == high else Range(low, high)
