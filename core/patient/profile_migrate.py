"""Profiles of an older format, brought to the current one with nothing lost.

Format 1 → 2: a treatment course's single ``outcome`` becomes ``status`` + ``response``
(``status_response_from_outcome`` keeps the meaning exactly: a course with no stop date and
no outcome still runs; a failed one without a stop date stopped on an unknown date).
Everything else format 1 could say is said the same way in format 2.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from core.i18n import _
from core.patient.profile_model import OUTCOMES, ProfileError, status_response_from_outcome


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (any readable format) as a format-2 dict; the input is not changed."""
    version = data.get("format_version")
    if version == 2:
        return data
    if version == 1:
        return _from_1(data)
    raise ProfileError(_("format_version {version} is not supported; this version of the app reads format_version "
                         "1 and 2.").format(version=repr(version)), "format_version")


def _from_1(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["format_version"] = 2
    treatments = out.get("treatments")
    if isinstance(treatments, list):
        for i, course in enumerate(treatments):
            if not isinstance(course, dict) or "outcome" not in course:
                continue
            outcome = course.pop("outcome")
            if outcome is None:
                outcome_value = None
            elif isinstance(outcome, str) and outcome in OUTCOMES:
                outcome_value = outcome
            else:
                raise ProfileError(_("{field} must be one of {choices}.").format(
                    field=f"treatments[{i}].outcome", choices=", ".join(OUTCOMES)), f"treatments[{i}].outcome")
            stop = course.get("stop")
            status, response = status_response_from_outcome(outcome_value, date.min if stop else None)
            if status is not None:
                course["status"] = status
            if response is not None:
                course["response"] = response
        # Format 1 read a course without an outcome by its stop date: say so explicitly now.
        for course in treatments:
            if isinstance(course, dict) and "status" not in course:
                course["status"] = "stopped" if course.get("stop") else "ongoing"
    return out
