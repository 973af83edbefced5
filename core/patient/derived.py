"""Facts computed from a profile: age, durations, treatment history, ×ULN, doses, scores.

``compute_facts(profile)`` returns every fact that can be known, keyed by fact id; a fact
that is absent is unknown. Numbers that are only bounded come back as ``Range`` (two
recorded failures on an incomplete treatment list: "at least 2"), sets as ``FactSet``.

Conventions, documented in ``docs/patient-profile.md``:
- Ages and durations are counted to the assessment date (today when it is not given).
- A treatment course with no stop date runs to the assessment date unless its outcome
  says it ended (inadequate_response, loss_of_response, intolerance, other), in which
  case its end is unknown.
- "Failed" means an outcome of inadequate_response, loss_of_response or intolerance.
- Counts and totals are exact only when the profile marks the treatment list complete and
  every drug is in the drug table; otherwise they are lower bounds.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from core.patient import facts, scores, vocab_facts
from core.patient.courses import Course, lower_bound, resolve
from core.patient.dates import (
    completed_months,
    completed_years,
    intersect_intervals,
    merge_intervals,
    months_between,
    years_between,
)
from core.patient.drugs import lookup_drug, normalise_name
from core.patient.fact_model import ANSWER_SECTIONS
from core.patient.kleene import kleene_and
from core.patient.lab_facts import below_lln, latest_lab, positive, ra_2010_acute_phase, ra_2010_serology, x_uln
from core.patient.never_treated import NeverTreated
from core.patient.partial_facts import MODES, combine, has_partial_dates, instantiate
from core.patient.profile import PatientProfile, TreatmentCourse
from core.patient.values import FactSet, Range, bounded

_DAILY_FACTORS = {"mg/day": 1.0, "g/day": 1000.0, "mg/week": 1 / 7}


class _Builder:
    """Collects facts; ``None`` values are dropped so absence always means unknown."""

    def __init__(self, profile: PatientProfile, as_of: date):
        self.p = profile
        self.as_of = as_of
        self.out: dict[str, Any] = {}

    def put(self, fact_id: str, value: Any) -> None:
        if fact_id not in facts.REGISTRY:
            raise KeyError(f"derived fact {fact_id!r} is not registered")
        if value is not None:
            self.out[fact_id] = value

    # --- demographics ---
    def demographics(self) -> None:
        p = self.p
        self.put("date_of_birth", p.date_of_birth)
        self.put("sex", p.sex)
        self.put("assessment_date", self.as_of)
        self.put("weight_kg", p.weight_kg)
        if p.date_of_birth:
            self.put("age_years", completed_years(p.date_of_birth, self.as_of))

    # --- answers (findings, history, consent) ---
    def answers(self) -> None:
        for section in ANSWER_SECTIONS:
            for key, value in getattr(self.p, section).items():
                if ":" in key:
                    continue  # a vocabulary fact answered directly ("classified:sle"): vocab_facts reads it
                self.put(key, value)
        if self.p.sex == "male":
            # Pregnancy questions have a known answer for male patients.
            for key in ("pregnant", "lactating", "childbearing_potential"):
                self.out.setdefault(key, False)

    # --- diagnoses ---
    def diagnoses(self) -> None:
        p = self.p
        present = [d for d in p.diagnoses if d.present]
        codes = frozenset(d.code for d in present)
        absent = frozenset(d.code for d in p.diagnoses if not d.present) - codes
        self.put("diagnoses", FactSet(codes, absent, complete=p.diagnoses_complete))
        met = frozenset(c for d in present for c in d.classification)
        not_met = frozenset(c for d in present for c in d.classification_not_met) - met
        self.put("classification_grades", FactSet(frozenset(
            f"{criteria}:{grade}" for d in present for criteria, grade in d.classification_grade.items())))
        for prefix, (_name, cond_codes) in facts.CONDITIONS.items():
            entries = [d for d in present if d.code in cond_codes]
            if not entries:
                known_absent = p.diagnoses_complete or any(c in absent for c in cond_codes)
                self.put(f"{prefix}_diagnosed", False if known_absent else None)
                if known_absent:
                    # No such diagnosis at all: no classification criteria for it are met either.
                    self.put(f"{prefix}_classification", FactSet(frozenset(), complete=True))
                continue
            self.put(f"{prefix}_diagnosed", True)
            c_met = {c for d in entries for c in d.classification}
            c_not = {c for d in entries for c in d.classification_not_met}
            if prefix == "ra":
                items: dict[str, str] = {}
                for d in entries:
                    items.update(d.acr_eular_2010_items)
                # Serology and acute phase from the lab results when the clinician did not score them.
                for category, from_labs in (("serology", ra_2010_serology), ("acute_phase", ra_2010_acute_phase)):
                    if category not in items and (choice := from_labs(p.labs)) is not None:
                        items[category] = choice
                score = scores.acr_eular_2010_score(items)
                self.put("acr_eular_2010_score", score)
                classifies = scores.acr_eular_2010_classifies(score)
                if classifies is True:
                    c_met.add("acr_eular_2010")
                    met = met | {"acr_eular_2010"}
                elif classifies is False:
                    c_not.add("acr_eular_2010")
                    not_met = not_met | {"acr_eular_2010"}
            self.put(f"{prefix}_classification", FactSet(frozenset(c_met), frozenset(c_not - c_met)))
            dx_dates = [d.diagnosis_date for d in entries if d.diagnosis_date]
            onset_dates = [d.onset_date for d in entries if d.onset_date]
            first_dx = min(dx_dates) if dx_dates else None
            if first_dx:
                self.put(f"{prefix}_duration_months", completed_months(first_dx, self.as_of))
                self.put(f"{prefix}_duration_years", completed_years(first_dx, self.as_of))
            if p.date_of_birth:
                age_dx = completed_years(p.date_of_birth, first_dx) if first_dx else None
                self.put(f"{prefix}_age_at_diagnosis_years", age_dx)
                if onset_dates:
                    self.put(f"{prefix}_age_at_onset_years", completed_years(p.date_of_birth, min(onset_dates)))
                elif age_dx is not None:
                    self.put(f"{prefix}_age_at_onset_years", bounded(0, age_dx))  # onset precedes diagnosis
            activities = [d.activity.strip().lower() for d in entries if d.activity]
            known = [a for a in activities if a in facts.ACTIVITY_LEVELS]
            if known:
                self.put(f"{prefix}_activity", known[0])
        self.put("classification_criteria", FactSet(met, not_met - met))
        # Scores entered on their own (newest first) or with a diagnosis ({"sledai_2k": 8})
        # become facts of that name.
        for result in sorted(p.scores, key=lambda r: r.date or date.min, reverse=True):
            fact = facts.REGISTRY.get(result.name)
            if fact and fact.type == "number" and result.name not in self.out:
                self.put(result.name, result.value)
        for d in present:
            for name, value in d.scores.items():
                fact = facts.REGISTRY.get(name)
                if fact and fact.type == "number" and fact.group == "diagnosis" and name not in self.out:
                    self.put(name, value)

    # --- labs and joint counts ---
    def labs(self) -> None:
        for name, spec in facts.LABS.items():
            lab = latest_lab(self.p.labs, name)
            if lab is None:
                continue
            if lab.value is not None:
                if lab.unit == spec["unit"]:
                    self.put(name, lab.value)
                elif lab.unit in spec["alt_units"]:
                    self.put(name, lab.value * spec["alt_units"][lab.unit])
            if spec.get("uln"):
                self.put(f"{name}_x_uln", x_uln(lab))
            if spec.get("lln"):
                self.put(f"{name}_below_lln", below_lln(lab))
            if spec.get("qualitative"):
                self.put(f"{name}_positive", positive(lab))

    def joints_and_activity(self) -> None:
        j = self.p.joint_assessment
        tjc = sjc = pg = eg = None
        if j:
            tjc, sjc, pg, eg = j.tender_28, j.swollen_28, j.patient_global_mm, j.evaluator_global_mm
            self.put("tender_joints_28", tjc)
            self.put("swollen_joints_28", sjc)
            self.put("patient_global_mm", pg)
            self.put("evaluator_global_mm", eg)
        # A score the clinician recorded (already set from diagnosis scores) wins over the calculator.
        if "das28_esr" not in self.out:
            self.put("das28_esr", scores.das28_esr(tjc, sjc, self.out.get("esr"), pg))
        if "das28_crp" not in self.out:
            self.put("das28_crp", scores.das28_crp(tjc, sjc, self.out.get("crp"), pg))
        if "cdai" not in self.out:
            self.put("cdai", scores.cdai(tjc, sjc, pg, eg))

    # --- treatments ---
    def treatments(self) -> None:
        p, as_of = self.p, self.as_of
        courses = [resolve(c, as_of) for c in p.treatments]
        complete = p.treatments_complete and all(c.drug for c in courses)
        never = NeverTreated(p.never_treated_with)
        used = frozenset(c.drug.name if c.drug else normalise_name(c.course.drug) for c in courses)
        # complete only when every course names one drug: a course of "a TNF inhibitor" may have been any of them
        self.put("drugs_used", FactSet(used, never.drug_names() - used, complete=complete))

        def of(pred) -> list[Course]:
            return [c for c in courses if c.drug and pred(c.drug)]

        def exact(pred) -> bool:
            """Counts over a class are exact when the list is complete, or the class was never given."""
            return complete or (never.covers(pred) and not of(pred))

        csdmard = lambda d: d.is_csdmard  # noqa: E731
        btsdmard = lambda d: d.is_btsdmard  # noqa: E731
        dmard = lambda d: d.is_dmard  # noqa: E731
        immuno_test = lambda d: d.is_immunosuppressant  # noqa: E731
        self.put("csdmard_years", self._years(of(csdmard), exact(csdmard)))
        self.put("dmard_years", self._years(of(dmard), exact(dmard)))
        self.put("failed_csdmard_count", self._failures(of(csdmard), exact(csdmard)))
        self.put("failed_btsdmard_count", self._failures(of(btsdmard), exact(btsdmard)))
        self.put("failed_dmard_count", self._failures(of(dmard), exact(dmard)))
        self.put("failed_immunosuppressant_count", self._failures(of(immuno_test), exact(immuno_test)))
        self.put("failed_btsdmard_mechanism_count",
                 self._failures(of(btsdmard), exact(btsdmard), key=lambda c: c.drug.mechanism or c.drug.name))

        immuno = of(immuno_test)
        self.put("immunosuppressant_count", lower_bound(len({c.drug.name for c in immuno}), exact(immuno_test)))
        spans = [months_between(*c.interval) for c in immuno if c.interval]
        all_known = exact(immuno_test) and all(c.interval for c in immuno)
        self.put("longest_immunosuppressant_course_months", lower_bound(max(spans, default=0), all_known))

        steroid_test = lambda d: d.is_glucocorticoid  # noqa: E731
        steroids = of(steroid_test)
        both = intersect_intervals([c.interval for c in steroids if c.interval],
                                   [c.interval for c in immuno if c.interval])
        both_known = complete and all(c.interval for c in steroids + immuno)
        self.put("glucocorticoid_with_immunosuppressant_months",
                 lower_bound(sum(months_between(a, b) for a, b in both), both_known))
        self._glucocorticoid_dose(steroids, exact(steroid_test))
        immunosuppressive_test = lambda d: d.is_immunosuppressive  # noqa: E731
        immunosuppressive = of(immunosuppressive_test)
        self.put("weeks_since_last_immunosuppressive_dose",
                 self._weeks_since(immunosuppressive, exact(immunosuppressive_test)))
        self.put("current_immunosuppressive_drugs", FactSet(
            frozenset(c.drug.name for c in immunosuppressive if c.current),
            frozenset(c.drug.name for c in immunosuppressive if c.current is False)
            - frozenset(c.drug.name for c in immunosuppressive if c.current), complete=complete))
        bdmard = lambda d: d.drug_class == "bDMARD"  # noqa: E731
        self.put("weeks_since_last_bdmard_dose", self._weeks_since(of(bdmard), exact(bdmard)))

    def allergies(self) -> None:
        p = self.p
        names = frozenset(normalise_name(lookup_drug(a.substance).name if lookup_drug(a.substance) else a.substance)
                          for a in p.allergies)
        self.put("allergies", FactSet(names, complete=p.allergies_complete))
        drug_allergies = [a for a in p.allergies if lookup_drug(a.substance) is not None]
        if drug_allergies:
            self.put("drug_allergy", True)
        elif p.allergies_complete:
            self.put("drug_allergy", False)

    @staticmethod
    def _years(courses: list[Course], complete: bool) -> float | Range | None:
        """Cumulative years on the drugs, overlapping courses counted once."""
        merged = merge_intervals([c.interval for c in courses if c.interval])
        total = sum(years_between(a, b) for a, b in merged)
        return lower_bound(total, complete and all(c.interval for c in courses))

    @staticmethod
    def _failures(courses: list[Course], complete: bool, key=lambda c: c.drug.name) -> float | Range | None:
        """Distinct drugs (or mechanisms, via ``key``) failed; a Range while outcomes are missing."""
        failed = {key(c) for c in courses if c.failed}
        maybe = {key(c) for c in courses if c.failed is None} - failed
        if not complete:
            return lower_bound(len(failed), False)
        return bounded(len(failed), len(failed) + len(maybe))

    def _glucocorticoid_dose(self, steroids: list[Course], complete: bool) -> None:
        current = [c for c in steroids if c.current]
        undecided = any(c.current is None for c in steroids) or not complete
        if not current:
            self.put("glucocorticoid_current", None if undecided else False)
            if not undecided:
                self.put("prednisone_eq_mg_day", 0.0)
                self.put("prednisone_eq_mg_per_kg_day", 0.0)
            return
        self.put("glucocorticoid_current", True)
        total = 0.0
        for c in current:
            daily = self._daily_mg(c.course)
            if daily is None or c.drug is None or c.drug.prednisone_factor is None:
                return  # one current dose unknown: the total is unknown
            total += daily * c.drug.prednisone_factor
        if undecided:
            self.put("prednisone_eq_mg_day", Range(total, math.inf))
            return
        self.put("prednisone_eq_mg_day", total)
        if self.p.weight_kg:
            self.put("prednisone_eq_mg_per_kg_day", total / self.p.weight_kg)

    def glucocorticoid_per_kg_given(self) -> None:
        """A dose known only per kilogram (e.g. "prednisolone 1 mg/kg/day") answers the per-kg fact
        when the treatment list cannot."""
        given = self.p.findings.get("glucocorticoid_dose_mg_kg_day")
        if given is not None and not isinstance(self.out.get("prednisone_eq_mg_per_kg_day"), int | float):
            self.out["prednisone_eq_mg_per_kg_day"] = given
            if given > 0:
                self.out["glucocorticoid_current"] = True

    def _daily_mg(self, course: TreatmentCourse) -> float | None:
        if course.dose is None or course.dose_unit is None:
            return None
        if course.dose_unit in _DAILY_FACTORS:
            return course.dose * _DAILY_FACTORS[course.dose_unit]
        if course.dose_unit == "mg/kg/day" and self.p.weight_kg:
            return course.dose * self.p.weight_kg
        return None  # a bare "mg" or a per-m² dose says nothing about the daily amount

    def _weeks_since(self, courses: list[Course], complete: bool) -> float | Range | None:
        """Weeks from the last dose to the assessment; a Range when a later dose cannot be ruled out."""
        if any(c.current for c in courses):
            return 0.0
        ends = [c.end for c in courses if c.end is not None]
        sure = complete and all(c.end is not None for c in courses)
        if not ends:
            return math.inf if sure else None  # never given
        weeks = (self.as_of - max(ends)).days / 7
        return weeks if sure else Range(0.0, weeks)

    # --- difficult-to-treat RA ---
    def dtt_ra(self) -> None:
        o = self.out
        failure = scores.dtt_ra_treatment_failure(
            o.get("failed_btsdmard_mechanism_count"), o.get("failed_csdmard_count"), o.get("csdmard_contraindicated"))
        active = scores.dtt_ra_active_disease(
            o.get("das28_esr"), o.get("cdai"), o.get("gc_taper_below_7_5_failed"),
            o.get("ra_other_signs_of_active_disease"))
        self.put("dtt_ra_treatment_failure", failure)
        self.put("dtt_ra_active_disease", active)
        self.put("dtt_ra", kleene_and([o.get("ra_diagnosed"),
                                       scores.dtt_ra(failure, active, o.get("ra_management_problematic"))]))


def compute_facts(profile: PatientProfile, today: date | None = None) -> dict[str, Any]:
    """Every known fact of ``profile``, raw and derived, keyed by fact id.

    With partial dates ("since 2012") the facts are computed at both ends of each and
    combined (``partial_facts``): an age or a duration becomes the range it can be.
    """
    as_of = profile.assessment_date or today or date.today()
    if not has_partial_dates(profile):
        return Facts(_compute(profile, as_of), [(profile, None)], as_of)
    readings = [instantiate(profile, start, end) for start, end in MODES]
    runs = [_compute(reading, as_of) for reading in readings]
    return Facts(combine(runs), list(zip(readings, runs, strict=True)), as_of)


class Facts(dict):
    """Computed facts, plus vocabulary facts (``condition:sle``) worked out when first asked
    for: a trial reads a handful of the thousands of concepts, so none is computed in vain."""

    def __init__(self, known: dict[str, Any], readings: list[tuple[PatientProfile, dict | None]], as_of: date):
        super().__init__(known)
        self._readings = readings
        self._as_of = as_of
        self._tried: set[str] = set()

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        if ":" not in key or key in self._tried:
            return default
        self._tried.add(key)
        values = [vocab_facts.compute(key, reading, self._as_of, base if base is not None else self)
                  for reading, base in self._readings]
        value = values[0] if len(values) == 1 else combine([{key: v} if v is not None else {} for v in values]
                                                           ).get(key)
        if value is None:
            return default
        self[key] = value
        return value


def _compute(profile: PatientProfile, as_of: date) -> dict[str, Any]:
    b = _Builder(profile, as_of)
    b.demographics()
    b.answers()
    b.diagnoses()
    b.labs()
    b.joints_and_activity()
    b.treatments()
    b.glucocorticoid_per_kg_given()
    b.allergies()
    b.dtt_ra()
    return b.out
