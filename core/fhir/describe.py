"""Plain words for a proposed fact, as the review table and the command line show it."""

from __future__ import annotations

from core.fhir.model import KIND_LABELS, ProposedFact
from core.patient import facts as fact_registry
from core.vocab import conditions, procedures


def describe(fact: ProposedFact) -> str:
    v = fact.value
    kind = fact.kind
    if kind == "diagnosis":
        label = conditions.get(v["code"]).label if v["code"] in conditions.vocabulary() else v["code"]
        if v.get("status") == "absent":
            return f"{label}: known absent"
        return label + (f", onset {v['onset_date']}" if v.get("onset_date") else "") + (
            f", {v['activity']}" if v.get("activity") else "")
    if kind == "treatment":
        parts = [v["drug"], v["status"].replace("_", " ")]
        if v.get("start"):
            parts.append(f"from {v['start']}")
        if v.get("stop"):
            parts.append(f"to {v['stop']}")
        if v.get("dose") is not None:
            parts.append(f"{v['dose']:g} {v['dose_unit']}")
        if v.get("response"):
            parts.append(v["response"].replace("_", " "))
        return ", ".join(parts)
    if kind == "allergy":
        return v["substance"] + (f" ({v['severity']})" if v.get("severity") else "")
    if kind == "procedure":
        label = procedures.get(v["procedure"]).label if v["procedure"] in procedures.index() else v["procedure"]
        return label + (f", {v['date']}" if v.get("date") else "")
    if kind == "lab":
        text = v["name"]
        if "value" in v:
            text += f" {v['value']:g} {v.get('unit') or ''}".rstrip()
            limits = [f"LLN {v['lln']:g}" if "lln" in v else "", f"ULN {v['uln']:g}" if "uln" in v else ""]
            if any(limits):
                text += f" ({', '.join(x for x in limits if x)})"
        if v.get("result"):
            text += f" {v['result']}"
        if v.get("titre"):
            text += f" titre {v['titre']}"
        return text
    if kind == "score":
        return f"{v['name']} {v['value']:g}"
    if kind == "finding":
        return ", ".join(f"{fact_registry.REGISTRY[k].label if k in fact_registry.REGISTRY else k} {x:g}"
                         for k, x in v.items())
    if kind == "weight_kg":
        return f"{v:g} kg"
    if kind in ("date_of_birth", "sex"):
        return str(v)
    return f"{KIND_LABELS.get(kind, kind)}: {v}"
