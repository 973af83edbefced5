"""Starting the desktop app: QApplication, the catalog, the main window."""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import core
from core.catalog.database import CatalogError
from core.faults import describe_fault
from core.i18n import N_, Message, _
from core.logging_setup import setup_logging
from resources import paths
from ui import plain

log = logging.getLogger(__name__)

APP_DISPLAY_NAME = N_("Trial Eligibility Assistant")  # translated where shown
DESKTOP_FILE_NAME = "trial-eligibility"  # resources/linux/trial-eligibility.desktop
SMOKE_TEST_MARK = "smoke-test: first window shown at"


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (reused when one exists, e.g. under pytest-qt)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(paths.APP_AUTHOR)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(_(APP_DISPLAY_NAME))
    app.setApplicationVersion(core.__version__)
    app.setDesktopFileName(DESKTOP_FILE_NAME)
    from ui.icon import app_icon
    from ui.language import install_cjk_font, install_qt_translations

    app.setWindowIcon(app_icon())
    install_cjk_font()  # Chinese and Japanese shown even where the system has no CJK font
    install_qt_translations(app)  # Qt's own buttons and dialogs in the app's language
    return app  # type: ignore[return-value]


def run(args: Any = None) -> int:
    """Start the GUI; returns the process exit code.

    ``args`` is main.py's argparse Namespace. Attributes used when present:
    ``data_dir`` (redirect every user file), ``smoke_test`` / ``self_test`` (open the
    window, print the time it was first shown, then quit with 0: a start-up check for
    built apps and the start-up benchmark).
    """
    data_dir = getattr(args, "data_dir", None)
    if data_dir:
        paths.set_data_dir(data_dir)
    smoke = bool(getattr(args, "smoke_test", False) or getattr(args, "self_test", False))
    log_path = setup_logging()
    app = make_application()
    try:
        folder = paths.data_dir()
    except OSError as exc:
        return _cannot_start(_("The data folder cannot be used: {problem}").format(problem=describe_fault(exc)))
    log.info("starting %s %s (%s), data folder %s, log %s", APP_DISPLAY_NAME, core.__version__,
             "frozen" if getattr(sys, "frozen", False) else "source", folder, log_path)
    from ui.errors import install_excepthook

    install_excepthook()

    if not smoke:
        # One running app per data folder: a second copy could overwrite the first one's answers.
        from core.userdata.instance_lock import AlreadyRunning, InstanceLock

        lock = InstanceLock()
        try:
            lock.acquire()
        except AlreadyRunning as exc:
            plain.warning(None, _(APP_DISPLAY_NAME), str(exc))
            return 1
        except OSError as exc:  # the lock file cannot be written: neither can any answer
            return _cannot_start(_(
                "Your data folder {folder} cannot be written to ({problem})\n\n"
                "Patient data could not be saved there, so the app closes now rather than lose answers. "
                "Ask your administrator, or start the app with --data-dir and a folder you can write to.").format(
                folder=folder, problem=describe_fault(exc)))
        app.aboutToQuit.connect(lock.release)
        app._instance_lock = lock  # kept alive as long as the application

    try:
        from core.catalog.bundle import open_catalog

        open_catalog()
    except CatalogError as exc:
        log.error("the catalog cannot be opened: %s", exc)
        plain.critical(None, _(APP_DISPLAY_NAME), _("The trial catalog cannot be opened.\n\n{problem}").format(
            problem=exc))
        return 1
    except Exception as exc:  # a read-only or full folder, a file in the way: a plain message, then exit
        log.exception("opening the catalog failed")
        return _cannot_start(_("The trial catalog cannot be opened, so the app closes now.\n\n{problem}").format(
            problem=describe_fault(exc)))

    from ui.main_window import MainWindow

    window = MainWindow()
    window.show()
    if smoke:
        QTimer.singleShot(0, lambda: _smoke_test_done(app))
    else:
        QTimer.singleShot(0, window, lambda: _first_run(window))
        # Patient data: open the user database, offer to resume an unfinished screening (ui/screening).
        from ui.screening.integration import at_start

        QTimer.singleShot(0, window, lambda: at_start(window))
    code = app.exec()
    log.info("quit with code %s", code)
    return int(code)


