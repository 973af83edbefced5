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
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.patient import facts, scores
from core.patient.dates import (
    completed_months,
    completed_years,
    intersect_intervals,
    merge_intervals,
    months_between,
    years_between,
)
from core.patient.drugs import Drug, lookup_drug, normalise_name
from core.patient.kleene import kleene_and
from core.patient.profile import FAILURE_OUTCOMES, LabResult, PatientProfile, TreatmentCourse
from core.patient.values import FactSet, Range, bounded

_STOPPED_OUTCOMES = frozenset({"inadequate_response", "loss_of_response", "intolerance", "other"})
_DAILY_FACTORS = {"mg/day": 1.0, "g/day": 1000.0, "mg/week": 1 / 7}


@dataclass
class _Course:
    """A treatment course resolved against the drug table and the assessment date."""

    course: TreatmentCourse
    drug: Drug | None
    start: date | None
    end: date | None  # last day on the drug, clipped to the assessment date; None if unknown
    current: bool | None  # still taking it at the assessment date

    @property
    def interval(self) -> tuple[date, date] | None:
        if self.start is None or self.end is None:
            return None
        return (self.start, max(self.start, self.end))

    @property
    def failed(self) -> bool | None:
        if self.course.outcome is None:
            return None
        return self.course.outcome in FAILURE_OUTCOMES


def _resolve(course: TreatmentCourse, as_of: date) -> _Course:
    if course.stop is not None:
        end: date | None = min(course.stop, as_of)
        current: bool | None = course.stop >= as_of
    elif course.outcome in _STOPPED_OUTCOMES:
        end, current = None, False
    else:
        end, current = as_of, True
    if course.start is not None and course.start > as_of:
        end, current = None, False  # not started yet: contributes nothing
    return _Course(course, lookup_drug(course.drug), course.start, end, current)


def _lower_bound(low: float, exact: bool) -> float | Range | None:
    """``low`` when exact; "at least ``low``" otherwise (unknown when that says nothing)."""
    if exact:
        return low
    return None if low == 0 else Range(low, math.inf)


