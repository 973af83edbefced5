"""Answer values as the questionnaire accepts them: dates, numbers, yes/no, tables of rows,
treatment courses and allergies, each checked with a plain-words ``AnswerError`` naming the
field (``core.questionnaire.answers`` puts them into a profile)."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.i18n import _, pgettext
from core.patient.partial_dates import parse_date
from core.patient.profile import OUTCOMES, status_response_from_outcome


class AnswerError(ValueError):
    """An answer that cannot be accepted: ``field`` (a profile JSON path) and a plain-words message."""

    def __init__(self, field: str | None, message: str, problems: list[tuple[str, str]] | None = None,
                 question_id: str | None = None):
        super().__init__(message)
        self.field = field
        self.message = message
        self.problems = problems or [(field or "", message)]
        self.question_id = question_id

    def __str__(self) -> str:
        return f"{self.field}: {self.message}" if self.field else self.message



YES = {"yes": True, "no": False, "true": True, "false": False, "y": True, "n": False}


def date_text(value: Any, field: str) -> str:
    """A date as written, whole (YYYY-MM-DD) or partial (YYYY-MM, YYYY)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        text = value.strip()
        try:
            parse_date(text)
        except ValueError:
            raise AnswerError(field, _("{text} is not a date written YYYY-MM-DD (or YYYY-MM, YYYY).").format(
                text=repr(text))) from None
        return text
    raise AnswerError(field, _("must be a date written YYYY-MM-DD (or YYYY-MM, YYYY)."))


def course_row(row: Any, i: int = 0) -> Any:
    """A treatment row as the current format writes it: a format-1 ``outcome`` (as older
    screens and stored answers give it) becomes status + response, meaning kept."""
    if not isinstance(row, dict) or "outcome" not in row:
        return row
    row = dict(row)
    outcome = row.pop("outcome")
    if outcome in OUTCOMES or outcome is None:
        status, response = status_response_from_outcome(outcome, date.min if row.get("stop") else None)
        row.setdefault("status", status)
        if response is not None:
            row.setdefault("response", response)
    else:
        raise AnswerError(f"treatments[{i}].outcome", _("must be one of {choices}.").format(
            choices=pgettext("list separator", ", ").join(OUTCOMES)))
    return row


def number_value(value: Any, field: str) -> float | int:
    if isinstance(value, str):
        try:
            value = float(value.replace(",", "."))
        except ValueError:
            raise AnswerError(field, _("{value} is not a number.").format(value=repr(value))) from None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnswerError(field, _("{value} is not a number.").format(value=repr(value)))
    return int(value) if isinstance(value, float) and value.is_integer() else value


def yes_no(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in YES:
        return YES[value.strip().lower()]
    raise AnswerError(field, _("must be yes or no."))


def table_rows(value: Any, name: str) -> tuple[list[Any], bool]:
    if isinstance(value, dict):
        unknown = set(value) - {name, "complete"}
        if unknown:
            raise AnswerError(name, _("unexpected part(s) {parts}; expected {name} and complete.").format(
                parts=", ".join(sorted(unknown)), name=name))
        rows, complete = value.get(name) or [], value.get("complete", False)
        if not isinstance(complete, bool):
            raise AnswerError(f"{name}_complete", _("must be true or false."))
    else:
        rows, complete = value, False
    if not isinstance(rows, list):
        raise AnswerError(name, _("must be a list of rows."))
    return [jsonable(r) for r in rows], complete


def jsonable(row: Any) -> Any:
    if isinstance(row, dict):
        return {k: (v.isoformat() if isinstance(v, date) else jsonable(v)) for k, v in row.items()}
    if isinstance(row, list):
        return [jsonable(v) for v in row]
    return row


def allergy_rows(value: Any) -> tuple[list[dict[str, Any]], bool]:
    """Allergies as a list of substances (names or rows); an empty list means none known
    (the list is then complete), like "no known drug allergies" in a chart."""
    if isinstance(value, dict) and "allergies" in value:
        rows, complete = table_rows(value, "allergies")
    else:
        rows = value if isinstance(value, list) else [v for v in str(value).split(",")]
        complete = False
    out = []
    for row in rows:
        if isinstance(row, str):
            if row.strip():
                out.append({"substance": row.strip()})
        elif isinstance(row, dict):
            out.append(row)
        else:
            raise AnswerError("allergies", _("must be a list of drugs or substances."))
    return out, complete or not out
