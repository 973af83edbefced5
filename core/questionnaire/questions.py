"""The questions: what is asked, of what kind, with what limits.

Static questions (demographics, the diagnoses / treatments / joint tables, one per lab
test, one per raw finding / history / consent fact) are built once from the fact
registry; per-criterion clinician questions (kind ``confirm``) are built from the
candidate trials' rules (``confirm_questions``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from core.i18n import N_
from core.patient import facts as registry
from core.patient.fact_model import ANSWER_SECTIONS
from core.patient.profile import DOSE_UNITS, OUTCOMES, RA_2010_ITEMS
from core.questionnaire.mapping import QUESTION_FACTS, confirm_question_id, lab_question_id
from core.questionnaire.trials import RULE, TrialSpec
from core.vocab.sentence_case import in_sentence

KINDS = ("date", "bool", "number", "enum", "set", "treatments", "labs", "diagnoses", "joints", "confirm",
         "procedures")
CONFIRM_CHOICES = ("yes", "no", "unknown")
UNKNOWN_HELP = N_("Every question can be answered \"unknown / not available\"; the fact then stays unknown.")

# Texts built from a name or a criterion: templates, worded in the active language where shown
# (core/questionnaire/wording.py); the English is what the Question holds.
LAB_QUESTION = N_("What is the latest {lab} result?")
LAB_HELP = {
    (False, False): N_("Value with its unit; or, when only that is known, a multiple of the ULN or a qualitative "
                       "result (positive / negative / normal)."),
    (True, False): N_("Value with its unit and the upper limit of normal; or, when only that is known, a multiple "
                      "of the ULN or a qualitative result (positive / negative / normal)."),
    (False, True): N_("Value with its unit and the lower limit of normal; or, when only that is known, a multiple "
                      "of the ULN or a qualitative result (positive / negative / normal)."),
    (True, True): N_("Value with its unit and the upper limit of normal and lower limit of normal; or, when only "
                     "that is known, a multiple of the ULN or a qualitative result (positive / negative / normal)."),
}
VOCAB_LAB_HELP = N_("Value with its unit and the limits of normal, a multiple of the upper limit, or "
                    "positive / negative / normal.")
CONDITION_HELP = N_("Answering no records that the patient never had it (nor any form of it).")
CURRENT_HELP = N_("Active now: not resolved, not in remission. The answer is recorded on the patient's diagnosis; "
                  "answer unknown when it is not known.")
DRUG_HELP = N_("Answering no records that the patient never received it (nor any drug of the class).")
PROCEDURE_HELP = N_("Answering no records that the patient never had it (nor any procedure of its kind); "
                    "the dates go in the procedures table.")
PROCEDURE_NOW_HELP = N_("Yes: a course going on now (dialysis, a radiotherapy course not finished). No: none now, "
                        "nor any procedure of its kind.")
CRITERION_MET = N_("Is this criterion met? {criterion}")
EXCLUSION_APPLIES = N_("Does this exclusion apply? {criterion}")
# A parent asked as one question over its list of sub-items (TrialSpec.asked_as_list), by kind and how
# the sub-items combine; {items} is the list, one "• item" per line, quoted as published.
LIST_TEMPLATES = {
    ("exclusion", "any"): N_("Does any of these apply? {criterion}\n{items}"),
    ("exclusion", "all"): N_("Do all of these apply? {criterion}\n{items}"),
    ("inclusion", "all"): N_("Are all of these met? {criterion}\n{items}"),
    ("inclusion", "any"): N_("Is at least one of these met? {criterion}\n{items}"),
}


@dataclass(frozen=True)
class Question:
    """One question for the clinician."""

    id: str
    kind: str  # one of KINDS
    text: str
    help: str = ""
    group: str = ""  # demographics, diagnosis, treatment, labs, findings, history, consent, confirm
    facts: tuple[str, ...] = ()  # fact ids its answer feeds
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()
    trial_ids: tuple[str, ...] = ()  # trials whose open verdicts it can still change (filled by the engine)
    details: dict[str, Any] = field(default_factory=dict)  # kind-specific: lab units, table columns, criterion

    def with_trials(self, trial_ids: tuple[str, ...]) -> Question:
        return replace(self, trial_ids=trial_ids)


def _from_fact(fact: registry.Fact, **kw) -> Question:
    kw.setdefault("help", fact.help)
    return Question(
        id=fact.id, kind=fact.type, text=fact.question, group=fact.group,
        facts=QUESTION_FACTS.get(fact.id, (fact.id,)), unit=fact.unit, minimum=fact.minimum,
        maximum=fact.maximum, integer=fact.integer, choices=fact.choices, **kw,
    )


def _static_questions() -> dict[str, Question]:
    reg = registry.REGISTRY
    out: dict[str, Question] = {}

    def add(q: Question) -> None:
        out[q.id] = q

    add(_from_fact(reg["date_of_birth"], help=N_("Ages are counted to the assessment date.")))
    add(_from_fact(reg["sex"]))
    add(_from_fact(reg["assessment_date"]))
    add(_from_fact(reg["weight_kg"], help=N_("Needed for doses per kilogram.")))
    add(Question(
        id="diagnoses", kind="diagnoses", group="diagnosis", facts=QUESTION_FACTS["diagnoses"],
        text=N_("Which conditions has the patient been diagnosed with?"),
        help=N_("For each: date of diagnosis (and onset), classification criteria met, activity and any "
                "recorded scores. Tick 'list complete' only if no other condition exists."),
        details={"conditions": registry.KNOWN_DIAGNOSIS_CODES,
                 "classification_criteria": registry.KNOWN_CLASSIFICATION_CRITERIA,
                 "activity_levels": registry.ACTIVITY_LEVELS,
                 "acr_eular_2010_items": {k: tuple(v) for k, v in RA_2010_ITEMS.items()},
                 "columns": ("code", "diagnosis_date", "onset_date", "classification",
                             "classification_not_met", "activity", "scores", "acr_eular_2010_items")},
    ))
    add(Question(
        id="treatments", kind="treatments", group="treatment", facts=QUESTION_FACTS["treatments"],
        text=N_("Which treatments has the patient received?"),
        help=N_("One row per course: drug (generic or brand), start and last dose (a year or month is enough), "
                "status (ongoing / stopped), response, dose and unit. "
                "Tick 'list complete' only if no other course was ever given."),
        details={"outcomes": OUTCOMES, "dose_units": DOSE_UNITS,
                 "columns": ("drug", "start", "stop", "dose", "dose_unit", "outcome", "route")},
    ))
    add(Question(
        id="procedures", kind="procedures", group="procedures", facts=QUESTION_FACTS.get("procedures", ()),
        text=N_("Which procedures and operations has the patient had, or has planned?"),
        help=N_("One row per procedure: its name (operations, transplants, radiotherapy, plasma exchange, "
                "injections …) and its date (a year or month is enough); tick 'planned' for one that is scheduled, "
                "'ongoing' for a course going on now (dialysis, radiotherapy). "
                "Tick 'list complete' only if the patient never had, and has not planned, any other."),
        details={"columns": ("procedure", "date", "planned", "ongoing")},
    ))
    add(Question(
        id="allergies", kind="set", group="history", facts=QUESTION_FACTS["allergies"],
        text=N_("Which drugs or substances is the patient allergic to?"),
        help=N_("Comma-separated drug names (generic or brand) or other substances; leave empty for none known."),
    ))
    add(Question(
        id="joints", kind="joints", group="diagnosis", facts=QUESTION_FACTS["joints"],
        text=N_("28-joint assessment: tender and swollen joint counts, patient and evaluator global assessment"),
        help=N_("DAS28 and CDAI are calculated from these (DAS28-ESR also needs the ESR)."),
        details={"fields": {"tender_28": (0, 28), "swollen_28": (0, 28), "patient_global_mm": (0, 100),
                            "evaluator_global_mm": (0, 100)}},
    ))
    for lab, spec in registry.LABS.items():
        qid = lab_question_id(lab)
        add(Question(
            id=qid, kind="labs", group="labs", facts=QUESTION_FACTS.get(qid, ()),
            text=LAB_QUESTION.format(lab=in_sentence(spec["label"])),
            help=LAB_HELP[bool(spec.get("uln")), bool(spec.get("lln"))],
            unit=spec["unit"], minimum=0,
            details={"lab": lab, "label": spec["label"], "units": (spec["unit"], *spec["alt_units"]),
                     "uln": bool(spec.get("uln")), "lln": bool(spec.get("lln"))},
        ))
    for section in ANSWER_SECTIONS:
        for fact in registry.answer_facts(section).values():
            add(_from_fact(fact, details={"section": section}))
    return out


STATIC_QUESTIONS: dict[str, Question] = _static_questions()


def vocab_question(question_id: str) -> Question | None:
    """The question for a vocabulary concept a trial reads: "Has the patient ever had
    lymphoma?", "… ever received a TNF inhibitor?", a lab of the vocabulary, a score."""
    from core.patient import vocab_facts
    from core.questionnaire.mapping import LAB_PREFIX, SCORE_PREFIX

    if question_id.startswith(LAB_PREFIX):
        from core.vocab import labs, units

        analyte_id = question_id[len(LAB_PREFIX):]
        try:
            analyte = labs.get(analyte_id)
        except KeyError:
            return None
        if analyte.group or analyte.canonical_unit is None and not analyte.qualitative:
            return None
        offered = units.accepted_units(analyte_id) if analyte.canonical_unit else []
        return Question(
            id=question_id, kind="labs", group="labs", facts=(f"lab:{analyte_id}",),
            text=LAB_QUESTION.format(lab=in_sentence(analyte.label)),
            help=VOCAB_LAB_HELP,
            unit=analyte.canonical_unit, minimum=0,
            details={"lab": analyte_id, "label": analyte.label, "units": tuple(offered) or ("",),
                     "uln": True, "lln": True, "qualitative": tuple(analyte.qualitative)},
        )
    if question_id.startswith(SCORE_PREFIX):
        fact = registry.get_fact(question_id)
        if fact is None:
            return None
        return Question(id=question_id, kind="number", text=fact.question, group="diagnosis", facts=(question_id,),
                        minimum=fact.minimum, maximum=fact.maximum)
    parsed = vocab_facts.parse(question_id)
    if parsed is None or parsed[0] not in ("condition", "drug_ever", "classified", "procedure", "condition_current",
                                           "procedure_current"):
        return None
    fact = registry.get_fact(question_id)
    if fact is None:
        return None
    if parsed[0] == "classified":  # the trials' own words (their criteria sets) are shown with "why asked"
        return Question(id=question_id, kind="bool", text=fact.question, group=fact.group, facts=(question_id,),
                        help=fact.help)
    if parsed[0] in ("procedure", "procedure_current"):
        return Question(id=question_id, kind="bool", text=fact.question, group=fact.group, facts=(question_id,),
                        help=PROCEDURE_HELP if parsed[0] == "procedure" else PROCEDURE_NOW_HELP)
    if parsed[0] == "condition_current":
        return Question(id=question_id, kind="bool", text=fact.question, group=fact.group, facts=(question_id,),
                        help=CURRENT_HELP)
    help_text = CONDITION_HELP if parsed[0] == "condition" else DRUG_HELP
    return Question(id=question_id, kind="bool", text=fact.question, group=fact.group, facts=(question_id,),
                    help=help_text)


