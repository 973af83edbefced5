"""The log file and the uncaught-exception handler of the desktop app."""

from __future__ import annotations

import logging
import sys
import threading

import pytest
from PySide6.QtCore import QObject, Signal

from core import logging_setup
from resources import paths
from ui import errors


@pytest.fixture
def log_file():
    path = logging_setup.setup_logging()
    yield path
    logging_setup.stop_logging()


@pytest.fixture
def dialogs(monkeypatch):
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(errors, "show_error_dialog", lambda title, text, details: shown.append((title, text, details)))
    return shown


@pytest.fixture
def hook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    errors.install_excepthook()
    yield
    errors.uninstall_excepthook()


def raise_and_capture():
    try:
        raise ValueError("the criteria table is inconsistent")
    except ValueError:
        return sys.exc_info()


def test_log_goes_to_the_data_folder_and_is_set_up_only_once(log_file):
    assert log_file == paths.data_dir() / "logs" / "app.log"
    logging_setup.setup_logging()
    ours = [h for h in logging.getLogger().handlers if h.get_name() == logging_setup._HANDLER_NAME]
    assert len(ours) == 1
    assert ours[0].maxBytes == logging_setup.LOG_MAX_BYTES and ours[0].backupCount == logging_setup.LOG_BACKUPS
    logging.getLogger("ui.test").info("hello log")
    logging_setup.flush_logs()
    assert "hello log" in log_file.read_text(encoding="utf-8")


def test_an_unwritable_data_folder_does_not_stop_the_app(monkeypatch, capsys):
    def refuse(*parts):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(paths, "user_file", refuse)
    assert logging_setup.setup_logging() is None
    assert "cannot write the log file" in capsys.readouterr().err


def test_excepthook_writes_the_traceback_to_the_log_and_says_where_it_is(qapp, log_file, dialogs):
    errors.handle_exception(*raise_and_capture())
    text = log_file.read_text(encoding="utf-8")
    assert "uncaught exception" in text and "Traceback" in text
    assert "ValueError: the criteria table is inconsistent" in text
    assert len(dialogs) == 1
    title, message, details = dialogs[0]
    assert "unexpected error" in title
    assert "ValueError: the criteria table is inconsistent" in message
    assert str(log_file) in message
    assert "saved" in message  # says the user's data is safe
    assert "raise_and_capture" in details


def test_install_replaces_and_uninstall_restores_the_hooks(qapp, monkeypatch):
    before = sys.excepthook
    monkeypatch.setattr(sys, "excepthook", before)
    errors.install_excepthook()
    try:
        assert sys.excepthook is errors.handle_exception
        assert threading.excepthook is errors._thread_hook
    finally:
        errors.uninstall_excepthook()
    assert sys.excepthook is before


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_reaches_the_log_and_the_app_keeps_running(qapp, log_file, dialogs, hook):
    class Emitter(QObject):
        fired = Signal()

    def slot():
        raise RuntimeError("slot failed")

    emitter = Emitter()
    emitter.fired.connect(slot)
    emitter.fired.emit()
    assert "RuntimeError: slot failed" in log_file.read_text(encoding="utf-8")
    assert len(dialogs) == 1 and "slot failed" in dialogs[0][1]


def test_an_error_in_a_worker_thread_is_logged_and_shown_on_the_gui_thread(qtbot, log_file, dialogs, hook,
                                                                           monkeypatch):
    shown_on = []
    original = errors._show_once

    def record(text, details):
        shown_on.append(threading.current_thread() is threading.main_thread())
        original(text, details)

    monkeypatch.setattr(errors, "_show_once", record)
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    assert "ZeroDivisionError" in log_file.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=2000)
    assert shown_on == [True]


def test_a_second_error_while_the_dialog_is_open_is_logged_not_stacked(qapp, log_file, monkeypatch):
    shown = []

    def dialog(title, text, details):
        shown.append(text)
        errors.handle_exception(*raise_and_capture())  # e.g. a repaint failing again behind the dialog

    monkeypatch.setattr(errors, "show_error_dialog", dialog)
    errors.handle_exception(*raise_and_capture())
    assert len(shown) == 1
    assert log_file.read_text(encoding="utf-8").count("uncaught exception") == 2


def test_keyboard_interrupt_goes_to_the_default_hook(qapp, log_file, dialogs, monkeypatch):
    seen = []
    monkeypatch.setattr(errors, "_previous_hook", lambda *a: seen.append(a[0]))
    errors.handle_exception(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt] and dialogs == []


def test_command_line_commands_write_the_log(tmp_path):
    import main

    data = tmp_path / "data"
    try:
        assert main.main(["--data-dir", str(data), "catalog", "show", "NO-SUCH-TRIAL"]) != 0
    finally:
        logging_setup.stop_logging()
        paths.set_data_dir(None)
    assert (data / "logs" / "app.log").exists()
