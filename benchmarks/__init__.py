"""Benchmark suite: ``python -m benchmarks [NAME ...]``.

Each benchmark is a module ``benchmarks/bench_<name>.py`` with a ``run(report)`` function.
``report(name, value, unit, baseline=None, baseline_value=None, note="")`` prints one
line per figure, beside a baseline measured in the same run where there is one, so the
ratio holds on a noisy machine. Benchmarks print figures; they never pass or fail.
"""
