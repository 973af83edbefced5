"""``re`` with a large compiled-pattern cache, for the extractor's readers.

The readers use a few hundred distinct patterns (many built with f-strings); ``re``'s own cache
holds 512 and is cleared when full, so a long import recompiled them again and again (a third of
the extraction time). Same API as ``re`` for what the readers use.
"""

from __future__ import annotations

import re

IGNORECASE = re.IGNORECASE
Match = re.Match
Pattern = re.Pattern
escape = re.escape


_CACHE: dict[tuple[object, int], re.Pattern[str]] = {}
_LIMIT = 20_000  # distinct patterns; the readers use a few hundred


def compile(pattern, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re's name
    try:
        return _CACHE[pattern, flags]
    except KeyError:
        compiled = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, flags)
        if len(_CACHE) >= _LIMIT:
            _CACHE.clear()
        _CACHE[pattern, flags] = compiled
        return compiled


def sub(pattern, repl, string: str, count: int = 0, flags: int = 0) -> str:
    return (_CACHE.get((pattern, flags)) or compile(pattern, flags)).sub(repl, string, count)


def match(pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return (_CACHE.get((pattern, flags)) or compile(pattern, flags)).match(string)


def fullmatch(pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return (_CACHE.get((pattern, flags)) or compile(pattern, flags)).fullmatch(string)


def search(pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return (_CACHE.get((pattern, flags)) or compile(pattern, flags)).search(string)


def split(pattern, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string: str, flags: int = 0) -> list:
    return compile(pattern, flags).findall(string)


def finditer(pattern, string: str, flags: int = 0):
    return compile(pattern, flags).finditer(string)
