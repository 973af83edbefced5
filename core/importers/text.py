"""Parsing helpers shared by importers: dates, ages, sex, yes/no, countries, conditions."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from core.catalog.status import normalize_status
from core.i18n import N_, Message

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}


class ImportFormatError(ValueError):
    """A file is not in the layout an importer expects; the message says what is wrong.

    Raised with a template marked ``N_()`` and its fields (``ImportFormatError(N_("… (line {line})"),
    line=n)``), not a finished sentence: a file may be parsed in a worker, and the message is worded
    where it is shown. ``message`` is a ``core.i18n.Message`` (its str: the English, for the log and the
    JSON output); ``str(exc)`` is the message in the active language.
    """

    def __init__(self, msgid: str, /, **fields: object) -> None:
        self.message = Message(msgid, **fields)
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message.text()

    def __reduce__(self):  # pickled with its fields (a worker process), not as its English text
        return (_import_format_error, (self.message.msgid, self.message.fields))


def _import_format_error(msgid: str, fields: dict[str, object]) -> ImportFormatError:
    return ImportFormatError(msgid, **fields)


def parse_date(text: str | None) -> date | None:
    """A date from the wordings registries use; None when there is no full date.

    "2024-03-09", "2020/10/31", "Aug 11, 2025", "August 22, 2025", "11 August 2025",
    "2020 | Year | 10 | Month | 31 | Day |".
    """
    if not text:
        return None
    s = text.strip()
    m = re.search(r"(\d{4})\s*\|\s*Year\s*\|\s*(\d{1,2})\s*\|\s*Month\s*\|\s*(\d{1,2})\s*\|\s*Day", s, re.I)
    if not m:
        m = re.search(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b", s)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b", s)
    if m and m.group(1)[:3].casefold() in _MONTHS:
        return _safe_date(int(m.group(3)), _MONTHS[m.group(1)[:3].casefold()], int(m.group(2)))
    m = re.search(r"\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b", s)
    if m and m.group(2)[:3].casefold() in _MONTHS:
        return _safe_date(int(m.group(3)), _MONTHS[m.group(2)[:3].casefold()], int(m.group(1)))
    return None


def parse_partial_date(text: str | None) -> tuple[date | None, bool]:
    """(date, month_only) for registry dates, including month-only ones.

    "2023-05-17", "2011-12-31T00:00:00.000Z", "March 9, 2019" give that day; "2023-05" and
    "March 2019" give the 1st of the month with ``month_only`` True, so the caller can say
    so instead of presenting an invented day.
    """
    if not text or not isinstance(text, str):
        return None, False
    s = text.strip()
    m = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])", s)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), False
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
    if m:
        return _safe_date(int(m.group(1)), int(m.group(2)), 1), True
    m = re.fullmatch(r"([A-Za-z]{3,9})\.?,?\s+(\d{4})", s)
    if m and m.group(1)[:3].casefold() in _MONTHS:
        return _safe_date(int(m.group(2)), _MONTHS[m.group(1)[:3].casefold()], 1), True
    return parse_date(s), False


def registry_date(extra: dict[str, str], label: str, text: str | None, kind: str | None = None) -> date | None:
    """A date field, noting in ``extra`` what the record stated when it is not a full date.

    A month-only date is stored as the 1st of that month and ``extra[label]`` keeps the
    wording ("2023-05, month only: stored as 2023-05-01"); ``kind`` ("estimated" / "actual")
    is added to that note. A date that cannot be read is kept in ``extra`` and gives None.
    """
    if not text or not isinstance(text, str) or not text.strip():
        return None
    value, month_only = parse_partial_date(text)
    suffix = f" ({kind})" if kind else ""
    if value is None:
        extra[label] = f"{text.strip()}{suffix} (not a date the app can read)"
    elif month_only:
        extra[label] = f"{text.strip()}{suffix}: month only, stored as {value.isoformat()}"
    return value


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


_AGE_UNITS = {"year": 1.0, "month": 1 / 12, "week": 7 / 365.25, "day": 1 / 365.25, "hour": 1 / 8766,
              "minute": 1 / 525960}


def parse_age_years(text: str | None) -> float | None:
    """Age in years from "18", "18 Years", "6 Months", "15 years-old"; None for N/A.

    A bare number is taken as years (what registries mean when they omit the unit).
    """
    if text is None:
        return None
    s = str(text).strip().casefold()
    if not s or s in {"n/a", "na", "none", "not applicable", "no limit", "-"}:
        return None
    m = re.match(r"^(\d+(?:\.\d+)?)\s*([a-z]*)", s)
    if not m:
        return None
    value = float(m.group(1))
    unit = m.group(2).rstrip("s").replace("-old", "")
    if not unit or unit.startswith("y"):
        factor = 1.0
    else:
        factor = next((f for u, f in _AGE_UNITS.items() if unit.startswith(u[:3])), None)
        if factor is None:
            return None
    years = value * factor
    return round(years, 4) if factor != 1.0 else value


def parse_sex(text: str | None) -> str | None:
    """"all" / "female" / "male" from a registry's wording, None when not stated."""
    if not text:
        return None
    s = text.strip().casefold()
    if s in {"all", "both", "male and female", "female and male", "any", "男女両方"}:
        return "all"
    if s in {"female", "females", "women", "f", "女"}:
        return "female"
    if s in {"male", "males", "men", "m", "男"}:
        return "male"
    return None


