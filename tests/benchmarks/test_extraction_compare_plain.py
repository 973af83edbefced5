"""The yardstick's vocabulary-aware pieces (benchmarks/extraction_compare_plain.py): plain-words facts in labels and
a list member absorbed by its class."""

from __future__ import annotations

import pytest

from benchmarks.extraction_judge import judge


def _ever(drug: str) -> dict:
    return {"fact": f"drug_ever:{drug}", "op": "=", "value": True}


IL1_CLASS = {"drug": "IL-1 inhibitor", "class": True, "time": "ever"}


@pytest.mark.parametrize("rule, reading, verdict", [
    # members spelled out beside their class, any time: the class
    ({"any": [_ever("anakinra"), _ever("canakinumab"), _ever("il1_inhibitor")]}, IL1_CLASS, "right"),
    # the members without the class are not the class (rilonacept would be missed)
    ({"any": [_ever("anakinra"), _ever("canakinumab")]}, IL1_CLASS, "wrong"),
    # a drug outside the class is not absorbed
    ({"any": [_ever("methotrexate"), _ever("il1_inhibitor")]}, IL1_CLASS, "wrong"),
    # a member with another time is not absorbed
    ({"any": [{"fact": "drug_current:anakinra", "op": "=", "value": True}, _ever("il1_inhibitor")]}, IL1_CLASS,
     "wrong"),
    # in an "all", the class beside its member adds nothing
    ({"all": [_ever("anakinra"), _ever("il1_inhibitor")]}, {"drug": "anakinra", "class": False, "time": "ever"},
     "right"),
    # conditions alike: lymphoma or any malignancy is any malignancy
    ({"any": [{"fact": "condition:lymphoma", "op": "=", "value": True},
              {"fact": "condition:malignancy", "op": "=", "value": True}]},
     {"condition": "malignancy", "narrower": True}, "right"),
    ({"any": [{"fact": "condition:lymphoma", "op": "=", "value": True},
              {"fact": "condition:hepatitis_b", "op": "=", "value": True}]},
     {"condition": "malignancy", "narrower": True}, "wrong"),
])
def test_absorption(rule, reading, verdict):
    assert judge(rule, reading, False) == verdict


HF = {"condition": "heart failure", "time": "current"}


@pytest.mark.parametrize("rule, reading, verdict", [
    # "Heart failure (NYHA III or IV)": the class at least III is a heart failure's
    ({"fact": "nyha_class", "op": ">=", "value": 3},
     {"all": [HF, {"score": "NYHA class", "op": ">=", "value": 3}]}, "right"),
    ({"fact": "score:child_pugh", "op": ">=", "value": 10},
     {"all": [{"condition": "liver disease", "time": "current", "narrower": True},
              {"score": "Child-Pugh score", "op": ">=", "value": 10}]}, "right"),
    # an upper bound holds without the disease (class I): the condition still counts
    ({"fact": "nyha_class", "op": "<=", "value": 2},
     {"all": [HF, {"score": "NYHA class", "op": "<=", "value": 2}]}, "wrong"),
    # a narrower condition than the one presupposed is a condition of its own (cirrhosis, not any liver disease)
    ({"fact": "score:child_pugh", "op": ">=", "value": 7},
     {"all": [{"condition": "cirrhosis"}, {"score": "Child-Pugh score", "op": ">=", "value": 7}]}, "wrong"),
    # another score presupposes nothing
    ({"fact": "ecog", "op": ">=", "value": 2},
     {"all": [HF, {"score": "ECOG", "op": ">=", "value": 2}]}, "wrong"),
])
def test_a_score_presupposes_its_disease(rule, reading, verdict):
    assert judge(rule, reading, False) == verdict


@pytest.mark.parametrize("rule, reading, verdict", [
    ({"all": [{"fact": "score:bmi", "op": ">=", "value": 18.5}, {"fact": "score:bmi", "op": "<=", "value": 32}]},
     {"fact": "body mass index", "op": "between", "value": [18.5, 32], "unit": "kg/m2"}, "right"),
    ({"all": [{"fact": "score:bmi", "op": ">=", "value": 18.5}, {"fact": "score:bmi", "op": "<=", "value": 30}]},
     {"fact": "body mass index", "op": "between", "value": [18.5, 32], "unit": "kg/m2"}, "wrong"),
    # a lab between two bounds
    ({"all": [{"fact": "lab:fvc_percent", "op": ">=", "value": 45},
              {"fact": "lab:fvc_percent", "op": "<=", "value": 85}]},
     {"lab": "FVC % predicted", "op": "between", "value": [45, 85], "unit": "% predicted"}, "right"),
    ({"fact": "lab:fvc_percent", "op": ">=", "value": 45},
     {"lab": "FVC % predicted", "op": "between", "value": [45, 85], "unit": "% predicted"}, "wrong"),
    # a yes/no fact in plain words only through the table, word for word
    ({"fact": "pregnancy_planned_within_6_months", "op": "=", "value": True},
     {"fact": "plans to become pregnant within 6 months", "value": True}, "right"),
    ({"fact": "pregnancy_planned_within_6_months", "op": "=", "value": True},
     {"fact": "plans to become pregnant during the study", "value": True}, "wrong"),
    # a lab in plain words whose id is no name of its own ("spo2")
    ({"fact": "lab:spo2", "op": ">", "value": 90}, {"fact": "oxygen saturation", "value": 90, "op": ">", "unit": "%"},
     "right"),
    ({"fact": "lab:spo2", "op": ">", "value": 92}, {"fact": "oxygen saturation", "value": 90, "op": ">", "unit": "%"},
     "wrong"),
    # a plain name no score or lab resolves never matches
    ({"fact": "score:bmi", "op": ">=", "value": 18.5}, {"fact": "body size index", "op": ">=", "value": 18.5}, "wrong"),
])
def test_plain_words_facts(rule, reading, verdict):
    assert judge(rule, reading, False) == verdict



