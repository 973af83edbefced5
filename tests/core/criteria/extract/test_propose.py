"""Automatic rule proposals: exact rules for wordings the extractor understands, None for
the ones it must leave to the clinician, and plain-words descriptions."""

from __future__ import annotations

import pytest

from core.criteria.extract import Proposal, describe_rule, negate, propose_rule, propose_rules
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, criterion_keys


def _contra(value: bool) -> dict:
    """Agreeing to contraception is a step before enrolment."""
    return {"step": {"kind": "contraception", "text": "Agree to use effective contraception"},
            "rule": {"fact": "contraception_assured", "op": "=", "value": value}}


POSITIVES = [
    ('Age >= 18 years', INCLUSION,
     {'fact': 'age_years', 'op': '>=', 'value': 18}),
    ('Aged 18-65', INCLUSION,
     {'all': [{'fact': 'age_years', 'op': '>=', 'value': 18}, {'fact': 'age_years', 'op': '<=', 'value': 65}]}),
    ('18 years or older', INCLUSION,
     {'fact': 'age_years', 'op': '>=', 'value': 18}),
    ('Age >18 years.', INCLUSION,
     {'fact': 'age_years', 'op': '>', 'value': 18}),
    ('Patients must be 18 years of age or older and able to provide informed consent.', INCLUSION,
     {'all': [{'fact': 'age_years', 'op': '>=', 'value': 18},
              {'step': {'kind': 'consent', 'text': 'Give informed consent'},
               'rule': {'fact': 'informed_consent', 'op': '=', 'value': True}}]}),
    ('Age < 18 years or > 75 years', EXCLUSION,
     {'any': [{'fact': 'age_years', 'op': '<', 'value': 18}, {'fact': 'age_years', 'op': '>', 'value': 75}]}),
    ('Children below age 18.', EXCLUSION,
     {'fact': 'age_years', 'op': '<', 'value': 18}),
    ('Female', INCLUSION,
     {'fact': 'sex', 'op': '=', 'value': 'female'}),
    ('Women only', INCLUSION,
     {'fact': 'sex', 'op': '=', 'value': 'female'}),
    ('Female gender only, ages 18 to 75.', INCLUSION,
     {'all': [{'fact': 'sex', 'op': '=', 'value': 'female'},
              {'fact': 'age_years', 'op': '>=', 'value': 18},
              {'fact': 'age_years', 'op': '<=', 'value': 75}]}),
    ('No males.', INCLUSION,
     {'fact': 'sex', 'op': '!=', 'value': 'male'}),
    ('Male or female patients at least 18 years of age', INCLUSION,
     {'fact': 'age_years', 'op': '>=', 'value': 18}),
    ('Pregnant or breastfeeding', EXCLUSION,
     {'any': [{'fact': 'pregnant', 'op': '=', 'value': True}, {'fact': 'lactating', 'op': '=', 'value': True}]}),
    ('No pregnant or nursing women', INCLUSION,
     {'all': [{'fact': 'pregnant', 'op': '=', 'value': False}, {'fact': 'lactating', 'op': '=', 'value': False}]}),
    ('Patients must not be pregnant or lactating.', INCLUSION,
     {'all': [{'fact': 'pregnant', 'op': '=', 'value': False}, {'fact': 'lactating', 'op': '=', 'value': False}]}),
    ('Pregnant or breastfeeding patients will be excluded.', INCLUSION,
     {'all': [{'fact': 'pregnant', 'op': '=', 'value': False}, {'fact': 'lactating', 'op': '=', 'value': False}]}),
    ('Pregnant females, nursing mothers, or females not practicing birth control.', EXCLUSION,
     {'any': [{'fact': 'pregnant', 'op': '=', 'value': True},
              {'fact': 'lactating', 'op': '=', 'value': True},
              {'all': [{'fact': 'sex', 'op': '=', 'value': 'female'},
                       _contra(False)]}]}),
    ('Women of childbearing potential not using effective contraception', EXCLUSION,
     {'all': [{'fact': 'childbearing_potential', 'op': '=', 'value': True},
              _contra(False)]}),
    ('Reliable contraception required of fertile women', INCLUSION,
     {'any': [{'fact': 'childbearing_potential', 'op': '=', 'value': False},
              _contra(True)]}),
    ('No women who are pregnant or intend to become pregnant.', INCLUSION,
     {'all': [{'fact': 'pregnant', 'op': '=', 'value': False},
              {'not': {'confirm': 'Does this part of the criterion apply: “intend to become pregnant”? '
                                  '(Criterion: “No women who are pregnant or intend to become pregnant”)',
                       'id': 'rest'}}]}),
    ('AST or ALT > 2.5 x ULN', EXCLUSION,
     {'any': [{'fact': 'ast_x_uln', 'op': '>', 'value': 2.5}, {'fact': 'alt_x_uln', 'op': '>', 'value': 2.5}]}),
    ('AST and ALT <= 3 times the upper limit of normal', INCLUSION,
     {'all': [{'fact': 'ast_x_uln', 'op': '<=', 'value': 3}, {'fact': 'alt_x_uln', 'op': '<=', 'value': 3}]}),
    ('Hemoglobin < 9 g/dL', EXCLUSION,
     {'fact': 'hemoglobin', 'op': '<', 'value': 9}),
    ('Hemoglobin < 90 g/L', EXCLUSION,
     {'fact': 'hemoglobin', 'op': '<', 'value': 9}),
    ('Platelets < 100,000/mm3', EXCLUSION,
     {'fact': 'platelets', 'op': '<', 'value': 100}),
    ('Platelets less than 130,000', EXCLUSION,
     {'fact': 'platelets', 'op': '<', 'value': 130}),
    ('eGFR < 30 mL/min', EXCLUSION,
     {'fact': 'egfr', 'op': '<', 'value': 30}),
    ('Serum creatinine greater than 1.5 mg/dl', EXCLUSION,
     {'fact': 'creatinine', 'op': '>', 'value': 132.6}),
    ('Neutrophils < 1.5 x 10^9/L', EXCLUSION,
     {'fact': 'neutrophils', 'op': '<', 'value': 1.5}),
    ('Presence of thrombocytopenia (platelets count < 100 x 10^9/L).', EXCLUSION,
     {'fact': 'platelets', 'op': '<', 'value': 100}),
    ('Anti-dsDNA antibody greater than 2x the upper limit of normal (ULN).', INCLUSION,
     {'fact': 'anti_dsdna_x_uln', 'op': '>', 'value': 2}),
    ('No renal insufficiency (creatinine greater than 2.0 mg/dl).', INCLUSION,
     {'fact': 'creatinine', 'op': '<=', 'value': 176.8}),
    ('ECOG performance status 0-1', INCLUSION,
     {'fact': 'ecog', 'op': '<=', 'value': 1}),
    ('NYHA class III or IV heart failure', EXCLUSION,
     {'fact': 'nyha_class', 'op': '>=', 'value': 3}),
    ('LVEF < 45%', EXCLUSION,
     {'fact': 'lvef_percent', 'op': '<', 'value': 45}),
    ('DAS28-ESR > 3.2', INCLUSION,
     {'fact': 'das28_esr', 'op': '>', 'value': 3.2}),
    ('Minimum weight of 40 kg.', INCLUSION,
     {'fact': 'weight_kg', 'op': '>=', 'value': 40}),
    ('Currently taking greater than 7.5 mg prednisone daily', EXCLUSION,
     {'fact': 'prednisone_eq_mg_day', 'op': '>', 'value': 7.5}),
    ('Fulfil the 2010 ACR/EULAR criteria for RA', INCLUSION,
     {'fact': 'ra_classification', 'op': 'has', 'value': 'acr_eular_2010'}),
    (('Meet the 1987 ACR classification criteria for RA or the 2010 ACR/EULAR classification '
      'criteria for RA'), INCLUSION,
     {'any': [{'fact': 'ra_classification', 'op': 'has', 'value': 'acr_1987'},
              {'fact': 'ra_classification', 'op': 'has', 'value': 'acr_eular_2010'}]}),
    (('A diagnosis of Rheumatoid Arthritis (RA) of more than 6 months as defined by the '
      'revised American College of Rheumatology criteria.'), INCLUSION,
     {'all': [{'fact': 'ra_classification', 'op': 'has', 'value': 'acr_1987'},
              {'fact': 'ra_duration_months', 'op': '>=', 'value': 6}]}),
    ('RA for at least 6 months', INCLUSION,
     {'all': [{'fact': 'ra_diagnosed', 'op': '=', 'value': True},
              {'fact': 'ra_duration_months', 'op': '>=', 'value': 6}]}),
    ('Diagnosis of rheumatoid arthritis of less than 5 years', INCLUSION,
     {'all': [{'fact': 'ra_diagnosed', 'op': '=', 'value': True},
              {'fact': 'ra_duration_years', 'op': '<', 'value': 5}]}),
    ('Meets ACR criteria for SLE', INCLUSION,  # a set without a code of its own: the vocabulary fact
     {'fact': 'classified:sle', 'op': '=', 'value': True}),
    ('Diagnosis of Polymyositis or Dermatomyositis.', INCLUSION,  # "or": any, as vocabulary facts
     {'any': [{'fact': 'condition:polymyositis', 'op': '=', 'value': True},
              {'fact': 'condition:dermatomyositis', 'op': '=', 'value': True}]}),
    # treatment failure as vocabulary facts: "inadequate response" alone says less than a failure (asked)
    ('Inadequate response to at least one TNF inhibitor', INCLUSION,
     {'all': [{'fact': 'drug_failed_count:tnf_inhibitor', 'op': '>=', 'value': 1},
              {'confirm': 'Is this met as written: “Inadequate response to at least one TNF inhibitor”?',
               'id': 'treatment'}]}),
    ('Failed >= 2 bDMARDs', INCLUSION, {'fact': 'drug_failed_count:bdmard', 'op': '>=', 'value': 2}),
    ('Failed at least 2 b/tsDMARDs', INCLUSION,
     {'fact': 'failed_btsdmard_count', 'op': '>=', 'value': 2}),
    ('Inadequate response or intolerance to at least 1 csDMARD', INCLUSION,
     {'fact': 'drug_failed_count:csdmard', 'op': '>=', 'value': 1}),
    ('Inadequate response or intolerance to methotrexate', INCLUSION,
     {'fact': 'drug_failed_count:methotrexate', 'op': '>=', 'value': 1}),
    # drug exposure as vocabulary facts; a window in an exclusion is a washout step
    ('Received rituximab within 6 months', EXCLUSION,
     {'step': {'kind': 'washout', 'text': 'Last dose of rituximab more than 6 months before entry'},
      'rule': {'fact': 'drug_weeks_since:rituximab', 'op': '<', 'value': 26.0}}),
    ('Rituximab within 26 weeks prior to enrollment.', EXCLUSION,
     {'step': {'kind': 'washout', 'text': 'Last dose of rituximab more than 26 weeks before entry'},
      'rule': {'fact': 'drug_weeks_since:rituximab', 'op': '<', 'value': 26.0}}),
    ('Treatment with any biologic agent within 12 weeks prior to baseline', EXCLUSION,
     {'step': {'kind': 'washout', 'text': 'Last dose of biologic agent more than 12 weeks before entry'},
      'rule': {'fact': 'drug_weeks_since:biologic', 'op': '<', 'value': 12.0}}),
    ('Previous treatment with MabThera', EXCLUSION,
     {'fact': 'drug_ever:rituximab', 'op': '=', 'value': True}),
    ('Patients who have previously taken anti-TNF therapy are not eligible.', EXCLUSION,
     {'fact': 'drug_ever:tnf_inhibitor', 'op': '=', 'value': True}),
    ('No prior TNF inhibitor', INCLUSION,
     {'fact': 'drug_ever:tnf_inhibitor', 'op': '=', 'value': False}),
    ('Current use of NSAIDs', EXCLUSION,
     {'step': {'kind': 'stop_medication', 'text': 'Stop nsaids'},
      'rule': {'fact': 'drug_current:nsaid', 'op': '=', 'value': True}}),
    # conditions as vocabulary facts (has or had, narrower concepts included)
    ('History of lymphoma', EXCLUSION, {'fact': 'condition:lymphoma', 'op': '=', 'value': True}),
    ('History of hepatitis B', EXCLUSION, {'fact': 'condition:hepatitis_b', 'op': '=', 'value': True}),
    ('History of tuberculosis', EXCLUSION, {'fact': 'condition:tuberculosis', 'op': '=', 'value': True}),
    ('Juvenile rheumatoid arthritis', INCLUSION,
     {'fact': 'condition:juvenile_idiopathic_arthritis', 'op': '=', 'value': True}),
    ('No known malignancies', INCLUSION, {'fact': 'condition:malignancy', 'op': '=', 'value': False}),
    ('Post-Traumatic Stress Disorder (PTSD).', INCLUSION, {'fact': 'condition:ptsd', 'op': '=', 'value': True}),
    ('Lymphoma or leukemia', EXCLUSION,
     {'any': [{'fact': 'condition:lymphoma', 'op': '=', 'value': True},
              {'fact': 'condition:leukaemia', 'op': '=', 'value': True}]}),
    ('Scleroderma', EXCLUSION, {'fact': 'condition:scleroderma', 'op': '=', 'value': True}),  # the group
    ('Participation in another clinical trial within 3 months', EXCLUSION,
     {'step': {'kind': 'washout', 'text': 'Last investigational treatment (another trial) more than 3 months before '
               'entry'}, 'rule': {'fact': 'other_trial_within_3_months', 'op': '=', 'value': True}}),
    ('Treatment with any investigational drug within 30 days.', EXCLUSION,
     {'step': {'kind': 'washout', 'text': 'Last dose of investigational drug more than 30 days before entry'},
      'rule': {'fact': 'drug_weeks_since:investigational_product', 'op': '<', 'value': 4.2857}}),
    (('Participation in another clinical research study involving the evaluation of another '
      'investigational drug within 90 days prior to study entry'), EXCLUSION,
     {'step': {'kind': 'washout', 'text': 'Last investigational treatment (another trial) more than 90 days before '
               'entry'}, 'rule': {'fact': 'other_trial_within_3_months', 'op': '=', 'value': True}}),
    ('Positive HBsAg', EXCLUSION,
     {'fact': 'hbsag_positive', 'op': '=', 'value': True}),
    ('Hepatitis C infection', EXCLUSION,
     {'all': [{'fact': 'hcv_antibody_positive', 'op': '=', 'value': True},
              {'confirm': 'Is there a current hepatitis C infection (not only a positive antibody test)?',
               'id': 'hcv_active'}]}),
    ('Positive for HIV, HBsAg or HCV antibody', EXCLUSION,
     {'any': [{'fact': 'hiv', 'op': '=', 'value': True},
              {'fact': 'hbsag_positive', 'op': '=', 'value': True},
              {'fact': 'hcv_antibody_positive', 'op': '=', 'value': True}]}),
    ('Patients must be HIV negative.', INCLUSION,
     {'fact': 'hiv', 'op': '=', 'value': False}),
    ('Active or latent tuberculosis', EXCLUSION,
     {'any': [{'fact': 'tb_active', 'op': '=', 'value': True}, {'fact': 'tb_latent', 'op': '=', 'value': True}]}),
    ('Active infections', EXCLUSION,
     {'fact': 'active_infection', 'op': '=', 'value': True}),
    (('History of malignancy except basal cell carcinoma of the skin or carcinoma in situ of '
      'the cervix'), EXCLUSION,
     {'fact': 'condition_other_than:malignancy|basal_cell_carcinoma,cervical_carcinoma_in_situ', 'op': '=',
      'value': True}),
    (('History of malignancy within the past 5 years, except adequately treated basal cell '
      'carcinoma or carcinoma in situ of the cervix'), EXCLUSION,
     {'fact': 'condition_other_than_recent_years:malignancy|basal_cell_carcinoma,cervical_carcinoma_in_situ',
      'op': '<', 'value': 5}),
    ('Active malignancy', EXCLUSION,
     {'all': [{'fact': 'malignancy', 'op': '=', 'value': True},
              {'fact': 'malignancy_inactive', 'op': '=', 'value': False}]}),
    ('Signed informed consent', INCLUSION,
     {'step': {'kind': 'consent', 'text': 'Give informed consent'},
      'rule': {'fact': 'informed_consent', 'op': '=', 'value': True}}),
    ('Did not complete the research consent', EXCLUSION,
     {'step': {'kind': 'consent', 'text': 'Give informed consent'},
      'rule': {'fact': 'informed_consent', 'op': '=', 'value': False}}),
    ('Unable to provide informed consent.', EXCLUSION,
     {'fact': 'informed_consent', 'op': '=', 'value': False}),
    ('Unwilling to comply with study guidelines.', EXCLUSION,
     {'fact': 'willing_to_follow_procedures', 'op': '=', 'value': False}),

    ('Adult patients, 18 years or older, undergoing an allo-HSCT for acute leukemia.', INCLUSION,
     {'all': [{'fact': 'age_years', 'op': '>=', 'value': 18},
              {'confirm': 'Is this part of the criterion met: “undergoing an allo-hsct for acute leukemia”? '
                          '(Criterion: “Adult patients, 18 years or older, undergoing an allo-HSCT for acute '
                          'leukemia”)',
               'id': 'rest'}]}),
    # instruments of the score vocabulary (vocabulary facts), in range, with the instrument's own unit
    ("BMI > 35", EXCLUSION, {"fact": "score:bmi", "op": ">", "value": 35}),
    ("Karnofsky performance status < 70", EXCLUSION, {"fact": "score:karnofsky", "op": "<", "value": 70}),
    ("DAS28 > 5.1", INCLUSION, {"fact": "score:das28", "op": ">", "value": 5.1}),  # DAS28 of either kind
    ("Karnofsky 60-100%", INCLUSION, {"fact": "score:karnofsky", "op": ">=", "value": 60}),
    ("Body mass index (BMI) between 18 and 30 kg/m^2", INCLUSION,
     {"all": [{"fact": "score:bmi", "op": ">=", "value": 18}, {"fact": "score:bmi", "op": "<=", "value": 30}]}),
    ("mRSS of 15 or more", INCLUSION, {"fact": "score:mrss", "op": ">=", "value": 15}),
    ("HAQ-DI >= 0.5", INCLUSION, {"fact": "score:haq_di", "op": ">=", "value": 0.5}),
    # lab analytes of the vocabulary (vocabulary facts), units it knows, a bare number that fits one unit
    ("Alkaline phosphatase greater than 2 times the upper limit of normal", EXCLUSION,
     {"fact": "lab_x_uln:alp", "op": ">", "value": 2}),
    ("Hb < 8 mmol/L", EXCLUSION, {"fact": "hemoglobin", "op": "<", "value": 12.888}),
    ("Platelet count less than 50", EXCLUSION, {"fact": "platelets", "op": "<", "value": 50}),
    ("Blood urea nitrogen and creatinine <= 1.5 x ULN", INCLUSION,
     {"all": [{"fact": "lab_x_uln:bun", "op": "<=", "value": 1.5},
              {"fact": "creatinine_x_uln", "op": "<=", "value": 1.5}]}),
]

