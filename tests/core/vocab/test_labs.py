"""The laboratory analytes vocabulary: contents, consistency and lookup (core/vocab/labs.py)."""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.patient import facts
from core.vocab import labs
from core.vocab.labs import KINDS
from core.vocab.text import normalise
from resources.paths import resource

ROOT = Path(__file__).resolve().parents[3]
AUTOANTIBODIES_NAMED_BY_THE_ISSUE = (
    "anti_jo1", "anti_dsdna", "rf", "acpa", "ana", "anti_ro_ssa", "anti_la_ssb", "anti_sm", "anti_rnp", "anti_scl70",
    "anti_centromere", "anca", "anti_pr3", "anti_mpo", "anti_mda5", "anti_tif1g", "anti_mi2", "anti_nxp2", "anti_sae",
    "anti_pl7", "anti_pl12", "anti_ej", "anti_oj", "anticardiolipin", "anti_b2gpi", "lupus_anticoagulant",
    "anti_hmgcr", "anti_srp",
)
INFECTION_SEROLOGY_NAMED_BY_THE_BRIEF = ("hbsag", "anti_hbc", "hbv_dna", "hcv_antibody", "hcv_rna", "hiv_test", "igra",
                                         "tst")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_labs", ROOT / "scripts" / "vocab" / "build_labs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_at_least_sixty_measured_analytes():
    measured = [a for a in labs.all() if not a.group]
    assert len(measured) >= 60
    assert {a.kind for a in labs.all()} <= set(KINDS)


def test_existing_lab_ids_are_concepts():
    for lab in facts.LABS:
        assert labs.get(lab).numeric, lab


def test_issue_autoantibodies_and_infection_serology_are_present():
    for aid in (*AUTOANTIBODIES_NAMED_BY_THE_ISSUE, *INFECTION_SEROLOGY_NAMED_BY_THE_BRIEF):
        assert aid in labs.index(), aid


