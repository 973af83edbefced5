"""Words the screening screens show: labels for codes, answer summaries, verdict names."""

from __future__ import annotations

from typing import Any

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE
from core.patient import facts as registry
from core.questionnaire import Question

VERDICT_TEXT = {ELIGIBLE: "Eligible", POSSIBLY_ELIGIBLE: "Possibly eligible", NOT_ELIGIBLE: "Not eligible"}
VERDICT_COLOUR = {ELIGIBLE: "#1b7a34", POSSIBLY_ELIGIBLE: "#9a5b00", NOT_ELIGIBLE: "#b3261e"}
VERDICT_MARK = {ELIGIBLE: "✔", POSSIBLY_ELIGIBLE: "?", NOT_ELIGIBLE: "✘"}
GROUP_TITLES = {"demographics": "Demographics", "diagnosis": "Diagnosis and disease activity",
                "treatment": "Treatment history", "findings": "Findings", "history": "Medical history",
                "labs": "Laboratory results", "consent": "Consent", "confirm": "Criteria to confirm"}
UNKNOWN_TEXT = "Unknown / not available"

CONDITION_NAMES = {
    "rheumatoid_arthritis": "Rheumatoid arthritis", "sjogren": "Sjögren's disease",
    "dermatomyositis": "Dermatomyositis",
    "clinically_amyopathic_dermatomyositis": "Clinically amyopathic dermatomyositis",
    "polymyositis": "Polymyositis", "sle": "Systemic lupus erythematosus",
    "antisynthetase_syndrome": "Antisynthetase syndrome", "systemic_sclerosis": "Systemic sclerosis",
    "primary_biliary_cholangitis": "Primary biliary cholangitis", "psoriatic_arthritis": "Psoriatic arthritis",
}
CRITERIA_NAMES = {
    "acr_1987": "ACR 1987 (RA)", "acr_eular_2010": "ACR/EULAR 2010 (RA)", "aecg_2002": "AECG 2002 (Sjögren)",
    "acr_eular_2016_sjogren": "ACR/EULAR 2016 (Sjögren)", "japan_sjogren": "Japanese (Sjögren)",
    "bohan_peter": "Bohan & Peter (myositis)", "sontheimer": "Sontheimer (CADM)", "enmc_dm": "ENMC DM",
    "enmc_2020_asys": "ENMC 2020 ASyS", "eular_acr_2017_iim": "EULAR/ACR 2017 IIM",
    "eular_acr_2019_sle": "EULAR/ACR 2019 (SLE)", "slicc_2012": "SLICC 2012 (SLE)",
}
RA_2010_CHOICES = {
    "joints": {"1_large": "1 large joint", "2_10_large": "2–10 large joints", "1_3_small": "1–3 small joints",
               "4_10_small": "4–10 small joints", "over_10_including_small": "> 10 joints (≥ 1 small)"},
    "serology": {"negative": "RF and ACPA negative", "low_positive": "Low-positive RF or ACPA",
                 "high_positive": "High-positive RF or ACPA"},
    "acute_phase": {"normal": "CRP and ESR normal", "abnormal": "CRP or ESR abnormal"},
    "symptom_duration": {"under_6_weeks": "< 6 weeks", "6_weeks_or_more": "≥ 6 weeks"},
}
RA_2010_TITLES = {"joints": "Joint involvement", "serology": "Serology", "acute_phase": "Acute-phase reactants",
                  "symptom_duration": "Duration of symptoms"}
OUTCOME_NAMES = {"inadequate_response": "Inadequate response", "loss_of_response": "Loss of response",
                 "intolerance": "Intolerance", "ongoing": "Ongoing", "other": "Stopped (other reason)"}


def code_name(code: str, names: dict[str, str]) -> str:
    return names.get(code) or code.replace("_", " ").capitalize()


def question_label(question: Question) -> str:
    """A short name for the history list."""
    if question.kind == "confirm":
        trial = question.details.get("trial_id", "")
        key = question.details.get("criterion_key", "")
        return f"{trial} {criterion_name(question.details.get('criterion_kind', ''), key)}"
    if question.kind == "labs":
        return question.details.get("label", question.id)
    fixed = {"diagnoses": "Diagnoses", "treatments": "Treatment history", "joints": "28-joint assessment"}
    if question.id in fixed:
        return fixed[question.id]
    fact = registry.get_fact(question.id)
    return fact.label if fact else question.text


def criterion_name(kind: str, key: str, label: str | None = None) -> str:
    word = "Exclusion" if kind == "exclusion" or key.startswith("exc") else "Inclusion"
    number = label or key.split("-", 1)[-1]
    return f"{word} {number}"


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def answer_summary(question: Question, value: Any) -> str:
    """One line for the answer given."""
    if value is None:
        return "not answered"
    if value == "unknown":
        return UNKNOWN_TEXT
    kind = question.kind
    if kind == "bool" or kind == "confirm":
        if isinstance(value, bool):
            return "Yes" if value else "No"
        return str(value).capitalize()
    if kind == "number":
        return f"{_num(value)} {question.unit or ''}".strip()
    if kind == "enum":
        return str(value)
    if kind == "labs" and isinstance(value, dict):
        text = f"{_num(value.get('value'))} {value.get('unit') or question.unit or ''}".strip()
        limits = [f"{name} {_num(value[key])}" for key, name in (("uln", "ULN"), ("lln", "LLN"))
                  if value.get(key) is not None]
        return text + (f" ({', '.join(limits)})" if limits else "")
    if kind == "diagnoses" and isinstance(value, dict):
        rows = value.get("diagnoses") or []
        names = ", ".join(code_name(r.get("code", ""), CONDITION_NAMES) for r in rows) or "none"
        return names + (" (complete list)" if value.get("complete") else "")
    if kind == "treatments" and isinstance(value, dict):
        rows = value.get("treatments") or []
        names = ", ".join(str(r.get("drug", "")) for r in rows) or "none"
        return f"{len(rows)} course{'s' if len(rows) != 1 else ''}: {names}" + (
            " (complete list)" if value.get("complete") else "")
    if kind == "joints" and isinstance(value, dict):
        parts = [(k, n) for k, n in (("tender_28", "TJC"), ("swollen_28", "SJC"), ("patient_global_mm", "PtGA"),
                                      ("evaluator_global_mm", "EvGA")) if value.get(k) is not None]
        return ", ".join(f"{n} {_num(value[k])}" for k, n in parts) or "no counts"
    return str(value)
