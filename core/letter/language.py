"""The language of a letter and that language's conventions for dates and names.

Names are printed as the record or the user gives them: no record gives a name in parts, and
the order of a name given whole cannot be guessed ("Zhou Wei" may already be family name first).

A letter goes in the study team's language: by default Chinese when every site of the trial
is in (mainland) China, Japanese when every site is in Japan, otherwise English (the shared
language of multinational teams). The clinician can change it per letter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from core.i18n import LANGUAGES, _, current_language, normalize

_COUNTRY_LANGUAGES = {
    "china": "zh", "people's republic of china": "zh", "pr china": "zh", "p.r. china": "zh", "中国": "zh",
    "japan": "ja", "日本": "ja",
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # English names, whatever the C library's locale


def default_language(trial: dict[str, Any]) -> str:
    """"zh" / "ja" when every site with a country is in China / Japan; "en" otherwise."""
    countries = {str(s.get("country") or "").strip().casefold() for s in trial.get("sites") or []}
    countries.discard("")
    found = {_COUNTRY_LANGUAGES.get(c, "en") for c in countries}
    return found.pop() if len(found) == 1 else "en"


def letter_language(trial: dict[str, Any], chosen: str | dict[str, str] | None) -> str:
    """The language of one trial's letter: ``chosen`` (one language for all, or per trial id), else the default."""
    if isinstance(chosen, dict):
        chosen = chosen.get(trial.get("trial_id", ""))
    lang = normalize(chosen) if chosen else None
    return lang if lang in LANGUAGES else default_language(trial)


def long_date(day: date) -> str:
    """30 November 2026 / 2026年11月30日 (Chinese and Japanese write year, month, day)."""
    if current_language() in ("zh", "ja"):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def salutation(name: str | None) -> str:
    """"Dear Dr Zhou," / "尊敬的 Zhou：" / "Zhou 様" ; to the study team when no name is known."""
    if name:
        return _("Dear {name},").format(name=name)
    return _("Dear study team,")
