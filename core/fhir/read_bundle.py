"""Reading one patient's FHIR R4 Bundle (JSON): size, version, validation, references, duplicates.

Every refusal is a ``FhirError`` in plain words, raised before anything is mapped, so a bad
file changes nothing. Validation uses ``fhir.resources``' R4B models: R4B (4.3) differs from
R4 (4.0.1) in none of the elements read here, and the package no longer ships R4 itself.
STU3 and R5 bundles are recognised by their markers and refused with that reason, rather than
with a validation error the user cannot read.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.faults import reason_text
from core.fhir.model import FhirError
from core.fhir.validation_words import problem_words
from core.i18n import _, words
from core.importers.text import json_fault

MAX_BUNDLE_BYTES = 20 * 1024 * 1024  # one patient's chart; a 100 MB file is a population export
MAX_ENTRIES = 20_000
MAX_ERRORS_SHOWN = 5

# Resource types that exist only before R4 or only from R5 on.
_STU3_ONLY = {"ProcedureRequest", "ReferralRequest", "DeviceComponent", "EligibilityRequest", "EligibilityResponse",
              "ImagingManifest", "ProcessRequest", "ProcessResponse", "BodySite", "DataElement", "ServiceDefinition",
              "Sequence"}
_R5_ONLY = {"ActorDefinition", "ArtifactAssessment", "ConditionDefinition", "DeviceDispense", "DeviceUsage",
            "EncounterHistory", "FormularyItem", "GenomicStudy", "ImagingSelection", "InventoryItem",
            "InventoryReport", "MedicationUsage", "NutritionIntake", "Permission", "Requirements", "Transport",
            "TestPlan", "TestScript2"}
# Elements whose presence (or JSON type) gives the version away: (resource type, element, marker).
_R5_ELEMENTS = (("MedicationStatement", "medication", "R5's CodeableReference 'medication'"),
                ("MedicationRequest", "medication", "R5's CodeableReference 'medication'"),
                ("Procedure", "occurrenceDateTime", "R5's 'occurrence[x]'"),
                ("Procedure", "occurrencePeriod", "R5's 'occurrence[x]'"),
                ("Condition", "participant", "R5's 'participant'"),
                ("AllergyIntolerance", "participant", "R5's 'participant'"),
                ("Immunization", "reason", "R5's 'reason'"))
_STU3_ELEMENTS = (("MedicationStatement", "taken", "STU3's 'taken'"),
                  ("MedicationStatement", "context", "STU3's 'context'"))


@dataclass
class ParsedBundle:
    """A validated bundle: its resources (raw JSON objects) and how references find them."""

    resources: list[dict[str, Any]] = field(default_factory=list)
    by_reference: dict[str, dict[str, Any]] = field(default_factory=dict)  # "Type/id" and fullUrl -> resource
    patient: dict[str, Any] = field(default_factory=dict)
    entry_of: dict[str, int] = field(default_factory=dict)  # reference -> entry number (from 1)

    def resolve(self, reference: str | None, within: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """The resource a reference names: ``#id`` in ``within``'s contained resources, a fullUrl, Type/id."""
        if not reference:
            return None
        if reference.startswith("#"):
            contained = (within or {}).get("contained") or []
            return next((c for c in contained if isinstance(c, dict) and c.get("id") == reference[1:]), None)
        if reference in self.by_reference:
            return self.by_reference[reference]
        # an absolute URL ending in Type/id ("http://server/fhir/Patient/1") finds Patient/1
        parts = reference.rstrip("/").split("/")
        return self.by_reference.get("/".join(parts[-2:])) if len(parts) >= 2 else None


def key(resource: dict[str, Any]) -> str:
    """``Type/id`` (``Type/#n`` for a resource without an id is given by the reader)."""
    return f"{resource.get('resourceType')}/{resource.get('id')}"


