"""Country names in the reader's language: the Chinese and Japanese of the English names registries
write ("Korea, Republic of" -> 韩国 / 韓国), from resources/vocab/countries.json (Unicode CLDR, built by
scripts/vocab/build_countries.py).

Only what is shown changes: records, the catalog and the filters keep the record's English name
(a filter's item shows ``country_name(name)`` and carries ``name``). A name the table does not hold,
and every name in English, is shown as written.
"""

from __future__ import annotations

import json
from functools import cache

from core.i18n import current_language
from resources import paths


@cache
def _table() -> dict[str, dict[str, str]]:
    data = json.loads(paths.resource("vocab", "countries.json").read_text(encoding="utf-8"))
    return {name.casefold(): words for name, words in data["countries"].items()}


def country_name(name: str | None) -> str | None:
    """``name`` (as a record writes it) in the active language; as written when unknown or in English."""
    lang = current_language()
    if not name or lang == "en":
        return name
    words = _table().get(name.strip().casefold())
    return words.get(lang, name) if words else name
