"""The questionnaire benchmark's counting (shared vs trial-specific questions) and its patients."""

from __future__ import annotations

from datetime import date

from benchmarks.bench_questionnaire import load_patients
from benchmarks.questionnaire_walk import checklist, is_complete_chart, walk
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE
from core.patient.profile import profile_from_dict
from core.questionnaire.trials import trials_from_data

TODAY = date(2026, 11, 30)


def crit(key, kind, rule, text):
    return {"key": key, "parent_key": None, "kind": kind, "label": key, "text": text, "rule": rule}


ADULTS = {"trial_id": "T-ADULTS", "title": "Adults", "criteria": [
    crit("inc-1", "inclusion", {"fact": "age_years", "op": ">=", "value": 18}, "Aged 18 or over.")]}
CHILDREN = {"trial_id": "T-KIDS", "title": "Children", "criteria": [
    crit("inc-1", "inclusion", {"fact": "age_years", "op": "<", "value": 18}, "Under 18."),
    crit("inc-2", "inclusion", None, "Able to swallow tablets.")]}
UNRULED = {"trial_id": "T-VERBATIM", "title": "No rules", "criteria": [
    crit("inc-1", "inclusion", None, "Active disease despite standard care."),
    crit("exc-1", "exclusion", None, "Any condition the investigator finds unsuitable.")]}


def test_shared_and_trial_specific_questions_are_told_apart():
    truth = profile_from_dict({"format_version": 2, "date_of_birth": "1980-01-01", "assessment_date": "2026-11-30"})
    trials = trials_from_data([ADULTS, CHILDREN, UNRULED])
    w = walk(truth, trials, TODAY)
    assert w.verdicts == {"T-ADULTS": ELIGIBLE, "T-KIDS": NOT_ELIGIBLE, "T-VERBATIM": POSSIBLY_ELIGIBLE}
    # Age decides two trials; the rule-less trial's two items are asked of the clinician on one
    # checklist page (answered "unknown" by the simulated clinician), and the children's trial's item never is.
    assert (w.shared, dict(w.specific_by_trial), w.rows, w.checklist_pages) == (1, {"T-VERBATIM": 1}, 2, 1)
    assert w.asked == 2 and w.decided_from_shared == {"T-ADULTS", "T-KIDS"}
    assert len(w.latencies_ms) == 2  # one per answer
    assert checklist(trials) == (1, 3)
    # page by page (the per-item questionnaire): each item is a question of its own, and no rows are counted
    one_by_one = walk(truth, trials, TODAY, checklists=False)
    assert (one_by_one.shared, dict(one_by_one.specific_by_trial), one_by_one.rows) == (1, {"T-VERBATIM": 2}, 0)
    assert one_by_one.asked == 3 and one_by_one.verdicts == w.verdicts


def test_unknown_age_leaves_the_age_trials_open():
    truth = profile_from_dict({"format_version": 2, "assessment_date": "2026-11-30"})
    w = walk(truth, trials_from_data([ADULTS, CHILDREN]), TODAY)
    assert w.decided == set() and w.specific_by_trial["T-KIDS"] == 1


def test_benchmark_patients_are_format_2_charts_of_the_clinics_conditions():
    patients = load_patients()
    assert len(patients) >= 10
    codes = {d.code for p in patients.values() for d in p.diagnoses}
    assert {"rheumatoid_arthritis", "sle", "sjogren", "dermatomyositis", "systemic_sclerosis", "vasculitis",
            "ankylosing_spondylitis"} <= codes
    assert sum(is_complete_chart(p) for p in patients.values()) >= 10
    assert any(not is_complete_chart(p) for p in patients.values())  # the sparse chart


def test_questions_for_trials_of_other_conditions_are_counted_apart():
    lupus = {**UNRULED, "trial_id": "T-SLE", "conditions": ["systemic lupus erythematosus"]}
    ra = {**UNRULED, "trial_id": "T-RA", "conditions": ["rheumatoid arthritis"]}
    diagnosis = {"trial_id": "T-DX", "title": "RA", "criteria": [
        crit("inc-1", "inclusion", {"fact": "ra_diagnosed", "op": "=", "value": True}, "RA.")]}
    truth = profile_from_dict({"format_version": 2, "date_of_birth": "1980-01-01", "assessment_date": "2026-11-30",
                               "diagnoses": [{"code": "rheumatoid_arthritis"}], "diagnoses_complete": True})
    w = walk(truth, trials_from_data([diagnosis, lupus, ra]), TODAY)  # the diagnoses are asked for T-DX
    assert dict(w.specific_by_trial) == {"T-SLE": 1, "T-RA": 1} and w.rows == 4
    assert w.specific_other_conditions == 1  # the lupus trial's checklist page
    assert w.until_fitting_settled == w.asked - 1  # the lupus trial's page comes last
    w = walk(truth, trials_from_data([diagnosis, lupus, ra]), TODAY, checklists=False)
    assert dict(w.specific_by_trial) == {"T-SLE": 2, "T-RA": 2}
    assert w.specific_other_conditions == 2  # the lupus trial's two items
    assert w.until_fitting_settled == w.asked - 2  # the lupus trial's items come last
