"""ui.app.run: start-up with a catalog, and a plain error when the catalog cannot be opened."""

from __future__ import annotations

import argparse

from PySide6.QtWidgets import QApplication, QMessageBox

from core.catalog import bundle, database
from resources import paths
from ui import app as ui_app


def test_run_shows_error_and_returns_1_when_catalog_fails(qapp, monkeypatch):
    shown = []

    def fail():
        raise database.CatalogError("The catalog file is damaged.")

    monkeypatch.setattr(bundle, "open_catalog", fail)
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: shown.append(text))
    assert ui_app.run(argparse.Namespace(command=None, data_dir=None)) == 1
    assert shown and "The catalog file is damaged." in shown[0]
    assert "Traceback" not in shown[0]


def test_run_opens_the_window_and_exits_cleanly(qapp, monkeypatch, catalog, tmp_path):
    opened = []

    def fake_open():
        database.connect(catalog)
        opened.append(catalog)
        return catalog

    monkeypatch.setattr(bundle, "open_catalog", fake_open)
    # A real app.exec() + quit() here would leave Qt's "quit now" flag set and stall
    # the timers of later tests, so the event loop is stood in for.
    shown = []
    monkeypatch.setattr(QApplication, "exec", lambda self: shown.extend(
        w for w in QApplication.topLevelWidgets() if w.isVisible() and w.objectName() == "mainWindow") or 0)
    data = tmp_path / "data"
    code = ui_app.run(argparse.Namespace(command=None, data_dir=str(data)))
    assert code == 0
    assert len(shown) == 1 and shown[0].model.rowCount() == 4
    assert opened == [catalog]
    app = QApplication.instance()
    assert app.applicationVersion()
    assert not app.windowIcon().isNull()
    assert paths.data_dir() == data.resolve()
    # The window saved its settings in the chosen data folder when the app quit.
    for w in QApplication.topLevelWidgets():
        w.close()
    assert (data / "settings.ini").exists()
