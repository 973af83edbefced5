"""The drug table: lookup by any name, classes, mechanisms, tags, autocomplete."""

from __future__ import annotations

import pytest

from core.patient.drugs import DRUG_CLASSES, all_drugs, lookup_drug, suggest_drugs


@pytest.mark.parametrize(("name", "generic", "cls", "mechanism"), [
    ("methotrexate", "methotrexate", "csDMARD", None),
    ("TREXALL", "methotrexate", "csDMARD", None),
    ("otrexup", "methotrexate", "csDMARD", None),
    ("Arava", "leflunomide", "csDMARD", None),
    ("Plaquenil", "hydroxychloroquine", "csDMARD", None),
    ("Humira", "adalimumab", "bDMARD", "TNF"),
    ("Ro-Actemra", "tocilizumab", "bDMARD", "IL-6"),
    ("Kevzara", "sarilumab", "bDMARD", "IL-6"),
    ("mabthera", "rituximab", "bDMARD", "CD20"),
    ("Orencia", "abatacept", "bDMARD", "CTLA4-Ig"),
    ("Kineret", "anakinra", "bDMARD", "IL-1"),
    ("Benlysta", "belimumab", "bDMARD", "BLyS"),
    ("Saphnelo", "anifrolumab", "bDMARD", "IFNAR"),
    ("Xeljanz", "tofacitinib", "tsDMARD", "JAK"),
    ("jyseleca", "filgotinib", "tsDMARD", "JAK"),
    ("CellCept", "mycophenolate mofetil", "immunosuppressant", None),
    ("ciclosporin", "cyclosporine", "csDMARD", None),
    ("PSL", "prednisolone", "glucocorticoid", None),
    ("IVIG", "intravenous immunoglobulin", "other", "immunoglobulin"),
])
def test_lookup_any_name_any_case(name, generic, cls, mechanism):
    drug = lookup_drug(name)
    assert drug is not None
    assert (drug.name, drug.drug_class, drug.mechanism) == (generic, cls, mechanism)


def test_unknown_names():
    assert lookup_drug("aspirin-ish") is None
    assert lookup_drug("") is None
    assert lookup_drug(None) is None


@pytest.mark.parametrize("name", ["methotrexate", "azathioprine", "mycophenolate", "cyclosporine", "tacrolimus",
                                  "cyclophosphamide"])
def test_seed_immunosuppressants_are_tagged(name):
    drug = lookup_drug(name)
    assert drug.is_immunosuppressant and drug.is_immunosuppressive


def test_methotrexate_is_both_csdmard_and_immunosuppressant():
    mtx = lookup_drug("mtx")
    assert mtx.is_csdmard and mtx.is_immunosuppressant


def test_hydroxychloroquine_is_not_immunosuppressive():
    assert not lookup_drug("hydroxychloroquine").is_immunosuppressive


def test_every_glucocorticoid_has_a_prednisone_factor_and_only_they_do():
    for drug in all_drugs():
        assert drug.drug_class in DRUG_CLASSES
        assert (drug.prednisone_factor is not None) == drug.is_glucocorticoid, drug.name


def test_no_alias_points_at_two_drugs():
    seen: dict[str, str] = {}
    for drug in all_drugs():
        for alias in [drug.name, *drug.brands, *drug.synonyms]:
            key = alias.casefold().replace(" ", "").replace("-", "")
            assert seen.setdefault(key, drug.name) == drug.name, alias


def test_suggest_for_autocomplete():
    names = suggest_drugs("ri")
    assert ("rituximab", "rituximab") in names
    assert ("Rinvoq", "upadacitinib") in names
    assert all(alias.casefold().startswith("ri") or " ri" in alias.casefold() for alias, _ in names)
    assert suggest_drugs("") == []
    assert len(suggest_drugs("a", limit=3)) == 3
    generic_first = suggest_drugs("metho")
    assert generic_first[0] == ("methotrexate", "methotrexate")
    assert ("mycophenolate mofetil", "mycophenolate mofetil") in suggest_drugs("mofetil")