def test_built_file_is_up_to_date():
    """The JSON in resources is exactly what the build script makes from the curated source."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "vocab" / "build_labs.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_refuses_inconsistent_sources():
    build = _build_module()
    good = {"id": "x", "kind": "chemistry", "label": "X", "canonical_unit": "mg/L", "units": {"mg/L": 1}}
    assert build.build_analyte(good)["units"]["mg/L"] == 1
    with pytest.raises(ValueError, match="snake_case"):
        build.build_analyte({**good, "id": "Bad-Id"})
    with pytest.raises(ValueError, match="check digit"):
        build.build_analyte({**good, "loinc": ["1742-5"]})
    with pytest.raises(ValueError, match="factor 1"):
        build.build_analyte({**good, "units": {"mg/L": 2}})
    with pytest.raises(ValueError, match="LLN"):
        build.build_analyte({**good, "reference": {"lln": 5, "uln": 4}})
    with pytest.raises(ValueError, match="plausible"):
        build.build_analyte({**good, "plausible": [0, 10], "reference": {"uln": 40}})
    with pytest.raises(ValueError, match="another factor"):
        build.build_analyte({**good, "units": {"mg/L": 1, "mg/l": 2}})
    with pytest.raises(ValueError, match="group"):
        build.build_analyte({**good, "group": True})


def test_loinc_codes_pass_their_check_digit():
    build = _build_module()
    assert build.valid_loinc("1742-6") and not build.valid_loinc("1742-7")
    for analyte in labs.all():
        for code in analyte.loinc:
            assert build.valid_loinc(code), (analyte.id, code)


def test_ids_are_snake_case_ascii_and_labels_present():
    for analyte in labs.all():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", analyte.id)
        assert analyte.label.strip()


def test_no_name_or_abbreviation_names_two_unrelated_analytes():
    assert labs.index().conflicts(labs.ambiguous()) == []


def test_excluded_abbreviations_are_not_used():
    excluded = set(labs.excluded_abbreviations())
    assert {"PCR", "ACR", "LA"} <= excluded
    for analyte in labs.all():
        assert not excluded & set(analyte.abbreviations), analyte.id


def test_hierarchy_is_acyclic_and_consistent():
    index = labs.index()
    for analyte in labs.all():
        assert analyte.id not in index.ancestors(analyte.id)
        for parent in analyte.parents:
            assert analyte.id in index.descendants(parent)
    assert labs.is_a("anti_jo1", "myositis_specific_antibodies")
    assert labs.is_a("anti_pr3", "anca") and not labs.is_a("anca", "anti_pr3")
    assert labs.descendants("antiphospholipid_antibodies") == ("anti_b2gpi", "anticardiolipin", "lupus_anticoagulant")


def test_ranges_and_reference_limits_are_sane():
    for analyte in labs.all():
        if analyte.plausible:
            low, high = analyte.plausible
            assert low < high, analyte.id
        for sex in (None, "female", "male"):
            limits = analyte.typical_limits(sex)
            if limits.lln is not None and limits.uln is not None:
                assert limits.lln < limits.uln, analyte.id
            for value in (limits.lln, limits.uln):
                if value is not None and analyte.plausible:
                    assert analyte.plausible[0] <= value <= analyte.plausible[1], analyte.id
        if analyte.reference and not analyte.assay_specific:
            assert analyte.reference.get("typical") is True, analyte.id


def test_every_numeric_analyte_has_a_plausible_range_and_qualitative_results():
    for analyte in labs.all():
        if analyte.numeric:
            assert analyte.plausible is not None, analyte.id
        assert analyte.qualitative, analyte.id


def test_groups_have_no_unit_and_measured_analytes_do_not_hide_in_groups():
    for analyte in labs.all():
        if analyte.group:
            assert not analyte.numeric and not analyte.reference and analyte.plausible is None, analyte.id
            assert labs.descendants(analyte.id), analyte.id


def test_fact_links_name_existing_facts_in_the_same_unit():
    linked = [a for a in labs.all() if a.fact]
    assert {a.id for a in linked} >= {"lvef", "body_weight"}
    for analyte in linked:
        assert facts.REGISTRY[analyte.fact].unit == analyte.canonical_unit, analyte.id


@pytest.mark.parametrize(("text", "analyte"), [
    ("anti-PL-7 antibody", "anti_pl7"), ("anti-PL-7 antibodies", "anti_pl7"), ("anti-MDA5 antibody", "anti_mda5"),
    ("anti-Smith antibodies", "anti_sm"), ("anti-SRP antibody", "anti_srp"),
])
def test_antibody_names_come_with_and_without_antibody(text, analyte):
    assert [a.id for a in labs.lookup(text)] == [analyte]


def test_titres_are_marked_for_titre_antibodies():
    assert labs.get("ana").titre and labs.get("anti_dsdna").titre and labs.get("anca").titre
    assert not labs.get("crp").titre


def test_sex_specific_limits_never_guess_the_sex():
    alt = labs.get("alt")
    assert alt.typical_limits("female").uln == 35
    assert alt.typical_limits("male").uln == 45
    assert alt.typical_limits(None).uln is None  # differs by sex: unknown, not the lower one
    assert alt.typical_limits(None).lln == 7  # the same for both sexes
    assert labs.get("crp").typical_limits(None).uln == 5
    with pytest.raises(ValueError):
        alt.typical_limits("other")


def test_implausible_values_are_refused_with_a_reason():
    assert labs.get("hemoglobin").implausible(12.5) is None
    reason = labs.get("hemoglobin").implausible(125)
    assert reason and "Haemoglobin" in reason and "g/dL" in reason


@pytest.mark.parametrize(("text", "analyte"), [
    ("ALT", "alt"), ("SGPT", "alt"), ("alanine aminotransferase", "alt"), ("Alanine Aminotransferase", "alt"),
    ("ＡＬＴ", "alt"), ("谷丙转氨酶", "alt"), ("アラニンアミノトランスフェラーゼ", "alt"), ("1742-6", "alt"),
    ("anti-dsDNA", "anti_dsdna"), ("anti-double-stranded DNA", "anti_dsdna"), ("抗双链DNA抗体", "anti_dsdna"),
    ("anti-CCP", "acpa"), ("抗CCP抗体", "acpa"), ("Anti-Ro/SSA", "anti_ro_ssa"), ("抗SS-A抗体", "anti_ro_ssa"),
    ("anti-TIF1-γ", "anti_tif1g"), ("PR3-ANCA", "anti_pr3"), ("HBsAg", "hbsag"), ("QuantiFERON-TB Gold", "igra"),
    ("eGFR", "egfr"), ("platelet count", "platelets"), ("血小板", "platelets"), ("HbA1c", "hba1c"),
    ("UPCR", "upcr"), ("γ-GTP", "ggt"), ("hemoglobin", "hemoglobin"), ("haemoglobin", "hemoglobin"),
])
def test_lookup_finds_names_in_every_language(text, analyte):
    assert [a.id for a in labs.lookup(text)] == [analyte]


def test_abbreviations_are_case_sensitive():
    assert [a.id for a in labs.lookup("PSA")] == ["psa"]
    assert labs.lookup("psa") == []  # "psa" is not a name of anything; "PsA" is a condition
    assert labs.lookup("Alt") == []


def test_search_ranks_exact_then_abbreviation_then_label_then_synonym():
    assert labs.search("CRP")[0].id == "crp"
    assert labs.search("creat")[0].id == "creatinine"
    first = [a.id for a in labs.search("anti-Jo")]
    assert first[0] == "anti_jo1"
    assert labs.search("") == []
    assert len(labs.search("a", limit=5)) == 5
    # label prefix ("Platelet count") outranks a synonym prefix elsewhere
    assert labs.search("plat")[0].id == "platelets"


def test_terms_cover_names_and_case_sensitive_abbreviations_once():
    terms = list(labs.terms())
    assert ("AST", "ast", True) in terms
    assert ("alanine aminotransferase", "alt", False) in terms
    keys = [(normalise(t) if not cs else t, cid, cs) for t, cid, cs in terms]
    assert len(keys) == len(set(keys))


def test_json_is_deterministic_and_utf8():
    text = resource("vocab", "labs.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert [a["id"] for a in data["analytes"]] == sorted(a["id"] for a in data["analytes"])
    assert "谷丙转氨酶" in text  # ensure_ascii=False


def test_search_finds_a_word_inside_a_name_last():
    found = [a.id for a in labs.search("aminotransferase")]
    assert found[0] == "transaminases"  # a synonym starts with it
    assert {"ast", "alt"} <= set(found)  # a later word of their labels
    assert [a.id for a in labs.search("谷丙")] == ["alt"]
