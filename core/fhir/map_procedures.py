"""Procedures (FHIR ``Procedure``) into the profile's procedures list.

A procedure is mapped only to one concept of the procedures vocabulary (``core.vocab.procedures``): an
ICD-10-CM status code it carries, else words (text, then each display) naming exactly one concept
("Appendectomy", "Total knee arthroplasty"). Only a procedure that was done counts (status ``completed`` or
``in-progress``); one not done, stopped, on hold, entered in error or of unknown status is left out with the
reason (a guess must not decide a trial). An ``in-progress`` one is a course going on (``ongoing``: "no
concurrent radiotherapy" reads it); a ``completed`` one says nothing of the course (one completed dialysis
session is no end of dialysis). Planned procedures are ``ServiceRequest`` resources, which this import does not
read.
"""

from __future__ import annotations

from typing import Any

from core.fhir.codes import ICD10, choice_date, codes_in, describe_concept, source_of, words_of
from core.fhir.model import ProposedFact, Unmapped
from core.i18n import N_, Message, _
from core.vocab import procedures

_DONE = ("completed", "in-progress")


def procedure_concept(code: Any) -> tuple[procedures.Procedure | None, str]:
    """(concept, how it was found) or (None, why not)."""
    for icd in codes_in(code, *ICD10):
        found = procedures.lookup(icd)
        if len(found) == 1:
            return found[0], f"ICD-10 {icd}"
    readings: list[procedures.Procedure] = []
    for words in words_of(code):
        found = procedures.lookup(words)
        if len(found) == 1:
            return found[0], Message(N_('named "{words}"'), words=words)
        readings += found
    if readings:
        names = " or ".join(dict.fromkeys(p.label for p in readings))
        return None, _("the name is ambiguous ({names})").format(names=f"{names:.200}")
    return None, _("no procedure in the app's procedures vocabulary has this code or name")


def map_procedure(resource: dict[str, Any], facts: list[ProposedFact], unmapped: list[Unmapped]) -> None:
    source, what = source_of(resource), describe_concept(resource.get("code"))
    status = resource.get("status")
    if status not in _DONE:
        reason = (_("the procedure's status is {status}, not done").format(status=status) if status else
                  _("the procedure's status is not given"))
        unmapped.append(Unmapped(source, what, reason))
        return
    concept, how = procedure_concept(resource.get("code"))
    if concept is None:
        unmapped.append(Unmapped(source, what, how))
        return
    value: dict[str, Any] = {"procedure": concept.id}
    performed = choice_date(resource, "performed")
    if performed:
        value["date"] = performed
    if status == "in-progress":
        value["ongoing"] = True
    facts.append(ProposedFact("procedure", value, source, what, performed, note=how))
