"""Which questions answer which facts.

Questions ask for RAW inputs; most facts a rule reads are derived. This module maps every
fact of the registry (``core/patient/facts.py``) to the questions whose answers feed it,
generated from the registry (section, group, condition prefixes, lab table) with a short
table for the facts that combine several inputs.

A fact has one or more **routes**; a route is a set of questions that are all needed
together (DAS28-ESR needs the joint counts *and* the ESR; the age at diagnosis needs the
diagnosis *and* the date of birth). A question is worth asking for a fact only through a
route none of whose other questions was answered "unknown".

Question ids:

- ``date_of_birth``, ``sex``, ``weight_kg``, ``assessment_date``: demographics
- ``diagnoses``: the diagnoses table (codes, dates, classification criteria, activity, scores)
- ``treatments``: the treatment-history table (drug, start, stop, dose, outcome)
- ``joints``: the 28-joint count / global assessment calculator
- ``lab.<name>``: one laboratory result with its unit and reference limits (``lab.ast``)
- ``<fact id>``: a single yes/no, number or choice answer (findings, history, consent)
- ``confirm:<trial id>:<criterion key>[#<id>]``: the clinician's answer to one criterion
"""

from __future__ import annotations

import math
from functools import lru_cache

from core.patient import facts as registry
from core.patient.fact_model import ANSWER_SECTIONS

Route = frozenset[str]

DEMOGRAPHIC_QUESTIONS = ("date_of_birth", "sex", "weight_kg", "assessment_date")
TABLE_QUESTIONS = ("diagnoses", "treatments", "joints", "allergies", "procedures")
LAB_PREFIX = "lab."
CONFIRM_PREFIX = "confirm:"

_JOINT_FACTS = ("tender_joints_28", "swollen_joints_28", "patient_global_mm", "evaluator_global_mm")
_DIAGNOSIS_SCORES = ("acr_eular_2010_score", "sledai_2k", "essdai", "diagnoses", "classification_criteria",
                     "classification_grades")
_PREGNANCY_FACTS = ("pregnant", "lactating", "childbearing_potential")  # taken as no for male patients


def lab_question_id(lab: str) -> str:
    return f"{LAB_PREFIX}{lab}"


def confirm_question_id(trial_id: str, confirm_key: str) -> str:
    """``confirm_key`` is the criterion key, or ``key#id`` for a confirm node with an id."""
    return f"{CONFIRM_PREFIX}{trial_id}:{confirm_key}"


def parse_confirm_id(question_id: str) -> tuple[str, str] | None:
    """(trial id, confirm key) of a confirm question id, or None for any other question."""
    if not question_id.startswith(CONFIRM_PREFIX):
        return None
    trial_id, sep, key = question_id[len(CONFIRM_PREFIX):].rpartition(":")
    return (trial_id, key) if sep and trial_id and key else None


CHECKLIST_PREFIX = "checklist:"


def checklist_question_id(trial_id: str) -> str:
    """The id of one trial's checklist page: its open clinician confirmations answered together."""
    return f"{CHECKLIST_PREFIX}{trial_id}"


def parse_checklist_id(question_id: str) -> str | None:
    """The trial id of a checklist page's id, or None for any other question."""
    if not question_id.startswith(CHECKLIST_PREFIX):
        return None
    return question_id[len(CHECKLIST_PREFIX):] or None


def _r(*questions: str) -> Route:
    return frozenset(questions)


def _single(*questions: str) -> tuple[Route, ...]:
    """Each question on its own route: any one of them can decide the fact."""
    return tuple(_r(q) for q in questions)


_ESR_DAS = _r("joints", lab_question_id("esr"))
_CRP_DAS = _r("joints", lab_question_id("crp"))
_DTT_ACTIVE = (_ESR_DAS, _r("joints"), _r("diagnoses"), _r("gc_taper_below_7_5_failed"),
               _r("ra_other_signs_of_active_disease"))
_DTT_FAILURE = _single("treatments", "csdmard_contraindicated")

