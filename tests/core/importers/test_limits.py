"""Size limits applied to every imported record (core/importers/limits.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from core.catalog import database
from core.catalog.models import Criterion
from core.importers import limits
from core.importers.batch import import_into_catalog
from core.importers.limits import cap_record, cut, record_notes
from core.importers.registry import finish, parse_bytes
from core.importers.text import ImportFormatError
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, Site, TrialRecord

API = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "ctgov-api-v2"


def record(**kw) -> TrialRecord:
    base = dict(title="A trial", registry_ids=["NCT01234567"], source_format="test",
                criteria=[CriterionNode(INCLUSION, "Adults", label="1"),
                          CriterionNode(EXCLUSION, "Pregnancy", label="1")])
    base.update(kw)
    return TrialRecord(**base)


def test_cut_ends_with_a_note_and_is_idempotent():
    text = "x" * 50_000
    short = cut(text, 20_000)
    assert len(short) <= 20_000
    assert short.endswith("[…cut by the import: 50,000 characters in the source record]")
    assert cut(short, 20_000) == short
    assert cut("short", 20_000) == "short"


def test_a_one_megabyte_criterion_is_cut_with_a_visible_note():
    rec = record(criteria=[CriterionNode(INCLUSION, "a" * 1_000_000, label="1"),
                           CriterionNode(EXCLUSION, "Pregnancy", label="1")])
    notes = cap_record(rec)
    item = rec.criteria[0].text
    assert len(item) <= limits.MAX_ITEM_CHARS and "1,000,000 characters in the source record" in item
    assert notes == ["criterion inc-1 was 1,000,000 characters long and was cut to 20,000: "
                     "read it whole in the source record"]
    assert record_notes(rec) == notes  # kept with the trial, shown under "Import note"
    assert rec.criteria[1].text == "Pregnancy"  # nothing else touched, nothing dropped
    # finish() runs the limits; running them again adds nothing (importers call it twice).
    assert cap_record(rec) == [] and record_notes(finish(rec)) == notes


def test_long_fields_lists_and_other_fields_are_cut():
    rec = record(title="T" * 5_000, description="d" * 150_000, conditions=["c" * 3_000, "Lupus"],
                 sites=[Site(name="n" * 3_000, country="France")], extra={"Notes": "e" * 30_000})
    notes = cap_record(rec)
    assert len(rec.title) <= limits.MAX_FIELD_CHARS and "5,000 characters" in rec.title
    assert len(rec.description) <= limits.MAX_LONG_TEXT_CHARS
    assert len(rec.conditions[0]) <= limits.MAX_FIELD_CHARS and rec.conditions[1] == "Lupus"
    assert len(rec.sites[0].name) <= limits.MAX_FIELD_CHARS and rec.sites[0].country == "France"
    assert len(rec.extra["Notes"]) <= limits.MAX_EXTRA_CHARS
    assert len(notes) == 5


def test_records_beyond_any_real_one_are_refused_not_cut():
    many = [CriterionNode(EXCLUSION, "e" * 15_000, label=str(i)) for i in range(20)]  # 300,000 characters
    with pytest.raises(ImportFormatError, match="criteria are too long"):
        cap_record(record(criteria=many))
    huge = record(sites=[Site(name="s" * 1_000, city="c" * 1_000) for _ in range(1_500)])
    with pytest.raises(ImportFormatError, match="record is too large"):
        cap_record(huge)


@pytest.mark.skipif(not API.is_dir(), reason="shared data folder absent")
def test_an_import_reports_the_cut_in_its_summary(tmp_path):
    doc = json.loads((API / "rheumatology-5.json").read_text())
    studies = doc["studies"] if isinstance(doc, dict) else doc
    study = copy.deepcopy(studies[0])
    study["protocolSection"]["eligibilityModule"]["eligibilityCriteria"] = (
        "Inclusion Criteria:\n\n* " + "word " * 200_000 + "\n\nExclusion Criteria:\n\n* Pregnancy\n")
    path = tmp_path / "one.json"
    path.write_text(json.dumps([study]))
    (rec,) = parse_bytes(path.read_bytes(), "one.json")
    assert record_notes(rec)
    database.connect(tmp_path / "c.sqlite", create=True)
    try:
        summary = import_into_catalog([path])
        assert summary.new == 1 and summary.failed == 0
        notes = dict(summary.notes)
        assert list(notes) == ["one.json"]
        # (999,999: the splitter strips the last space)
        assert [n for _f, n in summary.notes if "criterion inc-1 was 999,999 characters long" in n]
        assert [n for _f, n in summary.notes if "the criteria text was" in n]  # the verbatim section
        assert "cut to the size limits" in summary.describe()
        longest = max(len(c.text) for c in Criterion.select())
        assert longest <= limits.MAX_ITEM_CHARS
    finally:
        database.close()


def test_a_document_over_the_file_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr("core.importers.registry.MAX_DOCUMENT_BYTES", 1_000)
    with pytest.raises(ImportFormatError, match="too large to import"):
        parse_bytes(b"[" + b" " * 2_000 + b"]", "big.json")
