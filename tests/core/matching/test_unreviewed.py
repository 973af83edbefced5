"""A "not eligible" that rests on an automatic reading nobody reviewed says so (issue 16's risk:
unreviewed automatic rules decide verdicts at the extractor's measured precision)."""

from __future__ import annotations

from core.matching.verdict import NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, describe_verdict, evaluate_trial

PREGNANT = {"fact": "pregnant", "op": "=", "value": True}
ADULT = {"fact": "age_years", "op": ">=", "value": 18}


def crit(key, kind, rule=None, parent=None, origin=None):
    return {"key": key, "parent_key": parent, "kind": kind, "label": key.split("-")[1], "text": f"criterion {key}",
            "rule": rule, "rule_origin": origin}


def test_an_exclusion_read_automatically_is_named_as_unreviewed():
    trial = [crit("inc-1", "inclusion", ADULT, origin="curated"),
             crit("exc-1", "exclusion", PREGNANT, origin="automatic-unreviewed")]
    v = evaluate_trial("T", trial, {"age_years": 40, "pregnant": True})
    assert v.verdict == NOT_ELIGIBLE and v.deciding == ["exc-1"]
    assert v.unreviewed == ["exc-1"]
    assert v.to_dict()["unreviewed"] == ["exc-1"]
    assert "not yet reviewed" in describe_verdict(v)


def test_reviewed_and_curated_rules_are_not_marked():
    for origin in ("curated", "automatic-accepted", None):
        trial = [crit("inc-1", "inclusion", ADULT, origin=origin), crit("exc-1", "exclusion", PREGNANT, origin=origin)]
        v = evaluate_trial("T", trial, {"age_years": 15, "pregnant": True})
        assert v.verdict == NOT_ELIGIBLE and v.deciding == ["inc-1", "exc-1"]
        assert v.unreviewed == []
        assert "not yet reviewed" not in describe_verdict(v)


def test_only_the_deciding_criteria_that_rest_on_automatic_rules_are_named():
    trial = [crit("inc-1", "inclusion", ADULT, origin="curated"),
             crit("exc-1", "exclusion", PREGNANT, origin="automatic-unreviewed")]
    v = evaluate_trial("T", trial, {"age_years": 15, "pregnant": True})
    assert v.deciding == ["inc-1", "exc-1"] and v.unreviewed == ["exc-1"]


def test_a_parent_decided_by_automatic_sub_items_is_marked():
    trial = [crit("exc-1", "exclusion"),
             crit("exc-1.1", "exclusion", PREGNANT, parent="exc-1", origin="automatic-unreviewed")]
    v = evaluate_trial("T", trial, {"pregnant": True})
    assert v.verdict == NOT_ELIGIBLE and v.unreviewed == ["exc-1"]


def test_no_mark_when_the_trial_is_not_ruled_out():
    trial = [crit("exc-1", "exclusion", PREGNANT, origin="automatic-unreviewed")]
    v = evaluate_trial("T", trial, {})
    assert v.verdict == POSSIBLY_ELIGIBLE and v.unreviewed == []


def test_screening_from_the_catalog_carries_the_origin(tmp_path):
    """The catalog path (load_criteria) hands each rule's origin to the verdict."""
    from datetime import date

    from core.catalog import database
    from core.catalog.bundle import build_seed_catalog
    from core.catalog.models import Criterion
    from core.matching.screening import run_screening
    from core.patient.profile import profile_from_dict

    database.connect(build_seed_catalog(tmp_path / "c.sqlite"))
    try:
        profile = profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01",
                                     "date_of_birth": "1960-01-01", "sex": "female",
                                     "findings": {"pregnant": True}})
        before = {r.trial_id: r.verdict for r in run_screening(profile, today=date(2026, 11, 1)).results}
        ruled_out = {t: v for t, v in before.items() if v.verdict == NOT_ELIGIBLE}
        assert ruled_out and all(v.unreviewed == [] for v in ruled_out.values())  # seeds are curated
        trial_id, verdict = next(iter(ruled_out.items()))
        Criterion.update(rule_origin="automatic-unreviewed").where(
            (Criterion.trial == trial_id) & Criterion.key.in_(verdict.deciding)).execute()
        after = {r.trial_id: r.verdict for r in run_screening(profile, today=date(2026, 11, 1)).results}
        assert after[trial_id].unreviewed == verdict.deciding
    finally:
        database.close()
