"""Patient vignettes for seed 002 (LOCAL-4D015546CB): abatacept in refractory dermatomyositis,
adults. Screened against the bundled catalog with its curation."""

from __future__ import annotations

from datetime import date

import pytest

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE

from .seedkit import DROP, merge, screen_one

TRIAL = "LOCAL-4D015546CB"
TODAY = date(2025, 3, 1)


pytestmark = pytest.mark.usefixtures("catalog")  # the seed catalog (conftest.py)


def base() -> dict:
    """A 44-year-old woman with Bohan-Peter DM: azathioprine failed, now prednisolone 20 mg/day + methotrexate."""
    return {
        "format_version": 1,
        "date_of_birth": "1980-05-10",
        "sex": "female",
        "weight_kg": 60,
        "diagnoses_complete": True,
        "diagnoses": [{"code": "dermatomyositis", "diagnosis_date": "2023-01-01", "classification": ["bohan_peter"]}],
        "treatments_complete": True,
        "treatments": [
            {"drug": "prednisolone", "start": "2023-01-15", "dose": 20, "dose_unit": "mg/day", "outcome": "ongoing"},
            {"drug": "azathioprine", "start": "2023-02-01", "stop": "2023-08-01", "outcome": "inadequate_response"},
            {"drug": "methotrexate", "start": "2023-09-01", "dose": 15, "dose_unit": "mg/week", "outcome": "ongoing"},
        ],
        "labs": [
            {"name": "ast", "value": 30, "unit": "U/L", "uln": 40, "date": "2025-02-20"},
            {"name": "alt", "value": 25, "unit": "U/L", "uln": 40, "date": "2025-02-20"},
        ],
        "findings": {"other_myopathy_cause": False, "severe_organ_disease": False, "pregnant": False,
                     "lactating": False, "childbearing_potential": True, "contraception_assured": True},
        "history": {"active_infection": False, "hbsag_positive": False, "hcv_antibody_positive": False,
                    "tb_active": False, "tb_treated_within_3_years": False, "tb_latent": False,
                    "severe_drug_allergy": False, "mental_disorder": False, "unable_to_cooperate": False},
        "consent": {"informed_consent": True},
        "confirmations": {TRIAL: {"inc-2#stable_dose": "yes", "inc-3": "yes", "exc-1#other": "no"}},
    }


def screen(data: dict):
    return screen_one(data, TRIAL, TODAY)


def course(drug, start, stop=None, outcome="ongoing", dose=None, unit=None):
    out = {"drug": drug, "start": start, "outcome": outcome}
    if stop:
        out["stop"] = stop
    if dose is not None:
        out.update(dose=dose, dose_unit=unit)
    return out


def labs(ast=30, alt=25):
    return {"labs": [{"name": "ast", "value": ast, "unit": "U/L", "uln": 40},
                     {"name": "alt", "value": alt, "unit": "U/L", "uln": 40}]}


def with_diagnosis(code):
    return {"diagnoses": base()["diagnoses"] + [{"code": code}]}



