"""Issue 12, row 10: two imports at once — every file of the second failed with "database
is locked".

Now the second waits for the first (the data folder's import lock) and says so, for two
command-line processes and for the app beside the command line; after its wait runs out
it says plainly that another import is running, and changes nothing.
"""

from __future__ import annotations

import subprocess
import time

import pytest

from core.catalog.import_lock import ImportLock
from tests.reliability.imports_support import RHEUM, ROOT, catalog_ids, main_cmd, run_main, unbundled_copy

pytestmark = pytest.mark.skipif(not RHEUM.is_dir(), reason="shared data not available")


def folders(tmp_path, n: int = 2, per: int = 15) -> list:
    files = sorted(RHEUM.glob("*.xml"))
    out = []
    for i in range(n):
        folder = tmp_path / f"batch{i}"
        folder.mkdir()
        for f in files[i * per:(i + 1) * per]:
            unbundled_copy(f, folder)
        out.append(folder)
    return out


def ids_in(folder) -> set[str]:
    return {f.stem for f in folder.glob("*.xml")}


def start(data, *args) -> subprocess.Popen:
    return subprocess.Popen(main_cmd(data, *args), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_for_line(path, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and text in path.read_text(errors="replace"):
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared in {path}")


def test_row_10_two_command_line_imports_run_one_after_the_other(tmp_path):
    data = tmp_path / "data"
    a, b = folders(tmp_path)
    run_main(data, "catalog", "list")  # the working catalog exists
    holder = ImportLock(data / "import.lock", who="the test")
    assert holder.try_acquire()  # both start while an import is running, so they really overlap
    first = start(data, "catalog", "import", str(a))
    second = start(data, "catalog", "import", str(b))
    time.sleep(2.0)
    holder.release()
    out1, err1 = first.communicate(timeout=300)
    out2, err2 = second.communicate(timeout=300)
    assert (first.returncode, second.returncode) == (0, 0), out1 + err1 + out2 + err2
    for out, err in ((out1, err1), (out2, err2)):
        assert "15 records from 15 files: 15 new" in out
        assert "Another import into this data folder is running (the test, process" in err
        assert "locked" not in out + err
    assert ids_in(a) | ids_in(b) <= catalog_ids(data)


def test_row_10_a_second_import_says_plainly_when_the_wait_runs_out(tmp_path):
    data = tmp_path / "data"
    (a,) = folders(tmp_path, 1, 3)
    run_main(data, "catalog", "list")
    before = catalog_ids(data)
    holder = ImportLock(data / "import.lock", who="the app")
    assert holder.try_acquire()
    try:
        proc = run_main(data, "catalog", "import", "--wait", "1", str(a))
    finally:
        holder.release()
    assert proc.returncode == 2
    assert "Another import into this data folder is still running (the app, process" in proc.stderr
    assert "Try again when it has finished." in proc.stderr and "locked" not in proc.stderr
    assert catalog_ids(data) == before
    assert not list((data / "imports").glob("*"))


def test_row_10_the_app_and_the_command_line_import_at_once(tmp_path, qtbot):
    from core.catalog import database
    from core.catalog.bundle import open_catalog
    from resources import paths
    from ui.main_window import MainWindow

    data = tmp_path / "data"
    gui_folder, cli_folder = folders(tmp_path, 2, 20)
    paths.set_data_dir(data)
    try:
        open_catalog()
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        log = tmp_path / "cli.err"
        waits: list[str] = []
        window.importer.started.connect(lambda worker: worker.waiting.connect(waits.append))
        holder = ImportLock(who="the test")
        assert holder.try_acquire()  # both start while an import is running, so they really overlap
        with log.open("w") as err:
            cli = subprocess.Popen(main_cmd(data, "catalog", "import", str(cli_folder)), cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=err, text=True)
            window.importer.start_import([gui_folder])
            wait_for_line(log, "Another import into this data folder is running (the test, process")
            qtbot.waitUntil(lambda: bool(waits), timeout=30_000)
            holder.release()
            out, _ = cli.communicate(timeout=300)
            qtbot.waitUntil(lambda: window.importer.worker is None, timeout=120_000)
        assert cli.returncode == 0, out + log.read_text()
        assert "20 records from 20 files: 20 new" in out
        summary = window.importer.last_summary
        assert summary is not None and (summary.new, summary.failed) == (20, 0), summary.failures
        assert "locked" not in out + log.read_text()
        assert ids_in(gui_folder) | ids_in(cli_folder) <= catalog_ids(data)
        window.close()
    finally:
        database.close()
        paths.set_data_dir(None)


def test_row_10_a_second_import_in_the_app_is_told_one_is_running(tmp_path, qtbot):
    from PySide6.QtCore import QUrl

    from core.catalog import database
    from core.catalog.bundle import open_catalog
    from resources import paths
    from ui.main_window import MainWindow

    data = tmp_path / "data"
    first, second = folders(tmp_path, 2, 10)
    paths.set_data_dir(data)
    try:
        open_catalog()
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        holder = ImportLock(who="the test")
        assert holder.try_acquire()  # keeps the first import running while the second is asked for
        try:
            assert window.importer.start_import([first]) is not None
            assert window.importer.handle_drop([QUrl.fromLocalFile(str(second))]) is None
            assert window.statusBar().currentMessage() == ("An import is running: wait for it to finish "
                                                            "or cancel it.")
        finally:
            holder.release()
        qtbot.waitUntil(lambda: window.importer.worker is None, timeout=120_000)
        summary = window.importer.last_summary
        assert (summary.new, summary.failed) == (10, 0)
        assert ids_in(first) <= catalog_ids(data) and not ids_in(second) & catalog_ids(data)
        window.close()
    finally:
        database.close()
        paths.set_data_dir(None)
