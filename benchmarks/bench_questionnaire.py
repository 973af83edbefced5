"""Questionnaire: how many questions until every verdict is final, against the full checklist.

Each synthetic patient is a "truth" profile; a simulated clinician answers every question
the engine asks from it ("unknown" when the truth lacks the fact; clinician confirmations
"unknown" unless the truth has them) until the questionnaire is finished. The full
checklist is every distinct fact the candidate trials' rules read (the seed catalog,
built into a temporary folder). Target: at most a third of the checklist.

Latency: ``next_question()`` right after an answer (nothing cached), median over every
step of every patient, beside one ``evaluate_trial`` call on the largest seed trial.
"""

from __future__ import annotations

import copy
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

TODAY = date(2025, 6, 15)

# What a clinician typically knows about a patient with no such history.
_NEGATIVE_HISTORY = {k: False for k in (
    "malignancy", "cns_disease", "epilepsy", "active_infection", "active_infection_requiring_iv",
    "severe_active_infection", "tb_active", "tb_treated_within_3_years", "tb_latent", "hbsag_positive",
    "hcv_antibody_positive", "hiv", "bleeding_disorder", "bone_marrow_failure_syndrome", "severe_drug_allergy",
    "other_trial_within_3_months", "unstable_angina_6_months", "mi_6_months", "chf_6_months",
    "mental_disorder", "unable_to_cooperate", "healthy_volunteer")}
_CONSENT = {"informed_consent": True, "willing_to_participate": True, "willing_to_follow_procedures": True,
            "agrees_to_study_treatment": True}


def _patient(**fields) -> dict:
    base = {"format_version": 1, "assessment_date": TODAY.isoformat(), "diagnoses_complete": True,
            "treatments_complete": True, "history": dict(_NEGATIVE_HISTORY), "consent": dict(_CONSENT)}
    for key, value in fields.items():
        if key in ("history", "consent", "findings"):
            base[key] = {**base.get(key, {}), **value}
        else:
            base[key] = value
    return base


def _course(drug, start, stop=None, outcome=None, **extra) -> dict:
    out = {"drug": drug, "start": start, **extra}
    if stop:
        out["stop"] = stop
    if outcome:
        out["outcome"] = outcome
    return out


