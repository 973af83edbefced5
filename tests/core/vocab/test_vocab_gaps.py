"""The vocabulary gap-filling (issue 15): the gap and extension sources, their integrity, what criteria now find."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
from pathlib import Path

import pytest

from core.criteria.extract.concepts import find
from core.vocab import conditions, drugs, labs, scores
from core.vocab.text import compact, normalise
from resources.paths import resource

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "scripts" / "vocab" / "sources"


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / "vocab" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _psv_ids(name: str) -> list[str]:
    lines = (SOURCES / name).read_text(encoding="utf-8").splitlines()
    return [line.split("|")[0].strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


CONDITIONS = json.loads(resource("vocab", "conditions.json").read_text(encoding="utf-8"))
DRUGS = json.loads(resource("vocab", "drugs.json").read_text(encoding="utf-8"))


# --- every gap entry is in the built vocabularies ------------------------------------------------

def test_gap_and_extension_entries_are_built():
    condition_ids = {c["id"] for c in CONDITIONS["concepts"]}
    assert set(_psv_ids("conditions_gaps.psv")) <= condition_ids
    assert set(_psv_ids("conditions_extend.psv")) <= condition_ids
    drug_ids = {d["id"] for d in DRUGS["drugs"]} | {c["id"] for c in DRUGS["classes"]}
    for name in ("drugs_gaps.psv", "drug_classes_gaps.psv", "drugs_extend.psv"):
        assert set(_psv_ids(name)) <= drug_ids, name
    lab_gaps = json.loads((SOURCES / "labs_gaps.json").read_text(encoding="utf-8"))
    assert all(labs.get(a["id"]) for a in lab_gaps["analytes"])
    score_gaps = json.loads((SOURCES / "scores_gaps.json").read_text(encoding="utf-8"))
    assert all(scores.get(s["id"]) for s in score_gaps["scores"])


def test_extensions_add_names_and_parents_to_existing_concepts():
    assert conditions.lookup("cerebral vascular attack")[0].id == "stroke"
    assert conditions.is_a("aortic_aneurysm", "aneurysm")  # the extension's parent, besides its own
    assert "antiarrhythmic" in [c.id for c in drugs.classes_of("amiodarone")]
    assert "thyroid_function_tests" in labs.get("tsh").parents
    assert "ASA I-III" in scores.get("asa_physical_status").abbreviations


# --- integrity over the whole vocabularies --------------------------------------------------------

def test_every_condition_code_is_valid_icd10cm():
    cm = pytest.importorskip("simple_icd_10_cm")
    for concept in CONDITIONS["concepts"]:
        for code in concept["icd10"]:
            assert cm.is_valid_item(code), (concept["id"], code)


def test_no_condition_name_or_abbreviation_names_two_concepts():
    names: dict[str, str] = {}
    abbreviations: dict[str, str] = {}
    for c in CONDITIONS["concepts"]:
        for name in [c["label"], *c["synonyms"], *c["zh"], *c["ja"]]:
            assert names.setdefault(normalise(name), c["id"]) == c["id"], name
        for abbreviation in c["abbreviations"]:
            assert abbreviations.setdefault(abbreviation, c["id"]) == c["id"], abbreviation


def test_condition_hierarchy_is_acyclic_and_groups_cover_the_new_concepts():
    for concept in conditions.all():
        assert concept.id not in conditions.ancestors(concept.id)
    assert conditions.covers("malignancy", "lung_adenocarcinoma")  # "any malignancy"
    assert conditions.covers("pregnancy", "pre_eclampsia")
    assert conditions.covers("cardiovascular_disease", "intracranial_aneurysm")
    assert conditions.covers("infection", "gonorrhoea")
    assert not conditions.covers("malignancy", "cardiac_myxoma")  # benign: a neoplasm, not a malignancy


def test_every_drug_has_a_class_and_the_class_hierarchy_is_acyclic():
    class_ids = {c["id"] for c in DRUGS["classes"]}
    for d in DRUGS["drugs"]:
        assert d["classes"], d["id"]
        assert set(d["classes"]) <= class_ids, d["id"]
    parents = {c["id"]: c["parents"] for c in DRUGS["classes"]}
    for start in parents:
        seen, stack = set(), list(parents[start])
        while stack:
            current = stack.pop()
            assert current != start, f"cycle through {start}"
            if current not in seen:
                seen.add(current)
                stack.extend(parents[current])


def test_no_drug_term_names_two_unrelated_concepts():
    owners: dict[tuple[str, bool], set[str]] = {}
    for term, concept_id, case_sensitive in drugs.terms():
        key = (term, True) if case_sensitive else (compact(term), False)
        owners.setdefault(key, set()).add(concept_id)
    for key, who in owners.items():
        assert len(who) == 1 or all(a == b or drugs.is_a(a, b) or drugs.is_a(b, a) for a in who for b in who), key


# --- the extension files refuse unknown ids ------------------------------------------------------

def test_condition_extension_of_an_unknown_id_is_refused(tmp_path):
    build = _script("build_conditions")
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    with (folder / "conditions_extend.psv").open("a", encoding="utf-8") as f:
        f.write("no_such_condition | | | a name\n")
    with pytest.raises(build.BuildError, match="known id"):
        build.build(folder)


def test_drug_extension_of_an_unknown_id_is_refused(tmp_path, monkeypatch):
    build = _script("build_drugs")
    folder = tmp_path / "sources"
    shutil.copytree(SOURCES, folder)
    with (folder / "drugs_extend.psv").open("a", encoding="utf-8") as f:
        f.write("no_such_drug | antiemetic\n")
    monkeypatch.setattr(build, "SOURCES", folder)
    with pytest.raises(build.SourceError, match="no_such_drug"):
        build.build()


@pytest.mark.parametrize(("script", "file", "key"), [("build_labs", "labs_gaps.json", "extend"),
                                                    ("build_scores", "scores_gaps.json", "extend")])
def test_lab_and_score_extension_of_an_unknown_id_is_refused(tmp_path, monkeypatch, script, file, key):
    build = _script(script)
    gaps = json.loads((SOURCES / file).read_text(encoding="utf-8"))
    gaps[key]["no_such_id"] = {"synonyms": ["a name"]}
    (tmp_path / file).write_text(json.dumps(gaps), encoding="utf-8")
    monkeypatch.setattr(build, "GAPS", tmp_path / file)
    with pytest.raises(ValueError, match="no_such_id"):
        build.build()


# --- what the concept finder now reads in real criteria phrasings --------------------------------

@pytest.mark.parametrize(("text", "kind", "concept_id"), [
    ("History of cerebral vascular attack", "condition", "stroke"),
    ("Patients who abuse alcohol or drugs", "condition", "substance_use_disorder"),
    ("Myocardial ischemia on stress test", "condition", "myocardial_ischaemia"),
    ("Epidermolysis bullosa", "condition", "epidermolysis_bullosa"),
    ("Hypoglycemia unawareness", "condition", "hypoglycaemia"),
    ("Prior hydroxyurea", "drug", "hydroxyurea"),
    ("Treatment with interferon alfa", "drug", "interferon_alfa"),
    ("zalcitabine (ddC)", "drug", "zalcitabine"),
    ("palifermin", "drug", "palifermin"),
    ("Prior EGFR inhibitors", "drug", "egfr_inhibitor"),
    ("No antipyretics within 24 hours", "drug", "antipyretic"),
    ("Use of 5-ASA", "drug", "mesalazine"),
    ("STI-571", "drug", "imatinib"),
    ("anti-HLA antibodies", "lab", "anti_hla_antibodies"),
    ("ASA I-III", "score", "asa_physical_status"),
    ("American Society of Anesthesiologists (ASA) class II", "score", "asa_physical_status"),
    ("Kellgren-Lawrence grade 2 or 3", "score", "kellgren_lawrence"),
])
def test_the_concept_finder_reads_criteria_phrasings(text, kind, concept_id):
    assert (kind, concept_id) in [(m.kind, m.concept_id) for m in find(text)]


def test_no_longer_misread():
    assert not [m for m in find("Prior therapy: NA") if m.kind == "drug"]  # "not applicable"
    assert not [m for m in find("ASA I-III") if m.concept_id == "aspirin"]
    assert not [m for m in find("5-ASA") if m.concept_id == "aspirin"]
    assert not [m for m in find("STI-571") if m.kind == "condition"]


# --- the mining script never reads the benchmark sample ------------------------------------------

def test_mining_reads_only_files_outside_the_benchmark_sample():
    from benchmarks.extraction_chia import CHIA, sample

    if not CHIA.exists():
        pytest.skip("Chia corpus not available")
    mine = _script("mine_chia_gaps")
    mined = {name for name, _, _ in mine.mining_files()}
    benchmark = {name for name, _, _ in sample()}
    assert mined and benchmark and not mined & benchmark


def test_a_washout_naming_a_drug_the_vocabulary_now_knows_is_read():
    from core.criteria.extract import propose_rule

    proposal = propose_rule("Eligible patients must not have received palifermin or rituximab within 30 days "
                            "prior to enrollment", "inclusion")
    assert proposal is not None
    facts = [part["fact"] for part in proposal.rule["rule"]["all"]]
    assert facts == ["drug_weeks_since:palifermin", "drug_weeks_since:rituximab"]


def test_a_narrower_form_is_its_own_concept_not_a_synonym_of_the_broader_one():
    """"History of anorexia nervosa" must not read as "any eating disorder" (a bulimia patient would be
    excluded), nor "eczema" as atopic dermatitis (eczema is the broader word)."""
    from core.vocab import conditions

    for term, concept, parent in (("anorexia nervosa", "anorexia_nervosa", "eating_disorder"),
                                  ("bulimia nervosa", "bulimia_nervosa", "eating_disorder"),
                                  ("peripheral T-cell lymphoma", "peripheral_t_cell_lymphoma", "t_cell_lymphoma"),
                                  ("alcoholic hepatitis", "alcoholic_hepatitis", "alcoholic_liver_disease")):
        assert [c.id for c in conditions.lookup(term)] == [concept]
        assert conditions.is_a(concept, parent) and concept != parent
    assert "atopic_dermatitis" not in [c.id for c in conditions.lookup("eczema")]
    assert "chronic_diarrhoea" not in [c.id for c in conditions.lookup("diarrhea")]
