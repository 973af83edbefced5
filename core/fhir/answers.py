"""The screening's answers as QuestionnaireResponse items.

Two sources: a questionnaire session (each question asked, in the order asked, with its text
and answer; "unknown" answers say so), or a bare profile from the command line (every field
it holds). Every answer is typed (boolean, decimal, date, quantity, coding) where the value
allows, and kept as text otherwise; nothing is left out silently.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from core.patient import facts as fact_registry
from core.patient.profile import PatientProfile, profile_to_dict
from core.vocab import conditions

UNKNOWN = object()  # an answer given as "Unknown / not available"
DATA_ABSENT = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
APP_CONDITION_SYSTEM = "urn:trial-eligibility:condition"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
MAX_STRING = 4000


def answer_values(value: Any) -> list[dict[str, Any]]:
    """A Python answer as QuestionnaireResponse ``answer`` entries."""
    if value is UNKNOWN:
        return [{"valueCoding": {"system": DATA_ABSENT, "code": "asked-unknown", "display": "Asked But Unknown"}}]
    if value is None:
        return []
    if isinstance(value, list | tuple | set | frozenset):
        return [a for v in (sorted(value, key=str) if isinstance(value, set | frozenset) else value)
                for a in answer_values(v)]
    if isinstance(value, bool):
        return [{"valueBoolean": value}]
    if isinstance(value, int):
        return [{"valueInteger": value}]
    if isinstance(value, float):
        return [{"valueDecimal": value}]
    if isinstance(value, date):
        return [{"valueDate": value.isoformat()}]
    if isinstance(value, str):
        return [{"valueDate": value}] if _DATE.match(value) else [{"valueString": value[:MAX_STRING]}]
    return [{"valueString": json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)[:MAX_STRING]}]


def item(link_id: str, text: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"linkId": link_id[:255], "text": text[:MAX_STRING]}
    answers = answer_values(value)
    if answers:
        out["answer"] = answers
    return out


def items_from_questionnaire(q: Any) -> list[dict[str, Any]]:
    """Every question asked in a session, in the order asked (``Questionnaire`` from core.questionnaire)."""
    out = []
    unknown = q.unknown
    for qid in q.history:
        question = q.question(qid)
        if question.kind == "checklist":  # a checklist page: each criterion as its own item
            given = q.current_answer(qid) or {}
            for row in question.details["rows"]:
                if row["question_id"] in given:
                    answer = given[row["question_id"]]
                    out.append(item(row["question_id"], row["question"].text,
                                    UNKNOWN if answer == "unknown" else answer))
            continue
        value = UNKNOWN if qid in unknown else q.current_answer(qid)
        out.append(item(qid, question.text, value))
    return out


def _diagnosis_answer(entry: dict[str, Any]) -> dict[str, Any]:
    code = entry["code"]
    if code in conditions.vocabulary():
        concept = conditions.get(code)
        icd = next((c for c in concept.icd10 if "-" not in c), None)
        coding = ({"system": ICD10CM, "code": icd, "display": concept.label} if icd
                  else {"system": APP_CONDITION_SYSTEM, "code": code, "display": concept.label})
    else:
        coding = {"system": APP_CONDITION_SYSTEM, "code": code}
    return {"valueCoding": coding}


def items_from_profile(profile: PatientProfile) -> list[dict[str, Any]]:
    """Every field a profile holds, one item each (list entries one item per entry)."""
    data = profile_to_dict(profile)
    out: list[dict[str, Any]] = []
    for name, text in (("date_of_birth", "Date of birth"), ("sex", "Sex"), ("weight_kg", "Weight (kg)")):
        if data.get(name) is not None:
            out.append(item(name, text, data[name]))
    for i, entry in enumerate(data.get("diagnoses", [])):
        status = entry.get("status", "present")
        it = {"linkId": f"diagnoses[{i}]", "text": f"Diagnosis ({status})", "answer": [_diagnosis_answer(entry)]}
        details = {k: v for k, v in entry.items() if k not in ("code", "status")}
        if details:
            it["answer"][0]["item"] = [item(f"diagnoses[{i}].details", "Details", details)]
        out.append(it)
    for listed, text in (("treatments", "Treatment course"), ("allergies", "Allergy"), ("scores", "Score")):
        for i, entry in enumerate(data.get(listed, [])):
            out.append(item(f"{listed}[{i}]", text, entry))
    for i, lab in enumerate(data.get("labs", [])):
        it = item(f"labs[{i}]", f"Laboratory result: {lab['name']}", {k: v for k, v in lab.items()})
        if lab.get("value") is not None and lab.get("unit"):
            it["answer"] = [{"valueQuantity": {"value": lab["value"], "unit": lab["unit"]}}]
            rest = {k: v for k, v in lab.items() if k not in ("name", "value", "unit")}
            if rest:
                it["answer"][0]["item"] = [item(f"labs[{i}].details", "Limits and date", rest)]
        out.append(it)
    for section in ("findings", "history", "consent"):
        for name, value in (data.get(section) or {}).items():
            fact = fact_registry.REGISTRY.get(name)
            out.append(item(f"{section}.{name}", fact.question if fact else name, value))
    if data.get("never_treated_with"):
        out.append(item("never_treated_with", "Never treated with", data["never_treated_with"]))
    for trial_id, answers in (data.get("confirmations") or {}).items():
        for key, value in answers.items():
            out.append(item(f"confirm:{trial_id}:{key}", f"Confirmed for {trial_id}, criterion {key}",
                            UNKNOWN if value == "unknown" else value == "yes"))
    return out