NEGATIVES = [
    # the brief's examples
    ("Age > 18 unless parental consent", INCLUSION),
    ("History of hypersensitivity to the study drug", EXCLUSION),
    ("Patients whose doctor decides to give belimumab", INCLUSION),
    ("Other rheumatic disease", EXCLUSION),
    ("No prior TNF inhibitor", EXCLUSION),  # an exclusion saying "no ...": never flipped into a requirement
    # conditions, scopes and qualifiers that change the meaning
    ("Age of disease onset greater than 18 years and less than 60 years", INCLUSION),
    ("Must be between 18 and 39 years old if non-smoker", INCLUSION),
    ("Joint MRI: Must not be pregnant.", INCLUSION),
    ("Age: 35 and under for oral contraceptive stratum", INCLUSION),
    ("Pregnant or lactating women will be excluded from vascular studies.", EXCLUSION),
    ("Individuals younger than 18 years old will be excluded given the radiation exposure", EXCLUSION),
    ("Any history of malignancy, unless treated and in remission for 5 years", EXCLUSION),
    ("Patients with a positive PPD who have not received INH or other antituberculous therapy will be excluded.",
     INCLUSION),
    ("No patients with known or suspected hereditary complement deficiency will be excluded.", INCLUSION),
    ("Serum creatinine greater than 2.0 mg/dL on at least 2 different occasions", INCLUSION),
    ("Stable dose of prednisone <= 10 mg/day", INCLUSION),  # no period (a period: stable_doses.py)
    ("Inadequate response to methotrexate for over 3 months", INCLUSION),
    ("No investigational agent within 30 days or 10 half-lives of the agent", INCLUSION),  # which one applies?
    ("Currently enrolled in an experimental study.", EXCLUSION),
    # facts that do not exist
    ("Hematocrit of less than 30", EXCLUSION),
    ("Eosinophil count > 1.5 x 10^9/L", EXCLUSION),
    ("Gynecologic or breast cancer", EXCLUSION),  # "gynecologic [cancer]": an elided noun is never a question
    ("Medical or psychiatric condition or active serious infection", EXCLUSION),  # "medical [condition]"
    ("Suspected lupus", EXCLUSION),  # ConText: possible existence
    ("Family history of lymphoma", EXCLUSION),  # ConText: family
    ("Hearing aids", EXCLUSION),  # "aids" is a word, not the abbreviation
    ("Methotrexate", EXCLUSION),
    ("Eligible patients must not have received zorblimab or rituximab within 30 days prior to enrollment",
     INCLUSION),  # an unknown drug name (invented) in the list: the list is not read at all
    ("Inability to comply with study guidelines.", EXCLUSION),  # being able to comply: judgement (issue 16)
    ("Willing and able to comply with all study procedures", INCLUSION),
    # units: convert or refuse (a bare number only when one unit fits it: core/criteria/extract/lab_values.py)
    ("Hb less than 8 mg/dL", EXCLUSION),
    ("CRP > 1.5", INCLUSION),  # mg/L or mg/dL: both plausible
    ("BASDAI >= 40", INCLUSION),  # outside the instrument's range (0-10)
    ("BMI > 35 kg", EXCLUSION),  # not BMI's unit
    ("ALT > 3", EXCLUSION),  # no unit, and 3 U/L is no threshold: x ULN lost?
    # durations, diagnoses and infections that are not what the facts mean
    ("Disease duration of at least 6 months", INCLUSION),
    ("Onset of disease at least 3 months prior to enrollment", INCLUSION),
    ("Non-rheumatoid arthritis.", EXCLUSION),
    ("Definite or probable systemic lupus erythematosus", INCLUSION),
    ("Positive hepatitis B serology", EXCLUSION),
    ("Severe renal or hepatic disease.", EXCLUSION),  # "severe" may qualify both
    # wrong kind of statement for the criterion's kind
    ("Pregnancy", INCLUSION),
    ("HIV", INCLUSION),
    ("Age 18-65", EXCLUSION),
    ("Fertile women must have a negative pregnancy test", EXCLUSION),
    ("Pregnant patients may be entered into the study", INCLUSION),
    ("Female participants:", INCLUSION),
    ("RA-only, or", INCLUSION),
    ("Men or non-pregnant, non-breastfeeding women", INCLUSION),
    ("ESR greater than 28 mm/hr (or CRP greater than 0.8) or morning stiffness greater than 45 minutes", INCLUSION),
]


