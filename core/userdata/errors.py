"""Plain words for what can go wrong when writing the user database."""

from __future__ import annotations

import errno


class SaveError(Exception):
    """An answer could not be saved; the message says why and what to do. Nothing was
    half-written: the database still holds every answer saved before."""


def describe(exc: BaseException) -> str:
    text = str(exc).casefold()
    if "database is locked" in text or "database is busy" in text:
        return ("The patient database is busy: another program (or another copy of this app) is writing "
                "to it. Your answer was not saved yet; press Next again in a moment.")
    if "disk is full" in text or "database or disk is full" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return ("The disk that holds your data folder is full, so your answer could not be saved. Free some "
                "space, then press Next again; the answers saved before are safe.")
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return ("Your data folder cannot be written to (it is read-only), so your answer could not be saved. "
                "Ask your administrator, or start the app with another --data-dir.")
    return f"Your answer could not be saved ({exc}). The answers saved before are safe."
