"""One import at a time per data folder (core/catalog/import_lock.py)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from core.catalog.import_lock import ImportBusy, ImportLock
from resources import paths

HOLD = """
import sys, time
from pathlib import Path
from core.catalog.import_lock import ImportLock
lock = ImportLock(Path(sys.argv[1]), who="the test holder")
assert lock.try_acquire()
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_in_process(path, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(path), str(seconds)], stdout=subprocess.PIPE,
                            text=True, cwd=str(paths.resources_dir().parent))
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_a_second_import_waits_then_gets_the_lock(tmp_path):
    path = tmp_path / "import.lock"
    holder = hold_in_process(path, 1.0)
    told = []
    lock = ImportLock(path)
    t0 = time.monotonic()
    try:
        assert lock.acquire(timeout=20, waiting=told.append)
        assert time.monotonic() - t0 > 0.3  # it really waited
        assert told and "the test holder, process" in told[0]
    finally:
        lock.release()
        holder.wait()


def test_a_second_import_is_told_plainly_after_the_timeout(tmp_path):
    path = tmp_path / "import.lock"
    holder = hold_in_process(path, 30)
    try:
        with pytest.raises(ImportBusy, match="Another import into this data folder is still running "
                                              r"\(the test holder, process \d+"):
            ImportLock(path).acquire(timeout=0.5)
        cancel = threading.Event()
        threading.Timer(0.3, cancel.set).start()
        assert ImportLock(path).acquire(timeout=20, cancelled=cancel.is_set) is False
    finally:
        holder.kill()
        holder.wait()
    # The holder was killed: the OS dropped its lock, nothing stale is left.
    lock = ImportLock(path)
    assert lock.try_acquire()
    lock.release()


def test_two_threads_of_one_process_exclude_each_other(tmp_path):
    first, second = ImportLock(tmp_path / "l"), ImportLock(tmp_path / "l")
    assert first.try_acquire()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire()
    second.release()
    assert (tmp_path / "l").stat().st_mode & 0o777 == 0o600
