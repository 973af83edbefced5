"""People's names in each language's order: family name first in Chinese and Japanese, given
name first in English.

A name is only put in order when it was given in parts (the letterhead's family / given name
fields). A name given whole is printed exactly as written: its order cannot be guessed
("Zhou Wei" may already be family name first, "Wei Zhou" may not).
"""

from __future__ import annotations

import unicodedata

FAMILY_FIRST = ("zh", "ja")


def _is_cjk(text: str) -> bool:
    """Written in Han, kana or hangul (no spaces between the parts of such a name)."""
    letters = [ch for ch in text if not ch.isspace()]
    return bool(letters) and all(unicodedata.name(ch, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
                                 for ch in letters)


def person_name(family: str = "", given: str = "", whole: str = "", language: str = "en") -> str:
    """The name to print: family and given in ``language``'s order when either part is given
    ("周 伟" -> 周伟 in zh/ja, "Wei Zhou" in en), else the whole name as written."""
    family, given, whole = (family or "").strip(), (given or "").strip(), (whole or "").strip()
    if not family and not given:
        return whole
    if not family or not given:
        return family or given
    first, second = (family, given) if language in FAMILY_FIRST else (given, family)
    joiner = "" if language in FAMILY_FIRST and _is_cjk(family) and _is_cjk(given) else " "
    return f"{first}{joiner}{second}"
