"""The questionnaire engine over small synthetic trials (deterministic, no catalog, no display)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, evaluate_trial
from core.patient.derived import compute_facts
from core.patient.profile import PatientProfile, ProfileError, profile_from_dict, profile_to_dict
from core.questionnaire import AnswerError, Questionnaire, TrialSpec
from core.questionnaire.analysis import DECIDES_NOT_ELIGIBLE, analyse_trial
from core.questionnaire.simulate import answer_from, run_to_end

TODAY = date(2025, 6, 15)


def fact(fid, op, value):
    return {"fact": fid, "op": op, "value": value}


def inc(key, rule, text=None, parent=None):
    return {"key": key, "parent_key": parent, "kind": "inclusion", "label": key.split("-")[-1],
            "text": text or f"inclusion {key}", "rule": rule}


def exc(key, rule, text=None, parent=None):
    return {"key": key, "parent_key": parent, "kind": "exclusion", "label": key.split("-")[-1],
            "text": text or f"exclusion {key}", "rule": rule}


ADULT_RA = {"trial_id": "T-ADULT-RA", "title": "Adult RA", "criteria": [
    inc("inc-1", fact("age_years", ">", 18), "Age over 18 years."),
    inc("inc-2", fact("ra_diagnosed", "=", True), "Rheumatoid arthritis."),
    inc("inc-3", fact("ast_x_uln", "<=", 3), "AST at most 3 x ULN."),
    exc("exc-1", fact("pregnant", "=", True), "Pregnancy."),
]}
JUVENILE_SJOGREN = {"trial_id": "T-JUV-SS", "title": "Juvenile Sjogren", "criteria": [
    inc("inc-1", {"all": [fact("age_years", ">=", 5), fact("age_years", "<=", 17)]}, "Age 5 to 17."),
    inc("inc-2", fact("sjogren_diagnosed", "=", True), "Sjogren's disease."),
    inc("inc-3", fact("lvef_percent", ">=", 45), "LVEF at least 45%."),
    exc("exc-1", fact("malignancy", "=", True), "Malignancy."),
]}
SLE_CONFIRM = {"trial_id": "T-SLE", "title": "SLE with a clinician item", "criteria": [
    inc("inc-1", fact("sle_diagnosed", "=", True), "SLE."),
    inc("inc-2", fact("c3_below_lln", "=", True), "Low C3."),
    inc("inc-3", None, "The investigator considers the patient suitable."),
]}
TRIALS = [ADULT_RA, JUVENILE_SJOGREN, SLE_CONFIRM]

RA_WOMAN = {
    "format_version": 1, "assessment_date": "2025-06-15", "date_of_birth": "1970-05-02", "sex": "female",
    "diagnoses_complete": True,
    "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2012-03-01", "classification": ["acr_1987"]}],
    "labs": [{"name": "ast", "value": 30, "unit": "U/L", "uln": 35}],
    "findings": {"pregnant": False},
}


def new(profile=None, trials=TRIALS):
    return Questionnaire(profile or PatientProfile(assessment_date=TODAY), trials, today=TODAY)


def verdicts(q):
    return {tid: v.verdict for tid, v in q.verdicts().items()}


# --- ordering --------------------------------------------------------------------------

def test_first_questions_are_demographics_and_diagnosis_then_labs():
    q = new()
    order = [x.id for x in q.open_questions()]
    # demographics first (issue 13: with the patient), then the diagnosis (it rules out three
    # trials); labs and findings come after; pregnancy never before sex
    assert order[:3] == ["date_of_birth", "sex", "diagnoses"]
    for later in ("lab.ast", "lab.c3", "lvef_percent", "pregnant", "malignancy", "confirm:T-SLE:inc-3"):
        assert order.index(later) > order.index("diagnoses")
    assert q.next_question().id == "date_of_birth"


def test_a_question_that_can_rule_a_trial_out_outranks_one_that_cannot():
    either = {"trial_id": "T-ANY", "title": "two groups", "inclusion_logic": "any", "criteria": [
        inc("inc-1", fact("systemic_involvement", "=", True)),
        inc("inc-2", fact("b_cell_activation", "=", True)),
        exc("exc-1", fact("cns_disease", "=", True)),
    ]}
    q = new(trials=[either])
    order = [x.id for x in q.open_questions()]
    # cns_disease alone can rule the patient out; one group of two cannot
    assert order[0] == "cns_disease"
    assert set(order) == {"cns_disease", "systemic_involvement", "b_cell_activation"}


def test_questions_carry_the_trials_they_affect():
    q = new()
    assert set(q.question("date_of_birth").trial_ids) == {"T-ADULT-RA", "T-JUV-SS"}
    assert q.question("lab.ast").trial_ids == ("T-ADULT-RA",)
    assert q.question("lab.ast").kind == "labs" and q.question("lab.ast").unit == "U/L"


# --- skipping ----------------------------------------------------------------------------

def test_a_question_only_used_by_a_trial_already_not_eligible_is_not_asked():
    q = new()
    assert "lvef_percent" in {x.id for x in q.open_questions()}
    q.answer("date_of_birth", "1970-05-02")  # 55: the juvenile trial is ruled out
    assert q.verdict_of("T-JUV-SS") == NOT_ELIGIBLE
    open_ids = {x.id for x in q.open_questions()}
    assert "lvef_percent" not in open_ids and "malignancy" not in open_ids
    asked = run_to_end(q, profile_from_dict(RA_WOMAN))
    assert "lvef_percent" not in asked and "malignancy" not in asked


def test_facts_of_other_criteria_of_a_ruled_out_trial_no_longer_matter():
    q = new(trials=[ADULT_RA])
    q.answer("diagnoses", {"diagnoses": [], "complete": True})  # no RA
    assert q.verdict_of("T-ADULT-RA") == NOT_ELIGIBLE
    assert q.next_question() is None and q.is_finished()


def test_male_patients_are_not_asked_about_pregnancy():
    q = new(trials=[ADULT_RA])
    q.answer("sex", "male")
    assert "pregnant" not in {x.id for x in q.open_questions()}


def test_a_route_blocked_by_an_unknown_answer_is_not_followed():
    das = {"trial_id": "T-DAS", "title": "DAS28", "criteria": [inc("inc-1", fact("das28_esr", ">", 3.2))]}
    q = new(trials=[das])
    assert {x.id for x in q.open_questions()} == {"joints", "lab.esr", "diagnoses"}
    q.answer("diagnoses", [{"code": "rheumatoid_arthritis"}])
    q.answer_unknown("joints")
    assert q.open_questions() == []  # the ESR alone cannot give a DAS28
    assert q.is_finished() and q.verdict_of("T-DAS") == POSSIBLY_ELIGIBLE


# --- stopping ----------------------------------------------------------------------------

def test_finishes_when_every_verdict_is_final():
    q = new()
    truth = profile_from_dict({**RA_WOMAN, "labs": RA_WOMAN["labs"] + [
        {"name": "c3", "value": 1.2, "unit": "g/L", "lln": 0.9}]})
    asked = run_to_end(q, truth)
    assert q.is_finished() and q.next_question() is None
    assert verdicts(q) == {"T-ADULT-RA": ELIGIBLE, "T-JUV-SS": NOT_ELIGIBLE, "T-SLE": NOT_ELIGIBLE}
    assert len(asked) == len(set(asked)) == len(q.history)
    # a full checklist would ask every fact the trials read
    assert len(asked) < len({f for t in TRIALS for f in TrialSpec.from_data(t).facts()})


def test_stops_when_only_unknown_answers_remain():
    q = new(trials=[ADULT_RA])
    truth = profile_from_dict({**RA_WOMAN, "labs": []})  # AST not available
    asked = run_to_end(q, truth)
    assert "lab.ast" in asked and q.status("lab.ast") == "unknown"
    assert q.is_finished() and q.verdict_of("T-ADULT-RA") == POSSIBLY_ELIGIBLE
    assert verdicts(q)["T-ADULT-RA"] == POSSIBLY_ELIGIBLE
    assert q.verdicts()["T-ADULT-RA"].to_verify == ["inc-3"]


def test_an_eligible_verdict_is_final_too():
    q = new(trials=[ADULT_RA])
    run_to_end(q, profile_from_dict(RA_WOMAN))
    assert verdicts(q) == {"T-ADULT-RA": ELIGIBLE}
    # sex before pregnancy (issue 13: a one-sex question never before sex is known); a
    # woman is then asked about pregnancy directly
    assert sorted(q.history) == ["date_of_birth", "diagnoses", "lab.ast", "pregnant", "sex"]
    assert q.history.index("sex") < q.history.index("pregnant")


# --- changing answers ----------------------------------------------------------------------

def test_changing_the_birth_date_re_evaluates():
    q = new()
    run_to_end(q, profile_from_dict(RA_WOMAN))
    assert q.verdict_of("T-ADULT-RA") == ELIGIBLE and q.is_finished()
    q.change_answer("date_of_birth", "2008-01-10")  # now 17: "over 18" from the 19th birthday
    assert q.facts()["age_years"] == 17
    assert verdicts(q)["T-ADULT-RA"] == ELIGIBLE == q.verdict_of("T-ADULT-RA")
    assert q.verdicts()["T-ADULT-RA"].eligible_from == date(2027, 1, 10)
    q.change_answer("date_of_birth", "2011-08-10")  # 13: over 18 only beyond the 5-year horizon
    assert verdicts(q)["T-ADULT-RA"] == NOT_ELIGIBLE
    assert q.verdicts()["T-ADULT-RA"].deciding == ["inc-1"]
    # the juvenile trial is still ruled out by the diagnosis (RA, complete list, no Sjogren)
    assert q.verdict_of("T-JUV-SS") == NOT_ELIGIBLE
    q.change_answer("diagnoses", {"diagnoses": [{"code": "sjogren", "diagnosis_date": "2020-01-01"}],
                                  "complete": True})
    assert q.verdict_of("T-JUV-SS") == POSSIBLY_ELIGIBLE
    assert q.next_question() is not None  # LVEF and malignancy now matter again
    assert {"lvef_percent", "malignancy"} <= {x.id for x in q.open_questions()}
    assert q.history.count("date_of_birth") == 1


def test_clearing_an_answer_asks_it_again():
    q = new(trials=[ADULT_RA])
    q.answer("pregnant", "no")
    assert q.profile.findings == {"pregnant": False}
    q.clear_answer("pregnant")
    assert q.status("pregnant") == "open" and "pregnant" in {x.id for x in q.open_questions()}
    assert "pregnant" not in q.history


# --- unknown answers -----------------------------------------------------------------------

def test_unknown_keeps_the_trial_open_and_is_not_asked_again():
    q = new(trials=[ADULT_RA])
    q.answer("date_of_birth", "1970-05-02")
    q.answer_unknown("lab.ast")
    assert q.status("lab.ast") == "unknown"
    assert q.current_answer("lab.ast") == "unknown"
    assert "lab.ast" not in {x.id for x in q.open_questions()}
    assert "ast_x_uln" not in q.facts()  # unknown is never "no"
    assert not q.profile.labs
    q.answer("diagnoses", {"diagnoses": [{"code": "rheumatoid_arthritis"}], "complete": True})
    q.answer("pregnant", "unknown")  # the string works too
    assert q.status("pregnant") == "unknown" and "pregnant" not in q.profile.findings
    # the sex can still settle pregnancy (as "no" for a man), so it is the one question left
    assert [x.id for x in q.open_questions()] == ["sex"]
    q.answer_unknown("sex")
    assert q.is_finished()
    assert q.verdict_of("T-ADULT-RA") == POSSIBLY_ELIGIBLE


def test_answering_a_question_marked_unknown_replaces_the_unknown():
    q = new(trials=[ADULT_RA])
    q.answer_unknown("lab.ast")
    q.change_answer("lab.ast", {"value": 200, "uln": 40})
    assert q.status("lab.ast") == "answered" and "lab.ast" not in q.unknown
    assert q.facts()["ast_x_uln"] == 5
    assert q.verdict_of("T-ADULT-RA") == NOT_ELIGIBLE


def test_an_empty_incomplete_list_says_nothing():
    q = new(trials=[ADULT_RA])
    q.answer("diagnoses", [])
    assert q.status("diagnoses") == "unknown"
    assert "ra_diagnosed" not in q.facts()


def test_confirm_questions_per_criterion():
    q = new(trials=[SLE_CONFIRM])
    qid = "confirm:T-SLE:inc-3"
    question = q.question(qid)
    assert question.kind == "confirm" and question.choices == ("yes", "no", "unknown")
    assert "suitable" in question.text and question.trial_ids == ("T-SLE",)
    assert question.details["criterion_key"] == "inc-3"
    q.answer_unknown(qid)
    assert q.profile.confirmations == {"T-SLE": {"inc-3": None}}  # the profile keeps the clinician's unknown
    q.answer(qid, "no")
    assert q.profile.confirmations == {"T-SLE": {"inc-3": False}}
    assert q.verdict_of("T-SLE") == NOT_ELIGIBLE and q.is_finished()


def test_confirm_nodes_with_ids_inside_rules():
    trial = {"trial_id": "T-C", "title": "confirm ids", "criteria": [
        inc("inc-1", {"all": [fact("age_years", ">=", 18), {"confirm": "Washout done?", "id": "washout"}]}),
    ]}
    q = new(trials=[trial])
    assert {x.id for x in q.open_questions()} == {"date_of_birth", "confirm:T-C:inc-1#washout"}
    assert q.question("confirm:T-C:inc-1#washout").text == "Washout done?"
    q.answer("confirm:T-C:inc-1#washout", True)
    q.answer("date_of_birth", "1980-01-01")
    assert q.verdict_of("T-C") == ELIGIBLE


# --- why asked ---------------------------------------------------------------------------

def test_why_asked_names_trials_and_criteria():
    q = new()
    assert q.why_asked("lvef_percent") == [("T-JUV-SS", "inc-3", "LVEF at least 45%.")]
    reasons = q.why_asked("date_of_birth")
    assert {(r.trial_id, r.criterion_key) for r in reasons} == {("T-ADULT-RA", "inc-1"), ("T-JUV-SS", "inc-1")}
    q.answer("date_of_birth", "1970-05-02")
    # once answered it still says where it is used
    assert ("T-ADULT-RA", "inc-1", "Age over 18 years.") in q.why_asked("date_of_birth")


def test_refs_and_sub_items_are_followed():
    trial = {"trial_id": "T-REF", "title": "refs", "criteria": [
        inc("inc-1", {"children": "any"}, "One of the following:"),
        inc("inc-1.1", fact("ra_diagnosed", "=", True), "RA", parent="inc-1"),
        inc("inc-1.2", fact("sle_diagnosed", "=", True), "SLE", parent="inc-1"),
        exc("exc-1", {"all": [{"ref": "inc-1.2"}, fact("egfr", "<", 15)]}, "SLE group: eGFR below 15"),
    ]}
    q = new(trials=[trial])
    assert {x.id for x in q.open_questions()} == {"diagnoses", "lab.egfr"}
    assert ("T-REF", "inc-1.1", "RA") in q.why_asked("diagnoses")
    q.answer("diagnoses", {"diagnoses": [{"code": "rheumatoid_arthritis"}], "complete": True})
    assert q.is_finished() and q.verdict_of("T-REF") == ELIGIBLE  # eGFR only matters for the SLE group


# --- validation --------------------------------------------------------------------------

@pytest.mark.parametrize("question_id, value, field", [
    ("date_of_birth", "1890-01-01", "date_of_birth"),  # older than 120
    ("date_of_birth", "2030-01-01", "date_of_birth"),  # after the assessment date
    ("date_of_birth", "1970-13-45", "date_of_birth"),
    ("diagnoses", [{"code": "sle", "diagnosis_date": "1960-01-01"}], "diagnoses[0].diagnosis_date"),
    ("diagnoses", [{"code": "sle", "diagnosis_date": "2026-01-01"}], "diagnoses[0].diagnosis_date"),
    ("diagnoses", [{"code": "sle", "activity": 3}], "diagnoses[0].activity"),
    ("treatments", [{"drug": "methotrexate", "dose": -5, "dose_unit": "mg/week"}], "treatments[0].dose"),
    ("treatments", [{"drug": "methotrexate", "outcome": "cured"}], "treatments[0].outcome"),
    ("lab.ast", {"value": 40, "uln": 0}, "labs[0].uln"),
    ("lab.ast", {"value": -1, "uln": 35}, "labs[0].value"),
    ("lab.ast", {"value": 40, "unit": "furlongs"}, "labs[0].unit"),
    ("lvef_percent", 120, "findings.lvef_percent"),
    ("ecog", 7, "findings.ecog"),
    ("weight_kg", 0, "weight_kg"),
    ("sex", "other", "sex"),
    ("pregnant", "perhaps", "findings.pregnant"),
    ("joints", {"tender_28": 40}, "joint_assessment.tender_28"),
    ("confirm:T-SLE:inc-3", "maybe", "confirm:T-SLE:inc-3"),
])
def test_impossible_answers_are_refused_and_change_nothing(question_id, value, field):
    q = new(profile_from_dict({"format_version": 1, "assessment_date": "2025-06-15", "date_of_birth": "1970-05-02"}))
    before = profile_to_dict(q.profile)
    with pytest.raises(AnswerError) as info:
        q.answer(question_id, value)
    assert info.value.field == field, info.value
    assert info.value.message and info.value.question_id == question_id
    assert profile_to_dict(q.profile) == before
    assert question_id not in q.history


def test_a_birth_date_after_an_entered_diagnosis_is_refused():
    q = new()
    q.answer("diagnoses", [{"code": "sle", "diagnosis_date": "2000-01-01"}])
    with pytest.raises(AnswerError) as info:
        q.answer("date_of_birth", "2005-01-01")
    assert info.value.field == "diagnoses[0].diagnosis_date"
    assert "before the date of birth" in info.value.message
    assert q.profile.date_of_birth is None


def test_an_impossible_starting_profile_is_refused():
    with pytest.raises(ProfileError):
        Questionnaire(PatientProfile(assessment_date=TODAY, findings={"lvef_percent": 130}), TRIALS, today=TODAY)


def test_the_assessment_date_is_fixed_at_the_start():
    q = Questionnaire(None, TRIALS, today=TODAY)
    assert q.profile.assessment_date == TODAY
    assert q.to_dict()["profile"]["assessment_date"] == "2025-06-15"


# --- save / restore --------------------------------------------------------------------------

def test_save_and_resume_round_trip():
    q = new()
    q.answer("date_of_birth", "2010-02-03")
    q.answer("diagnoses", {"diagnoses": [{"code": "sjogren", "diagnosis_date": "2022-01-01"}], "complete": True})
    q.answer_unknown("lvef_percent")
    q.answer_unknown("confirm:T-SLE:inc-3")
    saved = json.loads(json.dumps(q.to_dict()))
    assert saved["unknown"] == ["confirm:T-SLE:inc-3", "lvef_percent"]
    assert saved["history"] == ["date_of_birth", "diagnoses", "lvef_percent", "confirm:T-SLE:inc-3"]
    assert saved["current"] == q.next_question().id
    back = Questionnaire.from_dict(saved, TRIALS, today=TODAY)
    assert back.to_dict() == saved
    assert verdicts(back) == verdicts(q)
    assert [x.id for x in back.open_questions()] == [x.id for x in q.open_questions()]
    assert back.status("lvef_percent") == "unknown"


def test_from_dict_refuses_other_data():
    with pytest.raises(ValueError):
        Questionnaire.from_dict({"format_version": 1}, TRIALS)


# --- the analysis agrees with the matching engine ----------------------------------------------

def test_analysis_verdicts_agree_with_evaluate_trial_along_a_run():
    trials = TRIALS + [{"trial_id": "T-ANY", "title": "groups", "inclusion_logic": "any", "criteria": [
        inc("inc-1", {"all": [fact("sle_diagnosed", "=", True), {"ref": "inc-1.1"}]}),
        inc("inc-1.1", fact("prednisone_eq_mg_day", ">=", 10), parent="inc-1"),
        inc("inc-2", fact("healthy_volunteer", "=", True)),
        exc("exc-1", {"all": [{"ref": "inc-1"}, fact("egfr", "<", 15)]}),
        exc("exc-2", {"fact": "no_such_fact", "op": "=", "value": True}),  # invalid: asked as a whole
    ]}]
    q = new(trials=trials)
    assert "confirm:T-ANY:exc-2" in {x.id for x in q.open_questions()}
    truth = profile_from_dict({**RA_WOMAN, "diagnoses": [{"code": "sle", "diagnosis_date": "2015-01-01"}],
                               "treatments_complete": True,
                               "treatments": [{"drug": "prednisolone", "start": "2024-01-01", "dose": 15,
                                               "dose_unit": "mg/day", "outcome": "ongoing"}],
                               "labs": [{"name": "egfr", "value": 80, "unit": "mL/min/1.73m²"}],
                               "confirmations": {"T-ANY": {"exc-2": False}}})
    while (question := q.next_question()) is not None:
        facts = q.facts()
        for spec in q.trials:
            official = evaluate_trial(spec.trial_id, spec.criteria_dicts(), facts,
                                      confirmations=q.profile.confirmations.get(spec.trial_id, {}),
                                      inclusion_logic=spec.inclusion_logic, explain=False)
            state = analyse_trial(spec, facts, q.profile.confirmations.get(spec.trial_id, {}))
            assert state.verdict == official.verdict, (spec.trial_id, question.id)
            assert state.to_verify == official.to_verify
        q.answer(question.id, answer_from(truth, question))
    assert q.verdict_of("T-ANY") == ELIGIBLE


def test_leaf_weights():
    spec = TrialSpec.from_data(ADULT_RA)
    facts = compute_facts(PatientProfile(assessment_date=TODAY))
    state = analyse_trial(spec, facts, {})
    assert {leaf.fact for leaf in state.leaves} == {"age_years", "ra_diagnosed", "ast_x_uln", "pregnant"}
    for leaf in state.leaves:
        assert state.weight([leaf]) == DECIDES_NOT_ELIGIBLE


# --- issue 13: demographics first, one-sex questions after sex, matching trials first -----

def test_no_one_sex_question_before_sex_is_known():
    from core.questionnaire.ranking import ONE_SEX_QUESTIONS

    q = new()
    q.answer("date_of_birth", "1970-01-01")
    q.answer("diagnoses", {"diagnoses": [{"code": "rheumatoid_arthritis"}], "complete": True})
    order = [x.id for x in q.open_questions()]
    assert "sex" in order
    assert all(order.index(x) > order.index("sex") for x in order if x in ONE_SEX_QUESTIONS)
    q.answer("sex", "male")
    assert not ONE_SEX_QUESTIONS & {x.id for x in q.open_questions()}  # a man is asked none


def test_questions_for_trials_whose_conditions_fit_come_first():
    from core.questionnaire.trials import TrialSpec

    def trial(tid, condition, fact):
        return TrialSpec.from_data({"trial_id": tid, "title": tid, "conditions": [condition], "criteria": [
            {"key": "inc-1", "kind": "inclusion", "text": fact, "rule": {"fact": fact, "op": "<=", "value": 3}}]})

    # the lupus trial's question would prune as much, and comes first in question order
    trials = [trial("T-SLE", "Systemic lupus erythematosus", "ecog"),
              trial("T-RA", "Rheumatoid arthritis", "nyha_class")]
    q = Questionnaire(PatientProfile(assessment_date=TODAY), trials, today=TODAY)
    q.answer("diagnoses", {"diagnoses": [{"code": "rheumatoid_arthritis"}], "complete": True})
    order = [x.id for x in q.open_questions()]
    assert order.index("nyha_class") < order.index("ecog")
    assert q.condition_fits() == {"T-SLE": 0, "T-RA": 3}


def test_a_heading_printed_as_an_item_is_never_asked():
    trial = {"trial_id": "T-HEAD", "title": "Headings", "criteria": [
        inc("inc-1", fact("age_years", ">", 18), "Age over 18 years."),
        inc("inc-2", None, "INCLUSION OF PREGNANT WOMEN:"),
        exc("exc-1", None, "Concurrent Medication:"),
        exc("exc-2", None, "Uncontrolled hypertension."),
        inc("inc-3", None, "Life expectancy:"),
        inc("inc-3.1", None, "Not specified", parent="inc-3"),
    ]}
    q = new(trials=[trial])
    asked = []
    while (question := q.next_question()) is not None:
        asked.append(question.id)
        q.answer(question.id, "1970-01-01" if question.id == "date_of_birth" else False)
    assert "confirm:T-HEAD:exc-2" in asked
    assert not [a for a in asked if a.endswith((":inc-2", ":exc-1", ":inc-3", ":inc-3.1"))]
    assert verdicts(q)["T-HEAD"] == ELIGIBLE


def test_a_question_for_trials_of_other_conditions_only_says_so():
    ra = {"trial_id": "T-RA", "title": "RA", "conditions": ["Rheumatoid Arthritis"], "criteria": [
        inc("inc-1", None, "Willing to attend weekly visits.")]}
    sle = {"trial_id": "T-SLE", "title": "SLE", "conditions": ["Systemic Lupus Erythematosus"], "criteria": [
        inc("inc-1", None, "Willing to keep a diary.")]}
    q = new(profile_from_dict(RA_WOMAN), trials=[ra, sle])
    first = q.next_question()
    assert first.trial_ids == ("T-RA",) and not q.only_other_conditions(first)  # the patient's own trial first
    q.answer(first.id, True)
    second = q.next_question()
    assert second.trial_ids == ("T-SLE",) and q.only_other_conditions(second)
    # Before any diagnosis the fit cannot be told: nothing is "other".
    assert not new(trials=[ra, sle]).only_other_conditions(second)