# (name, patch on base(), verdict, deciding)
CASES = [
    ("clear match", {}, ELIGIBLE, []),
    ("clinically amyopathic DM by Sontheimer",
     {"diagnoses": [{"code": "clinically_amyopathic_dermatomyositis", "classification": ["sontheimer"]}]},
     ELIGIBLE, []),
    ("male patient, pregnancy questions not asked",
     {"sex": "male", "findings": {"pregnant": DROP, "lactating": DROP, "childbearing_potential": DROP,
                                  "contraception_assured": DROP}}, ELIGIBLE, []),
    # --- inc-1: classification, age >= 18 ---
    ("age exactly 18", {"date_of_birth": "2007-03-01"}, ELIGIBLE, []),
    ("one day short of 18: eligible from the birthday", {"date_of_birth": "2007-03-02"}, ELIGIBLE, []),
    ("neither Bohan-Peter nor Sontheimer",
     {"diagnoses": [{"code": "dermatomyositis", "classification": ["eular_acr_2017_iim"],
                     "classification_not_met": ["bohan_peter", "sontheimer"]}]}, NOT_ELIGIBLE, ["inc-1"]),
    # --- inc-2: refractory definition ---
    ("glucocorticoid + immunosuppressant exactly 3 months is enough",
     {"treatments": [course("azathioprine", "2023-06-01", "2023-12-31", outcome="intolerance"),
                     course("methotrexate", "2024-01-01", dose=15, unit="mg/week"),
                     course("prednisolone", "2024-12-01", dose=20, unit="mg/day")]}, ELIGIBLE, []),
    ("glucocorticoid + immunosuppressant only 2 months, ongoing: eligible from 3 months",
     {"treatments": [course("azathioprine", "2023-06-01", "2023-12-31", outcome="intolerance"),
                     course("methotrexate", "2024-01-01", dose=15, unit="mg/week"),
                     course("prednisolone", "2025-01-01", dose=20, unit="mg/day")]}, ELIGIBLE, []),
    ("glucocorticoid + immunosuppressant only 2 months, prednisolone stopped",
     {"treatments": [course("azathioprine", "2023-06-01", "2023-12-31", outcome="intolerance"),
                     course("methotrexate", "2024-01-01", dose=15, unit="mg/week"),
                     course("prednisolone", "2024-12-01", "2025-02-01", outcome="other", dose=20, unit="mg/day")]},
     NOT_ELIGIBLE, ["inc-2"]),
    ("longest immunosuppressant course exactly 3 months, ongoing: more than 3 from tomorrow",
     {"treatments": [course("azathioprine", "2024-12-01", outcome="ongoing"),
                     course("prednisolone", "2024-12-01", dose=20, unit="mg/day")],
      "confirmations": {TRIAL: {"inc-2#failure": "yes"}}}, ELIGIBLE, []),
    ("longest immunosuppressant course exactly 3 months and stopped is not more than 3",
     {"treatments": [course("azathioprine", "2024-12-01", "2025-03-01", outcome="intolerance"),
                     course("prednisolone", "2024-12-01", dose=20, unit="mg/day")]}, NOT_ELIGIBLE, ["inc-2"]),
    ("failure not recorded but confirmed by the clinician (regimen still ongoing)",
     {"treatments": [course("prednisolone", "2024-01-01", dose=20, unit="mg/day"),
                     course("methotrexate", "2024-01-01", dose=15, unit="mg/week")],
      "confirmations": {TRIAL: {"inc-2#failure": "yes"}}}, ELIGIBLE, []),
    ("no recorded failure and the clinician says the regimen has not failed",
     {"treatments": [course("prednisolone", "2024-01-01", dose=20, unit="mg/day"),
                     course("methotrexate", "2024-01-01", dose=15, unit="mg/week")],
      "confirmations": {TRIAL: {"inc-2#failure": "no"}}}, NOT_ELIGIBLE, ["inc-2"]),
    ("glucocorticoid exactly 1 mg/kg/day is not below 1: dose reduction is a step before enrolment",
     {"treatments": [course("prednisolone", "2023-01-15", dose=60, unit="mg/day"),
                     course("azathioprine", "2023-02-01", "2023-08-01", outcome="inadequate_response")]},
     ELIGIBLE, []),
    ("methylprednisolone 40 mg/day = 50 mg prednisone, 0.83 mg/kg/day",
     {"treatments": [course("methylprednisolone", "2023-01-15", dose=40, unit="mg/day"),
                     course("azathioprine", "2023-02-01", "2023-08-01", outcome="inadequate_response")]},
     ELIGIBLE, []),
    ("stable dose not yet 3 months: a step before enrolment", {"confirmations": {TRIAL: {"inc-2#stable_dose": "no"}}},
     ELIGIBLE, []),
    # --- inc-3 washout, inc-4 consent ---
    ("washout not completed: a step before enrolment", {"confirmations": {TRIAL: {"inc-3": "no"}}}, ELIGIBLE, []),
    ("consent refused", {"consent": {"informed_consent": False}}, NOT_ELIGIBLE, ["inc-4"]),
    # --- each exclusion on its own ---
    ("exc-1 rheumatoid arthritis", with_diagnosis("rheumatoid_arthritis"), NOT_ELIGIBLE, ["exc-1"]),
    ("exc-1 SLE", with_diagnosis("sle"), NOT_ELIGIBLE, ["exc-1"]),
    ("exc-1 systemic sclerosis", with_diagnosis("systemic_sclerosis"), NOT_ELIGIBLE, ["exc-1"]),
    ("exc-1 Sjögren's", with_diagnosis("sjogren"), NOT_ELIGIBLE, ["exc-1"]),
    ("exc-1 primary biliary cholangitis", with_diagnosis("primary_biliary_cholangitis"), NOT_ELIGIBLE, ["exc-1"]),
    ("exc-1 another rheumatic disease per the clinician", {"confirmations": {TRIAL: {"exc-1#other": "yes"}}},
     NOT_ELIGIBLE, ["exc-1"]),
    ("exc-2 other cause of myopathy", {"findings": {"other_myopathy_cause": True}}, NOT_ELIGIBLE, ["exc-2"]),
    ("AST exactly 2 x ULN is not more than 2", labs(ast=80), ELIGIBLE, []),
    # raised transaminases exclude only once the clinician confirms liver (not muscle) origin
    ("exc-3 AST just above 2 x ULN, origin not confirmed", labs(ast=81), POSSIBLY_ELIGIBLE, []),
    ("exc-3 AST just above 2 x ULN, liver origin", {**labs(ast=81), "confirmations": {
        "LOCAL-4D015546CB": {"exc-3#liver_origin": "yes"}}}, NOT_ELIGIBLE, ["exc-3"]),
    ("exc-3 ALT 2.5 x ULN from muscle", {**labs(alt=100), "confirmations": {
        "LOCAL-4D015546CB": {"exc-3#liver_origin": "no"}}}, ELIGIBLE, []),
    ("exc-3 severe organ disease", {"findings": {"severe_organ_disease": True}}, NOT_ELIGIBLE, ["exc-3"]),
    ("exc-4 active infection", {"history": {"active_infection": True}}, NOT_ELIGIBLE, ["exc-4"]),
    ("exc-4 HBsAg positive", {"history": {"hbsag_positive": True}}, NOT_ELIGIBLE, ["exc-4"]),
    ("exc-4 anti-HCV positive", {"history": {"hcv_antibody_positive": True}}, NOT_ELIGIBLE, ["exc-4"]),
    ("exc-4 active TB", {"history": {"tb_active": True}}, NOT_ELIGIBLE, ["exc-4"]),
    ("exc-4 TB treated within 3 years", {"history": {"tb_treated_within_3_years": True}}, NOT_ELIGIBLE, ["exc-4"]),
    ("exc-4 latent TB", {"history": {"tb_latent": True}}, NOT_ELIGIBLE, ["exc-4"]),
    ("exc-5 pregnant", {"findings": {"pregnant": True}}, NOT_ELIGIBLE, ["exc-5"]),
    ("exc-5 breastfeeding", {"findings": {"lactating": True}}, NOT_ELIGIBLE, ["exc-5"]),
    ("exc-5 childbearing potential, contraception not yet agreed: a step",
     {"findings": {"contraception_assured": False}}, ELIGIBLE, []),
    ("no childbearing potential, contraception irrelevant",
     {"findings": {"childbearing_potential": False, "contraception_assured": False}}, ELIGIBLE, []),
    ("exc-6 severe drug allergy", {"history": {"severe_drug_allergy": True}}, NOT_ELIGIBLE, ["exc-6"]),
    ("exc-7 mental disorder", {"history": {"mental_disorder": True}}, NOT_ELIGIBLE, ["exc-7"]),
    ("exc-7 unable to cooperate", {"history": {"unable_to_cooperate": True}}, NOT_ELIGIBLE, ["exc-7"]),
    ("pregnant 17-year-old: inclusion and exclusion both named",
     {"date_of_birth": "2008-01-01", "findings": {"pregnant": True}}, NOT_ELIGIBLE, ["inc-1", "exc-5"]),
]


