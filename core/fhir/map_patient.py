"""The Patient resource, and ``map_bundle``: every resource of a bundle to proposed facts or unmapped.

The patient's name and identifiers are not copied into the profile (profiles are pseudonymous);
the first identifier (else the resource id) is only offered as the clinic reference.
Procedures and immunizations have no field in the patient profile, so they are listed as not
mapped, with that reason, for the clinician to carry over by hand if a trial asks.
"""

from __future__ import annotations

from typing import Any

from core.fhir.codes import choice_date, describe_concept, fhir_date, source_of, text_of
from core.fhir.map_conditions import map_allergy, map_condition
from core.fhir.map_medications import map_medication
from core.fhir.map_observations import map_observation
from core.fhir.map_procedures import map_procedure
from core.fhir.model import ImportResult, ProposedFact, Unmapped
from core.fhir.read_bundle import ParsedBundle

MAX_REFERENCE = 64
# Resources that only support others (looked up through references) and say nothing themselves.
_SUPPORTING = {"Medication", "Practitioner", "PractitionerRole", "Organization", "Location", "Encounter",
               "Provenance", "Device", "RelatedPerson", "DiagnosticReport"}


def map_patient(resource: dict[str, Any], result: ImportResult) -> None:
    source = source_of(resource)
    result.patient_id = str(resource.get("id"))
    # a clinic reference is short and printable; anything else is not offered (the id is, at most 64 characters)
    identifiers = [str(i["value"]) for i in resource.get("identifier") or [] if isinstance(i, dict)
                   and isinstance(i.get("value"), str) and 0 < len(i["value"].strip()) <= MAX_REFERENCE
                   and i["value"].isprintable()]
    result.reference = identifiers[0].strip() if identifiers else result.patient_id
    birth = fhir_date(resource.get("birthDate"))
    if birth:
        result.facts.append(ProposedFact("date_of_birth", birth, source, f"birthDate {resource['birthDate']}", birth))
    gender = resource.get("gender")
    if gender in ("female", "male"):
        result.facts.append(ProposedFact("sex", gender, source, f"gender {gender}"))
    elif gender:
        result.unmapped.append(Unmapped(source, f"gender {gender}", "the profile records sex as female or male only"))
    if resource.get("deceasedBoolean") or resource.get("deceasedDateTime"):
        result.unmapped.append(Unmapped(source, "deceased", "the record says the patient has died"))


def _other(resource: dict[str, Any], result: ImportResult) -> None:
    rtype = resource.get("resourceType")
    source = source_of(resource)
    if rtype == "Procedure":
        when = choice_date(resource, "performed")
        what = describe_concept(resource.get("code")) + (f" ({when})" if when else "")
        result.unmapped.append(Unmapped(source, what, "the patient profile has no field for procedures"))
    elif rtype == "Immunization":
        when = choice_date(resource, "occurrence") or fhir_date(resource.get("recorded"))
        what = describe_concept(resource.get("vaccineCode")) + (f" ({when})" if when else "")
        result.unmapped.append(Unmapped(source, what, "the patient profile has no field for immunizations"))
    elif rtype not in _SUPPORTING:
        what = text_of(resource.get("code")) or rtype or "resource"
        result.unmapped.append(Unmapped(source, str(what), f"{rtype} resources are not used for screening"))


def map_bundle(bundle: ParsedBundle) -> ImportResult:
    """Every resource as proposed facts (all accepted until the clinician says otherwise) or unmapped."""
    result = ImportResult(resource_count=len(bundle.resources))
    map_patient(bundle.patient, result)
    for resource in bundle.resources:
        rtype = resource.get("resourceType")
        if resource is bundle.patient:
            continue
        if rtype == "Condition":
            map_condition(resource, result.facts, result.unmapped)
        elif rtype in ("MedicationStatement", "MedicationRequest"):
            map_medication(resource, bundle, result.facts, result.unmapped)
        elif rtype == "Observation":
            map_observation(resource, result.facts, result.unmapped)
        elif rtype == "AllergyIntolerance":
            map_allergy(resource, result.facts, result.unmapped)
        elif rtype == "Procedure":
            map_procedure(resource, result.facts, result.unmapped)
        else:
            _other(resource, result)
    return result


def import_bundle_file(path: Any) -> ImportResult:
    """Read, validate and map a bundle file (``FhirError`` when it cannot be imported)."""
    from core.fhir.read_bundle import read_bundle_file

    return map_bundle(read_bundle_file(path))
