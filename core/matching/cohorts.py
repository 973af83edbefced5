"""Trials whose inclusions list alternative groups of participants as plain items.

Natural-history protocols often print, as one flat inclusion list, "Patients with SLE established by ACR
criteria", "Adult and minor relatives of individuals included", "Healthy volunteers age 18 or older": each
group has its own criteria, and nothing in the list says which item belongs to which. Combined with "all", a
patient who is not a relative or not a healthy volunteer would fail an inclusion and be "not eligible", though
the patient's own group may well accept them. So when the top-level inclusions name such a group, an inclusion
that is not met does not rule the patient out: the trial stays "possibly eligible" with that criterion to
verify, and the study team decides which group applies (unknown is never "no"; a criterion definitely not met
decides only when it is one the patient must meet). Exclusions decide as always, and a trial whose inclusions
are all met is still eligible.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from core.patient.kleene import Truth

# An item that opens by naming a group of participants other than the patients themselves.
_GROUP = re.compile(
    r"^\W*(?:(?:for|in)\s+)?(?:(?:normal|adult|non-?related|unrelated|adult\s+and\s+minor|minor)\s+)*"
    r"(?:healthy\s+(?:adult\s+|normal\s+)?(?:volunteers?|controls?|subjects?|participants?|individuals?|women|men)"
    r"|normal\s+(?:volunteers?|controls?)|(?:first[- ]|second[- ]|first[- ] and second[- ]degree\s+)?relatives\b"
    r"|(?:unaffected\s+)?family\s+members\b|control\s+(?:subjects?|group|participants?)\b)",
    re.IGNORECASE)


def names_a_group(text: str) -> bool:
    """Whether an inclusion item opens by naming another group of participants ("Healthy volunteers …")."""
    return bool(_GROUP.match(text or ""))


# An item about the patients themselves: the other group. Without one, the list is one group's (a trial of
# healthy volunteers only: "Healthy volunteers aged 18-45", "BMI 18-30"), and its inclusions decide as always.
_PATIENTS = re.compile(
    r"\b(?:patients?|affected\s+(?:individuals?|subjects?|persons?|people)|probands?|cases)\b"
    r"|\b(?:subjects?|participants?|individuals?|adults?|children|persons?|people)\s+with\b"
    r"|\b(?:diagnosis|diagnosed|suspected|established|confirmed)\b", re.IGNORECASE)


def lists_cohorts(inclusion_texts: Iterable[str]) -> bool:
    """Whether top-level inclusions (their texts) list alternative groups: one item naming a group other
    than the patients ("Healthy volunteers …", "Relatives …") and another about the patients."""
    texts = list(inclusion_texts)
    groups = [t for t in texts if names_a_group(t)]
    return bool(groups) and any(_PATIENTS.search(t or "") for t in texts if t not in groups)


def inclusion_values(values: Iterable[Truth], cohorts: bool) -> list[Truth]:
    """The top-level inclusions' values as the trial combines them: in a cohort list, one not met counts as
    unknown (to verify), never as ruling the patient out."""
    return [None if cohorts and v is False else v for v in values]
