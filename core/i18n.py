"""Translation for core/ and ui/ alike: stdlib gettext over the compiled catalogs in
``resources/locale/<lang>/LC_MESSAGES/app.mo`` (sources: ``app.po`` beside them, managed
with Babel by ``scripts/i18n/extract.py``; see docs/i18n.md).

No Qt here, so the command line, the letter and the GUI use the same catalogs. The active
language lives in a context variable: ``using_language("ja")`` renders one letter in the
study team's language without changing the app's language (and is safe in a worker thread).

Strings are translated when used, never at import time: module-level constants are marked
with ``N_()`` and passed through ``_()`` where they are shown.
"""

from __future__ import annotations

import gettext
import locale
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from resources import paths

DOMAIN = "app"
LANGUAGES = ("en", "zh", "ja")
LANGUAGE_NAMES = {"en": "English", "zh": "中文", "ja": "日本語"}  # each in its own language
SYSTEM = "system"

_catalogs: dict[str, gettext.NullTranslations] = {}
_active: ContextVar[str] = ContextVar("language", default="en")


def normalize(lang: str | None) -> str | None:
    """"zh_CN.UTF-8", "zh-Hans", "ja_JP" -> "zh" / "ja"; English and unknown -> "en"; None/"system" -> None."""
    if not lang or lang.strip().casefold() == SYSTEM:
        return None
    code = lang.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].casefold()
    return code if code in LANGUAGES else "en"


def system_language() -> str:
    """The language of the system locale (the usual gettext variables first, then the C library's)."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        for part in value.split(":"):
            if part and part not in ("C", "POSIX") and not part.startswith("C."):
                return normalize(part) or "en"
    try:
        code = locale.getlocale()[0]
    except ValueError:
        code = None
    return normalize(code) or "en"


def catalog(lang: str) -> gettext.NullTranslations:
    """The translations of ``lang`` (English is the source language: the identity)."""
    found = _catalogs.get(lang)  # the active language is already a code: the lookup every `_()` makes
    if found is not None:
        return found
    lang = normalize(lang) or "en"
    found = _catalogs.get(lang)
    if found is None:
        if lang == "en":
            found = gettext.NullTranslations()
        else:
            found = gettext.translation(DOMAIN, localedir=str(paths.resource("locale")), languages=[lang],
                                        fallback=True)
        _catalogs[lang] = found
    return found


def set_language(lang: str | None) -> str:
    """Make ``lang`` ("en", "zh", "ja"; None or "system": the system locale's) the active language."""
    chosen = normalize(lang) or system_language()
    _active.set(chosen)
    return chosen


def current_language() -> str:
    return _active.get()


@contextmanager
def using_language(lang: str | None) -> Iterator[str]:
    """Within the block, translate into ``lang`` (None: keep the current one)."""
    token = _active.set(normalize(lang) or _active.get())
    try:
        yield _active.get()
    finally:
        _active.reset(token)


def _(message: str) -> str:
    """``message`` in the active language (itself when no translation is known)."""
    return catalog(_active.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n`` in the active language (Chinese and Japanese have one form)."""
    return catalog(_active.get()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in ``context`` (the same English word translated differently by use)."""
    return catalog(_active.get()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    """``ngettext`` in ``context``."""
    return catalog(_active.get()).npgettext(context, singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 (gettext's conventional name)
    """Marks ``message`` for extraction without translating it (module-level constants)."""
    return message


class Message(str):
    """A message worded when it is shown, not when it is made (an error raised in a worker, a note
    kept with a fact): the str itself is the English text (stable in JSON, logs and comparisons), and
    ``words(message)`` gives it in the active language from its msgid (marked with ``N_()`` where it is
    made) and fields. A field that is itself a Message is worded in the same language."""

    msgid: str
    fields: dict[str, object]

    def __new__(cls, msgid: str, /, **fields: object) -> Message:
        self = super().__new__(cls, _fill(msgid, fields, "en"))
        self.msgid = msgid
        self.fields = fields
        return self

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (None: the active language)."""
        with using_language(lang) as chosen:
            return _fill(_(self.msgid), self.fields, chosen)

    def __reduce__(self):  # pickled whole (a worker process), not as its English text
        return (_message, (self.msgid, self.fields))


def _message(msgid: str, fields: dict[str, object]) -> Message:
    return Message(msgid, **fields)


def _fill(template: str, fields: dict[str, object], lang: str) -> str:
    if not fields:  # a message without fields is not a template (its braces, if any, are text)
        return template
    return template.format(**{k: v.text(lang) if isinstance(v, Message) else v for k, v in fields.items()})


def words(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` (None: the active language) when it is a Message; any other text as it is."""
    return text.text(lang) if isinstance(text, Message) else text
