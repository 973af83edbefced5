"""Run the benchmark suite, or the named parts of it."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def available() -> list[str]:
    return sorted(m.name[len("bench_"):] for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                  if m.name.startswith("bench_"))


def report(name: str, value: float, unit: str, baseline: str | None = None,
           baseline_value: float | None = None, note: str = "") -> None:
    """One figure per line: value, and the same-run baseline with the ratio when given."""
    line = f"  {name:<48} {value:>12.3f} {unit:<6}"
    if baseline is not None and baseline_value is not None:
        ratio = value / baseline_value if baseline_value else float("inf")
        line += f"  | {baseline}: {baseline_value:.3f} {unit}  (x{ratio:.2f})"
    if note:
        line += f"  {note}"
    print(line, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help=f"which benchmarks (default: all of {', '.join(available())})")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        parser.error(f"unknown benchmark(s) {', '.join(unknown)}; available: {', '.join(available())}")
    print(f"machine: {platform.machine()}, {platform.system()} {platform.release()}, "
          f"Python {platform.python_version()}, {__import__('os').cpu_count()} cores")
    for name in names:
        print(f"[{name}]", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.bench_{name}").run(report)
        print(f"  ({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
