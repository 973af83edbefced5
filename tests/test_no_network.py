"""The app opens no network connection: real commands run with sockets made to fail."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# sitecustomize runs before the app in the child: any non-local socket is refused loudly.
GUARD = textwrap.dedent("""
    import socket, sys
    _real = socket.socket
    class GuardedSocket(_real):
        def __init__(self, family=-1, *args, **kwargs):
            if family in (socket.AF_INET, socket.AF_INET6, -1):
                sys.stderr.write("NETWORK SOCKET CREATED\\n")
                raise RuntimeError("network socket created")
            super().__init__(family, *args, **kwargs)
    socket.socket = GuardedSocket
    def _refuse(*a, **k):
        sys.stderr.write("NETWORK SOCKET CREATED\\n")
        raise RuntimeError("network connection attempted")
    socket.create_connection = _refuse
    socket.getaddrinfo = _refuse
""")


@pytest.fixture(scope="module")
def guarded_env(tmp_path_factory):
    site = tmp_path_factory.mktemp("guard")
    (site / "sitecustomize.py").write_text(GUARD)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(ROOT)]), QT_QPA_PLATFORM="offscreen")
    return env


def run(args, env, data_dir):
    return subprocess.run([sys.executable, "main.py", "--data-dir", str(data_dir), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def test_guard_itself_catches_sockets(guarded_env):
    out = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('127.0.0.1', 9))"],
                         env=guarded_env, capture_output=True, text=True)
    assert "NETWORK SOCKET CREATED" in out.stderr


def test_catalog_screen_and_letter_make_no_network_connection(guarded_env, tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"format_version": 1, "assessment_date": "2026-11-01",
                                   "date_of_birth": "1970-01-01", "sex": "female"}))
    for args in (["catalog", "list"], ["catalog", "search", "arthritis"], ["catalog", "show", "UMIN000042298"],
                 ["screen", str(profile), "--letter", str(tmp_path / "l.pdf")]):
        out = run(args, guarded_env, tmp_path / "data")
        assert "NETWORK SOCKET CREATED" not in out.stderr, args
        assert out.returncode == 0, (args, out.stderr)
    assert (tmp_path / "l.pdf").stat().st_size > 1000


def test_desktop_app_self_test_makes_no_network_connection(guarded_env, tmp_path):
    # --self-test opens the catalog, screens, renders a letter and opens the main window (offscreen).
    out = run(["--self-test"], guarded_env, tmp_path / "data")
    assert "NETWORK SOCKET CREATED" not in out.stderr
    assert out.returncode == 0, out.stdout + out.stderr
