"""Impossible values in a profile, one plain-words message per field.

``profile_problems`` returns (field, message) pairs so a form can show each message
next to its field; ``profile_from_dict(strict=True)`` refuses a profile that has any.
Field names are JSON paths: ``date_of_birth``, ``treatments[1].dose``, ``findings.ecog``.
"""

from __future__ import annotations

from datetime import date

from core.i18n import _, pgettext
from core.patient import facts
from core.patient.dates import add_months
from core.patient.fact_labels import fact_label as label_of
from core.patient.fact_labels import value_problem
from core.patient.fact_model import ANSWER_SECTIONS
from core.patient.partial_dates import earliest, latest
from core.patient.procedure_record import procedure_problems
from core.patient.profile import PatientProfile

MAX_AGE_YEARS = 120


def profile_problems(profile: PatientProfile, today: date | None = None) -> list[tuple[str, str]]:
    """Every impossible value in ``profile`` as (field, message), in field order."""
    problems: list[tuple[str, str]] = []
    add = problems.append
    as_of = profile.assessment_date or today or date.today()
    dob = profile.date_of_birth

    if profile.assessment_date and profile.assessment_date > (today or date.today()):
        add(("assessment_date", _("The assessment date is in the future.")))
    if dob:
        if earliest(dob) > as_of:
            add(("date_of_birth", _("The date of birth is after the assessment date.")))
        elif latest(dob) < add_months(as_of, -12 * MAX_AGE_YEARS):  # more than 120 years, even by a day
            add(("date_of_birth", _("The date of birth makes the patient older than {years} years.").format(
                years=MAX_AGE_YEARS)))
    if profile.weight_kg is not None:
        message = value_problem(facts.REGISTRY["weight_kg"], profile.weight_kg)
        if message:
            add(("weight_kg", message))

    for i, d in enumerate(profile.diagnoses):
        where = f"diagnoses[{i}]"
        if not d.code.strip():
            add((f"{where}.code", _("The diagnosis needs a condition code.")))
        for name, day in (("diagnosis_date", d.diagnosis_date), ("onset_date", d.onset_date)):
            if day is None:
                continue
            diagnosis = name == "diagnosis_date"
            if dob and latest(day) < earliest(dob):
                add((f"{where}.{name}", _("The date of diagnosis is before the date of birth.") if diagnosis
                     else _("The date of onset is before the date of birth.")))
            if earliest(day) > as_of:
                add((f"{where}.{name}", _("The date of diagnosis is in the future (after the assessment date).")
                     if diagnosis else _("The date of onset is in the future (after the assessment date).")))
        if d.onset_date and d.diagnosis_date and earliest(d.onset_date) > latest(d.diagnosis_date):
            add((f"{where}.onset_date", _("The date of onset is after the date of diagnosis.")))
        if d.resolved_date is not None:
            if d.diagnosis_date and latest(d.resolved_date) < earliest(d.diagnosis_date):
                add((f"{where}.resolved_date", _("The date it resolved is before the date of diagnosis.")))
            elif earliest(d.resolved_date) > as_of:
                add((f"{where}.resolved_date", _("The date it resolved is in the future (after the assessment date).")))
            if d.active:
                add((f"{where}.resolved_date", _("A diagnosis active now has no date it resolved.")))
        for name, value in d.scores.items():
            fact = facts.REGISTRY.get(name)
            if fact and fact.type == "number" and (message := value_problem(fact, value)):
                add((f"{where}.scores.{name}", message))
            elif value < 0:
                add((f"{where}.scores.{name}", _("A score cannot be negative.")))
        overlap = set(d.classification) & set(d.classification_not_met)
        if overlap:
            add((f"{where}.classification_not_met",
                 _("Listed as both met and not met: {criteria}.").format(
                     criteria=pgettext("list separator", ", ").join(sorted(overlap)))))

    for i, t in enumerate(profile.treatments):
        where = f"treatments[{i}]"
        if not t.drug.strip():
            add((f"{where}.drug", _("The treatment needs a drug name.")))
        if t.dose is not None and t.dose < 0:
            add((f"{where}.dose", _("A dose cannot be negative.")))
        if t.dose is not None and t.dose_unit is None:
            add((f"{where}.dose_unit", _("A dose needs its unit.")))
        if t.start and t.stop and latest(t.stop) < earliest(t.start):
            add((f"{where}.stop", _("The stop date is before the start date.")))
        if t.start and dob and latest(t.start) < earliest(dob):
            add((f"{where}.start", _("The start date is before the date of birth.")))
        if t.start and earliest(t.start) > as_of:
            add((f"{where}.start", _("The start date is after the assessment date.")))
        if t.stop and t.status == "ongoing" and latest(t.stop) < as_of:
            add((f"{where}.status", _("The course is marked ongoing but has a stop date before the assessment.")))

    problems += procedure_problems(profile, as_of)

    for i, lab in enumerate(profile.labs):
        where = f"labs[{i}]"
        if not lab.name.strip():
            add((f"{where}.name", _("The lab result needs a test name.")))
        if lab.value is not None and lab.value < 0:
            add((f"{where}.value", _("A lab value cannot be negative.")))
        if lab.x_uln is not None and lab.x_uln < 0:
            add((f"{where}.x_uln", _("A multiple of the upper limit of normal cannot be negative.")))
        if lab.uln is not None and lab.uln <= 0:
            add((f"{where}.uln", _("The upper limit of normal must be above zero.")))
        if lab.lln is not None and lab.lln < 0:
            add((f"{where}.lln", _("The lower limit of normal cannot be negative.")))
        if lab.lln is not None and lab.uln is not None and lab.lln > lab.uln:
            add((f"{where}.lln", _("The lower limit of normal is above the upper limit.")))
        if lab.date and earliest(lab.date) > as_of:
            add((f"{where}.date", _("The lab date is after the assessment date.")))
        spec = facts.LABS.get(lab.name)
        if spec and lab.unit and lab.unit != spec["unit"] and lab.unit not in spec["alt_units"]:
            units = ", ".join([spec["unit"], *spec["alt_units"]])
            add((f"{where}.unit", _("Unit {unit} is not known for {lab}; use one of {units}.").format(
                unit=repr(lab.unit), lab=label_of(facts.REGISTRY[lab.name]), units=units)))

    for i, result in enumerate(profile.scores):
        fact = facts.REGISTRY.get(result.name)
        if fact and fact.type == "number" and (message := fact.check_value(result.value)):
            add((f"scores[{i}].value", value_problem(fact, result.value)))
        elif result.value < 0:
            add((f"scores[{i}].value", _("A score cannot be negative.")))

    joints = profile.joint_assessment
    if joints:
        for name, fact_id, value in (
            ("tender_28", "tender_joints_28", joints.tender_28),
            ("swollen_28", "swollen_joints_28", joints.swollen_28),
            ("patient_global_mm", "patient_global_mm", joints.patient_global_mm),
            ("evaluator_global_mm", "evaluator_global_mm", joints.evaluator_global_mm),
        ):
            if value is not None and (message := value_problem(facts.REGISTRY[fact_id], value)):
                add((f"joint_assessment.{name}", message))
        if joints.date and joints.date > as_of:
            add(("joint_assessment.date", _("The joint assessment date is after the assessment date.")))

    for section in ANSWER_SECTIONS:
        answers = getattr(profile, section)
        known = facts.answer_facts(section)
        for key, value in answers.items():
            fact = known.get(key) or _vocab_answer(section, key)
            if fact is None:
                add((f"{section}.{key}", _("Unknown question.")))
            elif message := value_problem(fact, value):
                add((f"{section}.{key}", message))
    return problems


def _vocab_answer(section: str, key: str) -> facts.Fact | None:
    """A vocabulary fact answered directly ("classified:sle" in ``history``), or None."""
    from core.patient.vocab_facts import answer_fact  # vocab_facts reads profiles: imported when needed

    return answer_fact(section, key) if isinstance(key, str) else None
