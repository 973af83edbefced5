"""Limits on what a patient profile may hold, checked before anything else reads it.

A profile comes from a file or a form; hostile or broken input must end as one plain
``ProfileError``, fast: NaN and Infinity (Python's JSON reader accepts them, and they
would print as "nan mg/week"), numbers too large to compute with (``1e400`` reads as
infinity), nesting deep enough to exhaust the stack, and text long enough to stall the
matching or break the letter layout. Everything here is iterative, so a 100,000-deep
document costs no recursion.
"""

from __future__ import annotations

import json
import math
from typing import Any

from core.i18n import _

MAX_FILE_BYTES = 2_000_000  # a real profile is a few kB
MAX_DEPTH = 12  # the deepest real path is about 5 (diagnoses[0].acr_eular_2010_items.joints)
MAX_TEXT = 500  # characters in any one text value or key (drug names, codes, profile_id, label)
MAX_ITEMS = 2_000  # entries in any one list or object
MAX_NUMBER = 1e15  # far beyond any dose, lab value, score or weight


class LimitError(ValueError):
    """Input beyond the limits; ``field`` is the JSON path at fault (None for the whole file)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _reject_constant(name: str) -> Any:
    raise LimitError(_("The profile contains {name}, which is not a number; write the value or leave it out.").format(
        name=name))


def loads(text: str) -> Any:
    """``json.loads`` without NaN/Infinity and without deep recursion; LimitError or
    json.JSONDecodeError when the text is unusable."""
    if len(text) > MAX_FILE_BYTES:
        raise LimitError(_("The profile file is too large ({length} characters; a profile is at most {limit}).").format(
            length=f"{len(text):,}", limit=f"{MAX_FILE_BYTES:,}"))
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise LimitError(_("The profile is nested too deeply (more than {depth} levels).").format(depth=MAX_DEPTH)) \
            from None
    except json.JSONDecodeError:
        raise
    except ValueError as exc:  # e.g. an integer with thousands of digits
        if isinstance(exc, LimitError):
            raise
        raise LimitError(_("The profile contains a number with too many digits to be a clinical value.")) from None
    check(data)
    return data


class _LazyWhole:
    """"the profile" in the active language, worded only when a message uses it (``check`` walks
    every value: no translation lookup per value)."""

    def __format__(self, spec: str) -> str:
        return format(_("the profile"), spec)


def check(data: Any) -> None:
    """LimitError naming the first value beyond the limits (iterative walk)."""
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        where = path or _LazyWhole()
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, float):
            if not math.isfinite(value):
                raise LimitError(_("{field} must be a finite number, not {value} (a value like 1e400 is too large to "
                                   "compute with).").format(field=where, value=repr(value)), path or None)
            if abs(value) > MAX_NUMBER:
                raise LimitError(_("{field} is too large a number ({value}).").format(field=where, value=f"{value:g}"),
                                 path or None)
        elif isinstance(value, int):
            if abs(value) > MAX_NUMBER:
                raise LimitError(_("{field} is too large a number.").format(field=where), path or None)
        elif isinstance(value, str):
            if len(value) > MAX_TEXT:
                raise LimitError(_("{field} is too long ({length} characters; at most {limit}).").format(
                    field=where, length=f"{len(value):,}", limit=MAX_TEXT), path or None)
        elif isinstance(value, list | dict):
            if depth > MAX_DEPTH:
                raise LimitError(_("{field} is nested too deeply (more than {depth} levels).").format(
                    field=where, depth=MAX_DEPTH), path or None)
            if len(value) > MAX_ITEMS:
                raise LimitError(_("{field} has too many entries ({count}; at most {limit}).").format(
                    field=where, count=f"{len(value):,}", limit=f"{MAX_ITEMS:,}"), path or None)
            if isinstance(value, dict):
                for key, item in value.items():
                    if not isinstance(key, str) or len(key) > MAX_TEXT:
                        raise LimitError(_("{field} has a field name that is too long or not text.").format(
                            field=where), path or None)
                    stack.append((item, f"{path}.{key}" if path else key, depth + 1))
            else:
                stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(value))
