"""Trial verdicts: eligible / not eligible / possibly eligible, sub-items, refs, alternatives."""

from __future__ import annotations

import json
from types import SimpleNamespace

from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, evaluate_trial
from core.patient.profile import profile_from_dict


def crit(key, kind, rule=None, parent=None, text=None, label=None):
    return {"key": key, "parent_key": parent, "kind": kind, "label": label or key.split("-")[1],
            "text": text or f"criterion {key}", "rule": rule}


def age_over(n):
    return {"fact": "age_years", "op": ">", "value": n}


PREGNANT = {"fact": "pregnant", "op": "=", "value": True}
TRIAL = [crit("inc-1", "inclusion", age_over(18)), crit("exc-1", "exclusion", PREGNANT)]


def test_eligible_when_every_inclusion_met_and_no_exclusion_present():
    v = evaluate_trial("T", TRIAL, {"age_years": 40, "pregnant": False})
    assert v.verdict == ELIGIBLE
    assert [c.status for c in v.criteria] == ["met", "not_met"]
    assert v.deciding == [] and v.to_verify == []


def test_not_eligible_names_the_deciding_criteria():
    v = evaluate_trial("T", TRIAL, {"age_years": 17, "pregnant": True})
    assert v.verdict == NOT_ELIGIBLE
    assert v.deciding == ["inc-1", "exc-1"]
    assert v.criterion("inc-1").sentence == "Age 17 years is not above 18 years."


def test_exclusion_present_alone_rules_out_even_with_unknown_inclusions():
    v = evaluate_trial("T", TRIAL, {"pregnant": True})
    assert v.verdict == NOT_ELIGIBLE
    assert v.deciding == ["exc-1"]


def test_possibly_eligible_lists_the_unknowns():
    v = evaluate_trial("T", TRIAL, {"age_years": 40})
    assert v.verdict == POSSIBLY_ELIGIBLE
    assert v.to_verify == ["exc-1"]
    v = evaluate_trial("T", TRIAL, {})
    assert v.to_verify == ["inc-1", "exc-1"]


def test_criterion_without_rule_is_a_question_for_the_clinician():
    trial = [crit("inc-1", "inclusion", None, text="Agree to receive rituximab with belimumab")]
    v = evaluate_trial("T", trial, {})
    assert v.verdict == POSSIBLY_ELIGIBLE
    expected = "To be confirmed by the clinician: Agree to receive rituximab with belimumab."
    assert v.criterion("inc-1").sentence == expected
    assert v.criterion("inc-1").basis == "clinician"
    answered = evaluate_trial("T", trial, {}, confirmations={"inc-1": False})
    assert answered.verdict == NOT_ELIGIBLE


def test_invalid_rule_is_unknown_not_met():
    trial = [crit("inc-1", "inclusion", {"fact": "no_such_fact", "op": "=", "value": 1})]
    v = evaluate_trial("T", trial, {})
    result = v.criterion("inc-1")
    assert (result.status, result.basis) == ("unknown", "invalid_rule")
    assert result.problems and "no_such_fact" in result.problems[0]
    assert "could not be used" in result.sentence


def test_confirm_answers_come_from_the_profile_keyed_by_trial_and_criterion():
    trial = [crit("inc-1", "inclusion", {"confirm": "Is the heart structurally normal?"}),
             crit("inc-2", "inclusion", {"all": [{"confirm": "A?", "id": "a"}, {"confirm": "B?", "id": "b"}]})]
    profile = profile_from_dict({"format_version": 1, "confirmations": {
        "T": {"inc-1": "yes", "inc-2#a": "yes", "inc-2#b": "no"},
        "OTHER": {"inc-1": "no"}}})
    v = evaluate_trial("T", trial, profile)
    assert v.criterion("inc-1").status == "met"
    assert v.criterion("inc-2").status == "not_met"
    assert "answered no to: B?" in v.criterion("inc-2").sentence


