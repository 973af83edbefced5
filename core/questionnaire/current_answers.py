"""The question "Is the patient's X active now?" (``condition_current:<id>``, kind ``bool``).

A trial reading ``condition_current:<id>`` ("active tuberculosis", "no current malignancy") gets it answered
once for every trial:

* the question is open only while a present diagnosis at or under ``<id>`` has its activity not recorded
  (``pending``); with none, "Has the patient ever had X?" (``condition:<id>``) comes first (a "no" there also
  settles "active now": false), and this one opens after a "yes";
* the answer is stored on the diagnoses (``active``): "no" on every such diagnosis, "yes" on the one there is
  (with several — a lymphoma and a melanoma asked about malignancy — on none: which one is active is not
  said); and kept as a whole in ``history`` (``"condition_current:X": false``): "none active now" settles the
  fact even while the diagnosis list is open (``core.patient.condition_current``), and ages as a current
  finding does in the patient record;
* ``known_on`` notes, per row, that the question set it (``active.<code>``): clearing or changing the answer
  removes only what the question wrote, never an activity charted in the diagnoses table.

``answers.py`` calls these for the question ids they own (``owns``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

KIND = "condition_current"
QUESTION_SOURCE = "question"
SECTION = "history"


def owns(question_id: str) -> bool:
    return _concept(question_id) is not None


def _concept(question_id: str) -> str | None:
    from core.vocab import conditions

    kind, sep, code = question_id.partition(":")
    return code if sep and kind == KIND and code in conditions.vocabulary() else None


def _code(text: Any) -> str | None:
    from core.vocab import conditions

    if text in conditions.vocabulary():
        return str(text)
    found = conditions.lookup(str(text)) if text else []
    return found[0].id if len(found) == 1 else None


def _under(data: dict[str, Any], cid: str) -> list[dict[str, Any]]:
    """The present diagnosis rows at or under ``cid``."""
    from core.vocab import conditions

    return [r for r in data.get("diagnoses") or [] if r.get("status", "present") == "present"
            and (code := _code(r.get("code"))) is not None and conditions.covers(cid, code)]


def pending(data: dict[str, Any], cid: str) -> list[dict[str, Any]]:
    """The present diagnoses at or under ``cid`` whose activity is not recorded."""
    return [r for r in _under(data, cid) if r.get("active") is None]


def _row_marker(row: dict[str, Any]) -> str:
    return f"active.{row.get('code')}"


def is_answered(data: dict[str, Any], question_id: str) -> bool:
    """Answered, or nothing to ask (no diagnosis under it whose activity is open)."""
    return question_id in (data.get(SECTION) or {}) or not pending(data, _concept(question_id) or "")


def clear(data: dict[str, Any], question_id: str) -> None:
    """Remove what this question wrote: its answer, and the ``active`` it set on rows (the rows stay)."""
    if (data.get(SECTION) or {}).pop(question_id, None) is None:
        return
    known = data.get("known_on") or {}
    for row in _under(data, _concept(question_id) or ""):
        if known.pop(_row_marker(row), None) is not None:
            row.pop("active", None)


def set_answer(data: dict[str, Any], question_id: str, yes: bool) -> None:
    rows = pending(data, _concept(question_id) or "")
    if yes and len(rows) > 1:
        rows = []  # one of them is active now: which one is not said
    day = str(data.get("assessment_date") or date.today().isoformat())
    known = data.setdefault("known_on", {})
    for row in rows:
        row["active"] = yes
        known[_row_marker(row)] = day
    data.setdefault(SECTION, {})[question_id] = yes


def answer_value(data: dict[str, Any], question_id: str) -> bool | None:
    """The answer given (None: not answered here)."""
    return (data.get(SECTION) or {}).get(question_id)


def record_parts(data: dict[str, Any], question_id: str) -> list[str]:
    """The patient-record parts (``record_parts``) holding what the answer wrote: the answer itself, the
    diagnoses table and the yes/no rows about one condition, for the diagnoses at or under the concept."""
    rows = _under(data, _concept(question_id) or "")
    parts = [question_id] + (["diagnoses"] if any(r.get("source") != QUESTION_SOURCE for r in rows) else [])
    return parts + [f"condition:{r.get('code')}" for r in rows if r.get("source") == QUESTION_SOURCE]
