"""Catalog database: the bundled catalog built from every source record; search, filters and
flags on the five hand-checked seeds; the working copy."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from core.catalog import database
from core.catalog import status as st
from core.catalog.bundle import build_bundled, build_seed_catalog, open_catalog, source_files, source_records
from core.catalog.models import Criterion, Trial
from core.catalog.quality import trial_flags
from core.catalog.search import SearchFilters, countries, fts_query, search_trials
from core.catalog.store import find_trial_id, trial_to_dict
from core.trial_record import CriterionNode, TrialRecord

HOSTILE = ['"', "'", 'AND (', "*", "NEAR(", "NEAR(a b", ")", "title:ra", "OR OR", "^", "a'b\"c",
           "-", "rheum* AND (", "'; DROP TABLE trial; --", "\\", "%", "_", "🙂", "関節リウマチ", "NOT"]


@pytest.fixture()
def seeded(tmp_path):
    path = build_seed_catalog(tmp_path / "catalog.sqlite")
    database.connect(path)
    yield path
    database.close()


def ids(rows):
    return {r.trial_id for r in rows}


def test_bundled_catalog_holds_every_source_record_with_wal_and_foreign_keys(tmp_path):
    bundled = build_bundled(tmp_path / "bundled.sqlite")
    working, _ = database.open_working_catalog(bundled)
    try:
        # One trial per source file (no file holds two, no trial is in two files).
        assert Trial.select().count() == len(source_records()) == len(source_files())
        assert len(source_files()) > 5
        assert database.catalog_db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert database.catalog_db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert working != bundled
    finally:
        database.close()


def test_working_copy_is_replaced_when_corrupt(tmp_path):
    bundled = build_bundled(tmp_path / "bundled.sqlite")
    working, _ = database.open_working_catalog(bundled)
    database.close()
    working.write_bytes(b"this is not a database" * 100)
    database.open_working_catalog(bundled)
    try:
        assert Trial.select().count() == len(source_files())
    finally:
        database.close()


def test_newer_schema_is_refused(tmp_path):
    path = build_bundled(tmp_path / "c.sqlite")
    con = sqlite3.connect(path)
    con.execute("UPDATE cataloginfo SET value='999' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(database.CatalogError, match="newer version"):
        database.connect(path)
    database.close()


def test_open_catalog_uses_data_dir(tmp_path, monkeypatch):
    from resources import paths
    paths.set_data_dir(tmp_path / "mydata")
    try:
        working = open_catalog()
        assert working.is_relative_to(tmp_path / "mydata")
        assert Trial.select().count() == len(source_files())
    finally:
        database.close()
        paths.set_data_dir(None)


def test_search_finds_by_title_condition_and_criteria(seeded):
    assert {t.title for t in search_trials("dermatomyositis")} == {
        "An Exploratory Study on the Efficacy and Safety of Abatacept in the Treatment of Refractory Dermatomyositis"}
    # criteria text: "ECOG score 0 - 2" is only in seed 004
    assert len(search_trials("ECOG")) == 1
    # prefix search as the user types
    assert len(search_trials("rheumat")) >= 2
    assert search_trials("UMIN000042298")[0].trial_id == "UMIN000042298"
    assert search_trials("no-such-word-anywhere") == []


@pytest.mark.parametrize("text", HOSTILE)
def test_any_typed_text_is_safe(seeded, text):
    rows = search_trials(text)  # must not raise
    assert isinstance(rows, list)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=hs.text(max_size=40))
def test_fuzzed_search_text_never_raises(seeded, text):
    assert isinstance(search_trials(text), list)


def test_boolean_words_between_terms(seeded):
    assert fts_query("arthritis AND lupus") == '"arthritis"* AND "lupus"*'
    assert fts_query("NOT OR lupus AND") == '"lupus"*'
    both = ids(search_trials("dermatomyositis OR lupus"))
    assert len(both) == 2
    assert ids(search_trials("lupus NOT abatacept")) == {"UMIN000042298"}


def test_broad_searches_are_listed_unranked_but_complete(seeded, monkeypatch):
    import core.catalog.search as search
    ranked = ids(search_trials("arthritis"))
    monkeypatch.setattr(search, "RANK_LIMIT", 0)
    assert ids(search_trials("arthritis")) == ranked


def test_fts_query_quotes_every_token():
    assert fts_query('NEAR(a "b"') == '"NEAR"* AND "a" AND "b"'  # short words exact: no index-wide prefixes
    assert fts_query("  ()*  ") is None


def test_filters(seeded):
    recruiting = search_trials("", SearchFilters(statuses=set(st.OPEN_STATUSES)))
    assert "UMIN000042298" not in ids(recruiting) and len(recruiting) == 4
    assert ids(search_trials("", SearchFilters(country="japan"))) == {"UMIN000042298"}
    assert len(search_trials("", SearchFilters(condition="rheumatoid"))) == 2
    # a 10-year-old fits only the juvenile Sjogren's trial (5-18)
    kids = search_trials("", SearchFilters(patient_age=10))
    assert [t.title for t in kids] == [
        "Effectiveness of Belimumab After Rituximab in Resistant Primary Juvenile Sjogren's Syndrome"]
    # a 75-year-old is outside 004 (18-70) and 001 (5-18)
    assert len(search_trials("", SearchFilters(patient_age=75))) == 3
    assert countries() == ["China", "Japan"]


def test_trial_detail_keeps_structure(seeded):
    trial_id = find_trial_id("umin000042298")
    d = trial_to_dict(trial_id)
    assert d["contacts"][0]["name"] == "Hajime Yoshifuji"
    inc = d["criteria"]["inclusion"]
    assert [n["label"] for n in inc] == ["1", "2", "3", "4"]
    assert [c["label"] for c in inc[0]["children"]] == ["1-1", "1-2"]
    assert Criterion.select().where(Criterion.trial == trial_id).count() == 14


def flag_codes(title_word, today=date(2026, 11, 21)):
    (row,) = search_trials(title_word)
    return {f.code for f in trial_flags(row.trial_id, today)}


def test_quality_flags_on_seeds(seeded):
    assert "status_contradiction" in flag_codes("CAR NK")  # 004: Recruiting vs "not yet recruiting"
    assert "recruiting_after_end" in flag_codes("abatacept")  # 002: end date 2022 but recruiting
    assert "not_recruiting" in flag_codes("UMIN000042298")  # 003: completed
    assert "shared_contact" in flag_codes("Prospective Cohort")  # 000 and 004 share a contact
    assert "shared_contact" in flag_codes("CAR NK")
    assert "shared_contact" not in flag_codes("Belimumab After Rituximab")
    assert "status_contradiction" not in flag_codes("Prospective Cohort")
    # 001 ends 2026-12-31: still open on 2026-11-21, out of date a year later
    assert "recruiting_after_end" not in flag_codes("Belimumab After Rituximab")
    assert "recruiting_after_end" in flag_codes("Belimumab After Rituximab", date(2027, 12, 1))


def test_same_sponsor_sharing_a_contact_is_not_flagged(tmp_path):
    def rec(title):
        from core.trial_record import Contact
        return TrialRecord(title=title, sponsor="Same Hospital", contacts=[Contact(name="Dr A")],
                           source_format="test", criteria=[CriterionNode("inclusion", "Adults")])
    path = database.build_catalog(tmp_path / "c.sqlite", [rec("One"), rec("Two")], "t")
    database.connect(path)
    try:
        assert all(f.code != "shared_contact" for t in search_trials("") for f in trial_flags(t.trial_id))
    finally:
        database.close()
