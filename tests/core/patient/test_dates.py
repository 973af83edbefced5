"""Calendar durations at their boundaries."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from core.patient.dates import (
    add_months,
    completed_months,
    completed_years,
    intersect_intervals,
    merge_intervals,
    months_between,
    years_between,
)


def test_completed_months_turns_on_the_monthly_anniversary():
    start = date(2024, 1, 15)
    assert completed_months(start, date(2024, 4, 14)) == 2
    assert completed_months(start, date(2024, 4, 15)) == 3


def test_month_end_clamping():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert completed_months(date(2024, 1, 31), date(2024, 2, 29)) == 1
    assert completed_months(date(2024, 1, 31), date(2024, 2, 28)) == 0


def test_leap_day_birthday():
    born = date(2004, 2, 29)
    assert completed_years(born, date(2022, 2, 27)) == 17
    assert completed_years(born, date(2022, 2, 28)) == 18


def test_years_between_is_exact_on_anniversaries():
    assert years_between(date(2021, 1, 1), date(2022, 1, 1)) == 1.0
    assert years_between(date(2020, 1, 1), date(2021, 1, 1)) == 1.0  # leap year too
    assert years_between(date(2021, 1, 1), date(2021, 12, 31)) < 1.0
    assert months_between(date(2024, 1, 15), date(2024, 4, 15)) == 3.0


def test_merge_overlapping_and_touching():
    a, b, c = date(2020, 1, 1), date(2020, 6, 1), date(2021, 1, 1)
    assert merge_intervals([(b, c), (a, b)]) == [(a, c)]
    assert merge_intervals([(a, c), (b, b + timedelta(days=10))]) == [(a, c)]
    gap = [(a, b), (b + timedelta(days=1), c)]
    assert merge_intervals(gap) == gap


def test_intersection():
    first = [(date(2020, 1, 1), date(2020, 12, 31))]
    second = [(date(2020, 6, 1), date(2021, 6, 1))]
    assert intersect_intervals(first, second) == [(date(2020, 6, 1), date(2020, 12, 31))]
    assert intersect_intervals(first, [(date(2021, 1, 1), date(2021, 2, 1))]) == []


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)), st.integers(0, 2000))
def test_completed_months_inverse_of_add_months(start, months):
    end = add_months(start, months)
    assert completed_months(start, end) >= months
    assert completed_months(start, end - timedelta(days=1)) <= months