def read_bundle_file(path: str | os.PathLike[str]) -> ParsedBundle:
    """Read, check and validate a bundle file; ``FhirError`` with the reason otherwise."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FhirError(_("Cannot read {file}: {reason}.").format(file=path.name, reason=reason_text(exc))) from exc
    _check_size(size, path.name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FhirError(_("Cannot read {file}: {reason}.").format(file=path.name, reason=reason_text(exc))) from exc
    return read_bundle_bytes(data, path.name)


def _check_size(size: int, name: str) -> None:
    if size > MAX_BUNDLE_BYTES:
        raise FhirError(_("{file} is {size} MB; one patient's bundle is at most {limit} MB. Export only this "
                          "patient's record.").format(file=name, size=f"{size / 1024 / 1024:,.0f}",
                                                      limit=MAX_BUNDLE_BYTES // 1024 // 1024))


def _reject_constant(name: str) -> Any:
    raise ValueError(_("{name} is not a JSON number").format(name=name))


def read_bundle_bytes(data: bytes, name: str | None = None) -> ParsedBundle:
    name = name or _("The file")
    _check_size(len(data), name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FhirError(_("{file} is not FHIR JSON: it is not UTF-8 text.").format(file=name)) from exc
    stripped = text.lstrip()
    if stripped.startswith("<"):
        raise FhirError(_("{file} looks like XML; only FHIR JSON bundles can be imported.").format(file=name))
    try:
        raw = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:  # the commonest faults in the app's words, with where they are
        problem = _("{problem} (line {line}, column {column})").format(problem=words(json_fault(exc)),
                                                                      line=exc.lineno, column=exc.colno)
        raise FhirError(_("{file} is not FHIR JSON: {problem}.").format(file=name, problem=problem)) from exc
    except (ValueError, RecursionError) as exc:
        raise FhirError(_("{file} is not FHIR JSON: {problem}.").format(file=name, problem=exc)) from exc
    return parse_bundle(raw, name)


def parse_bundle(raw: Any, name: str | None = None) -> ParsedBundle:
    """Check and validate a bundle already read as JSON."""
    name = name or _("The file")
    if not isinstance(raw, dict) or "resourceType" not in raw:
        raise FhirError(_("{file} is not a FHIR resource (no resourceType).").format(file=name))
    if raw["resourceType"] != "Bundle":
        raise FhirError(_("{file} is a single {type} resource, not a Bundle; export the patient's record as a "
                          "Bundle.").format(file=name, type=f"{raw['resourceType']!s:.40}"))
    entries = raw.get("entry") or []
    if not isinstance(entries, list):
        raise FhirError(_("{file}: Bundle.entry must be a list.").format(file=name))
    if len(entries) > MAX_ENTRIES:
        raise FhirError(_("{file} has {count} entries; one patient's bundle has at most {limit}.").format(
            file=name, count=f"{len(entries):,}", limit=f"{MAX_ENTRIES:,}"))
    _check_version(raw, entries, name)
    _validate(raw, name)
    parsed = ParsedBundle()
    for n, entry in enumerate(entries):
        resource = entry.get("resource")
        if resource is None:
            continue
        if resource.get("id") is None:
            resource = {**resource, "id": f"#{n + 1}"}
        own = key(resource)
        names = [own] + ([entry["fullUrl"]] if entry.get("fullUrl") else [])
        for ref in names:
            if ref in parsed.by_reference:
                raise FhirError(_("{file} holds {resource} twice (entries {first} and {second}); a bundle must list "
                                  "each resource once.").format(file=name, resource=own, first=parsed.entry_of[ref],
                                                                second=n + 1))
            parsed.by_reference[ref] = resource
            parsed.entry_of[ref] = n + 1
        parsed.resources.append(resource)
    patients = [r for r in parsed.resources if r.get("resourceType") == "Patient"]
    if not patients:
        raise FhirError(_("{file} has no Patient resource; import a bundle of one patient's record.").format(file=name))
    if len(patients) > 1:
        raise FhirError(_("{file} holds {count} patients; import a bundle of one patient's record.").format(
            file=name, count=len(patients)))
    parsed.patient = patients[0]
    _check_references(parsed, name)
    return parsed


def _check_version(raw: dict[str, Any], entries: list[Any], name: str) -> None:
    def refuse(version: str, why: str) -> None:
        raise FhirError(_("{file} is a FHIR {version} bundle ({why}); only FHIR R4 can be imported. Export the "
                          "record as FHIR R4.").format(file=name, version=version, why=why))

    meta = raw.get("meta")
    profiles = meta.get("profile") if isinstance(meta, dict) else None
    for profile in profiles if isinstance(profiles, list) else []:
        text = str(profile)
        if "/STU3/" in text or "/DSTU2/" in text:
            refuse(_("STU3 or older"), _("profile {profile}").format(profile=f"{text:.80}"))
        if "/R5/" in text:
            refuse("R5", _("profile {profile}").format(profile=f"{text:.80}"))
    for entry in entries:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if not isinstance(resource, dict):
            continue
        rtype = resource.get("resourceType")
        if not isinstance(rtype, str):
            continue  # validation says what is wrong with it
        where = f"{rtype}/{resource.get('id')}"
        if rtype in _STU3_ONLY:
            refuse("STU3", _("{type} resources exist only in STU3").format(type=rtype))
        if rtype in _R5_ONLY:
            refuse("R5", _("{type} resources exist only from R5 on").format(type=rtype))
        for etype, element, marker in _R5_ELEMENTS:
            if rtype == etype and element in resource:
                refuse("R5", _("{resource} has {element}").format(resource=where, element=marker))
        for etype, element, marker in _STU3_ELEMENTS:
            if rtype == etype and element in resource:
                refuse("STU3", _("{resource} has {element}").format(resource=where, element=marker))
        if rtype in ("Condition", "AllergyIntolerance") and isinstance(resource.get("clinicalStatus"), str):
            refuse("STU3", _("{resource} has clinicalStatus as a plain code").format(resource=where))


def _validate(raw: dict[str, Any], name: str) -> None:
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    try:
        Bundle.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        lines = [_("{where}: {problem}").format(where=_location(raw, e["loc"]), problem=problem_words(e))
                 for e in errors[:MAX_ERRORS_SHOWN]]
        if len(errors) > MAX_ERRORS_SHOWN:
            heading = _("{file} is not valid FHIR R4 (and {n} more):").format(
                file=name, n=len(errors) - MAX_ERRORS_SHOWN)
        else:
            heading = _("{file} is not valid FHIR R4:").format(file=name)
        raise FhirError(heading + "\n" + "\n".join(lines)) from exc
    except (ValueError, TypeError, KeyError) as exc:  # the library's own checks (unknown resourceType...)
        raise FhirError(_("{file} is not valid FHIR R4: {problem}").format(file=name, problem=exc)) from exc


def _location(raw: dict[str, Any], loc: tuple[Any, ...]) -> str:
    """``entry[3] (Observation/o1).valueQuantity.value`` from a pydantic error location."""
    parts: list[str] = []
    if len(loc) >= 3 and loc[0] == "entry" and isinstance(loc[1], int) and loc[2] == "resource":
        try:
            resource = raw["entry"][loc[1]]["resource"]
            parts.append(_("entry {n} ({resource})").format(
                n=loc[1] + 1, resource=f"{resource.get('resourceType')}/{resource.get('id')}"))
        except (KeyError, IndexError, TypeError, AttributeError):
            parts.append(_("entry {n}").format(n=loc[1] + 1))
        loc = loc[3:]
    tail = ".".join(str(p) for p in loc)
    if not parts:
        return tail or "Bundle"
    return parts[0] + (f" {tail}" if tail else "")


# References that must be found in the bundle: a fact read through them would otherwise be a
# guess (whose condition is it? which drug?). Other references (performer, encounter) are not used.
_SUBJECT_FIELDS = ("subject", "patient")


def _check_references(parsed: ParsedBundle, name: str) -> None:
    patient = parsed.patient
    for resource in parsed.resources:
        if resource is patient:
            continue
        where = key(resource)
        for element in _SUBJECT_FIELDS:
            ref = (resource.get(element) or {}).get("reference") if isinstance(resource.get(element), dict) else None
            if ref is None:
                continue
            target = parsed.resolve(ref)
            if target is None:
                raise FhirError(_("{file}: {resource} refers to {reference}, which is not in the bundle.").format(
                    file=name, resource=where, reference=f"{ref:.100}"))
            if target.get("resourceType") == "Patient" and target is not patient:
                raise FhirError(_("{file}: {resource} belongs to another patient ({reference}).").format(
                    file=name, resource=where, reference=f"{ref:.100}"))
        med = (resource.get("medicationReference") or {}).get("reference")
        if med is not None and parsed.resolve(med, resource) is None:
            message = _("{file}: {resource} refers to medication {reference}, which is not in the bundle.")
            raise FhirError(message.format(file=name, resource=where, reference=f"{med:.100}"))
