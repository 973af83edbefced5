"""Treatment, washout and vaccine phrasings of issue 16's round 7 (``drug_names._containing``,
``drug_names.drug_ids_with_unknown``, the "N day period" window, "currently taking or have taken"): products
containing a drug, a drug list with members the vocabulary does not hold, "preventive or attenuated vaccines";
and the near-misses that must stay unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.drug_names import drug_ids, drug_ids_with_unknown
from core.criteria.extract.treatments import window
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION
from core.vocab import drugs
from tests.core.criteria.extract.phrasings import facts_of as _facts


def _confirms(rule) -> list[str]:
    """The clinician questions of a rule, in order."""
    if isinstance(rule, dict):
        own = [rule["confirm"]] if "confirm" in rule else []
        return own + [q for key, v in rule.items() if key != "confirm" for q in _confirms(v)]
    if isinstance(rule, list):
        return [q for r in rule for q in _confirms(r)]
    return []


def _read(text: str, kind: str) -> dict:
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert rule_problems(proposal.rule) == []
    return proposal.rule


# --- products containing a drug ---------------------------------------------------------------------------


def test_a_product_containing_a_drug_is_the_drug_and_its_combination_products():
    ids, _ = drug_ids("ritonavir-containing products")
    assert ids[0] == "ritonavir"
    # every combination product of the vocabulary holding ritonavir, and nothing else
    combos = {d.id for d in drugs.all_drugs() if "/" in d.name and "ritonavir" in d.name.split("/")}
    assert combos and set(ids[1:]) == combos
    assert drug_ids("codeine- or morphine-containing medications")[0] == ["codeine", "morphine"]
    assert drug_ids("any probenecid-containing product")[0] == ["probenecid"]


@pytest.mark.parametrize("body", [
    "estrogen and progestin-containing products",  # both in one product
    "lipid-containing particles",  # no drug
    "xanthine-containing beverages",  # a food, not a product noun of the list
    "ritonavir-containing",  # no product noun
])
def test_containing_near_misses(body):
    assert drug_ids(body) is None


def test_the_ritonavir_and_cobicistat_list_reads_every_member_now():
    rule = _read("Patients receiving itraconazole, ritonavir-containing products, atazanavir, darunavir, "
                 "fosamprenavir, cobicistat-containing products, or clarithromycin", EXCLUSION)
    facts = [f[0] for f in _facts(rule)]
    assert rule["step"]["kind"] == "stop_medication"
    assert {"drug_current:itraconazole", "drug_current:ritonavir", "drug_current:lopinavir_ritonavir",
            "drug_current:atazanavir", "drug_current:darunavir", "drug_current:fosamprenavir",
            "drug_current:cobicistat", "drug_current:clarithromycin"} <= set(facts)
    assert _confirms(rule) == []


def test_a_containing_product_with_its_window():
    rule = _read("Use of aspirin or aspirin-containing products within the 30 days prior to randomization", EXCLUSION)
    assert _facts(rule) == [("drug_weeks_since:aspirin", "<", 4.2857)] and rule["step"]["kind"] == "washout"


def test_a_containing_product_alone_is_current_use_in_an_exclusion_only():
    # an exclusion's bare "use of X" is the use going on (h-treat8, the labels' convention); an inclusion's says
    # neither ever nor now
    rule = _read("Use of codeine- or morphine-containing medications.", EXCLUSION)
    assert rule["step"]["kind"] == "stop_medication" and ("drug_current:codeine", "=", True) in _facts(rule)
    assert propose_rule("Use of codeine- or morphine-containing medications.", INCLUSION) is None


# --- a list with members the vocabulary does not hold ------------------------------------------------------


def test_unknown_members_between_known_ones_are_asked_with_the_lists_words():
    rule = _read("Patients receiving itraconazole, atazanavir, herbal teas, or clarithromycin", EXCLUSION)
    assert [f[0] for f in _facts(rule)] == ["drug_current:itraconazole", "drug_current:atazanavir",
                                            "drug_current:clarithromycin"]
    assert _confirms(rule) == ["Does this part of the criterion apply: \u201creceiving herbal teas\u201d? "
                               "(Criterion: \u201cPatients receiving itraconazole, atazanavir, herbal teas, or "
                               "clarithromycin\u201d)"]


def test_an_unknown_member_in_a_window_list_is_asked_with_the_window():
    rule = _read("Use of warfarin, fish cartilage extracts or heparin within 4 weeks prior to study entry", EXCLUSION)
    assert [f[0] for f in _facts(rule)] == ["drug_weeks_since:warfarin", "drug_weeks_since:heparin"]
    assert "use of fish cartilage extracts within 4 weeks prior to study entry" in _confirms(rule)[0]


def test_a_negated_inclusion_reads_the_same_list():
    rule = _read("No concurrent warfarin, fish cartilage extracts or heparin", INCLUSION)
    assert ("drug_current:warfarin", "=", False) in _facts(rule)
    assert _confirms(rule)


@pytest.mark.parametrize("body", [
    "myelosuppressive, neurotoxic, or cytotoxic agents",  # lone words: qualifiers of the last noun
    "systemic antiherpes or immunomodulatory therapy",  # the first member unknown: its noun may come later
    "rifampin, barbiturates, or potent inducers",  # the last member unknown: maybe cut from a longer phrase
    "immunomodulating agents such as systemic corticosteroids, il-2, or interferons",  # examples
    "warfarin, topical corticosteroids on the arms or heparin",  # a function word: more than a name
    "warfarin, high-dose prednisone or heparin",  # a drug with a qualifier: not a name left unread
    "warfarin, blood transfusion or heparin",  # a procedure: its own reader
    "warfarin, fish oil and vitamin e or heparin",  # "and"
    "rifampin or its derivatives, phenytoin, or barbiturates",  # "its": a class restated
])
def test_unknown_member_near_misses(body):
    assert drug_ids_with_unknown(body) is None


def test_an_unknown_member_list_is_no_requirement():
    # in an inclusion a list of drugs to take is not read with a question in it
    assert propose_rule("Receiving itraconazole, herbal teas, or clarithromycin", INCLUSION) is None


def test_an_ever_list_with_an_unknown_member_is_not_read_member_by_member():
    # only with a window or "now": "prior X, Y or Z" is left to the list reader, which reads the first part only
    proposal = propose_rule("Prior treatment with warfarin, fish cartilage extracts or heparin", EXCLUSION)
    assert proposal is None or ("drug_ever:heparin", "=", True) not in _facts(proposal.rule)


# --- windows and leads ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "weeks"), [
    ("during the 30 day period prior to study entry", 4.2857),
    ("during the 30-day period prior to study entry", 4.2857),
    ("within a 3 month period prior to study entry", 13.0),
    ("in the 2-week period before randomization", 2.0),
])
def test_a_period_before_the_anchor_is_a_window(text, weeks):
    assert window(text)[0] == weeks


@pytest.mark.parametrize("text", [
    "in a 120-day period prior to evaluation",  # not the study's start
    "within the 12 month period",  # looks back from nothing
    "during the 30 day period",
])
def test_period_near_misses(text):
    assert window(text) is None


def test_the_cytotoxic_or_cyclosporin_period_window():
    rule = _read("cytotoxic drug therapy or cyclosporin A during the 30 day period prior to study entry.", EXCLUSION)
    assert _facts(rule) == [("drug_weeks_since:chemotherapy", "<", 4.2857), ("drug_weeks_since:cyclosporine", "<",
                                                                              4.2857)]


def test_currently_taking_or_have_taken_within_a_window_before_consent():
    rule = _read("Patients who are currently taking or have taken spironolactone in the past 4 weeks prior to "
                 "obtaining consent.", EXCLUSION)
    assert _facts(rule) == [("drug_weeks_since:spironolactone", "<", 4.0)] and rule["step"]["kind"] == "washout"
    # no window: taking now or in the past is ever
    assert _facts(_read("Are using or have received spironolactone", EXCLUSION)) == [
        ("drug_ever:spironolactone", "=", True)]


def test_current_medical_treatment_is_current_use():
    rule = _read("Current medical treatment with prostanoids", EXCLUSION)
    assert _facts(rule) == [("drug_current:prostacyclin_analogue", "=", True)]
    # a route the vocabulary does not hold stays unread: oral or inhaled ones would be excluded too
    assert propose_rule("Current medical treatment with intravenous prostanoids", EXCLUSION) is None


# --- vocabulary -------------------------------------------------------------------------------------------------


def test_preventive_and_attenuated_vaccines():
    rule = _read("Have received a preventive vaccine or attenuated vaccine within 4 weeks before the first "
                 "administration;", EXCLUSION)
    assert rule["step"]["kind"] == "vaccine_wait"
    assert _facts(rule) == [("drug_weeks_since:vaccine", "<", 4.0), ("drug_weeks_since:live_vaccine", "<", 4.0)]
    elided = _read("Have received preventive or attenuated vaccines within 4 weeks before the first administration;",
                   EXCLUSION)
    assert _facts(elided) == _facts(rule)


def test_tacrine_is_a_cholinesterase_inhibitor_and_its_brand_restates_it():
    assert drugs.is_a("tacrine", "cholinesterase_inhibitor")
    assert [c.id for c in drugs.lookup("Cognex")] == ["tacrine"]
    rule = _read("Administration of tacrine (Cognex) within 30 days before enrollment", EXCLUSION)
    assert _facts(rule) == [("drug_weeks_since:tacrine", "<", 4.2857)]
