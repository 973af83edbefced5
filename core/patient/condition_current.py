"""``condition_current:<id>``: the patient has the condition (or one below it) *now*.

``condition:<id>`` means "has or had". Criteria very often mean now: "active tuberculosis", "current
malignancy", "no active peptic ulcer disease". Reading those as "has or had" would exclude a patient whose
illness resolved years ago, so they read this fact instead (``core.patient.vocab_facts``):

* true — a present diagnosis at or under ``<id>`` is recorded active now (``Diagnosis.active``), or a
  history answer says so ("Does the patient have active tuberculosis?" yes);
* false — the condition (or a broader one) is recorded absent, or the diagnosis list is complete (for
  ``<id>``) and every present diagnosis under it is recorded not active (none present counts), or a
  history answer says none is active now ("Is every malignancy inactive?" yes; the questionnaire's own
  "Is the patient's X active now?" no, kept in ``history`` as ``condition_current:X``, for X or a broader
  condition);
* unknown otherwise: a diagnosis whose activity is not recorded, or an open list (an unlisted one may be
  active). Unknown is never "no".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

KIND = "condition_current"

# History answers (core/patient/facts.py) that say whether a condition is active NOW: answer -> (concept,
# value that makes it active now). "Does the patient have active tuberculosis?" yes: active tuberculosis now;
# "Is every malignancy inactive?" yes: no malignancy now.
CURRENT_ANSWERS: dict[str, tuple[str, bool]] = {
    "tb_active": ("active_tuberculosis", True),
    "active_infection": ("infection", True),
    "malignancy_inactive": ("malignancy", False),
}
# An answer saying "not now" settles only the concept itself and those below it, except "no active infection":
# a clinician answering it may not think of a chronic hepatitis B or a latent tuberculosis, so it settles only
# "any active infection" itself.
_NOT_NOW_SETTLES_ONLY_ITSELF = frozenset({"active_infection"})


def now_answer(cid: str, history: Mapping[str, Any]) -> bool | None:
    """What the history answers say of ``<id>`` (or a form of it) now: True (one active now), False (none), or
    None (not answered)."""
    return _history(cid, history)


def _history(cid: str, history: Mapping[str, Any]) -> bool | None:
    from core.vocab import conditions

    found: bool | None = None
    for key, value in history.items():  # the question's own answers: "Is the patient's X active now?"
        concept = key.partition(":")[2]
        if not key.startswith(KIND + ":") or not isinstance(value, bool) or concept not in conditions.vocabulary():
            continue
        if value and conditions.covers(cid, concept):
            return True  # X active now, and X is a form of <id>
        if not value and conditions.covers(concept, cid):
            found = False  # no X active now: nor any form of it
    for answer, (concept, active_when) in CURRENT_ANSWERS.items():
        value = history.get(answer)
        if not isinstance(value, bool):
            continue
        if value == active_when and conditions.covers(cid, concept):
            return True  # active now, and it is a form of <id>
        if value != active_when:
            settles = cid == concept if answer in _NOT_NOW_SETTLES_ONLY_ITSELF else conditions.covers(concept, cid)
            if settles:
                found = False
    return found


def value(cid: str, present: Sequence[tuple[Any, str]], none_known: bool, history: Mapping[str, Any]) -> bool | None:
    """The fact's value.

    ``present``: (diagnosis, concept id) for each present diagnosis at or under ``cid`` (diagnosis None for a
    history answer "has had it", whose activity is never recorded); ``none_known``: the condition is recorded
    absent, or the diagnosis list is complete for it.
    """
    from_history = _history(cid, history)
    if from_history is True or any(d is not None and d.active is True for d, _code in present):
        return True
    if from_history is False:
        # the answer says none is active now; a diagnosis recorded active would have said true above
        return False
    if none_known and all(d is not None and d.active is False for d, _code in present):
        return False
    return None


def label(concept_label: str) -> str:
    """The fact's label: "Lymphoma (active now)"."""
    return f"{concept_label} (active now)"
