"""How well a trial's conditions fit the patient's diagnoses (relevance, never eligibility).

The trial's condition strings are read with the conditions vocabulary (whole string first,
else the words in it: "Difficult-to-treat RA" -> rheumatoid arthritis); the patient's
diagnoses are concept ids. The fit orders results and questions; it never rules a trial in
or out. ``None`` means it cannot be told (no diagnosis recorded yet, or the trial states no
condition): such a trial is not set apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from core.vocab import conditions as vocab

SAME, TRIAL_BROADER, PATIENT_BROADER, NO_MATCH = 3, 2, 1, 0
_WORD = re.compile(r"[\w']+", re.UNICODE)


@lru_cache(maxsize=4096)
def concepts_of(condition: str) -> tuple[str, ...]:
    """The concept ids a trial condition string names (empty when none is recognised)."""
    text = condition.strip()
    if not text:
        return ()
    found = [c.id for c in vocab.lookup(text)]
    if found:
        return tuple(dict.fromkeys(found))
    words = _WORD.findall(text)
    out: list[str] = []
    for size in (3, 2, 1):  # longest phrases first; a word of one letter is never a condition
        for i in range(len(words) - size + 1):
            phrase = " ".join(words[i:i + size])
            if len(phrase) > 1:
                out += [c.id for c in vocab.lookup(phrase)]
    return tuple(dict.fromkeys(out))


def _known(concept_id: str) -> bool:
    try:
        vocab.get(concept_id)
    except KeyError:
        return False
    return True


def _pair(trial_id: str, patient_id: str) -> int:
    if trial_id == patient_id:
        return SAME
    if not (_known(trial_id) and _known(patient_id)):
        return NO_MATCH
    if vocab.covers(trial_id, patient_id):
        return TRIAL_BROADER  # a trial for autoimmune disease, a patient with RA
    if vocab.covers(patient_id, trial_id):
        return PATIENT_BROADER  # a trial for lupus nephritis, a patient recorded with lupus
    return NO_MATCH


def condition_fit(trial_conditions: Iterable[str], diagnosis_codes: Iterable[str]) -> int | None:
    """SAME (3), TRIAL_BROADER (2), PATIENT_BROADER (1), NO_MATCH (0), or None when unknown."""
    codes = [c for c in dict.fromkeys(diagnosis_codes) if c]
    texts = [t for t in trial_conditions if t and t.strip()]
    if not codes or not texts:
        return None
    concepts = [cid for text in texts for cid in concepts_of(text)]
    if not concepts:
        return NO_MATCH  # conditions stated, none a condition the patient has (e.g. "Stress", "Healthy")
    return max(_pair(t, p) for t in concepts for p in codes)


def matches(fit: int | None) -> bool:
    """The trial's conditions match one of the patient's diagnoses."""
    return fit is not None and fit > NO_MATCH


def present_diagnoses(profile) -> list[str]:
    """The patient's diagnosis codes that are present (absent ones say what the patient does not have)."""
    return [d.code for d in getattr(profile, "diagnoses", ()) or () if getattr(d, "status", "present") == "present"]
