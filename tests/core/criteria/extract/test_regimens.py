"""Two wrong readings found by the independent precision audit (seed 5151, benchmarks/audits/): a regimen named
by its drugs and its abbreviation, and "antimetabolites" filed as the immunosuppressive ones only."""

from __future__ import annotations

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.propose import why_no_rule
from core.vocab import drugs

from .phrasings import f


@pytest.mark.parametrize("text", [
    "No prior mechlorethamine, vincristine, procarbazine, and prednisone (MOPP)",
    "No prior cyclophosphamide, doxorubicin, vincristine and prednisone (CHOP)",
    "At least 6 months since prior methotrexate, vinblastine, doxorubicin, and cisplatin (MVAC)",
])
def test_a_regimen_named_after_its_drugs_is_not_each_drug(text: str) -> None:
    # read drug by drug, a patient who had prednisone alone would be excluded from a trial about prior MOPP
    assert propose_rule(text, "inclusion") is None
    assert "regimen" in why_no_rule(text, "inclusion")


@pytest.mark.parametrize(("text", "rule"), [
    # an abbreviation restating the last drug, or a list too short to be a regimen, reads as before
    ("No prior didanosine, zalcitabine, or zidovudine (AZT)",
     {"all": [f("drug_ever:didanosine", "=", False), f("drug_ever:zalcitabine", "=", False),
              f("drug_ever:zidovudine", "=", False)]}),
    ("No prior methotrexate (MTX)", f("drug_ever:methotrexate", "=", False)),
    ("Aspartate aminotransferase (AST) and alanine aminotransferase (ALT) no greater than 2.5 times upper limit of "
     "normal", {"all": [f("ast_x_uln", "<=", 2.5), f("alt_x_uln", "<=", 2.5)]}),
])
def test_an_abbreviation_of_one_name_is_still_dropped(text: str, rule: dict) -> None:
    proposal = propose_rule(text, "inclusion")
    assert proposal is not None and proposal.rule == rule


def test_antimetabolites_are_the_cytotoxic_ones_too() -> None:
    found = drugs.lookup("antimetabolites")
    assert [c.id for c in found] == ["antimetabolite"]
    for drug in ("fluorouracil", "cytarabine", "gemcitabine", "methotrexate", "azathioprine"):
        assert drugs.is_a(drug, "antimetabolite"), drug
    assert drugs.is_a("antimetabolite_immunosuppressant", "antimetabolite")
    assert not drugs.is_a("cyclophosphamide", "antimetabolite")  # an alkylating agent
    proposal = propose_rule("No concurrent antimetabolites", "inclusion")
    assert proposal is not None and proposal.rule["rule"] == f("drug_current:antimetabolite", "=", False)
