"""Starting the desktop app: QApplication, the catalog, the main window."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import core
from core.catalog.database import CatalogError
from resources import paths

log = logging.getLogger(__name__)

APP_DISPLAY_NAME = "Trial Eligibility Assistant"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, e.g. under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(core.__version__)
    from ui.icon import app_icon

    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def run(args: Any = None) -> int:
    """Start the GUI; returns the process exit code.

    ``args`` is main.py's argparse Namespace. Attributes used when present:
    ``data_dir`` (redirect every user file), ``smoke_test`` / ``self_test`` (open the
    window, then quit at once with 0: a start-up check for built apps).
    """
    data_dir = getattr(args, "data_dir", None)
    if data_dir:
        paths.set_data_dir(data_dir)
    app = make_application()

    try:
        from core.catalog.bundle import open_catalog

        open_catalog()
    except CatalogError as exc:
        QMessageBox.critical(None, APP_DISPLAY_NAME, f"The trial catalog cannot be opened.\n\n{exc}")
        return 1
    except Exception as exc:  # anything else: still a plain message, never a traceback window
        log.exception("opening the catalog failed")
        QMessageBox.critical(
            None, APP_DISPLAY_NAME,
            f"The trial catalog cannot be opened because of an unexpected error:\n\n{exc}",
        )
        return 1

    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if getattr(args, "smoke_test", False) or getattr(args, "self_test", False):
        QTimer.singleShot(0, app.quit)
    code = app.exec()
    return int(code)