def test_inclusion_logic_any_for_alternative_groups():
    trial = [crit("inc-1", "inclusion", age_over(60)), crit("inc-2", "inclusion", {"fact": "healthy_volunteer",
                                                                                    "op": "=", "value": True})]
    assert evaluate_trial("T", trial, {"age_years": 65}, inclusion_logic="any").verdict == ELIGIBLE
    assert evaluate_trial("T", trial, {"age_years": 65}, inclusion_logic="all").verdict == POSSIBLY_ELIGIBLE
    v = evaluate_trial("T", trial, {"age_years": 30, "healthy_volunteer": False}, inclusion_logic="any")
    assert v.verdict == NOT_ELIGIBLE
    assert v.deciding == ["inc-1", "inc-2"]
    v = evaluate_trial("T", trial, {"age_years": 30}, inclusion_logic="any")
    assert v.verdict == POSSIBLY_ELIGIBLE and v.to_verify == ["inc-2"]


def test_ref_makes_an_exclusion_group_specific():
    trial = [crit("inc-1", "inclusion", age_over(60)),
             crit("inc-2", "inclusion", {"fact": "healthy_volunteer", "op": "=", "value": True}),
             crit("exc-1", "exclusion", {"all": [{"ref": "inc-1"}, {"fact": "cns_disease", "op": "=", "value": True}]})]
    # Group 1 patient with CNS disease: excluded.
    v = evaluate_trial("T", trial, {"age_years": 65, "cns_disease": True}, inclusion_logic="any")
    assert v.verdict == NOT_ELIGIBLE and v.deciding == ["exc-1"]
    assert v.criterion("exc-1").sentence == "Inclusion 1 is met; Central nervous system disease: yes."
    # Healthy volunteer under 60 with CNS disease: the group-1 exclusion does not apply.
    v = evaluate_trial("T", trial, {"age_years": 30, "healthy_volunteer": True, "cns_disease": True},
                       inclusion_logic="any")
    assert v.criterion("exc-1").status == "not_met"
    assert v.verdict == ELIGIBLE


def test_ref_cycle_and_missing_ref_are_unknown():
    trial = [crit("inc-1", "inclusion", {"ref": "inc-2"}), crit("inc-2", "inclusion", {"ref": "inc-1"}),
             crit("inc-3", "inclusion", {"ref": "inc-9"})]
    v = evaluate_trial("T", trial, {})
    assert {c.status for c in v.criteria} == {"unknown"}
    assert v.verdict == POSSIBLY_ELIGIBLE


def test_parent_without_rule_combines_its_children():
    trial = [crit("inc-1", "inclusion", None),
             crit("inc-1.1", "inclusion", age_over(18), parent="inc-1"),
             crit("inc-1.2", "inclusion", PREGNANT, parent="inc-1")]
    v = evaluate_trial("T", trial, {"age_years": 30, "pregnant": False})
    assert v.criterion("inc-1").status == "not_met"
    assert v.criterion("inc-1").basis == "children"
    assert v.verdict == NOT_ELIGIBLE and v.deciding == ["inc-1"]  # only top-level items decide


def test_exclusion_parent_without_rule_is_present_when_any_child_is():
    # "Patients will not be eligible for this study if they:" over a list: one item present excludes.
    trial = [crit("inc-1", "inclusion", age_over(18)),
             crit("exc-1", "exclusion", None, text="Patients will not be eligible for this study if they:"),
             crit("exc-1.1", "exclusion", age_over(60), parent="exc-1"),
             crit("exc-1.2", "exclusion", PREGNANT, parent="exc-1")]
    v = evaluate_trial("T", trial, {"age_years": 30, "pregnant": True})
    assert v.criterion("exc-1").status == "met"
    assert v.verdict == NOT_ELIGIBLE and v.deciding == ["exc-1"]
    v = evaluate_trial("T", trial, {"age_years": 30, "pregnant": False})
    assert v.criterion("exc-1").status == "not_met" and v.verdict == ELIGIBLE
    v = evaluate_trial("T", trial, {"age_years": 30})  # one item unknown, none present: not cleared
    assert v.criterion("exc-1").status == "unknown" and v.verdict == POSSIBLY_ELIGIBLE
    trial[1]["rule"] = {"children": "all"}  # an explicit rule still says "all of them"
    v = evaluate_trial("T", trial, {"age_years": 30, "pregnant": True})
    assert v.criterion("exc-1").status == "not_met" and v.verdict == ELIGIBLE


def test_parent_children_any():
    trial = [crit("inc-1", "inclusion", {"children": "any"}),
             crit("inc-1.1", "inclusion", age_over(18), parent="inc-1"),
             crit("inc-1.2", "inclusion", PREGNANT, parent="inc-1")]
    v = evaluate_trial("T", trial, {"age_years": 30, "pregnant": False})
    assert v.criterion("inc-1").status == "met"
    assert v.criterion("inc-1").sentence == "Age 30 years is above 18 years."
    assert v.verdict == ELIGIBLE


