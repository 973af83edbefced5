"""The drug vocabulary: consistency of the data, lookups by any name, the class hierarchy, completion."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from core.vocab import drugs as v
from core.vocab.text import compact
from resources import paths

ROOT = Path(__file__).resolve().parents[3]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_drugs", ROOT / "scripts" / "vocab" / "build_drugs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_drugs"] = module
    spec.loader.exec_module(module)
    return module


# --- the data -------------------------------------------------------------------------------


def test_counts_reach_the_issue_minimum():
    assert len(v.all_drugs()) >= 300
    assert len(v.all_classes()) >= 60


def test_json_is_the_build_of_the_sources():
    build = _build_module()
    assert paths.resource("vocab", "drugs.json").read_text(encoding="utf-8") == build.render(build.build())


def test_ids_are_unique_snake_case_and_never_shared_by_a_class_and_a_drug():
    ids = [c.id for c in v.all()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_hierarchy_parents_exist_and_it_is_acyclic():
    classes = {c.id: c for c in v.all_classes()}
    for c in classes.values():
        assert all(p in classes for p in c.parents), c.id
        assert c.id not in v.ancestors(c.id), f"{c.id} is its own ancestor"
    for d in v.all_drugs():
        assert all(c in classes for c in d.classes), d.id


def test_atc_codes_are_well_formed():
    for d in v.all_drugs():
        for code in d.atc:
            assert re.fullmatch(r"[ABCDGHJLMNPRSV]\d\d[A-Z]{2}\d\d", code), (d.id, code)
    for c in v.all_classes():
        for prefix in c.atc:
            assert re.fullmatch(r"[ABCDGHJLMNPRSV](\d\d([A-Z]([A-Z](\d\d)?)?)?)?", prefix), (c.id, prefix)


@pytest.mark.parametrize("class_id", ["statin", "tnf_inhibitor", "glucocorticoid", "bisphosphonate", "heparin",
                                      "cox2_inhibitor", "ppi", "vitamin_k_antagonist", "sglt2_inhibitor",
                                      "xanthine_oxidase_inhibitor", "endothelin_receptor_antagonist"])
def test_member_codes_lie_under_the_class_atc_group(class_id):
    """Where an ATC group defines a class, every coded member has a code in that group."""
    prefixes = v.get(class_id).atc
    for d in v.members(class_id):
        if d.atc:
            assert any(code.startswith(prefixes) for code in d.atc), (class_id, d.id, d.atc)


@pytest.mark.parametrize(("drug", "code"), [
    ("methotrexate", "L04AX03"), ("adalimumab", "L04AB04"), ("tocilizumab", "L04AC07"), ("rituximab", "L01FA01"),
    ("abatacept", "L04AA24"), ("hydroxychloroquine", "P01BA02"), ("prednisone", "H02AB07"),
    ("warfarin", "B01AA03"), ("apixaban", "B01AF02"), ("atorvastatin", "C10AA05"), ("celecoxib", "M01AH01"),
    ("rifampicin", "J04AB02"), ("ketoconazole", "J02AB02"), ("sulfasalazine", "A07EC01"),
])
def test_well_known_codes(drug, code):
    assert code in v.get(drug).atc


def test_one_term_never_names_two_unrelated_concepts():
    owners: dict[tuple[str, bool], set[str]] = {}
    for term, cid, sensitive in v.terms():
        owners.setdefault((term if sensitive else compact(term), sensitive), set()).add(cid)
    for (term, _), who in owners.items():
        assert len(who) == 1, (term, who)  # ambiguous terms are yielded once, on the broader concept


def test_the_build_refuses_a_term_on_two_unrelated_concepts(tmp_path, monkeypatch):
    build = _build_module()
    for name in ("drug_classes.psv", "drugs.psv", "drug_ambiguous.psv"):
        (tmp_path / name).write_text((build.SOURCES / name).read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "drugs.psv").open("a", encoding="utf-8") as fh:
        fh.write("fake_statin | fakestatin | statin | | Humira | | MTX | | | |\n")
    monkeypatch.setattr(build, "SOURCES", tmp_path)
    with pytest.raises(build.SourceError, match="humira.*unrelated|MTX.*unrelated"):
        build.build()


def test_the_build_refuses_a_glucocorticoid_without_a_factor_and_a_cycle(tmp_path, monkeypatch):
    build = _build_module()
    for name in ("drug_classes.psv", "drugs.psv", "drug_ambiguous.psv"):
        (tmp_path / name).write_text((build.SOURCES / name).read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(build, "SOURCES", tmp_path)
    drugs = (tmp_path / "drugs.psv").read_text(encoding="utf-8")
    (tmp_path / "drugs.psv").write_text(drugs + "fakesone | fakesone | glucocorticoid | | | | | | | |\n",
                                        encoding="utf-8")
    with pytest.raises(build.SourceError, match="prednisone_factor"):
        build.build()
    (tmp_path / "drugs.psv").write_text(drugs, encoding="utf-8")
    classes = (tmp_path / "drug_classes.psv").read_text(encoding="utf-8")
    root = "dmard | disease-modifying antirheumatic drug | "
    (tmp_path / "drug_classes.psv").write_text(classes.replace(root + "|", root + "csdmard |"), encoding="utf-8")
    with pytest.raises(build.SourceError, match="cycle"):
        build.build()


# --- glucocorticoid equivalence ---------------------------------------------------------------


@pytest.mark.parametrize(("drug", "mg_equal_to_5_mg_prednisone"), [
    ("prednisone", 5), ("prednisolone", 5), ("methylprednisolone", 4), ("triamcinolone", 4),
    ("dexamethasone", 0.75), ("betamethasone", 0.6), ("hydrocortisone", 20), ("cortisone", 25), ("deflazacort", 6),
])
def test_prednisone_factors_follow_the_usual_equivalences(drug, mg_equal_to_5_mg_prednisone):
    assert v.get(drug).prednisone_factor * mg_equal_to_5_mg_prednisone == pytest.approx(5, rel=0.01)


def test_only_systemic_glucocorticoids_have_a_factor():
    systemic = {d.id for d in v.members("glucocorticoid")}
    for d in v.all_drugs():
        assert (d.prednisone_factor is not None) == (d.id in systemic), d.id
    assert v.is_a("budesonide", "corticosteroid") and not v.is_a("budesonide", "glucocorticoid")


# --- lookups ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "drug"), [
    ("甲氨蝶呤", "methotrexate"), ("メトトレキサート", "methotrexate"), ("来氟米特", "leflunomide"),
    ("レフルノミド", "leflunomide"), ("羟氯喹", "hydroxychloroquine"), ("托法替布", "tofacitinib"),
    ("トファシチニブ", "tofacitinib"), ("托珠单抗", "tocilizumab"), ("トシリズマブ", "tocilizumab"),
    ("阿达木单抗", "adalimumab"), ("泼尼松", "prednisone"), ("泼尼松龙", "prednisolone"),
    ("プレドニゾロン", "prednisolone"), ("Humira", "adalimumab"), ("ro-actemra", "tocilizumab"),
    ("ROACTEMRA", "tocilizumab"), ("acetaminophen", "paracetamol"), ("rifampin", "rifampicin"),
    ("MTX", "methotrexate"), ("ＭＴＸ", "methotrexate"), ("L04AB04", "adalimumab"),
    ("certolizumab_pegol", "certolizumab_pegol"),
])
def test_lookup_by_any_name(text, drug):
    assert [c.id for c in v.lookup(text)] == [drug]


def test_abbreviations_are_case_sensitive():
    assert [c.id for c in v.lookup("MTX")] == ["methotrexate"]
    assert v.lookup("mtx") == []
    assert v.lookup("Mp") == [] and [c.id for c in v.lookup("MP")] == ["methylprednisolone"]


@pytest.mark.parametrize(("text", "class_id"), [
    ("anti-TNF", "tnf_inhibitor"), ("JAK inhibitors", "jak_inhibitor"), ("biologics", "biologic"),
    ("DOACs", "doac"), ("strong CYP3A4 inhibitors", "strong_cyp3a4_inhibitor"), ("live vaccines", "live_vaccine"),
    ("NSAIDs", "nsaid"), ("statins", "statin"), ("investigational product", "investigational_product"),
    ("CAR-T cell therapy", "car_t"), ("生物制剂", "biologic"), ("生ワクチン", "live_vaccine"),
    ("L04AB", "tnf_inhibitor"),
])
def test_lookup_classes(text, class_id):
    assert [c.id for c in v.lookup(text)] == [class_id]


def test_unknown_and_empty_names():
    assert v.lookup("aspirin-ish") == [] and v.lookup("") == [] and v.lookup(None) == []
    assert v.get("no_such_thing") is None


# --- the hierarchy ---------------------------------------------------------------------------


def test_class_queries_list_every_member():
    assert {d.id for d in v.members("jak_inhibitor")} >= {"tofacitinib", "baricitinib", "upadacitinib", "filgotinib",
                                                           "peficitinib", "ruxolitinib", "abrocitinib"}
    biologics = {d.id for d in v.members("biologic")}
    assert {d.id for d in v.members("bdmard")} <= biologics
    assert {"adalimumab", "rituximab", "abatacept", "belimumab", "anifrolumab", "dupilumab", "vedolizumab"} <= biologics
    assert not {"methotrexate", "tofacitinib", "prednisone"} & biologics


def test_members_agree_with_is_a_for_every_class():
    for c in v.all_classes():
        assert {d.id for d in v.members(c.id)} == {d.id for d in v.all_drugs() if v.is_a(d.id, c.id)}, c.id


def test_safety_relevant_classes():
    live = {d.id for d in v.members("live_vaccine")}
    assert {"zoster_vaccine_live", "mmr_vaccine", "yellow_fever_vaccine", "bcg_vaccine"} <= live
    assert "zoster_vaccine_recombinant" not in live  # Shingrix is not live
    assert {"zoster_vaccine_live", "zoster_vaccine_recombinant"} <= {d.id for d in v.members("zoster_vaccine")}
    assert {"ketoconazole", "itraconazole", "clarithromycin", "ritonavir"} <= {
        d.id for d in v.members("strong_cyp3a4_inhibitor")}
    assert {"rifampicin", "carbamazepine", "phenytoin", "st_johns_wort"} <= {
        d.id for d in v.members("strong_cyp3a4_inducer")}
    anticoagulants = {d.id for d in v.members("anticoagulant")}
    assert {"warfarin", "apixaban", "rivaroxaban", "dabigatran", "enoxaparin",
            "unfractionated_heparin"} <= anticoagulants
    assert "aspirin" not in anticoagulants and "aspirin" in {d.id for d in v.members("antiplatelet")}
    assert len(v.members("statin")) == 7


def test_classes_of_includes_ancestors_nearest_first():
    # every DMARD is also an immunomodulating agent ("no concurrent immunomodulating agents"), which is a
    # biologic response modifier
    brm = ["immunomodulator", "biologic_response_modifier"]
    assert [c.id for c in v.classes_of("tofacitinib")] == ["jak_inhibitor", "tsdmard", "dmard", *brm]
    assert {c.id for c in v.classes_of("adalimumab")} == {"tnf_inhibitor", "bdmard", "dmard", "biologic", *brm}
    assert v.ancestors("tnf_inhibitor") == ["bdmard", "dmard", "biologic", *brm]
    with pytest.raises(KeyError):
        v.classes_of("dmard")
    with pytest.raises(KeyError):
        v.members("methotrexate")


def test_is_a_and_descendants():
    assert v.is_a("adalimumab", "biologic") and v.is_a("adalimumab", "adalimumab")
    assert not v.is_a("methotrexate", "biologic") and not v.is_a("biologic", "adalimumab")
    below = v.descendants("bdmard")
    assert "tnf_inhibitor" in below and "adalimumab" in below and "bdmard" not in below
    assert below.index("tnf_inhibitor") < below.index("adalimumab")


def test_mechanism_and_tags_come_from_the_classes():
    assert v.mechanism_of(v.get("telitacicept")) == "BLyS/APRIL"  # the nearer class wins over blys_inhibitor
    assert v.mechanism_of(v.get("apremilast")) == "PDE4"
    assert v.mechanism_of(v.get("methotrexate")) is None
    assert "immunosuppressive" in v.tags_of(v.get("leflunomide"))
    assert "immunosuppressive" not in v.tags_of(v.get("hydroxychloroquine"))


# --- names in Chinese and Japanese -------------------------------------------------------------

NOT_MARKETED_IN_JAPAN = {"ivarmacitinib", "imrecoxib", "olokizumab", "telitacicept"}
NO_ESTABLISHED_CHINESE_NAME = {"olokizumab", "ozoralizumab", "delgocitinib", "ublituximab"}  # not marketed in China


@pytest.mark.parametrize("class_id", ["dmard", "glucocorticoid", "immunosuppressant", "antimalarial",
                                      "urate_lowering", "nsaid", "anticoagulant", "statin"])
def test_rheumatology_drugs_have_chinese_and_japanese_names(class_id):
    for d in v.members(class_id):
        assert d.zh or d.id in NO_ESTABLISHED_CHINESE_NAME, d.id
        assert d.ja or d.id in NOT_MARKETED_IN_JAPAN, d.id


# --- completion and the matcher's terms ---------------------------------------------------------


def test_search_ranks_exact_then_abbreviation_then_label_then_other_names():
    assert v.search("methotrexate")[0].id == "methotrexate"
    assert v.search("mtx")[0].id == "methotrexate"  # an abbreviation in any case when completing
    assert v.search("JAK")[0].id == "jak_inhibitor"  # label prefix before the brand Jakafi
    assert [c.id for c in v.search("hum")][:1] == ["adalimumab"]  # Humira
    assert v.search("甲氨")[0].id == "methotrexate"
    assert v.search("トシ")[0].id == "tocilizumab"
    assert "mycophenolate_mofetil" in [c.id for c in v.search("mofetil")]
    assert v.search("") == [] and len(v.search("a", limit=5)) == 5


def test_search_offers_rheumatology_drugs_first():
    found = [c.id for c in v.search("ri", limit=4)]
    assert found == ["rilonacept", "risankizumab", "ritlecitinib", "rituximab"]


def test_terms_for_the_matcher():
    terms = set(v.terms())
    assert ("甲氨蝶呤", "methotrexate", False) in terms
    assert ("MTX", "methotrexate", True) in terms
    assert ("anti-TNF", "tnf_inhibitor", False) in terms
    assert all(sensitive for term, cid, sensitive in terms if term in v.get(cid).abbreviations)


def test_every_term_looks_up_its_concept():
    for term, cid, _ in v.terms():
        assert cid in [c.id for c in v.lookup(term)], term


def test_counting_script_matches_longest_terms_and_case_sensitive_abbreviations():
    spec = importlib.util.spec_from_file_location("count_drug_mentions",
                                                  ROOT / "scripts" / "vocab" / "count_drug_mentions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    matcher = module.Matcher()
    found = matcher.find("No strong CYP3A4 inhibitors, live vaccines or MTX; prior Humira allowed. mtx is a typo.")
    assert sorted(cid for cid, _ in found) == ["adalimumab", "live_vaccine", "methotrexate", "strong_cyp3a4_inhibitor"]


def test_a_deliberately_ambiguous_term_lists_the_broader_concept_first():
    from core.patient.drugs import lookup_drug as patient_lookup

    assert [c.id for c in v.lookup("heparin")] == ["heparin", "unfractionated_heparin"]
    assert [cid for term, cid, _ in v.terms() if compact(term) == "heparin"] == ["heparin"]
    assert v.lookup_drug("heparin").id == "unfractionated_heparin"
    assert patient_lookup("Heparin").name == "unfractionated heparin"  # a treatment row means the drug
