"""benchmarks/bench_extraction.py: the figures' arithmetic."""

from __future__ import annotations


def test_wilson_interval_matches_the_published_formula():
    from benchmarks.bench_extraction import wilson

    lo, hi = wilson(66, 84)  # the figure quoted in the closing notes: 68.7-86.0
    assert (round(lo, 1), round(hi, 1)) == (68.7, 86.0)
    assert wilson(0, 0) == (0.0, 0.0)
    lo, hi = wilson(10, 10)
    assert round(hi, 6) == 100.0 and 65 < lo < 75  # 10 of 10: 72.2-100
