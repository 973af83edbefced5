"""The patient drug table kept its meaning when it moved onto the drug vocabulary.

The rows are the 49 drugs of the former ``resources/drugs/drugs.json`` with the class,
mechanism and washout semantics that file gave them; the vocabulary must derive the same.
"""

from __future__ import annotations

import pytest

from core.patient.drugs import DRUG_CLASSES, all_drugs, lookup_drug, suggest_drugs

FORMER_TABLE = [
    # name, class, mechanism, is_immunosuppressant, is_immunosuppressive, prednisone_factor
    ('methotrexate', 'csDMARD', None, True, True, None),
    ('leflunomide', 'csDMARD', None, False, True, None),
    ('sulfasalazine', 'csDMARD', None, False, False, None),
    ('hydroxychloroquine', 'csDMARD', None, False, False, None),
    ('chloroquine', 'csDMARD', None, False, False, None),
    ('iguratimod', 'csDMARD', None, False, False, None),
    ('auranofin', 'csDMARD', None, False, False, None),
    ('azathioprine', 'csDMARD', None, True, True, None),
    ('cyclosporine', 'csDMARD', None, True, True, None),
    ('mycophenolate mofetil', 'immunosuppressant', None, True, True, None),
    ('mycophenolic acid', 'immunosuppressant', None, True, True, None),
    ('tacrolimus', 'immunosuppressant', None, True, True, None),
    ('voclosporin', 'immunosuppressant', None, True, True, None),
    ('cyclophosphamide', 'immunosuppressant', None, True, True, None),
    ('fludarabine', 'immunosuppressant', None, True, True, None),
    ('adalimumab', 'bDMARD', 'TNF', False, True, None),
    ('etanercept', 'bDMARD', 'TNF', False, True, None),
    ('infliximab', 'bDMARD', 'TNF', False, True, None),
    ('certolizumab pegol', 'bDMARD', 'TNF', False, True, None),
    ('golimumab', 'bDMARD', 'TNF', False, True, None),
    ('tocilizumab', 'bDMARD', 'IL-6', False, True, None),
    ('sarilumab', 'bDMARD', 'IL-6', False, True, None),
    ('olokizumab', 'bDMARD', 'IL-6', False, True, None),
    ('rituximab', 'bDMARD', 'CD20', False, True, None),
    ('abatacept', 'bDMARD', 'CTLA4-Ig', False, True, None),
    ('anakinra', 'bDMARD', 'IL-1', False, True, None),
    ('canakinumab', 'bDMARD', 'IL-1', False, True, None),
    ('belimumab', 'bDMARD', 'BLyS', False, True, None),
    ('telitacicept', 'bDMARD', 'BLyS/APRIL', False, True, None),
    ('anifrolumab', 'bDMARD', 'IFNAR', False, True, None),
    ('secukinumab', 'bDMARD', 'IL-17', False, True, None),
    ('ustekinumab', 'bDMARD', 'IL-12/23', False, True, None),
    ('tofacitinib', 'tsDMARD', 'JAK', False, True, None),
    ('baricitinib', 'tsDMARD', 'JAK', False, True, None),
    ('upadacitinib', 'tsDMARD', 'JAK', False, True, None),
    ('filgotinib', 'tsDMARD', 'JAK', False, True, None),
    ('peficitinib', 'tsDMARD', 'JAK', False, True, None),
    ('apremilast', 'tsDMARD', 'PDE4', False, True, None),
    ('prednisone', 'glucocorticoid', None, False, True, 1.0),
    ('prednisolone', 'glucocorticoid', None, False, True, 1.0),
    ('methylprednisolone', 'glucocorticoid', None, False, True, 1.25),
    ('dexamethasone', 'glucocorticoid', None, False, True, 6.6667),
    ('hydrocortisone', 'glucocorticoid', None, False, True, 0.25),
    ('cortisone', 'glucocorticoid', None, False, True, 0.2),
    ('deflazacort', 'glucocorticoid', None, False, True, 0.8333),
    ('triamcinolone', 'glucocorticoid', None, False, True, 1.25),
    ('betamethasone', 'glucocorticoid', None, False, True, 8.3333),
    ('intravenous immunoglobulin', 'other', 'immunoglobulin', False, False, None),
    ('plasma exchange', 'other', None, False, False, None),
]

