"""Items under a lead-in naming a group of participants ("Normal Subjects:", "For affected siblings:") read for that
group only: their content, bound to one question per group and trial (cohort_groups, propose_tree)."""

from __future__ import annotations

import json

import pytest

from core.criteria.extract import cohort_groups
from core.criteria.extract.propose_tree import propose_rules
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode

STROKE = {"fact": "condition:stroke", "op": "=", "value": True}


def inc(text, *children):
    return CriterionNode(kind=INCLUSION, text=text, children=list(children))


def exc(text, *children):
    return CriterionNode(kind=EXCLUSION, text=text, children=list(children))


def rules(*nodes):
    return {k: (None if p is None else p.rule) for k, p in propose_rules(list(nodes)).items()}


def question(rule):
    part = rule["all"][0] if "all" in rule else rule["any"][0]["not"]
    return part["id"], part["confirm"]


@pytest.mark.parametrize("lead, group", [
    ("Normal Subjects:", "Normal Subjects"), ("FOR AFFECTED SIBLINGS:", "AFFECTED SIBLINGS"),
    ("For healthy volunteers:", "healthy volunteers"), ("Donor:", "Donor"), ("Group 3:", "Group 3"),
    ("BLOOD RELATIVES OF AFFECTED SIBLING PAIRS:", "BLOOD RELATIVES OF AFFECTED SIBLING PAIRS"),
    ("Arm A patients:", "Arm A patients"), ("Relatives only:", "Relatives"), ("Donors must not have:", "Donors"),
    ("Stratum I exclusion criteria:", "Stratum I"),
    ("Criteria for children 15 months to 12 years of age:", "children 15 months to 12 years of age"),
])
def test_a_group_lead_in_binds_its_items_to_the_group(lead, group):
    got = rules(inc("Stroke within 2 weeks of onset"), exc(lead), exc("Stroke"))
    assert got["exc-2"] == {"all": [{"confirm": cohort_groups.QUESTION.format(group=group), "id": "cohort-1"}, STROKE]}


@pytest.mark.parametrize("lead", [
    "Patients:", "Patient:", "For patients:", "Patients with SLE:", "At least two of the following:",
    "For gadolinium enhanced studies:", "Healthy volunteers with any of the following:", "If female:",
    "Donors must meet at least two of the following:", "DONOR AND PATIENT:", "Stratum I inclusion:",
    "Children and young adults will not be eligible for this study if they:",
    "Healthy volunteers, unless approved by the investigator:",
    "Children with a history of porencephaly or stroke:", "Volunteers during the study:",
    "Laboratory values for group 2:",
])
def test_other_lead_ins_bind_no_group(lead):
    """Blocking lead-ins stay unread; the main population ("Patients with SLE:") reads as it did."""
    got = rules(inc("Stroke within 2 weeks of onset"), exc(lead), exc("Stroke"))
    assert "cohort-" not in json.dumps(got["exc-2"])
    assert got["exc-2"] is None or lead == "Patients with SLE:"


def test_inclusions_are_met_outside_the_group_and_every_item_of_a_group_shares_one_question():
    got = rules(inc("Normal volunteers:"), inc("Age greater than 18 years."), inc("Not pregnant"),
                exc("Healthy controls:"), exc("Pregnancy"), exc("Normal volunteers:"), exc("Stroke"))
    assert "any" in got["inc-2"] and "not" in got["inc-2"]["any"][0]
    assert got["inc-2"]["any"][1] == {"fact": "age_years", "op": ">", "value": 18}
    ids = {k: question(r)[0] for k, r in got.items() if r is not None}
    assert ids == {"inc-2": "cohort-1", "inc-3": "cohort-1", "exc-2": "cohort-2", "exc-4": "cohort-1"}


def test_a_parent_naming_a_group_binds_its_sub_items():
    got = rules(inc("Stroke patients"), exc("Normal volunteers:", exc("Stroke"), exc("Pregnancy")))
    assert question(got["exc-1.1"]) == question(got["exc-1.2"])
    assert got["exc-1.1"]["all"][1] == STROKE


def test_sentence_lead_ins_of_several_peoples_name_groups_and_one_people_reads_as_today():
    several = rules(inc("Children may be eligible for this study if they:"), inc("Are HIV-positive."),
                    inc("Mothers may be eligible for this study if they:"), inc("Are 18 years of age or older."))
    assert question(several["inc-2"])[1] == cohort_groups.QUESTION.format(group="Children")
    assert question(several["inc-4"])[1] == cohort_groups.QUESTION.format(group="Mothers")
    assert question(several["inc-2"])[0] != question(several["inc-4"])[0]
    alone = rules(inc("Children may be eligible for this study if they:"), inc("Are HIV-positive."))
    assert alone["inc-2"] == {"fact": "hiv", "op": "=", "value": True}


def test_a_group_in_a_group_and_a_sentence_of_its_own_after_a_group_stay_unread():
    got = rules(exc("Healthy volunteers:", exc("Group 2:", exc("Stroke"))),
                inc("Normal volunteers:"), inc("Patients must have:", inc("Stroke")))
    assert got["exc-1.1.1"] is None and got["inc-2.1"] is None


def test_the_group_does_not_end_at_a_negated_item_but_at_the_next_lead_in():
    got = rules(exc("Normal volunteers:"), exc("Stroke"), exc("No consent"), exc("Patients:"), exc("Pregnancy"))
    assert got["exc-2"] is not None and got["exc-4"] is None


def test_a_group_sentence_that_negates_its_items_in_the_inclusion_list():
    got = rules(inc("Stroke patients"), inc("Healthy volunteers must not have:"), inc("Stroke"))
    bound = got["inc-3"]["any"]
    assert bound[0]["not"]["id"] == "cohort-1" and bound[1] == {**STROKE, "value": False}


def test_a_group_named_in_the_singular_and_the_plural_is_one_question_worded_as_first_named():
    got = rules(inc("NORMAL VOLUNTEERS:"), inc("Not be pregnant."), exc("NORMAL VOLUNTEER:"), exc("HIV positive."),
                exc("Group 2:"), exc("Pregnant."))
    assert question(got["inc-2"]) == question(got["exc-2"]) == ("cohort-1", cohort_groups.QUESTION.format(
        group="NORMAL VOLUNTEERS"))
    assert question(got["exc-4"])[0] == "cohort-2"
