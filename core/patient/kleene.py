"""Kleene three-valued logic: True, False, and None for unknown.

It lives with the patient facts because derived facts (difficult-to-treat RA) combine
unknowns too; the rule evaluator in core.matching uses the same functions.
"""

from __future__ import annotations

from collections.abc import Iterable

Truth = bool | None


def kleene_and(values: Iterable[Truth]) -> Truth:
    """False if any is False, else None if any is None, else True (True when empty)."""
    unknown = False
    for value in values:
        if value is False:
            return False
        if value is None:
            unknown = True
    return None if unknown else True


def kleene_or(values: Iterable[Truth]) -> Truth:
    """True if any is True, else None if any is None, else False (False when empty)."""
    unknown = False
    for value in values:
        if value is True:
            return True
        if value is None:
            unknown = True
    return None if unknown else False


def kleene_not(value: Truth) -> Truth:
    """The negation; unknown stays unknown."""
    return None if value is None else not value
