"""Steps before enrolment and eligible-from dates on small synthetic trials."""

from __future__ import annotations

from datetime import date

import pytest

from core.matching.evaluate import Context, evaluate
from core.matching.later import earliest_day
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, evaluate_trial
from core.patient.profile import profile_from_dict
from core.patient.timeline import FactTimeline

WASHED = {"fact": "weeks_since_last_immunosuppressive_dose", "op": ">=", "value": 2}
WASHOUT = {"step": {"kind": "washout", "text": "Last dose 2 weeks before"}, "rule": WASHED}
CYP = {"fact": "hbsag_positive", "op": "=", "value": True}  # stands for "takes a drug that must be stopped"
STOP = {"step": {"kind": "stop_medication", "text": "Stop it"}, "rule": CYP}


def crit(key, kind, rule, parent=None):
    return {"key": key, "parent_key": parent, "kind": kind, "label": key.split("-")[1], "text": key, "rule": rule}


@pytest.mark.parametrize(("facts", "now", "after", "needed"), [
    ({"weeks_since_last_immunosuppressive_dose": 0.0}, False, True, True),
    ({"weeks_since_last_immunosuppressive_dose": 3.0}, True, True, None),  # no step: already done
    ({}, None, True, "maybe"),
])
def test_step_node_today_and_after_the_steps(facts, now, after, needed):
    assert evaluate(WASHOUT, Context(facts)).value is now
    outcome = evaluate(WASHOUT, Context(facts, after_steps=True))
    assert outcome.value is after
    if needed is None:
        assert outcome.steps == []
    else:
        assert outcome.steps == [{"kind": "washout", "text": "Last dose 2 weeks before",
                                  "needed": True if needed is True else None}]


def test_step_takes_the_value_that_favours_the_patient_at_its_place():
    facts = {"hbsag_positive": True}
    assert evaluate(STOP, Context(facts, after_steps=True), want=False).value is False  # in an exclusion
    assert evaluate({"not": STOP}, Context(facts, after_steps=True)).value is True  # under not, in an inclusion
    assert evaluate({"not": STOP}, Context(facts, after_steps=True)).steps[0]["needed"] is True


def test_exclusion_removed_by_a_step_and_inclusion_met_after_a_step():
    criteria = [crit("inc-1", "inclusion", WASHOUT), crit("exc-1", "exclusion", STOP)]
    v = evaluate_trial("T", criteria, {"weeks_since_last_immunosuppressive_dose": 0.0, "hbsag_positive": True})
    assert (v.verdict, v.deciding) == (ELIGIBLE, [])
    assert [c.status for c in v.criteria] == ["met_after_steps", "not_met_after_steps"]
    assert [c.status_now for c in v.criteria] == ["not_met", "met"]
    assert [s["text"] for s in v.steps] == ["Last dose 2 weeks before", "Stop it"]


def test_only_steps_never_a_known_failure():
    criteria = [crit("inc-1", "inclusion", {"all": [WASHOUT, {"fact": "age_years", "op": ">=", "value": 18}]})]
    v = evaluate_trial("T", criteria, {"weeks_since_last_immunosuppressive_dose": 0.0, "age_years": 70})
    assert (v.verdict, v.criteria[0].status) == (ELIGIBLE, "met_after_steps")
    v = evaluate_trial("T", criteria, {"weeks_since_last_immunosuppressive_dose": 0.0})
    assert (v.verdict, v.criteria[0].status, v.to_verify) == (POSSIBLY_ELIGIBLE, "unknown_after_steps", ["inc-1"])
    v = evaluate_trial("T", criteria, {"weeks_since_last_immunosuppressive_dose": 0.0, "age_years": 70},
                       explain=False)
    assert v.steps and v.criteria[0].status == "met_after_steps"


def test_sub_item_steps_reach_the_parent_and_the_trial():
    criteria = [crit("inc-1", "inclusion", None), crit("inc-1.1", "inclusion", WASHOUT, parent="inc-1")]
    v = evaluate_trial("T", criteria, {"weeks_since_last_immunosuppressive_dose": 1.0})
    assert v.verdict == ELIGIBLE and [s["kind"] for s in v.steps] == ["washout"]
    assert v.criterion("inc-1").status == "met_after_steps"


def test_earliest_day_refines_to_the_day():
    today = date(2025, 1, 31)
    assert earliest_day(lambda d: d >= date(2025, 4, 17), today) == date(2025, 4, 17)
    assert earliest_day(lambda d: d >= date(2025, 2, 1), today) == date(2025, 2, 1)
    assert earliest_day(lambda d: False, today) is None
    assert earliest_day(lambda d: d >= date(2031, 1, 1), today) is None  # beyond about 5 years


