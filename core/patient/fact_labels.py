"""A fact's short label in the active language ("RA duration" -> "类风湿关节炎病程").

Labels built from a condition, drug or lab name take that name from the vocabularies' Chinese
and Japanese names (as clinicians there write them) inside a translated template; the other
labels are msgids of their own (extracted from ``facts.py`` by the ``_raw``/``_derived``/
``_yes_no`` keywords in scripts/i18n/extract.py). Abbreviations clinicians write as they are
everywhere (AST, CRP, ESR, DAS28-ESR) are kept.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.i18n import N_, _, current_language
from core.patient.facts import CONDITIONS, LABS, Fact

# An abbreviation written alike everywhere (AST, CRP, eGFR, IgG, DAS28-ESR): no run of three lower-case letters
# ("Haemoglobin", "TNF inhibitor" and "Complement C3" are names, written as clinicians there write them).
_ABBREVIATION = re.compile(r"^(?!.*[a-z]{3})[A-Za-z0-9\-/ ()]+$")
_CONDITION_FACTS = {
    "diagnosed": N_("{condition} diagnosis"),
    "classification": N_("{condition} classification criteria met"),
    "duration_months": N_("{condition} duration"),
    "duration_years": N_("{condition} duration"),
    "age_at_diagnosis_years": N_("Age at diagnosis of {condition}"),
    "age_at_onset_years": N_("Age at onset of {condition}"),
    "activity": N_("{condition} activity"),
}
_LAB_FACTS = {"": "{lab}", "_x_uln": "{lab}", "_below_lln": N_("{lab} below the lower limit of normal"),
              "_positive": N_("{lab} positive")}
_VOCAB_FACTS = {
    "condition": "{name}", "condition_years": N_("{name} duration"),
    "condition_recent_years": N_("Time since {name} was last diagnosed"), "drug_ever": N_("{name} (ever)"),
    "condition_current": N_("{name} (active now)"),
    "drug_current": N_("{name} (now)"), "drug_weeks_since": N_("Time since the last dose of {name}"),
    "drug_failed_count": N_("Failed {name}"), "drug_dose": N_("{name} dose"), "lab": "{name}", "lab_x_uln": "{name}",
    "lab_below_lln": N_("{lab} below the lower limit of normal"), "lab_positive": N_("{lab} positive"),
    "score": "{name}", "allergy": N_("Allergy to {name}"),
    "classified": N_("{name}: classification criteria met"),
    "procedure": N_("{name} (ever)"), "procedure_weeks_since": N_("Time since {name}"),
    "procedure_planned": N_("{name} (planned)"), "procedure_current": N_("{name} (receiving now)"),
}
# condition_other_than:<id>|<excepted ids>: the condition's own labels, its name with the exceptions
_OTHER_THAN = N_("{name} other than {others}")
_CONDITION_CODES = {prefix: codes[0] for prefix, (_name, codes) in CONDITIONS.items()}


def local_name(concept: object, english: str) -> str:
    """A vocabulary concept's first name in the active language, else ``english``."""
    names = getattr(concept, current_language(), None) if current_language() != "en" else None
    return names[0] if names else english


def _vocab_concept(module: str, concept_id: str) -> object | None:
    from core.vocab import conditions, drugs, labs, procedures, scores

    vocab = {"condition": conditions, "drug": drugs, "lab": labs, "score": scores, "allergy": drugs,
             "classified": conditions, "procedure": procedures}[module]
    try:
        return vocab.get(concept_id)
    except KeyError:
        return None


@lru_cache(maxsize=4096)
def _label(fact_id: str, english: str, lang: str) -> str:
    del lang  # part of the cache key only
    prefix, _sep, rest = fact_id.partition("_")
    if prefix in _CONDITION_CODES and rest in _CONDITION_FACTS:
        condition = local_name(_vocab_concept("condition", _CONDITION_CODES[prefix]), CONDITIONS[prefix][0])
        return _(_CONDITION_FACTS[rest]).format(condition=condition)
    for suffix, template in _LAB_FACTS.items():
        lab_id = fact_id.removesuffix(suffix) if suffix else fact_id
        if (not suffix or fact_id.endswith(suffix)) and lab_id in LABS:
            name = LABS[lab_id]["label"]
            if not _ABBREVIATION.match(name):
                name = local_name(_vocab_concept("lab", lab_id), name)
            return _(template).format(lab=name)
    kind, sep, concept_id = fact_id.partition(":")
    kind = kind.replace("_other_than", "")  # "<id>|<excepted ids>": "malignancy other than basal cell carcinoma"
    if sep and kind in _VOCAB_FACTS:
        concept_id, bar, others = concept_id.partition("|")
        name = _concept_label(kind, concept_id)
        if bar:
            name = _(_OTHER_THAN).format(name=name, others=" / ".join(_concept_label(kind, o)
                                                                       for o in others.split(",") if o))
        return _(_VOCAB_FACTS[kind]).format(name=name, lab=name)
    return _(english)


def _concept_label(kind: str, concept_id: str) -> str:
    concept = _vocab_concept(kind.split("_")[0], concept_id)
    english = getattr(concept, "label", None) or concept_id
    return english if _ABBREVIATION.match(english) else local_name(concept, english)


def concept_name(fact_id: str) -> str | None:
    """The vocabulary concept a ``kind:concept`` fact names ("drug_ever:tnf_inhibitor" -> "TNF inhibitor"),
    in the active language; None when the id names none."""
    kind, sep, concept_id = fact_id.partition(":")
    if not sep or kind not in _VOCAB_FACTS:
        return None
    concept = _vocab_concept(kind.split("_")[0], concept_id)
    if concept is None:
        return None
    english = getattr(concept, "label", None) or concept_id
    return english if _ABBREVIATION.match(english) else local_name(concept, english)


def fact_label(fact: Fact) -> str:
    """``fact.label`` in the active language (the English label when no translation is known)."""
    if current_language() == "en":
        return fact.label
    return _label(fact.id, fact.label, current_language())


def value_problem(fact: Fact, value: object) -> str | None:
    """A whole sentence for an unacceptable ``value`` of ``fact`` ("ECOG performance status must be
    at most 5."), in the active language; None when the value is acceptable (``Fact.check_value``)."""
    if fact.check_value(value) is None:
        return None
    label = fact_label(fact)
    if fact.type == "bool":
        return _("{label} must be yes or no (true/false).").format(label=label)
    if fact.type == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return _("{label} must be a number.").format(label=label)
        if fact.integer and not float(value).is_integer():
            return _("{label} must be a whole number.").format(label=label)
        unit = f" {fact.unit}" if fact.unit else ""
        if fact.minimum is not None and value < fact.minimum:
            return _("{label} must be at least {limit}.").format(label=label, limit=f"{_number(fact.minimum)}{unit}")
        return _("{label} must be at most {limit}.").format(label=label, limit=f"{_number(fact.maximum)}{unit}")
    if fact.type == "enum":
        return _("{label} must be one of: {choices}.").format(label=label, choices=", ".join(fact.choices))
    if fact.type == "set":
        return _("{label} must be a list of codes.").format(label=label)
    return _("{label} must be a date (YYYY-MM-DD).").format(label=label)


def _number(x: float | None) -> str:
    return "" if x is None else str(int(x)) if float(x).is_integer() else str(x)
