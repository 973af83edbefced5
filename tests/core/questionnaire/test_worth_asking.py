"""Issue 15: a question is asked only while its answer could still change a verdict, once
other questions of the trial were answered "unknown" (``analysis._worth_asking``)."""

from __future__ import annotations

import itertools
import random
from datetime import date

from core.matching.verdict import evaluate_trial
from core.patient.profile import PatientProfile
from core.questionnaire import Questionnaire, TrialSpec

TODAY = date(2025, 6, 15)


def crit(kind, key, rule=None, parent=None, text=None):
    return {"key": key, "parent_key": parent, "kind": kind, "label": key, "text": text or f"{kind} {key}",
            "rule": rule}


# exc-1 is excluding only if all three of its sub-items hold (its rule says so: without a rule an
# exclusion's sub-items combine with "any").
NESTED = {"trial_id": "T-NEST", "title": "Nested", "criteria": [
    crit("inclusion", "inc-1"),
    crit("exclusion", "exc-1", {"children": "all"}),
    crit("exclusion", "exc-1.1", parent="exc-1"),
    crit("exclusion", "exc-1.2", parent="exc-1"),
    crit("exclusion", "exc-1.3", parent="exc-1"),
    crit("exclusion", "exc-2", {"fact": "pregnant", "op": "=", "value": True}),
    crit("exclusion", "exc-3", {"all": [{"fact": "malignancy", "op": "=", "value": True},
                                        {"fact": "lvef_percent", "op": "<", "value": 40}]}),
]}


def new(trials=(NESTED,)):
    return Questionnaire(PatientProfile(assessment_date=TODAY, sex="female"), list(trials), today=TODAY)


def open_ids(q):
    return {x.id for x in q.open_questions()}


def test_the_other_parts_of_an_all_of_exclusion_are_not_asked_once_one_is_unknown():
    q = new()
    q.answer_unknown("confirm:T-NEST:inc-1")  # the trial can no longer become eligible
    q.answer_unknown("confirm:T-NEST:exc-1.1")  # exc-1 can no longer hold
    left = open_ids(q)
    assert "confirm:T-NEST:exc-1.2" not in left and "confirm:T-NEST:exc-1.3" not in left
    assert {"pregnant", "malignancy", "lvef_percent"} <= left  # these can still rule the trial out
    q.answer_unknown("malignancy")  # exc-3 can no longer hold either
    assert "lvef_percent" not in open_ids(q)
    assert "pregnant" in open_ids(q)
    q.answer("pregnant", False)
    assert q.is_finished()  # nothing left could change the verdict
    assert q.verdict_of("T-NEST") == "possibly_eligible"  # and nothing was guessed


def test_they_are_still_asked_while_the_trial_can_become_eligible():
    q = new()
    q.answer_unknown("confirm:T-NEST:exc-1.1")
    # inc-1 still open: a "no" to exc-1.2 settles exc-1 in the patient's favour, which matters
    assert {"confirm:T-NEST:exc-1.2", "confirm:T-NEST:exc-1.3"} <= open_ids(q)
    q.answer_unknown("malignancy")
    assert "lvef_percent" in open_ids(q)


def test_a_criterion_that_can_still_rule_out_keeps_its_questions():
    q = new()
    q.answer_unknown("confirm:T-NEST:inc-1")
    q.answer("confirm:T-NEST:exc-1.1", "yes")  # exc-1 still can hold
    assert {"confirm:T-NEST:exc-1.2", "confirm:T-NEST:exc-1.3"} <= open_ids(q)


# A brute-force check on random answer states: every question the engine no longer asks
# really cannot change the verdict, whatever the other open questions are answered.
RANDOM_TRIAL = {"trial_id": "T-R", "title": "Random", "criteria": [
    crit("inclusion", "inc-1"),
    crit("inclusion", "inc-2"),
    crit("inclusion", "inc-2.1", parent="inc-2"),
    crit("inclusion", "inc-2.2", parent="inc-2"),
    crit("exclusion", "exc-1"),
    crit("exclusion", "exc-1.1", parent="exc-1"),
    crit("exclusion", "exc-1.2", parent="exc-1"),
    crit("exclusion", "exc-2"),
]}
KEYS = ["inc-1", "inc-2.1", "inc-2.2", "exc-1.1", "exc-1.2", "exc-2"]


def _verdict(spec, answers):
    return evaluate_trial(spec.trial_id, spec.criteria_dicts(), {}, confirmations=answers,
                          inclusion_logic=spec.inclusion_logic, explain=False).verdict


