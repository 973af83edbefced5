"""Footnote marks (issue 16, task h-prec8): "Bilirubin no greater than 3 times ULN*" points to a note printed
elsewhere ("NOTE: *Unless attributable to disease", "*nonleukemic patients", "*Only patients with biopsy-accessible
tumors …"), nearly always an exception or a scope. The note is not read with the item, so an item carrying the mark
gets no rule: the threshold alone would exclude the patients the note lets in.

A mark is one or more "*" glued to the end of a word, number or bracket ("mm^3*", "(ULN)*", "hepatitis* or");
never a bullet ("* Age over 18"), markdown emphasis ("**Age**") or a multiplication ("3*10^9/L", "2.5*ULN").
"""

from __future__ import annotations

from core.criteria.extract import rx as re

_EMPHASIS = re.compile(r"(?<![*\w])\*{1,2}(?=\w)[^*]*?\*{1,2}(?![*\w])")  # "**Age**", "*Note*": markdown
_MARK = re.compile(r"(?<=[\w)\]%])\*+(?!\s*(?:\d|x\b|uln\b|upper\b|lln\b|lower\b|normal\b|institutional\b"
                   r"|the (?:upper|lower)\b))", re.IGNORECASE)


def marked(text: str) -> bool:
    """Whether ``text`` carries a footnote mark (see the module docstring)."""
    return bool(_MARK.search(_EMPHASIS.sub(" ", text or "")))
