"""The procedures reader (core/criteria/extract/procedures.py): real phrasings from the corpus and near misses
that must give no rule."""

from __future__ import annotations

import pytest

from benchmarks.extraction_judge import judge
from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION


def _rule(text: str, kind: str):
    proposal = propose_rule(text, kind)
    return None if proposal is None else proposal.rule


def _inner(rule: dict) -> dict:
    return rule["rule"] if "step" in rule else rule


@pytest.mark.parametrize(("text", "fact", "op", "weeks"), [
    ("Major surgery within 4 weeks prior to the first dose of study drugs", "major_surgery", "<", 4.0),
    ("Major surgery within 28 days before enrolment", "major_surgery", "<", 4.0),
    ("Patients who had any major surgery within 2 weeks", "major_surgery", "<", 2.0),
    ("ECT within the past 6 months", "electroconvulsive_therapy", "<", 26.0),
    ("Intra-articular injections within 4 weeks prior to study entry", "intra_articular_injection", "<", 4.0),
    # the steroid is part of the procedure's name, never dropped (a test4 item, read once retired)
    ("Intra-articular corticosteroid injections within 30 days prior to study entry",
     "intra_articular_corticosteroid_injection", "<", 4.2857),
    ("Epidural steroid injection within 3 months", "epidural_steroid_injection", "<", 13.0),
    ("GON injection within last 3 months at time of entry into the trial", "greater_occipital_nerve_block", "<", 13.0),
    ("Back surgery in the past 6 months", "spinal_surgery", "<", 26.0),
    ("red blood cell transfusions within 8 weeks before screening", "red_cell_transfusion", "<", 8.0),
    ("Less than 2 weeks since major surgery.", "major_surgery", "<", 2.0),
])
def test_exclusion_windows(text, fact, op, weeks):
    rule = _rule(text, EXCLUSION)
    assert rule["step"]["kind"] == "other"  # the patient can wait: a step, as a washout
    assert _inner(rule) == {"fact": f"procedure_weeks_since:{fact}", "op": op, "value": weeks}


@pytest.mark.parametrize(("text", "fact", "op", "weeks"), [
    ("At least 4 weeks since prior major surgery", "major_surgery", ">=", 4.0),
    ("More than 4 weeks since prior major surgery", "major_surgery", ">", 4.0),
    (">= 3 weeks since major surgery", "major_surgery", ">=", 3.0),
    ("At least 6 months since prior radiotherapy", "radiotherapy", ">=", 26.0),
    ("At least 7 days since platelet transfusion", "platelet_transfusion", ">=", 1.0),
    ("At least 6 months since transplant", "transplantation", ">=", 26.0),
    ("No major surgery within 4 weeks", "major_surgery", ">=", 4.0),
])
def test_inclusion_time_since(text, fact, op, weeks):
    assert _inner(_rule(text, INCLUSION)) == {"fact": f"procedure_weeks_since:{fact}", "op": op, "value": weeks}


def test_both_windows_of_a_no_list_must_hold():
    rule = _inner(_rule("No PTCA or CABG within 3 months of enrollment.", INCLUSION))
    assert rule == {"all": [{"fact": "procedure_weeks_since:percutaneous_coronary_intervention", "op": ">=",
                             "value": 13.0}, {"fact": "procedure_weeks_since:cabg", "op": ">=", "value": 13.0}]}


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("Prior total body irradiation.", EXCLUSION,
     {"fact": "procedure:total_body_irradiation", "op": "=", "value": True}),
    ("No prior pelvic irradiation", INCLUSION, {"fact": "procedure:pelvic_radiotherapy", "op": "=", "value": False}),
    ("Prior autologous hematopoietic stem cell transplant", EXCLUSION,
     {"fact": "procedure:autologous_hsct", "op": "=", "value": True}),
    ("No organ allografts", INCLUSION, {"fact": "procedure:solid_organ_transplant", "op": "=", "value": False}),
    ("Hysterectomy", EXCLUSION, {"fact": "procedure:hysterectomy", "op": "=", "value": True}),
    ("No hip prosthesis", INCLUSION, {"fact": "procedure:hip_replacement", "op": "=", "value": False}),
    ("Hysterectomy or bilateral salpingo-oophorectomy.", EXCLUSION,
     {"any": [{"fact": "procedure:hysterectomy", "op": "=", "value": True},
              {"fact": "procedure:bilateral_oophorectomy", "op": "=", "value": True}]}),
    ("Palatal surgery or other restorative dental surgery", EXCLUSION,
     {"any": [{"fact": "procedure:palatal_surgery", "op": "=", "value": True},
              {"fact": "procedure:restorative_dental_surgery", "op": "=", "value": True}]}),
])
def test_history(text, kind, expected):
    assert _rule(text, kind) == expected


