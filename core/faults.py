"""Plain words for faults of the machine: a full disk, a read-only folder, a missing
permission, a path that is a folder where a file belongs.

Used by the command line (``main.py``), the user database and the GUI so each says the
same thing. SQLite often reports the fault that came second (peewee's rollback after a
failed commit says "cannot rollback - no transaction is active"), so the whole chain of
an exception (``__cause__`` / ``__context__``) is searched for the first real cause.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator

from core.i18n import N_, Message, _, words

SQLITE_READONLY = 8
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_IOERR = 10

_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EROFS, errno.EACCES, errno.EPERM}


def exception_chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception it was raised from or while handling (no cycles)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _sqlite_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # extended codes carry the primary one in the low byte


def is_disk_full(exc: BaseException) -> bool:
    for e in exception_chain(exc):
        if isinstance(e, OSError) and e.errno in _DISK_FULL_ERRNOS:
            return True
        if _sqlite_code(e) == SQLITE_FULL or "disk is full" in str(e).casefold():
            return True
    return False


def is_read_only(exc: BaseException) -> bool:
    for e in exception_chain(exc):
        if isinstance(e, OSError) and e.errno in _READ_ONLY_ERRNOS:
            return True
        if _sqlite_code(e) == SQLITE_READONLY:
            return True
        text = str(e).casefold()
        if "readonly database" in text or "read-only file system" in text:
            return True
    return False


def _os_error(exc: BaseException) -> OSError | None:
    return next((e for e in exception_chain(exc) if isinstance(e, OSError)), None)


def describe_fault(exc: BaseException) -> str:
    """One or two plain sentences for ``exc`` (never a traceback)."""
    if is_disk_full(exc):
        return _("The disk is full. Free some space, then try again; nothing already saved was lost.")
    if is_read_only(exc):
        where = _os_error(exc)
        name = f" ({where.filename})" if where is not None and where.filename else ""
        return _("The data folder cannot be written to (read-only, or no permission){name}. The app keeps its "
                 "working files and patient data there, so nothing can be saved. Ask your administrator, or use "
                 "another folder with --data-dir.").format(name=name)
    os_error = _os_error(exc)
    if os_error is not None:
        name = f": {os_error.filename}" if os_error.filename else ""
        if isinstance(os_error, IsADirectoryError):
            return _("A folder is in the way where a file belongs{name}. Move it aside, then try again.").format(
                name=name)
        if isinstance(os_error, NotADirectoryError | FileExistsError):
            return _("A file is in the way where a folder belongs{name}. Move it aside, then try again.").format(
                name=name)
        return _("{reason}{name}.").format(reason=reason_text(os_error), name=name)
    for e in exception_chain(exc):
        if isinstance(e, sqlite3.Error) and "no transaction is active" not in str(e):
            return _("The database reported: {error}.").format(error=e)
    return str(exc) or type(exc).__name__


# The operating system's reasons a user meets most, in the app's words (the OS words them in English,
# whatever the app's language). Lower-case fragments: they are quoted inside the app's own sentences
# ("Cannot read {file}: {reason}."). An errno not listed keeps the OS's text.
_ERRNO_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.ENOSPC: N_("no space left on the disk"),
    errno.EROFS: N_("the disk or folder is read-only"),
    errno.ENOENT: N_("no such file or folder"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EEXIST: N_("it already exists"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EMFILE: N_("too many files are open"),
    errno.EIO: N_("the disk could not be read or written (input/output error)"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _ERRNO_REASONS[errno.EDQUOT] = N_("the disk quota is used up")


def os_reason(exc: BaseException) -> str:
    """Why an OSError or a UnicodeDecodeError happened, as a fragment to quote in a sentence: a
    Message (worded where it is shown: a file's import error is shown later, maybe in a worker's
    language) for the common errno values and for undecodable text; the OS's own text for an errno
    not listed; ``str(exc)`` for anything else. The path is not in it (the sentence names the file
    as written); ``reason_text`` gives it in the active language at once."""
    if isinstance(exc, UnicodeDecodeError):
        return Message(N_("byte {position} is not valid {encoding} text"), position=exc.start,
                       encoding=_ENCODINGS.get(exc.encoding.casefold().replace("_", "-"), exc.encoding))
    if isinstance(exc, OSError):
        known = _ERRNO_REASONS.get(exc.errno) if exc.errno is not None else None
        if known is not None:
            return Message(known)
        return str(exc.strerror or exc)
    return str(exc)


def reason_text(exc: BaseException) -> str:
    """``os_reason(exc)`` in the active language."""
    return words(os_reason(exc))


_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf8": "UTF-8", "utf-16": "UTF-16", "utf-16-le": "UTF-16",
              "utf-16-be": "UTF-16", "ascii": "ASCII"}
