"""The parts of a patient record, each named by the question that answers it, with its date.

A record (docs/patient-profile.md, "The patient record") is a format-2 profile's JSON form
without confirmations. It is handled here in parts, one per question: ``date_of_birth``,
``diagnoses`` (the table), ``condition:<code>`` (a yes/no about one condition),
``treatments``, ``allergies``, ``drug_ever:<code>``, ``lab.<name>``, ``score:<name>``,
``joints`` and every findings / history / consent fact by its id. A part can be read,
replaced and dropped on the JSON form, and knows the date it was known (``known_on``,
a row's ``recorded``, a lab's or score's own ``date``).

How long a part stays usable is ``max_age_days``: labs, scores and joint counts for the
setting (90 days by default), current findings likewise, pregnancy for 30 days, lifelong
history for a year; date of birth, sex, diagnoses and "ever received" never age.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from core.patient.drugs import normalise_name
from core.patient.partial_dates import parse_date

SECTIONS = ("findings", "history", "consent")
SCALARS = ("date_of_birth", "sex", "weight_kg")
TABLES = ("diagnoses", "treatments", "allergies", "procedures")
# tables whose rows may also come from a yes/no question of their own (kept apart from the table's rows)
_QUESTION_ROWS = {"diagnoses": "code", "procedures": "procedure"}
QUESTION_SOURCE = "question"  # a diagnosis row written by a yes/no question (answers.QUESTION_SOURCE)

DEFAULT_MAX_AGE_DAYS = 90
NEVER = None  # a part that does not age
# Facts that describe the patient now, asked again sooner than the setting.
_SHORT = 30
_SHORT_FACTS = frozenset({
    "pregnant", "lactating", "pregnancy_planned_within_6_months", "contraception_assured", "pregnancy_test_negative",
    "active_infection", "active_infection_requiring_iv", "severe_active_infection", "tb_active",
    "other_trial_within_3_months", "unstable_angina_6_months", "mi_6_months", "chf_6_months",
    "unable_to_cooperate",
})
# Lifelong history: a "yes" lasts a year. A "no" can turn into a "yes" (a new malignancy), so it
# lasts only the setting, like every other claim that something is absent.
_YEAR = 365
_YEAR_FACTS = frozenset({
    "malignancy", "cns_disease", "epilepsy", "hiv", "bleeding_disorder", "bone_marrow_failure_syndrome",
    "severe_drug_allergy", "mental_disorder", "csdmard_contraindicated", "gc_taper_below_7_5_failed",
    "childbearing_potential",
})
_HALF_YEAR = 182


def max_age_days(part: str, held: dict[str, Any] | None, setting_days: int) -> int | None:
    """Days after which a part (``held`` as ``get_part`` returns it) is asked again (None:
    never); ``setting_days`` is the user's setting for labs and current findings. What is
    present stays (a diagnosis, a drug received); a claim that something is absent ("never
    had a biologic", "no malignancy", a list marked complete: see ``absence_claims``) lasts
    only the setting."""
    kind = part.partition(":")[0] if ":" in part else part
    held = held or {}
    if part in ("date_of_birth", "sex", "diagnoses"):
        return NEVER  # a diagnosis does not go away; its activity is a score or finding of its own
    if kind == "condition":
        return NEVER if any(r.get("status", "present") != "absent" for r in held.get("rows", [])) else setting_days
    if kind == "drug_ever":
        return NEVER if held.get("ever") else setting_days
    if kind == "procedure":  # had it: stays; never had it: a claim of absence
        return NEVER if held.get("rows") else setting_days
    if kind == "classified":  # criteria once met stay met; "not met" may change as the disease evolves
        return NEVER if held.get("value") is True else setting_days
    if part in ("weight_kg", "treatments", "procedures"):  # planned ones are done or dropped
        return _HALF_YEAR  # courses start and stop: the list is offered again, filled in
    if part == "allergies":
        return _YEAR
    if part in _SHORT_FACTS or held.get("section") == "consent":
        return min(_SHORT, setting_days)
    if part in _YEAR_FACTS:
        return max(_YEAR, setting_days) if held.get("value") is True else setting_days
    return setting_days  # labs, scores, joint counts, findings, tests in the history


def absence_claims(data: dict[str, Any]) -> dict[str, Any]:
    """Where a table says something is absent: ``<table>_complete`` flags and the diagnoses
    table's absent rows -> the date that was known (None: unknown); and where a diagnosis says
    whether it is active now (``diagnoses[i].active``), which ages the same way."""
    out: dict[str, Any] = {}
    for table in TABLES:
        if data.get(f"{table}_complete"):
            out[f"{table}_complete"] = _day((data.get("known_on") or {}).get(table))
    known = data.get("known_on") or {}
    for i, row in enumerate(data.get("diagnoses") or []):
        if row.get("status") == "absent" and row.get("source") != QUESTION_SOURCE:
            out[f"diagnoses[{i}]"] = _day(row.get("recorded"))
        elif row.get("active") is not None:
            # "active now" (or not) describes the patient now, like a current finding: it lasts only the setting,
            # counted from when its row or its part was last answered; the diagnosis itself stays
            part = f"condition.{row.get('code')}" if row.get("source") == QUESTION_SOURCE else "diagnoses"
            days = [d for d in (_day(row.get("recorded")), _day(known.get(part))) if d is not None]
            out[f"diagnoses[{i}].active"] = max(days) if days else None
    return out


def drop_absence_claims(data: dict[str, Any], claims: list[str]) -> None:
    """Remove some ``absence_claims`` (in place): the rows and lists themselves stay."""
    rows = data.get("diagnoses") or []
    for claim in claims:
        if claim.startswith("diagnoses[") and claim.endswith("].active"):
            rows[int(claim[len("diagnoses["):-len("].active")])].pop("active", None)  # the date it resolved stays
    gone = {int(c[len("diagnoses["):-1]) for c in claims if c.startswith("diagnoses[") and c.endswith("]")}
    if gone:
        data["diagnoses"] = [r for i, r in enumerate(rows) if i not in gone]
    for claim in claims:
        if claim.endswith("_complete"):
            data.pop(claim, None)


def lab_key(name: str) -> str:
    return normalise_name(str(name)).replace(" ", "_")


def known_on_key(part: str, section: str | None = None) -> str:
    """The ``known_on`` field a part's date is kept under."""
    if section:
        return f"{section}.{part}"
    if part.startswith("lab."):
        return "labs." + part[4:]
    if part == "joints":
        return "joint_assessment"
    if part.startswith("score:"):
        return "scores." + part[6:]
    return part.replace(":", ".")


def section_of(data: dict[str, Any], part: str) -> str | None:
    for section in SECTIONS:
        if part in (data.get(section) or {}):
            return section
    return None


def parts_of(data: dict[str, Any]) -> list[str]:
    """Every part a profile's JSON form holds, in a stable order."""
    out: list[str] = [k for k in SCALARS if data.get(k) is not None]
    rows = data.get("diagnoses") or []
    if data.get("diagnoses_complete") or any(r.get("source") != QUESTION_SOURCE for r in rows):
        out.append("diagnoses")
    out += [f"condition:{r.get('code')}" for r in rows if r.get("source") == QUESTION_SOURCE]
    for table in ("treatments", "allergies"):
        if data.get(table) or data.get(f"{table}_complete"):
            out.append(table)
    procedures = data.get("procedures") or []
    if data.get("procedures_complete") or any(r.get("source") != QUESTION_SOURCE for r in procedures):
        out.append("procedures")
    out += [f"procedure:{r.get('procedure')}" for r in procedures if r.get("source") == QUESTION_SOURCE]
    out += [f"procedure:{c}" for c in data.get("procedures_never_had") or []]
    out += [f"drug_ever:{c}" for c in list(data.get("ever_treated_with") or []) + list(
        data.get("never_treated_with") or [])]
    out += [f"lab.{lab_key(r.get('name', ''))}" for r in data.get("labs") or []]
    out += [f"score:{r.get('name')}" for r in data.get("scores") or []]
    if data.get("joint_assessment"):
        out.append("joints")
    for section in SECTIONS:
        out += [k for k, v in (data.get(section) or {}).items() if v is not None]
    return list(dict.fromkeys(out))


def get_part(data: dict[str, Any], part: str) -> dict[str, Any] | None:
    """The JSON that holds one part (None when the profile does not hold it)."""
    kind, _, code = part.partition(":") if ":" in part else (part, "", "")
    if part in SCALARS:
        return None if data.get(part) is None else {part: data[part]}
    if part in TABLES:
        rows = data.get(part) or []
        if part in _QUESTION_ROWS:
            rows = [r for r in rows if r.get("source") != QUESTION_SOURCE]
        complete = bool(data.get(f"{part}_complete"))
        return {"rows": copy.deepcopy(rows), "complete": complete} if rows or complete else None
    if kind == "condition":
        rows = [r for r in data.get("diagnoses") or [] if r.get("code") == code and r.get("source") == QUESTION_SOURCE]
        return {"rows": copy.deepcopy(rows)} if rows else None
    if kind == "procedure":
        rows = [r for r in data.get("procedures") or [] if r.get("procedure") == code
                and r.get("source") == QUESTION_SOURCE]
        if rows:
            return {"rows": copy.deepcopy(rows)}
        return {"rows": [], "never": True} if code in (data.get("procedures_never_had") or []) else None
    if kind == "drug_ever":
        if code in (data.get("ever_treated_with") or []):
            return {"ever": True}
        return {"ever": False} if code in (data.get("never_treated_with") or []) else None
    if part.startswith("lab."):
        rows = [r for r in data.get("labs") or [] if lab_key(r.get("name", "")) == part[4:]]
        return {"rows": copy.deepcopy(rows)} if rows else None
    if kind == "score":
        rows = [r for r in data.get("scores") or [] if r.get("name") == code]
        return {"rows": copy.deepcopy(rows)} if rows else None
    if part == "joints":
        return None if not data.get("joint_assessment") else {"joints": copy.deepcopy(data["joint_assessment"])}
    section = section_of(data, part)
    if section is None or data[section][part] is None:
        return None
    return {"section": section, "value": data[section][part]}


def drop_part(data: dict[str, Any], part: str) -> None:
    """Remove one part from a profile's JSON form (in place)."""
    kind, _, code = part.partition(":") if ":" in part else (part, "", "")
    if part in SCALARS:
        data.pop(part, None)
    elif part in TABLES:
        kept = [r for r in data.get(part) or [] if part in _QUESTION_ROWS and r.get("source") == QUESTION_SOURCE]
        data[part] = kept
        data.pop(f"{part}_complete", None)
    elif kind == "condition":
        data["diagnoses"] = [r for r in data.get("diagnoses") or []
                             if not (r.get("code") == code and r.get("source") == QUESTION_SOURCE)]
    elif kind == "drug_ever":
        for key in ("ever_treated_with", "never_treated_with"):
            data[key] = [c for c in data.get(key) or [] if c != code]
    elif kind == "procedure":
        data["procedures"] = [r for r in data.get("procedures") or []
                              if not (r.get("procedure") == code and r.get("source") == QUESTION_SOURCE)]
        data["procedures_never_had"] = [c for c in data.get("procedures_never_had") or [] if c != code]
    elif part.startswith("lab."):
        data["labs"] = [r for r in data.get("labs") or [] if lab_key(r.get("name", "")) != part[4:]]
    elif kind == "score":
        data["scores"] = [r for r in data.get("scores") or [] if r.get("name") != code]
    elif part == "joints":
        data.pop("joint_assessment", None)
    else:
        section = section_of(data, part)
        if section:
            data[section].pop(part, None)
    for key in [k for k, v in data.items() if v in ([], {})]:
        del data[key]


def row_key(table: str, row: dict[str, Any]) -> tuple:
    """What makes a row the same entry: a condition, a course of a drug from a start, a substance."""
    if table == "treatments":
        return normalise_name(str(row.get("drug", ""))), row.get("start")
    if table == "allergies":
        return (normalise_name(str(row.get("substance", ""))),)
    if table == "procedures":
        return row.get("procedure"), row.get("date"), bool(row.get("planned")), row.get("source")
    return row.get("code"), row.get("source")


def put_part(data: dict[str, Any], part: str, held: dict[str, Any], history: bool = False,
             union: bool = False) -> None:
    """Write one part (as ``get_part`` returns it) into a profile's JSON form, replacing what
    was there; with ``history``, lab and score rows are added to the earlier ones instead;
    with ``union``, a table's rows replace only the same entries (``row_key``), the others stay."""
    kind = part.partition(":")[0] if ":" in part else part
    if union and part in TABLES and (mine := get_part(data, part)) is not None:
        new_keys = {row_key(part, r) for r in held["rows"]}
        kept = [r for r in mine["rows"] if row_key(part, r) not in new_keys]
        held = {"rows": kept + list(held["rows"]), "complete": held.get("complete") and mine.get("complete")}
    if history and (part.startswith("lab.") or kind == "score"):
        # Earlier results stay; a result of the same day (or an undated one) is replaced, so a
        # corrected value never stands beside the mistyped one.
        key = "labs" if part.startswith("lab.") else "scores"
        mine = get_part(data, part) or {"rows": []}
        days = {r.get("date") for r in held["rows"]}
        replaced = [r for r in mine["rows"] if r.get("date") in days and r not in held["rows"]]
        rows = [r for r in data.get(key) or [] if r not in replaced]
        rows += [copy.deepcopy(r) for r in held["rows"] if r not in rows]
        data[key] = rows
        return
    drop_part(data, part)
    if part in SCALARS:
        data[part] = held[part]
    elif part in TABLES or kind == "condition":
        table = "diagnoses" if kind == "condition" else part
        if held["rows"]:
            data.setdefault(table, []).extend(copy.deepcopy(held["rows"]))
        if held.get("complete"):
            data[f"{table}_complete"] = True
    elif kind == "drug_ever":
        data.setdefault("ever_treated_with" if held["ever"] else "never_treated_with", []).append(
            part.partition(":")[2])
    elif kind == "procedure":
        if held.get("never"):
            data.setdefault("procedures_never_had", []).append(part.partition(":")[2])
        else:
            data.setdefault("procedures", []).extend(copy.deepcopy(held["rows"]))
    elif part.startswith("lab.") or kind == "score":
        data.setdefault("labs" if part.startswith("lab.") else "scores", []).extend(copy.deepcopy(held["rows"]))
    elif part == "joints":
        data["joint_assessment"] = copy.deepcopy(held["joints"])
    else:
        data.setdefault(held["section"], {})[part] = held["value"]


def _day(text: Any) -> date | None:
    if isinstance(text, date):
        return text
    try:
        return parse_date(str(text)) if text else None
    except ValueError:
        return None


def part_date(data: dict[str, Any], part: str) -> date | None:
    """When a part was known: its own dates (a lab's, a score's, the rows' ``recorded``) and
    its ``known_on`` stamp, the newest of them. None when nothing says."""
    held = get_part(data, part)
    if held is None:
        return None
    days = [_day((data.get("known_on") or {}).get(known_on_key(part, held.get("section"))))]
    for row in held.get("rows", []):
        days.append(_day(row.get("date") if part.startswith("lab.") or part.startswith("score:")
                         else row.get("recorded")))
    if "joints" in held:
        days.append(_day(held["joints"].get("date")))
    found = [d for d in days if d is not None]
    return max(found) if found else None


def stamp(data: dict[str, Any], part: str, on: date) -> None:
    """Say that ``part`` was known on ``on`` (its table rows without a ``recorded`` get it too)."""
    held = get_part(data, part)
    if held is None:
        return
    dated = [r.get("date") for r in held.get("rows", [])] if part.startswith(("lab.", "score:")) else None
    if "joints" in held:
        dated = [held["joints"].get("date")]
    if dated is None or not all(dated):  # a result's own date says when it was known
        data.setdefault("known_on", {})[known_on_key(part, held.get("section"))] = on.isoformat()
    kind, _, code = part.partition(":") if ":" in part else (part, "", "")
    if part not in TABLES and kind not in ("condition", "procedure"):
        return
    table = {"condition": "diagnoses", "procedure": "procedures"}.get(kind, part)
    for row in data.get(table) or []:
        ours = (row.get(_QUESTION_ROWS[table]) == code and row.get("source") == QUESTION_SOURCE if kind != part
                else part not in _QUESTION_ROWS or row.get("source") != QUESTION_SOURCE)
        if ours and not row.get("recorded"):
            row["recorded"] = on.isoformat()
