"""Review decisions live in the user's data and survive a new bundle and re-imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.catalog import database, reviews
from core.catalog.bundle import open_catalog
from core.catalog.models import Criterion
from core.catalog.overlay import import_and_keep
from resources import paths

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT.parent / "shared" / "data"
RHEUM5 = DATA / "ctgov-api-v2" / "rheumatology-5.json"
needs_data = pytest.mark.skipif(not RHEUM5.exists(), reason="shared data not available")

TRIAL = "NCT05925803"


@pytest.fixture
def data_dir(tmp_path):
    paths.set_data_dir(tmp_path / "data")
    try:
        yield tmp_path / "data"
    finally:
        database.close()
        paths.set_data_dir(None)


def row(trial_id: str, key: str) -> Criterion:
    return Criterion.get((Criterion.trial == trial_id) & (Criterion.key == key))


def studies() -> list[dict]:
    return json.loads(RHEUM5.read_text(encoding="utf-8"))


def one_study(tmp_path: Path, name: str, change=None) -> Path:
    """Write one study of rheumatology-5.json to its own file, changed by ``change``."""
    study = next(s for s in studies() if s["protocolSection"]["identificationModule"]["nctId"] == TRIAL)
    if change is not None:
        change(study["protocolSection"])
    path = tmp_path / name
    path.write_text(json.dumps([study]), encoding="utf-8")
    return path


def test_text_hash_ignores_whitespace_only():
    assert reviews.text_hash("Adults  aged\n18 or over ") == reviews.text_hash("Adults aged 18 or over")
    assert reviews.text_hash("Adults aged 18 or over") != reviews.text_hash("Adults aged 21 or over")


def test_origins():
    assert reviews.origin_for(reviews.ACCEPT, {"fact": "age_years", "op": ">=", "value": 18}) == "automatic-accepted"
    assert reviews.origin_for(reviews.EDIT, {"fact": "age_years", "op": ">=", "value": 18}) == "curated"
    assert reviews.origin_for(reviews.EDIT, {"confirm": "Is it so?"}) == "confirm-only"
    assert reviews.origin_for(reviews.REJECT, {"confirm": "Is it so?"}) == "confirm-only"


def test_an_unreadable_review_file_is_never_overwritten(data_dir):
    open_catalog()
    path = reviews.reviews_path()
    path.write_text("{ not json", encoding="utf-8")
    key = Criterion.select().first()
    with pytest.raises(reviews.ReviewError):
        reviews.save_review(key.trial_id, key.key, reviews.REJECT)
    assert path.read_text(encoding="utf-8") == "{ not json"
    assert reviews.apply_reviews() == 0  # logged, not raised: the app still opens


def test_invalid_edits_are_refused(data_dir):
    open_catalog()
    first = Criterion.select().first()
    with pytest.raises(reviews.ReviewError, match="unknown fact"):
        reviews.save_review(first.trial_id, first.key, reviews.EDIT, {"fact": "nope", "op": "=", "value": 1})
    with pytest.raises(reviews.ReviewError, match="not valid JSON"):
        reviews.save_review(first.trial_id, first.key, reviews.EDIT, "{")
    assert not reviews.reviews_path().exists()


@needs_data
def test_decisions_persist_across_refresh_and_reimport(data_dir, tmp_path):
    open_catalog()
    # The five are in the bundled catalog (with automatic rules): importing them changes nothing.
    assert (import_and_keep([RHEUM5]).unchanged, row(TRIAL, "inc-1").rule_origin) == (5, "automatic-unreviewed")
    proposed = row(TRIAL, "inc-1").rule

    reviews.save_review(TRIAL, "inc-1", reviews.ACCEPT)
    edited = {"fact": "age_years", "op": ">=", "value": 21}
    reviews.save_review(TRIAL, "inc-2", reviews.EDIT, edited)
    reviews.save_review(TRIAL, "exc-9", reviews.REJECT)
    assert (row(TRIAL, "inc-1").rule, row(TRIAL, "inc-1").rule_origin) == (proposed, "automatic-accepted")
    assert (row(TRIAL, "inc-2").rule, row(TRIAL, "inc-2").rule_origin) == (edited, "curated")
    exc9 = row(TRIAL, "exc-9")
    assert exc9.rule == {"confirm": " ".join(exc9.text.split())}
    assert exc9.rule_origin == "confirm-only"
    saved = json.loads(reviews.reviews_path().read_text(encoding="utf-8"))
    assert {e["key"] for e in saved["reviews"]} == {"inc-1", "inc-2", "exc-9"}

    # A new bundle: the working catalog is rebuilt, imports replayed, decisions re-applied.
    database.set_info("bundle_fingerprint", "an-older-bundle")
    database.close()
    open_catalog()
    assert row(TRIAL, "inc-1").rule_origin == "automatic-accepted"
    assert (row(TRIAL, "inc-2").rule, row(TRIAL, "inc-2").rule_origin) == (edited, "curated")
    assert row(TRIAL, "exc-9").rule_origin == "confirm-only"

    # A newer version of the record (other fields changed, wording the same) keeps them.
    def newer_status(section):
        section["statusModule"]["overallStatus"] = "ACTIVE_NOT_RECRUITING"
        section["statusModule"]["lastUpdatePostDateStruct"]["date"] = "2099-01-01"

    summary = import_and_keep([one_study(tmp_path, "newer.json", newer_status)])
    assert summary.updated == 1
    assert row(TRIAL, "inc-1").rule_origin == "automatic-accepted"
    assert (row(TRIAL, "inc-2").rule, row(TRIAL, "inc-2").rule_origin) == (edited, "curated")
    assert row(TRIAL, "exc-9").rule_origin == "confirm-only"


@needs_data
def test_changed_wording_drops_the_decision(data_dir, tmp_path):
    open_catalog()
    import_and_keep([RHEUM5])
    old_text = row(TRIAL, "inc-1").text
    reviews.save_review(TRIAL, "inc-2", reviews.EDIT, {"fact": "age_years", "op": ">=", "value": 21})
    reviews.save_review(TRIAL, "inc-1", reviews.REJECT)

    def reworded(section):
        module = section["eligibilityModule"]
        module["eligibilityCriteria"] = module["eligibilityCriteria"].replace(old_text, old_text.replace("70", "75"))
        section["statusModule"]["lastUpdatePostDateStruct"]["date"] = "2099-01-01"

    assert import_and_keep([one_study(tmp_path, "reworded.json", reworded)]).updated == 1
    inc1 = row(TRIAL, "inc-1")
    assert "75" in inc1.text
    assert inc1.rule_origin == "automatic-unreviewed"  # a fresh proposal, not the old rejection
    assert inc1.rule != {"confirm": " ".join(old_text.split())}
    assert reviews.review_for(TRIAL, "inc-1", inc1.text) is None
    # the unchanged criterion keeps its decision
    assert row(TRIAL, "inc-2").rule_origin == "curated"
    # and after a refresh too
    database.set_info("bundle_fingerprint", "an-older-bundle")
    database.close()
    open_catalog()
    assert row(TRIAL, "inc-1").rule_origin == "automatic-unreviewed"
    assert row(TRIAL, "inc-2").rule_origin == "curated"


@needs_data
def test_forget_gives_back_the_proposal(data_dir):
    open_catalog()
    import_and_keep([RHEUM5])
    proposed = row(TRIAL, "inc-1").rule
    reviews.save_review(TRIAL, "inc-1", reviews.REJECT)
    assert reviews.forget_review(TRIAL, "inc-1")
    assert (row(TRIAL, "inc-1").rule, row(TRIAL, "inc-1").rule_origin) == (proposed, "automatic-unreviewed")
    assert reviews.reviewed_keys(TRIAL) == {}


def test_decisions_on_bundled_trials_survive_a_refresh(data_dir):
    open_catalog()
    first = Criterion.select().order_by(Criterion.trial, Criterion.position).first()
    reviews.save_review(first.trial_id, first.key, reviews.REJECT)
    database.set_info("bundle_fingerprint", "an-older-bundle")
    database.close()
    open_catalog()
    again = row(first.trial_id, first.key)
    assert again.rule_origin == "confirm-only"
    assert again.rule == {"confirm": " ".join(again.text.split())}
