"""Treatments as vocabulary facts: windows with study-start anchors, washouts written as time since the
last dose, "naive to X", a class with an exception, other trials, treatment failure. Phrasings are the
corpus's own; near-misses must give no rule."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.treatments import except_members, window
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION


@pytest.mark.parametrize(("text", "weeks"), [
    ("within the past 6 months", 26.0), ("within 30 days prior to randomization", 4.2857),
    ("in the last 4 weeks prior to baseline", 4.0), ("within 6 months prior to the first dose of study drug", 26.0),
    ("4 weeks prior to randomization", 4.0), ("within 30 days of visit 1", 4.2857),
    ("in the preceding 3 months", 13.0), ("in the 6 months prior to enrollment", 26.0),
    ("within 2 years", 104.0), ("within 14 days before signing the informed consent", 2.0),
])
def test_window_grammar(text, weeks):
    assert window(text)[0] == weeks


@pytest.mark.parametrize("text", [
    "in 6 months", "6 months", "within 6 months of diagnosis", "within 5 half-lives",
    "4 weeks prior to surgery", "within 3 months after the last dose",
])
def test_window_refusals(text):
    assert window(text) is None


def _rule(text, kind):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert rule_problems(proposal.rule) == []
    return proposal.rule


def test_since_prior_is_a_washout_in_an_inclusion():
    assert _rule("At least 4 weeks since prior chemotherapy", INCLUSION) == {
        "step": {"kind": "washout", "text": "Last dose of chemotherapy at least 4 weeks before entry"},
        "rule": {"fact": "drug_weeks_since:chemotherapy", "op": ">=", "value": 4.0}}
    assert _rule("At least 3 months since the last dose of rituximab", INCLUSION)["rule"] == {
        "fact": "drug_weeks_since:rituximab", "op": ">=", "value": 13.0}
    assert _rule("Methotrexate must be discontinued at least 4 weeks prior to randomization", INCLUSION)[
        "rule"] == {"fact": "drug_weeks_since:methotrexate", "op": ">=", "value": 4.0}
    less = _rule("Less than 4 weeks since prior chemotherapy", EXCLUSION)
    assert less["step"]["kind"] == "washout"
    assert less["rule"] == {"fact": "drug_weeks_since:chemotherapy", "op": "<", "value": 4.0}


@pytest.mark.parametrize(("text", "kind"), [
    # a bracketed period for something not a kind of the drug read (tests/.../test_drug_phrasings.py reads
    # "(6 weeks for nitrosoureas or mitomycin)")
    ("At least 4 weeks since prior chemotherapy (8 weeks for strontium therapy)", INCLUSION),
    ("At least 4 weeks since prior chemotherapy", EXCLUSION),  # "at least" as an exclusion: not a washout
    ("Less than 4 weeks since prior chemotherapy", INCLUSION),
    ("Chemotherapy must be completed at least 2 weeks prior to surgery", INCLUSION),  # not the study start
    # "since prior" may cover the unread part too: no split
    ("At least 3 weeks since prior biologic and immunologic agents directed at the malignant tumor", INCLUSION),
])
def test_since_prior_refusals(text, kind):
    assert propose_rule(text, kind) is None


@pytest.mark.parametrize(("text", "procedure"), [
    ("At least 4 weeks since prior radiotherapy", "radiotherapy"),
    ("At least 4 weeks since prior surgery", "surgery"),
])
def test_since_a_procedure_is_no_drug_washout(text, procedure):
    # a procedure, not a drug: read by the procedures reader (tests/core/criteria/extract/test_procedures.py)
    rule = propose_rule(text, INCLUSION).rule
    assert rule["rule"] == {"fact": f"procedure_weeks_since:{procedure}", "op": ">=", "value": 4.0}


@pytest.mark.parametrize(("text", "fact"), [
    ("Biologic-naive", "drug_ever:biologic"), ("Methotrexate-naïve patients", "drug_ever:methotrexate"),
    ("Naive to JAK inhibitors", "drug_ever:jak_inhibitor"), ("bDMARD naive", "drug_ever:bdmard"),
])
def test_naive_is_never_received_and_fixed(text, fact):
    proposal = propose_rule(text, INCLUSION)
    assert proposal.rule == {"fact": fact, "op": "=", "value": False}
    assert not proposal.modifiable


@pytest.mark.parametrize("text", ["Treatment-naive", "Naive to treatment", "Naive patients"])
def test_naive_needs_a_drug(text):
    assert propose_rule(text, INCLUSION) is None


def test_class_except_a_member():
    ids = except_members("dmard", ["methotrexate"])
    assert "methotrexate" not in ids and "csdmard" not in ids and "dmard" not in ids
    assert {"bdmard", "tsdmard", "leflunomide", "sulfasalazine"} <= set(ids)
    assert except_members("dmard", ["insulin"]) is None  # not below the class
    rule = _rule("Concurrent treatment with any DMARD (apart from methotrexate)", EXCLUSION)
    assert rule["step"]["kind"] == "stop_medication"
    facts = {r["fact"] for r in rule["rule"]["any"]}
    assert facts == {f"drug_current:{i}" for i in ids}
    window_rule = _rule("Use of any DMARD other than methotrexate within 4 weeks of baseline", EXCLUSION)
    assert {r["fact"] for r in window_rule["rule"]["any"]} == {f"drug_weeks_since:{i}" for i in ids}


def test_class_except_refusals():
    assert propose_rule("Any DMARD other than stable doses of methotrexate", EXCLUSION) is None
    assert propose_rule("Corticosteroids other than inhaled", EXCLUSION) is None


@pytest.mark.parametrize(("text", "fact", "weeks"), [
    ("Treatment with cyclophosphamide within 6 months prior to the first dose of study drug",
     "drug_weeks_since:cyclophosphamide", 26.0),
    ("Received any live vaccine 4 weeks prior to randomization", "drug_weeks_since:live_vaccine", 4.0),
    ("Subjects who have received any investigational drug within 30 days of Visit 1",
     "drug_weeks_since:investigational_product", 4.2857),
    ("Treatment with rifampin in the preceding 3 months.", "drug_weeks_since:rifampicin", 13.0),
])
def test_windows_in_an_exclusion_are_steps(text, fact, weeks):
    rule = _rule(text, EXCLUSION)
    assert rule["step"]["kind"] in ("washout", "vaccine_wait")
    assert rule["rule"] == {"fact": fact, "op": "<", "value": weeks}


@pytest.mark.parametrize("text", [
    "Therapy with anticoagulants", "Treatment with insulin",  # ever, or now? not said ("use of X": current, h-treat8)
    "Treatment with rituximab in combination with methotrexate",
    "Corticosteroids within 6 months of diagnosis",
    "Treatment with any investigational drug within 30 days or 5 half-lives",  # which one? (half_lives.py)
])
def test_drug_refusals(text):
    assert propose_rule(text, EXCLUSION) is None


@pytest.mark.parametrize(("text", "rule"), [
    ("Inadequate response or intolerance to methotrexate",
     {"fact": "drug_failed_count:methotrexate", "op": ">=", "value": 1}),
    ("Failed >= 2 TNF inhibitors", {"fact": "drug_failed_count:tnf_inhibitor", "op": ">=", "value": 2}),
    ("Failed methotrexate or leflunomide",
     {"any": [{"fact": "drug_failed_count:methotrexate", "op": ">=", "value": 1},
              {"fact": "drug_failed_count:leflunomide", "op": ">=", "value": 1}]}),
])
def test_treatment_failure(text, rule):
    assert _rule(text, INCLUSION) == rule


def test_treatment_failure_refusals():
    assert propose_rule("Failed 2 TNF inhibitors or JAK inhibitors", INCLUSION) is None  # a count over a union
    assert propose_rule("Failed methotrexate and leflunomide", INCLUSION) is None  # both, or either?
    partial = _rule("Inadequate response to methotrexate", INCLUSION)  # narrower than a failure: asked
    assert partial["all"][0] == {"fact": "drug_failed_count:methotrexate", "op": ">=", "value": 1}
    assert "confirm" in partial["all"][1]


@pytest.mark.parametrize(("text", "rule"), [
    ("Methotrexate 15-25 mg/week", {"all": [{"fact": "drug_dose:methotrexate", "op": ">=", "value": 15},
                                            {"fact": "drug_dose:methotrexate", "op": "<=", "value": 25}]}),
    ("Current methotrexate dose >= 15 mg/week", {"fact": "drug_dose:methotrexate", "op": ">=", "value": 15}),
    ("Receiving methotrexate at a dose of 7.5 to 25 mg weekly",
     {"all": [{"fact": "drug_dose:methotrexate", "op": ">=", "value": 7.5},
              {"fact": "drug_dose:methotrexate", "op": "<=", "value": 25}]}),
    ("Hydroxychloroquine <= 400 mg daily", {"fact": "drug_dose:hydroxychloroquine", "op": "<=", "value": 400}),
    ("MTX (greater than or equal to 17.5 mg/week) plus SSZ (greater than 1 gm/day) plus HCQ (greater than or "
     "equal to 200 mg/day)", {"all": [{"fact": "drug_dose:methotrexate", "op": ">=", "value": 17.5},
                                      {"fact": "drug_dose:sulfasalazine", "op": ">", "value": 1000},
                                      {"fact": "drug_dose:hydroxychloroquine", "op": ">=", "value": 200}]}),
])
def test_doses(text, rule):
    assert _rule(text, INCLUSION) == rule


@pytest.mark.parametrize("text", [
    "Methotrexate 2.5 mg/day",  # a weekly drug per day: no regimen
    "Stable dose of methotrexate 15 mg/week",  # no fact holds when the dose last changed
    "Methotrexate <= 25 mg/week for at least 12 weeks",  # a ceiling held for a period: met by not taking it
    "NSAIDs <= 1000 mg/day",  # a class: no one dose
    "Methotrexate 15 mg",  # per week? per day?
    "Methotrexate 25-15 mg/week",
    "Methotrexate <= 0.3 mg/kg/week",
])
def test_dose_refusals(text):
    assert propose_rule(text, INCLUSION) is None


def test_more_corpus_phrasings():
    assert _rule("Never received antiretroviral therapy.", INCLUSION) == {
        "fact": "drug_ever:antiretroviral", "op": "=", "value": False}
    assert _rule(">= 1 month since any prior investigational agent", INCLUSION)["rule"] == {
        "fact": "drug_weeks_since:investigational_product", "op": ">=", "value": 4.3333}
    for text in ("Any other experimental therapy within 3 months of study entry.",
                 "Have had any experimental therapy within 3 months prior to study entry.",
                 "Have received any other investigational drug within 3 months prior to the first dose of study drugs"):
        assert _rule(text, EXCLUSION)["rule"] == {
            "fact": "drug_weeks_since:investigational_product", "op": "<", "value": 13.0}, text
    assert _rule("Use of botulinum toxin injections in the past 12 weeks", EXCLUSION)["rule"] == {
        "fact": "drug_weeks_since:botulinum_toxin", "op": "<", "value": 12.0}
    assert propose_rule("Other drugs within 3 months", EXCLUSION) is None  # other than what?


def test_participation_current_use_and_windows_of_the_corpus():
    assert _rule("Subjects who have participated in an investigational drug trial in the 30 days prior to the "
                 "screening visit", EXCLUSION)["rule"] == {
        "fact": "drug_weeks_since:investigational_product", "op": "<", "value": 4.2857}
    assert _rule("Patients receiving any other investigational agents.", EXCLUSION) == {
        "step": {"kind": "stop_medication", "text": "Stop investigational agents"},
        "rule": {"fact": "drug_current:investigational_product", "op": "=", "value": True}}
    assert _rule("Yellow fever vaccination within the 30 days previous to study entry.", EXCLUSION)["step"][
        "kind"] == "vaccine_wait"
    assert _rule("Investigational therapy within 2 weeks of cycle 1 day 1", EXCLUSION)["rule"]["value"] == 2.0
    # the window belongs to every drug of the list, never only to the last
    both = _rule("Taking NSAIDs, triptans or opiates in the previous 24 hours", EXCLUSION)["rule"]
    assert {r["fact"] for r in both["any"]} == {"drug_weeks_since:nsaid", "drug_weeks_since:triptan",
                                               "drug_weeks_since:opioid"}
    assert _rule("Ongoing verapamil, ketoconazole or itraconazole.", EXCLUSION)["step"]["kind"] == "stop_medication"


@pytest.mark.parametrize(("text", "weeks"), [
    ("Participated in other clinical trials within 30 days", 4.2857),
    ("Participation in other investigational drug studies within the past month", 4.3333),
    ("Participation in another clinical trial with any investigative drug within 30 days prior to study enrolment",
     4.2857),
    ("Participation in a clinical trial of an investigation drug or device in the past 30 days", 4.2857),
])
def test_other_trial_phrasings(text, weeks):
    rule = _rule(text, EXCLUSION)
    assert rule["step"]["kind"] == "washout"
    assert rule["rule"] == {"fact": "drug_weeks_since:investigational_product", "op": "<", "value": weeks}


@pytest.mark.parametrize("text", [
    "Participation in another research study within the past month",  # maybe observational: no treatment
    "Participation in a clinical study during the last month",
    "Participation in another therapeutic interventional clinical study within 28 days of starting sndx-5613",
])
def test_other_trial_refusals(text):
    assert propose_rule(text, EXCLUSION) is None


def test_one_unit_windows():
    assert window("within the past month") == (4.3333, "1 month")
    assert window("in the last year prior to screening") == (52.0, "1 year")
    assert window("within the month") is None


def test_a_list_ending_in_any_other_member_of_a_class_is_the_list_or_the_class():
    """"A, B, or any other C" is A or B or C (A and B count whether or not they belong to C)."""
    p = propose_rule("Previous treatment with anakinra, canakinumab, or any other IL-1 inhibitor", "exclusion")
    assert p is not None
    assert p.rule == {"any": [{"fact": f"drug_ever:{d}", "op": "=", "value": True}
                              for d in ("anakinra", "canakinumab", "il1_inhibitor")]}
    # a condition the class covers merges into it (``covered_parts``): lymphoma is a haematological malignancy
    p = propose_rule("No lymphoma or other hematologic malignancy", "inclusion")
    assert p is not None and p.rule == {"fact": "condition:haematological_malignancy", "op": "=", "value": False}
    # "other than" stays an exception, and an unread class stays unread
    assert propose_rule("Any DMARD other than methotrexate or any other unlisted remedy", "exclusion") is None


@pytest.mark.parametrize(("text", "kind", "value"), [
    ("No other concurrent investigational agents", INCLUSION, False),  # PDQ records: 38 times in the corpus
    ("No other concurrent investigational drugs", INCLUSION, False),
    ("No other concurrent investigational therapy", INCLUSION, False),
    ("Other concurrent investigational agents", EXCLUSION, True),
])
def test_other_concurrent_investigational_agents_are_stopped(text, kind, value):
    rule = propose_rule(text, kind).rule
    assert rule["step"]["kind"] == "stop_medication"
    assert rule["rule"] == {"fact": "drug_current:investigational_product", "op": "=", "value": value}


@pytest.mark.parametrize("text", [
    # "No other concurrent anticancer therapy or investigational agents" is now read (test_drug_phrasings.py):
    # before enrolment a patient takes none of the study's own, so any current one is "other"
    "No other concurrent investigational antineoplastic drugs",
    "No other concurrent therapy",
])
def test_other_concurrent_refusals(text):
    assert propose_rule(text, INCLUSION) is None, text
