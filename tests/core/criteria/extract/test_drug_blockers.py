"""Treatment, washout and other-trial phrasings read after the blocking-word count of issue 16
(``scripts/extract/drug_blockers.py``): "prior or concurrent X", "are receiving X", "have used X within N",
"since other prior investigational drugs", a drug name with a digit, "(at least N weeks since prior Y)", one
window over drugs and procedures, more anchors, "Excluded within the past month:"; and the near-misses that
must stay unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule, propose_rules
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_facts_and_steps, rule_of, tree
from tests.core.criteria.extract.phrasings import facts_of as _facts
from tests.core.criteria.extract.phrasings import steps_of as _steps


@pytest.mark.parametrize(("text", "kind", "facts", "steps"), [
    # "prior or concurrent X": what was received, now included
    ("No prior or concurrent chemotherapy", INCLUSION, [("drug_ever:chemotherapy", "=", False)], []),
    ("No prior or concurrent biologic therapy", INCLUSION, [("drug_ever:biologic", "=", False)], []),
    ("Prior or concurrent chemotherapy", EXCLUSION, [("drug_ever:chemotherapy", "=", True)], []),
    # an item under "Patients will not be eligible if they:" keeps its verb
    ("Are taking indomethacin", EXCLUSION, [("drug_current:indometacin", "=", True)], ["stop_medication"]),
    ("Are currently taking any anti-HIV drugs.", EXCLUSION, [("drug_current:antiretroviral", "=", True)],
     ["stop_medication"]),
    ("Are on anti-HIV therapy.", INCLUSION, [("drug_current:antiretroviral", "=", True)], []),
    # "used" with its window
    ("Have used benzodiazepines within 1 month of study entry.", EXCLUSION,
     [("drug_weeks_since:benzodiazepine", "<", 4.3333)], ["washout"]),
    ("Patients who have used antiretroviral medications within the previous 3 months.", EXCLUSION,
     [("drug_weeks_since:antiretroviral", "<", 13.0)], ["washout"]),
    # "other" than the study's own investigational drug
    ("At least 30 days since other prior investigational drugs", INCLUSION,
     [("drug_weeks_since:investigational_product", ">=", 4.2857)], ["washout"]),
    ("At least 4 weeks since other investigational agents", INCLUSION,
     [("drug_weeks_since:investigational_product", ">=", 4.0)], ["washout"]),
    # a digit inside a drug's name
    ("At least 8 weeks since prior interleukin-2", INCLUSION, [("drug_weeks_since:aldesleukin", ">=", 8.0)],
     ["washout"]),
    # the bracketed period of some drugs with its own "at least"
    ("At least 4 weeks since prior chemotherapy (at least 6 weeks since prior nitrosoureas or mitomycin)", INCLUSION,
     [("drug_weeks_since:chemotherapy", ">=", 4.0), ("drug_weeks_since:nitrosourea", ">=", 6.0),
      ("drug_weeks_since:mitomycin", ">=", 6.0)], ["washout", "washout"]),
    # one window over drugs and procedures
    ("Radiotherapy or chemotherapy within the last 4 weeks.", EXCLUSION,
     [("procedure_weeks_since:radiotherapy", "<", 4.0), ("drug_weeks_since:chemotherapy", "<", 4.0)],
     ["other", "washout"]),
    ("Chemotherapy, steroid therapy, or radiation therapy within 30 days of study entry", EXCLUSION,
     [("drug_weeks_since:chemotherapy", "<", 4.2857), ("drug_weeks_since:corticosteroid", "<", 4.2857),
      ("procedure_weeks_since:radiotherapy", "<", 4.2857)], ["washout", "washout", "other"]),
    ("Received blood transfusion, erythropoietin, or granulocyte colony stimulating factor treatment within 2 weeks "
     "prior to enrollment;", EXCLUSION,
     [("procedure_weeks_since:blood_transfusion", "<", 2.0), ("drug_weeks_since:epoetin_alfa", "<", 2.0),
      ("drug_weeks_since:g_csf", "<", 2.0)], ["other", "washout", "washout"]),
    ("No chemotherapy or radiotherapy within the past 4 weeks", INCLUSION,
     [("drug_weeks_since:chemotherapy", ">=", 4.0), ("procedure_weeks_since:radiotherapy", ">=", 4.0)],
     ["washout", "other"]),
    # anchors: the study's start in other words
    ("Treatment with any investigational drug within 30 days prior to entry into the study", EXCLUSION,
     [("drug_weeks_since:investigational_product", "<", 4.2857)], ["washout"]),
    ("Methotrexate within 4 weeks before starting therapy", EXCLUSION, [("drug_weeks_since:methotrexate", "<", 4.0)],
     ["washout"]),
    ("Have received an HIV vaccine within 3 months before the study drug will be taken.", EXCLUSION,
     [("drug_weeks_since:hiv_vaccine", "<", 13.0)], ["vaccine_wait"]),
    ("Rifampin or rifabutin within 21 days prior to initial study drug dose.", EXCLUSION,
     [("drug_weeks_since:rifampicin", "<", 3.0), ("drug_weeks_since:rifabutin", "<", 3.0)], ["washout"]),
    # "anticancer" restates what the class is (vocabulary synonyms)
    ("No concurrent anticancer hormonal therapy", INCLUSION, [("drug_current:hormone_therapy_oncology", "=", False)],
     ["stop_medication"]),
    ("No other concurrent anticancer chemotherapy", INCLUSION, [("drug_current:chemotherapy", "=", False)],
     ["stop_medication"]),
    # whatever it was given for: the same use
    ("Corticosteroid therapy for any indication within 30 days prior to study entry", EXCLUSION,
     [("drug_weeks_since:glucocorticoid", "<", 4.2857)], ["washout"]),
    ("Have received IVIG for any reason within 6 months prior to enrollment", EXCLUSION,
     [("drug_weeks_since:intravenous_immunoglobulin", "<", 26.0)], ["washout"]),
    ("Prior chemotherapy required", INCLUSION, [("drug_ever:chemotherapy", "=", True)], []),
])
def test_readings(text, kind, facts, steps):
    assert_facts_and_steps(text, kind, facts, steps)


@pytest.mark.parametrize(("text", "kind"), [
    # "other" beside any drug but the study's own points at another item
    ("At least 4 weeks since other prior chemotherapy", INCLUSION),
    ("Are taking other anti-HIV medications", EXCLUSION),
    # "used" alone: often a list part whose window follows ("… in previous year" is no window the grammar reads)
    ("Used bronchodilators or oral or inhaled corticosteroids in previous year", INCLUSION),
    ("Has used methotrexate", EXCLUSION),
    ("Are taking certain medications", EXCLUSION),
    # a number of its own after the drug is another statement
    ("At least 4 weeks since prior chemotherapy 2 cycles", INCLUSION),
    # recovery from toxicity is no fact
    ("At least 4 weeks since prior chemotherapy (at least 6 weeks for nitrosoureas or mitomycin) and recovered",
     INCLUSION),
    # drugs and procedures: "and" (both, or either?), a qualifier no vocabulary holds, a requirement, no window
    ("Chemotherapy and radiotherapy within the last 4 weeks", EXCLUSION),
    ("Palliative radiotherapy or chemotherapy within the last 4 weeks", EXCLUSION),
    ("Chemotherapy or radiotherapy within the past 4 weeks", INCLUSION),
    ("Radiotherapy or chemotherapy", EXCLUSION),
    ("Radiotherapy or chemotherapy within 4 weeks or 5 half-lives (whichever is shorter)", EXCLUSION),
    # another anchor than the study's start
    ("Methotrexate within 4 weeks prior to starting venetoclax", EXCLUSION),
    ("Patient received chemotherapy or radiotherapy within 3 days before leukapheresis", EXCLUSION),
    # a narrower class the vocabulary does not hold
    ("No other concurrent experimental anticancer medications", INCLUSION),
    # the study's own concurrent treatment, or one taken now?
    ("Concurrent chemotherapy required", INCLUSION),
    ("Prior chemotherapy not required", INCLUSION),
    ("Chemotherapy for any reason other than cancer within 4 weeks", EXCLUSION),
])
def test_near_misses_stay_unread(text, kind):
    assert propose_rule(text, kind) is None


def test_excluded_within_the_past_month_carries_its_window():
    out = propose_rules([tree(EXCLUSION, "Excluded within the past month:", "Interleukins.", "HIV vaccines.")])
    assert _facts(rule_of(out, "exc-1.1")) == [("drug_weeks_since:interleukin", "<", 4.3333)]
    assert _steps(rule_of(out, "exc-1.2")) == ["vaccine_wait"]


def test_excluded_at_any_time_is_not_read():
    # under "Prior Medication:" it means ever received, under "Concurrent Medication:" taken during the study
    out = propose_rules([tree(EXCLUSION, "Excluded at any time:", "Rifabutin.", "Terfenadine.")])
    assert rule_of(out, "exc-1.1") is None and rule_of(out, "exc-1.2") is None


@pytest.mark.parametrize(("text", "kind", "facts"), [
    ("Systemic corticosteroids > 10 mg/day prednisone or equivalent", EXCLUSION, [("prednisone_eq_mg_day", ">", 10)]),
    ("Oral corticosteroids at a dose > 10 mg/day of prednisone or equivalent", EXCLUSION,
     [("prednisone_eq_mg_day", ">", 10)]),
    ("Corticosteroids at a dose of more than 10 mg/day of prednisone (or equivalent)", EXCLUSION,
     [("prednisone_eq_mg_day", ">", 10)]),
    ("Prednisone > 10 mg/day or equivalent", EXCLUSION, [("prednisone_eq_mg_day", ">", 10)]),
    ("No concurrent corticosteroid therapy greater than 10 mg/day of prednisone equivalent", INCLUSION,
     [("prednisone_eq_mg_day", "<=", 10)]),
    ("No concurrent prednisone or its equivalent in excess of 10 mg/day", INCLUSION,
     [("prednisone_eq_mg_day", "<=", 10)]),
    ("Must not be receiving glucocorticoids in doses greater than 10mg/day of prednisone", INCLUSION,
     [("prednisone_eq_mg_day", "<=", 10)]),
])
def test_glucocorticoid_dose_limits(text, kind, facts):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert _facts(proposal.rule) == facts


@pytest.mark.parametrize(("text", "kind"), [
    ("Corticosteroids > 10 mg/day", EXCLUSION),  # 10 mg of which steroid?
    ("Corticosteroids > 20 mg of prednisone", EXCLUSION),  # per day, per course?
    ("Inhaled corticosteroids > 10 mg/day prednisone or equivalent", EXCLUSION),
    ("Chronic use of high-dose steroids (greater than 10 mg prednisone/day)", EXCLUSION),
    ("Corticosteroids (greater than 20 mg prednisone/d or prednisone equivalent) within 4 weeks", INCLUSION),
    ("Dexamethasone > 4 mg/day or equivalent", EXCLUSION),
    ("Methotrexate > 25 mg/week or equivalent", EXCLUSION),
    # a ceiling: for those who take one, or must one be taken?
    ("Oral corticosteroids (≤ 10 mg/day prednisone or equivalent)", INCLUSION),
    ("Mother is taking greater than 20 mg prednisone per day.", EXCLUSION),
])
def test_glucocorticoid_dose_near_misses(text, kind):
    assert propose_rule(text, kind) is None
