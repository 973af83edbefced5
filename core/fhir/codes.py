"""Small readers for FHIR datatypes: code systems, CodeableConcepts, dates and references."""

from __future__ import annotations

import re
from typing import Any

from core.i18n import _

ICD10 = ("http://hl7.org/fhir/sid/icd-10", "http://hl7.org/fhir/sid/icd-10-cm", "http://hl7.org/fhir/sid/icd-10-am",
         "http://hl7.org/fhir/sid/icd-10-ca", "http://fhir.de/CodeSystem/bfarm/icd-10-gm",
         "http://fhir.de/CodeSystem/dimdi/icd-10-gm")
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
ATC = "http://www.whocc.no/atc"
UCUM = "http://unitsofmeasure.org"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
SYSTEM_NAMES = {SNOMED: "SNOMED CT", LOINC: "LOINC", RXNORM: "RxNorm", ATC: "ATC", UCUM: "UCUM",
                **{s: "ICD-10" for s in ICD10}}

_DATE = re.compile(r"^(\d{4})(-\d{2})?(-\d{2})?")


def codings(concept: Any) -> list[dict[str, Any]]:
    """The codings of a CodeableConcept (an empty list for anything else)."""
    if not isinstance(concept, dict):
        return []
    return [c for c in concept.get("coding") or [] if isinstance(c, dict)]


def codes_in(concept: Any, *systems: str) -> list[str]:
    """Codes of ``concept`` in any of ``systems``, in the order given."""
    return [str(c["code"]) for c in codings(concept) if c.get("system") in systems and c.get("code")]


def text_of(concept: Any) -> str:
    """What a CodeableConcept says in words: its text, else the first display, else the first code."""
    if not isinstance(concept, dict):
        return ""
    if concept.get("text"):
        return str(concept["text"])
    for coding in codings(concept):
        if coding.get("display"):
            return str(coding["display"])
    for coding in codings(concept):
        if coding.get("code"):
            return str(coding["code"])
    return ""


def words_of(concept: Any) -> list[str]:
    """Every human wording of a concept: text, then each display."""
    found: list[str] = []
    if isinstance(concept, dict) and concept.get("text"):
        found.append(str(concept["text"]))
    found += [str(c["display"]) for c in codings(concept) if c.get("display")]
    return list(dict.fromkeys(found))


def describe_concept(concept: Any) -> str:
    """The concept as the record gave it: ``ICD-10 M06.9 "Rheumatoid arthritis"`` style."""
    parts = []
    for coding in codings(concept):
        system = SYSTEM_NAMES.get(coding.get("system", ""), coding.get("system") or "")
        code = coding.get("code") or ""
        display = f' "{coding["display"]}"' if coding.get("display") else ""
        parts.append(f"{system} {code}{display}".strip())
    if isinstance(concept, dict) and concept.get("text") and not any(concept["text"] in p for p in parts):
        parts.append(f'"{concept["text"]}"')
    # read in the app's language like the reasons beside it (the JSON's reading is English)
    return "; ".join(parts) or _("(no code or text)")


def first_code(concept: Any, system: str) -> str | None:
    found = codes_in(concept, system)
    return found[0] if found else None


def fhir_date(value: Any) -> str | None:
    """A FHIR date or dateTime as a (possibly partial) ISO date: "2019", "2019-03", "2019-03-14"."""
    if not isinstance(value, str):
        return None
    match = _DATE.match(value)
    return "".join(g for g in match.groups() if g) if match else None


def choice_date(resource: dict[str, Any], prefix: str) -> str | None:
    """The date of a ``prefix[x]`` element: dateTime, Period.start or instant."""
    for suffix in ("DateTime", "Date", "Instant"):
        if resource.get(prefix + suffix):
            return fhir_date(resource[prefix + suffix])
    period = resource.get(prefix + "Period")
    if isinstance(period, dict):
        return fhir_date(period.get("start"))
    return None


def period_end(resource: dict[str, Any], prefix: str) -> str | None:
    period = resource.get(prefix + "Period")
    return fhir_date(period.get("end")) if isinstance(period, dict) else None


def status_code(resource: dict[str, Any], element: str) -> str | None:
    """``clinicalStatus`` / ``verificationStatus`` code (R4: a CodeableConcept)."""
    concept = resource.get(element)
    for coding in codings(concept):
        if coding.get("code"):
            return str(coding["code"])
    return None


def source_of(resource: dict[str, Any]) -> str:
    return f"{resource.get('resourceType')}/{resource.get('id')}"