@pytest.mark.parametrize(("patch", "verdict", "deciding"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_vignette(patch, verdict, deciding):
    v = screen(merge(base(), patch))
    assert v.verdict == verdict, v.to_json()
    assert v.deciding == deciding


# Missing facts: unknown is never "no" -> possibly_eligible with the open criteria listed.
MISSING = [
    # inc-3 (the washout) is a step before enrolment: listed, not "to verify".
    ("empty profile", None, ["inc-1", "inc-2", "inc-4",
                             "exc-1", "exc-2", "exc-3", "exc-4", "exc-5", "exc-6", "exc-7"]),
    ("no date of birth", {"date_of_birth": DROP}, ["inc-1"]),
    ("classification not recorded", {"diagnoses": [{"code": "dermatomyositis"}]}, ["inc-1"]),
    ("failure neither recorded nor confirmed",
     {"treatments": [course("prednisolone", "2024-01-01", dose=20, unit="mg/day"),
                     course("methotrexate", "2024-01-01", dose=15, unit="mg/week")]}, ["inc-2"]),
    ("consent not recorded", {"consent": DROP}, ["inc-4"]),
    ("diagnosis list not complete", {"diagnoses_complete": False}, ["exc-1"]),
    ("'not limited to' question not answered", {"confirmations": {TRIAL: {"exc-1#other": DROP}}}, ["exc-1"]),
    ("no liver tests", {"labs": []}, ["exc-3"]),
    ("pregnancy not asked", {"findings": {"pregnant": DROP}}, ["exc-5"]),
    ("infection history not taken", {"history": {"active_infection": DROP, "tb_latent": DROP}}, ["exc-4"]),
]


@pytest.mark.parametrize(("patch", "to_verify"), [c[1:] for c in MISSING], ids=[c[0] for c in MISSING])
def test_missing_facts_leave_the_patient_possibly_eligible(patch, to_verify):
    data = {"format_version": 1} if patch is None else merge(base(), patch)
    v = screen(data)
    assert v.verdict == POSSIBLY_ELIGIBLE, v.to_json()
    assert v.to_verify == to_verify
    assert v.deciding == []


def test_washout_criterion_is_a_clinician_question_and_a_step():
    v = screen(merge(base(), {"confirmations": {TRIAL: {"inc-3": DROP}}}))
    inc3 = v.criterion("inc-3")
    assert (inc3.status_now, inc3.status, inc3.basis) == ("unknown", "met_after_steps", "rule")
    assert inc3.sentence.startswith("To be confirmed by the clinician: Has the washout period")
    assert [(s["kind"], s["needed"]) for s in inc3.steps] == [("washout", None)]


def test_every_criterion_is_curated():
    v = screen(base())
    assert all(c.basis == "rule" and not c.problems for c in v.criteria)
