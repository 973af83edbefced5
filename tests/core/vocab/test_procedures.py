"""The procedures vocabulary (core/vocab/procedures.py, scripts/vocab/build_procedures.py)."""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from core.vocab import conditions, drugs, labs, procedures, scores
from core.vocab.text import normalise

ROOT = Path(__file__).resolve().parents[3]
# Named by issue 15 item 4 / issue 16 item 1 and the most frequent in the corpus (docs/vocab-procedures.md).
NAMED = ("major_surgery", "kidney_transplant", "liver_transplant", "haematopoietic_stem_cell_transplant",
         "autologous_hsct", "allogeneic_hsct", "radiotherapy", "hip_replacement", "knee_replacement", "splenectomy",
         "dialysis", "plasma_exchange", "intra_articular_injection", "greater_occipital_nerve_block",
         "cabg", "hysterectomy", "bilateral_oophorectomy", "tubal_ligation", "pacemaker_implantation")


def _build_module():
    spec = importlib.util.spec_from_file_location("build_procedures",
                                                  ROOT / "scripts" / "vocab" / "build_procedures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_over_a_hundred_procedures_including_those_the_issues_name():
    assert len(procedures.all()) >= 100
    for pid in NAMED:
        assert pid in procedures.index(), pid


def test_built_file_is_up_to_date():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "vocab" / "build_procedures.py"), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_build_refuses_inconsistent_sources():
    build = _build_module()
    head = "surgery | Surgery | g | | | | operation\n"
    with pytest.raises(build.BuildError, match="does not exist"):
        build.check(build.parse(head + "x_op | X | p | nowhere\n"))
    with pytest.raises(build.BuildError, match="not an ICD-10-CM code"):
        build.check(build.parse(head + "x_op | X | p | surgery | Z99.999\n"))
    with pytest.raises(build.BuildError, match="names both"):
        build.check(build.parse(head + "a_op | A | p | surgery | | | shared name\nb_op | B | p | surgery | | | "
                                       "shared name\n"))
    with pytest.raises(build.BuildError, match="is not above it"):
        build.check(build.parse(head + "a_op | A | g | surgery | | | | | | b_op\nb_op | B | p | surgery\n"))
    with pytest.raises(build.BuildError, match="kind"):
        build.parse("a_op | A | q | \n")
    with pytest.raises(build.BuildError, match="cycle"):
        build.check(build.parse("a_op | A | g | b_op\nb_op | B | g | a_op\n"))


def test_status_codes_carry_their_icd10_cm_titles():
    assert procedures.get("kidney_transplant").icd10 == ("Z94.0",)
    assert procedures.icd10_title("Z94.0") == "Kidney transplant status"
    assert procedures.icd10_title("Z96.65") == "Presence of artificial knee joint"
    assert procedures.icd10_title("Z90.81") == "Acquired absence of spleen"
    assert procedures.icd10_title("Z99.2") == "Dependence on renal dialysis"


@pytest.mark.parametrize(("text", "pid"), [
    ("HSCT", "haematopoietic_stem_cell_transplant"), ("allo-HSCT", "allogeneic_hsct"), ("ASCT", "autologous_hsct"),
    ("renal transplant", "kidney_transplant"), ("total knee arthroplasty", "knee_replacement"),
    ("TKA", "knee_replacement"),
    ("plasmapheresis", "plasma_exchange"), ("GON injection", "greater_occipital_nerve_block"),
    ("radiation therapy", "radiotherapy"), ("Z96.64", "hip_replacement"), ("骨髓移植", "bone_marrow_transplant"),
    ("人工膝関節置換術", "knee_replacement"), ("splenectomised", "splenectomy"),
])
def test_lookup(text, pid):
    assert [p.id for p in procedures.lookup(text)] == [pid]


def test_abbreviations_are_case_sensitive_and_ambiguous_ones_are_left_out():
    assert procedures.lookup("tka") == []  # not an abbreviation in lower case
    for ambiguous in ("PCI", "TBI", "ICD", "RT", "HCT", "SCT"):  # other meanings in criteria text
        assert procedures.lookup(ambiguous) == [], ambiguous


def test_hierarchy():
    assert procedures.is_a("kidney_transplant", "solid_organ_transplant")
    assert procedures.is_a("kidney_transplant", "transplantation")
    assert procedures.is_a("allogeneic_hsct", "haematopoietic_stem_cell_transplant")
    assert not procedures.is_a("allogeneic_hsct", "solid_organ_transplant")
    assert procedures.is_a("hip_replacement", "joint_replacement")
    assert procedures.is_a("hip_replacement", "major_surgery")
    assert not procedures.is_a("cholecystectomy", "major_surgery")  # may be major: an open concept
    assert procedures.get("major_surgery").open_in == "surgery"
    assert procedures.is_a("hysterectomy", "surgical_sterilisation")


def test_search_completes_names_and_abbreviations():
    assert procedures.search("knee rep")[0].id == "knee_replacement"
    assert procedures.search("THA")[0].id == "hip_replacement"
    assert "kidney_transplant" in [p.id for p in procedures.search("kidney")]


def test_no_term_shared_with_labs_or_scores():
    theirs = {(t if cs else normalise(t)) for t, _, cs in (*labs.terms(), *scores.terms())}
    assert [t for t, _, cs in procedures.terms() if (t if cs else normalise(t)) in theirs] == []


def test_terms_shared_with_conditions_and_drugs_are_the_same_thing():
    """A transplant, dialysis or splenectomy is also a condition (the status: Z94.0 kidney transplant recipient),
    plasma exchange also a drug-table entry: the same name may be either, never something else."""
    shared = set()
    for t, pid, _cs in procedures.terms():
        for module in (conditions, drugs):
            for hit in module.lookup(t):
                shared.add((pid, module.__name__.rsplit(".", 1)[1], hit.id))
    allowed_conditions = {"asplenia"}  # "splenectomy" is one of asplenia's names: the same patient either way
    for pid, vocab, other in shared:
        if vocab == "drugs":
            assert (pid, other) == ("plasma_exchange", "plasma_exchange")
            continue
        codes = set(procedures.get(pid).icd10)
        for ancestor in procedures.ancestors(pid):
            codes |= set(procedures.get(ancestor).icd10)
        assert other in allowed_conditions or codes & set(conditions.get(other).icd10), (pid, other)


@pytest.mark.parametrize(("name", "concept"), [
    ("major organ allograft", "solid_organ_transplant"),  # HIV-era exclusions
    ("allogeneic bone marrow transplant", "allogeneic_hsct"),
    ("autologous bone marrow transplantation", "autologous_hsct"),
    ("implanted cardiac pacemaker", "pacemaker_implantation"),
    ("defibrillator", "defibrillator_implantation"),  # "pacemaker or defibrillator" in MRI exclusions
])
def test_criteria_names_of_procedures_resolve(name, concept):
    assert [p.id for p in procedures.lookup(name)] == [concept]
