"""What each vocabulary fact is: its kind, type, label and question (``fact_for``), for the facts
``vocab_facts`` computes. Apart so the table of values and the words about them stay small modules.
"""

from __future__ import annotations

from functools import lru_cache

from core.i18n import N_
from core.patient import condition_current, condition_except, dose_facts, procedure_facts
from core.patient.facts import Fact
from core.vocab.sentence_case import in_sentence

KINDS = ("condition", "condition_years", "condition_recent_years", condition_current.KIND, "drug_ever",
         "drug_current", "drug_weeks_since",
         "drug_failed_count", "drug_dose",
         "lab", "lab_x_uln", "lab_below_lln", "lab_positive", "score", "allergy", "classified",
         *condition_except.KINDS, *procedure_facts.KINDS)


# The questions asked about a concept (core/questionnaire/wording.py words them in the active language).
QUESTIONS = {"condition": N_("Has the patient ever had {name} (or a form of it)?"),
             condition_current.KIND: N_("Is the patient's {name} active now?"),
             "drug_ever": N_("Has the patient ever received {name}?"), "score": N_("What is the latest {name}?"),
             "drug_class_ever": N_("Has the patient ever received any {name}?")}


def question_kind(kind: str, concept_id: str) -> str:
    """The QUESTIONS key for a concept: a drug class is asked as "any TNF inhibitor"."""
    if kind == "drug_ever" and not hasattr(_vocab("drug").get(concept_id), "name"):
        return "drug_class_ever"
    return kind


def parse(fact_id: str) -> tuple[str, str] | None:
    """(kind, concept id) of a vocabulary fact id, or None."""
    kind, sep, concept = fact_id.partition(":")
    return (kind, concept) if sep and kind in KINDS and concept else None


def _vocab(kind: str):
    if kind in procedure_facts.KINDS:
        from core.vocab import procedures

        return procedures
    if kind.startswith("condition") or kind == "classified":
        from core.vocab import conditions

        return conditions
    if kind.startswith("drug") or kind == "allergy":
        from core.vocab import drugs

        return drugs
    if kind.startswith("lab"):
        from core.vocab import labs

        return labs
    from core.vocab import scores

    return scores


def _label(kind: str, concept_id: str) -> str | None:
    if kind in condition_except.KINDS:
        return condition_except.label(concept_id)
    try:
        concept = _vocab(kind).get(concept_id)
    except KeyError:
        return None
    if concept is None:
        return None
    return getattr(concept, "label", None) or concept_id


@lru_cache(maxsize=4096)
def fact_for(fact_id: str) -> Fact | None:
    """The Fact (type, label, question) of a vocabulary fact id; None when the concept is unknown."""
    parsed = parse(fact_id)
    if parsed is None:
        return None
    kind, cid = parsed
    label = _label(kind, cid)
    if label is None:
        return None
    name = in_sentence(label)  # inside a question: "… ever had hepatitis B?"
    if kind == "classified":
        return Fact(fact_id, "bool", f"{label}: classification criteria met",
                    f"Does the patient meet established classification criteria for {name}?", "diagnosis",
                    help="The criteria asking this name their criteria set (ACR/EULAR 2010, SLICC 2012 …): answer "
                         "for the set they name.", section="history")
    if kind in procedure_facts.KINDS:
        return procedure_facts.fact(kind, fact_id, label)
    group = {"condition": "diagnosis", "drug": "treatment", "lab": "labs", "score": "diagnosis",
             "allergy": "history"}[kind.split("_")[0]]
    if kind == "condition":
        return Fact(fact_id, "bool", label, QUESTIONS["condition"].format(name=name), group)
    if kind == condition_current.KIND:
        return Fact(fact_id, "bool", condition_current.label(label), QUESTIONS[kind].format(name=name), group,
                    section="history")  # the answer "none active now" is kept there (and on the diagnoses)
    if kind == "condition_years":
        return Fact(fact_id, "number", f"{label} duration", f"Years since {name} was diagnosed", group,
                    unit="years", minimum=0, derived=True)
    if kind == condition_except.CURRENT_KIND:  # read from the diagnoses table, each with its "active now"
        return Fact(fact_id, "bool", condition_current.label(label), QUESTIONS[condition_current.KIND].format(
            name=name), group, derived=True)
    if kind == "condition_other_than":
        return Fact(fact_id, "bool", label, QUESTIONS["condition"].format(name=name), group, derived=True)
    if kind in ("condition_recent_years", "condition_other_than_recent_years"):
        return Fact(fact_id, "number", f"Time since {name} was last diagnosed",
                    f"Years since {name} (or a form of it) was last diagnosed", group, unit="years", minimum=0,
                    derived=True)
    if kind == "drug_ever":
        return Fact(fact_id, "bool", f"{label} (ever)", QUESTIONS[question_kind(kind, cid)].format(name=name), group,
                    derived=True)
    if kind == "drug_current":
        return Fact(fact_id, "bool", f"{label} (now)", f"Is the patient taking {name} now?", group, derived=True)
    if kind == "drug_weeks_since":
        return Fact(fact_id, "number", f"Time since the last dose of {name}",
                    f"Weeks since the last dose of {name}", group, unit="weeks", minimum=0, derived=True)
    if kind == "drug_failed_count":
        return Fact(fact_id, "number", f"Failed {name}", f"Number of {name} that failed", group, minimum=0,
                    integer=True, derived=True)
    if kind == "drug_dose":
        return dose_facts.dose_fact(fact_id, cid, label, group)
    if kind == "lab":
        from core.vocab import labs

        analyte = labs.get(cid)
        unit = getattr(analyte, "canonical_unit", None)
        return Fact(fact_id, "number", label, f"Latest {name} result", group, unit=unit, minimum=0, derived=True)
    if kind == "lab_x_uln":
        return Fact(fact_id, "number", label, f"Latest {name} as a multiple of the upper limit of normal", group,
                    unit="× ULN", minimum=0, derived=True)
    if kind == "lab_below_lln":
        return Fact(fact_id, "bool", f"{label} below the lower limit of normal",
                    f"Is the latest {name} below the lower limit of normal?", group, derived=True)
    if kind == "lab_positive":
        return Fact(fact_id, "bool", f"{label} positive", f"Is the latest {name} positive?", group, derived=True)
    if kind == "score":
        from core.vocab import scores

        score = scores.get(cid)
        low, high = score.range or (0, None)
        return Fact(fact_id, "number", label, QUESTIONS["score"].format(name=name), group, minimum=low, maximum=high,
                    derived=True)
    return Fact(fact_id, "bool", f"Allergy to {name}", f"Is the patient allergic to {name}?", group,
                derived=True)


# --- values ------------------------------------------------------------------------------------
