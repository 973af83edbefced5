"""Observations: laboratory results by LOINC (units and reference ranges), vital signs, scores.

A numeric result is kept only when its unit is known for the analyte (``core.vocab.units``);
it is stored in the analyte's canonical unit, with the reference range converted alike, and
the review shows the original. A range in a unit that cannot be converted, a value whose
``unit`` and UCUM ``code`` disagree, or an implausible value is not mapped, with the reason.
Preliminary, cancelled or absent results are not mapped either.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from core.fhir.codes import (
    INTERPRETATION,
    LOINC,
    SNOMED,
    choice_date,
    codes_in,
    codings,
    describe_concept,
    fhir_date,
    source_of,
    text_of,
    words_of,
)
from core.fhir.model import ProposedFact, Unmapped
from core.i18n import N_, Message, _
from core.vocab import labs, scores, units
from core.vocab.labs import Analyte
from core.vocab.units import UnitError

USABLE_STATUSES = ("final", "amended", "corrected")
# v3 ObservationInterpretation codes -> profile lab result words.
_INTERPRETATION = {"H": "high", "HH": "high", "HU": "high", "L": "low", "LL": "low", "LU": "low", "N": "normal",
                   "A": "abnormal", "AA": "abnormal", "POS": "positive", "NEG": "negative", "DET": "positive",
                   "ND": "negative"}
# SNOMED CT qualifier values for a coded result.
_SNOMED_RESULT = {"10828004": "positive", "260385009": "negative", "260373001": "positive",
                  "260415000": "negative", "17621005": "normal", "263654008": "abnormal"}
_WORD_RESULT = {"positive": "positive", "pos": "positive", "detected": "positive", "reactive": "positive",
                "negative": "negative", "neg": "negative", "not detected": "negative", "non reactive": "negative",
                "nonreactive": "negative", "normal": "normal", "abnormal": "abnormal", "high": "high", "low": "low"}


def map_observation(resource: dict[str, Any], facts: list[ProposedFact], unmapped: list[Unmapped]) -> None:
    source = source_of(resource)
    code = resource.get("code")
    what = describe_concept(code)
    status = resource.get("status")
    if status not in USABLE_STATUSES:
        unmapped.append(Unmapped(source, what, _("the result's status is '{status}', not final").format(status=status)))
        return
    if resource.get("component") and not _has_value(resource):
        reason = _("a result in several parts (e.g. blood pressure) has no profile field")
        unmapped.append(Unmapped(source, what, reason))
        return
    if resource.get("dataAbsentReason"):
        reason = _("no value: {why}").format(why=text_of(resource["dataAbsentReason"]))
        unmapped.append(Unmapped(source, what, reason))
        return
    date = choice_date(resource, "effective") or _issued(resource)
    analyte = _analyte(code)
    if analyte is not None:
        _map_lab(resource, analyte, date, facts, unmapped)
        return
    score = _score(code)
    if score is not None:
        _map_score(resource, score, date, facts, unmapped)
        return
    unmapped.append(Unmapped(source, what, _("not a laboratory test, measurement or score the app knows")))


def _has_value(resource: dict[str, Any]) -> bool:
    return any(k.startswith("value") for k in resource)


def _issued(resource: dict[str, Any]) -> str | None:
    return fhir_date(resource.get("issued"))


@lru_cache(maxsize=1)
def _by_loinc() -> dict[str, Analyte]:
    index: dict[str, Analyte] = {}
    for analyte in labs.all():
        if not analyte.group:
            for loinc in analyte.loinc:
                index.setdefault(loinc, analyte)
    return index


def _analyte(code: Any) -> Analyte | None:
    """The analyte a LOINC code names; else one named exactly by the code's text or display."""
    for loinc in codes_in(code, LOINC):
        if loinc in _by_loinc():
            return _by_loinc()[loinc]
    for words in words_of(code):
        found = [a for a in labs.lookup(words) if not a.group]
        if len(found) == 1:
            return found[0]
    return None


def _score(code: Any) -> scores.Score | None:
    for words in words_of(code):
        found = [s for s in scores.lookup(words) if not s.group]
        if len(found) == 1:
            return found[0]
    return None


