"""Recruitment status vocabulary: registries' wordings mapped to one set of codes."""

from __future__ import annotations

import re

from core.i18n import N_

RECRUITING = "RECRUITING"
NOT_YET_RECRUITING = "NOT_YET_RECRUITING"
ENROLLING_BY_INVITATION = "ENROLLING_BY_INVITATION"
ACTIVE_NOT_RECRUITING = "ACTIVE_NOT_RECRUITING"
COMPLETED = "COMPLETED"
SUSPENDED = "SUSPENDED"
TERMINATED = "TERMINATED"
WITHDRAWN = "WITHDRAWN"
UNKNOWN = "UNKNOWN"

# English labels, marked for translation: shown through core.i18n._() where a language applies.
LABELS = {
    RECRUITING: N_("Recruiting"),
    NOT_YET_RECRUITING: N_("Not yet recruiting"),
    ENROLLING_BY_INVITATION: N_("Enrolling by invitation"),
    ACTIVE_NOT_RECRUITING: N_("Active, not recruiting"),
    COMPLETED: N_("Completed"),
    SUSPENDED: N_("Suspended"),
    TERMINATED: N_("Terminated"),
    WITHDRAWN: N_("Withdrawn"),
    UNKNOWN: N_("Unknown status"),
}

# Statuses under which a trial may still take a referral.
OPEN_STATUSES = frozenset({RECRUITING, NOT_YET_RECRUITING, ENROLLING_BY_INVITATION})
# Statuses that mean the trial is no longer taking patients.
CLOSED_STATUSES = frozenset({ACTIVE_NOT_RECRUITING, COMPLETED, SUSPENDED, TERMINATED, WITHDRAWN})

# Order matters: the more specific wording first ("not yet recruiting" before "recruiting").
_PATTERNS: list[tuple[str, str]] = [
    (r"not\s+yet\s+recruiting|pre-?initiation|not\s+yet\s+open", NOT_YET_RECRUITING),
    (r"enrolling\s+by\s+invitation", ENROLLING_BY_INVITATION),
    (r"active,?\s+not\s+recruiting|no\s+longer\s+recruiting|recruitment\s+(?:closed|completed)"
     r"|closed\s+to\s+(?:recruitment|enrol?lment)", ACTIVE_NOT_RECRUITING),
    (r"main\s+results\s+already\s+published|completed", COMPLETED),
    (r"suspended", SUSPENDED),
    (r"terminated|stopped\s+early", TERMINATED),
    (r"withdrawn", WITHDRAWN),
    (r"unknown", UNKNOWN),
    (r"recruiting|open\s+to\s+recruitment|ongoing", RECRUITING),
]


def normalize_status(text: str | None) -> str | None:
    """The status code for a registry's wording, or None when it is not a status."""
    if not text:
        return None
    low = text.strip().casefold().replace("_", " ")
    for pattern, code in _PATTERNS:
        if re.fullmatch(rf"\s*(?:{pattern})\s*\.?", low):
            return code
    return None


def status_mentions(text: str | None) -> set[str]:
    """Status codes that free text asserts about recruitment (for contradiction flags).

    Only unambiguous phrases count: "completed" alone is too common in criteria text.
    """
    if not text:
        return set()
    low = text.casefold()
    found = set()
    if re.search(r"\bnot\s+yet\s+recruiting\b", low):
        found.add(NOT_YET_RECRUITING)
    if re.search(r"\bno\s+longer\s+recruiting\b|\brecruitment\s+(?:has\s+)?(?:closed|completed)\b", low):
        found.add(ACTIVE_NOT_RECRUITING)
    if re.search(r"\b(?:is|are|currently)\s+recruiting\b", low):
        found.add(RECRUITING)
    return found


def label(code: str | None) -> str:
    """Human wording for a status code ("Not stated" when the record gives none)."""
    if code is None:
        return "Not stated"
    return LABELS.get(code, code.replace("_", " ").capitalize())
