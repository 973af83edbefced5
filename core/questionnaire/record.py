"""The patient record: facts belong to the patient, each with the date it was known.

A screening's answers are merged into the record (``merge_into_record``) as they are
given; a new screening starts from the record (``start_from_record``) with every fact
still fresh enough counted as answered, and the stale ones left out so they are asked
again (how long each kind of fact lasts: ``record_parts.max_age_days``). Per-trial
confirmations never enter the record: they belong to one screening, and earlier ones are
only listed (``earlier_confirmations``) for the clinician to answer again.

Everything here works on plain JSON (``profile_to_dict`` form), Qt-free and without the
database: ``core.userdata.records`` stores what it returns.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from core.i18n import N_, _, ngettext
from core.patient.partial_dates import parse_date
from core.patient.profile import PatientProfile, ProfileError, profile_from_dict, profile_to_dict
from core.patient.validation import profile_problems
from core.questionnaire import current_answers
from core.questionnaire.mapping import confirm_question_id, parse_checklist_id, parse_confirm_id
from core.questionnaire.record_parts import (
    DEFAULT_MAX_AGE_DAYS,
    SECTIONS,
    absence_claims,
    drop_absence_claims,
    drop_part,
    get_part,
    known_on_key,
    lab_key,
    max_age_days,
    part_date,
    parts_of,
    put_part,
    stamp,
)

RECORD_MAX_AGE_SETTING = "record_max_age_days"
_NOT_RECORDED = ("confirmations", "assessment_date")  # one screening's, never the patient's


def profile_json(profile: PatientProfile | Mapping[str, Any]) -> dict[str, Any]:
    """A profile (object, format-1 or format-2 JSON, or a saved questionnaire state) as format-2 JSON."""
    if isinstance(profile, PatientProfile):
        return profile_to_dict(profile)
    data = dict(profile)
    if "questionnaire_version" in data:
        data = dict(data.get("profile") or {})
    return profile_to_dict(profile_from_dict(data or {"format_version": 2}, strict=False))


def answered_parts(question_ids: Iterable[str]) -> list[str]:
    """The record parts some questions answer (a part is named after its question; clinician
    confirmations answer none, alone or on a checklist page)."""
    return [q for q in dict.fromkeys(question_ids) if not parse_confirm_id(q) and not parse_checklist_id(q)]


def merge_into_record(record: Mapping[str, Any] | None, profile: PatientProfile | Mapping[str, Any],
                      parts: Iterable[str] | None, on: date, *, own_dates: bool = False,
                      only_changed: bool = False, union: bool = False) -> dict[str, Any]:
    """The record with a screening's answers merged in (the input is not changed).

    ``parts``: the questions answered (None: everything the profile holds). Each part the
    profile holds replaces the record's, stamped ``on`` (or, with ``own_dates``, with the
    date the profile itself gives it); lab and score results are added to the earlier ones.
    A part answered "unknown" leaves the record's as it was: an answer is never lost.
    ``only_changed`` skips parts the record already holds as they are (no new date).
    ``union``: the screening never showed the record's lists (it began before them), so its
    diagnoses / treatments / allergies rows are added to the record's, replacing only the
    same entries, instead of standing for the whole list."""
    data = profile_json(profile)
    out = copy.deepcopy(dict(record)) if record else {"format_version": 2}
    asked = answered_parts(parts if parts is not None else parts_of(data))
    # "Is X active now?" is kept on the diagnoses: the parts that hold them
    asked = list(dict.fromkeys(p for q in asked for p in (
        current_answers.record_parts(data, q) if current_answers.owns(q) else [q])))
    for part in asked:
        held = get_part(data, part)
        if held is None:
            continue
        if only_changed and _holds(out, part, held):
            continue
        put_part(out, part, held, history=True, union=union)
        stamp(out, part, (part_date(data, part) or on) if own_dates else on)
    for key in ("profile_id", "label"):
        if data.get(key):
            out[key] = data[key]
    for key in _NOT_RECORDED:
        out.pop(key, None)
    out["format_version"] = 2
    return out


def _holds(record: dict[str, Any], part: str, held: dict[str, Any]) -> bool:
    mine = get_part(record, part)
    if mine is None:
        return False
    if "rows" in held:  # rows the record dated itself compare without that date
        strip = [{k: v for k, v in r.items() if k != "recorded"} for r in mine["rows"]]
        return all({k: v for k, v in r.items() if k != "recorded"} in strip for r in held["rows"]) and (
            mine.get("complete") == held.get("complete"))
    return mine == held


@dataclass
class RecordStart:
    """What a new screening starts from: the profile, and which facts came from the record."""

    profile: PatientProfile
    carried: dict[str, str | None] = field(default_factory=dict)  # part -> date known (ISO), counted answered
    stale: dict[str, str | None] = field(default_factory=dict)  # part -> date known: too old, asked again
    refused: dict[str, str] = field(default_factory=dict)  # part -> why it could not be used (impossible now)


def start_from_record(record: Mapping[str, Any] | None, today: date,
                      max_age: int = DEFAULT_MAX_AGE_DAYS, *, profile_id: str | None = None,
                      date_of_birth: date | None = None) -> RecordStart:
    """A new screening's starting profile: the record without confirmations and without
    facts too old for use; ``date_of_birth`` (the patient's) when the record has none."""
    data = copy.deepcopy(dict(record)) if record else {"format_version": 2}
    for key in _NOT_RECORDED:
        data.pop(key, None)
    start = RecordStart(PatientProfile())
    # "Nothing else" and "known absent" can stop being true: they last only the setting, while
    # the rows of the list stay (a list no longer complete still counts what it holds).
    claims = {c: d for c, d in absence_claims(data).items() if d is None or (today - d).days > max_age}
    start.stale.update({c: d.isoformat() if d else None for c, d in claims.items()})
    drop_absence_claims(data, list(claims))
    for part in parts_of(data):
        known = part_date(data, part)
        limit = max_age_days(part, get_part(data, part), max_age)
        iso = known.isoformat() if known else None
        if limit is None or (known is not None and (today - known).days <= limit):
            start.carried[part] = iso
        else:
            start.stale[part] = iso
            drop_part(data, part)
    if profile_id:
        data["profile_id"] = profile_id
    if date_of_birth is not None and not data.get("date_of_birth"):
        data["date_of_birth"] = date_of_birth.isoformat()
    start.profile = _usable(data, today, start)
    keys = {known_on_key(p, (get_part(data, p) or {}).get("section")) for p in start.carried}
    start.profile.known_on = {k: v for k, v in start.profile.known_on.items() if k in keys}
    return start


def _usable(data: dict[str, Any], today: date, start: RecordStart) -> PatientProfile:
    """The profile read back; a carried fact the profile checks refuse now (e.g. a date of
    birth changed since a diagnosis was recorded) is left out and listed, never guessed."""
    for _attempt in range(50):
        try:
            profile = profile_from_dict(data, strict=False)
        except ProfileError as exc:
            problems = exc.problems or [(exc.field or "", str(exc))]
        else:
            problems = profile_problems(profile, today=today)
            if not problems:
                return profile
        field_name, message = problems[0]
        part = _part_of_field(data, field_name or "")
        if part is None or part not in start.carried:
            break
        start.carried.pop(part)
        start.refused[part] = message
        drop_part(data, part)
    start.refused.update({p: "could not be read" for p in start.carried})
    start.carried.clear()
    keep = {k: data[k] for k in ("profile_id", "date_of_birth") if data.get(k)}
    try:
        return profile_from_dict({"format_version": 2, **keep}, strict=False)
    except ProfileError:
        return PatientProfile(profile_id=data.get("profile_id"))


def _part_of_field(data: dict[str, Any], field_name: str) -> str | None:
    """The record part a profile field path (``labs[2].uln``, ``findings.ecog``) belongs to."""
    head, _, rest = field_name.partition(".")
    name, _, index = head.partition("[")
    if name in SECTIONS:
        return rest.split(".")[0].split("[")[0] or None
    if name in ("date_of_birth", "sex", "weight_kg", "treatments", "allergies"):
        return name
    if name in ("treatments_complete", "allergies_complete", "diagnoses_complete", "procedures_complete"):
        return name.removesuffix("_complete")
    if name == "joint_assessment":
        return "joints"
    rows = data.get(name) or []
    try:
        row = rows[int(index.rstrip("]"))] if index else None
    except (ValueError, IndexError):
        row = None
    if name == "diagnoses":
        return f"condition:{row.get('code')}" if row and row.get("source") == "question" else "diagnoses"
    if name == "procedures":
        return f"procedure:{row.get('procedure')}" if row and row.get("source") == "question" else "procedures"
    if name == "procedures_never_had" and index:
        codes = data.get(name) or []
        i = int(index.rstrip("]")) if index.rstrip("]").isdigit() else -1
        return f"procedure:{codes[i]}" if 0 <= i < len(codes) else None
    if name in ("labs", "scores") and row:
        return f"lab.{lab_key(row.get('name', ''))}" if name == "labs" else f"score:{row.get('name')}"
    if name in ("never_treated_with", "ever_treated_with") and index:
        codes = data.get(name) or []
        i = int(index.rstrip("]")) if index.rstrip("]").isdigit() else -1
        return f"drug_ever:{codes[i]}" if 0 <= i < len(codes) else None
    return None


def age_words(known: str | date | None, today: date) -> str:
    """How old a fact from the record is, in words: "from the record, 4 months old" (in the
    active language: called where it is shown)."""
    if known is None:
        return _("from the record, date not known")
    day = known if isinstance(known, date) else parse_date(str(known))
    days = (today - day).days
    if days <= 0:
        return _("from the record, today")
    if days < 14:
        return ngettext("from the record, {n} day old", "from the record, {n} days old", days).format(n=days)
    if days < 61:
        n = days // 7
        return ngettext("from the record, {n} week old", "from the record, {n} weeks old", n).format(n=n)
    months = (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day)
    if months < 24:
        return ngettext("from the record, {n} month old", "from the record, {n} months old", months).format(n=months)
    n = months // 12
    return ngettext("from the record, {n} year old", "from the record, {n} years old", n).format(n=n)


# The note is saved in English with the screening (``from_record.asked_before``): shown through
# ``asked_before_words``, which reads it back and words it in the active language.
_ASKED_BEFORE = re.compile(r"asked in screening #(\d+) on (\d{4}-\d{2}-\d{2}) \(answered (yes|no|unknown)\)")
_ANSWER_WORDS = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown")}


def asked_before_words(note: str) -> str:
    """A saved "asked in screening #N on DATE (answered yes)" in the active language (as saved
    when it does not read as one)."""
    m = _ASKED_BEFORE.fullmatch(note.strip())
    if m is None:
        return note
    return _("asked in screening #{number} on {date} (answered {answer})").format(
        number=m.group(1), date=m.group(2), answer=_(_ANSWER_WORDS[m.group(3)]))


def earlier_confirmations(screenings: Iterable[tuple[int, date, Mapping[str, Any]]]) -> dict[str, str]:
    """confirm question id -> "asked in screening #N on DATE (answered yes)": the newest
    earlier answer to each, for the clinician to answer again (never carried over).
    ``screenings``: (id, date, saved state or profile JSON), any order."""
    out: dict[str, tuple[date, str]] = {}
    words = {"yes": "yes", "no": "no", "unknown": "unknown", True: "yes", False: "no", None: "unknown"}
    for screening_id, day, state in screenings:
        data = state.get("profile") if isinstance(state, Mapping) and "questionnaire_version" in state else state
        confirmations = (data or {}).get("confirmations") if isinstance(data, Mapping) else None
        for trial_id, answers in (confirmations or {}).items():
            for key, value in (answers or {}).items():
                qid = confirm_question_id(trial_id, key)
                if qid not in out or out[qid][0] <= day:
                    answer = words.get(value, str(value))
                    out[qid] = (day, f"asked in screening #{screening_id} on {day.isoformat()} (answered {answer})")
    return {qid: text for qid, (_day, text) in out.items()}
