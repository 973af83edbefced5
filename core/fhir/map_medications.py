"""MedicationStatement and MedicationRequest: the drug (RxNorm, ATC or text), status, dates, dose.

The drug must be one drug of the drug vocabulary (``core.vocab.drugs``): by ATC code, by an
RxNorm ingredient code from the short table below, or by the coding's display or text (a
clinical-drug name such as "methotrexate 2.5 MG Oral Tablet" is read up to its first number).
Course status follows the resource's status; anything that does not say whether the drug was
taken (intended, not taken, on hold, draft, cancelled, unknown) is not mapped.
"""

from __future__ import annotations

import re
from typing import Any

from core.fhir.codes import (
    ATC,
    RXNORM,
    choice_date,
    codes_in,
    describe_concept,
    fhir_date,
    period_end,
    source_of,
    text_of,
    words_of,
)
from core.fhir.model import ProposedFact, Unmapped
from core.fhir.read_bundle import ParsedBundle
from core.i18n import N_, Message, _
from core.vocab import drugs

# RxNorm ingredient concepts (RXCUI, term type IN) of the drugs rheumatology bundles carry most.
# Only ingredients: a clinical drug (SCD/SBD) is read from its name instead.
RXNORM_INGREDIENTS = {
    "6851": "methotrexate", "5521": "hydroxychloroquine", "9524": "sulfasalazine", "27169": "leflunomide",
    "327361": "adalimumab", "214555": "etanercept", "191831": "infliximab", "121191": "rituximab",
    "612865": "tocilizumab", "614391": "abatacept", "1357536": "tofacitinib", "8640": "prednisone",
    "8638": "prednisolone", "6902": "methylprednisolone", "1256": "azathioprine", "3002": "cyclophosphamide",
    "68149": "mycophenolate mofetil", "3008": "cyclosporine", "42316": "tacrolimus",
}
_DOSE_MASS = {"mg": 1.0, "g": 1000.0}
_STATEMENT_STATUS = {"active": "ongoing", "completed": "stopped", "stopped": "stopped"}
_REQUEST_STATUS = {"active": "ongoing", "completed": "stopped", "stopped": "stopped"}
_ORDER_INTENTS = ("order", "original-order", "reflex-order", "filler-order", "instance-order")
_RESPONSE_WORDS = (("loss of response", "loss_of_response"), ("lost response", "loss_of_response"),
                   ("secondary failure", "loss_of_response"), ("inadequate response", "inadequate_response"),
                   ("lack of efficacy", "inadequate_response"), ("ineffective", "inadequate_response"),
                   ("primary failure", "inadequate_response"), ("not effective", "inadequate_response"),
                   ("intoleran", "intolerance"), ("not tolerated", "intolerance"),
                   ("adverse", "adverse_event"), ("side effect", "adverse_event"), ("remission", "remission"))
_FIRST_NUMBER = re.compile(r"\s*\d.*$")
_BRACKET = re.compile(r"\[([^\]]+)\]")


def drug_of(concept: Any) -> tuple[str | None, str]:
    """(generic name, how found) for a medication CodeableConcept, or (None, why not)."""
    for atc in codes_in(concept, ATC):
        drug = drugs.lookup_drug(atc)
        if drug is not None:
            return drug.name, f"ATC {atc}"
    for rxcui in codes_in(concept, RXNORM):
        if rxcui in RXNORM_INGREDIENTS:
            drug = drugs.lookup_drug(RXNORM_INGREDIENTS[rxcui])
            if drug is not None:
                return drug.name, f"RxNorm {rxcui}"
    for words in words_of(concept):
        for candidate in _readings(words):
            drug = drugs.lookup_drug(candidate)
            if drug is not None:
                return drug.name, Message(N_('named "{words}"'), words=words)
    if codes_in(concept, RXNORM, ATC) or text_of(concept):
        return None, _("not a drug the app's drug vocabulary knows")
    return None, _("no drug code or name")


def _readings(words: str) -> list[str]:
    """The whole name, a brand in [brackets] (RxNorm SBD names), and the name before its strength."""
    out = [words]
    out += _BRACKET.findall(words)
    head = _FIRST_NUMBER.sub("", words).strip()
    if head and head != words:
        out.append(head)
    return out


