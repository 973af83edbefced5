"""Which importer reads a file.

Text layouts offer ``sniff(text)`` and ``parse(text, source_file)``; JSON layouts offer
``sniff_json(obj)`` and ``parse_json(obj, source_file)`` (a document may hold many
studies); classic ClinicalTrials.gov XML is recognised by its root element.
``parse_bytes`` looks at a file's content (not its name) and picks the importer.
"""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType
from typing import Any

from core.criteria.age import limits_from_criteria
from core.faults import os_reason
from core.i18n import N_
from core.importers import (
    aggregator_page,
    ctgov_card,
    ctgov_json,
    ctgov_xml,
    eu_registries,
    overview_page,
    umin_text,
)
from core.importers.limits import MAX_DOCUMENT_BYTES, MAX_TEXT_BYTES, cap_record
from core.importers.text import ImportFormatError, load_json
from core.trial_record import TrialRecord

log = logging.getLogger(__name__)

TEXT_IMPORTERS: list[ModuleType] = [umin_text, ctgov_card, overview_page, aggregator_page]
# JSON layouts, most specific first: (sniff_json, parse_json).
JSON_IMPORTERS: list[ModuleType] = [ctgov_json, eu_registries, ctgov_xml]
# Byte limits (MAX_TEXT_BYTES, MAX_DOCUMENT_BYTES) and record limits: core/importers/limits.py.

_ARCHIVE_MAGIC = {b"PK\x03\x04": "zip", b"\x1f\x8b": "gzip", b"\xfd7zXZ\x00": "xz", b"BZh": "bzip2",
                  b"7z\xbc\xaf\x27\x1c": "7-Zip", b"Rar!": "RAR"}


def finish(record: TrialRecord) -> TrialRecord:
    """Checks and completions every importer's record gets (the size limits first, so
    everything after them works on bounded text)."""
    if not record.title or not record.title.strip():
        raise ImportFormatError(N_("the record has no title"))
    cap_record(record)
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
    raise ImportFormatError(N_("the layout of this text is not one the app knows"))


