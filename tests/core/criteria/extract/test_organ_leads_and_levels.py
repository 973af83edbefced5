"""Labs, organ function and scores, round 8 (issue 16): an organ's failing function named before the thresholds that
define it (``organ_leads``), a lab named elevated (``lab_levels``), a threshold restated with its comparator in
brackets, urine amounts per day or 24 hours, Child-Pugh classes read from the score's bands, an instrument named
without its kind word or after the value; with the near-misses that must stay unread. The phrasings are the dev
side's (``scripts/extract/mine.py``)."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_reads, f

READINGS = [
    # an organ's failing function, then its definition: the definition (a negation before it kept)
    ("Impaired renal function as defined by serum creatinine greater than 1.5 mg/dL or estimated creatinine "
     "clearance less than 30 ml/min.", EXCLUSION,
     {"any": [f("creatinine", ">", 132.6), f("creatinine_clearance", "<", 30)]}),
    ("Liver function impairment (total bilirubin greater than 2.0 mg/dl; AST or ALT greater than 3 times the upper "
     "limit of normal).", EXCLUSION,
     {"any": [f("bilirubin", ">", 34.2), f("ast_x_uln", ">", 3), f("alt_x_uln", ">", 3)]}),
    ("Granulocytopenia (absolute neutrophil count less than 1,000/mm3)", EXCLUSION, f("neutrophils", "<", 1)),
    ("No presence of severe renal insufficiency as indicated by a serum creatinine greater than or equal to 3.0.",
     INCLUSION, f("creatinine", "<", 265.2)),
    ("No severe liver disease (ALT or AST greater than 5 times the upper limit of normal).", INCLUSION,
     {"all": [f("ast_x_uln", "<=", 5), f("alt_x_uln", "<=", 5)]}),
    ("No patients with impaired hepatic function (total bilirubin greater than 1.4).", INCLUSION,
     f("bilirubin", "<=", 23.94)),
    ("Patients with severe hepatic dysfunction (Child-Pugh Class C)", EXCLUSION, f("score:child_pugh", ">=", 10)),
    ("Patients with decreased renal function (creatinine greater than 1.5)", EXCLUSION, f("creatinine", ">", 132.6)),
    ("Uncontrolled hypertension (defined as diastolic greater than 100 mm Hg).", EXCLUSION,
     f("lab:diastolic_bp", ">", 100)),
    ("Patients must not have hypotension (i.e., systolic blood pressure less than 100 mmHg).", INCLUSION,
     f("lab:systolic_bp", ">=", 100)),
    ("Thrombocytopenia (defined as platelets < 100,000/mm3)", EXCLUSION, f("platelets", "<", 100)),
    # the requirement's own wording: "preserved" as "adequate"
    ("Preserved hematologic function (WBC greater than or equal to 3000/mm3; granulocytes greater than 1500/mm3; "
     "platelets greater than or equal to 100,000/mm3).", INCLUSION,
     {"all": [f("wbc", ">=", 3), f("neutrophils", ">", 1.5), f("platelets", ">=", 100)]}),
    # a lab named elevated: above the ULN
    ("Elevated bilirubin", EXCLUSION, f("bilirubin_x_uln", ">", 1)),
    ("Elevated creatinine level", EXCLUSION, f("creatinine_x_uln", ">", 1)),
    ("Elevated calcium level", EXCLUSION, f("lab_x_uln:calcium", ">", 1)),
    ("Transaminase elevation", EXCLUSION, {"any": [f("ast_x_uln", ">", 1), f("alt_x_uln", ">", 1)]}),
    # the same threshold restated in another unit, with its comparator
    ("Platelet count ≥ 50,000 /μL (≥ 50 x 10^9/L).", INCLUSION, f("platelets", ">=", 50)),
    ("Hemoglobin ≥ 9 g/dL (≥ 90 g/L)", INCLUSION, f("hemoglobin", ">=", 9)),
    # urine amounts a day
    ("Proteinuria greater than 1 gram/day;", EXCLUSION, f("lab:proteinuria_24h", ">", 1)),
    ("Proteinuria greater than 5 g/24 hr", INCLUSION, f("lab:proteinuria_24h", ">", 5)),
    ("Proteinuria greater than 500 mg/24 hrs", EXCLUSION, f("lab:proteinuria_24h", ">", 0.5)),
    # Child-Pugh classes: the score's bands (A <= 6, B 7-9, C >= 10)
    ("Child-Pugh class B or C", EXCLUSION, f("score:child_pugh", ">=", 7)),
    ("Child-Pugh class B", EXCLUSION, {"all": [f("score:child_pugh", ">=", 7), f("score:child_pugh", "<=", 9)]}),
    ("Child-Pugh class A", INCLUSION, f("score:child_pugh", "<=", 6)),
    # an instrument without its kind word, or named after the value
    ("Beck Depression score of 10 or higher", INCLUSION, f("score:bdi", ">=", 10)),
    ("A score of 10 or higher on the Beck Depression Inventory", INCLUSION, f("score:bdi", ">=", 10)),
    ("Total score of 20 or higher on the MADRS", INCLUSION, f("score:madrs", ">=", 20)),
    # "no greater than normal" is "normal" (at most 1 x ULN, high-only analytes); how a GFR is measured is not read
    ("Bilirubin no greater than normal", INCLUSION, f("bilirubin_x_uln", "<=", 1)),
    ("Creatinine clearance or radioisotope glomerular filtration rate at least 70 mL/min", INCLUSION,
     {"any": [f("creatinine_clearance", ">=", 70), f("egfr", ">=", 70)]}),
    # NYHA: classes from I up are at most the highest; the failure named before its class
    ("NYHA I-II functional status", INCLUSION, f("nyha_class", "<=", 2)),
    ("NYHA class I, II or III", INCLUSION, f("nyha_class", "<=", 3)),
    ("congestive heart-failure NYHA class ≥ II", EXCLUSION, f("nyha_class", ">=", 2)),
    ("Congestive heart failure (CHF) Class III/IV according to the New York Heart Association (NYHA) Functional "
     "Classification", EXCLUSION, f("nyha_class", ">=", 3)),
    # the ECOG scale in translated protocols' words
    ("The ECOG behavior status score is less than 3 points;", INCLUSION, f("ecog", "<", 3)),
    ("Eastern Cooperative Oncology Group (ECOG) score standard: 0-2.", INCLUSION, f("ecog", "<=", 2)),
    ("ECOG standard score 0-1;", INCLUSION, f("ecog", "<=", 1)),
    ("Patients must have an ECOG performance standard of 0, 1 or 2", INCLUSION, f("ecog", "<=", 2)),
    # "Patients must have adequate X function with / as documented by …": its definition
    ("Patients must have adequate renal function as documented by a serum creatinine < 2.0 mg/dL", INCLUSION,
     f("creatinine", "<", 176.8)),
    ("Patients must have adequate renal function with serum creatinine < 1.5 mg %.", INCLUSION,
     f("creatinine", "<", 132.6)),
]


@pytest.mark.parametrize(("text", "kind", "rule"), READINGS, ids=[r[0][:60] for r in READINGS])
def test_reading(text, kind, rule):
    assert_reads(text, kind, rule)


NO_RULE = [
    ("Hepatic impairment (creatinine > 2 mg/dL)", EXCLUSION),  # not the organ's own analyte
    ("Impaired renal function (creatinine less than 1.5 mg/dl)", EXCLUSION),  # a normal value: not a definition
    ("History of renal failure (creatinine > 3 mg/dL)", EXCLUSION),  # a history: not today's result
    ("Hepatic impairment (Child-Pugh class A)", EXCLUSION),
    ("Hypotension (systolic blood pressure > 140 mmHg)", EXCLUSION),  # the wrong side: not its definition
    ("Uncontrolled hypertension (i.e., blood pressure > 150/100 mm Hg despite antihypertensive medication)",
     EXCLUSION),  # a part not read  # class A is the mildest: not a definition of impairment
    ("Patients must not have impaired renal function (serum creatinine greater than or equal to twice the upper "
     "limit of normal for age).", INCLUSION),  # "normal for age": not read
    ("Abnormal PT, PTT, or platelet count less than 50.", EXCLUSION),  # "abnormal": the labels' own finding
    ("Persistently elevated ALT", EXCLUSION),  # several results
    ("Elevated WBC at presentation", INCLUSION),  # at diagnosis, not now
    ("Elevated liver enzymes", EXCLUSION),  # which enzymes?
    ("High white blood count", EXCLUSION),
    ("Elevated AST or ALT > 3 x ULN", EXCLUSION),  # the threshold is the elevation's own, not a part of the list
    ("Hepatic transaminase elevations or total bilirubin values of > 3 times normal.", EXCLUSION),
    ("Children, ages 8 to 10, with elevated LDL-C levels.", INCLUSION),  # a number in the item: not read
    ("Platelet count ≥ 50,000 /μL (≥ 80 x 10^9/L).", INCLUSION),  # not the same threshold
    ("Platelet count ≥ 50,000 /μL (≤ 50 x 10^9/L).", INCLUSION),  # not the same comparator
    ("Child-Pugh class A or C", EXCLUSION),  # not one stretch of the scale
    ("Depression score of 10 or higher", INCLUSION),  # no instrument named
    ("WHO 2 points", INCLUSION),  # a bare WHO grade: which scale?
    ("Platelet count no greater than normal", INCLUSION),  # low is abnormal too
    ("NYHA class I or III", INCLUSION),  # not a run of classes
    ("Patients must have adequate organ function.", INCLUSION),  # no definition
]


@pytest.mark.parametrize(("text", "kind"), NO_RULE, ids=[n[0][:60] for n in NO_RULE])
def test_no_rule(text, kind):
    assert propose_rule(text, kind) is None


# numbered clauses inside one item (enumerated.py)
NUMBERED = [
    ("Subjects with any of following abnormal laboratory values: (1)Total bilirubin exceeding 3.0 mg/dL, (2)serum "
     "creatinine exceeding 3.0 mg/dL, (3)serum sodium exceeding 147 mEq/L, (4)serum potassium exceeding 5.5 mEq/L",
     EXCLUSION, {"any": [f("bilirubin", ">", 51.3), f("creatinine", ">", 265.2), f("lab:sodium", ">", 147),
                         f("lab:potassium", ">", 5.5)]}),
    ("Biochemical tests meet the following criteria i) total bilirubin ≤1.5 times of upper limit of normal (ULN); "
     "ii) serum creatinine ≤1.25 ULN", INCLUSION,
     {"all": [f("bilirubin_x_uln", "<=", 1.5), f("creatinine_x_uln", "<=", 1.25)]}),
    ("Laboratory values meet both of the following: a. CRP > 30 mg/L. b. Platelet count ≥ 100,000/mm3.", INCLUSION,
     {"all": [f("crp", ">", 30), f("platelets", ">=", 100)]}),
]


@pytest.mark.parametrize(("text", "kind", "rule"), NUMBERED, ids=[r[0][:60] for r in NUMBERED])
def test_numbered_clauses_are_read_each(text, kind, rule):
    assert_reads(text, kind, rule)


def test_a_numbered_clause_not_read_is_asked_never_dropped():
    text = ("Active disease confirmed by the following three signs. a. Active arthritis in at least one joint. "
            "b. CRP > 30 mg/L. c. Fever attributable to the disease.")
    proposal = propose_rule(text, INCLUSION)
    assert proposal is not None
    parts = proposal.rule["all"]
    assert parts[0] == f("crp", ">", 30)
    assert "Active arthritis in at least one joint; Fever attributable to the disease" in parts[1]["confirm"]


NUMBERED_NO_RULE = [
    ("At least two of the following: (1) CRP > 10 mg/L (2) ESR > 30 mm/h (3) platelets < 100 x 10^9/L",
     INCLUSION),  # a count of some
    ("Patients with chronic kidney disease who meet both of the following criteria; i) eGFR greater than 25 "
     "mL/min/1.73 m2, ii) CRP > 10 mg/L", INCLUSION),  # the lead names a condition
    ("Laboratory values: i) CRP > 10 mg/L; iii) ESR > 30 mm/h", INCLUSION),  # markers out of order
    ("Patients with any of the following: (1) anuria (2) urination impaired due to urinary tract stricture",
     EXCLUSION),  # no clause read
]


@pytest.mark.parametrize(("text", "kind"), NUMBERED_NO_RULE, ids=[n[0][:60] for n in NUMBERED_NO_RULE])
def test_numbered_clauses_no_rule(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("heading", "read"), [
    ("Adequate hematopoietic, hepatic, and renal function obtained <=4 weeks prior to study entry:", True),
    ("Adequate hematologic and metabolic parameters within four weeks of study entry:", True),
    ("Adequate renal function for patients over 65:", False),  # a group of its own
    ("Adequate organ function within 4 weeks unless transfused:", False),  # a condition
])
def test_a_lab_leadin_with_its_sampling_time_lets_its_items_be_read(heading, read):
    from core.criteria.extract import propose_rules
    from core.trial_record import CriterionNode

    node = CriterionNode(kind=INCLUSION, text=heading,
                         children=[CriterionNode(kind=INCLUSION, text="Platelet count at least 100,000/mm^3")])
    out = propose_rules([node])
    assert (out["inc-1.1"].rule if out["inc-1.1"] else None) == (f("platelets", ">=", 100) if read else None)