def _cannot_start(text: str) -> int:
    """Say plainly why the app cannot run, then exit (never "keep working" and then exit)."""
    log.error("cannot start: %s", text)
    plain.critical(None, _(APP_DISPLAY_NAME), text)
    return 1


def _smoke_test_done(app: QApplication) -> None:
    """The window is shown and the event loop runs: report the moment, then quit."""
    if sys.stdout is not None:
        print(f"{SMOKE_TEST_MARK} {time.time():.6f}", flush=True)
    app.quit()


def _first_run(window: Any) -> None:
    if not window.isVisible():  # closed before the event loop ran
        return
    if QApplication.platformName() in ("offscreen", "minimal"):  # headless: nobody could answer
        return
    from ui.settings_dialog import maybe_prompt_first_run

    maybe_prompt_first_run(window)


# -- self-test (main.py --self-test) --------------------------------------------------------
def self_test_steps() -> list:
    """The GUI's steps for core.selftest: open the main window offscreen and close it."""
    return [(N_("window"), _step_window), (N_("soak"), _step_soak)]


def _step_window(t: Any) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from core.catalog.bundle import open_catalog
    from core.selftest import SelfTestFailure
    from ui.main_window import MainWindow
    from ui.settings_dialog import SettingsDialog

    app = make_application()
    open_catalog()
    settings = QSettings(str(t.work_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings)
    try:
        window.show()
        app.processEvents()
        rows = window.model.rowCount()
        if not window.isVisible() or rows == 0:
            raise SelfTestFailure(Message(N_("the main window did not show the catalog ({rows} rows)"), rows=rows))
        if app.windowIcon().isNull():
            raise SelfTestFailure(Message(N_("the application icon is missing")))
        dialog = SettingsDialog(window)
        dialog.show()
        app.processEvents()
        dialog.close()
        dialog.deleteLater()
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return Message(N_("main window opened with {rows} trials and closed; settings dialog opens ({platform})"),
                   rows=rows, platform=app.platformName())


def _step_soak(t: Any) -> str:
    """A shorter version of the test suite's long session: one screening window driven through
    a few hundred answers, changes and selections (the binding crash appeared after ~60)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from core.catalog.bundle import open_catalog
    from core.patient.profile import load_profile
    from core.selftest import SAMPLE_PATIENT, SelfTestFailure
    from core.userdata import records
    from core.userdata.database import open_user_db
    from core.userdata.models import Answer
    from ui.screening.session import CandidateFilter, ScreeningSession
    from ui.screening.window import QuestionnaireWindow
    from ui.soak import run_soak

    app = make_application()
    open_catalog()
    open_user_db()
    patient = records.create_patient("SELF-TEST-SOAK")
    # The default screening (trials open to referral): the session length, not the catalog's
    # size, is what this step checks.
    session = ScreeningSession.start(patient, CandidateFilter(open_only=True))
    window = QuestionnaireWindow(session)
    try:
        window.show()
        report = run_soak(window, load_profile(paths.resource(*SAMPLE_PATIENT)), steps=300, app=app)
        saved = Answer.select().where(Answer.screening == session.screening_id).count()
        if report.steps < 300 or report.errors:
            raise SelfTestFailure(Message(N_("the long session stopped early: {report}; {error}"),
                                          report=report.line(), error=report.errors[0] if report.errors else ""))
        if saved < report.answers + report.unknowns:
            raise SelfTestFailure(Message(N_("only {saved} of {total} answers were saved"), saved=saved,
                                          total=report.answers + report.unknowns))
        if report.none_refcount_drift < -500:
            raise SelfTestFailure(Message(N_("the Qt binding loses references to None: {report}"),
                                          report=report.line()))
    finally:
        window.close()
        window.deleteLater()
        app.processEvents()
    return report.line()