@pytest.mark.parametrize(("text", "kind", "expected"), [
    ("Surgery planned", EXCLUSION, True),
    ("Anticipated surgery within trial period.", EXCLUSION, True),
    ("Planned major surgery during the study", EXCLUSION, True),
    ("No planned major surgery during the study", INCLUSION, False),
    ("Scheduled for hip replacement", EXCLUSION, True),
])
def test_planned(text, kind, expected):
    rule = _rule(text, kind)
    assert rule["fact"].startswith("procedure_planned:") and rule["value"] is expected


@pytest.mark.parametrize(("text", "kind"), [
    ("At least 4 weeks since prior major surgery and recovered", INCLUSION),  # "recovered": judgement
    ("Major surgery within 4 weeks, other than biopsy", EXCLUSION),
    ("Prior radiation to target area", EXCLUSION),  # the target area: no such concept
    ("Prior palliative radiotherapy", EXCLUSION),
    ("Prior surgery", EXCLUSION),  # surgery for what? not said
    ("Radiotherapy", EXCLUSION),  # ever, or now? not said
    ("radiation therapy;", EXCLUSION),
    # "Radiotherapy or chemotherapy within the last 4 weeks." is read with the window on both parts
    # (treatment_lists.py; test_drug_blockers.py), never as radiotherapy ever
    ("Malignancy requiring chemotherapy or radiotherapy", EXCLUSION),
    ("No medical contraindication to surgery, radiotherapy, or immunotherapy", INCLUSION),
    ("Prior chemotherapy, radiation therapy, immunotherapy, or biotherapy for breast cancer", EXCLUSION),
    ("TRACK I: Planned concurrent chemotherapy, immunotherapy or radiotherapy", EXCLUSION),
    ("Surgery that in the investigator's opinion would interfere with the study", EXCLUSION),
    # ("Patients undergoing hemodialysis", INCLUSION) is read now: on haemodialysis (test_procedure_current.py)
    ("Major surgery within 8 weeks prior to and/or during study enrollment", EXCLUSION),
    ("At least 4 weeks since prior surgery or radiotherapy", INCLUSION),  # the last of either, or of both?
    ("Kidney transplantation", INCLUSION),  # done, or to be done?
])
def test_near_misses_give_no_procedure_rule(text, kind):
    rule = _rule(text, kind)
    assert rule is None or "procedure" not in str(rule), rule


def test_compare_reads_procedure_facts_faithfully():
    window = {"step": {"kind": "other", "text": "t"},
              "rule": {"fact": "procedure_weeks_since:greater_occipital_nerve_block", "op": "<", "value": 13.0}}
    reading = {"procedure": "greater occipital nerve injection", "time": {"within": [3, "months"]}}
    assert judge(window, reading, True) == "right"
    assert judge(window, {"procedure": "greater occipital nerve injection", "time": "ever"}, True) == "wrong"
    assert judge(window, {"procedure": "occipital nerve block", "time": {"within": [3, "months"]}}, True) == "wrong"
    planned = {"fact": "procedure_planned:major_surgery", "op": "=", "value": True}
    assert judge(planned, {"procedure": "major surgery", "time": "planned"}, False) == "right"
    assert judge(planned, {"procedure": "major surgery", "time": "ever"}, False) == "wrong"
    ever = {"fact": "procedure:kidney_transplant", "op": "=", "value": True}
    assert judge(ever, {"procedure": "renal transplant", "time": "ever"}, False) == "right"
    # a transplant had ever and the recipient's status condition are one atom, both ways
    assert judge({"fact": "condition:kidney_transplant", "op": "=", "value": True},
                 {"procedure": "kidney transplantation"}, False) == "right"
    assert judge(ever, {"condition": "kidney transplant recipient"}, False) == "right"
    assert judge(ever, {"procedure": "kidney transplantation", "time": "current"}, False) == "wrong"
