"""Names criteria use that no vocabulary held (issue 16): the ``*_names*.psv`` sources, lookup of a sample of the
new names, the hierarchy that covers them, the readings they give, and the mining script that found them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from core.criteria.extract import propose_rule
from core.criteria.extract.concepts import find
from core.vocab import conditions, drugs

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "scripts" / "vocab" / "sources"


def _ids(name: str) -> list[str]:
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("|")[0].strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _script():
    spec = importlib.util.spec_from_file_location("mine_missing_names", ROOT / "scripts/vocab/mine_missing_names.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["mine_missing_names"] = module
    spec.loader.exec_module(module)
    return module


def test_every_names_entry_is_built():
    condition_ids = {c.id for c in conditions.all_concepts()}
    assert set(_ids("conditions_names.psv")) | set(_ids("conditions_names_extend.psv")) <= condition_ids
    for name in ("drugs_names.psv", "drug_classes_names.psv", "drugs_names_extend.psv"):
        assert all(drugs.get(i) is not None for i in _ids(name)), name
    for drug_id in _ids("drugs_names.psv"):
        assert drugs.get(drug_id).classes, drug_id  # every drug has a class


@pytest.mark.parametrize(("term", "concept_id", "ancestor"), [
    ("Burkitt's lymphoma", "burkitt_lymphoma", "malignancy"),
    ("Burkitt lymphoma", "burkitt_lymphoma", "non_hodgkin_lymphoma"),
    ("hairy cell leukemia", "hairy_cell_leukaemia", "leukaemia"),
    ("primary CNS lymphoma", "primary_cns_lymphoma", "lymphoma"),
    ("mycosis fungoides", "mycosis_fungoides", "t_cell_lymphoma"),
    ("Sezary syndrome", "sezary_syndrome", "haematological_malignancy"),
    ("acute promyelocytic leukemia", "acute_promyelocytic_leukaemia", "myeloid_leukaemia"),
    ("anaplastic astrocytoma", "anaplastic_astrocytoma", "glioma"),
    ("Ewing's sarcoma", "ewing_sarcoma", "solid_tumour"),
    ("GIST", "gist", "sarcoma"),
    ("transitional cell carcinoma", "urothelial_carcinoma", "malignancy"),
    ("malignant pleural effusion", "malignant_pleural_effusion", "malignancy"),
    ("blastomycosis", "blastomycosis", "infection"),
    ("kala-azar", "visceral_leishmaniasis", "parasitic_infection"),
    ("esophageal candidiasis", "candidal_oesophagitis", "opportunistic_infection"),
    ("AIDS-defining opportunistic infection", "aids_defining_opportunistic_infection", "hiv_infection"),
    ("Fanconi's anemia", "fanconi_anaemia", "anaemia"),
    ("paroxysmal nocturnal hemoglobinuria", "pnh", "haematological_disease"),
    ("night sweats", "night_sweats", "sign_or_symptom"),
    ("manic depressive disorder", "bipolar_disorder", "psychiatric_disorder"),
])
def test_condition_names_resolve_below_the_right_group(term, concept_id, ancestor):
    assert conditions.lookup(term)[0].id == concept_id
    assert conditions.covers(ancestor, concept_id)


def test_narrower_kinds_are_concepts_not_synonyms_of_the_broader_one():
    # "No anaplastic astrocytoma" in a glioma trial must not read as "no glioma"
    assert conditions.lookup("glioblastoma multiforme")[0].id == "glioblastoma_multiforme"
    assert conditions.lookup("solitary plasmacytoma")[0].id == "solitary_plasmacytoma"
    assert not conditions.covers("solitary_plasmacytoma", "extramedullary_plasmacytoma")
    assert conditions.is_a("acute_myeloid_leukaemia", "myeloid_leukaemia")
    assert not conditions.is_a("acute_myeloid_leukaemia", "lymphoid_leukaemia")


def test_mycosis_fungoides_is_no_fungal_infection_and_anorexia_stays_ambiguous():
    found = find("history of mycosis fungoides")
    assert [m.concept_id for m in found] == ["mycosis_fungoides"]
    assert not conditions.is_a("mycosis_fungoides", "fungal_infection")
    assert {c.id for c in conditions.lookup("anorexia")} == {"loss_of_appetite", "anorexia_nervosa"}
    assert find("anorexia") == []  # unresolved: never read silently


@pytest.mark.parametrize(("term", "concept_id", "cls"), [
    ("clofazimine", "clofazimine", "antimycobacterial"),
    ("cycloserine", "cycloserine", "antituberculosis"),
    ("barbiturates", "barbiturate", "barbiturate"),
    ("phenothiazines", "phenothiazine", "phenothiazine"),
    ("Stelazine", "trifluoperazine", "phenothiazine"),
    ("rifamycins", "rifamycin", "rifamycin"),
    ("flucytosine", "flucytosine", "antifungal"),
    ("imidazoles", "azole_antifungal", "antifungal"),
    ("interleukins", "interleukin", "immunostimulant"),
    ("CMV hyperimmune globulin", "cmv_immunoglobulin", "immunoglobulin"),
    ("Fansidar", "sulfadoxine_pyrimethamine", "antimalarial"),
    ("bacitracin", "bacitracin", "antibiotic"),
    ("coumarin-type anticoagulants", "vitamin_k_antagonist", "anticoagulant"),
])
def test_drug_names_resolve_in_their_class(term, concept_id, cls):
    assert drugs.lookup(term)[0].id == concept_id
    assert drugs.is_a(concept_id, cls)


def test_existing_drugs_join_the_new_classes():
    assert drugs.is_a("phenobarbital", "barbiturate") and drugs.is_a("rifampicin", "rifamycin")
    assert drugs.is_a("ketoconazole", "azole_antifungal") and drugs.is_a("dapsone", "antimycobacterial")
    assert drugs.is_a("fluconazole", "anti_infective") and not drugs.is_a("hydroxychloroquine", "anti_infective")


def test_a_component_names_the_class_over_the_drug_and_its_combination():
    # "Trimethoprim" must also find the patient on co-trimoxazole (as "heparin" names the heparin class)
    assert [c.id for c in drugs.lookup("trimethoprim")][:1] == ["trimethoprim_containing"]
    assert drugs.is_a("sulfamethoxazole_trimethoprim", "trimethoprim_containing")
    assert drugs.is_a("trimethoprim", "trimethoprim_containing")
    assert drugs.is_a("sulfadoxine_pyrimethamine", "pyrimethamine_containing")
    assert drugs.lookup("sulfamethoxazole")[0].id == "sulfamethoxazole_trimethoprim"
    assert [m.concept_id for m in find("Trimethoprim / sulfamethoxazole.")] == ["sulfamethoxazole_trimethoprim"]


@pytest.mark.parametrize(("text", "kind", "fact", "value"), [
    ("History of Burkitt's lymphoma.", "exclusion", "condition:burkitt_lymphoma", True),
    ("Known hypersensitivity to clofazimine.", "exclusion", "allergy:clofazimine", True),
    ("No history of esophageal candidiasis.", "inclusion", "condition:candidal_oesophagitis", False),
    ("Hairy cell leukemia", "exclusion", "condition:hairy_cell_leukaemia", True),
    ("Current use of phenothiazines.", "exclusion", "drug_current:phenothiazine", True),
])
def test_readings_with_the_new_names(text, kind, fact, value):
    proposal = propose_rule(text, kind)
    assert proposal is not None
    rule = proposal.rule.get("rule", proposal.rule)
    assert rule == {"fact": fact, "op": "=", "value": value}


def test_mining_script_finds_missing_names_and_skips_known_ones():
    mine = _script()
    assert "Burkitt's lymphoma" in list(mine.candidates("History of Burkitt's lymphoma."))
    assert set(mine.candidates("Known allergy to zorbicillin or penicillin.")) >= {"zorbicillin", "penicillin"}
    assert not mine.resolves("zorbicillin") and mine.resolves("penicillin")
    assert mine.resolves("severe asthma")  # a plain qualifier around a known name
    assert not mine.resolves("Zorbic lymphoma")  # a known head with an unknown kind is still missing
    assert mine.key_of("Burkitt's lymphomas") == "burkitt lymphoma"



def test_mining_reads_only_the_dev_side_of_the_labelled_split():
    from tests.core.criteria.labels.sample_items import split_of

    mine = _script()
    ids = [f"NCT{n:08d}" for n in range(100, 140)]
    assert [mine.dev_side(i) for i in ids] == [split_of(i) == "dev" for i in ids]
    assert 0 < sum(mine.dev_side(i) for i in ids) < len(ids)


def test_cns_metastases_are_not_only_brain_metastases():
    # "No active CNS metastases" was read as brain metastases alone: leptomeningeal or spinal ones were missed
    found = conditions.lookup("CNS metastases")
    assert [c.id for c in found] == ["cns_metastases"]
    assert conditions.covers("cns_metastases", "brain_metastases")
    assert not conditions.covers("brain_metastases", "cns_metastases")
    assert conditions.covers("malignancy", "cns_metastases")