# Facts that combine inputs in ways the generic rules below do not see.
_SPECIAL: dict[str, tuple[Route, ...]] = {
    "age_years": (_r("date_of_birth"),),
    "prednisone_eq_mg_per_kg_day": (_r("treatments", "weight_kg"), _r("glucocorticoid_dose_mg_kg_day")),
    "allergies": (_r("allergies"),),
    "drug_allergy": (_r("allergies"),),
    "das28_esr": (_ESR_DAS, _r("diagnoses")),  # calculator, or a score recorded with the diagnosis
    "das28_crp": (_CRP_DAS, _r("diagnoses")),
    "cdai": (_r("joints"), _r("diagnoses")),
    "dtt_ra_treatment_failure": _DTT_FAILURE,
    "dtt_ra_active_disease": _DTT_ACTIVE,
    # Kleene AND of RA diagnosed, treatment failure, active disease, problematic management:
    # any one part can decide it (a "no" anywhere), so every input is a route of its own.
    "dtt_ra": (_r("diagnoses"), *_DTT_FAILURE, *_DTT_ACTIVE, _r("ra_management_problematic")),
}


def _routes_for(fact: registry.Fact) -> tuple[Route, ...]:
    fid = fact.id
    if fid in _SPECIAL:
        return _SPECIAL[fid]
    if fact.section in ANSWER_SECTIONS:
        return (_r(fid), _r("sex")) if fid in _PREGNANCY_FACTS else (_r(fid),)
    if fid in DEMOGRAPHIC_QUESTIONS:
        return (_r(fid),)
    if fid in _JOINT_FACTS:
        return (_r("joints"),)
    if fid in _DIAGNOSIS_SCORES:
        return (_r("diagnoses"),)
    for prefix in registry.CONDITIONS:
        if fid.startswith(prefix + "_"):
            if "_age_at_" in fid:
                return (_r("diagnoses", "date_of_birth"),)
            return (_r("diagnoses"),)
    for lab, spec in registry.LABS.items():
        if fid == lab or (spec.get("uln") and fid == f"{lab}_x_uln") or (
                spec.get("lln") and fid == f"{lab}_below_lln") or (
                spec.get("qualitative") and fid == f"{lab}_positive"):
            return (_r(lab_question_id(lab)),)
    if fact.derived and fact.group == "treatment":
        return (_r("treatments"),)
    return ()


FACT_ROUTES: dict[str, tuple[Route, ...]] = {f.id: _routes_for(f) for f in registry.REGISTRY.values()}

# vocabulary facts asked as a yes/no of their own
VOCAB_QUESTION_KINDS = ("condition", "drug_ever", "classified", "procedure", "condition_current", "procedure_current")
SCORE_PREFIX = "score:"


@lru_cache(maxsize=8192)
def vocab_routes(fact_id: str) -> tuple[Route, ...]:
    """Routes of a vocabulary fact (``condition:sle``…): its own yes/no question where it has
    one, the table it comes from, a lab's or a score's own question."""
    from core.patient import vocab_facts

    parsed = vocab_facts.parse(fact_id)
    if parsed is None or registry.get_fact(fact_id) is None:
        return ()
    kind, concept = parsed
    if kind == "condition":
        return (_r(fact_id), _r("diagnoses"))
    if kind in ("condition_years", "condition_recent_years", "condition_other_than",
                "condition_other_than_recent_years",
                "condition_current_other_than"):  # read from the diagnoses table (its "active now" column)
        return (_r("diagnoses"),)
    if kind == "condition_current":
        # "Has the patient ever had X?" first, then "Is it active now?" (opened by a present diagnosis whose
        # activity is not recorded: current_answers); one route, so "unknown" to either asks neither again
        return (_r(f"condition:{concept}", fact_id), _r("diagnoses"))
    if kind == "classified":
        return (_r(fact_id), _r("diagnoses"))
    if kind == "drug_ever":
        return (_r(fact_id), _r("treatments"))
    if kind.startswith("drug"):
        return (_r("treatments"),)
    if kind == "procedure":
        return (_r(fact_id), _r("procedures"))
    if kind == "procedure_weeks_since":  # "never had it" answers it too (infinite: possible_values)
        return (_r("procedures"), _r(f"procedure:{concept}"))
    if kind == "procedure_planned":
        return (_r("procedures"),)
    if kind == "procedure_current":  # its own yes/no, the table's "ongoing", or "never had it" (then not now)
        return (_r(fact_id), _r("procedures"), _r(f"procedure:{concept}"))
    if kind.startswith("lab"):
        return (_r(lab_question_id(concept)),)
    if kind == "score":
        return (_r(SCORE_PREFIX + concept),)
    return (_r("allergies"),)


