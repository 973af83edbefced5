"""A condition said to need treatment: "Congestive heart failure requiring therapy", "Pulmonary diseases that require
treatment", "No peptic ulcer disease requiring medication" (issue 16, h-cond9).

"Requiring treatment" says the condition is there now and is treated or needs to be. Whether it needs treatment is
no fact of the profile (a treated condition would need the drug for it, which the vocabulary cannot say in general):
the condition now (``condition_current:<id>``) and a ``confirm`` question for the rest. A patient without the
condition is decided (not excluded); one with it is asked. A judgement or time word beside it ("serious",
"uncontrolled", "history of"), an event ("stroke requiring treatment"), a disease whose activity is graded ("RA
requiring treatment") and the infections the infection readers hold are refused, as ``condition_current`` refuses
them; a place of care ("requiring hospitalization") is not read here.

A named drug or class ("Diabetes requiring insulin", "seizure disorder requiring anticonvulsants") is the condition
now and that drug taken now (``drug_needs``: a drug the illness requires, never a step). So is "requiring medication"
for the few conditions whose medication is one class of the drug vocabulary (``_MEDICATION``: diabetes, hypertension,
epilepsy, depression, psychosis): "Diabetes mellitus requiring medication" is diabetes now and an antidiabetic now.

Two needs are asked in the record's own words (``_ask_need``; seed-5164 audit, h-judge9b): an anticancer drug
("Have cancer requiring chemotherapy": a cancer may need chemotherapy not yet started, unlike insulin or a diuretic
a condition "requires", which the patient takes) and a "systemic" treatment ("GvHD requiring systemic therapy": the
general question "require treatment now?" would be answered yes for a topical steroid).
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.rule import _all, _any, _confirm, _part_question, _yes
from core.matching.rules import rule_facts
from core.vocab import drugs

_NEED = re.compile(
    r"\s*,?\s*(?:(?:that|which|who)\s+(?:requires?|required|needs?|necessitates?)|requiring|needing|in\s+need\s+of)\s+"
    r"(?:(?:current|ongoing|active|continued|continuing)\s+)?"
    r"(?:(?:medical|drug|pharmacologic(?:al)?|systemic)\s+)?"
    r"(?:treatment|therapy|medications?|medical\s+(?:treatment|therapy|management))$")
# "requiring insulin", "that requires anticonvulsants": the drug words read by ``drug_needs``
_NEED_DRUG = re.compile(r"\s*,?\s*(?:(?:that|which)\s+(?:requires?|required|needs?)|requiring|needing)\s+(?P<drug>.+)$")
# what "medication" means for a condition whose medicines are one class of the drug vocabulary (others: a confirm)
_MEDICATION = {"diabetes_mellitus": "antidiabetic", "hypertension": "antihypertensive", "epilepsy": "antiepileptic",
               "depression": "antidepressant", "psychotic_disorder": "antipsychotic"}
_DRUG_WORDS = re.compile(r"(?:medications?|drug (?:therapy|treatment)|pharmacologic(?:al)? (?:therapy|treatment))$")
_LEAD = re.compile(r"^(?:(?:patients?|subjects?|participants?)\s+with\s+)?(?:(?:an?|any)\s+)?"
                   r"(?:(?:current|concurrent|concomitant|co-?existing|intercurrent|active|ongoing|known)\s+)?")


def needing_treatment(t: str, conditions, refused) -> _Atom | None:
    """ "X requiring treatment": X now and the question whether it needs treatment; None for anything else.
    ``conditions`` reads a body of condition names (``condition_current._conditions``), ``refused`` says whether
    a condition id cannot be read as had now (an event, a graded activity)."""
    need = _NEED.search(t)
    if need is None:
        return _needing_drug(t, conditions, refused)
    if need.start() == 0:
        return None
    body = t[:need.start()]
    body = body[_LEAD.match(body).end():]
    if _several(body):
        return None  # "angina or arrhythmia requiring treatment": does the need reach every part? ("renal or hepatic
        # disease requiring treatment", one head written once, names one need)
    ids = conditions(body)
    if ids is None or any(refused(i) for i in ids):
        return None
    classes = [_medication_class(i) for i in ids]
    if _DRUG_WORDS.search(need.group(0)) and len(ids) == 1 and classes[0] is not None:
        return _Atom(_all(_yes(f"condition_current:{ids[0]}"), _yes(f"drug_current:{classes[0]}")),
                     "condition_needs_drug", cond_only=True, confidence=0.85)
    if re.search(r"\bsystemic\b", need.group(0)):
        return _ask_need(ids, need.group(0))
    words = t[:need.start()].strip(" ,")
    # one wording for treatment, therapy and medication (rule_texts.GENERATED: translated, the record's words quoted)
    question = _confirm(f"Does the patient\u2019s condition (\u201c{words}\u201d) require treatment now?",
                        "needs_treatment")
    return _Atom(_all(_any(*[_yes(f"condition_current:{i}") for i in ids]), question), "condition_needs_treatment",
                 cond_only=True, confidence=0.8)


def _ask_need(ids: list[str], need: str) -> _Atom:
    """The condition now and the need asked in the record's words ("requiring systemic therapy"), for a need the
    general question or a drug taken now would read broader or narrower than written."""
    question = _part_question(need.strip(" ,"), "needs_treatment")
    return _Atom(_all(_any(*[_yes(f"condition_current:{i}") for i in ids]), question), "condition_needs_treatment",
                 cond_only=True, confidence=0.8)


def _several(body: str) -> bool:
    """Whether the words before the need name more than one condition, or a list with commas."""
    return "," in body or len(concepts.find(body, ("condition",))) > 1


def _medication_class(concept_id: str) -> str | None:
    """The drug class a condition's medication is (``_MEDICATION``), for it or a condition below it."""
    from core.vocab import conditions

    for condition, drug_class in _MEDICATION.items():
        if concept_id == condition or condition in conditions.vocabulary() and conditions.covers(condition, concept_id):
            return drug_class
    return None


def _needing_drug(t: str, conditions, refused) -> _Atom | None:
    """ "Diabetes requiring insulin": the condition now and the drug taken now; None for anything else."""
    from core.criteria.extract.drug_needs import _drug_need

    m = _NEED_DRUG.search(t)
    if m is None or m.start() == 0:
        return None
    body = t[:m.start()]
    if _several(body):
        return None
    ids = conditions(body[_LEAD.match(body).end():])
    if ids is None or any(refused(i) for i in ids):
        return None
    drug = _drug_need(f"requiring {m.group('drug')}", "cond")
    if drug is None:
        return None
    if any(drugs.is_a(f.split(":", 1)[1], "antineoplastic") for f in rule_facts(drug.rule)):
        return _ask_need(ids, m.group(0))
    return _Atom(_all(_any(*[_yes(f"condition_current:{i}") for i in ids]), drug.rule), "condition_needs_drug",
                 cond_only=True, confidence=0.85)