PATIENTS: dict[str, dict] = {
    "adult RA, refractory (D2T)": _patient(
        date_of_birth="1970-05-02", sex="female", weight_kg=62,
        diagnoses=[{"code": "rheumatoid_arthritis", "diagnosis_date": "2012-03-01",
                    "classification": ["acr_1987"], "activity": "high"}],
        treatments=[_course("methotrexate", "2012-04-01", "2016-04-01", "inadequate_response", dose=20,
                            dose_unit="mg/week"),
                    _course("adalimumab", "2016-05-01", "2018-05-01", "loss_of_response"),
                    _course("tocilizumab", "2018-06-01", "2020-06-01", "intolerance"),
                    _course("tofacitinib", "2020-07-01", outcome="ongoing")],
        labs=[{"name": "esr", "value": 40, "unit": "mm/h", "uln": 20, "date": "2025-06-01"}],
        joint_assessment={"tender_28": 8, "swollen_28": 6, "patient_global_mm": 60, "evaluator_global_mm": 50},
        findings={"ra_management_problematic": True, "pregnant": False, "lactating": False}),
    "adult RA, washed out (CAR-NK candidate)": _patient(
        date_of_birth="1968-09-12", sex="male", weight_kg=80,
        diagnoses=[{"code": "rheumatoid_arthritis", "diagnosis_date": "2015-01-10",
                    "classification": ["acr_eular_2010"], "activity": "high"}],
        treatments=[_course("methotrexate", "2015-02-01", "2019-02-01", "inadequate_response"),
                    _course("etanercept", "2019-03-01", "2021-03-01", "inadequate_response"),
                    _course("abatacept", "2021-04-01", "2025-04-01", "inadequate_response")],
        labs=[{"name": "ast", "value": 25, "unit": "U/L", "uln": 40},
              {"name": "alt", "value": 30, "unit": "U/L", "uln": 40},
              {"name": "esr", "value": 45, "unit": "mm/h", "uln": 15}],
        joint_assessment={"tender_28": 10, "swollen_28": 7, "patient_global_mm": 70, "evaluator_global_mm": 60},
        findings={"ecog": 1, "lvef_percent": 62, "structural_heart_disease": False, "nyha_class": 1,
                  "estimated_survival_weeks": 500, "ra_management_problematic": True,
                  "pregnancy_planned_within_6_months": False},
        confirmations={"LOCAL-5DC21DAC9E": {"inc-6#crcl": "yes", "exc-1#study-drugs": "no"}}),
    "juvenile Sjögren (14 y)": _patient(
        date_of_birth="2011-02-20", sex="female", weight_kg=45,
        diagnoses=[{"code": "sjogren", "onset_date": "2022-06-01", "diagnosis_date": "2023-01-15",
                    "classification": ["aecg_2002"], "activity": "moderate"}],
        treatments=[_course("hydroxychloroquine", "2023-02-01", outcome="ongoing"),
                    _course("methotrexate", "2023-02-01", "2024-01-01", "inadequate_response"),
                    _course("mycophenolate mofetil", "2024-01-15", "2025-01-15", "inadequate_response"),
                    _course("prednisolone", "2023-02-01", outcome="ongoing", dose=7.5, dose_unit="mg/day"),
                    _course("rituximab", "2025-01-20", "2025-02-05", "inadequate_response")],
        findings={"systemic_involvement": True, "pregnant": False}),
    "dermatomyositis, refractory": _patient(
        date_of_birth="1977-08-30", sex="female", weight_kg=58,
        diagnoses=[{"code": "dermatomyositis", "diagnosis_date": "2021-05-01", "classification": ["bohan_peter"],
                    "activity": "moderate"}],
        treatments=[_course("prednisolone", "2021-05-01", outcome="ongoing", dose=20, dose_unit="mg/day"),
                    _course("methotrexate", "2021-06-01", "2022-06-01", "inadequate_response"),
                    _course("tacrolimus", "2022-07-01", outcome="ongoing")],
        labs=[{"name": "ast", "value": 30, "unit": "U/L", "uln": 40},
              {"name": "alt", "value": 28, "unit": "U/L", "uln": 40}],
        findings={"other_myopathy_cause": False, "severe_organ_disease": False, "pregnant": False,
                  "lactating": False, "childbearing_potential": True, "contraception_assured": True}),
    "SLE on high-dose steroid": _patient(
        date_of_birth="1990-03-03", sex="female", weight_kg=60,
        diagnoses=[{"code": "sle", "diagnosis_date": "2018-09-01", "classification": ["slicc_2012"],
                    "activity": "high"}],
        treatments=[_course("prednisolone", "2025-05-01", outcome="ongoing", dose=40, dose_unit="mg/day"),
                    _course("hydroxychloroquine", "2018-10-01", outcome="ongoing"),
                    _course("mycophenolate mofetil", "2019-01-01", outcome="ongoing")],
        labs=[{"name": "c3", "value": 0.6, "unit": "g/L", "lln": 0.9, "uln": 1.8},
              {"name": "egfr", "value": 85, "unit": "mL/min/1.73m²"}],
        findings={"lupus_nephritis_active": False, "severe_lung_disease": False, "pregnant": False},
        confirmations={"UMIN000042298": {"inc-1.1#induction": "yes"}}),
    "antisynthetase syndrome": _patient(
        date_of_birth="1973-11-11", sex="male", weight_kg=75,
        diagnoses=[{"code": "antisynthetase_syndrome", "diagnosis_date": "2023-02-01",
                    "classification": ["enmc_2020_asys"], "activity": "high"}],
        treatments=[_course("prednisolone", "2023-02-01", "2025-05-01", "inadequate_response", dose=30,
                            dose_unit="mg/day"),
                    _course("tacrolimus", "2023-03-01", "2025-05-20", "inadequate_response")],
        labs=[{"name": "ast", "value": 35, "unit": "U/L", "uln": 40},
              {"name": "alt", "value": 38, "unit": "U/L", "uln": 40}],
        findings={"ecog": 1, "lvef_percent": 58, "structural_heart_disease": False, "nyha_class": 1,
                  "estimated_survival_weeks": 400}),
    "healthy adult volunteer": _patient(
        date_of_birth="1995-07-07", sex="male", weight_kg=72, diagnoses=[], treatments=[],
        history={"healthy_volunteer": True}),
    "16-year-old with RA": _patient(
        date_of_birth="2009-01-20", sex="female", weight_kg=52,
        diagnoses=[{"code": "rheumatoid_arthritis", "diagnosis_date": "2023-03-01",
                    "classification": ["acr_eular_2010"], "activity": "moderate"}],
        treatments=[_course("methotrexate", "2023-04-01", outcome="ongoing")]),
    "pregnant woman with RA": _patient(
        date_of_birth="1993-04-04", sex="female", weight_kg=68,
        diagnoses=[{"code": "rheumatoid_arthritis", "diagnosis_date": "2019-06-01",
                    "classification": ["acr_eular_2010"], "activity": "moderate"}],
        treatments=[_course("hydroxychloroquine", "2019-07-01", outcome="ongoing"),
                    _course("methotrexate", "2019-07-01", "2024-09-01", "other")],
        findings={"pregnant": True}),
    "sparse chart (age, sex, RA only)": {
        "format_version": 1, "assessment_date": TODAY.isoformat(), "date_of_birth": "1960-01-01",
        "sex": "female", "diagnoses": [{"code": "rheumatoid_arthritis"}]},
}