def _positive_confirm_ids(node: Any, positive: bool = True) -> set[str]:
    """Ids of the confirm nodes whose "yes" counts for the criterion (not under a "not")."""
    if not isinstance(node, dict):
        return set()
    out = {str(node["id"])} if "confirm" in node and positive and node.get("id") is not None else set()
    for key in ("all", "any"):
        for sub in node.get(key) or [] if isinstance(node.get(key), list) else []:
            out |= _positive_confirm_ids(sub, positive)
    if "not" in node:
        out |= _positive_confirm_ids(node["not"], not positive)
    if "rule" in node:
        out |= _positive_confirm_ids(node["rule"], positive)
    return out


def _confirm_question(trial: TrialSpec, item: Any, confirm_key: str, prompt: str, **extra: Any) -> Question:
    """A clinician question about one criterion of one trial, quoting it; ``extra`` goes into its details."""
    return Question(id=confirm_question_id(trial.trial_id, confirm_key), kind="confirm", text=prompt, group="confirm",
                    choices=CONFIRM_CHOICES, help=f"{trial.title} — {item.kind} {item.label or item.key}: {item.text}",
                    trial_ids=(trial.trial_id,),
                    details={"trial_id": trial.trial_id, "criterion_key": item.key, "confirm_key": confirm_key,
                             "criterion_kind": item.kind, "criterion_text": item.text, **extra,
                             "trial_title": trial.title, "criterion_label": item.label})


