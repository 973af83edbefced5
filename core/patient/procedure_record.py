"""The procedures part of a patient profile: reading, writing and checking it.

A profile lists procedures done (with a full or partial date, or none known; ``ongoing``: the course goes on
now, or has ended) and planned ones, says
whether the list is complete ("all procedures are listed") and which procedures or groups are known
never done ("no organ transplant"). Kept apart from ``profile_read`` / ``profile_write`` so they stay
small; they call these three functions.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.i18n import _
from core.patient import limits
from core.patient.partial_dates import earliest, latest
from core.patient.profile_model import PatientProfile, ProcedureRecord, ProfileError

FIELDS = ("procedures_complete", "procedures", "procedures_never_had")


def read_procedures(reader: Any) -> dict[str, Any]:
    """The procedure fields of a profile from its top-level ``_Reader`` (keyword arguments)."""
    nested = type(reader)  # profile_read's field reader, for each entry (no import back into profile_read)
    records = []
    for item, where in reader.obj_list("procedures"):
        r = nested(item, where, ("procedure", "date", "planned", "recorded", "source", "ongoing"))
        ongoing = r.data.get("ongoing")
        if ongoing is not None and not isinstance(ongoing, bool):  # a missing key: not said
            raise r.fail("ongoing", _("{field} must be true or false."))
        records.append(ProcedureRecord(
            procedure=r.str("procedure", required=True, limit=limits.MAX_TEXT) or "",
            date=r.date("date"), planned=r.bool("planned"), recorded=r.date("recorded"),
            source=r.str("source", limit=50), ongoing=ongoing))
    return {"procedures_complete": reader.bool("procedures_complete"), "procedures": records,
            "procedures_never_had": reader.str_list("procedures_never_had")}


def write_procedures(profile: PatientProfile) -> dict[str, Any]:
    """The procedure fields in their JSON form (empty ones left out by the caller)."""
    def iso(day: date | None) -> str | None:
        return day.isoformat() if day else None

    return {
        "procedures_complete": profile.procedures_complete or None,
        "procedures": [{k: v for k, v in {"procedure": p.procedure, "date": iso(p.date), "planned": p.planned or None,
                                          "recorded": iso(p.recorded), "source": p.source,
                                          "ongoing": p.ongoing}.items()
                                      if v is not None}
                       for p in profile.procedures],
        "procedures_never_had": list(profile.procedures_never_had),
    }


def procedure_problems(profile: PatientProfile, as_of: date) -> list[tuple[str, str]]:
    """Impossible procedure entries as (field, message): unknown ids, dates before birth, a done one in
    the future, one both listed and recorded never done."""
    from core.vocab import procedures as vocab

    problems = []
    dob = profile.date_of_birth
    never = set(profile.procedures_never_had)
    for i, p in enumerate(profile.procedures):
        where = f"procedures[{i}]"
        if not p.procedure.strip():
            problems.append((f"{where}.procedure", _("The procedure needs a name from the list.")))
            continue
        if p.procedure not in vocab.index():
            problems.append((f"{where}.procedure", _("Unknown procedure {name}: choose one from the list.").format(
                name=repr(p.procedure))))
            continue
        if p.date and dob and latest(p.date) < earliest(dob):
            problems.append((f"{where}.date", _("The procedure date is before the date of birth.")))
        if p.date and not p.planned and earliest(p.date) > as_of:
            problems.append((f"{where}.date", _("The procedure date is after the assessment date; "
                                                "mark it planned if it is scheduled.")))
        if p.ongoing and p.planned:
            problems.append((f"{where}.ongoing", _("A procedure cannot be both planned and going on now.")))
        if any(vocab.is_a(p.procedure, n) for n in never if n in vocab.index()):
            problems.append((f"{where}.procedure", _("This procedure is also recorded as never done.")))
    for i, pid in enumerate(profile.procedures_never_had):
        if pid not in vocab.index():
            problems.append((f"procedures_never_had[{i}]", _("Unknown procedure {name}: choose one from the "
                                                             "list.").format(name=repr(pid))))
    return problems


__all__ = ["FIELDS", "ProfileError", "procedure_problems", "read_procedures", "write_procedures"]