def read_text_file(path: Path) -> str:
    """A text file's content, refusing what is not UTF-8 text."""
    size = path.stat().st_size
    if size == 0:
        raise ImportFormatError(N_("the file is empty"))
    if size > MAX_TEXT_BYTES:
        raise ImportFormatError(N_("the file is too large for a single trial record ({size:,} bytes)"), size=size)
    data = path.read_bytes()
    if b"\x00" in data:
        raise ImportFormatError(N_("the file is binary, not a text record"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(N_("the file is not UTF-8 text ({reason})"), reason=os_reason(exc)) from exc


def parse_json_document(obj: Any, source_file: str | None = None) -> list[TrialRecord]:
    """The records of a parsed JSON document, by the first JSON layout that claims it."""
    if isinstance(obj, list) and obj and not ctgov_json.sniff_json(obj):
        # A list of single-record documents (EU registries, classic records as JSON).
        records: list[TrialRecord] = []
        for i, item in enumerate(obj, start=1):
            try:
                records.extend(parse_json_document(item, source_file))
            except ImportFormatError as exc:
                raise ImportFormatError(N_("item {n} of the file: {problem}"), n=i, problem=exc.message) from exc
        return records
    for module in JSON_IMPORTERS:
        if module.sniff_json(obj):
            return module.parse_json(obj, source_file)
    if isinstance(obj, list) and not obj:
        raise ImportFormatError(N_("the file holds an empty list: no studies"))
    if isinstance(obj, dict):
        keys = ", ".join(list(map(str, obj))[:6])
        raise ImportFormatError(N_("this JSON is not a trial record the app knows (its fields: {keys})"), keys=keys)
    raise ImportFormatError(N_("this JSON is not a trial record the app knows"))


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ImportFormatError(N_("the file is not valid UTF-16 text ({reason})"), reason=os_reason(exc)) from exc
    if b"\x00" in data[:65536]:
        raise ImportFormatError(N_("the file is binary, not a trial record"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFormatError(N_("the file is not UTF-8 text ({reason})"), reason=os_reason(exc)) from exc


def _sniff_bytes(data: bytes, name: str | None) -> list[TrialRecord]:
    if not data.strip():
        raise ImportFormatError(N_("the file is empty"))
    if len(data) > MAX_DOCUMENT_BYTES:
        raise ImportFormatError(N_("the file is too large to import ({size:,} bytes; the limit is {limit:,})"),
                                size=len(data), limit=MAX_DOCUMENT_BYTES)
    for magic, kind in _ARCHIVE_MAGIC.items():
        if data.startswith(magic):
            raise ImportFormatError(N_("the file is a {kind} archive, not a record: import the archive itself "
                                       "(.zip, .tar.gz, .tar.xz) so its files are read one by one"), kind=kind)
    text = _decode(data)
    head = text.lstrip("\ufeff \t\r\n")[:1]
    if head in ("{", "["):
        return parse_json_document(load_json(text), name)
    if head == "<":
        if "<html" in text[:2000].casefold() and not ctgov_xml.sniff(text):
            raise ImportFormatError(N_("the file is a web page (HTML), not a trial record: "
                                       "download the registry's JSON or XML instead"))
        # The XML parser reads the encoding declaration itself; UTF-16 is handed over re-encoded.
        raw = text.encode("utf-8") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data
        return ctgov_xml.parse(raw, name)
    if len(data) > MAX_TEXT_BYTES:
        raise ImportFormatError(N_("the file is too large for a single trial record ({size:,} bytes)"),
                                size=len(data))
    return [parse_text(text, source_file=name)]


def parse_bytes(data: bytes, name: str | None = None) -> list[TrialRecord]:
    """Every trial record in one file's content, whatever its layout.

    Raises ImportFormatError, and nothing else, for content that is not a record the app
    can read: the message says why in plain words.
    """
    try:
        records = _sniff_bytes(data, name)
        if not records:
            raise ImportFormatError(N_("the file holds no trial records"))
        for i, record in enumerate(records, start=1):
            try:
                finish(record)
            except ImportFormatError as exc:
                if record.registry_ids:
                    raise ImportFormatError(N_("{id}: {problem}"), id=record.registry_ids[0],
                                            problem=exc.message) from exc
                raise ImportFormatError(N_("record {n}: {problem}"), n=i, problem=exc.message) from exc
        return records
    except ImportFormatError:
        raise
    except RecursionError as exc:
        raise ImportFormatError(N_("the file is nested too deeply to be a trial record")) from exc
    except MemoryError as exc:
        raise ImportFormatError(N_("the file is too large to read into memory")) from exc
    except Exception as exc:  # an importer bug must not stop a batch: report it as this file's failure
        log.exception("importer failed on %s", name)
        raise ImportFormatError(N_("the file has a structure the importer did not expect ({kind}: {detail})"),
                                kind=type(exc).__name__, detail=str(exc)) from exc


def read_file_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size == 0:
        raise ImportFormatError(N_("the file is empty"))
    if size > MAX_DOCUMENT_BYTES:
        raise ImportFormatError(N_("the file is too large to import ({size:,} bytes; the limit is {limit:,})"),
                                size=size, limit=MAX_DOCUMENT_BYTES)
    return path.read_bytes()


def parse_path(path: Path) -> list[TrialRecord]:
    """Every record in one file (a registry download may hold many)."""
    return parse_bytes(read_file_bytes(path), name=path.name)


def parse_file(path: Path) -> TrialRecord:
    """The one record in a file; ImportFormatError when it holds several (use parse_path)."""
    records = parse_path(path)
    if len(records) != 1:
        raise ImportFormatError(N_("the file holds {n} records, not one"), n=len(records))
    return records[0]
