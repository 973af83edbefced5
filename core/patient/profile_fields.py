"""Typed field access on one JSON object of a profile, every error naming the field path
(``core.patient.profile_read`` reads each part of a profile with it)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from core.i18n import _
from core.patient import limits
from core.patient.partial_dates import parse_date
from core.patient.profile_model import ProfileError

MAX_TEXT = limits.MAX_TEXT  # longest text field: a drug name or a reference is never longer
MAX_ITEMS = limits.MAX_ITEMS  # longest list: more courses or labs than any chart holds


class FieldReader:
    """Typed field access on one JSON object, every error naming the field path."""

    def __init__(self, data: Any, path: str, allowed: tuple[str, ...]):
        if not isinstance(data, dict):
            message = _("{field} must be a JSON object.").format(field=path) if path else _(
                "The profile must be a JSON object.")
            raise ProfileError(message, path or None)
        self.data = data
        self.path = path
        for key in data:
            if key not in allowed:
                shown = key if len(str(key)) <= 80 else str(key)[:80] + "…"
                raise ProfileError(_("Unknown field {field}.").format(field=repr(self.name(shown))), self.name(shown))

    def name(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str, sentence: str, **values: Any) -> ProfileError:
        """``sentence``: a translated template naming the field as ``{field}`` (whole sentences: docs/i18n.md)."""
        return ProfileError(sentence.format(field=self.name(key), **values), self.name(key))

    def str(self, key: str, required: bool = False, limit: int = MAX_TEXT) -> str | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, _("{field} is required."))
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, _("{field} must be text."))
        if len(value) > limit:
            raise self.fail(key, _("{field} is too long ({length} characters; at most {limit})."),
                            length=f"{len(value):,}", limit=f"{limit:,}")
        return value

    def number(self, key: str, required: bool = False) -> float | None:
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.fail(key, _("{field} is required."))
            return None
        return checked_number(value, self.name(key))

    def integer(self, key: str) -> int | None:
        value = self.number(key)
        if value is not None and not float(value).is_integer():
            raise self.fail(key, _("{field} must be a whole number, not {value}."), value=repr(value))
        return None if value is None else int(value)

    def bool(self, key: str) -> bool:
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.fail(key, _("{field} must be true or false."))
        return value

    def date(self, key: str) -> date | None:
        return read_date(self.data.get(key), self.name(key))

    def choice(self, key: str, choices: tuple[str, ...]) -> str | None:
        value = self.str(key)
        if value is not None and value not in choices:
            raise self.fail(key, _("{field} must be one of {choices}."), choices=", ".join(choices))
        return value

    def str_list(self, key: str) -> list[str]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) and len(v) <= MAX_TEXT for v in value):
            raise self.fail(key, _("{field} must be a list of codes."))
        if len(value) > MAX_ITEMS:
            raise self.fail(key, _("{field} has too many entries ({count})."), count=f"{len(value):,}")
        return list(value)

    def obj_list(self, key: str) -> list[tuple[Any, str]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, _("{field} must be a list."))
        if len(value) > MAX_ITEMS:
            raise self.fail(key, _("{field} has too many entries ({count})."), count=f"{len(value):,}")
        return [(item, f"{self.name(key)}[{i}]") for i, item in enumerate(value)]

    def str_map(self, key: str) -> dict[str, str]:
        value = self.data.get(key) or {}
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_TEXT
                                                  for k, v in value.items()):
            raise self.fail(key, _("{field} must be an object of code to text."))
        return dict(value)


def checked_number(value: Any, where: str) -> float:
    """A finite JSON number, or a ProfileError naming ``where``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise ProfileError(_("{field} must be a number, not {value}.").format(field=where, value=shown), where)
    if isinstance(value, float) and not math.isfinite(value):
        raise ProfileError(_("{field} must be a finite number, not {value}.").format(field=where, value=repr(value)),
                           where)
    if isinstance(value, int) and abs(value) > 10**12:
        raise ProfileError(_("{field} is out of any possible range.").format(field=where), where)
    return value


def read_date(value: Any, where: str) -> date | None:
    """A date written YYYY-MM-DD, or partly (YYYY, YYYY-MM)."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 10:
        raise ProfileError(_("{field} must be a date written YYYY-MM-DD (or YYYY-MM, YYYY).").format(field=where),
                           where)
    try:
        return parse_date(value)
    except ValueError:
        raise ProfileError(_("{field} is not a valid date (YYYY-MM-DD, YYYY-MM or YYYY): {value}.").format(
            field=where, value=repr(value)), where) from None