def _median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def run(report) -> None:
    from core.catalog import database
    from core.catalog.bundle import build_bundled
    from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, evaluate_trial
    from core.patient.profile import profile_from_dict
    from core.questionnaire import Questionnaire, load_trials
    from core.questionnaire.simulate import answer_from

    with tempfile.TemporaryDirectory() as tmp:
        database.connect(build_bundled(Path(tmp) / "c.sqlite"))
        trials = load_trials()
        database.close()

    checklist = set().union(*(t.facts() for t in trials))
    confirm_items = {(t.trial_id, key) for t in trials for c in t.criteria for key, _ in c.confirm_prompts()}
    print(f"  candidate trials: {len(trials)}; full checklist: {len(checklist)} distinct facts "
          f"(+{len(confirm_items)} clinician confirmations)")
    header = (f"  {'patient':<42} {'asked':>5} {'facts':>5} {'ratio':>6}  verdicts (E/P/N)  "
              f"{'asked over the eligible trials alone':>36}")
    print(header)
    print("  " + "-" * (len(header) - 2))
    latencies: list[float] = []
    ratios: list[float] = []
    def drive(truth, candidates, timings=None) -> tuple[int, Questionnaire]:
        q = Questionnaire(None, candidates, today=TODAY)
        asked = 0
        while True:
            t0 = time.perf_counter()
            question = q.next_question()
            if timings is not None:
                timings.append((time.perf_counter() - t0) * 1000)
            if question is None:
                return asked, q
            q.answer(question.id, answer_from(truth, question))
            asked += 1

    for name, data in PATIENTS.items():
        truth = profile_from_dict(copy.deepcopy(data))
        asked, q = drive(truth, trials, latencies)
        verdicts = [q.verdict_of(t.trial_id) for t in trials]
        e, n = verdicts.count(ELIGIBLE), verdicts.count(NOT_ELIGIBLE)
        ratio = asked / len(checklist)
        ratios.append(ratio)
        # Confirming eligibility needs every criterion of an eligible trial answered, whatever the order:
        # what a questionnaire over only those trials asks shows how much of the count that is.
        eligible = [t for t in trials if q.verdict_of(t.trial_id) == ELIGIBLE]
        alone = str(drive(truth, eligible)[0]) if eligible else "-"
        print(f"  {name:<42} {asked:>5} {len(checklist):>5} {ratio:>6.2f}  {e}/{len(verdicts) - e - n}/{n}"
              f"{alone:>23}")
    print()
    report("questions asked / full checklist, median", statistics.median(ratios), "ratio",
           note="target <= 0.333")
    report("questions asked / full checklist, worst", max(ratios), "ratio")

    largest = max(trials, key=lambda t: len(t.criteria))
    truth = profile_from_dict(copy.deepcopy(PATIENTS["adult RA, refractory (D2T)"]))
    baseline = _median_ms(lambda: evaluate_trial(largest.trial_id, largest.criteria_dicts(), truth,
                                                 inclusion_logic=largest.inclusion_logic, today=TODAY), 50)
    report("next_question() after an answer, median", statistics.median(latencies), "ms",
           f"one evaluate_trial ({largest.trial_id}, {len(largest.criteria)} criteria)", baseline)
    report("next_question() after an answer, max", max(latencies), "ms")
