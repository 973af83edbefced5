"""Which importer reads a file: each layout module offers ``sniff(text)`` and ``parse``."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from core.criteria.age import limits_from_criteria
from core.importers import aggregator_page, ctgov_card, overview_page, umin_text
from core.importers.text import ImportFormatError
from core.trial_record import TrialRecord

TEXT_IMPORTERS: list[ModuleType] = [umin_text, ctgov_card, overview_page, aggregator_page]
MAX_TEXT_BYTES = 5 * 1024 * 1024


def finish(record: TrialRecord) -> TrialRecord:
    """Checks and completions every importer's record gets."""
    if not record.title or not record.title.strip():
        raise ImportFormatError("the record has no title")
    if record.min_age_years is None and record.max_age_years is None:
        lo, hi, wording = limits_from_criteria(record.criteria)
        if lo is not None or hi is not None:
            record.min_age_years, record.max_age_years = lo, hi
            record.age_text = f"From the criteria: {wording}"
    return record


def parse_text(text: str, source_file: str | None = None) -> TrialRecord:
    """Parse one text record with the importer whose layout it matches."""
    for module in TEXT_IMPORTERS:
        if module.sniff(text):
            return finish(module.parse(text, source_file=source_file))
    raise ImportFormatError("the layout of this text is not one the app knows")


def read_text_file(path: Path) -> str:
    """A text file's content, refusing what is not UTF-8 text."""
    size = path.stat().st_size
    if size == 0:
        raise ImportFormatError("the file is empty")
    if size > MAX_TEXT_BYTES:
        raise ImportFormatError(f"the file is too large for a single trial record ({size} bytes)")
    data = path.read_bytes()
    if b"\x00" in data:
        raise ImportFormatError("the file is binary, not a text record")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(f"the file is not UTF-8 text ({exc.reason})") from exc


def parse_file(path: Path) -> TrialRecord:
    return parse_text(read_text_file(path), source_file=path.name)
