"""Memberships the issue-16 audits flagged (benchmarks/audits/README.md, seed 5152 and its supplement), fixed in
the curated sources: each assertion fails on the membership before the fix.

* "immunotherapy" no longer holds the colony-stimulating factors (haematopoietic growth factors, ATC L03AA);
* "biologic" holds the recombinant cytokines (interferons, interleukins) but not the CSFs, and not lapatinib
  (a kinase inhibitor that came in through the anti-HER2 class);
* "bone marrow failure" is its own concept above aplastic anaemia (it was a synonym of aplastic anaemia);
* "malignant hypertension" is its own concept below hypertensive crisis (it was a synonym of the crisis)."""

from __future__ import annotations

import pytest

from core.vocab import conditions, drugs

CSFS = ("filgrastim", "pegfilgrastim", "sargramostim")


def _members(class_id: str) -> set[str]:
    return {d.id for d in drugs.members(class_id)}


def test_immunotherapy_holds_cytokines_and_checkpoint_inhibitors_but_no_colony_stimulating_factor():
    immunotherapy = _members("immunotherapy")
    assert not immunotherapy & set(CSFS)
    assert {"interferon_alfa", "peginterferon_alfa_2b", "aldesleukin", "nivolumab", "ipilimumab",
            "thymopentin"} <= immunotherapy


def test_colony_stimulating_factors_stay_immunostimulants_growth_factors_and_response_modifiers():
    # ATC L03 and the classes criteria name them by ("growth factors", "BRMs") still hold them
    for group in ("immunostimulant", "haematopoietic_growth_factor", "growth_factor", "biologic_response_modifier"):
        assert set(CSFS) <= _members(group), group


def test_biologic_holds_interferons_and_interleukins_not_csfs_or_small_molecules():
    biologic = _members("biologic")
    assert {"interferon_alfa", "interferon_beta_1a", "peginterferon_alfa_2a", "aldesleukin"} <= biologic
    assert not biologic & {*CSFS, "epoetin_alfa", "darbepoetin_alfa"}
    assert "lapatinib" not in biologic
    assert {"trastuzumab", "pertuzumab", "trastuzumab_emtansine", "trastuzumab_deruxtecan"} <= biologic
    assert "lapatinib" in _members("anti_her2")  # still anti-HER2 therapy


@pytest.mark.parametrize(("term", "concept"), [
    ("bone marrow failure", "bone_marrow_failure"),
    ("bone marrow failure syndromes", "bone_marrow_failure"),
    ("aplastic anemia", "aplastic_anaemia"),
    ("malignant hypertension", "malignant_hypertension"),
    ("accelerated hypertension", "malignant_hypertension"),
    ("hypertensive emergency", "hypertensive_crisis"),
])
def test_terms_name_their_own_concept(term, concept):
    assert [c.id for c in conditions.lookup(term)] == [concept]


def test_bone_marrow_failure_is_above_aplastic_anaemia_with_the_d61_codes():
    assert conditions.is_a("aplastic_anaemia", "bone_marrow_failure")
    assert conditions.is_a("fanconi_anaemia", "bone_marrow_failure")
    assert not conditions.is_a("bone_marrow_failure", "aplastic_anaemia")
    assert [c.id for c in conditions.lookup("D61.89")] == ["bone_marrow_failure"]  # other specified BMF syndromes
    assert [c.id for c in conditions.lookup("D61.9")] == ["aplastic_anaemia"]  # aplastic anaemia, unspecified
    assert [c.id for c in conditions.lookup("D61.81")] == ["pancytopenia"]


def test_malignant_hypertension_is_a_crisis_and_an_imported_i10_stays_hypertension():
    assert conditions.is_a("malignant_hypertension", "hypertensive_crisis")
    assert conditions.is_a("malignant_hypertension", "hypertension")
    assert not conditions.is_a("hypertensive_crisis", "malignant_hypertension")
    assert "I10" in conditions.get("malignant_hypertension").icd10
    assert conditions.lookup("I10")[0].id == "hypertension"  # the broadest concept holding the code comes first