@pytest.mark.parametrize(("text", "kind", "rule"), POSITIVES, ids=[p[0][:50] for p in POSITIVES])
def test_positive_gives_exact_rule(text, kind, rule):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert proposal.rule == rule
    assert rule_problems(proposal.rule) == []
    assert proposal.description == describe_rule(proposal.rule)
    assert proposal.pattern and 0 < proposal.confidence <= 1


@pytest.mark.parametrize(("text", "kind"), NEGATIVES, ids=[n[0][:50] for n in NEGATIVES])
def test_negative_gives_none(text, kind):
    assert propose_rule(text, kind) is None


def test_empty_and_unknown_kind():
    assert propose_rule("", INCLUSION) is None
    assert propose_rule("Age >= 18 years", "other") is None


def test_no_prior_tnf_inclusion_is_false_for_a_tnf_exposed_patient():
    """ "No prior TNF inhibitor" as an inclusion rules out a patient who had adalimumab."""
    rule = propose_rule("No prior TNF inhibitor", INCLUSION).rule
    assert rule == {"fact": "drug_ever:tnf_inhibitor", "op": "=", "value": False}  # the class covers its drugs
    exclusion = propose_rule("Prior treatment with a TNF inhibitor", EXCLUSION).rule
    assert exclusion == negate(rule)


