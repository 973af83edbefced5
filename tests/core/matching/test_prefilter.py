"""The SQL prefilter only leaves out trials the patient's known facts rule out by the
record's own fields, and never narrows on what is unknown."""

from __future__ import annotations

from datetime import date

import pytest

from core.catalog import database
from core.catalog.bundle import build_seed_catalog
from core.matching.screening import run_screening
from core.patient.profile import profile_from_dict

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    database.connect(build_seed_catalog(tmp_path_factory.mktemp("pf") / "c.sqlite"))
    yield
    database.close()


def screened(data, **kw):
    run = run_screening(profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01", **data}),
                        today=TODAY, prefilter=True, **kw)
    return run, sorted(r.trial_id for r in run.results)


def test_unknown_facts_narrow_nothing(catalog):
    run, ids = screened({})
    assert len(ids) == 5 and run.left_out == 0


def test_age_and_conditions_narrow(catalog):
    run, ids = screened({"date_of_birth": "1970-01-01", "diagnoses": [{"code": "rheumatoid_arthritis"}]})
    # an adult with RA: the two RA trials; not the juvenile Sjogren, DM or SLE trials
    assert ids == ["LOCAL-5DC21DAC9E", "LOCAL-EB61F3F300"] and run.left_out == 3


def test_child_is_kept_for_the_juvenile_trial(catalog):
    run, ids = screened({"date_of_birth": "2016-01-01", "diagnoses": [{"code": "sjogren"}]})
    assert ids == ["LOCAL-C4F6E322F6"]


def test_prefilter_agrees_with_full_evaluation_for_those_it_keeps(catalog):
    data = {"date_of_birth": "1970-01-01", "sex": "female", "diagnoses": [{"code": "dermatomyositis"}]}
    _, kept = screened(data)
    full = run_screening(profile_from_dict({"format_version": 1, "assessment_date": "2026-11-01", **data}),
                         today=TODAY)
    verdicts = {r.trial_id: r.verdict.verdict for r in full.results}
    assert kept == ["LOCAL-4D015546CB"] and verdicts["LOCAL-4D015546CB"] != "not_eligible"


def test_screening_reads_vocabulary_facts(tmp_path):
    """A catalog trial whose rules name vocabulary concepts is screened from the profile."""
    from datetime import date as _date

    from core.catalog import database as _db
    from core.matching.screening import screen_profile
    from core.patient.profile import profile_from_dict as _pfd
    from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, TrialRecord

    record = TrialRecord(title="Lupus trial", registry_ids=["NCT07777777"], conditions=["SLE"], status="RECRUITING",
                         criteria=[CriterionNode(INCLUSION, "Systemic lupus erythematosus", label="1"),
                                   CriterionNode(EXCLUSION, "Any malignancy", label="1")])
    path = tmp_path / "c.sqlite"
    _db.build_catalog(path, [record], fingerprint="vocab")
    _db.connect(path)
    try:
        from core.catalog.models import Criterion

        Criterion.update(rule={"fact": "condition:lupus", "op": "=", "value": True}).where(
            Criterion.key == "inc-1").execute()
        Criterion.update(rule={"fact": "condition:malignancy", "op": "=", "value": True}).where(
            Criterion.key == "exc-1").execute()
        profile = _pfd({"format_version": 2,
                        "diagnoses": [{"code": "sle"}, {"code": "malignancy", "status": "absent"}]})
        [result] = screen_profile(profile, trial_ids=["NCT07777777"], today=_date(2026, 11, 30))
        assert result.verdict.verdict == "eligible"
    finally:
        _db.close()
