"""Shape checks for the held-out cases: every file parses, its profile loads, it names every seed
trial with a valid verdict, and the verdict's fields agree with each other.

These tests do not compare with the app's verdicts (that comparison is a separate test); they
keep the cases themselves well-formed so that comparison means something.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

from core.patient.profile import profile_from_dict

CASE_KEYS = {"case_id", "narrative", "profile", "v1_gaps", "expected"}
EXPECT_KEYS = {"verdict", "deciding", "to_confirm", "steps", "eligible_from", "why"}
VERDICTS = {"eligible", "possibly_eligible", "not_eligible"}
# Criterion labels: "inclusion 4", "exclusion 10", the SLE study's groups "inclusion 1-2", and its
# exclusions common to all groups, "exclusion common".
CRITERION = re.compile(r"^(inclusion|exclusion) (\d+(-\d+)?|common)$")
FILE_NAME = re.compile(r"^(\d{2})_[a-z0-9_]+$")
MIN_CASES = 24


def test_enough_cases_numbered_in_sequence(heldout_cases):
    assert len(heldout_cases) >= MIN_CASES
    numbers = [int(FILE_NAME.match(c.path.stem).group(1)) for c in heldout_cases]
    assert numbers == list(range(1, len(heldout_cases) + 1))


def test_case_file_shape(heldout_case):
    raw = json.loads(heldout_case.path.read_text(encoding="utf-8"))
    assert set(raw) == CASE_KEYS
    assert FILE_NAME.match(heldout_case.path.stem)
    assert heldout_case.case_id == heldout_case.path.stem
    assert len(heldout_case.narrative) > 40
    assert all(isinstance(g, str) and g for g in heldout_case.v1_gaps)
    for trial_id, e in raw["expected"].items():
        assert set(e) == EXPECT_KEYS, trial_id


def test_profile_loads_with_a_fixed_assessment_date(heldout_case):
    profile = profile_from_dict(heldout_case.profile)  # strict: impossible values are refused
    assert profile.assessment_date is not None
    # Confirmations are keyed by the app's criterion keys; a blind case must not use them.
    assert "confirmations" not in heldout_case.profile


def test_every_seed_trial_has_an_expectation(heldout_case, heldout_trial_ids):
    assert len(heldout_trial_ids) == 5
    assert set(heldout_case.expected) == heldout_trial_ids


def test_expectation_fields_agree_with_the_verdict(heldout_case):
    assessed = date.fromisoformat(heldout_case.profile["assessment_date"])
    for trial_id, e in heldout_case.expected.items():
        where = f"{heldout_case.case_id} / {trial_id}"
        assert e.verdict in VERDICTS, where
        assert e.why.strip(), where
        for label in e.deciding + e.to_confirm:
            assert CRITERION.match(label), f"{where}: {label!r}"
        assert all(isinstance(s, str) and s.strip() for s in e.steps), where
        if e.verdict == "not_eligible":
            assert e.deciding, f"{where}: a not-eligible verdict names the criteria that decide it"
        else:
            assert not e.deciding, f"{where}: only a not-eligible verdict has deciding criteria"
            assert e.eligible_from is None, f"{where}: eligible_from is for not-eligible verdicts"
        if e.verdict == "possibly_eligible":
            assert e.to_confirm, f"{where}: a possibly-eligible verdict says what is left to confirm"
        if e.verdict == "eligible":
            assert not e.to_confirm, where
        if e.eligible_from is not None:
            assert date.fromisoformat(e.eligible_from) > assessed, where


def test_elapsed_time_dates_match_birthdays(heldout_cases):
    # Where the deciding criterion is an age limit, eligible_from must be a birthday of the patient.
    age_criteria = {"inclusion 1", "inclusion 2", "inclusion 4", "exclusion 1", "exclusion common"}
    checked = 0
    for case in heldout_cases:
        born = case.profile.get("date_of_birth")
        for e in case.expected.values():
            if e.eligible_from and "Aged" in e.why and set(e.deciding) <= age_criteria:
                birthday = date.fromisoformat(born)
                start = date.fromisoformat(e.eligible_from)
                assert (start.month, start.day) == (birthday.month, birthday.day), case.case_id
                checked += 1
    assert checked >= 3


def test_every_trial_is_tested_with_every_verdict(heldout_cases, heldout_trial_ids):
    seen = Counter((trial_id, e.verdict) for c in heldout_cases for trial_id, e in c.expected.items())
    for trial_id in heldout_trial_ids:
        for verdict in VERDICTS:
            assert seen[trial_id, verdict] >= 1, f"{trial_id} has no {verdict} case"


def test_elapsed_time_cases_cover_age_and_duration(heldout_cases):
    # The brief asks for patients who fail on elapsed time only: too young today and too short a
    # disease duration; both kinds must be present.
    dated = [(c.case_id, e) for c in heldout_cases for e in c.expected.values() if e.eligible_from]
    assert any("Aged" in e.why for _, e in dated)
    assert any("diagnosed" in e.why.lower() or "months" in e.why for _, e in dated)