def routes(fact_id: str) -> tuple[Route, ...]:
    """Every route to a fact, registered or from the vocabularies."""
    found = FACT_ROUTES.get(fact_id)
    return found if found is not None else vocab_routes(fact_id)

# (fact, question) pairs where the question can only give some values of the fact: the sex
# question settles pregnancy facts only for male patients, and only as "no".
PARTIAL_ANSWERS: dict[tuple[str, str], tuple[object, ...]] = {(f, "sex"): (False,) for f in _PREGNANCY_FACTS}


def possible_values(fact_id: str, question_id: str) -> tuple[object, ...] | None:
    """The only values ``question_id`` can give ``fact_id``, or None when it can give any."""
    if fact_id.startswith("procedure_weeks_since:") and question_id == "procedure:" + fact_id.partition(":")[2]:
        return (math.inf,)  # "never had it": infinitely long ago; "yes" gives no date
    if fact_id.startswith("procedure_current:") and question_id == "procedure:" + fact_id.partition(":")[2]:
        return (False,)  # "never had it": not now either; "yes" leaves "receiving it now?" open
    if fact_id.startswith("condition_current:") and question_id == "condition:" + fact_id.partition(":")[2]:
        return (False,)  # "never had it": not now either; "yes" leaves "active now?" open
    return PARTIAL_ANSWERS.get((fact_id, question_id))


def _ordered_union(routes: tuple[Route, ...]) -> tuple[str, ...]:
    seen: list[str] = []
    for route in routes:
        for q in sorted(route):
            if q not in seen:
                seen.append(q)
    return tuple(seen)


# fact id -> every question whose answer feeds it (the brief's "derived fact -> question ids")
FACT_QUESTIONS: dict[str, tuple[str, ...]] = {fid: _ordered_union(r) for fid, r in FACT_ROUTES.items()}

# question id -> facts it helps answer (the inverse)
QUESTION_FACTS: dict[str, tuple[str, ...]] = {}
for _fid, _questions in FACT_QUESTIONS.items():
    for _q in _questions:
        QUESTION_FACTS.setdefault(_q, ())
        QUESTION_FACTS[_q] += (_fid,)


def questions_for_fact(fact_id: str) -> tuple[str, ...]:
    """Question ids that answer ``fact_id`` (empty when no question can)."""
    found = FACT_QUESTIONS.get(fact_id)
    return found if found is not None else _ordered_union(vocab_routes(fact_id))


def unanswerable_facts(fact_ids=None) -> list[str]:
    """Facts (all registered ones by default) that no question answers: should be empty."""
    ids = registry.fact_ids() if fact_ids is None else list(fact_ids)
    return [fid for fid in ids if not FACT_ROUTES.get(fid)]


def useful_questions(fact_id: str, blocked: set[str] | frozenset[str], closed: set[str] | frozenset[str]) -> set[str]:
    """Questions still worth asking for ``fact_id``.

    ``closed``: questions already answered (with a value or "unknown"); ``blocked``: those
    answered "unknown". A question counts through a route none of whose other questions is
    blocked.
    """
    out: set[str] = set()
    for route in routes(fact_id):
        if route & blocked:
            continue
        out |= route - closed
    return out