def parse_yes_no(text: str | None) -> bool | None:
    if not text:
        return None
    s = text.strip().casefold()
    if s in {"yes", "y", "t", "true", "accepts healthy volunteers"}:
        return True
    if s in {"no", "n", "f", "false"}:
        return False
    return None


def parse_int(text: str | None) -> int | None:
    if text is None:
        return None
    m = re.fullmatch(r"\s*(\d[\d,]*)\s*", str(text))
    return int(m.group(1).replace(",", "")) if m else None


def is_status(text: str) -> bool:
    return normalize_status(text) is not None


COUNTRIES = {
    c.casefold(): c for c in [
        "China", "Japan", "United States", "United States of America", "Canada", "Mexico", "Brazil",
        "Argentina", "United Kingdom", "Ireland", "France", "Germany", "Italy", "Spain", "Portugal",
        "Netherlands", "Belgium", "Switzerland", "Austria", "Denmark", "Sweden", "Norway", "Finland",
        "Poland", "Czechia", "Czech Republic", "Hungary", "Romania", "Bulgaria", "Greece", "Turkey",
        "Russian Federation", "Russia", "Ukraine", "Israel", "Egypt", "South Africa", "India",
        "Pakistan", "Korea, Republic of", "South Korea", "Taiwan", "Hong Kong", "Singapore",
        "Thailand", "Malaysia", "Vietnam", "Philippines", "Indonesia", "Australia", "New Zealand",
        "Chile", "Colombia", "Peru", "Saudi Arabia", "Iran", "Iran, Islamic Republic of",
    ]
}


def country_name(text: str | None) -> str | None:
    """The canonical country name when ``text`` is a country, else None."""
    if not text:
        return None
    return COUNTRIES.get(text.strip().casefold())


# Conditions recognisable in a title, for layouts that have no conditions field.
_TITLE_CONDITIONS = [
    (r"rheumatoid\s+arthritis|\bRA\b", "Rheumatoid Arthritis"),
    (r"sj[oö]gren", "Sjogren's Syndrome"),
    (r"dermatomyositis", "Dermatomyositis"),
    (r"systemic\s+lupus\s+erythematosus|\bSLE\b", "Systemic Lupus Erythematosus"),
    (r"antisynthetase", "Antisynthetase Syndrome"),
    (r"systemic\s+sclerosis|scleroderma", "Systemic Sclerosis"),
    (r"vasculitis", "Vasculitis"),
    (r"psoriatic\s+arthritis", "Psoriatic Arthritis"),
    (r"ankylosing\s+spondylitis|axial\s+spondyloarthritis", "Axial Spondyloarthritis"),
    (r"myositis", "Myositis"),
    (r"juvenile\s+idiopathic\s+arthritis", "Juvenile Idiopathic Arthritis"),
]