def test_negated_inclusion_is_the_negation_of_the_exclusion():
    inc = propose_rule("No pregnant or nursing women", INCLUSION).rule
    exc = propose_rule("Pregnant or nursing women", EXCLUSION).rule
    assert inc == negate(exc)
    assert inc == {"all": [{"fact": "pregnant", "op": "=", "value": False},
                           {"fact": "lactating", "op": "=", "value": False}]}


def test_partial_exclusion_list_confirms_the_rest_with_or():
    rule = propose_rule("Pregnant, breastfeeding, lack of adequate birth control", EXCLUSION).rule
    assert rule["any"][:2] == [{"fact": "pregnant", "op": "=", "value": True},
                               {"fact": "lactating", "op": "=", "value": True}]
    assert "lack of adequate birth control" in rule["any"][2]["confirm"]


def test_partial_inclusion_list_confirms_the_rest_with_and_never_with_or():
    rule = propose_rule("Age 18 years or older, undergoing an allo-HSCT for acute leukemia.", INCLUSION).rule
    assert rule["all"][0] == {"fact": "age_years", "op": ">=", "value": 18}
    assert "confirm" in rule["all"][1]
    assert propose_rule("Age 18 years or older or undergoing an allo-HSCT for acute leukemia", INCLUSION) is None


