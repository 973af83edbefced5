"""Drugs and classes added for issue 16 (h-drug): names the criteria use in washouts and prior treatments
("6 weeks for nitrosoureas", "no prior antineoplaston therapy", "prior HIV vaccines", "IL-2", "Caphosol",
"antipyretics/analgesics", "folic acid-containing supplements"), each in a class."""

from __future__ import annotations

import pytest

from core.vocab import drugs


@pytest.mark.parametrize(("term", "concept_id"), [
    ("nitrosoureas", "nitrosourea"), ("carmustine", "carmustine"), ("BCNU", "carmustine"), ("CCNU", "lomustine"),
    ("streptozotocin", "streptozocin"), ("antineoplastons", "antineoplaston"), ("antineoplaston A10", "antineoplaston"),
    ("HIV vaccines", "hiv_vaccine"), ("anti-HIV vaccine", "hiv_vaccine"), ("IL-2", "aldesleukin"),
    ("Caphosol", "calcium_phosphate_rinse"), ("antipyretics/analgesics", "antipyretic"),
    ("antipyretic analgesics", "antipyretic"), ("folic acid-containing supplements", "folic_acid"),
    ("anti-TNF alpha", "tnf_inhibitor"), ("oral corticosteroid therapy", "glucocorticoid"),
])
def test_lookup(term, concept_id):
    assert drugs.lookup(term)[0].id == concept_id


@pytest.mark.parametrize("drug", ["carmustine", "lomustine", "semustine", "streptozocin", "fotemustine", "nimustine"])
def test_nitrosoureas_are_alkylating_chemotherapy(drug):
    assert drugs.is_a(drug, "nitrosourea") and drugs.is_a(drug, "alkylating_agent")
    assert drugs.is_a(drug, "chemotherapy")
    assert drugs.get(drug).atc[0].startswith("L01AD")


def test_each_addition_has_a_class():
    for drug in ("antineoplaston", "calcium_phosphate_rinse", "carmustine"):
        assert drugs.get(drug).classes
    assert drugs.is_a("hiv_vaccine", "vaccine") and not drugs.is_a("hiv_vaccine", "live_vaccine")
    assert drugs.is_a("antineoplaston", "antineoplastic") and not drugs.is_a("antineoplaston", "chemotherapy")


def test_abbreviations_are_kept_as_abbreviations():
    # abbreviations match case-sensitively (docs/vocab-drugs.md): they must not be stored as synonyms
    assert "BCNU" in drugs.get("carmustine").abbreviations and "BCNU" not in drugs.get("carmustine").synonyms
    assert "IL-2" in drugs.get("aldesleukin").abbreviations


# --- oral antidiabetics (precision audit, task h-tail4): "oral hypoglycemics" is not insulin --------------------

@pytest.mark.parametrize("term", ["oral hypoglycemics", "Oral hypoglycemic agents", "oral antidiabetic agents",
                                  "oral antidiabetic drugs", "oral hypoglycaemic agents", "oral diabetes medications",
                                  "oral antihyperglycemic medication"])
def test_oral_antidiabetic_names(term):
    assert drugs.lookup(term)[0].id == "oral_antidiabetic"


@pytest.mark.parametrize("term", ["hypoglycemic agents", "antidiabetic drugs", "glucose-lowering medication"])
def test_antidiabetic_names_without_oral_keep_the_whole_class(term):
    assert drugs.lookup(term)[0].id == "antidiabetic"


@pytest.mark.parametrize(("drug", "oral"), [
    ("metformin", True), ("glimepiride", True), ("glibenclamide", True), ("pioglitazone", True),
    ("sitagliptin", True), ("empagliflozin", True), ("repaglinide", True), ("acarbose", True),
    ("insulin", False), ("liraglutide", False), ("dulaglutide", False), ("tirzepatide", False),
    ("pramlintide", False), ("semaglutide", False),  # one entry, injected (Ozempic) or oral (Rybelsus)
])
def test_oral_antidiabetic_members(drug, oral):
    assert drugs.is_a(drug, "antidiabetic")
    assert drugs.is_a(drug, "oral_antidiabetic") is oral
