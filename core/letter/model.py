"""The referral letter as data: every word is decided here, before any PDF exists.

A ``ReferralLetter`` holds one ``TrialLetter`` per chosen trial (each starts on a new
page of the same PDF and is numbered on its own). Strings are plain text; the renderer
escapes them. Notes for the referring clinician (a doubtful contact, a stale record, no
letterhead set) are kept apart from the letter text: they are shown before the letter is
sent and never printed in it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.i18n import N_


@dataclass
class Letterhead:
    """The clinic's letterhead and the referring clinician (from settings)."""

    clinic_name: str = ""
    department: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    logo_path: str | None = None
    clinician_name: str = ""  # the whole name, printed as written when no part below is given
    clinician_role: str = ""
    # The name in parts (optional): printed in the letter's language's order (core/letter/names.py).
    clinician_family_name: str = ""
    clinician_given_name: str = ""
    # "name" prints the patient's name and date of birth; "reference" only the clinic reference.
    patient_identification: str = "reference"

    def signature_name(self, language: str) -> str:
        """The referring clinician's name as signed in a letter in ``language`` ("" when none is set)."""
        from core.letter.names import person_name

        return person_name(self.clinician_family_name, self.clinician_given_name, self.clinician_name, language)

    def lines(self) -> list[str]:
        from core.i18n import _

        phone = _("Tel. {number}").format(number=self.phone) if self.phone else ""
        contact = "  ·  ".join(x for x in (phone, self.email) if x)
        return [x for x in (self.clinic_name, self.department, self.address, contact) if x]


@dataclass
class Table:
    """A small table: a header row and body rows of plain strings."""

    header: list[str]
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class TrialLetter:
    """The letter to one trial's study team."""

    trial_id: str
    date_line: str
    addressee: list[str]  # name, role/affiliation, address, email/phone lines
    salutation: str
    re_line: str
    opening: str
    patient_lines: list[str]
    summary: list[str]  # clinical summary paragraphs
    treatments: Table
    results: Table
    criteria_met: Table
    criteria_to_confirm: Table
    criteria_not_met: Table
    tests_needed: list[str]
    closing: str
    clinician_name: str
    clinician_role: str
    # For the referring clinician only, never printed: the study team must not read "the contact may
    # be wrong" in a letter addressed to that contact.
    clinician_notes: list[str] = field(default_factory=list)
    # Refer, don't exclude: what is to be done before enrolment, and from when the criteria are met.
    before_enrolment: list[str] = field(default_factory=list)
    eligible_from: str = ""  # e.g. "The criteria are met from 15 August 2025 (when ...)." or ""
    criteria_later: Table = field(default_factory=lambda: Table(["Item", "Criterion (as published)", "Assessment"]))
    language: str = "en"  # the study team's: every word but the criteria (quoted as published) and names
    footer: str = ""  # in the letter's language; "" -> the referral's footer


@dataclass
class ReferralLetter:
    """All letters of one referral, rendered into one PDF."""

    letterhead: Letterhead
    letters: list[TrialLetter]
    footer: str  # e.g. "Catalog of 2025-08-22. Final eligibility is decided by the study team."
    title: str = N_("Referral to clinical trial")  # the PDF's title, in the letter's language
    notes: list[str] = field(default_factory=list)  # for the clinician, about the whole referral

    def clinician_notes(self) -> list[str]:
        """Every note for the referring clinician, each trial's prefixed by its id; never printed."""
        return [*self.notes, *(f"{tl.trial_id}: {n}" for tl in self.letters for n in tl.clinician_notes)]