def test_confirm_questions_quote_the_criterion():
    rule = propose_rule("Inadequate response to at least one TNF inhibitor", INCLUSION).rule
    assert rule["all"][1]["confirm"].endswith("\u201cInadequate response to at least one TNF inhibitor\u201d?")


def test_units_are_converted_to_the_canonical_unit():
    assert propose_rule("Bilirubin > 2 mg/dL", EXCLUSION).rule == {"fact": "bilirubin", "op": ">", "value": 34.2}
    assert propose_rule("CRP > 3 mg/dL", INCLUSION).rule == {"fact": "crp", "op": ">", "value": 30}
    assert propose_rule("WBC < 3,000/mm3", EXCLUSION).rule == {"fact": "wbc", "op": "<", "value": 3}
    assert propose_rule("Platelet count >= 100 x 10^9/L", INCLUSION).rule == {"fact": "platelets", "op": ">=",
                                                                             "value": 100}
    assert propose_rule("C3 complement less than 80 mg/dL", INCLUSION).rule == {"fact": "c3", "op": "<",
                                                                               "value": 0.8}


def test_durations_use_completed_units():
    # "more than 6 months" on completed months is ">= 6"; "less than 5 years" is "< 5"
    assert propose_rule("Rheumatoid arthritis for more than 6 months", INCLUSION).rule == {
        "all": [{"fact": "ra_diagnosed", "op": "=", "value": True},
                {"fact": "ra_duration_months", "op": ">=", "value": 6}]}


