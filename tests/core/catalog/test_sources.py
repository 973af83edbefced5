"""The bundled catalog's source records: chosen and copied reproducibly by
scripts/catalog/collect_sources.py, every one parsed, no trial twice."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from core.catalog.bundle import RECORD_SUFFIXES, seed_files, source_files, source_records
from core.trial_record import TrialRecord
from resources import paths

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data"


def collect():
    """The script as a module (registered first: its dataclass needs to find its module)."""
    if "collect_sources" not in sys.modules:
        spec = importlib.util.spec_from_file_location("collect_sources", ROOT / "scripts" / "catalog" /
                                                      "collect_sources.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["collect_sources"] = module
        spec.loader.exec_module(module)
    return sys.modules["collect_sources"]


def test_every_source_file_is_one_trial_and_seeds_come_first():
    files = source_files()
    assert files[:len(seed_files())] == seed_files()
    records = source_records()
    assert len(records) == len(files) == len({r.trial_id for r in records})
    others = [p for p in paths.catalog_sources().rglob("*") if p.is_file() and p not in files]
    assert [p.name for p in others] == ["SELECTION.md"]
    assert all(p.suffix in RECORD_SUFFIXES for p in files)


@pytest.mark.parametrize("conditions, chosen", [
    (["Rheumatoid Arthritis"], True), (["Wegener's Granulomatosis"], True), (["Sjogren's Syndrome"], True),
    (["Still's Disease, Adult-Onset"], True), (["Chronic Granulomatous Disease"], True),
    (["Human Immunodeficiency Virus Type 1 (HIV-1)"], False), (["Neuroblastoma"], False),
    (["PEDIATRIC LIVER TRANSPLANTATION"], False), (["Multiple Sclerosis"], False), ([], False),
])
def test_condition_words_decide(conditions, chosen):
    record = TrialRecord(title="A study of the immune response", conditions=conditions)
    assert bool(collect().reasons_for(record)) is chosen


def test_osteoarthritis_is_not_called_inflammatory_arthritis():
    reasons = collect().reasons_for(TrialRecord(title="t", conditions=["Osteoarthritis, Knee"]))
    assert reasons and all("inflammatory" not in r for r in reasons)


@pytest.mark.skipif(not DATA.is_dir(), reason="shared data not available")
def test_the_committed_copies_are_what_the_script_chooses_from_shared_data():
    script = collect()
    chosen, rejected = script.select(DATA)
    root = paths.catalog_sources()
    committed = {str(p.relative_to(root)) for p in source_files() if p not in seed_files()}
    assert {c.dest for c in chosen} == committed
    for c in chosen:
        assert (root / c.dest).read_bytes() == c.payload, c.dest
    assert (root / "SELECTION.md").read_text(encoding="utf-8") == script.selection_report(
        chosen, rejected, "../shared/data")
    # the whole rheumatology folder and the rheumatology download; no other-registries record fits
    xml = {p.stem for p in (DATA / "ctgov-classic-xml" / "rheumatology").glob("*.xml")}
    assert xml <= {c.record.trial_id for c in chosen}
    assert not any(c.origin.startswith("other-registries/") for c in chosen)
