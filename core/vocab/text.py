"""The one text normalisation every vocabulary lookup uses.

Names are compared NFKC-normalised (full-width letters and digits become ASCII, so CJK input
methods' "ＲＡ" finds "RA"), case-folded, with hyphens, slashes, apostrophes and runs of white
space as one space. Abbreviations are matched case-sensitively by the vocabularies themselves
("MS" is multiple sclerosis, "ms" is not), so this function is only for full names.
"""

from __future__ import annotations

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015/_,'’`]+")


def normalise(text: str) -> str:
    """The comparison form of a name: NFKC, case-folded, separators as single spaces."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("ö", "o").replace("é", "e").replace("è", "e").replace("ü", "u")
    return _SEPARATORS.sub(" ", text).strip()


def compact(text: str) -> str:
    """``normalise`` without spaces: "Ro-Actemra", "ro actemra" and "RoActemra" agree."""
    return normalise(text).replace(" ", "")
