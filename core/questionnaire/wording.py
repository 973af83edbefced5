"""A question in the active language: its text and help, its unit and the names of its choices.

Questions are built once, in English (``questions.py``: the static ones at import time, before
the language is chosen; the others in whatever thread builds the questionnaire), so they are
worded where they are shown: a fixed text is a msgid of its own; one built from a name (a lab,
a condition, a drug, a score) is its template with the vocabulary's name in the language; a
confirm question is the rule's text (``core.matching.rule_texts``) or the criterion quoted as
published inside a translated sentence. In English every function returns what the Question holds.
"""

from __future__ import annotations

import re

from core.i18n import N_, _, current_language
from core.matching.rule_texts import rule_text
from core.patient import facts as registry
from core.patient.fact_labels import concept_name, fact_label
from core.questionnaire.mapping import SCORE_PREFIX
from core.questionnaire.questions import CRITERION_MET, EXCLUSION_APPLIES, LAB_QUESTION, Question
from core.trial_record import display_label
from core.vocab.sentence_case import in_sentence

# Units written in words (the symbols, kg, mm, U/L, mg/kg/day, × ULN, are written alike everywhere).
UNIT_NAMES = {"years": N_("years"), "months": N_("months"), "weeks": N_("weeks"), "days": N_("days"),
              "minutes": N_("minutes"),
              "mg/day": N_("mg/day"), "g/day": N_("g/day"), "mg/week": N_("mg/week"), "mg/kg/day": N_("mg/kg/day")}
# The codes of enum answers and of the editors' lists (activity, fatigue, qualitative lab results).
CHOICE_NAMES = {
    "yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown"), "female": N_("female"), "male": N_("male"),
    "none": N_("none"), "mild": N_("mild"), "significant": N_("significant"), "severe": N_("severe"),
    "remission": N_("remission"), "low": N_("low"), "moderate": N_("moderate"), "high": N_("high"),
    "positive": N_("positive"), "negative": N_("negative"), "normal": N_("normal"), "abnormal": N_("abnormal"),
    "borderline": N_("borderline"), "indeterminate": N_("indeterminate"), "trace": N_("trace"),
    "detected": N_("detected"), "not detected": N_("not detected"), "Rh positive": N_("Rh positive"),
    "Rh negative": N_("Rh negative"),
}


# Words inside lab units ("cells/HPF", "copies/mL", "beats/min"): translated one by one, the symbols
# around them (mL, HPF, mm3) written the same in every language.
UNIT_WORDS = {"cells": N_("cells"), "copies": N_("copies"), "beats": N_("beats"), "breaths": N_("breaths"),
              "events": N_("events"), "letters": N_("letters"), "day": N_("day"), "days": N_("days"),
              "hour": N_("hour"), "weeks": N_("weeks"), "seconds": N_("seconds"), "grams": N_("grams"),
              "inches": N_("inches"), "meters": N_("metres"), "metres": N_("metres"), "ratio": N_("ratio"),
              "foci": N_("foci"), "predicted": N_("predicted"), "pred": N_("predicted")}  # "%pred"
_UNIT_WORD = re.compile(r"[A-Za-z]{3,}")


def unit_text(unit: str | None) -> str:
    """A question's unit as shown ("years" -> "年", "cells/HPF" -> "细胞/HPF"); "" for none."""
    if not unit:
        return ""
    if unit in UNIT_NAMES:
        return _(UNIT_NAMES[unit])
    return _UNIT_WORD.sub(lambda m: _(UNIT_WORDS[m.group(0)]) if m.group(0) in UNIT_WORDS else m.group(0), unit)


def choice_name(code: str) -> str:
    """An answer code as words ("significant", "显著"), lower case as in a sentence."""
    return _(CHOICE_NAMES[code]) if code in CHOICE_NAMES else code.replace("_", " ")


def lab_name(question: Question) -> str:
    """The lab a lab question asks for, named as clinicians write it in the active language."""
    lab = str(question.details.get("lab") or "")
    fact = registry.get_fact(lab if lab in registry.LABS else f"lab:{lab}")
    return fact_label(fact) if fact is not None else str(question.details.get("label") or question.text)


def _vocab_name(question: Question) -> str | None:
    name = concept_name(question.id)
    return in_sentence(name) if name else None  # inside the question, as fact_for composes it


def question_text(question: Question) -> str:
    """The question in the active language (in English, composed the same way: exactly ``question.text``)."""
    if question.kind == "confirm":
        return _confirm_text(question)
    if question.kind == "checklist":  # the trial's id and title, as the record gives them
        from core.questionnaire.checklist import CHECKLIST_TEXT

        details = question.details
        return _(CHECKLIST_TEXT).format(trial=details.get("trial_id", ""), title=details.get("trial_title", ""))
    if question.kind == "labs":
        return _(LAB_QUESTION).format(lab=in_sentence(lab_name(question)))
    if question.id.partition(":")[0] in ("procedure", "procedure_current"):
        from core.patient.procedure_facts import QUESTION, QUESTION_NOW

        name = _vocab_name(question)
        template = QUESTION_NOW if question.id.startswith("procedure_current:") else QUESTION
        return _(template).format(name=name) if name else question.text
    if question.id.startswith(SCORE_PREFIX) or question.id.partition(":")[0] in (
            "condition", "drug_ever", "condition_current"):
        from core.patient.vocab_fact_defs import QUESTIONS, question_kind

        kind, _sep, concept_id = question.id.partition(":")
        kind = "score" if question.id.startswith(SCORE_PREFIX) else question_kind(kind, concept_id)
        name = _vocab_name(question)
        return _(QUESTIONS[kind]).format(name=name) if name else question.text
    return _(question.text)


def _confirm_text(question: Question) -> str:
    criterion = str(question.details.get("criterion_text") or "")
    template = question.details.get("list_template")
    if template:  # a parent and its sub-items, quoted as published
        return _(str(template)).format(criterion=criterion, items=question.details.get("list_items", ""))
    for template in (CRITERION_MET, EXCLUSION_APPLIES):
        if question.text == template.format(criterion=criterion):
            return _(template).format(criterion=criterion)  # the criterion quoted as published
    return rule_text(question.text)


def criterion_label(key: str, label: str | None) -> str:
    """The criterion's printed number, or for an unnumbered one its place ("item 3", "第3项";
    ``core.trial_record.display_label``, in the active language)."""
    return display_label(key, label)


def question_help(question: Question) -> str:
    """The question's help in the active language ("" when it has none)."""
    if not question.help or current_language() == "en":
        return question.help
    if question.kind == "confirm":
        from core.matching.sentences import criterion_name
        details = question.details
        if "trial_title" not in details or "criterion_label" not in details:  # not built by questions.py: as is
            return question.help
        label = criterion_label(str(details.get("criterion_key", "")), details["criterion_label"])
        name = criterion_name(str(details.get("criterion_kind")), label)
        title = details["trial_title"]
        return f"{title} — {name}: {question.details.get('criterion_text', '')}"
    return _(question.help)  # every other help is a fixed text (questions.py, facts.py): a msgid