def _latest_lab(labs: list[LabResult], name: str) -> LabResult | None:
    """The most recent result for a test; undated results count as older than dated ones."""
    best: LabResult | None = None
    for lab in labs:
        if normalise_name(lab.name).replace(" ", "_") != name:
            continue
        if best is None or (lab.date or date.min) >= (best.date or date.min):
            best = lab
    return best


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
        for section in facts.ANSWER_SECTIONS:
            for key, value in getattr(self.p, section).items():
                self.put(key, value)
        if self.p.sex == "male":
            # Pregnancy questions have a known answer for male patients.
            for key in ("pregnant", "lactating", "childbearing_potential"):
                self.out.setdefault(key, False)

    # --- diagnoses ---
    def diagnoses(self) -> None:
        p = self.p
        codes = frozenset(d.code for d in p.diagnoses)
        self.put("diagnoses", FactSet(codes, complete=p.diagnoses_complete))
        met = frozenset(c for d in p.diagnoses for c in d.classification)
        not_met = frozenset(c for d in p.diagnoses for c in d.classification_not_met) - met
        for prefix, (_name, cond_codes) in facts.CONDITIONS.items():
            entries = [d for d in p.diagnoses if d.code in cond_codes]
            if not entries:
                self.put(f"{prefix}_diagnosed", False if p.diagnoses_complete else None)
                if p.diagnoses_complete:
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
        # Scores entered with a diagnosis (e.g. {"sledai_2k": 8}) become facts of that name.
        for d in p.diagnoses:
            for name, value in d.scores.items():
                fact = facts.REGISTRY.get(name)
                if fact and fact.type == "number" and fact.group == "diagnosis" and name not in self.out:
                    self.put(name, value)

    # --- labs and joint counts ---
    def labs(self) -> None:
        for name, spec in facts.LABS.items():
            lab = _latest_lab(self.p.labs, name)
            if lab is None:
                continue
            if lab.unit == spec["unit"]:
                self.put(name, lab.value)
            elif lab.unit in spec["alt_units"]:
                self.put(name, lab.value * spec["alt_units"][lab.unit])
            if spec.get("uln") and lab.uln:
                self.put(f"{name}_x_uln", lab.value / lab.uln)
            if spec.get("lln") and lab.lln is not None:
                self.put(f"{name}_below_lln", lab.value < lab.lln)

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
        courses = [_resolve(c, as_of) for c in p.treatments]
        complete = p.treatments_complete and all(c.drug for c in courses)
        self.put("drugs_used", FactSet(
            frozenset(c.drug.name if c.drug else normalise_name(c.course.drug) for c in courses),
            complete=p.treatments_complete))

        def of(pred) -> list[_Course]:
            return [c for c in courses if c.drug and pred(c.drug)]

        self.put("csdmard_years", self._years(of(lambda d: d.is_csdmard), complete))
        self.put("dmard_years", self._years(of(lambda d: d.is_dmard), complete))
        self.put("failed_csdmard_count", self._failures(of(lambda d: d.is_csdmard), complete))
        self.put("failed_btsdmard_count", self._failures(of(lambda d: d.is_btsdmard), complete))
        self.put("failed_dmard_count", self._failures(of(lambda d: d.is_dmard), complete))
        self.put("failed_immunosuppressant_count", self._failures(of(lambda d: d.is_immunosuppressant), complete))
        self.put("failed_btsdmard_mechanism_count",
                 self._failures(of(lambda d: d.is_btsdmard), complete, key=lambda c: c.drug.mechanism or c.drug.name))

        immuno = of(lambda d: d.is_immunosuppressant)
        self.put("immunosuppressant_count", _lower_bound(len({c.drug.name for c in immuno}), complete))
        spans = [months_between(*c.interval) for c in immuno if c.interval]
        all_known = complete and all(c.interval for c in immuno)
        self.put("longest_immunosuppressant_course_months", _lower_bound(max(spans, default=0), all_known))

        steroids = of(lambda d: d.is_glucocorticoid)
        both = intersect_intervals([c.interval for c in steroids if c.interval],
                                   [c.interval for c in immuno if c.interval])
        both_known = complete and all(c.interval for c in steroids + immuno)
        self.put("glucocorticoid_with_immunosuppressant_months",
                 _lower_bound(sum(months_between(a, b) for a, b in both), both_known))
        self._glucocorticoid_dose(steroids, complete)
        immunosuppressive = of(lambda d: d.is_immunosuppressive)
        self.put("weeks_since_last_immunosuppressive_dose", self._weeks_since(immunosuppressive, complete))
        self.put("current_immunosuppressive_drugs", FactSet(
            frozenset(c.drug.name for c in immunosuppressive if c.current),
            frozenset(c.drug.name for c in immunosuppressive if c.current is False)
            - frozenset(c.drug.name for c in immunosuppressive if c.current), complete=complete))
        self.put("weeks_since_last_bdmard_dose",
                 self._weeks_since(of(lambda d: d.drug_class == "bDMARD"), complete))

    @staticmethod
    def _years(courses: list[_Course], complete: bool) -> float | Range | None:
        """Cumulative years on the drugs, overlapping courses counted once."""
        merged = merge_intervals([c.interval for c in courses if c.interval])
        total = sum(years_between(a, b) for a, b in merged)
        return _lower_bound(total, complete and all(c.interval for c in courses))

    @staticmethod
    def _failures(courses: list[_Course], complete: bool, key=lambda c: c.drug.name) -> float | Range | None:
        """Distinct drugs (or mechanisms, via ``key``) failed; a Range while outcomes are missing."""
        failed = {key(c) for c in courses if c.failed}
        maybe = {key(c) for c in courses if c.failed is None} - failed
        if not complete:
            return _lower_bound(len(failed), False)
        return bounded(len(failed), len(failed) + len(maybe))

    def _glucocorticoid_dose(self, steroids: list[_Course], complete: bool) -> None:
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

    def _daily_mg(self, course: TreatmentCourse) -> float | None:
        if course.dose is None or course.dose_unit is None:
            return None
        if course.dose_unit in _DAILY_FACTORS:
            return course.dose * _DAILY_FACTORS[course.dose_unit]
        if course.dose_unit == "mg/kg/day" and self.p.weight_kg:
            return course.dose * self.p.weight_kg
        return None  # a bare "mg" or a per-m² dose says nothing about the daily amount

    def _weeks_since(self, courses: list[_Course], complete: bool) -> float | Range | None:
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
    """Every known fact of ``profile``, raw and derived, keyed by fact id."""
    as_of = profile.assessment_date or today or date.today()
    b = _Builder(profile, as_of)
    b.demographics()
    b.answers()
    b.diagnoses()
    b.labs()
    b.joints_and_activity()
    b.treatments()
    b.dtt_ra()
    return b.out
