"""A decision offered for the identical criteria of other trials (issue 16, curation goes fast)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from core.catalog import database, reviews
from core.catalog.bundle import open_catalog
from core.catalog.models import Criterion
from core.catalog.overlay import import_and_keep
from core.catalog.review_batch import apply_to_identical, identical_criteria
from resources import paths

ROOT = Path(__file__).resolve().parents[3]
RHEUM5 = ROOT.parent / "shared" / "data" / "ctgov-api-v2" / "rheumatology-5.json"
pytestmark = pytest.mark.skipif(not RHEUM5.exists(), reason="shared data not available")
BUNDLED_AS = "NCT05925803"
TRIAL, TWIN, OTHER_TWIN = "NCT95925803", "NCT99999901", "NCT99999902"


@pytest.fixture
def catalog(tmp_path):
    paths.set_data_dir(tmp_path / "data")
    studies = json.loads(RHEUM5.read_text(encoding="utf-8"))
    study = next(s for s in studies if s["protocolSection"]["identificationModule"]["nctId"] == BUNDLED_AS)
    study["protocolSection"]["identificationModule"]["nctId"] = TRIAL  # the bundle holds the original
    twins = []
    for nct in (TWIN, OTHER_TWIN):
        twin = copy.deepcopy(study)
        twin["protocolSection"]["identificationModule"]["nctId"] = nct
        twins.append(twin)
    source = tmp_path / "three.json"
    source.write_text(json.dumps([study, *twins]), encoding="utf-8")
    try:
        open_catalog()
        assert import_and_keep([source]).new == 3
        yield
    finally:
        database.close()
        paths.set_data_dir(None)


def row(trial_id: str, key: str) -> Criterion:
    return Criterion.get((Criterion.trial == trial_id) & (Criterion.key == key))


def _a_proposed_key() -> str:
    return next(c.key for c in Criterion.select().where((Criterion.trial == TRIAL)
                                                        & (Criterion.rule_origin == "automatic-unreviewed")))


def test_identical_unreviewed_criteria_of_other_trials_are_found(catalog):
    key = _a_proposed_key()
    found = {(c.trial_id, c.key) for c in identical_criteria(TRIAL, key)}
    assert found == {(TWIN, key), (OTHER_TWIN, key), (BUNDLED_AS, key)}  # the bundled original too


def test_accept_and_reject_are_applied_to_all_identical_but_never_over_a_decision(catalog):
    key = _a_proposed_key()
    proposed = row(TRIAL, key).rule
    reviews.save_review(OTHER_TWIN, key, reviews.REJECT)  # already decided otherwise: kept
    reviews.save_review(TRIAL, key, reviews.ACCEPT)
    assert apply_to_identical(TRIAL, key) == 2  # the twin and the bundled original; not the decided one
    assert (row(TWIN, key).rule, row(TWIN, key).rule_origin) == (proposed, "automatic-accepted")
    assert row(BUNDLED_AS, key).rule_origin == "automatic-accepted"
    assert row(OTHER_TWIN, key).rule_origin == "confirm-only"
    saved = {(e["trial_id"], e["key"]) for e in json.loads(reviews.reviews_path().read_text("utf-8"))["reviews"]}
    assert {(TRIAL, key), (TWIN, key), (OTHER_TWIN, key)} <= saved
    assert identical_criteria(TRIAL, key) == []


def test_nothing_is_applied_before_a_decision(catalog):
    with pytest.raises(reviews.ReviewError):
        apply_to_identical(TRIAL, _a_proposed_key())
