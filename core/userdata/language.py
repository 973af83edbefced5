"""The app's language setting (System / English / 中文 / 日本語), kept in the user database
beside the letterhead so the app and the command line read the same choice.

Reading at start-up opens the database read-only with plain sqlite3 (no creation, no
migration, no lock held) and never fails: a missing or unreadable database means "follow the
system locale".
"""

from __future__ import annotations

import json
import logging
import sqlite3

from core.i18n import LANGUAGES, SYSTEM, set_language

LANGUAGE_SETTING = "app.language"  # "system", "en", "zh" or "ja"
CHOICES = (SYSTEM, *LANGUAGES)

log = logging.getLogger(__name__)


def stored_language() -> str:
    """The stored choice ("system" when none is stored or the database cannot be read)."""
    from core.sqlite_files import sqlite_uri
    from core.userdata.database import user_db_path

    try:
        path = user_db_path()
        if not path.exists():
            return SYSTEM
        connection = sqlite3.connect(sqlite_uri(path, mode="ro"), uri=True, timeout=2)
        try:
            row = connection.execute("SELECT value FROM setting WHERE key = ?", (LANGUAGE_SETTING,)).fetchone()
        finally:
            connection.close()
        value = json.loads(row[0]) if row and row[0] else SYSTEM
    except Exception as exc:  # the language must never stop the app from starting
        log.warning("the language setting could not be read: %s", exc)
        return SYSTEM
    return value if value in CHOICES else SYSTEM


def save_language(choice: str) -> None:
    """Store ``choice`` ("system", "en", "zh", "ja"); ValueError for anything else, nothing stored."""
    from core.userdata.records import set_setting

    if choice not in CHOICES:
        raise ValueError(f"language must be one of {', '.join(CHOICES)}, not {choice!r}")
    from core.userdata.database import user_db_open  # here: start-up reads the setting without peewee

    with user_db_open():
        set_setting(LANGUAGE_SETTING, choice)


def apply_language(explicit: str | None = None) -> str:
    """Make the app's language active at start: ``explicit`` (``--language``), else the stored
    setting, else the system locale. Returns the language now active."""
    choice = explicit or stored_language()
    return set_language(None if choice == SYSTEM else choice)
