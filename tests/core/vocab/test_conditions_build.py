"""The conditions vocabulary's consistency (issue 15) and its reproducible build."""

from __future__ import annotations

import json
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from core.vocab.conditions import KINDS, ConditionVocabulary
from core.vocab.text import normalise
from resources.paths import resource

ROOT = Path(__file__).resolve().parents[3]


def _build_module():
    import importlib.util

    path = ROOT / "scripts" / "vocab" / "build_conditions.py"
    spec = importlib.util.spec_from_file_location("build_conditions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BUILD = _build_module()
DOC = json.loads(resource("vocab", "conditions.json").read_text(encoding="utf-8"))
VOCAB = ConditionVocabulary(DOC)
ICD_VALID = BUILD._icd_tools()[0]


def test_at_least_400_conditions_of_the_three_kinds():
    assert len(DOC["concepts"]) >= 400
    assert DOC["counts"]["concepts"] == len(DOC["concepts"])
    assert {c["kind"] for c in DOC["concepts"]} == set(KINDS)
    assert sum(c["kind"] == "rheumatic" for c in DOC["concepts"]) >= 100


def test_parents_exist_and_the_hierarchy_is_acyclic():
    by_id = {c["id"]: c for c in DOC["concepts"]}
    for c in DOC["concepts"]:
        for parent in c["parents"]:
            assert parent in by_id, (c["id"], parent)
        assert c["id"] not in VOCAB.ancestors(c["id"]), f"{c['id']} is its own ancestor"


def test_groups_have_children_and_everything_else_has_a_code():
    for concept in VOCAB.all():
        if concept.kind == "group":
            assert VOCAB.children(concept.id), f"group {concept.id} has no children"
        else:
            assert concept.icd10, f"{concept.id} has no ICD-10 code"


def test_every_icd10_code_is_valid_icd10cm():
    for concept in VOCAB.all():
        for code in concept.icd10:
            assert ICD_VALID(code), (concept.id, code)


def test_every_snomed_id_passes_its_check_digit():
    snomed = [c.snomed for c in VOCAB.all() if c.snomed]
    assert len(snomed) >= 30
    assert all(BUILD.verhoeff_ok(s) for s in snomed)
    assert not BUILD.verhoeff_ok("36316003")  # a wrong id the build once refused


def test_no_name_or_abbreviation_names_two_unrelated_concepts():
    names, abbreviations = defaultdict(set), defaultdict(set)
    for c in VOCAB.all():
        for name in c.names():
            names[normalise(name)].add(c.id)
        for abbr in c.abbreviations:
            abbreviations[abbr].add(c.id)
    for index in (names, abbreviations):
        for term, owners in index.items():
            for a in owners:
                for b in owners - {a}:
                    assert VOCAB.is_a(a, b) or VOCAB.is_a(b, a), (term, sorted(owners))


def test_ids_are_stable_snake_case_and_every_concept_has_cjk_names():
    for c in VOCAB.all():
        assert BUILD.ID_RE.match(c.id), c.id
        assert c.zh and c.ja, f"{c.id} lacks a Chinese or Japanese name"


def test_ambiguous_terms_map_to_the_broader_concept_or_to_none():
    assert len(VOCAB.ambiguous) >= 20
    for entry in VOCAB.ambiguous:
        if entry.concept:
            assert [c.id for c in VOCAB.lookup(entry.term)][:1] == [entry.concept], entry.term
            for candidate in entry.candidates:
                assert VOCAB.is_a(candidate, entry.concept), (entry.term, candidate)
        else:
            assert {c.id for c in VOCAB.lookup(entry.term)} == set(entry.candidates), entry.term
            assert entry.term not in {t for t, _, _ in VOCAB.terms()}


def test_the_build_reproduces_the_committed_file():
    assert BUILD.render(BUILD.build()) == resource("vocab", "conditions.json").read_text(encoding="utf-8")


# --- the build refuses inconsistent sources ----------------------------------------------------

@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "sources"
    shutil.copytree(BUILD.SOURCES, folder)
    return folder


def _append(folder: Path, line: str) -> None:
    with (folder / "conditions_systemic.psv").open("a", encoding="utf-8") as f:
        f.write(line + "\n")


@pytest.mark.parametrize(("line", "message"), [
    ("lupus_2 | Lupus again | r | connective_tissue_disease | M32 | | systemic lupus", "also names sle"),
    ("ms_2 | Mitral stenosis | c | valvular_heart_disease | I05.0 | MS", "abbreviation 'MS'"),
    ("bad_code | Bad code | c | heart_disease | X99.999", "not a valid ICD-10-CM code"),
    ("orphan | Orphan | c | no_such_parent | I10", "parent 'no_such_parent'"),
    ("no_code | Something | c | heart_disease |", "has no ICD-10 code"),
    ("Bad-Id | Bad id | c | heart_disease | I10", "not snake_case"),
    ("bad_snomed | Bad snomed | c | heart_disease | I10 | | | | | 12345678", "check digit"),
])
def test_build_refuses(sources, line, message):
    _append(sources, line)
    with pytest.raises(BUILD.BuildError, match=message):
        BUILD.build(sources)


def test_build_refuses_a_cycle(sources):
    path = sources / "conditions_organ.psv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("heart_disease | Heart disease | g | cardiovascular_disease |",
                                 "heart_disease | Heart disease | g | cardiovascular_disease;heart_failure |"),
                    encoding="utf-8")
    with pytest.raises(BUILD.BuildError, match="cycle"):
        BUILD.build(sources)


def test_build_refuses_an_ambiguous_candidate_outside_its_group(sources):
    with (sources / "conditions_ambiguous.psv").open("a", encoding="utf-8") as f:
        f.write("lupus thing | ci | lupus | gout | wrong\n")
    with pytest.raises(BUILD.BuildError, match="gout is not below lupus"):
        BUILD.build(sources)


def test_main_check_reports_an_out_of_date_file(tmp_path, capsys):
    stale = tmp_path / "conditions.json"
    stale.write_text("{}\n", encoding="utf-8")
    assert BUILD.main(["--check", "--out", str(stale)]) == 1
    assert "out of date" in capsys.readouterr().out
    assert BUILD.main(["--out", str(stale)]) == 0
    assert BUILD.main(["--check", "--out", str(stale)]) == 0