def test_other_trial_windows_are_washout_steps():
    # a window of 3 months is the registry's own question; any other window is the time since the last
    # investigational treatment: a washout the study team can wait out, never a fixed exclusion
    three = propose_rule("Participation in another clinical trial within 3 months", EXCLUSION).rule
    assert three["step"]["kind"] == "washout"
    assert three["rule"] == {"fact": "other_trial_within_3_months", "op": "=", "value": True}
    for text, weeks in [("Participation in another clinical trial within 12 weeks", 12.0),
                        ("Participation in another clinical trial within 6 months", 26.0),
                        ("Participation in any other investigational study within 30 days prior to randomization",
                         4.2857)]:
        rule = propose_rule(text, EXCLUSION).rule
        assert rule["step"]["kind"] == "washout", text
        assert rule["rule"] == {"fact": "drug_weeks_since:investigational_product", "op": "<", "value": weeks}
    assert propose_rule("Participation in another clinical trial within 5 half-lives", EXCLUSION) is None
    assert propose_rule("Participation in another clinical trial in 6 months", EXCLUSION) is None


def test_describe_rule_plain_words():
    rule = {"all": [{"fact": "age_years", "op": ">=", "value": 18}, {"fact": "sex", "op": "=", "value": "female"}]}
    assert describe_rule(rule) == "Age is at least 18 years AND sex is female"
    assert describe_rule({"any": [{"fact": "pregnant", "op": "=", "value": True},
                                  {"all": [{"fact": "ast_x_uln", "op": ">", "value": 2.5},
                                           {"fact": "ra_classification", "op": "has", "value": "acr_1987"}]}]}) == (
        "Pregnant: yes OR (AST is above 2.5 × ULN AND rheumatoid arthritis classification criteria met include "
        "ACR 1987)")
    assert describe_rule({"not": {"confirm": "Is it?"}}) == "NOT (the clinician confirms: Is it?)"
    assert describe_rule({"ref": "inc-1"}) == "Criterion inc-1 is met"
    assert describe_rule({"children": "any"}) == "At least one of its sub-items is met"
    assert describe_rule({"fact": "ra_activity", "op": "in", "value": ["moderate", "high"]}) == (
        "Rheumatoid arthritis activity is one of moderate, high")
    assert describe_rule({"fact": "hemoglobin", "op": "<", "value": 9}) == "Haemoglobin is below 9 g/dL"


