"""Every verbatim criterion of every seed trial has a valid, reviewed rule."""

from __future__ import annotations

import json

import pytest

from core.catalog import database
from core.catalog.bundle import build_bundled, seed_records
from core.catalog.curation import CurationError, apply_curation, curation_files, load_curation
from core.catalog.models import Criterion, Trial
from core.matching.rules import rule_problems
from core.trial_record import criterion_keys


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    path = build_bundled(tmp_path_factory.mktemp("cur") / "c.sqlite")
    database.connect(path)
    yield path
    database.close()


def test_one_curation_file_per_seed_trial():
    assert sorted(f.stem for f in curation_files()) == sorted(r.trial_id for r in seed_records())


def test_every_criterion_has_a_valid_rule(catalog):
    missing, invalid = [], []
    seeds = [r.trial_id for r in seed_records()]
    for row in Criterion.select().where(Criterion.trial.in_(seeds)):
        if row.rule is None or row.rule_origin is None:
            missing.append(f"{row.trial_id} {row.key}: {row.text[:60]}")
        else:
            problems = rule_problems(row.rule)
            if problems:
                invalid.append(f"{row.trial_id} {row.key}: {problems}")
    assert missing == [] and invalid == []


def test_other_bundled_trials_get_valid_automatic_rules_only(catalog):
    seeds = [r.trial_id for r in seed_records()]
    rows = list(Criterion.select().where(Criterion.trial.not_in(seeds)))
    ruled = [r for r in rows if r.rule is not None]
    assert rows and ruled, "the registry records of the bundle have criteria, some with automatic rules"
    assert {r.rule_origin for r in ruled} == {"automatic-unreviewed"}
    assert all(r.rule_origin is None for r in rows if r.rule is None)
    assert [f"{r.trial_id} {r.key}" for r in ruled if rule_problems(r.rule)] == []


def test_curation_matches_the_records_exactly(catalog):
    # Re-applying reports no key or text mismatch: every rule sits on the wording it was written for.
    assert apply_curation() == []
    for path in curation_files():
        data = load_curation(path)
        record = next(r for r in seed_records() if r.trial_id == data["trial_id"])
        keys = {k for k, _p, _n in criterion_keys(record.criteria)}
        assert {c["key"] for c in data["criteria"]} == keys, path.name


def test_uncertain_trial_logic_is_set(catalog):
    assert Trial.get_by_id("UMIN000042298").inclusion_logic == "any"


def test_changed_wording_is_not_given_the_old_rule(catalog, tmp_path):
    path = curation_files()[0]
    data = json.loads(path.read_text(encoding="utf-8"))
    data["criteria"][0]["text"] = "Some other wording entirely"
    changed = tmp_path / path.name
    changed.write_text(json.dumps(data), encoding="utf-8")
    problems = apply_curation([changed])
    assert [(p.key, p.message) for p in problems] == [
        (data["criteria"][0]["key"], "the verbatim text differs from the record")]


def test_malformed_curation_file_is_refused(tmp_path):
    bad = tmp_path / "x.json"
    bad.write_text("{not json")
    with pytest.raises(CurationError, match="cannot be read"):
        load_curation(bad)