def test_a_containing_product_is_the_drug_and_its_combinations():
    from benchmarks.extraction_compare import reading_canon

    canon = reading_canon({"drug": "ritonavir-containing product", "class": True, "time": "current"})
    assert canon[0] == "any"
    ids = {atom[1] for atom in canon[1]}
    assert "ritonavir" in ids and any("/" in i or "lopinavir" in i for i in ids)
    # a plain name is not expanded, an unknown base never matches
    assert reading_canon({"drug": "ritonavir", "class": False, "time": "current"}) == ("drug", "ritonavir", "current")
    assert reading_canon({"drug": "unobtainium-containing product", "class": True})[1].startswith("?")


def test_a_negated_question_for_the_unread_part_is_partial():
    """"No women who are pregnant or intend to become pregnant": not pregnant, and the intention asked."""
    rule = {"all": [{"fact": "pregnant", "op": "=", "value": False},
                    {"not": {"confirm": "Does this part of the criterion apply: “intend to become pregnant”?"}}]}
    reading = {"not": {"any": [{"pregnant": True}, {"fact": "intends to become pregnant", "value": True}]}}
    assert judge(rule, reading, False) == "partial"
    wrong = {"all": [{"fact": "lactating", "op": "=", "value": False}, rule["all"][1]]}
    assert judge(wrong, reading, False) == "wrong"


@pytest.mark.parametrize("rule, reading, verdict", [
    # "Currently taking greater than 7.5 mg prednisone daily": the app's glucocorticoid dose, in prednisone equivalents
    ({"fact": "prednisone_eq_mg_day", "op": ">", "value": 7.5},
     {"drug": "prednisone", "class": False, "time": "current", "dose": {"op": ">", "value": 7.5, "unit": "mg/day"}},
     "right"),
    ({"fact": "prednisone_eq_mg_day", "op": ">", "value": 10},
     {"drug": "prednisone", "class": False, "time": "current", "dose": {"op": ">", "value": 7.5, "unit": "mg/day"}},
     "wrong"),
    # another drug's dose is not a glucocorticoid dose
    ({"fact": "prednisone_eq_mg_day", "op": ">", "value": 7.5},
     {"drug": "methotrexate", "class": False, "time": "current", "dose": {"op": ">", "value": 7.5, "unit": "mg/day"}},
     "wrong"),
])
def test_a_prednisone_dose_is_the_glucocorticoid_dose(rule, reading, verdict):
    assert judge(rule, reading, False) == verdict


CONSENT_STEP = {"step": {"kind": "consent", "text": "Give informed consent"},
                "rule": {"fact": "informed_consent", "op": "=", "value": True}}


@pytest.mark.parametrize("rule, reading, verdict", [
    # "Consent of parent or guardian if less than 18 years of age": the consent step (patient's or guardian's)
    (CONSENT_STEP, {"any": [{"age": {"op": ">=", "value": 18, "unit": "years"}}, {"consent": True}]}, "right"),
    # an age that is no age of majority is a condition of its own
    (CONSENT_STEP, {"any": [{"age": {"op": ">=", "value": 65, "unit": "years"}}, {"consent": True}]}, "wrong"),
    # the age alone is not the item
    ({"fact": "age_years", "op": ">=", "value": 18},
     {"any": [{"age": {"op": ">=", "value": 18, "unit": "years"}}, {"consent": True}]}, "wrong"),
    # a third alternative is not absorbed
    (CONSENT_STEP, {"any": [{"age": {"op": ">=", "value": 18, "unit": "years"}}, {"consent": True},
                            {"pregnant": True}]}, "wrong"),
])
def test_a_minors_guardian_consent_is_the_consent_step(rule, reading, verdict):
    assert judge(rule, reading, True) == verdict
