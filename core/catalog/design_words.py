"""The registry's study-design values worded where shown: ClinicalTrials.gov's fixed lists for
allocation, intervention and observational model, primary purpose, masking (with who is masked) and
time perspective, and a last known status. The record stores them as the registry wrote them (classic
XML "Parallel Assignment", API v2 "PARALLEL" stored as "Parallel"); a value not in these lists is the
registry's own text and is shown as written."""

from __future__ import annotations

import re
from functools import lru_cache

from core.catalog import status as st
from core.i18n import _, current_language, pgettext

# (label, normalised value) -> the msgid, in context "study design"
_VALUES: dict[str, dict[str, str]] = {
    "Allocation": {"randomized": "Randomized", "non randomized": "Non-randomized", "n/a": "Not applicable",
                   "na": "Not applicable"},
    "Intervention model": {"single group assignment": "Single group", "single group": "Single group",
                           "parallel assignment": "Parallel", "parallel": "Parallel",
                           "crossover assignment": "Crossover", "crossover": "Crossover",
                           "factorial assignment": "Factorial", "factorial": "Factorial",
                           "sequential assignment": "Sequential", "sequential": "Sequential"},
    "Primary purpose": {"treatment": "Treatment", "prevention": "Prevention", "diagnostic": "Diagnostic",
                        "supportive care": "Supportive care", "screening": "Screening",
                        "health services research": "Health services research", "basic science": "Basic science",
                        "device feasibility": "Device feasibility", "other": "Other",
                        "educational/counseling/training": "Educational, counselling or training",
                        "ect": "Educational, counselling or training"},
    "Observational model": {"cohort": "Cohort", "case control": "Case-control", "case only": "Case-only",
                            "case crossover": "Case-crossover", "ecologic or community": "Ecologic or community",
                            "family based": "Family-based", "defined population": "Defined population",
                            "natural history": "Natural history", "other": "Other"},
    "Time perspective": {"prospective": "Prospective", "retrospective": "Retrospective",
                         "cross sectional": "Cross-sectional", "other": "Other"},
    "Masking": {"none (open label)": "None (open label)", "none": "None (open label)", "single": "Single blind",
                "double": "Double blind", "triple": "Triple blind", "quadruple": "Quadruple blind"},
}
_WHO = {"participant": "participant", "subject": "participant", "care provider": "care provider",
        "investigator": "investigator", "outcomes assessor": "outcomes assessor"}
_MASKED = re.compile(r"(?P<level>[A-Za-z ]+?)\s*\((?P<who>[^()]+)\)")


def _key(value: str) -> str:
    return " ".join(value.casefold().replace("-", " ").replace("_", " ").split())


def _design(msgid: str) -> str:
    return _words_in(current_language())[msgid]


@lru_cache(maxsize=8)
def _words_in(language: str) -> dict[str, str]:
    """``_words`` once per language (a record's page words a dozen fields)."""
    return _words()


def design_value(label: str, value: str) -> str | None:
    """The value of a study-design field in the active language, or None when it is not one of the lists
    (or the language is English: the registry's own words are shown then, "Parallel Assignment")."""
    if current_language().startswith("en"):
        return None
    if label == "Last known status":
        code = st.normalize_status(value)
        return _(st.label(code)) if code else None
    table = _VALUES.get(label)
    if table is None:
        return None
    found = table.get(_key(value))
    if found:
        return _design(found)
    masked = _MASKED.fullmatch(value.strip()) if label == "Masking" else None
    if masked:
        level = table.get(_key(masked["level"]))
        who = [_WHO.get(_key(w)) for w in masked["who"].split(",")]
        if level and who and all(who):
            names = pgettext("list separator", ", ").join(_design(w) for w in who)
            return _("{level} ({who})").format(level=_design(level), who=names)
    return None


def _words() -> dict[str, str]:
    """Each design word in the active language (literal calls, so the catalogs list them)."""
    return {
        "Randomized": pgettext("study design", "Randomized"),
        "Non-randomized": pgettext("study design", "Non-randomized"),
        "Not applicable": pgettext("study design", "Not applicable"),
        "Single group": pgettext("study design", "Single group"),
        "Parallel": pgettext("study design", "Parallel"),
        "Crossover": pgettext("study design", "Crossover"),
        "Factorial": pgettext("study design", "Factorial"),
        "Sequential": pgettext("study design", "Sequential"),
        "Treatment": pgettext("study design", "Treatment"),
        "Prevention": pgettext("study design", "Prevention"),
        "Diagnostic": pgettext("study design", "Diagnostic"),
        "Supportive care": pgettext("study design", "Supportive care"),
        "Screening": pgettext("study design", "Screening"),
        "Health services research": pgettext("study design", "Health services research"),
        "Basic science": pgettext("study design", "Basic science"),
        "Device feasibility": pgettext("study design", "Device feasibility"),
        "Other": pgettext("study design", "Other"),
        "Educational, counselling or training": pgettext("study design", "Educational, counselling or training"),
        "Cohort": pgettext("study design", "Cohort"),
        "Case-control": pgettext("study design", "Case-control"),
        "Case-only": pgettext("study design", "Case-only"),
        "Case-crossover": pgettext("study design", "Case-crossover"),
        "Ecologic or community": pgettext("study design", "Ecologic or community"),
        "Family-based": pgettext("study design", "Family-based"),
        "Defined population": pgettext("study design", "Defined population"),
        "Natural history": pgettext("study design", "Natural history"),
        "Prospective": pgettext("study design", "Prospective"),
        "Retrospective": pgettext("study design", "Retrospective"),
        "Cross-sectional": pgettext("study design", "Cross-sectional"),
        "None (open label)": pgettext("study design", "None (open label)"),
        "Single blind": pgettext("study design", "Single blind"),
        "Double blind": pgettext("study design", "Double blind"),
        "Triple blind": pgettext("study design", "Triple blind"),
        "Quadruple blind": pgettext("study design", "Quadruple blind"),
        "participant": pgettext("study design", "participant"),
        "care provider": pgettext("study design", "care provider"),
        "investigator": pgettext("study design", "investigator"),
        "outcomes assessor": pgettext("study design", "outcomes assessor"),
    }