def _whole_question(trial: TrialSpec, item: Any) -> Question:
    """The criterion answered as a whole (issue 13): offered beside a part's question, never ranked."""
    prompt = (EXCLUSION_APPLIES if item.kind == "exclusion" else CRITERION_MET).format(criterion=item.text)
    return _confirm_question(trial, item, item.key, prompt, whole=True)


def _list_question(trial: TrialSpec, item: Any) -> Question:
    """A parent and its list of sub-items, answered once for the parent (a direct answer decides it)."""
    template = LIST_TEMPLATES[(item.kind, item.children_mode)]
    items = "\n".join(f"• {trial.items[k].text}" for k in item.children)
    return _confirm_question(trial, item, item.key, template.format(criterion=item.text, items=items),
                             list_items=items, list_template=template)


def confirm_questions(trial: TrialSpec) -> dict[str, Question]:
    """One clinician question per confirm node (or rule-less criterion) of a trial; for a
    criterion whose rule holds a part for the clinician, also the whole criterion (the part's
    page offers to answer for it: a direct answer decides the criterion)."""
    from core.matching.trial_eval import has_bare_confirm

    out: dict[str, Question] = {}
    for item in trial.items.values():
        if trial.asked_as_list(item.key):
            question = _list_question(trial, item)
            out[question.id] = question
            continue
        positive = _positive_confirm_ids(item.parsed) if item.mode == RULE and not has_bare_confirm(item.parsed) \
            else set()
        whole_id = None
        if positive:
            whole = _whole_question(trial, item)
            out.setdefault(whole.id, whole)
            whole_id = whole.id
        for confirm_key, text in item.confirm_prompts():
            qid = confirm_question_id(trial.trial_id, confirm_key)
            if qid in out:
                continue
            whole = text is None
            prompt = CRITERION_MET.format(criterion=item.text) if whole else text
            if item.kind == "exclusion" and whole:
                prompt = EXCLUSION_APPLIES.format(criterion=item.text)
            out[qid] = _confirm_question(
                trial, item, confirm_key, prompt,
                # a question of the whole trial ("#cohort-1", one group's membership) answers no one criterion
                whole_question=whole_id if confirm_key.partition("#")[2] in positive and not confirm_key.startswith(
                    "#") else None)
    return out