def test_parent_rule_is_taken_as_given_over_its_children():
    trial = [crit("inc-1", "inclusion", age_over(18)),
             crit("inc-1.1", "inclusion", PREGNANT, parent="inc-1")]
    v = evaluate_trial("T", trial, {"age_years": 30, "pregnant": False})
    assert v.criterion("inc-1").status == "met"
    assert v.criterion("inc-1.1").status == "not_met"  # still reported
    assert v.verdict == ELIGIBLE


def test_criteria_may_be_objects():
    trial = [SimpleNamespace(key="inc-1", parent_key=None, kind="inclusion", label="1", text="Adult",
                             rule='{"fact": "age_years", "op": ">=", "value": 18}')]
    assert evaluate_trial("T", trial, {"age_years": 18}).verdict == ELIGIBLE


def test_recruitment_status_is_beside_the_verdict():
    closed = evaluate_trial("T", TRIAL, {"age_years": 40, "pregnant": False}, recruitment_status="completed")
    assert closed.verdict == ELIGIBLE
    assert closed.to_dict()["recruitment_status"] == "completed"


def test_profile_facts_are_derived_for_the_trial():
    profile = profile_from_dict({"format_version": 1, "assessment_date": "2025-01-01", "date_of_birth": "2007-01-01",
                                 "sex": "male"})
    v = evaluate_trial("T", [crit("inc-1", "inclusion", {"fact": "age_years", "op": ">=", "value": 18}),
                             crit("exc-1", "exclusion", PREGNANT)], profile)
    assert v.verdict == ELIGIBLE  # exactly 18, and male so not pregnant


def test_json_is_stable_and_documented_shape():
    v = evaluate_trial("T", TRIAL, {"age_years": 40})
    text = v.to_json()
    assert text == evaluate_trial("T", TRIAL, {"age_years": 40}).to_json()
    data = json.loads(text)
    assert set(data) == {"shape_version", "trial_id", "verdict", "recruitment_status", "inclusion_logic",
                         "deciding", "to_verify", "criteria", "steps", "eligible_from", "when", "unreviewed", "cohorts"}
    assert data["shape_version"] == 2
    assert (data["steps"], data["eligible_from"], data["when"]) == ([], None, [])
    assert set(data["criteria"][0]) == {"key", "parent_key", "kind", "label", "text", "status", "sentence",
                                        "facts", "basis", "problems", "status_now", "steps", "eligible_from",
                                        "when", "conflict"}
    assert data["criteria"][0]["status_now"] == data["criteria"][0]["status"] == "met"
    assert data["criteria"][0]["facts"] == {"age_years": 40}
    assert data["criteria"][1]["facts"] == {"pregnant": None}


def test_explain_false_gives_the_same_verdicts_without_sentences():
    for facts in ({"age_years": 40}, {"age_years": 17, "pregnant": True}, {"age_years": 40, "pregnant": False}):
        fast = evaluate_trial("T", TRIAL, facts, explain=False)
        full = evaluate_trial("T", TRIAL, facts)
        assert (fast.verdict, fast.deciding, fast.to_verify) == (full.verdict, full.deciding, full.to_verify)
        assert all(c.sentence == "" for c in fast.criteria)


# --- a heading printed as an item, with no rule and nothing under it ------------------------------

def test_a_heading_with_nothing_under_it_is_no_requirement_and_no_question():
    trial = [crit("inc-1", "inclusion", age_over(18)),
             crit("inc-2", "inclusion", None, text="INCLUSION OF PREGNANT WOMEN:"),
             crit("exc-1", "exclusion", None, text="Concurrent Medication:"),
             crit("exc-2", "exclusion", PREGNANT)]
    v = evaluate_trial("T", trial, {"age_years": 40, "pregnant": False})
    assert v.verdict == ELIGIBLE  # neither heading is left "to be confirmed"
    assert v.criterion("inc-2").basis == "heading" and v.criterion("exc-1").basis == "heading"
    assert v.to_verify == []
    # Without the heading's neutrality the open heading would keep the trial "possibly eligible".
    v = evaluate_trial("T", trial, {"age_years": 17, "pregnant": False})
    assert v.verdict == NOT_ELIGIBLE and v.deciding == ["inc-1"]


