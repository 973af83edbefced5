"""What an import proposes: facts for the clinician to accept or correct, and what was not mapped.

A ``ProposedFact`` carries the profile entry it would write (``value``: a format-2 JSON
fragment, docs/patient-profile.md), where it came from (``source``: ``Condition/c1``), the
coded text as the record gave it, and its date. Nothing reaches a profile until
``apply.apply_facts`` is called with the facts left ``accepted``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.i18n import N_, words

# Which profile field a fact fills; "list" kinds add an entry, the others set one value.
KINDS = ("date_of_birth", "sex", "weight_kg", "diagnosis", "treatment", "never_treated", "allergy", "lab",
         "score", "finding", "procedure")
KIND_LABELS = {  # marked for translation; shown through _() in the review (ui/fhir_import_dialog.py)
    "date_of_birth": N_("Date of birth"), "sex": N_("Sex"), "weight_kg": N_("Weight"), "diagnosis": N_("Diagnosis"),
    "treatment": N_("Treatment"), "never_treated": N_("Never treated with"), "allergy": N_("Allergy"),
    "lab": N_("Laboratory"), "score": N_("Score"), "finding": N_("Finding"), "procedure": N_("Procedure"),
}


class FhirError(ValueError):
    """A bundle that cannot be imported, in plain words; nothing was changed."""


@dataclass
class ProposedFact:
    """One fact mapped from one resource, shown to the clinician before it is used."""

    kind: str  # KINDS
    value: Any  # the profile fragment: a dict for list entries, a scalar for the others
    source: str  # "Condition/c1"
    original: str  # the record's own words or code, e.g. "M06.9 Rheumatoid arthritis"
    date: str | None = None  # ISO date (may be partial) the fact refers to
    accepted: bool = True
    # How it was mapped when that is worth saying ("RxNorm 6851", 'named "MTX"'): a core.i18n.Message when
    # it has words (its str is the English, saved in the audit log and the JSON), worded where it is shown.
    note: str = ""

    def note_text(self) -> str:
        """The note in the active language."""
        return words(self.note)

    def describe(self) -> str:
        """The fact in plain words for the review table."""
        from core.fhir.describe import describe

        return describe(self)


@dataclass
class Unmapped:
    """A resource (or part of one) that was not mapped, with the reason."""

    source: str
    what: str
    reason: str


@dataclass
class ImportResult:
    """Everything one bundle yielded: facts to review, what was left out, the patient's identity."""

    facts: list[ProposedFact] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)
    patient_id: str | None = None  # Patient.id
    reference: str | None = None  # suggested clinic reference (first identifier, else the id)
    resource_count: int = 0

    def accepted(self) -> list[ProposedFact]:
        return [f for f in self.facts if f.accepted]
