"""Running a command-line subcommand so that it ends as output or a plain message, never a
traceback: a full disk, a read-only data folder, a closed pipe (``... | head``), an
argument that is not UTF-8 text, or any unexpected error (its traceback goes to the log).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from typing import TextIO

from core.faults import describe_fault
from core.i18n import _

log = logging.getLogger("core.commands")

# Arguments that name files: any bytes the file system allows are fine there (Python keeps
# undecodable bytes as surrogates and gives them back to the OS unchanged).
PATH_ARGUMENTS = frozenset({"data_dir", "profile", "paths", "letter", "backup"})


def prepare_streams() -> None:
    """Never fail on printing a character the terminal cannot show (a file name in another
    encoding, say): it is escaped instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a closed or unusual stream: leave it as it is
                pass


def text_argument_problem(args: argparse.Namespace) -> str | None:
    """The first text argument that is not valid UTF-8 (trial ids, words, references)."""
    for name, value in vars(args).items():
        if name in PATH_ARGUMENTS:
            continue
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and _has_surrogates(item):
                shown = item.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
                return _("the argument {argument} is not valid UTF-8 text; type it again in a UTF-8 terminal "
                         "(trial ids, search words and references must be text).").format(argument=repr(shown))
    return None


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _quiet_stdout() -> None:
    """After the reader of our output went away, send what is left nowhere (Python would
    otherwise report the broken pipe again when it flushes at exit)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def run_guarded(handler: Callable[[], int], err: TextIO | None = None) -> int:
    """``handler()``'s exit code; any failure becomes one ``error:`` line and exit code 1."""
    try:
        code = handler()
        if sys.stdout is not None:
            sys.stdout.flush()  # a closed pipe shows here, not as "Exception ignored" at exit
        return code
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except KeyboardInterrupt:
        _write(err, _("interrupted; nothing half-written was kept."))
        return 130
    except RecursionError as exc:
        log.error("command failed: %r", exc)
        _write(err, _("the input is nested too deeply to be read."))
        return 1
    except Exception as exc:  # the log gets the traceback, the user one plain sentence
        try:
            log.exception("command failed")
        except Exception:
            pass
        _write(err, describe_fault(exc))
        return 1


def error_line(problem: object) -> str:
    """One "error: …" line for the terminal, in the active language (错误：… / エラー：…)."""
    return _("error: {problem}").format(problem=problem) + "\n"


def _write(err: TextIO | None, message: str) -> None:
    stream = err or sys.stderr
    try:
        stream.write(error_line(message))
        stream.flush()
    except (OSError, ValueError):
        pass
