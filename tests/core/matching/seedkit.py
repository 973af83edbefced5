"""Shared helpers for the seed-trial vignette tests: profile patches and one-trial screening."""

from __future__ import annotations

import copy
from datetime import date

from core.matching.screening import screen_profile
from core.matching.verdict import TrialVerdict
from core.patient.profile import profile_from_dict

DROP = object()  # in a patch: remove the key


def merge(data: dict, patch: dict) -> dict:
    """``data`` with ``patch`` applied: dicts merged recursively, anything else replaced, DROP removes."""
    out = copy.deepcopy(data)
    for key, value in patch.items():
        if value is DROP:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def screen_one(data: dict, trial_id: str, today: date) -> TrialVerdict:
    """The verdict of one catalog trial for a profile given as JSON data."""
    [result] = screen_profile(profile_from_dict(data), trial_ids=[trial_id], today=today)
    return result.verdict