def conditions_from_title(title: str) -> list[str]:
    """Conditions named in a title (used only when the record has no conditions field)."""
    found: list[str] = []
    for pattern, name in _TITLE_CONDITIONS:
        if re.search(pattern, title, re.IGNORECASE) and name not in found:
            found.append(name)
    if "Dermatomyositis" in found and "Myositis" in found:
        found.remove("Myositis")
    return found


def clean_lines(text: str) -> list[str]:
    """Lines with Windows line ends and trailing spaces removed."""
    return [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


# The parsers' own descriptions of the commonest faults, worded by the app; another is quoted as the
# parser words it (lower case, English).
_JSON_FAULTS = {
    "Expecting value": N_("a value was expected"),
    "Expecting ',' delimiter": N_("a comma was expected"),
    "Expecting ':' delimiter": N_("a colon was expected"),
    "Expecting property name enclosed in double quotes": N_("a field name in double quotes was expected"),
    "Extra data": N_("more follows the end of the JSON"),
    "Invalid control character at": N_("a control character is inside a text"),
    "Invalid \\escape": N_("a backslash escape is invalid"),
}
XML_FAULTS = {
    "mismatched tag": N_("a closing tag does not match its opening tag"),
    "not well-formed (invalid token)": N_("not well-formed (a character or tag is out of place)"),
    "junk after document element": N_("more follows the end of the document"),
    "undefined entity": N_("an entity (&…;) is not defined"),
}


def fault_words(fault: str, known: dict[str, str]) -> str:
    """A parser's description of a fault: the app's words for a common one (a Message), else as written."""
    return Message(known[fault]) if fault in known else fault.lower()


def json_fault(exc: json.JSONDecodeError) -> str:
    """What is wrong with a JSON text, for a sentence that names the file: the app's words for a common
    fault (a Message), else the parser's (lower case, English)."""
    if exc.pos >= len(exc.doc.rstrip()) or exc.msg.startswith("Unterminated string"):
        return Message(N_("it ends too early: the file looks truncated"))
    return fault_words(exc.msg, _JSON_FAULTS)


def load_json(text: str) -> Any:
    """Parsed JSON, or ImportFormatError saying in plain words what is wrong."""
    if not text.strip():
        raise ImportFormatError(N_("the file is empty"))
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise ImportFormatError(N_("the JSON ends too early: the file looks truncated (line {line}, column "
                                       "{column})"), line=exc.lineno, column=exc.colno) from exc
        raise ImportFormatError(N_("the JSON is malformed: {detail} at line {line}, column {column}"),
                                detail=fault_words(exc.msg, _JSON_FAULTS), line=exc.lineno,
                                column=exc.colno) from exc
    except RecursionError as exc:
        raise ImportFormatError(N_("the JSON is nested too deeply to be a trial record")) from exc


def as_list(value: Any) -> list[Any]:
    """A list from a field that may hold one item, a list, or nothing (XML converted to JSON)."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    return [value]


def text_of(value: Any) -> str | None:
    """A stripped string from a scalar field; None for empty, missing or non-scalar values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def dig(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...``, or None as soon as a step is missing or the wrong type."""
    for key in path:
        if isinstance(key, int):
            if not isinstance(data, list) or not -len(data) <= key < len(data):
                return None
        elif not isinstance(data, dict):
            return None
        else:
            if key not in data:
                return None
        data = data[key]
    return data


def dedupe(values: list[str | None]) -> list[str]:
    """Non-empty values in first-seen order, without repeats (case-insensitive)."""
    seen: set[str] = set()
    out: list[str] = []
    for v in values:
        if not v:
            continue
        key = v.casefold()
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


_MOJIBAKE = re.compile(r"[âÃÂ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¥¤¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿]")


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was once decoded as Windows-1252 ("â‰¥6" -> "≥6").

    Only applied when the whole string converts back cleanly, so genuine "â" stays.
    """
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return text
