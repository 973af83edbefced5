"""Shared by the import rows of the reliability suite: run ``main.py`` as a separate
process (as a user or a second app would) and read what it left in the data folder."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
RHEUM = DATA / "ctgov-classic-xml" / "rheumatology"
ARCHIVE = DATA / "ctgov-classic-xml" / "all-6036-studies-2023.tar.xz"

# Runs main.py and reports the process's peak memory on stderr ("maxrss_kb=N") as it exits.
_MEASURED = """
import os, resource, runpy, sys
sys.path.insert(0, os.getcwd())
sys.argv = ["main.py", *sys.argv[1:]]
code = 0
try:
    runpy.run_path("main.py", run_name="__main__")
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else 1
sys.stdout.flush()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # survives exec: can include the parent's
try:  # the peak of this program's own memory (reset by exec)
    with open("/proc/self/status") as fh:
        peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    pass
print(f"maxrss_kb={peak}", file=sys.stderr)
sys.exit(code)
"""


def main_cmd(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "main.py", "--data-dir", str(data_dir), *args]


def run_main(data_dir: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(main_cmd(data_dir, *args), cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def run_measured(data_dir: Path, *args: str, timeout: float = 300) -> tuple[subprocess.CompletedProcess, float]:
    """Run main.py; (the result, its peak resident memory in MB)."""
    proc = subprocess.run([sys.executable, "-c", _MEASURED, "--data-dir", str(data_dir), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)
    match = re.search(r"maxrss_kb=(\d+)", proc.stderr)
    assert match, proc.stderr
    return proc, int(match.group(1)) / 1024


def catalog_ids(data_dir: Path) -> set[str]:
    """Trial ids in the working catalog, read without the app (so nothing is reconciled)."""
    con = sqlite3.connect(f"file:{data_dir / 'catalog' / 'catalog.sqlite'}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT trial_id FROM trial")}
    finally:
        con.close()


def bundled_ids() -> set[str]:
    from resources import paths

    con = sqlite3.connect(f"file:{paths.bundled_catalog()}?mode=ro", uri=True)
    try:
        return {row[0] for row in con.execute("SELECT trial_id FROM trial")}
    finally:
        con.close()


def kept_ids(data_dir: Path) -> dict[str, set[str]]:
    """Kept file name -> the trial ids it holds (every kept file must parse)."""
    from core.catalog.overlay import read_kept
    from core.importers.registry import parse_bytes

    out = {}
    for path in sorted((data_dir / "imports").glob("*.gz")):
        out[path.name] = {r.trial_id for r in parse_bytes(read_kept(path), path.name)}
    return out


def force_rebuild(data_dir: Path) -> None:
    """Make the next start rebuild the working catalog from the bundle (a new app version)."""
    con = sqlite3.connect(data_dir / "catalog" / "catalog.sqlite")
    try:
        con.execute("UPDATE cataloginfo SET value = 'an-older-bundle' WHERE key = 'bundle_fingerprint'")
        con.commit()
    finally:
        con.close()


def unbundled(data: bytes) -> bytes:
    """A real record made new to the catalog: its NCT ids moved from NCT0… to NCT9…. The
    bundled catalog now holds every rheumatology record of ../shared/data, so a test that
    needs an import to add trials imports copies the bundle cannot already hold."""
    return data.replace(b"NCT0", b"NCT9")


def unbundled_copy(src: Path, folder: Path) -> Path:
    target = folder / src.name.replace("NCT0", "NCT9")
    target.write_bytes(unbundled(src.read_bytes()))
    return target