def test_timeline_counts_ongoing_courses_forward():
    profile = profile_from_dict({"format_version": 1, "assessment_date": "2025-01-01", "date_of_birth": "2000-06-01",
                                 "treatments_complete": True, "treatments": [
                                     {"drug": "methotrexate", "start": "2024-07-01", "outcome": "ongoing"},
                                     {"drug": "prednisone", "start": "2024-01-01", "stop": "2024-12-01"}]})
    timeline = FactTimeline(profile)
    assert timeline.at(date(2025, 1, 1))["csdmard_years"] == pytest.approx(0.5, abs=0.01)
    assert timeline.at(date(2025, 7, 1))["csdmard_years"] == 1.0
    assert timeline.at(date(2025, 7, 1))["weeks_since_last_immunosuppressive_dose"] == 0.0  # methotrexate goes on
    assert {"age_years", "csdmard_years"} <= timeline.changing
    assert "drugs_used" not in timeline.changing
    assert profile.assessment_date == date(2025, 1, 1)  # the profile is never modified


def test_profile_gets_an_eligible_from_date_and_facts_mapping_does_not():
    data = {"format_version": 1, "assessment_date": "2025-01-01", "date_of_birth": "2007-03-15"}
    criteria = [crit("inc-1", "inclusion", {"fact": "age_years", "op": ">=", "value": 18}),
                crit("exc-1", "exclusion", {"fact": "age_years", "op": ">", "value": 65})]
    v = evaluate_trial("T", criteria, profile_from_dict(data))
    assert (v.verdict, v.eligible_from, v.when) == (ELIGIBLE, date(2025, 3, 15), ["age reaches 18 years"])
    assert v.criterion("inc-1").status == "met_from_date" and v.criterion("exc-1").status == "not_met"
    v = evaluate_trial("T", criteria, {"age_years": 17})
    assert (v.verdict, v.eligible_from) == (NOT_ELIGIBLE, None)


def test_a_date_that_only_moves_the_patient_out_is_not_offered():
    # 17 today, but the trial takes 18 to 18 only (completed years): from the 18th birthday.
    data = {"format_version": 1, "assessment_date": "2025-01-01", "date_of_birth": "2007-03-15"}
    criteria = [crit("inc-1", "inclusion", {"all": [{"fact": "age_years", "op": ">=", "value": 18},
                                                    {"fact": "age_years", "op": "<=", "value": 18}]}),
                crit("inc-2", "inclusion", {"fact": "pregnant", "op": "=", "value": True})]
    v = evaluate_trial("T", criteria, profile_from_dict({**data, "findings": {"pregnant": False}}))
    assert (v.verdict, v.deciding, v.eligible_from) == (NOT_ELIGIBLE, ["inc-1", "inc-2"], None)
    v = evaluate_trial("T", criteria, profile_from_dict({**data, "findings": {"pregnant": True}}))
    assert (v.verdict, v.eligible_from) == (ELIGIBLE, date(2025, 3, 15))


def test_describe_verdict_names_the_date_and_the_steps():
    from core.matching.verdict import describe_verdict

    data = {"format_version": 1, "assessment_date": "2025-01-01", "date_of_birth": "2007-03-15",
            "treatments_complete": True,
            "treatments": [{"drug": "prednisone", "start": "2024-01-01", "dose": 5, "dose_unit": "mg/day",
                            "outcome": "ongoing"}]}
    criteria = [crit("inc-1", "inclusion", {"fact": "age_years", "op": ">=", "value": 18}),
                crit("inc-2", "inclusion", WASHOUT)]
    v = evaluate_trial("T", criteria, profile_from_dict(data))
    assert describe_verdict(v) == ("Eligible from 2025-03-15 (when age reaches 18 years) after 1 step before "
                                   "enrolment.")
    assert describe_verdict(evaluate_trial("T", criteria[:1], {"age_years": 40})) == "Eligible."


def AGE(op, value):  # noqa: N802 (reads like the rule it builds)
    return {"fact": "age_years", "op": op, "value": value}


@pytest.mark.parametrize(("kind", "rule", "facts", "expected"), [
    ("inclusion", {"all": [AGE(">=", 2), AGE("<=", 18)]}, {"age_years": 51}, False),  # too old: only gets worse
    ("inclusion", {"all": [AGE(">=", 18), AGE("<=", 70)]}, {"age_years": 16}, True),
    ("exclusion", {"fact": "age_years", "op": "<", "value": 18}, {"age_years": 16}, True),
    ("exclusion", {"fact": "age_years", "op": ">", "value": 65}, {"age_years": 70}, False),
    ("inclusion", {"fact": "sle_diagnosed", "op": "=", "value": True}, {"sle_diagnosed": False}, False),
    ("inclusion", {"fact": "sle_diagnosed", "op": "=", "value": True}, {}, True),  # unknown: look
    ("inclusion", {"not": {"fact": "ra_duration_years", "op": ">=", "value": 5}}, {"ra_duration_years": 6}, False),
    ("inclusion", {"any": [{"ref": "inc-9"}, {"fact": "sle_diagnosed", "op": "=", "value": True}]},
     {"sle_diagnosed": False}, True),
])
def test_may_improve_skips_criteria_time_cannot_help(kind, rule, facts, expected):
    from core.matching.later import may_improve
    from core.matching.trial_eval import parse_items

    [item] = parse_items([crit("c-1", kind, rule)])
    changing = frozenset({"age_years", "ra_duration_years"})
    assert may_improve("c-1", {"c-1": item}, changing, facts) is expected
