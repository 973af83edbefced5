"""condition_current:<id> — "has it now" (active), three-valued, over the hierarchy; and the diagnosis's
``active`` / ``resolved_date`` fields read, written and checked."""

from __future__ import annotations

import pytest

from core.i18n import using_language
from core.matching.evaluate import Context, evaluate
from core.matching.sentences import comparison_clause
from core.patient.derived import compute_facts
from core.patient.facts import get_fact
from core.patient.profile import ProfileError, profile_from_dict, profile_to_dict
from core.patient.validation import profile_problems


def facts_of(**fields):
    return compute_facts(profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30", **fields}))


def current(fact_id: str, **fields):
    return facts_of(**fields).get(f"condition_current:{fact_id}")


def test_an_active_diagnosis_is_current_for_it_and_every_broader_condition():
    dx = [{"code": "lymphoma", "diagnosis_date": "2025-02", "active": True}]
    assert current("lymphoma", diagnoses=dx) is True
    assert current("malignancy", diagnoses=dx) is True  # active lymphoma: a current malignancy
    assert current("sle", diagnoses=dx) is None  # open list: another condition may be active


def test_a_resolved_diagnosis_with_an_open_list_leaves_it_unknown():
    dx = [{"code": "lymphoma", "diagnosis_date": "2009", "active": False, "resolved_date": "2010"}]
    assert current("malignancy", diagnoses=dx) is None  # another, unlisted malignancy may be active
    assert current("lymphoma", diagnoses=dx) is None
    assert facts_of(diagnoses=dx).get("condition:malignancy") is True  # has had it, all the same


def test_a_complete_list_of_resolved_diagnoses_is_not_current():
    dx = [{"code": "lymphoma", "diagnosis_date": "2009", "active": False},
          {"code": "rheumatoid_arthritis", "active": True}]
    assert current("malignancy", diagnoses=dx, diagnoses_complete=True) is False
    assert current("tuberculosis", diagnoses=dx, diagnoses_complete=True) is False  # none present counts
    assert current("rheumatoid_arthritis", diagnoses=dx, diagnoses_complete=True) is True
    # a category marked complete on its own settles it the same way
    assert current("malignancy", diagnoses=dx, diagnoses_complete_for=["malignancy"]) is False


def test_activity_not_recorded_is_unknown_even_with_a_complete_list():
    dx = [{"code": "lymphoma", "diagnosis_date": "2009"}]
    assert current("malignancy", diagnoses=dx, diagnoses_complete=True) is None
    two = [{"code": "lymphoma", "active": False}, {"code": "melanoma"}]
    assert current("malignancy", diagnoses=two, diagnoses_complete=True) is None  # the melanoma may be active


def test_recorded_absent_it_or_a_broader_condition_is_not_current():
    assert current("lymphoma", diagnoses=[{"code": "malignancy", "status": "absent"}]) is False
    assert current("malignancy", diagnoses=[{"code": "lymphoma", "status": "absent"}]) is None  # narrower says nothing


def test_history_answers_that_speak_of_now():
    assert current("tuberculosis", history={"tb_active": True}) is True
    assert current("active_tuberculosis", history={"tb_active": False}) is False
    assert current("tuberculosis", history={"tb_active": False}) is None  # a latent infection may be current
    assert current("malignancy", history={"malignancy_inactive": True}) is False
    assert current("lymphoma", history={"malignancy_inactive": True}) is False
    assert current("malignancy", history={"malignancy": True}) is None  # "has had": activity not said
    assert current("malignancy", history={"malignancy": False}) is False  # never had it: not now either
    assert current("infection", history={"active_infection": False}) is False
    assert current("hepatitis_b", history={"active_infection": False}) is None  # a chronic HBV may not be thought of


def test_rules_read_it_three_valued():
    rule = {"fact": "condition_current:malignancy", "op": "=", "value": True}
    active = facts_of(diagnoses=[{"code": "lymphoma", "active": True}])
    outcome = evaluate(rule, Context(facts=active))
    assert outcome.value is True and outcome.clauses == ["Malignancy: active now"]
    unknown = facts_of(diagnoses=[{"code": "lymphoma"}])
    assert evaluate(rule, Context(facts=unknown)).value is None
    fact = get_fact("condition_current:malignancy")
    assert fact is not None and fact.type == "bool" and "active now" in fact.question
    assert get_fact("condition_current:no_such_condition") is None


def test_result_sentences_say_active_now_or_not():
    fact = get_fact("condition_current:lymphoma")
    with using_language("en"):
        assert comparison_clause(fact, "=", True, True, True) == "Lymphoma: active now"
        assert comparison_clause(fact, "=", True, False, False) == "Lymphoma: not active now"
        assert "unknown" in comparison_clause(fact, "=", True, None, None)


def test_active_and_resolved_date_round_trip_and_old_profiles_read_as_not_recorded():
    data = {"format_version": 2, "diagnoses": [{"code": "tuberculosis", "diagnosis_date": "2009", "active": False,
                                                "resolved_date": "2010-03"}, {"code": "sle"}]}
    profile = profile_from_dict(data)
    assert profile.diagnoses[0].active is False and profile.diagnoses[0].resolved_date.isoformat() == "2010-03"
    assert profile.diagnoses[1].active is None  # a missing key: not recorded
    out = profile_to_dict(profile)["diagnoses"]
    assert out[0]["active"] is False and out[0]["resolved_date"] == "2010-03"
    assert "active" not in out[1] and "resolved_date" not in out[1]


def test_active_must_be_true_or_false():
    with pytest.raises(ProfileError) as info:
        profile_from_dict({"format_version": 2, "diagnoses": [{"code": "sle", "active": "yes"}]})
    assert "active" in str(info.value)


@pytest.mark.parametrize("row, words", [
    ({"diagnosis_date": "2015-06", "active": False, "resolved_date": "2014"}, "before the date of diagnosis"),
    ({"active": False, "resolved_date": "2030-01-01"}, "in the future"),
    ({"active": True, "resolved_date": "2020"}, "active now has no date it resolved"),
])
def test_impossible_resolved_dates_get_a_clear_message(row, words):
    profile = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30",
                                 "diagnoses": [{"code": "tuberculosis", **row}]}, strict=False)
    problems = profile_problems(profile)
    assert [field for field, _message in problems] == ["diagnoses[0].resolved_date"]
    assert words in problems[0][1]


def test_a_resolved_date_on_or_after_the_diagnosis_is_fine():
    profile = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30", "diagnoses": [
        {"code": "tuberculosis", "diagnosis_date": "2015", "active": False, "resolved_date": "2015-09"}]})
    assert profile_problems(profile) == []


def test_the_questionnaires_answer_kept_in_history_settles_it_with_an_open_list():
    dx = [{"code": "lymphoma", "active": False}]
    assert current("malignancy", diagnoses=dx, history={"condition_current:malignancy": False}) is False
    assert current("lymphoma", history={"condition_current:malignancy": False}) is False  # nor a form of it
    assert current("neoplasm", history={"condition_current:malignancy": False}) is None  # a broader one: open
    assert current("neoplasm", history={"condition_current:lymphoma": True}) is True
    # a diagnosis charted active later wins over an older "none now"
    assert current("malignancy", diagnoses=[{"code": "melanoma", "active": True}],
                   history={"condition_current:malignancy": False}) is True
