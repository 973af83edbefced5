"""The counting script's matcher and corpus reader, on texts and a small data folder made here."""

from __future__ import annotations

import importlib.util
import io
import json
import tarfile
import zipfile
from collections import Counter
from pathlib import Path

from core.vocab.conditions import vocabulary

ROOT = Path(__file__).resolve().parents[3]


def _module():
    path = ROOT / "scripts" / "vocab" / "count_condition_mentions.py"
    spec = importlib.util.spec_from_file_location("count_condition_mentions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COUNT = _module()
MATCHER = COUNT.Matcher(vocabulary())


def test_longest_name_wins_and_abbreviations_are_case_sensitive():
    found = MATCHER.find("Exclusion: non-small cell lung cancer; history of MS; ms per day; TB.")
    assert Counter(found) == Counter({"nsclc": 1, "multiple_sclerosis": 1, "tuberculosis": 1})


def test_an_abbreviation_inside_a_longer_name_is_that_name():
    assert MATCHER.find("active TB or latent TB infection") == ["active_tuberculosis", "latent_tuberculosis"]


def test_names_match_on_word_boundaries_only():
    assert MATCHER.find("Patients with gouty arthritis") == ["gout"]
    assert MATCHER.find("outgoing patients") == []
    assert "sle" not in MATCHER.find("SLEEP apnoea")


def test_accented_names_match_their_plain_spelling():
    assert MATCHER.find("amyotrophic lateral sclerosis, Guillain-Barre syndrome, etc.") == [
        "amyotrophic_lateral_sclerosis", "guillain_barre_syndrome"]
    assert MATCHER.find("Sjogren's syndrome") == ["sjogren"]


def test_unresolved_abbreviations_are_not_counted():
    assert MATCHER.find("DM and SS") == []


def _xml(criteria: str) -> bytes:
    return (f"<clinical_study><eligibility><criteria><textblock>{criteria}</textblock></criteria>"
            f"</eligibility></clinical_study>").encode()


def test_reads_every_source_kind(tmp_path):
    data = tmp_path / "data"
    rheum = data / "ctgov-classic-xml" / "rheumatology"
    rheum.mkdir(parents=True)
    (rheum / "NCT1.xml").write_bytes(_xml("Systemic lupus erythematosus"))
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as tar:
        payload = _xml("history of lymphoma")
        info = tarfile.TarInfo("NCT2.xml")
        info.size = len(payload)
        tar.addfile(info, io.BytesIO(payload))
    (data / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz").write_bytes(buffer.getvalue())
    (data / "ctgov-api-v2").mkdir()
    (data / "ctgov-api-v2" / "a.json").write_text(json.dumps(
        [{"protocolSection": {"eligibilityModule": {"eligibilityCriteria": "Hepatitis B"}}}]))
    (data / "other-registries").mkdir()
    (data / "other-registries" / "b.json").write_text(json.dumps({"e4_principal_exclusion_criteria": "HIV"}))
    (data / "chia").mkdir()
    with zipfile.ZipFile(data / "chia" / "chia_without_scope.zip", "w") as zf:
        zf.writestr("chia_without_scope/NCT3_exc.txt", "gout")
        zf.writestr("chia_without_scope/NCT3_exc.ann", "T1\tCondition 0 4\tgout\nT2\tCondition 5 9\tblah\n")
    documents = list(COUNT.criteria_documents(data))
    assert [source for source, _ in documents] == [
        "ctgov-classic-xml/rheumatology", "ctgov-classic-xml/all-6036", "ctgov-api-v2", "other-registries", "chia"]
    assert [MATCHER.find(text) for _, text in documents] == [
        ["sle"], ["lymphoma"], ["hepatitis_b"], ["hiv_infection"], ["gout"]]
    assert COUNT.chia_condition_forms(data) == Counter({"gout": 1, "blah": 1})
