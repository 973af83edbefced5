"""Prior and concurrent treatment criteria of the corpus's long tail (issue 16, h-drug2): the classes and drugs
the PDQ and ACTG criteria name ("immunotherapy", "immunomodulating agents", "anti-HIV drugs", "experimental
medications", camptothecins, amifostine …) and "any prior X"; near-misses that must stay unread."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.drug_names import except_members
from core.trial_record import EXCLUSION, INCLUSION
from core.vocab import drugs


def _facts(rule) -> list[tuple]:
    if isinstance(rule, dict):
        if "fact" in rule:
            return [(rule["fact"], rule["op"], rule["value"])]
        out = []
        for v in rule.values():
            out += _facts(v)
        return out
    if isinstance(rule, list):
        return [f for r in rule for f in _facts(r)]
    return []


@pytest.mark.parametrize(("text", "kind", "facts"), [
    ("At least 4 weeks since prior immunotherapy", INCLUSION, [("drug_weeks_since:immunotherapy", ">=", 4.0)]),
    ("No concurrent immunomodulating agents", INCLUSION, [("drug_current:immunomodulator", "=", False)]),
    ("No other concurrent experimental medications", INCLUSION,
     [("drug_current:investigational_product", "=", False)]),
    ("No prior camptothecins", INCLUSION, [("drug_ever:topoisomerase_i_inhibitor", "=", False)]),
    ("No prior amifostine", INCLUSION, [("drug_ever:amifostine", "=", False)]),
    ("Have never taken anti-HIV drugs.", INCLUSION, [("drug_ever:antiretroviral", "=", False)]),
    ("Any prior antiretroviral therapy.", EXCLUSION, [("drug_ever:antiretroviral", "=", True)]),
    ("Immunomodulating agents within 3 months prior to entry.", EXCLUSION,
     [("drug_weeks_since:immunomodulator", "<", 13.0)]),
    ("History of use of immunosuppressive medications.", EXCLUSION, [("drug_ever:immunosuppressant", "=", True)]),
    ("History of immunosuppressant therapy.", EXCLUSION, [("drug_ever:immunosuppressant", "=", True)]),
    ("Biologic response modifiers or corticosteroids within 14 days prior to study entry.", EXCLUSION,
     [("drug_weeks_since:biologic_response_modifier", "<", 2.0), ("drug_weeks_since:corticosteroid", "<", 2.0)]),
    ("At least 1 week since prior growth factors", INCLUSION, [("drug_weeks_since:growth_factor", ">=", 1.0)]),
    # a use noun before a window, "prior to study" as the study's start; "immunoglobulin" names the class
    ("Immunoglobulin administration within 2 months prior to enrollment.", EXCLUSION,
     [("drug_weeks_since:immunoglobulin", "<", 8.6667)]),
    ("Experimental agents within 30 days prior to study.", EXCLUSION,
     [("drug_weeks_since:investigational_product", "<", 4.2857)]),
    ("Steroid use within 30 days", EXCLUSION, [("drug_weeks_since:corticosteroid", "<", 4.2857)]),
    ("No concurrent use of terfenadine (Seldane) or astemizole (Hismanal)", INCLUSION,
     [("drug_current:terfenadine", "=", False), ("drug_current:astemizole", "=", False)]),
])
def test_long_tail_readings(text, kind, facts):
    proposal = propose_rule(text, kind)
    assert proposal is not None, text
    assert _facts(proposal.rule) == facts


@pytest.mark.parametrize(("text", "kind"), [
    ("At least 4 weeks since prior immunotherapy and recovered", INCLUSION),  # recovery is no drug fact
    ("At least 4 weeks since prior adjuvant immunotherapy", INCLUSION),  # only the adjuvant one
    ("Prior immunotherapy allowed", INCLUSION),
    ("No prior immunotherapy for this malignancy", INCLUSION),  # a reason the facts do not hold
    ("Concurrent administration of any other antitumour therapy", EXCLUSION),  # other than which?
    ("No concurrent growth factors (e.g., filgrastim [G-CSF])", INCLUSION),  # an example list
    ("Biologic response modifiers other than rEPO and G-CSF", EXCLUSION),  # no exception outside a class's members
    ("Inadequate response to methotrexate", EXCLUSION),  # "response" stays refused outside the class's name
    ("History of steroid use", EXCLUSION),
    ("Change in anti-HIV therapy within 4 weeks prior to study entry.", EXCLUSION),
    ("Steroid use for more than 2 weeks", EXCLUSION),
    # an unread part naming a drug and more words may say them of the drug read before it (list_scope)
    ("No prior topotecan or carmustine treatment failure", INCLUSION),
    ("Any prior zidovudine (AZT) or interferon alpha protocol participation.", EXCLUSION),
])
def test_long_tail_near_misses(text, kind):
    assert propose_rule(text, kind) is None


def test_immunomodulating_agents_hold_the_immune_drugs():
    for drug in ("prednisone", "methotrexate", "adalimumab", "tacrolimus", "interferon_alfa_2b", "aldesleukin",
                 "filgrastim", "nivolumab", "lenalidomide", "intravenous_immunoglobulin", "dupilumab"):
        if drugs.get(drug) is not None:
            assert drugs.is_a(drug, "immunomodulator"), drug
    assert not drugs.is_a("atorvastatin", "immunomodulator")
    # "biologic response modifiers" and "growth factors": the broader classes of the ambiguous terms
    assert drugs.is_a("adalimumab", "biologic_response_modifier")
    assert drugs.is_a("epoetin_alfa", "biologic_response_modifier")
    assert drugs.is_a("filgrastim", "growth_factor") and drugs.is_a("palifermin", "growth_factor")
    assert drugs.is_a("topotecan", "chemotherapy") and drugs.is_a("irinotecan", "topoisomerase_i_inhibitor")


def test_a_class_minus_a_member_lists_each_branch_once():
    ids = except_members("chemotherapy", ["hydroxyurea"])
    assert "platinum_agent" in ids and "cisplatin" not in ids  # cisplatin is in the platinum branch
    assert not any(a != b and drugs.is_a(a, b) for a in ids for b in ids)