def test_no_question_that_could_change_the_verdict_is_dropped():
    spec = TrialSpec.from_data(RANDOM_TRIAL)
    rng = random.Random(15)
    for _ in range(60):
        state = {k: rng.choice(["open", "open", "yes", "no", "unknown"]) for k in KEYS}
        q = new([spec])
        for key, value in state.items():
            if value != "open":
                q.answer(f"confirm:T-R:{key}", value)
        asked = {x.split(":")[-1] for x in open_ids(q)}
        # a list asked as one question (TrialSpec.asked_as_list) asks each of its sub-items
        asked |= {k for k in KEYS if k.rpartition(".")[0] in asked}
        free = [k for k in KEYS if state[k] == "open"]
        fixed = {k: {"yes": True, "no": False, "unknown": None}[v] for k, v in state.items() if v != "open"}
        for dropped in set(free) - asked:
            others = [k for k in free if k != dropped]
            for combo in itertools.product([True, False, None], repeat=len(others)):
                base = {**fixed, **dict(zip(others, combo, strict=True))}
                outcomes = {_verdict(spec, {**base, dropped: v}) for v in (True, False, None)}
                assert len(outcomes) == 1, (state, dropped, base, outcomes)


# --- issue 15: shared facts first, trial-specific questions last ---------------------------

LAB_PAIR = {"trial_id": "T-LABS", "title": "Labs and a judgement", "criteria": [
    crit("inclusion", "inc-1", None, text="The investigator considers the patient suitable."),
    # neither lab alone can rule the trial out: each only narrows it down
    crit("exclusion", "exc-1", {"all": [{"fact": "ast_x_uln", "op": ">", "value": 3},
                                        {"fact": "alt_x_uln", "op": ">", "value": 3}]}),
]}


def test_questions_about_the_patient_come_before_trial_specific_ones():
    q = new([LAB_PAIR])
    order = [x.id for x in q.open_questions()]
    # the clinician question could rule the trial out on its own (it scores higher), yet
    # the shared facts are asked first: they may close the trial without it
    assert q.score("confirm:T-LABS:inc-1") > q.score("lab.ast")
    assert order[-1] == "confirm:T-LABS:inc-1"
    assert {"lab.ast", "lab.alt"} <= set(order[:-1])


def test_a_trial_ruled_out_only_until_a_later_birthday_keeps_what_can_still_rule_it_out():
    # 17 today, 18 in December: the trial is analysed as of that day (core.matching.later), and
    # the pruning follows that analysis rather than today's "not eligible"
    adults = {"trial_id": "T-LATER", "title": "Adults", "criteria": [
        crit("inclusion", "inc-0", {"fact": "age_years", "op": ">=", "value": 18}),
        *NESTED["criteria"]]}
    q = Questionnaire(PatientProfile(assessment_date=TODAY, sex="female", date_of_birth=date(2007, 12, 1)),
                      [adults], today=TODAY)
    assert q.verdicts()["T-LATER"].eligible_from is not None
    q.answer_unknown("confirm:T-LATER:inc-1")
    q.answer_unknown("confirm:T-LATER:exc-1.1")
    left = open_ids(q)
    assert "pregnant" in left and "malignancy" in left
    assert "confirm:T-LATER:exc-1.2" not in left


def test_the_trials_of_the_patients_conditions_come_first_shared_facts_then_verbatim_criteria():
    ra = {"trial_id": "T-RA", "title": "RA", "conditions": ["rheumatoid arthritis"], "criteria": [
        crit("inclusion", "inc-1", {"fact": "lvef_percent", "op": ">=", "value": 45}),
        crit("inclusion", "inc-2", None, text="Active disease as defined by the protocol.")]}
    sle = {"trial_id": "T-SLE", "title": "SLE", "conditions": ["systemic lupus erythematosus"], "criteria": [
        crit("exclusion", "exc-1", {"fact": "malignancy", "op": "=", "value": True}),
        crit("inclusion", "inc-1", None, text="SLE by the 2019 EULAR/ACR criteria.")]}
    profile = PatientProfile(assessment_date=TODAY, sex="female", date_of_birth=date(1970, 1, 1))
    q = Questionnaire(profile, [sle, ra], today=TODAY)
    q.answer("diagnoses", {"diagnoses": [{"code": "rheumatoid_arthritis"}], "complete": True})
    order = [x.id for x in q.open_questions()]
    assert order == ["lvef_percent", "confirm:T-RA:inc-2", "malignancy", "confirm:T-SLE:inc-1"]


def test_no_pruning_when_a_sub_item_is_of_the_other_kind_than_its_criterion():
    odd = {"trial_id": "T-ODD", "title": "Odd kinds", "criteria": [
        crit("inclusion", "inc-1"),
        crit("exclusion", "exc-1"),
        crit("inclusion", "exc-1.1", parent="exc-1"),  # the registry's kind, not the parent's
        crit("inclusion", "exc-1.2", parent="exc-1"),
        crit("exclusion", "exc-2"),
    ]}
    q = new([odd])
    q.answer_unknown("confirm:T-ODD:exc-2")
    # "yes" to both sub-items rules the patient out: they must still be asked
    assert {"confirm:T-ODD:exc-1.1", "confirm:T-ODD:exc-1.2", "confirm:T-ODD:inc-1"} <= open_ids(q)
