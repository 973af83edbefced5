"""Plain words for a proposed fact, as the review table and the command line show it, in the
active language (worded when shown: the fact itself holds codes, docs/i18n.md).

Drug names stay as the record gave them, with the drug vocabulary's name in the language beside them;
lab and condition names come from the vocabularies in the language; values as the record gave them;
statuses, responses and severities are words of the catalogs.
"""

from __future__ import annotations

from core.fhir.model import KIND_LABELS, ProposedFact
from core.i18n import N_, _, pgettext
from core.patient import facts as fact_registry
from core.patient.fact_labels import concept_name, fact_label, local_name
from core.vocab import conditions, procedures

_STATUS = {"ongoing": N_("ongoing"), "stopped": N_("stopped"), "stopped_date_unknown": N_("stopped (date unknown)")}
_RESPONSE = {"inadequate_response": N_("inadequate response"), "loss_of_response": N_("loss of response"),
             "intolerance": N_("intolerance"), "adverse_event": N_("adverse event"), "remission": N_("remission"),
             "other": N_("stopped for another reason"), "not_assessed": N_("response not assessed")}
_WORDS = {  # lab results, allergy severities, disease activity
    "positive": N_("positive"), "negative": N_("negative"), "normal": N_("normal"), "abnormal": N_("abnormal"),
    "mild": N_("mild"), "moderate": N_("moderate"), "severe": N_("severe"), "anaphylaxis": N_("anaphylaxis"),
    "remission": N_("remission"), "low": N_("low"), "high": N_("high"),
}


def _word(table: dict[str, str], code: str) -> str:
    return _(table[code]) if code in table else code.replace("_", " ")


def _condition(code: str) -> str:
    if code not in conditions.vocabulary():
        return code
    return concept_name(f"condition:{code}") or conditions.get(code).label


def _drug(name: str) -> str:
    """As the letter's treatment table: the name as the record gave it, with the drug vocabulary's name in
    the language beside it when that differs ("methotrexate (甲氨蝶呤)")."""
    from core.patient.drugs import lookup_drug
    from core.vocab import drugs

    drug = lookup_drug(name)
    concept = next((c for c in drugs.lookup(drug.name) if c.kind == "drug"), None) if drug is not None else None
    local = local_name(concept, drug.name) if concept is not None else None
    if not local or local.casefold() == name.casefold():
        return name
    return name + pgettext("in brackets", " ({text})").format(text=local)


def _lab(name: str) -> str:
    """The lab as the questionnaire names it in the language ("CRP", "ALT", "肌酐"); another as written."""
    fact = fact_registry.get_fact(name if name in fact_registry.LABS else f"lab:{name}")
    return fact_label(fact) if fact is not None else name


def describe(fact: ProposedFact) -> str:
    v = fact.value
    kind = fact.kind
    sep = pgettext("list separator", ", ")
    if kind == "diagnosis":
        label = _condition(v["code"])
        if v.get("status") == "absent":
            return _("{condition}: known absent").format(condition=label)
        parts = [label]
        if v.get("onset_date"):
            parts.append(_("onset {date}").format(date=v["onset_date"]))
        if v.get("activity"):
            parts.append(_word(_WORDS, v["activity"]))
        if v.get("active") is not None:
            parts.append(_("active now") if v["active"] else _("not active now"))
        if v.get("resolved_date"):
            parts.append(_("resolved {date}").format(date=v["resolved_date"]))
        return sep.join(parts)
    if kind == "treatment":
        parts = [_drug(v["drug"]), _word(_STATUS, v["status"])]
        if v.get("start"):
            parts.append(_("from {date}").format(date=v["start"]))
        if v.get("stop"):
            parts.append(_("to {date}").format(date=v["stop"]))
        if v.get("dose") is not None:
            from core.questionnaire.wording import unit_text  # "mg/week" -> "mg/周"

            parts.append(f"{v['dose']:g} {unit_text(v['dose_unit'])}")
        if v.get("response"):
            parts.append(_word(_RESPONSE, v["response"]))
        return sep.join(parts)
    if kind == "allergy":
        if not v.get("severity"):
            return _drug(v["substance"])
        return _drug(v["substance"]) + pgettext("in brackets", " ({text})").format(text=_word(_WORDS, v["severity"]))
    if kind == "procedure":
        if v["procedure"] in procedures.index():
            concept = procedures.get(v["procedure"])
            label = local_name(concept, concept.label)  # the vocabulary's name in the language
        else:
            label = v["procedure"]
        return sep.join([label, v["date"]]) if v.get("date") else label
    if kind == "lab":
        text = _lab(v["name"])
        if "value" in v:
            text += f" {v['value']:g} {v.get('unit') or ''}".rstrip()
            limits = [f"LLN {v['lln']:g}" if "lln" in v else "", f"ULN {v['uln']:g}" if "uln" in v else ""]
            if any(limits):
                text += pgettext("in brackets", " ({text})").format(text=sep.join(x for x in limits if x))
        if v.get("result"):
            text += f" {_word(_WORDS, v['result'])}"
        if v.get("titre"):
            text += " " + _("titre {titre}").format(titre=v["titre"])
        return text
    if kind == "score":
        score = fact_registry.get_fact(v["name"])
        return f"{fact_label(score) if score is not None else v['name']} {v['value']:g}"
    if kind == "finding":
        return sep.join(f"{fact_label(fact_registry.REGISTRY[k]) if k in fact_registry.REGISTRY else k} {x:g}"
                        for k, x in v.items())
    if kind == "weight_kg":
        return f"{v:g} kg"
    if kind in ("date_of_birth", "sex"):
        return _word({"female": N_("female"), "male": N_("male")}, str(v)) if kind == "sex" else str(v)
    return f"{_(KIND_LABELS.get(kind, kind))}: {v}"
