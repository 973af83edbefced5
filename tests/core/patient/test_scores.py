"""Clinical calculators against hand-worked values and their thresholds."""

from __future__ import annotations

import itertools
import math

import pytest

from core.patient import scores
from core.patient.values import Range


def test_das28_esr_matches_the_published_formula():
    # 0.56·√4 + 0.28·√2 + 0.70·ln 20 + 0.014·50 = 1.12 + 0.3960 + 2.0970 + 0.70 = 4.313
    assert scores.das28_esr(4, 2, 20, 50) == pytest.approx(4.313, abs=0.001)
    # √0 terms vanish; ln 1 = 0: only the global assessment is left
    assert scores.das28_esr(0, 0, 1, 100) == pytest.approx(1.4)


def test_das28_esr_rises_with_each_input():
    base = scores.das28_esr(4, 2, 20, 50)
    assert scores.das28_esr(5, 2, 20, 50) > base
    assert scores.das28_esr(4, 3, 20, 50) > base
    assert scores.das28_esr(4, 2, 21, 50) > base
    assert scores.das28_esr(4, 2, 20, 51) > base


def test_das28_crp_matches_the_published_formula():
    # 0.56·√9 + 0.28·√4 + 0.36·ln(10+1) + 0.014·40 + 0.96 = 1.68 + 0.56 + 0.8632 + 0.56 + 0.96 = 4.6232
    assert scores.das28_crp(9, 4, 10, 40) == pytest.approx(4.6232, abs=0.001)


def test_cdai_sums_counts_and_globals_in_centimetres():
    assert scores.cdai(6, 4, 50, 40) == pytest.approx(6 + 4 + 5.0 + 4.0)


@pytest.mark.parametrize("missing", range(4))
def test_calculators_need_every_input(missing):
    args = [4, 2, 20, 50]
    args[missing] = None
    assert scores.das28_esr(*args) is None
    assert scores.das28_crp(*args) is None
    assert scores.cdai(*args) is None


def test_acr_eular_2010_score_and_threshold():
    full = {"joints": "4_10_small", "serology": "low_positive", "acute_phase": "normal",
            "symptom_duration": "6_weeks_or_more"}
    assert scores.acr_eular_2010_score(full) == 3 + 2 + 0 + 1
    assert scores.acr_eular_2010_classifies(6) is True
    assert scores.acr_eular_2010_classifies(5) is False
    five = dict(full, serology="negative", acute_phase="abnormal", joints="4_10_small")
    assert scores.acr_eular_2010_score(five) == 5
    assert scores.acr_eular_2010_classifies(scores.acr_eular_2010_score(five)) is False


def test_acr_eular_2010_partial_items_give_a_range():
    partial = {"joints": "1_3_small"}
    score = scores.acr_eular_2010_score(partial)
    assert score == Range(2, 2 + 3 + 1 + 1)
    assert scores.acr_eular_2010_classifies(score) is None
    decided = {"joints": "over_10_including_small", "serology": "high_positive"}
    assert scores.acr_eular_2010_classifies(scores.acr_eular_2010_score(decided)) is True
    hopeless = {"joints": "1_large", "serology": "negative", "acute_phase": "normal"}
    assert scores.acr_eular_2010_classifies(scores.acr_eular_2010_score(hopeless)) is False
    assert scores.acr_eular_2010_score({}) is None


def test_dtt_treatment_failure_components():
    f = scores.dtt_ra_treatment_failure
    assert f(2, 1, None) is True
    assert f(1, 1, None) is False  # one mechanism is not enough
    assert f(2, 0, True) is True  # csDMARDs contraindicated
    assert f(2, 0, False) is False
    assert f(2, 0, None) is None
    assert f(Range(1, math.inf), 1, None) is None  # "at least one" mechanism: undecided
    assert f(Range(2, math.inf), 1, None) is True
    assert f(None, 1, None) is None


def test_dtt_active_disease_thresholds_are_strict():
    a = scores.dtt_ra_active_disease
    assert a(3.2, 10, False, False) is False  # exactly at the thresholds is not above
    assert a(3.21, None, None, None) is True
    assert a(None, 10.1, None, None) is True
    assert a(None, None, True, None) is True
    assert a(3.0, 9, False, None) is None
    assert a(3.0, 9, False, False) is False


@pytest.mark.parametrize(("failure", "active", "problematic"),
                         list(itertools.product([True, False, None], repeat=3)))
def test_dtt_needs_all_three_criteria(failure, active, problematic):
    result = scores.dtt_ra(failure, active, problematic)
    values = [failure, active, problematic]
    if False in values:
        assert result is False
    elif None in values:
        assert result is None
    else:
        assert result is True
