"""Conditions (ICD-10, SNOMED CT where the vocabulary has it, or text) and allergies.

A condition is mapped only to one concept of the conditions vocabulary (``core.vocab.conditions``):
an ICD-10 code (or its nearest coded parent), else a SNOMED CT code the vocabulary carries,
else text naming exactly one concept. A refuted condition is recorded absent; provisional,
differential or unconfirmed ones are not mapped (a guess must not decide a trial). The clinical status
says whether it is active now (active, recurrence, relapse) or not (inactive, remission, resolved; the
abatement date is the date it resolved); no status: not recorded.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from core.fhir.codes import (
    ICD10,
    SNOMED,
    choice_date,
    codes_in,
    describe_concept,
    fhir_date,
    source_of,
    status_code,
    text_of,
    words_of,
)
from core.fhir.model import ProposedFact, Unmapped
from core.i18n import N_, Message, _
from core.vocab import conditions, drugs

_NOT_CONFIRMED = ("unconfirmed", "provisional", "differential")
_SEVERITY = ("mild", "moderate", "severe")
# Condition.clinicalStatus: active now (a recurrence or relapse is active again) or not.
_ACTIVE = ("active", "recurrence", "relapse")
_NOT_ACTIVE = ("inactive", "remission", "resolved")


@lru_cache(maxsize=1)
def _by_snomed() -> dict[str, str]:
    return {c.snomed: c.id for c in conditions.all_concepts() if c.snomed}


def condition_concept(code: Any) -> tuple[conditions.Concept | None, str]:
    """(concept, how it was found) or (None, why not).

    An ICD-10 code may stand for several concepts (M33.1 is dermatomyositis and its forms): the
    broadest comes first, unless the record's words name one of them or a concept above or below
    it ("Lupus nephritis"; "Rheumatoid arthritis" for a code the vocabulary files under early RA).
    """
    for icd in codes_in(code, *ICD10):
        found = conditions.lookup(icd) if conditions.normalise_code(icd) else []
        if found:
            named = _named(code)
            if named is not None and (named in found or conditions.is_a(named.id, found[0].id)
                                      or conditions.is_a(found[0].id, named.id)):
                return named, Message(N_('ICD-10 {code}, named "{name}"'), code=icd, name=named.label)
            return found[0], f"ICD-10 {icd}"
    for sct in codes_in(code, SNOMED):
        if sct in _by_snomed():
            return conditions.get(_by_snomed()[sct]), f"SNOMED CT {sct}"
    readings: list[conditions.Concept] = []
    for words in words_of(code):
        found = conditions.lookup(words)
        if len(found) == 1:
            return found[0], Message(N_('named "{words}"'), words=words)
        readings += found
    if readings:
        names = " or ".join(dict.fromkeys(c.label for c in readings))
        return None, _("the name is ambiguous ({names})").format(names=f"{names:.200}")
    return None, _("no condition in the app's vocabulary has this code or name")


def _named(code: Any) -> conditions.Concept | None:
    for words in words_of(code):
        found = conditions.lookup(words)
        if len(found) == 1:
            return found[0]
    return None


def map_condition(resource: dict[str, Any], facts: list[ProposedFact], unmapped: list[Unmapped]) -> None:
    source, what = source_of(resource), describe_concept(resource.get("code"))
    verification = status_code(resource, "verificationStatus")
    if verification == "entered-in-error":
        unmapped.append(Unmapped(source, what, _("entered in error")))
        return
    if verification in _NOT_CONFIRMED:
        unmapped.append(Unmapped(source, what, _("the diagnosis is {status}, not confirmed").format(
            status=verification)))
        return
    concept, how = condition_concept(resource.get("code"))
    if concept is None:
        unmapped.append(Unmapped(source, what, how))
        return
    if verification == "refuted":
        facts.append(ProposedFact("diagnosis", {"code": concept.id, "status": "absent"}, source, what, None,
                                  note=Message(N_("refuted; {how}"), how=how)))
        return
    value: dict[str, Any] = {"code": concept.id}
    onset = choice_date(resource, "onset")
    if onset:
        value["onset_date"] = onset
    recorded = fhir_date(resource.get("recordedDate"))
    if recorded:
        value["recorded"] = recorded
    clinical = status_code(resource, "clinicalStatus")
    if clinical == "remission":
        value["activity"] = "remission"
    if clinical in _ACTIVE:  # "active tuberculosis", "current malignancy" read this (condition_current)
        value["active"] = True
    elif clinical in _NOT_ACTIVE:
        value["active"] = False
        resolved = choice_date(resource, "abatement")
        if resolved:
            value["resolved_date"] = resolved
    facts.append(ProposedFact("diagnosis", value, source, what, onset or recorded, note=how))


def map_allergy(resource: dict[str, Any], facts: list[ProposedFact], unmapped: list[Unmapped]) -> None:
    source, what = source_of(resource), describe_concept(resource.get("code"))
    verification = status_code(resource, "verificationStatus")
    clinical = status_code(resource, "clinicalStatus")
    if verification in ("entered-in-error", "refuted"):
        unmapped.append(Unmapped(source, what, _("the allergy is {status}").format(status=verification)))
        return
    if clinical in ("inactive", "resolved"):
        unmapped.append(Unmapped(source, what, _("the allergy is {status}").format(status=clinical)))
        return
    substance, how = _substance(resource.get("code"))
    if not substance:
        unmapped.append(Unmapped(source, what, _("no substance is named")))
        return
    value: dict[str, Any] = {"substance": substance}
    severity = _severity(resource)
    if severity:
        value["severity"] = severity
    recorded = fhir_date(resource.get("recordedDate")) or choice_date(resource, "onset")
    if recorded:
        value["recorded"] = recorded
    facts.append(ProposedFact("allergy", value, source, what, recorded, note=how))


def _substance(code: Any) -> tuple[str | None, str]:
    """A drug's generic name when the substance is a known drug or class, else the record's words."""
    from core.fhir.map_medications import drug_of

    drug, how = drug_of(code)
    if drug is not None:
        return drug, how
    for words in words_of(code):
        classes = [c for c in drugs.lookup(words) if not isinstance(c, drugs.Drug)]
        if len(classes) == 1:
            return words, Message(N_("drug class {name}"), name=classes[0].label)
    text = text_of(code).strip()
    return (text[:200] or None), Message(N_("as written (not a drug the app knows)"))


def _severity(resource: dict[str, Any]) -> str | None:
    worst: str | None = None
    for reaction in resource.get("reaction") or []:
        for manifestation in reaction.get("manifestation") or []:
            if "39579001" in codes_in(manifestation, SNOMED) or "anaphyla" in text_of(manifestation).casefold():
                return "anaphylaxis"
        severity = reaction.get("severity")
        if severity in _SEVERITY and (worst is None or _SEVERITY.index(severity) > _SEVERITY.index(worst)):
            worst = severity
    return worst