def _tree(*items):
    return [CriterionNode(kind=kind, text=text, children=[CriterionNode(kind=kind, text=c) for c in children])
            for kind, text, children in items]


def test_propose_rules_keys_and_context():
    criteria = _tree(
        (INCLUSION, "Age >= 18 years", []),
        (INCLUSION, "At least one of the following:", ["Anti-dsDNA > 2 x ULN", "C3 < 0.9 g/L"]),
        (INCLUSION, "None of the following within 3 months:", ["Pregnancy", "Age < 30 years"]),
        (EXCLUSION, "Healthy controls:", ["Pregnancy"]),
        (EXCLUSION, "Pregnancy", []),
    )
    out = propose_rules(criteria)
    assert list(out) == [k for k, _p, _n in criterion_keys(criteria)]
    assert out["inc-1"].rule == {"fact": "age_years", "op": ">=", "value": 18}
    assert out["inc-2"].rule == {"children": "any"}
    assert out["inc-2.1"].rule == {"fact": "anti_dsdna_x_uln", "op": ">", "value": 2}
    assert out["inc-2.2"].rule == {"fact": "c3", "op": "<", "value": 0.9}
    assert out["inc-3"] is None and out["inc-3.1"] is None and out["inc-3.2"] is None
    assert out["exc-1"] is None  # "Healthy controls:" binds its item to that group only (h-cohort10)
    assert out["exc-1.1"].rule["all"][0]["id"] == "cohort-1" and out["exc-1.1"].rule["all"][1] == out["exc-2"].rule
    assert out["exc-2"].rule == {"fact": "pregnant", "op": "=", "value": True}


def test_positive_items_after_a_list_leadin_are_not_proposed():
    criteria = _tree(
        (INCLUSION, "Active glomerulonephritis with:", []),
        (INCLUSION, "Serum creatinine > 2.5 mg/dL", []),
        (INCLUSION, "No pregnant or nursing women", []),
    )
    out = propose_rules(criteria)
    assert out["inc-1"] is None and out["inc-2"] is None
    assert out["inc-3"] is not None


def test_repeated_items_mean_hidden_cohorts():
    criteria = _tree(
        (INCLUSION, "Rheumatoid arthritis", []), (INCLUSION, "18 years of age or older", []),
        (INCLUSION, "Psoriatic arthritis", []), (INCLUSION, "18 years of age or older", []),
    )
    assert all(p is None for p in propose_rules(criteria).values())


def test_every_corpus_proposal_is_a_valid_rule_when_the_data_is_there():
    from benchmarks.bench_extraction import XML_DIR, collect

    if not XML_DIR.exists():
        pytest.skip("registry data not available")
    rows = collect()
    proposals = [r["proposal"] for r in rows if r["proposal"] is not None]
    assert proposals
    for p in proposals:
        assert isinstance(p, Proposal)
        assert rule_problems(p.rule) == []
