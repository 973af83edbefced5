"""Drugs, classes and names added in issue 16 round 9 (h-treat9): names recurring in unread dev-side treatment
items ("at least 4 weeks since prior retinoids", "no prior isotretinoin", "at least 4 weeks since prior
nonsteroidal antiandrogens", "human growth hormone", "prior rabies immunization", "history of smallpox
vaccination"), each in a class with an ATC-like parent."""

from __future__ import annotations

import pytest

from core.vocab import drugs


@pytest.mark.parametrize(("term", "concept_id"), [
    ("retinoids", "retinoid"), ("retinoid therapy", "retinoid"), ("isotretinoin", "isotretinoin"),
    ("13-cis-retinoic acid", "isotretinoin"), ("all-trans retinoic acid", "tretinoin"), ("ATRA", "tretinoin"),
    ("antiandrogens", "antiandrogen"), ("anti-androgen therapy", "antiandrogen"), ("flutamide", "flutamide"),
    ("nonsteroidal antiandrogens", "nonsteroidal_antiandrogen"), ("human growth hormone", "somatropin"),
    ("hGH", "somatropin"),
    ("rabies immunization", "rabies_vaccine"), ("smallpox vaccination", "smallpox_vaccine_live"),
    ("antiretroviral agent", "antiretroviral"), ("antineoplastic drugs", "antineoplastic"),
    ("chemotherapy agents", "chemotherapy"), ("colony stimulating factor", "colony_stimulating_factor"),
    ("immunosuppressives", "immunosuppressant"), ("alpha interferon", "interferon_alfa"),
    ("nonnucleoside reverse transcriptase inhibitors", "nnrti"),
])
def test_lookup(term, concept_id):
    assert drugs.lookup(term)[0].id == concept_id


def test_new_drugs_sit_in_their_classes():
    for drug in ("isotretinoin", "tretinoin", "acitretin", "bexarotene", "alitretinoin"):
        assert drugs.is_a(drug, "retinoid")
    for drug in ("flutamide", "nilutamide", "bicalutamide", "enzalutamide", "apalutamide", "darolutamide",
                 "cyproterone"):
        assert drugs.is_a(drug, "antiandrogen")
    # an antiandrogen is endocrine cancer therapy; a retinoid is not chemotherapy
    assert drugs.is_a("flutamide", "hormone_therapy_oncology") and not drugs.is_a("isotretinoin", "chemotherapy")
    assert drugs.is_a("somatropin", "pituitary_hormone")
    # a smallpox vaccine is live (a vaccine wait before a live vaccine), a rabies vaccine is not
    assert drugs.is_a("smallpox_vaccine_live", "live_vaccine") and not drugs.is_a("rabies_vaccine", "live_vaccine")


def test_abbreviations_stay_case_sensitive():
    assert "ATRA" in drugs.get("tretinoin").abbreviations and "ATRA" not in drugs.get("tretinoin").synonyms
    assert "hGH" in drugs.get("somatropin").abbreviations and "hGH" not in drugs.get("somatropin").synonyms
