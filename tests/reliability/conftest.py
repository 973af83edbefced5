"""Real faults for the reliability suite: a small tmpfs (a full disk) and a read-only bind
mount, when this machine allows mounting (root with CAP_SYS_ADMIN); each test says in its
docstring what it falls back to otherwise. Mounts are always undone in teardown."""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
MOUNT_TIMEOUT = 30


def _quiet(cmd: list[str]) -> bool:
    try:
        return subprocess.run(cmd, capture_output=True, timeout=MOUNT_TIMEOUT).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


@functools.cache
def can_mount() -> bool:
    """True when a tmpfs can really be mounted here (tried once, in a throwaway folder)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = Path(f"/tmp/reliability-mount-probe-{os.getpid()}")
    probe.mkdir(exist_ok=True)
    try:
        if not _quiet(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)]):
            return False
        return _quiet(["umount", str(probe)])
    finally:
        with contextlib.suppress(OSError):
            probe.rmdir()


@contextlib.contextmanager
def small_disk(path: Path, size_kib: int) -> Iterator[Path]:
    """``path`` as a tmpfs of ``size_kib`` KiB (caller checked ``can_mount``)."""
    path.mkdir(parents=True, exist_ok=True)
    assert _quiet(["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(path)])
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=MOUNT_TIMEOUT)


@contextlib.contextmanager
def read_only_mount(path: Path) -> Iterator[Path]:
    """``path`` bind-mounted onto itself read-only (caller checked ``can_mount``)."""
    assert _quiet(["mount", "--bind", str(path), str(path)])
    try:
        assert _quiet(["mount", "-o", "remount,bind,ro", str(path)])
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True, timeout=MOUNT_TIMEOUT)


def fill_disk(folder: Path) -> Path:
    """Write a filler file until the file system says it is full; returns it (delete to free)."""
    filler = folder / "filler.bin"
    with open(filler, "wb", buffering=0) as fh:
        for chunk in (1 << 16, 1 << 12, 1 << 9, 1):
            block = b"\0" * chunk
            while True:
                try:
                    fh.write(block)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    return filler


def run_cli(data_dir: Path | str | bytes, *args: str | bytes, drop_privileges: bool = False,
            timeout: float = 180) -> subprocess.CompletedProcess:
    """``main.py --data-dir DIR ARGS`` as a user runs it; ``drop_privileges`` runs it as root
    without capabilities (file permissions then apply to it)."""
    cmd: list[str | bytes] = [PYTHON, "main.py", "--data-dir", data_dir, *args]
    if drop_privileges:
        cmd = ["setpriv", "--inh-caps=-all", "--bounding-set=-all", *cmd]
    env = dict(os.environ, PYTHONPATH=str(ROOT), LC_ALL="C.UTF-8")
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, timeout=timeout, env=env)


def out_text(result: subprocess.CompletedProcess) -> tuple[str, str]:
    return (result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace"))


def assert_plain_failure(result: subprocess.CompletedProcess, *words: str) -> str:
    """A non-zero exit with a plain ``error:`` message containing ``words`` and no traceback."""
    _, err = out_text(result)
    assert result.returncode != 0, err
    assert "Traceback" not in err, err
    assert "error:" in err or "damaged:" in err or "nothing to check" in err, err
    for word in words:
        assert word.casefold() in err.casefold(), err
    return err


def sample_profile() -> dict:
    return json.loads((ROOT / "resources" / "samples" / "sample-patient.json").read_text(encoding="utf-8"))


def seed_data_folder(data_dir: Path, references: tuple[str, ...] = ("P-1",)) -> None:
    """A data folder as a user's: working catalog, log, a patient database with patients."""
    code = (f"import sys; sys.path.insert(0, {str(ROOT)!r});"
            f"from resources import paths; paths.set_data_dir({str(data_dir)!r});"
            "from core.catalog.bundle import open_catalog; open_catalog();"
            "from core.logging_setup import setup_logging; setup_logging();"
            "from core.userdata.database import open_user_db, close_user_db; from core.userdata import records;"
            f"open_user_db(); [records.create_patient(r) for r in {list(references)!r}]; close_user_db()")
    subprocess.run([PYTHON, "-c", code], check=True, timeout=120, cwd=ROOT)


@pytest.fixture()
def data_dir(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder
