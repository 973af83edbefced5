"""Facts about any concept of the vocabularies, named ``<kind>:<concept id>``.

The fixed registry (``facts.py``) covers the seed trials; every other trial speaks of
conditions, drugs, labs and scores by name. These facts let a rule say so directly, and let
one answer serve every trial that reads it:

| fact | type | meaning |
|---|---|---|
| ``condition:<id>`` | bool | has (or had) this condition or one below it |
| ``condition_years:<id>`` | number | years (with their fraction) since it (or one below it) was first diagnosed |
| ``condition_recent_years:<id>`` | number | years since it (or one below it) was last diagnosed |
| ``condition_current:<id>`` | bool | has it (or one below it) now: active, not resolved (``condition_current``) |
| ``drug_ever:<id>`` | bool | ever received this drug, or a drug of this class |
| ``drug_current:<id>`` | bool | taking it (or one of the class) at the assessment date |
| ``drug_weeks_since:<id>`` | number | weeks since the last dose (0 while taken; never: infinite) |
| ``drug_failed_count:<id>`` | number | distinct drugs of the class that failed |
| ``drug_dose:<id>`` | number | current dose (mg/week for weekly drugs, else mg/day; glucocorticoids: prednisone eq.) |
| ``lab:<id>`` | number | latest result, in the analyte's canonical unit |
| ``lab_x_uln:<id>`` / ``lab_below_lln:<id>`` / ``lab_positive:<id>`` | number / bool / bool | |
| ``score:<id>`` | number | latest value of an instrument |
| ``allergy:<id>`` | bool | allergic to this drug or class |
| ``classified:<id>`` | bool | meets established classification criteria for this condition (or one below it) |
| ``condition_other_than:<id>|<ids>`` (``_recent_years``) | bool (number) | a condition under it other than the
  excepted ones (``condition_except.py``) |
| ``condition_current_other_than:<id>|<ids>`` | bool | such a condition now: active (``condition_except.py``) |
| ``procedure:<id>``, ``procedure_weeks_since:<id>``, ``procedure_planned:<id>`` | | see ``procedure_facts`` |

``classified:<id>`` is asked once per condition, whichever criteria set a trial names (the trial's
own words are shown where it is asked); its answer is kept in the profile's ``history`` section.

Unknown is never "no": a condition is absent only when the diagnosis list is complete or
it (or a broader condition) is recorded absent; a drug was never given only when the
treatment list is complete or it (or its class) is in ``never_treated_with``.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from core.patient import condition_current, condition_except, dose_facts, procedure_facts
from core.patient.courses import resolve
from core.patient.dates import years_between
from core.patient.facts import Fact
from core.patient.lab_facts import below_lln, positive, x_uln
from core.patient.profile import LabResult, PatientProfile
from core.patient.values import Range, bounded
from core.patient.vocab_fact_defs import fact_for, parse  # re-exported: callers ask vocab_facts for both

# Answers of the fixed registry that say something about a condition concept.
HISTORY_CONDITIONS = {
    "malignancy": "malignancy", "hiv": "hiv_infection", "epilepsy": "epilepsy", "tb_active": "active_tuberculosis",
    "tb_latent": "latent_tuberculosis", "mental_disorder": "psychiatric_disorder",
    "bleeding_disorder": "bleeding_disorder",
}
# Asked in the present ("Does the patient have active tuberculosis?"): a "no" says nothing of the past, so it
# never makes "has or had" false (it does settle "active now": condition_current)
NOW_ONLY = frozenset({"tb_active", "tb_latent", "mental_disorder", "bleeding_disorder"})


def compute(fact_id: str, profile: PatientProfile, as_of: date, base: dict[str, Any]) -> Any:
    """The value of a vocabulary fact for ``profile`` (None: unknown)."""
    parsed = parse(fact_id)
    if parsed is None or fact_for(fact_id) is None:
        return None
    kind, cid = parsed
    if kind == "classified":
        return _classified(cid, profile)
    if kind in procedure_facts.KINDS:
        return procedure_facts.compute(kind, cid, profile, as_of)
    if kind.startswith("condition"):
        return _condition(kind, cid, profile, as_of)
    if kind == "drug_dose":
        return dose_facts.drug_dose(cid, profile, as_of, base,
                                    lambda: _drug("drug_current", cid, profile, as_of), _drug_id)
    if kind.startswith("drug"):
        return _drug(kind, cid, profile, as_of)
    if kind.startswith("lab"):
        return _lab(kind, cid, profile, base)
    if kind == "score":
        return _score(cid, profile, base)
    return _allergy(cid, profile)


def _condition_id(code: str) -> str | None:
    from core.vocab import conditions

    if code in conditions.vocabulary():
        return code
    found = conditions.lookup(code)
    return found[0].id if len(found) == 1 else None


def _condition(kind: str, cid: str, profile: PatientProfile, as_of: date) -> Any:
    from core.vocab import conditions

    base = cid.partition("|")[0]  # "malignancy|basal_cell_carcinoma": the diagnoses under malignancy
    present = []  # (diagnosis or None for an answer, its concept id)
    absent = False
    broader = False  # a broader condition recorded present ("malignancy" when asked about lymphoma)
    for d in profile.diagnoses:
        code = _condition_id(d.code)
        if code is None:
            continue
        if d.present and conditions.covers(base, code):
            present.append((d, code))
        elif d.present and conditions.covers(code, base):
            broader = True
        elif not d.present and conditions.covers(code, base):
            absent = True  # recorded absent: it, or a broader condition holding it
    for answer, concept in HISTORY_CONDITIONS.items():
        value = profile.history.get(answer)
        if value is True and conditions.covers(base, concept):
            present.append((None, concept))
        elif value is True and conditions.covers(concept, base):
            broader = True
        elif value is False and conditions.covers(concept, base) and answer not in NOW_ONLY:
            absent = True
    for key, value in profile.history.items():  # "meets classification criteria for X": has X
        if key.startswith("classified:") and value is True and conditions.covers(base, key.partition(":")[2]):
            present.append((None, key.partition(":")[2]))
    groups = [_condition_id(g) for g in profile.diagnoses_complete_for]
    complete = profile.diagnoses_complete or any(g is not None and conditions.covers(g, base) for g in groups)
    # A complete list holding a broader diagnosis does not say the narrower one is absent: the recorded
    # "malignancy" may be a lymphoma, so "lymphoma" is unknown, never "no" (an explicit absence still is "no").
    complete = complete and not broader
    if kind == condition_current.KIND:
        return condition_current.value(base, present, absent or complete, profile.history)
    if kind == condition_except.CURRENT_KIND:  # "concurrent neoplasm other than basal cell carcinoma"
        return condition_except.current_value(cid, present, absent or complete,
                                              condition_current.now_answer(base, profile.history))
    if kind in condition_except.KINDS:
        codes = [(code, d.diagnosis_date if d is not None else None) for d, code in present]
        return condition_except.value(kind, cid, codes, absent or complete, as_of)
    present = [d for d, _code in present]
    if kind == "condition":
        if present:
            return True
        return False if (absent or complete) else None
    dated = [d.diagnosis_date for d in present if d is not None and d.diagnosis_date]
    if kind == "condition_recent_years":
        return _recent_years(present, dated, absent or complete, as_of)
    if not dated:
        return None
    # Years with their fraction, exact on anniversaries: "for at least 2 years" compares as with completed
    # years (>= 2 holds from the second anniversary either way), and "for at least 6 months" (>= 0.5) or
    # "24 weeks" can be read too.
    return round(years_between(min(dated), as_of), 4)


def _classified(cid: str, profile: PatientProfile) -> Any:
    """Criteria known met for a diagnosis under ``cid``: true; no such diagnosis (known absent, or the
    list complete): false; otherwise unknown (the answer to the question itself is read before this)."""
    from core.vocab import conditions

    answered = {key.partition(":")[2]: value for key, value in profile.history.items()
                if key.startswith("classified:") and isinstance(value, bool)}
    if answered.get(cid) is not None:
        return answered[cid]
    if any(value and conditions.covers(cid, code) for code, value in answered.items()):
        return True  # met for a form of it
    present = [d for d in profile.diagnoses if d.present and (code := _condition_id(d.code)) is not None
               and conditions.covers(cid, code)]
    if any(d.classification for d in present):
        return True
    if present:
        return None
    if _condition("condition", cid, profile, profile.assessment_date or date.today()) is False:
        return False
    return None


def answer_fact(section: str, fact_id: str) -> Fact | None:
    """A vocabulary fact answered directly and kept in a profile section (``classified:<id>`` in
    ``history``), or None."""
    fact = fact_for(fact_id)
    return fact if fact is not None and fact.section == section else None


def _recent_years(present: list, dated: list[date], none_known: bool, as_of: date) -> Any:
    """Years (with fractions) since the latest diagnosis: "malignancy within 5 years" is decided by the
    newest one. An undated diagnosis, or one not recorded while the list is open, may be newer: the value
    is then only bounded above. None present and the list complete (or the condition recorded absent):
    never diagnosed, infinite."""
    if not present:
        return math.inf if none_known else None
    if not dated:
        return None
    years = max(0.0, (as_of - max(dated)).days / 365.25)
    if len(dated) < len(present) or not none_known:
        return Range(0.0, years)  # an undated or an unrecorded diagnosis may be newer
    return years


def _drug_id(name: str) -> str | None:
    from core.vocab import drugs

    found = drugs.lookup(name)
    return found[0].id if found else None


def _drug(kind: str, cid: str, profile: PatientProfile, as_of: date) -> Any:
    from core.vocab import drugs

    def under(concept: str | None) -> bool:
        return concept is not None and (concept == cid or drugs.is_a(concept, cid))

    courses = [(resolve(c, as_of), _drug_id(c.drug)) for c in profile.treatments]
    mine = [c for c, concept in courses if under(concept)]
    never = any(concept == cid or drugs.is_a(cid, concept)
                for concept in (_drug_id(n) for n in profile.never_treated_with) if concept)
    unresolved = any(concept is None for _, concept in courses)
    listed = any((group := _drug_id(g)) is not None and (group == cid or drugs.is_a(cid, group))
                 for g in profile.treatments_complete_for)  # every course of a class holding this one listed
    # a course (or "ever treated with" answer) naming a broader class may be this drug: a complete list then
    # does not say it was never given ("a TNF inhibitor" listed: adalimumab unknown, never "no")
    broader = any(concept is not None and concept != cid and drugs.is_a(cid, concept)
                  for concept in [c for _, c in courses] + [_drug_id(n) for n in profile.ever_treated_with])
    exact = never or ((profile.treatments_complete or listed) and not unresolved and not broader)
    if kind == "drug_ever":
        known_given = any(under(_drug_id(n)) for n in profile.ever_treated_with)
        return True if mine or known_given else (False if exact else None)
    if kind == "drug_current":
        if any(c.current for c in mine):
            return True
        if any(c.current is None for c in mine):
            return None
        return False if exact or (mine and profile.treatments_complete and not broader) else None
    if kind == "drug_weeks_since":
        if any(c.current for c in mine):
            return 0.0
        ends = [c.end for c in mine if c.end is not None]
        sure = exact and all(c.end is not None for c in mine)
        if not ends:
            return math.inf if sure else None
        weeks = (as_of - max(ends)).days / 7
        return weeks if sure else Range(0.0, weeks)
    failed = {c.course.drug.casefold() for c in mine if c.failed}
    maybe = {c.course.drug.casefold() for c in mine if c.failed is None} - failed
    if not exact:
        return None if not failed else Range(len(failed), math.inf)
    return bounded(len(failed), len(failed) + len(maybe))


def _analyte_id(name: str) -> str | None:
    from core.vocab import labs

    try:
        labs.get(name)
        return name
    except KeyError:
        found = labs.lookup(name)
        return found[0].id if found else None


def _lab(kind: str, cid: str, profile: PatientProfile, base: dict[str, Any]) -> Any:
    results = [lab for lab in profile.labs if _analyte_id(lab.name) == cid]
    if not results:
        from core.vocab import labs

        held_in = labs.get(cid).fact  # a measurement the registry asks on its own (LVEF, ECOG...)
        return base.get(held_in) if kind == "lab" and held_in else None
    latest: LabResult = max(results, key=lambda r: r.date or date.min)
    if kind == "lab":
        if latest.value is None:
            return None
        from core.vocab import units

        try:
            return units.convert(cid, latest.value, latest.unit)
        except (units.UnitError, KeyError, ValueError):
            return None  # a unit the vocabulary cannot convert: unknown, never a guess
    if kind == "lab_x_uln":
        return x_uln(latest)
    if kind == "lab_below_lln":
        return below_lln(latest)
    return positive(latest)


def _score(cid: str, profile: PatientProfile, base: dict[str, Any]) -> Any:
    from core.vocab import scores

    candidates = [s for s in profile.scores if s.name == cid or any(x.id == cid for x in scores.lookup(s.name))]
    if candidates:
        return max(candidates, key=lambda s: s.date or date.min).value
    for d in profile.diagnoses:
        if cid in d.scores:
            return d.scores[cid]
    held_in = scores.get(cid).fact or cid
    return base.get(held_in)  # a score the registry computes or asks (DAS28, CDAI, ECOG)


def _allergy(cid: str, profile: PatientProfile) -> Any:
    from core.vocab import drugs

    for allergy in profile.allergies:
        concept = _drug_id(allergy.substance)
        if concept and (concept == cid or drugs.is_a(cid, concept) or drugs.is_a(concept, cid)):
            return True
    return False if profile.allergies_complete else None