def _ucum(code: str) -> str:
    """A UCUM code in the spelling the unit tables use: [IU]/mL -> IU/mL, {cells}/uL -> /uL."""
    return re.sub(r"\{[^}]*\}", "", code).replace("[IU]", "IU").replace("[iU]", "IU")


def to_canonical(analyte_id: str, value: float, quantity: dict[str, Any], default_unit: str | None = None
                 ) -> tuple[float, str | None]:
    """(value in the canonical unit, the unit read) from a Quantity's ``unit`` and UCUM ``code``.

    Either may be missing or unknown to the app as long as the other is known; when both are
    known they must mean the same, else ``UnitError`` (a unit mismatch).
    """
    unit, code = quantity.get("unit"), quantity.get("code")
    if not unit and not code:
        if default_unit is None:  # a unitless result (INR) is fine; any other analyte says it needs a unit
            return units.convert(analyte_id, value, None), None
        unit = default_unit
    results: list[tuple[float, str]] = []
    first_error: UnitError | None = None
    for spelling in (unit, _ucum(code) if code else None):
        if not spelling:
            continue
        try:
            results.append((units.convert(analyte_id, value, spelling), spelling))
        except UnitError as exc:
            first_error = first_error or exc
    if not results:
        raise first_error or UnitError(_("no unit is given"))
    if len(results) == 2 and abs(results[0][0] - results[1][0]) > 1e-9 * max(1.0, abs(results[0][0])):
        raise UnitError(_("the unit '{unit}' and the UCUM code '{code}' disagree").format(unit=unit, code=code))
    return results[0]


def _map_lab(resource: dict[str, Any], analyte: Analyte, date: str | None, facts: list[ProposedFact],
             unmapped: list[Unmapped]) -> None:
    source, what = source_of(resource), describe_concept(resource.get("code"))
    quantity = resource.get("valueQuantity")
    if isinstance(quantity, dict) and quantity.get("value") is not None:
        _map_quantity(resource, analyte, quantity, date, facts, unmapped)
        return
    result, titre = _qualitative(resource)
    if titre and not analyte.titre:
        titre = None
    if result is None and titre is None:
        unmapped.append(Unmapped(source, what, _("the result is neither a number with a unit nor positive/negative/"
                                                 "normal/abnormal")))
        return
    if result is not None and analyte.qualitative and result not in analyte.qualitative:
        if not (result in ("high", "low", "normal", "abnormal") and analyte.numeric):
            unmapped.append(Unmapped(source, what, _("'{result}' is not a result {lab} can have").format(
                result=result, lab=analyte.label)))
            return
    value = {"name": analyte.id, **({"result": result} if result else {}), **({"titre": titre} if titre else {})}
    if date:
        value["date"] = date
    facts.append(ProposedFact("lab", value, source, what, date))


def _qualitative(resource: dict[str, Any]) -> tuple[str | None, str | None]:
    """(result word, titre) from valueCodeableConcept, valueString or the interpretation."""
    concept = resource.get("valueCodeableConcept")
    for coding in codings(concept):
        if coding.get("system") == SNOMED and coding.get("code") in _SNOMED_RESULT:
            return _SNOMED_RESULT[coding["code"]], None
    for words in words_of(concept):
        if words.strip().casefold() in _WORD_RESULT:
            return _WORD_RESULT[words.strip().casefold()], None
    text = resource.get("valueString")
    if isinstance(text, str) and len(text) <= 20:  # a result word or a titre is short
        if text.strip().casefold() in _WORD_RESULT:
            return _WORD_RESULT[text.strip().casefold()], None
        try:
            units.parse_titre(text)
            return _interpretation(resource), text.strip()
        except UnitError:
            pass
    ratio = resource.get("valueRatio")
    if isinstance(ratio, dict) and (ratio.get("numerator") or {}).get("value") == 1:
        denominator = (ratio.get("denominator") or {}).get("value")
        if denominator:
            return _interpretation(resource), f"1:{denominator:g}"
    return _interpretation(resource), None


def _interpretation(resource: dict[str, Any]) -> str | None:
    for concept in resource.get("interpretation") or []:
        for code in codes_in(concept, INTERPRETATION):
            if code in _INTERPRETATION:
                return _INTERPRETATION[code]
    return None


