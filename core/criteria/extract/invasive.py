""""Invasive" before a malignancy: every malignancy but a carcinoma in situ (issue 16, h-cond9).

A carcinoma in situ has not invaded; the vocabulary files it under malignancy. "No other invasive malignancy within
the past 5 years except nonmelanoma skin cancer" is therefore the malignancy with carcinoma in situ among the
exceptions, which the condition reader models (``condition_other_than``): the word is dropped and "carcinoma in situ"
joins the "except" list (or starts one). Only before a malignancy name ("malignancy", "cancer", "carcinoma",
"malignant neoplasm"): "invasive aspergillosis" is a form of an infection, "non-invasive" the opposite, and a
statement with more than one "invasive" or one already naming "in situ" outside its exceptions is left as it is.
"""

from __future__ import annotations

from core.criteria.extract import rx as re

_INVASIVE = re.compile(r"(?<![-\w])invasive\s+(?=(?:(?:prior|previous|concurrent|primary|second)\s+)*"
                       r"(?:malignanc(?:y|ies)|cancers?|carcinomas?|malignant\s+(?:neoplasms?|tumou?rs?|disease))\b)")
_EXCEPT = re.compile(r"\b(?:with the exception of|except(?:ing| for)?|excluding|other than)\b")


def as_exception(text: str) -> str:
    """``text`` with "invasive" written as an exception of carcinoma in situ (unchanged when it holds none)."""
    found = list(_INVASIVE.finditer(text))
    if len(found) != 1 or re.search(r"\bnon-?\s*invasive\b", text):
        return text
    m = found[0]
    rest = text[:m.start()] + text[m.end():]
    exc = _EXCEPT.search(rest)
    if exc is None:
        return f"{rest.rstrip(' .;,')}, except carcinoma in situ"
    if exc.start() < m.start() or "in situ" in rest[:exc.start()] or rest.rstrip(" .;,").endswith(")"):
        return text
    return f"{rest.rstrip(' .;,')} or carcinoma in situ"
