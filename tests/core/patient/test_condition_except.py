"""``condition_other_than:<id>|<excepted>`` and its ``_recent_years`` form: "any malignancy except basal
cell carcinoma" judged diagnosis by diagnosis (a BCC alone is not excluded, a BCC and a lymphoma are)."""

from __future__ import annotations

import math

import pytest

from core.matching.evaluate import Context, evaluate
from core.matching.rules import rule_problems
from core.patient import condition_except
from core.patient.derived import compute_facts
from core.patient.fact_labels import fact_label
from core.patient.facts import get_fact
from core.patient.profile import profile_from_dict
from core.patient.values import Range
from core.questionnaire.mapping import questions_for_fact

EVER = "condition_other_than:malignancy|basal_cell_carcinoma"
RECENT = "condition_other_than_recent_years:malignancy|basal_cell_carcinoma"


def facts_of(**fields):
    return compute_facts(profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30", **fields}))


def excluded(rule_fact: str, **fields):
    return evaluate({"fact": rule_fact, "op": "=", "value": True}, Context(facts_of(**fields))).value


@pytest.mark.parametrize(("diagnoses", "complete", "expected"), [
    ([{"code": "basal_cell_carcinoma"}], True, False),  # the exception only: not excluded
    ([{"code": "basal_cell_carcinoma"}, {"code": "lymphoma"}], True, True),  # both: excluded
    ([{"code": "basal_cell_carcinoma"}, {"code": "lymphoma"}], False, True),
    ([{"code": "basal_cell_carcinoma"}], False, None),  # an open list: another may be missing
    ([], False, None),
    ([], True, False),
    ([{"code": "malignancy"}], True, None),  # perhaps only the basal cell carcinoma
    ([{"code": "skin_cancer"}], True, None),  # a broader diagnosis holding the exception
    ([{"code": "breast_cancer"}], True, True),
    ([{"code": "malignancy", "status": "absent"}], False, False),
    ([{"code": "rheumatoid_arthritis"}], True, False),
])
def test_each_diagnosis_is_judged_on_its_own(diagnoses, complete, expected):
    assert excluded(EVER, diagnoses=diagnoses, diagnoses_complete=complete) is expected


def test_a_history_answer_of_any_malignancy_may_be_the_excepted_one():
    assert facts_of(history={"malignancy": True}, diagnoses_complete=True).get(EVER) is None
    assert facts_of(history={"malignancy": False}).get(EVER) is False


def test_the_window_counts_only_diagnoses_other_than_the_exception():
    f = facts_of(diagnoses=[{"code": "basal_cell_carcinoma", "diagnosis_date": "2026-01-01"},
                            {"code": "lymphoma", "diagnosis_date": "2016-11-30"}], diagnoses_complete=True)
    assert abs(f.get(RECENT) - 10.0) < 0.01
    assert facts_of(diagnoses=[{"code": "basal_cell_carcinoma", "diagnosis_date": "2026-01-01"}],
                    diagnoses_complete=True).get(RECENT) == math.inf
    open_list = facts_of(diagnoses=[{"code": "lymphoma", "diagnosis_date": "2016-11-30"}]).get(RECENT)
    assert isinstance(open_list, Range) and open_list.low == 0 and 9.9 < open_list.high < 10.1
    maybe = facts_of(diagnoses=[{"code": "skin_cancer", "diagnosis_date": "2024-11-30"}], diagnoses_complete=True)
    value = maybe.get(RECENT)  # a skin cancer 2 years ago: the BCC (never counted) or another one
    assert isinstance(value, Range) and 1.9 < value.low < 2.1 and math.isinf(value.high)
    rule = {"fact": RECENT, "op": "<", "value": 5}
    assert evaluate(rule, Context(maybe)).value is None
    assert evaluate({**rule, "value": 1}, Context(maybe)).value is False  # neither is within 1 year
    assert facts_of().get(RECENT) is None


def test_only_exceptions_under_the_condition_make_a_fact():
    assert condition_except.split("malignancy|basal_cell_carcinoma,kaposi_sarcoma") == (
        "malignancy", ("basal_cell_carcinoma", "kaposi_sarcoma"))
    for bad in ("malignancy", "malignancy|", "malignancy|rheumatoid_arthritis", "malignancy|malignancy",
                "nonsense|basal_cell_carcinoma", "malignancy|basal_cell_carcinoma,basal_cell_carcinoma"):
        assert condition_except.split(bad) is None, bad
        assert get_fact(f"condition_other_than:{bad}") is None
    assert rule_problems({"fact": EVER, "op": "=", "value": True}) == []
    assert rule_problems({"fact": "condition_other_than:malignancy|rheumatoid_arthritis", "op": "=", "value": True})
    assert condition_except.fact_id("condition_other_than", "malignancy", ["kaposi_sarcoma", "basal_cell_carcinoma"]) \
        == "condition_other_than:malignancy|basal_cell_carcinoma,kaposi_sarcoma"


def test_the_fact_is_labelled_and_asked_through_the_diagnoses():
    fact = get_fact(EVER)
    assert fact.type == "bool" and fact.label == "Malignancy other than basal cell carcinoma"
    assert fact_label(fact) == "Malignancy other than basal cell carcinoma"
    assert get_fact(RECENT).type == "number"
    assert questions_for_fact(EVER) == ("diagnoses",)
    assert questions_for_fact(RECENT) == ("diagnoses",)


def test_the_label_is_translated():
    from core.i18n import using_language

    with using_language("ja"):
        assert "以外" in fact_label(get_fact(EVER))


NOW = "condition_current_other_than:malignancy|basal_cell_carcinoma"


@pytest.mark.parametrize(("diagnoses", "complete", "history", "expected"), [
    ([{"code": "lymphoma", "active": True}], False, {}, True),  # another cancer, active now
    ([{"code": "basal_cell_carcinoma", "active": True}], True, {}, False),  # the exception only
    ([{"code": "basal_cell_carcinoma", "active": True}, {"code": "lymphoma", "active": False}], True, {}, False),
    ([{"code": "basal_cell_carcinoma", "active": True}, {"code": "lymphoma", "active": True}], True, {}, True),
    ([{"code": "lymphoma", "active": False}], False, {}, None),  # an open list: another may be missing
    ([{"code": "lymphoma"}], True, {}, None),  # had one; whether it is active now is not recorded
    ([{"code": "lymphoma"}], True, {"condition_current:malignancy": False}, False),  # "none active now"
    ([{"code": "lymphoma"}], True, {"malignancy_inactive": True}, False),
    ([{"code": "malignancy", "active": True}], True, {}, None),  # active, but perhaps the excepted BCC
    ([{"code": "skin_cancer", "active": True}], True, {}, None),
    # "a malignancy is active now": the BCC, unless the list is open (then perhaps another)
    ([{"code": "basal_cell_carcinoma", "active": True}], False, {"condition_current:malignancy": True}, None),
    ([{"code": "basal_cell_carcinoma", "active": True}], True, {"condition_current:malignancy": True}, False),
    ([], True, {"malignancy": True}, None),  # "has had a malignancy": perhaps the BCC, perhaps active
    ([], True, {}, False),
    ([], False, {}, None),
    ([{"code": "malignancy", "status": "absent"}], False, {}, False),
])
def test_now_counts_only_an_active_diagnosis_other_than_the_exception(diagnoses, complete, history, expected):
    assert facts_of(diagnoses=diagnoses, diagnoses_complete=complete, history=history).get(NOW) is expected


def test_the_current_fact_is_labelled_and_asked_through_the_diagnoses():
    from core.i18n import using_language

    fact = get_fact(NOW)
    assert fact.type == "bool" and fact.label == "Malignancy other than basal cell carcinoma (active now)"
    assert questions_for_fact(NOW) == ("diagnoses",)
    assert get_fact("condition_current_other_than:malignancy|rheumatoid_arthritis") is None
    with using_language("ja"):
        label = fact_label(fact)
        assert "以外" in label and label != fact.label
