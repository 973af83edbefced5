"""The patient record: merging a screening's answers with their dates, starting a new screening
from it (stale facts left out, confirmations never carried), ages in words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.patient.profile import profile_from_dict
from core.questionnaire import Questionnaire
from core.questionnaire.record import (
    age_words,
    earlier_confirmations,
    merge_into_record,
    start_from_record,
)

TODAY = date(2026, 11, 30)


def _screening_profile(**extra):
    data = {
        "format_version": 2, "profile_id": "P-1", "date_of_birth": "1970-03-14", "sex": "female",
        "diagnoses": [{"code": "rheumatoid_arthritis", "diagnosis_date": "2012-05"}],
        "treatments": [{"drug": "methotrexate", "start": "2012", "status": "ongoing",
                        "response": "inadequate_response"}],
        "labs": [{"name": "crp", "value": 12, "unit": "mg/L", "date": "2026-11-20"}],
        "findings": {"pregnant": False, "ecog": 1},
        "history": {"malignancy": False},
        "confirmations": {"NCT1": {"inc-3": "yes"}},
    }
    data.update(extra)
    return data


def test_merge_stamps_each_fact_and_drops_confirmations():
    record = merge_into_record(None, _screening_profile(), None, TODAY)
    assert "confirmations" not in record and "assessment_date" not in record
    assert record["known_on"]["findings.pregnant"] == "2026-11-30"
    assert record["known_on"]["history.malignancy"] == "2026-11-30"
    assert record["diagnoses"][0]["recorded"] == "2026-11-30"
    assert record["treatments"][0]["recorded"] == "2026-11-30"
    # a lab's own date says when it was known: no entry-day stamp makes it look newer
    assert "labs.crp" not in record["known_on"]
    assert profile_from_dict(record).findings == {"pregnant": False, "ecog": 1}


def test_merge_only_the_answered_part_and_unknown_keeps_the_record():
    record = merge_into_record(None, _screening_profile(), None, TODAY - timedelta(days=40))
    later = _screening_profile(findings={"ecog": 2})  # pregnancy not answered this time
    merged = merge_into_record(record, later, ["ecog", "pregnant"], TODAY)
    assert merged["findings"] == {"ecog": 2, "pregnant": False}
    assert merged["known_on"]["findings.ecog"] == "2026-11-30"
    assert merged["known_on"]["findings.pregnant"] == (TODAY - timedelta(days=40)).isoformat()


def test_lab_results_accumulate_and_a_same_day_correction_replaces():
    record = merge_into_record(None, _screening_profile(), None, TODAY)
    newer = _screening_profile(labs=[{"name": "crp", "value": 30, "unit": "mg/L", "date": "2026-11-28"}])
    record = merge_into_record(record, newer, ["lab.crp"], TODAY)
    assert [r["value"] for r in record["labs"]] == [12, 30]
    corrected = _screening_profile(labs=[{"name": "crp", "value": 3, "unit": "mg/L", "date": "2026-11-28"}])
    record = merge_into_record(record, corrected, ["lab.crp"], TODAY)
    assert [r["value"] for r in record["labs"]] == [12, 3]


def test_table_replaced_when_seen_added_to_when_not():
    record = merge_into_record(None, _screening_profile(), None, TODAY)
    other = _screening_profile(treatments=[{"drug": "adalimumab", "start": "2018", "stop": "2019",
                                            "status": "stopped", "response": "loss_of_response"}])
    union = merge_into_record(record, other, ["treatments"], TODAY, union=True)
    assert [t["drug"] for t in union["treatments"]] == ["methotrexate", "adalimumab"]
    replaced = merge_into_record(record, other, ["treatments"], TODAY)
    assert [t["drug"] for t in replaced["treatments"]] == ["adalimumab"]


def test_start_carries_fresh_facts_and_asks_stale_ones_again():
    record = merge_into_record(None, _screening_profile(), None, TODAY - timedelta(days=45))
    start = start_from_record(record, TODAY, 90, profile_id="P-1")
    assert {"date_of_birth", "sex", "diagnoses", "treatments", "lab.crp", "ecog", "malignancy"} <= set(start.carried)
    assert "pregnant" in start.stale  # pregnancy lasts 30 days, whatever the setting
    assert start.profile.findings == {"ecog": 1}
    assert start.profile.confirmations == {}
    # a shorter setting makes the lab and ECOG stale too; the diagnosis never ages
    short = start_from_record(record, TODAY, 7)  # the CRP is 10 days old, ECOG 45 days
    assert {"lab.crp", "ecog"} <= set(short.stale) and "diagnoses" in short.carried
    assert short.profile.labs == [] and short.profile.findings == {}
    # the carried facts count as answered: the questionnaire will not ask them
    q = Questionnaire(start.profile, [], today=TODAY)
    assert q.status("diagnoses") == "answered" and q.status("lab.crp") == "answered"
    assert q.status("pregnant") == "open"


def test_old_lab_is_stale_by_its_own_date():
    record = merge_into_record(None, _screening_profile(labs=[{"name": "alt", "value": 20, "unit": "U/L",
                                                                "date": "2026-06-01"}]), None, TODAY)
    start = start_from_record(record, TODAY, 90)
    assert start.stale["lab.alt"] == "2026-06-01"
    assert not start.profile.labs


def test_undated_fact_that_ages_is_not_carried():
    record = {"format_version": 2, "findings": {"ecog": 1}, "sex": "male"}  # no known_on at all
    start = start_from_record(record, TODAY, 90)
    assert "ecog" in start.stale and start.carried == {"sex": None}


def test_fact_impossible_now_is_refused_not_guessed():
    record = merge_into_record(None, _screening_profile(), None, TODAY)
    record["date_of_birth"] = "2015-01-01"  # now after the diagnosis of 2012
    start = start_from_record(record, TODAY, 90)
    assert start.refused and set(start.refused) <= {"diagnoses", "date_of_birth", "treatments"}
    Questionnaire(start.profile, [], today=TODAY)  # the screening can start


@pytest.mark.parametrize("known, words", [
    ("2026-11-30", "from the record, today"),
    ("2026-11-27", "from the record, 3 days old"),
    ("2026-11-02", "from the record, 4 weeks old"),
    ("2026-07-29", "from the record, 4 months old"),
    ("2024-01-15", "from the record, 2 years old"),
    (None, "from the record, date not known"),
])
def test_age_words(known, words):
    assert age_words(known, TODAY) == words


def test_earlier_confirmations_listed_newest_first():
    states = [(1, date(2026, 5, 1), {"questionnaire_version": 1, "profile": _screening_profile()}),
              (4, date(2026, 9, 1), {"format_version": 2, "confirmations": {"NCT1": {"inc-3": "no"}}})]
    found = earlier_confirmations(states)
    assert found == {"confirm:NCT1:inc-3": "asked in screening #4 on 2026-09-01 (answered no)"}


def test_absence_claims_last_only_the_setting_presence_stays():
    old = (TODAY - timedelta(days=120)).isoformat()
    record = {
        "format_version": 2, "diagnoses_complete": True,
        "diagnoses": [{"code": "rheumatoid_arthritis", "recorded": old},
                      {"code": "malignancy", "status": "absent", "recorded": old},
                      {"code": "sle", "status": "absent", "source": "question", "recorded": old},
                      {"code": "psoriasis", "source": "question", "recorded": old}],
        "never_treated_with": ["rituximab"], "ever_treated_with": ["TNF inhibitor"],
        "history": {"malignancy": False, "epilepsy": True},
        "known_on": {"diagnoses": old, "drug_ever.rituximab": old, "drug_ever.TNF inhibitor": old,
                     "history.malignancy": old, "history.epilepsy": old},
    }
    start = start_from_record(record, TODAY, 90)
    # what is present stays: the diagnosis, a condition answered yes, a drug received, a "yes" history
    assert {"diagnoses", "condition:psoriasis", "drug_ever:TNF inhibitor", "epilepsy"} <= set(start.carried)
    # what says "absent" is four months old: asked again
    assert {"diagnoses_complete", "diagnoses[1]", "condition:sle", "drug_ever:rituximab", "malignancy"} <= set(
        start.stale)
    profile = start.profile
    assert not profile.diagnoses_complete and profile.never_treated_with == []
    assert [(d.code, d.status) for d in profile.diagnoses] == [("rheumatoid_arthritis", "present"),
                                                               ("psoriasis", "present")]
    assert profile.history == {"epilepsy": True}
    # within the setting the same claims are used
    fresh = start_from_record(record, TODAY, 180)
    assert fresh.profile.diagnoses_complete and fresh.profile.never_treated_with == ["rituximab"]
    assert fresh.profile.history == {"malignancy": False, "epilepsy": True}


def test_classification_criteria_met_stay_not_met_are_asked_again():
    old = (TODAY - timedelta(days=400)).isoformat()
    record = merge_into_record(None, _screening_profile(history={"classified:rheumatoid_arthritis": True,
                                                                  "classified:sle": False}), None, TODAY)
    assert record["history"]["classified:rheumatoid_arthritis"] is True
    assert record["known_on"]["history.classified:sle"] == TODAY.isoformat()
    record["known_on"] = {k: old for k in record["known_on"]}
    start = start_from_record(record, TODAY, 90)
    assert "classified:rheumatoid_arthritis" in start.carried and "classified:sle" in start.stale
