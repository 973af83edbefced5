"""Start-up: launch to first window shown, from source and frozen, each against an empty
PySide6 window started the same way in the same run; and the size of the frozen bundle.

"First window" is the moment the app's event loop runs with the main window shown: the
app prints it when started with ``--smoke-test`` (ui/app.py) and quits. The frozen
baseline is an empty-window script built with the same PyInstaller in one-folder windowed
mode (cached under build/bench-startup/, rebuilt when PyInstaller, PySide6 or the script
change). Without a display, Qt's offscreen platform is used. Skips the frozen figures
with a message when dist/ has not been built (``./run.sh build``).
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FROZEN_APP = ROOT / "dist" / "TrialEligibility" / "TrialEligibility"
CACHE = ROOT / "build" / "bench-startup"
MARK = "smoke-test: first window shown at"
RUNS = 7

EMPTY_WINDOW = f'''\
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
window.show()


def done():
    print(f"{MARK} {{time.time():.6f}}", flush=True)
    app.quit()


QTimer.singleShot(0, done)
app.exec()
'''


def _env() -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _first_window(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from launch to the first window, and to the process's exit."""
    t0 = time.time()
    result = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=60)
    t_exit = time.time()
    for line in result.stdout.splitlines():
        if line.startswith(MARK):
            return float(line.split()[-1]) - t0, t_exit - t0
    raise RuntimeError(f"{cmd[0]} printed no first-window time (exit {result.returncode}): "
                       f"{result.stdout[-300:]} {result.stderr[-300:]}")


def _median(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    _first_window(cmd, env)  # warm-up: disk cache, and the app's working catalog copy
    runs = [_first_window(cmd, env) for _ in range(RUNS)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def _size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 1e6


def _empty_frozen_app() -> Path | None:
    """The empty-window app built with PyInstaller (cached), or None without PyInstaller."""
    try:
        import PyInstaller
        import PySide6
    except ImportError:
        return None
    key = hashlib.sha1(f"{PyInstaller.__version__} {PySide6.__version__} {EMPTY_WINDOW}".encode()).hexdigest()[:12]
    exe = CACHE / "dist" / "EmptyWindow" / "EmptyWindow"
    stamp = CACHE / f".stamp-{key}"
    if exe.exists() and stamp.exists():
        return exe
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob(".stamp-*"):
        old.unlink()
    script = CACHE / "empty_window.py"
    script.write_text(EMPTY_WINDOW, encoding="utf-8")
    print("  (building the empty-window baseline app with PyInstaller, once)", flush=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--windowed", "--strip",
                    "--log-level", "WARN", "--name", "EmptyWindow", "--distpath", str(CACHE / "dist"),
                    "--workpath", str(CACHE / "work"), "--specpath", str(CACHE), str(script)],
                   check=True, cwd=CACHE, capture_output=True)
    stamp.touch()
    return exe


def run(report) -> None:
    env = _env()
    platform_name = env.get("QT_QPA_PLATFORM") or "display " + env.get("DISPLAY", env.get("WAYLAND_DISPLAY", ""))
    print(f"  (Qt platform: {platform_name}; median of {RUNS} starts after one warm-up)", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as data:
        app_src, app_src_exit = _median([sys.executable, "main.py", "--data-dir", data, "--smoke-test"], env)
        empty_src, empty_src_exit = _median([sys.executable, "-c", EMPTY_WINDOW], env)
        report("from source: launch to first window", app_src * 1000, "ms", "empty PySide6 window",
               empty_src * 1000, note="target < 1000 ms")
        report("from source: launch to exit (--smoke-test)", app_src_exit * 1000, "ms", "empty PySide6 window",
               empty_src_exit * 1000)

        if not FROZEN_APP.exists():
            print(f"  frozen: skipped, {FROZEN_APP.relative_to(ROOT)} is not built (run ./run.sh build)", flush=True)
            return
        empty = _empty_frozen_app()
        app_fz, app_fz_exit = _median([str(FROZEN_APP), "--data-dir", data, "--smoke-test"], env)
        if empty is None:
            print("  frozen baseline: skipped, PyInstaller is not installed (requirements-build.txt)")
            report("frozen: launch to first window", app_fz * 1000, "ms", note="target < 2000 ms")
            report("frozen: bundle size", _size_mb(FROZEN_APP.parent), "MB")
            return
        empty_fz, empty_fz_exit = _median([str(empty)], env)
        report("frozen: launch to first window", app_fz * 1000, "ms", "empty PySide6 window, frozen",
               empty_fz * 1000, note="target < 2000 ms")
        report("frozen: launch to exit (--smoke-test)", app_fz_exit * 1000, "ms", "empty PySide6 window, frozen",
               empty_fz_exit * 1000)
        report("frozen: bundle size", _size_mb(FROZEN_APP.parent), "MB", "empty PySide6 window, frozen",
               _size_mb(empty.parent))