def _map_quantity(resource: dict[str, Any], analyte: Analyte, quantity: dict[str, Any], date: str | None,
                  facts: list[ProposedFact], unmapped: list[Unmapped]) -> None:
    source, what = source_of(resource), describe_concept(resource.get("code"))
    number = float(quantity["value"])
    comparator = quantity.get("comparator")
    if comparator:
        unmapped.append(Unmapped(source, what, _("the value is '{value}', not an exact number").format(
            value=f"{comparator} {number:g}")))
        return
    if not analyte.numeric:
        unmapped.append(Unmapped(source, what, _("{lab} has no numeric result in the app").format(lab=analyte.label)))
        return
    try:
        canonical, unit = to_canonical(analyte.id, number, quantity)
    except UnitError as exc:
        unmapped.append(Unmapped(source, what, _("unit mismatch: {problem}").format(problem=exc)))
        return
    reason = analyte.implausible(canonical)
    if reason:
        unmapped.append(Unmapped(source, what, _("{problem}; check the unit").format(problem=reason)))
        return
    try:
        low, high = _range(resource, analyte, unit)
    except UnitError as exc:
        reason = _("unit mismatch in the reference range: {problem}").format(problem=exc)
        unmapped.append(Unmapped(source, what, reason))
        return
    target = analyte.canonical_unit
    shown = f"{number:g} {unit or ''}".strip()
    if analyte.fact == "weight_kg":
        facts.append(ProposedFact("weight_kg", round(canonical, 3), source, f"{what}: {shown}", date))
        return
    if analyte.fact:
        facts.append(ProposedFact("finding", {analyte.fact: round(canonical, 6)}, source, f"{what}: {shown}", date))
        return
    value: dict[str, Any] = {"name": analyte.id, "value": round(canonical, 6), "unit": target}
    if high is not None:
        value["uln"] = round(high, 6)
    if low is not None and (low > 0 or high is not None):
        value["lln"] = round(low, 6)
    if high is None and low is None:
        flag = _interpretation(resource)
        if flag:
            value["result"] = flag
    if date:
        value["date"] = date
    same_unit = units.normalise_unit(unit or "") == units.normalise_unit(target or "")
    note = "" if same_unit else Message(N_("converted from {value}"), value=shown)
    facts.append(ProposedFact("lab", value, source, f"{what}: {shown}", date, note=note))


def _range(resource: dict[str, Any], analyte: Analyte, unit: str | None) -> tuple[float | None, float | None]:
    """(LLN, ULN) in the canonical unit, from the first reference range that has limits."""
    for ref in resource.get("referenceRange") or []:
        bounds = []
        for end in ("low", "high"):
            q = ref.get(end)
            if not isinstance(q, dict) or q.get("value") is None:
                bounds.append(None)
                continue
            bounds.append(to_canonical(analyte.id, float(q["value"]), q, default_unit=unit)[0])
        if bounds[0] is not None or bounds[1] is not None:
            return bounds[0], bounds[1]
    return None, None


def _map_score(resource: dict[str, Any], score: scores.Score, date: str | None, facts: list[ProposedFact],
               unmapped: list[Unmapped]) -> None:
    source, what = source_of(resource), describe_concept(resource.get("code"))
    number = None
    if isinstance(resource.get("valueQuantity"), dict):
        number = resource["valueQuantity"].get("value")
    elif isinstance(resource.get("valueInteger"), int):
        number = resource["valueInteger"]
    if number is None:
        unmapped.append(Unmapped(source, what, _("{score} needs a number").format(score=score.label)))
        return
    problem = score.check(float(number))
    if problem:
        unmapped.append(Unmapped(source, what, _("{problem} (the record says {value})").format(
            problem=problem, value=f"{float(number):g}")))
        return
    if score.fact in ("ecog", "nyha_class"):
        facts.append(ProposedFact("finding", {score.fact: float(number)}, source, f"{what}: {float(number):g}", date))
        return
    if score.fact in ("patient_global_mm", "evaluator_global_mm"):
        unmapped.append(Unmapped(source, what, _("global assessments are entered with the joint count, where "
                                                 "the scale (mm or cm) is checked")))
        return
    value: dict[str, Any] = {"name": score.fact or score.id, "value": float(number)}
    if date:
        value["date"] = date
    facts.append(ProposedFact("score", value, source, f"{what}: {float(number):g}", date))