def _medication(resource: dict[str, Any], bundle: ParsedBundle) -> Any:
    if "medicationCodeableConcept" in resource:
        return resource["medicationCodeableConcept"]
    target = bundle.resolve((resource.get("medicationReference") or {}).get("reference"), resource)
    return (target or {}).get("code")


def map_medication(resource: dict[str, Any], bundle: ParsedBundle, facts: list[ProposedFact],
                   unmapped: list[Unmapped]) -> None:
    source = source_of(resource)
    concept = _medication(resource, bundle)
    what = describe_concept(concept)
    is_request = resource.get("resourceType") == "MedicationRequest"
    status = resource.get("status")
    table = _REQUEST_STATUS if is_request else _STATEMENT_STATUS
    if status not in table:
        reason = _("the status '{status}' does not say whether the drug was taken").format(status=status)
        unmapped.append(Unmapped(source, what, reason))
        return
    if is_request and (resource.get("intent") not in _ORDER_INTENTS or resource.get("doNotPerform")):
        unmapped.append(Unmapped(source, what, _("a '{intent}' request, not an order given").format(
            intent=resource.get("intent"))))
        return
    drug, how = drug_of(concept)
    if drug is None:
        unmapped.append(Unmapped(source, what, how))
        return
    if is_request:
        start = fhir_date(resource.get("authoredOn"))
        stop = period_end((resource.get("dispenseRequest") or {}), "validity") if status != "active" else None
    else:
        start = choice_date(resource, "effective")
        stop = period_end(resource, "effective")
    course: dict[str, Any] = {"drug": drug, "status": table[status]}
    if course["status"] == "stopped" and not stop:
        course["status"] = "stopped_date_unknown"
    if start:
        course["start"] = start
    if stop and course["status"] == "stopped":
        course["stop"] = stop
    response = _response(resource)
    if response:
        course["response"] = response
    course.update(_dose(resource))
    recorded = fhir_date(resource.get("dateAsserted") or resource.get("authoredOn"))
    if recorded:
        course["recorded"] = recorded
    note = Message(N_("{how}; start is the date prescribed"), how=how) if is_request and start else how
    facts.append(ProposedFact("treatment", course, source, what, start, note=note))


def _response(resource: dict[str, Any]) -> str | None:
    reasons = resource.get("statusReason") or []
    if isinstance(reasons, dict):  # MedicationRequest.statusReason is one concept
        reasons = [reasons]
    for concept in reasons:
        text = " ".join(words_of(concept)).casefold()
        for words, response in _RESPONSE_WORDS:
            if words in text:
                return response
    return None


def _dose(resource: dict[str, Any]) -> dict[str, Any]:
    """Dose and unit from the first dosage: per day or per week when the timing says so."""
    dosages = resource.get("dosage") or resource.get("dosageInstruction") or []
    if not dosages:
        return {}
    dosage = dosages[0]
    out: dict[str, Any] = {}
    route = text_of(dosage.get("route"))
    if route:
        out["route"] = route[:100]
    quantity = next((d.get("doseQuantity") for d in dosage.get("doseAndRate") or [] if d.get("doseQuantity")), None)
    if not quantity or quantity.get("value") is None:
        return out
    unit = (quantity.get("code") or quantity.get("unit") or "").strip()
    if unit not in _DOSE_MASS:
        return out  # tablets, mL or IU/kg: the amount cannot be compared with a criterion's mg
    mg = float(quantity["value"]) * _DOSE_MASS[unit]
    repeat = (dosage.get("timing") or {}).get("repeat") or {}
    frequency, period, period_unit = repeat.get("frequency") or 1, repeat.get("period"), repeat.get("periodUnit")
    if period and period_unit == "d":
        out.update(dose=round(mg * frequency / period, 4), dose_unit="mg/day")
    elif period and period_unit == "wk":
        out.update(dose=round(mg * frequency / period, 4), dose_unit="mg/week")
    else:
        out.update(dose=round(mg, 4), dose_unit="mg")
    return out