FORMER_ALIASES = {  # every brand and synonym of the former table, with its generic name
    'Trexall': 'methotrexate', 'Otrexup': 'methotrexate', 'Rasuvo': 'methotrexate', 'Metoject': 'methotrexate',
    'Jylamvo': 'methotrexate', 'Xatmep': 'methotrexate', 'MTX': 'methotrexate', 'Arava': 'leflunomide',
    'LEF': 'leflunomide', 'Azulfidine': 'sulfasalazine', 'Salazopyrin': 'sulfasalazine',
    'sulphasalazine': 'sulfasalazine', 'SSZ': 'sulfasalazine', 'Plaquenil': 'hydroxychloroquine',
    'HCQ': 'hydroxychloroquine', 'Aralen': 'chloroquine', 'Careram': 'iguratimod', 'Ridaura': 'auranofin',
    'Imuran': 'azathioprine', 'Azasan': 'azathioprine', 'AZA': 'azathioprine', 'Neoral': 'cyclosporine',
    'Sandimmune': 'cyclosporine', 'ciclosporin': 'cyclosporine', 'cyclosporin': 'cyclosporine',
    'CsA': 'cyclosporine', 'CellCept': 'mycophenolate mofetil', 'mycophenolate': 'mycophenolate mofetil',
    'MMF': 'mycophenolate mofetil', 'mycophenolic ester': 'mycophenolate mofetil', 'Myfortic': 'mycophenolic acid',
    'mycophenolate sodium': 'mycophenolic acid', 'MPA': 'mycophenolic acid', 'Prograf': 'tacrolimus',
    'Advagraf': 'tacrolimus', 'FK506': 'tacrolimus', 'Lupkynis': 'voclosporin', 'Cytoxan': 'cyclophosphamide',
    'Endoxan': 'cyclophosphamide', 'CYC': 'cyclophosphamide', 'Fludara': 'fludarabine', 'Humira': 'adalimumab',
    'Amjevita': 'adalimumab', 'Hadlima': 'adalimumab', 'Hyrimoz': 'adalimumab', 'Imraldi': 'adalimumab',
    'Enbrel': 'etanercept', 'Benepali': 'etanercept', 'Erelzi': 'etanercept', 'Remicade': 'infliximab',
    'Inflectra': 'infliximab', 'Remsima': 'infliximab', 'Cimzia': 'certolizumab pegol',
    'certolizumab': 'certolizumab pegol', 'Simponi': 'golimumab', 'Actemra': 'tocilizumab',
    'RoActemra': 'tocilizumab', 'Kevzara': 'sarilumab', 'Artlegia': 'olokizumab', 'MabThera': 'rituximab',
    'Rituxan': 'rituximab', 'Truxima': 'rituximab', 'Orencia': 'abatacept', 'Kineret': 'anakinra',
    'Ilaris': 'canakinumab', 'Benlysta': 'belimumab', "Tai'ai": 'telitacicept', 'Saphnelo': 'anifrolumab',
    'Cosentyx': 'secukinumab', 'Stelara': 'ustekinumab', 'Xeljanz': 'tofacitinib', 'Olumiant': 'baricitinib',
    'Rinvoq': 'upadacitinib', 'Jyseleca': 'filgotinib', 'Smyraf': 'peficitinib', 'Otezla': 'apremilast',
    'Deltasone': 'prednisone', 'Rayos': 'prednisone', 'Orapred': 'prednisolone', 'Millipred': 'prednisolone',
    'PSL': 'prednisolone', 'Medrol': 'methylprednisolone', 'Solu-Medrol': 'methylprednisolone',
    'Depo-Medrol': 'methylprednisolone', 'MP': 'methylprednisolone', 'Decadron': 'dexamethasone',
    'Cortef': 'hydrocortisone', 'Solu-Cortef': 'hydrocortisone', 'Emflaza': 'deflazacort', 'Calcort': 'deflazacort',
    'Kenalog': 'triamcinolone', 'Celestone': 'betamethasone', 'Privigen': 'intravenous immunoglobulin',
    'Gamunex': 'intravenous immunoglobulin', 'Octagam': 'intravenous immunoglobulin',
    'IVIG': 'intravenous immunoglobulin', 'IVIg': 'intravenous immunoglobulin',
    'immunoglobulin': 'intravenous immunoglobulin', 'plasmapheresis': 'plasma exchange', 'PLEX': 'plasma exchange',
}


@pytest.mark.parametrize(("name", "cls", "mechanism", "immunosuppressant", "immunosuppressive", "factor"),
                         FORMER_TABLE, ids=[row[0] for row in FORMER_TABLE])
def test_former_drugs_keep_class_mechanism_and_washout_meaning(name, cls, mechanism, immunosuppressant,
                                                                immunosuppressive, factor):
    drug = lookup_drug(name)
    assert drug is not None and drug.name == name
    assert (drug.drug_class, drug.mechanism) == (cls, mechanism)
    assert (drug.is_immunosuppressant, drug.is_immunosuppressive) == (immunosuppressant, immunosuppressive)
    assert drug.prednisone_factor == factor


def test_former_drugs_come_first_in_their_order():
    assert [d.name for d in all_drugs()[:len(FORMER_TABLE)]] == [row[0] for row in FORMER_TABLE]


def test_former_aliases_still_find_their_drug():
    for alias, generic in FORMER_ALIASES.items():
        assert lookup_drug(alias).name == generic, alias


def test_gold_now_names_a_class_not_one_drug():
    """"gold" covers auranofin and aurothiomalate: the treatment row stays unresolved (unknown), not auranofin."""
    assert lookup_drug("gold") is None
    assert lookup_drug("auranofin").drug_class == lookup_drug("sodium aurothiomalate").drug_class == "csDMARD"


@pytest.mark.parametrize(("name", "generic"), [("甲氨蝶呤", "methotrexate"), ("メトトレキサート", "methotrexate"),
                                               ("托法替布", "tofacitinib"), ("MTX", "methotrexate"),
                                               ("ＲｏＡｃｔｅｍｒａ", "tocilizumab")])
def test_chinese_japanese_and_full_width_names(name, generic):
    assert lookup_drug(name).name == generic


def test_new_drugs_get_a_legacy_class_from_the_hierarchy():
    assert lookup_drug("ixekizumab").drug_class == "bDMARD" and lookup_drug("ixekizumab").mechanism == "IL-17"
    assert lookup_drug("guselkumab").mechanism == "IL-23"
    assert lookup_drug("deucravacitinib").drug_class == "tsDMARD"
    assert lookup_drug("sirolimus").is_immunosuppressant
    assert lookup_drug("inebilizumab").drug_class == "other" and lookup_drug("inebilizumab").is_immunosuppressive
    assert lookup_drug("warfarin").drug_class == "other" and not lookup_drug("warfarin").is_immunosuppressive
    assert lookup_drug("budesonide").drug_class == "other"  # locally acting: no prednisone equivalence
    assert all(d.drug_class in DRUG_CLASSES for d in all_drugs())


def test_completion_offers_chinese_names():
    assert ("甲氨蝶呤", "methotrexate") in suggest_drugs("甲氨")
