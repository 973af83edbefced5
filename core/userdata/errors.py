"""Plain words for what can go wrong when writing the user database."""

from __future__ import annotations

from core.faults import describe_fault, exception_chain, is_disk_full, is_read_only
from core.i18n import _


class SaveError(Exception):
    """An answer could not be saved; the message says why and what to do. Nothing was
    half-written: the database still holds every answer saved before."""


def describe(exc: BaseException) -> str:
    # The whole chain is read: after a failed commit SQLite has already rolled back, and
    # peewee's own rollback then raises "no transaction is active" over the real cause.
    texts = [str(e).casefold() for e in exception_chain(exc)]
    if any("database is locked" in t or "database is busy" in t for t in texts):
        return _("The patient database is busy: another program (or another copy of this app) is writing "
                "to it. Your answer was not saved yet; press Next again in a moment.")
    if is_disk_full(exc):
        return _("The disk that holds your data folder is full, so your answer could not be saved. Free some "
                "space, then press Next again; the answers saved before are safe.")
    if is_read_only(exc):
        return _("Your data folder cannot be written to (it is read-only), so your answer could not be saved. "
                "Ask your administrator, or start the app with another --data-dir.")
    return _("Your answer could not be saved ({reason}). The answers saved before are safe.").format(
        reason=describe_fault(exc))
