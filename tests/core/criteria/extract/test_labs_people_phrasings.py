"""More phrasings of labs, scores and the people facts (issue 16, round 3), each one recurring in the
dev side of the real criteria corpus, with the near-misses that must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import CONTRA, FERTILE_CONTRA, NOT_CBP, PREGNANCY_TEST, assert_reads, f

READINGS = [
    # "fertile patients" are men too: not the women's conditional, but the step with only women who cannot bear
    # children exempt (a post-menopausal woman is not asked to agree to contraception)
    ("Fertile patients must use effective contraception", INCLUSION, FERTILE_CONTRA),
    ("Fertile patients must use effective contraception during and for 4 weeks after study participation",
     INCLUSION, FERTILE_CONTRA),
    ("Fertile patients must use effective contraception during and for at least 2 months after study", INCLUSION,
     FERTILE_CONTRA),
    ("Fertile patients must use effective contraception before and during study", INCLUSION, FERTILE_CONTRA),
    ("Fertile patients must use effective contraception for 4 weeks before, during, and for 4 weeks after study "
     "participation", INCLUSION, FERTILE_CONTRA),
    ("Fertile patients must use effective contraception during and for up to 3 months after completion of study "
     "therapy", INCLUSION, FERTILE_CONTRA),
    ("Sexually active men and women must use an accepted and effective method of contraception", INCLUSION, CONTRA),
    ("Effective contraception required of all fertile patients", INCLUSION, FERTILE_CONTRA),
    ("Adequate contraception required of fertile patients", INCLUSION, FERTILE_CONTRA),
    ("Patients of reproductive potential must use effective contraception", INCLUSION, FERTILE_CONTRA),
    ("Agree to practice abstinence or use effective methods of birth control during the study", INCLUSION, CONTRA),
    ("Women of childbearing potential must use effective contraception during and for 3 months after completion "
     "of therapy", INCLUSION, {"any": [NOT_CBP, CONTRA]}),
    ("Negative pregnancy test required of fertile women", INCLUSION, {"any": [NOT_CBP, PREGNANCY_TEST]}),
    # "normal" for an analyte only high values make abnormal: at most the ULN
    ("Bilirubin normal", INCLUSION, f("bilirubin_x_uln", "<=", 1)),
    ("Creatinine normal", INCLUSION, f("creatinine_x_uln", "<=", 1)),
    ("Normal serum creatinine", INCLUSION, f("creatinine_x_uln", "<=", 1)),
    ("PT and PTT normal", INCLUSION,
     {"all": [f("lab_x_uln:prothrombin_time", "<=", 1), f("lab_x_uln:aptt", "<=", 1)]}),
    ("PT/PTT normal", INCLUSION, {"all": [f("lab_x_uln:prothrombin_time", "<=", 1), f("lab_x_uln:aptt", "<=", 1)]}),
    ("Total bilirubin within normal institutional limits", INCLUSION, f("bilirubin_x_uln", "<=", 1)),
    ("PT/PTT must be within normal range", INCLUSION,
     {"all": [f("lab_x_uln:prothrombin_time", "<=", 1), f("lab_x_uln:aptt", "<=", 1)]}),
    ("Creatinine within normal limits or creatinine clearance >= 60 ml/min", INCLUSION,
     {"any": [f("creatinine_x_uln", "<=", 1), f("creatinine_clearance", ">=", 60)]}),
    # CD4 counts of the HIV trials, ranges with both bounds
    ("CD4+ cell count of at least 300 cells/mm3.", INCLUSION, f("lab:cd4_count", ">=", 300)),
    ("Absolute CD4 count >= 400 cells/mm3", INCLUSION, f("lab:cd4_count", ">=", 400)),
    ("CD4 count 100 - 500 cells/mm3", INCLUSION,
     {"all": [f("lab:cd4_count", ">=", 100), f("lab:cd4_count", "<=", 500)]}),
    ("CD4 cell count between 200 and 500 cells/mm(3)", INCLUSION,
     {"all": [f("lab:cd4_count", ">=", 200), f("lab:cd4_count", "<=", 500)]}),
    ("HbA1c 6.5-10.0% at screening", INCLUSION, {"all": [f("lab:hba1c", ">=", 6.5), f("lab:hba1c", "<=", 10)]}),
    ("HbA1c >= 7.0% and <= 10.5%", INCLUSION, {"all": [f("lab:hba1c", ">=", 7), f("lab:hba1c", "<=", 10.5)]}),
    ("CD4+(T4) lymphocytes = or < 400 cells/mm3", INCLUSION, f("lab:cd4_count", "<=", 400)),  # "= or <" (NIH 1990s)
    ("Karnofsky = or > 70", INCLUSION, f("score:karnofsky", ">=", 70)),
    ("Absolute CD4 count of 200 cells/mm3 or greater.", INCLUSION, f("lab:cd4_count", ">=", 200)),
    ("CD4 cell count of 200 or more cells/mm3", INCLUSION, f("lab:cd4_count", ">=", 200)),
    ("Hemoglobin of 9 g/dL or higher", INCLUSION, f("hemoglobin", ">=", 9)),
    # lead words and notes of the newer records
    ("Coagulation international normalized ratio (INR) ≤ 1.5 ULN and APTT ≤ 1.5 ULN;", INCLUSION,
     {"all": [f("lab_x_uln:inr", "<=", 1.5), f("lab_x_uln:aptt", "<=", 1.5)]}),
    ("Platelets ≥ 100 000/uL (collected within 10 days prior to the start of study treatment)", INCLUSION,
     f("platelets", ">=", 100)),
    # ... and unbracketed: when the screening sample is drawn (ACTG "within 45 days prior to study entry")
    ("CD4 cell count of at least 350 cells/mm3 within 45 days prior to study entry.", INCLUSION,
     f("lab:cd4_count", ">=", 350)),
    ("Plasma HIV RNA >= 1000 copies/ml within 90 days of study entry", INCLUSION, f("lab:hiv_rna", ">=", 1000)),
    # "1.73m(2)" with no space, and "body surface area" spelled out
    ("GFR less than 25 ml/min/1.73m(2) BSA.", EXCLUSION, f("egfr", "<", 25)),
    ("eGFR less than 30 ml/min/1.73 m(2) body surface area", EXCLUSION, f("egfr", "<", 30)),
    # a saturation taken the standard way: at rest, on room air, by pulse oximetry
    ("Oxygen saturation more than 94% by pulse oximetry on room air", INCLUSION, f("lab:spo2", ">", 94)),
    ("Room air oxygen saturation greater than 90%", INCLUSION, f("lab:spo2", ">", 90)),
    ("O2 saturation is greater than 90 percent.", INCLUSION, f("lab:spo2", ">", 90)),
    ("Adequate bone marrow function (ANC ≥ 1.5x109/L, platelets ≥100x109/L, haemoglobin >9 g/dl);", INCLUSION,
     {"all": [f("neutrophils", ">=", 1.5), f("platelets", ">=", 100), f("hemoglobin", ">", 9)]}),
    ("Performance status 0-1 (ECOG PS);", INCLUSION, f("ecog", "<=", 1)),
    ("ECOG PS score: 0~1", INCLUSION, f("ecog", "<=", 1)),
    ("ECOG physical status score of 0-2;", INCLUSION, f("ecog", "<=", 2)),
    ("Mean QT interval corrected for heart rate (QTc) ≥ 470 ms", EXCLUSION, f("lab:qtc", ">=", 470)),
    ("Hematological:Neutrophil count <1.5×10^9/L; Platelet count < 75×10^9/L; Hemoglobin < 9 g/dL;", EXCLUSION,
     {"any": [f("neutrophils", "<", 1.5), f("platelets", "<", 75), f("hemoglobin", "<", 9)]}),
    ("Renal function:Creatinine≤1.5 times the upper limit of normal (ULN) or creatinine clearance rate ≥60ml/min,",
     INCLUSION, {"any": [f("creatinine_x_uln", "<=", 1.5), f("creatinine_clearance", ">=", 60)]}),
    ("LVEF < 50% (assessed by MUGA or ECHO)", EXCLUSION, f("lvef_percent", "<", 50)),
    ("The subject has a baseline QTc interval >450 ms.", EXCLUSION, f("lab:qtc", ">", 450)),
    ("The subject has an ECOG (Eastern Cooperative Oncology Group) performance status ≤2.", INCLUSION,
     f("ecog", "<=", 2)),
    # the WHO, Zubrod/SWOG and GOG performance scales are the ECOG scale
    ("WHO 0-2", INCLUSION, f("ecog", "<=", 2)),
    ("SWOG 0-2", INCLUSION, f("ecog", "<=", 2)),
    ("Performance status - GOG 0-2", INCLUSION, f("ecog", "<=", 2)),
    ("PS 0-2 (ECOG scale)", INCLUSION, f("ecog", "<=", 2)),
    ("Performance status 0-2", INCLUSION, f("ecog", "<=", 2)),
    ("ECOG/Zubrod status < 3", INCLUSION, f("ecog", "<", 3)),
    ("WHO performance status <= 2", INCLUSION, f("ecog", "<=", 2)),
    # Karnofsky and Lansky (the children's scale), alone or whichever applies
    ("Karnofsky PS 60-100%", INCLUSION, f("score:karnofsky", ">=", 60)),
    ("Lansky 50-100%", INCLUSION, f("score:lansky", ">=", 50)),
    ("Karnofsky or Lansky 50-100%", INCLUSION, {"any": [f("score:karnofsky", ">=", 50), f("score:lansky", ">=", 50)]}),
    ("Karnofsky performance status (PS) 70-100% OR Lansky PS 70-100%", INCLUSION,
     {"any": [f("score:karnofsky", ">=", 70), f("score:lansky", ">=", 70)]}),
    ("ECOG performance status (PS) 0-2 OR Karnofsky PS 60-100%", INCLUSION,
     {"any": [f("ecog", "<=", 2), f("score:karnofsky", ">=", 60)]}),
    # NYHA classes written as lists, ranges, "or greater"
    ("No New York Heart Association class III or IV heart disease", INCLUSION, f("nyha_class", "<", 3)),
    ("No NYHA class III/IV status", INCLUSION, f("nyha_class", "<", 3)),
    ("No NYHA class II-IV congestive heart failure", INCLUSION, f("nyha_class", "<", 2)),
    ("New York Heart Association (NYHA) grade II or greater congestive heart failure", EXCLUSION,
     f("nyha_class", ">=", 2)),
    ("Severe heart failure (NYHA class 4)", EXCLUSION, f("nyha_class", ">=", 4)),
    ("New York Heart Association class II, III or IV symptoms", EXCLUSION, f("nyha_class", ">=", 2)),
    # how the ejection fraction is measured does not change it
    ("LVEF at least 45% by MUGA or echocardiogram", INCLUSION, f("lvef_percent", ">=", 45)),
    ("LVEF >= 40% (by echocardiography or MUGA)", INCLUSION, f("lvef_percent", ">=", 40)),
]


@pytest.mark.parametrize(("text", "kind", "rule"), READINGS, ids=[r[0][:60] for r in READINGS])
def test_reading(text, kind, rule):
    assert_reads(text, kind, rule)


NO_RULE = [
    ("Karnofsky 0-2", INCLUSION),  # Karnofsky goes in tens: another scale (ECOG) was meant
    ("Performance status: Karnofsky 65-100%", INCLUSION),
    # life expectancy is the investigator's estimate: a judgement item, never a fact
    ("Life expectancy at least 3 months", INCLUSION),
    ("Life expectancy > 12 weeks", INCLUSION),
    ("Estimated survival of at least 6 months", INCLUSION),
    ("Fertile patients must use effective contraception", EXCLUSION),  # a requirement never excludes
    # after what? (h-people8 reads "during study and for 4 weeks after": after the study just named)
    ("Fertile patients must use effective contraception for 4 weeks after", INCLUSION),
    ("Negative pregnancy test required", INCLUSION),  # of whom? not said
    ("Fertile patients must use effective contraception before the study", INCLUSION),  # and during it?
    ("Platelet count normal", INCLUSION),  # low is abnormal too: two bounds, not read
    ("Platelet count within normal limits", INCLUSION),
    ("Calcium within normal limits", INCLUSION),
    ("Creatinine not within normal limits", EXCLUSION),
    ("Creatinine normal for age", INCLUSION),
    ("PT or PTT normal", INCLUSION),  # one of them only?
    ("Bilirubin normal", EXCLUSION),  # a normal value as a reason to exclude: not understood
    ("Normal renal function", INCLUSION),  # no analyte named
    ("CD4 count < 15%", INCLUSION),  # a percentage of lymphocytes, not a count
    ("Hemoglobin 10-16", INCLUSION),  # a range without a unit
    ("CD4 count 500 - 200 cells/mm3", INCLUSION),  # bounds the wrong way round
    ("Creatinine 1.5 mg/dl - 300 umol/l", INCLUSION),  # two units
    ("CD4 concentrations of 500 or less", EXCLUSION),  # no unit, and no band for one
    ("CD4 count of 200 cells/mm3 or more cells/mm3", INCLUSION),  # the unit twice: garbled
    ("Hemoglobin > 9 g/dL (collected within 10 days after transfusion)", INCLUSION),  # a note that changes it
    ("CD4 count < 200 cells/mm3 within 30 days after starting therapy", INCLUSION),  # a window after: not screening
    ("Exercise oxygen saturation at least 85%", INCLUSION),  # on exercise: not the resting saturation the app holds
    ("CD4 count < 200 cells/mm3 within the last 6 months", INCLUSION),  # a history of low counts, not the value now
    ("WHO 2", INCLUSION),  # exactly 2? a WHO class? not said
    ("WHO < 3", INCLUSION),  # without "performance status" only a range from 0 names the scale
    ("Performance status < 3", INCLUSION),  # the scale is not named: Karnofsky written short?
    ("WHO class II-III", INCLUSION),  # the WHO functional class (pulmonary hypertension), not performance
    ("Karnofsky or ECOG 50-100%", INCLUSION),  # one range cannot be both scales'
    ("NYHA class II", EXCLUSION),  # only class II? not read
    ("NYHA class II or IV", EXCLUSION),  # III left out: not a class and above
    ("LVEF at least 45% by MUGA or other", INCLUSION),
]


@pytest.mark.parametrize(("text", "kind"), NO_RULE, ids=[n[0][:60] for n in NO_RULE])
def test_no_rule(text, kind):
    assert propose_rule(text, kind) is None


def test_contraception_for_fertile_patients_is_a_step_and_modifiable():
    proposal = propose_rule("Fertile patients must use effective contraception", INCLUSION)
    assert proposal is not None and proposal.modifiable


@pytest.mark.parametrize(("facts", "needs_step"), [
    ({"sex": "female", "childbearing_potential": False}, False),  # post-menopausal: exempt
    ({"sex": "female", "childbearing_potential": True}, True),
    ({"sex": "male", "childbearing_potential": False}, True),  # a man is asked (no fact says he is not fertile)
])
def test_fertile_patients_contraception_exempts_only_women_who_cannot_bear_children(facts, needs_step):
    from core.matching.evaluate import Context, evaluate

    rule = propose_rule("Fertile patients must use effective contraception", INCLUSION).rule
    without_agreement = evaluate(rule, Context({**facts, "contraception_assured": False})).value
    assert without_agreement is (not needs_step)