def test_a_placeholder_and_the_heading_over_it_are_no_requirement():
    # PDQ records: "Life expectancy:" over "Not specified", "Biologic therapy:" over "See Disease Characteristics"
    trial = [crit("inc-1", "inclusion", age_over(18)),
             crit("inc-2", "inclusion", None, text="Life expectancy:"),
             crit("inc-2.1", "inclusion", None, parent="inc-2", text="Not specified"),
             crit("inc-3", "inclusion", None, text="Biologic therapy:"),
             crit("inc-3.1", "inclusion", None, parent="inc-3", text="See Disease Characteristics"),
             crit("exc-1", "exclusion", None, text="Renal:"),
             crit("exc-1.1", "exclusion", None, parent="exc-1", text="Not specified."),
             crit("inc-5", "inclusion", None, text="Endocrine therapy: Not specified"),
             crit("inc-6", "inclusion", None, text="PRIOR CONCURRENT THERAPY: See Disease Characteristics")]
    v = evaluate_trial("T", trial, {"age_years": 40})
    assert v.verdict == ELIGIBLE and v.to_verify == []
    assert {c.key for c in v.criteria if c.basis == "heading"} == {"inc-2", "inc-2.1", "inc-3", "inc-3.1", "exc-1",
                                                                  "exc-1.1", "inc-5", "inc-6"}
    assert v.criterion("inc-2.1").sentence == "The record states nothing to meet here: not a requirement."
    # a heading over a real requirement is decided by it, and a placeholder-like word inside a sentence is read
    trial += [crit("inc-4", "inclusion", None, text="Hepatic:"),
              crit("inc-4.1", "inclusion", None, parent="inc-4", text="Bilirubin not specified by the protocol")]
    v = evaluate_trial("T", trial, {"age_years": 40})
    assert v.verdict == POSSIBLY_ELIGIBLE and v.to_verify == ["inc-4"]


def test_a_heading_never_satisfies_alternatives():
    # inclusion_logic "any": a heading must not count as the one alternative met.
    trial = [crit("inc-1", "inclusion", None, text="Patients must have:"),
             crit("inc-2", "inclusion", age_over(18))]
    v = evaluate_trial("T", trial, {"age_years": 12}, inclusion_logic="any")
    assert v.verdict == NOT_ELIGIBLE
    parent = [crit("inc-1", "inclusion", {"children": "any"}),
              crit("inc-1.1", "inclusion", None, parent="inc-1", text="Hepatic:"),
              crit("inc-1.2", "inclusion", age_over(18), parent="inc-1")]
    assert evaluate_trial("T", parent, {"age_years": 12}).verdict == NOT_ELIGIBLE


def test_text_that_holds_content_before_its_final_colon_is_still_asked():
    for text in ("PATIENT CHARACTERISTICS: Age: 18 and over Life expectancy:", "Age 18 or older"):
        v = evaluate_trial("T", [crit("inc-1", "inclusion", None, text=text)], {})
        assert v.criterion("inc-1").basis == "clinician" and v.verdict == POSSIBLY_ELIGIBLE


def test_what_only_lifts_a_restriction_is_no_requirement():
    # PDQ records print "Prior surgery allowed" or "Any age" under a topic: nothing to meet
    trial = [crit("inc-1", "inclusion", age_over(18)),
             crit("inc-2", "inclusion", None, text="Surgery:"),
             crit("inc-2.1", "inclusion", None, parent="inc-2", text="Prior surgery allowed"),
             crit("inc-3", "inclusion", None, text="Concurrent hormonal therapy permitted."),
             crit("inc-4", "inclusion", None, text="Age: Any age")]
    v = evaluate_trial("T", trial, {"age_years": 40})
    assert v.verdict == ELIGIBLE and v.to_verify == []
    # a limit, a condition or a negation makes it a requirement again: asked as usual
    for text in ("Prior chemotherapy not allowed", "Prior surgery allowed if more than 4 weeks ago",
                 "Concurrent steroids only allowed", "Prior radiotherapy to less than 25% of marrow allowed"):
        v = evaluate_trial("T", [crit("inc-1", "inclusion", age_over(18)),
                                 crit("inc-2", "inclusion", None, text=text)], {"age_years": 40})
        assert v.verdict == POSSIBLY_ELIGIBLE and v.to_verify == ["inc-2"], text
