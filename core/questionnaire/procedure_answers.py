"""Answers about procedures: the "Procedures and operations" table and the yes/no about one procedure.

* ``procedures`` (kind ``procedures``): rows ``{"procedure": <id or name>, "date": "YYYY[-MM[-DD]]",
  "planned": bool}``, or ``{"procedures": [...], "complete": bool}`` (a bare list is not complete: an
  unlisted procedure stays unknown). A name is resolved in the procedures vocabulary ("THA", "hip
  replacement", 人工股関節置換術 -> ``hip_replacement``); one it does not know is refused with a message.
* ``procedure:<id>`` (kind ``bool``): "yes" writes a row of its own (``source`` "question", no date), "no"
  puts the procedure in ``procedures_never_had``; clearing it removes only what it wrote.
* ``procedure_current:<id>`` (kind ``bool``, "Is the patient receiving this now: X?"): kept as a whole in
  ``history`` (``"procedure_current:X": true``), where ``core.patient.procedure_facts`` reads it (a "yes" is
  also X done, going on now); it ages as a current finding does in the patient record.

``answers.py`` calls these for the question ids they own (``owns``) and keeps the rest.
"""

from __future__ import annotations

from typing import Any

from core.i18n import _
from core.patient.procedure_facts import CURRENT

QUESTION_SOURCE = "question"
TABLE = "procedures"


class _Refused(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


SECTION = "history"  # where the "receiving X now?" answers are kept (core.patient.procedure_facts reads them)


def owns(question_id: str) -> bool:
    return question_id == TABLE or _yes_no_code(question_id) is not None or _current_code(question_id) is not None


def _current_code(question_id: str) -> str | None:
    from core.vocab import procedures

    kind, sep, code = question_id.partition(":")
    return code if sep and kind == CURRENT and code in procedures.index() else None


def _yes_no_code(question_id: str) -> str | None:
    from core.vocab import procedures

    kind, sep, code = question_id.partition(":")
    return code if sep and kind == "procedure" and code in procedures.index() else None


def procedure_id(name: str) -> str | None:
    """The procedure a typed name or id means (exactly one), else None."""
    from core.vocab import procedures

    text = name.strip()
    if text in procedures.index():
        return text
    found = procedures.lookup(text)
    return found[0].id if len(found) == 1 else None


def is_answered(data: dict[str, Any], question_id: str) -> bool:
    if question_id == TABLE:
        return any(r.get("source") != QUESTION_SOURCE for r in data.get(TABLE, [])) or bool(
            data.get("procedures_complete"))
    if _current_code(question_id):
        return question_id in (data.get(SECTION) or {})
    code = _yes_no_code(question_id)
    return code in data.get("procedures_never_had", []) or any(
        r.get("procedure") == code and r.get("source") == QUESTION_SOURCE for r in data.get(TABLE, []))


def clear(data: dict[str, Any], question_id: str) -> None:
    """Remove what the question wrote (in place): the table's rows and its complete mark, or the yes/no's row
    or its "never"."""
    if question_id == TABLE:
        kept = [r for r in data.get(TABLE, []) if r.get("source") == QUESTION_SOURCE]
        data.pop(TABLE, None)
        data.pop("procedures_complete", None)
        if kept:
            data[TABLE] = kept
        return
    if _current_code(question_id):
        (data.get(SECTION) or {}).pop(question_id, None)
        return
    code = _yes_no_code(question_id)
    data[TABLE] = [r for r in data.get(TABLE, []) if not (r.get("procedure") == code
                                                          and r.get("source") == QUESTION_SOURCE)]
    data["procedures_never_had"] = [c for c in data.get("procedures_never_had", []) if c != code]


def _rows(value: Any) -> tuple[list[dict[str, Any]], bool]:
    if isinstance(value, dict):
        unknown = set(value) - {TABLE, "complete"}
        if unknown:
            raise _Refused(TABLE, f"unexpected part(s) {', '.join(sorted(unknown))}; expected procedures and "
                                  "complete.")
        rows, complete = value.get(TABLE) or [], value.get("complete", False)
        if not isinstance(complete, bool):
            raise _Refused("procedures_complete", "must be true or false.")
    else:
        rows, complete = value, False
    if not isinstance(rows, list):
        raise _Refused(TABLE, "must be a list of rows.")
    out = []
    for i, row in enumerate(rows):
        if isinstance(row, str):
            row = {"procedure": row}
        if not isinstance(row, dict):
            raise _Refused(f"procedures[{i}]", "must be a procedure with its date.")
        row = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}
        name = row.get("procedure")
        pid = procedure_id(name) if isinstance(name, str) else None
        if pid is None:
            raise _Refused(f"procedures[{i}].procedure",
                           _("Unknown procedure {name}: choose one from the list.").format(name=repr(name)))
        out.append({**row, "procedure": pid})
    return out, complete


def set_answer(data: dict[str, Any], question_id: str, value: Any, yes: bool | None = None) -> None:
    """Write the answer (``yes``: the yes/no already read as a bool by the caller)."""
    clear(data, question_id)
    if question_id == TABLE:
        rows, complete = _rows(value)
        rows = data.get(TABLE, []) + [r for r in rows if r.get("source") != QUESTION_SOURCE]
        if rows:
            data[TABLE] = rows
        if complete:
            data["procedures_complete"] = True
        return
    if _current_code(question_id):
        data.setdefault(SECTION, {})[question_id] = bool(yes)
        return
    code = _yes_no_code(question_id)
    if yes:
        data.setdefault(TABLE, []).append({"procedure": code, "source": QUESTION_SOURCE})
    else:
        data.setdefault("procedures_never_had", []).append(code)


def answer_value(data: dict[str, Any], question_id: str) -> Any:
    if question_id == TABLE:
        if not is_answered(data, TABLE):
            return None
        return {TABLE: [r for r in data.get(TABLE, []) if r.get("source") != QUESTION_SOURCE],
                "complete": bool(data.get("procedures_complete"))}
    if _current_code(question_id):
        return (data.get(SECTION) or {}).get(question_id)
    code = _yes_no_code(question_id)
    if any(r.get("procedure") == code and r.get("source") == QUESTION_SOURCE for r in data.get(TABLE, [])):
        return True
    return False if code in data.get("procedures_never_had", []) else None
