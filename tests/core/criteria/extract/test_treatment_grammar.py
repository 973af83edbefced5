"""The grammar of a treatment statement, piece by piece (issue 16, h-treat8): [negation] [time lead] [verb] DRUG
[route] [window / "at screening" / "during the study"], and the planned procedures. Each piece is tested on
phrasings of the dev side of the corpus and on near-misses that must stay unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.treatments import window
from core.trial_record import EXCLUSION, INCLUSION
from tests.core.criteria.extract.phrasings import assert_facts_and_steps


def _cur(drug: str, value: bool = True) -> tuple:
    return (f"drug_current:{drug}", "=", value)


# --- the verb's base form after a negation; "for the duration of the study" -------------------------------


@pytest.mark.parametrize(("text", "kind", "facts", "steps"), [
    ("Patients should not take aspirin during the study", INCLUSION, [_cur("aspirin", False)], ["stop_medication"]),
    ("Patients must not use hormonal contraceptives for the duration of the study.", INCLUSION,
     [_cur("hormonal_contraceptive", False)], ["stop_medication"]),
    ("Subjects must not receive warfarin for the duration of the trial", INCLUSION, [_cur("warfarin", False)],
     ["stop_medication"]),
    ("Must not have treatment with IV or oral cyclophosphamide within the 4 weeks prior to the first dose of the study "
     "drug.", INCLUSION, [("drug_weeks_since:cyclophosphamide", ">=", 4.0)], ["washout"]),
])
def test_negated_verbs_and_the_study_duration(text, kind, facts, steps):
    assert_facts_and_steps(text, kind, facts, steps)


# --- an exclusion's bare "use of X": current (the labels' convention) -------------------------------------


@pytest.mark.parametrize(("text", "facts"), [
    ("Use of hormonal contraceptives", [_cur("hormonal_contraceptive")]),
    ("Use of diuretics", [_cur("diuretic")]),
    ("Use of glucocorticoids or anticonvulsants", [_cur("glucocorticoid"), _cur("antiepileptic")]),
])
def test_bare_use_in_an_exclusion_is_current(text, facts):
    assert_facts_and_steps(text, EXCLUSION, facts, ["stop_medication"])


@pytest.mark.parametrize(("text", "kind"), [
    ("Receive study drug", EXCLUSION),  # the study's own treatment
    ("Take part in another clinical trial", EXCLUSION),
    ("Willing to take methotrexate", INCLUSION),
    ("Use of oral contraceptives", INCLUSION),  # a requirement? a permission? not said
    ("Use of methotrexate during the study", EXCLUSION),  # planned, or now?
    ("Treatment with insulin", EXCLUSION),  # only "use of" is the labels' current use
    ("Use of tobacco", EXCLUSION),  # a habit, not a drug (condition readers)
])
def test_bare_use_near_misses(text, kind):
    proposal = propose_rule(text, kind)
    assert proposal is None or not any("drug_current" in str(p) for p in [proposal.rule]), text


# --- routes: systemic routes before single drugs, route words inside class terms --------------------------


@pytest.mark.parametrize(("text", "facts", "steps"), [
    ("Treatment with IV or oral cyclophosphamide within 3 months", [("drug_weeks_since:cyclophosphamide", "<", 13.0)],
     ["washout"]),
    ("Oral or subcutaneous methotrexate within 4 weeks prior to randomization",
     [("drug_weeks_since:methotrexate", "<", 4.0)], ["washout"]),
])
def test_routes(text, facts, steps):
    assert_facts_and_steps(text, EXCLUSION, facts, steps)


@pytest.mark.parametrize("text", [
    "Topical tacrolimus within 4 weeks",  # a local form of a systemic drug: another use
    "Current use of topical NSAIDs",  # no class of topical NSAIDs: the route is not the term's
    "IV corticosteroids within 4 weeks",  # a class after a route: only its own term of the vocabulary
    # one route alone leaves out forms the patient may be on (aerosolised pentamidine, ketoconazole cream)
    "Intravenous pentamidine within 2 weeks", "Current oral ketoconazole", "Systemic acyclovir within 14 days",
    "Current medical treatment with intravenous prostanoids",
])
def test_route_near_misses(text):
    assert propose_rule(text, EXCLUSION) is None


# --- time leads: "at screening" (now), "currently treated with", "received prior", "any form of" ----------


@pytest.mark.parametrize(("text", "facts", "steps"), [
    ("Treatment with rituximab at study entry", [_cur("rituximab")], ["stop_medication"]),
    ("Patients taking methotrexate at the time of screening", [_cur("methotrexate")], ["stop_medication"]),
    ("Methotrexate use at screening", [_cur("methotrexate")], ["stop_medication"]),
    ("Currently receiving treatment with biologic agents", [_cur("biologic")], ["stop_medication"]),
    ("Patients currently treated with oral corticosteroids", [_cur("glucocorticoid")], ["stop_medication"]),
    ("Current administration of warfarin", [_cur("warfarin")], ["stop_medication"]),
    ("Current NSAID use", [_cur("nsaid")], ["stop_medication"]),
    ("Received prior rituximab", [("drug_ever:rituximab", "=", True)], []),
    ("Prior treatment with any form of immunotherapy", [("drug_ever:immunotherapy", "=", True)], []),
    ("Previous treatment with any type of biologic", [("drug_ever:biologic", "=", True)], []),
])
def test_time_leads(text, facts, steps):
    assert_facts_and_steps(text, EXCLUSION, facts, steps)


@pytest.mark.parametrize("text", [
    "Prior rituximab at screening",  # before, or now?
    "Rituximab at baseline",  # a bare name: a drug given at the visit?
    "History of steroid use",  # often substance use (anabolic steroids)
    "Treatment with methotrexate within 4 weeks at screening",  # two times
    "Regular use of aspirin",  # "regular": how often?
])
def test_time_lead_near_misses(text):
    assert propose_rule(text, EXCLUSION) is None


# --- windows: "less than N weeks before the anchor", "last dose of X within N" ----------------------------


def test_less_than_before_an_anchor_is_a_window():
    assert window("< 4 weeks before randomization") == (4.0, "4 weeks")
    assert window("< 4 weeks") is None  # a duration: no look-back word, no anchor
    assert_facts_and_steps("Rituximab less than 6 months before randomization", EXCLUSION,
                           [("drug_weeks_since:rituximab", "<", 26.0)], ["washout"])


def test_last_dose_within_a_window():
    assert_facts_and_steps("Last dose of methotrexate within 4 weeks of baseline", EXCLUSION,
                           [("drug_weeks_since:methotrexate", "<", 4.0)], ["washout"])
    assert propose_rule("Last dose of methotrexate", EXCLUSION) is None


# --- a glucocorticoid dose written "taking more than N mg of prednisone per day" ---------------------------


def test_taking_a_prednisone_dose_per_day():
    assert_facts_and_steps("Patients taking more than 10 mg of prednisone per day", EXCLUSION,
                           [("prednisone_eq_mg_day", ">", 10)], [])
    assert propose_rule("Patients taking more than 10 mg of prednisone", EXCLUSION) is None  # per day? per dose?


# --- planned procedures ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "facts"), [
    ("Plans to have joint replacement surgery in next 6 months", [("procedure_planned:joint_replacement", "=", True)]),
    ("Patients with preplanned dialysis or kidney transplantation during the individual observation period.",
     [("procedure_planned:dialysis", "=", True), ("procedure_planned:kidney_transplant", "=", True)]),
    ("Patients with planned kidney transplantation", [("procedure_planned:kidney_transplant", "=", True)]),
    ("Scheduled for hip replacement within the next 3 months", [("procedure_planned:hip_replacement", "=", True)]),
])
def test_planned_procedures(text, facts):
    assert_facts_and_steps(text, EXCLUSION, facts, [])


@pytest.mark.parametrize("text", [
    "Joint replacement surgery in the next 6 months",  # no plan word: done, or to be done?
    "Plans to become pregnant in the next 6 months",  # no procedure (reproduction readers)
    "Plans to have surgery for a complication of the disease",
])
def test_planned_procedure_near_misses(text):
    proposal = propose_rule(text, EXCLUSION)
    assert proposal is None or "procedure_planned" not in str(proposal.rule)


# --- "have not / has not" as a negation, a modal before the verb, "last dose of X at least N before" ---------


@pytest.mark.parametrize(("text", "facts", "steps"), [
    ("Have not received rituximab within the past 4 weeks", [("drug_weeks_since:rituximab", ">=", 4.0)], ["washout"]),
    ("Has not taken methotrexate in the last 30 days", [("drug_weeks_since:methotrexate", ">=", 4.2857)],
     ["washout"]),
    ("Has not previously received rituximab", [("drug_ever:rituximab", "=", False)], []),
    ("Patients have not been treated with biologic agents", [("drug_ever:biologic", "=", False)], []),
    ("Must be on methotrexate", [_cur("methotrexate")], []),
    ("Patients must be receiving oral corticosteroids", [_cur("glucocorticoid")], []),
    ("Must have received rituximab", [("drug_ever:rituximab", "=", True)], []),
    ("Last dose of rituximab at least 6 months before randomization", [("drug_weeks_since:rituximab", ">=", 26.0)],
     ["washout"]),
])
def test_negations_modals_and_last_doses(text, facts, steps):
    assert_facts_and_steps(text, INCLUSION, facts, steps)


@pytest.mark.parametrize("text", [
    "Have not responded to methotrexate",  # a response, not a use
    "Last dose of rituximab at least 6 months before surgery",  # another anchor
    "Must be off rituximab",  # for how long?
])
def test_negation_and_modal_near_misses(text):
    assert propose_rule(text, INCLUSION) is None


def test_items_about_household_contacts_are_not_the_patients():
    from core.criteria.extract import propose_rules
    from tests.core.criteria.extract.phrasings import tree

    item = tree(EXCLUSION, "Household contact with persons meeting any of the following criteria:",
                "pregnancy, < 12 months of age, eczema, or immunodeficiency disease or use of immunosuppressive "
                "medications.")
    assert propose_rules([item], []) == {"exc-1": None, "exc-1.1": None}


@pytest.mark.parametrize(("text", "kind"), [
    # a purpose after an unread part may be the read drug's too ("gemcitabine for pancreatic cancer")
    ("Patients must not have received any prior gemcitabine, radiotherapy, or Herceptin therapy for pancreatic "
     "cancer.", INCLUSION),
])
def test_list_words_that_may_reach_the_read_drug(text, kind):
    assert propose_rule(text, kind) is None


def test_bare_use_after_a_history_word_is_asked():
    # the history may be the use's too ("history of … use of X"): the part is the clinician's question, not "now"
    proposal = propose_rule("History of immunodeficiency, chronic illness, or use of immunosuppressive medications.",
                            EXCLUSION)
    assert proposal is not None and "drug_current" not in str(proposal.rule)
    assert "use of immunosuppressive medications" in str(proposal.rule)


def test_a_class_named_by_its_purpose_keeps_its_own_words():
    proposal = propose_rule("Are using astemizole, cisapride, or drugs for a mental disorder.", EXCLUSION)
    assert proposal is not None and "drug_current:astemizole" in str(proposal.rule) and "confirm" in str(proposal.rule)
