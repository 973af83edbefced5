"""``re`` with a large compiled-pattern cache, for the extractor's readers.

The readers use a few hundred distinct patterns (many built with f-strings); ``re``'s own cache
holds 512 and is cleared when full, so a long import recompiled them again and again (a third of
the extraction time). Same API as ``re`` for what the readers use.
"""

from __future__ import annotations

import re
from functools import lru_cache

IGNORECASE = re.IGNORECASE
Match = re.Match
Pattern = re.Pattern
escape = re.escape


@lru_cache(maxsize=8192)
def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - re's name
    return re.compile(pattern, flags)


def sub(pattern, repl, string: str, count: int = 0, flags: int = 0) -> str:
    return _get(pattern, flags).sub(repl, string, count)


def match(pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return _get(pattern, flags).match(string)


def fullmatch(pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return _get(pattern, flags).fullmatch(string)


def search(pattern, string: str, flags: int = 0) -> re.Match[str] | None:
    return _get(pattern, flags).search(string)


def split(pattern, string: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return _get(pattern, flags).split(string, maxsplit)


def findall(pattern, string: str, flags: int = 0) -> list:
    return _get(pattern, flags).findall(string)


def finditer(pattern, string: str, flags: int = 0):
    return _get(pattern, flags).finditer(string)


def _get(pattern, flags: int) -> re.Pattern[str]:
    return pattern if isinstance(pattern, re.Pattern) else compile(pattern, flags)
