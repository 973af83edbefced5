"""Size limits an import applies, so any input costs bounded time and memory.

Two kinds of limits:

* **bytes**, checked before or while reading: a file on disk, an archive member, the
  number of entries and the total bytes decompressed from one archive (a zip bomb is
  refused, never inflated);
* **characters** of one record, applied to every record an importer returns
  (``cap_record``, called from ``registry.finish``): an over-long criterion item or text
  field is cut with a visible note (in the text itself and in the record's
  ``Import note``); a record whose criteria or whole text are far beyond any real
  registry record is refused. Criteria are never dropped: a missing exclusion could make
  a patient look eligible, so a record whose criteria do not fit is refused whole.

The largest of the 6,400 real records in ``../shared/data``: a criterion item of 2,972
characters, a criteria section of 19,020, a description of 24,780, 539 sites and 94 kB
of text in all; every limit here is at least ten times that.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass
from typing import Any

from core.i18n import N_, Message
from core.importers.text import ImportFormatError
from core.trial_record import TrialRecord, criterion_keys

MIB = 1024 * 1024

# -- bytes -----------------------------------------------------------------------------
MAX_DOCUMENT_BYTES = 64 * MIB  # one file: a registry download of up to about 4,000 studies
MAX_TEXT_BYTES = 5 * MIB  # one text-layout record (UMIN, aggregator pages)
MAX_MEMBER_BYTES = 20 * MIB  # one record file inside an archive
MAX_ARCHIVE_ENTRIES = 100_000  # entries of one archive, every entry counted (same names too)
MAX_ARCHIVE_BYTES = 2048 * MIB  # bytes decompressed from one archive in all
READ_CHUNK = MIB  # decompression is read this much at a time

# -- characters of one record ------------------------------------------------------------
MAX_ITEM_CHARS = 20_000  # one criterion item (cut, with a note)
MAX_CRITERIA_CHARS = 200_000  # all criteria items of a record (refused beyond)
MAX_LONG_TEXT_CHARS = 100_000  # summary, description (cut)
MAX_FIELD_CHARS = 2_000  # any other text: title, sponsor, a site's name, a condition (cut)
MAX_EXTRA_CHARS = 20_000  # one of the record's other stated fields (cut)
MAX_RECORD_CHARS = 2_000_000  # everything a record holds (refused beyond)

# The verbatim criteria section is kept up to the criteria limit (its items are what count).
LONG_FIELDS = {"summary": MAX_LONG_TEXT_CHARS, "description": MAX_LONG_TEXT_CHARS,
               "criteria_text": MAX_CRITERIA_CHARS}
NOTE_KEY = "Import note"  # in TrialRecord.extra: what the import cut, in plain words


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending with a note saying how much
    was left out. Idempotent: a text already cut is left as it is."""
    if len(text) <= limit:
        return text
    marker = f" […cut by the import: {len(text):,} characters in the source record]"
    return text[: max(0, limit - len(marker))].rstrip() + marker


def _chars(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        return sum(_chars(v) for v in value)
    if isinstance(value, dict):
        return sum(len(str(k)) + _chars(v) for k, v in value.items())
    if is_dataclass(value):
        return sum(_chars(getattr(value, f.name)) for f in fields(value))
    return 0


def _cut_dataclass(obj: Any, limit: int) -> bool:
    changed = False
    for f in fields(obj):
        value = getattr(obj, f.name)
        if isinstance(value, str) and len(value) > limit:
            setattr(obj, f.name, cut(value, limit))
            changed = True
    return changed


def cap_record(record: TrialRecord) -> list[str]:
    """Apply the character limits to ``record`` in place; the notes say what was cut.

    Raises ImportFormatError when the record is too large to import at all.
    """
    notes: list[str] = []
    items = criterion_keys(record.criteria)
    for key, _parent, node in items:
        if len(node.text) > MAX_ITEM_CHARS:
            notes.append(Message(_ITEM_CUT, key=key, size=len(node.text), limit=MAX_ITEM_CHARS))
            node.text = cut(node.text, MAX_ITEM_CHARS)
    total = sum(len(node.text) for _key, _parent, node in items)
    if total > MAX_CRITERIA_CHARS:
        raise ImportFormatError(N_("the record's criteria are too long to import ({size:,} characters in "
                                   "{items:,} items; the limit is {limit:,})"),
                                size=total, items=len(items), limit=MAX_CRITERIA_CHARS)
    for f in fields(record):
        value = getattr(record, f.name)
        limit = LONG_FIELDS.get(f.name, MAX_FIELD_CHARS)
        if isinstance(value, str) and len(value) > limit:
            notes.append(Message(_FIELD_CUT, field=f.name.replace("_", " "), size=len(value), limit=limit))
            setattr(record, f.name, cut(value, limit))
        elif isinstance(value, list) and f.name != "criteria":
            long = [i for i, v in enumerate(value) if isinstance(v, str) and len(v) > MAX_FIELD_CHARS]
            for i in long:
                value[i] = cut(value[i], MAX_FIELD_CHARS)
            cut_items = sum(_cut_dataclass(v, MAX_FIELD_CHARS) for v in value if is_dataclass(v))
            if long or cut_items:
                notes.append(Message(_LIST_CUT, n=len(long) + cut_items, field=f.name.replace("_", " "),
                                     limit=MAX_FIELD_CHARS))
    for key, value in list(record.extra.items()):
        if key != NOTE_KEY and isinstance(value, str) and len(value) > MAX_EXTRA_CHARS:
            notes.append(Message(_EXTRA_CUT, key=key[:80], size=len(value), limit=MAX_EXTRA_CHARS))
            record.extra[key] = cut(value, MAX_EXTRA_CHARS)
    size = _chars(record)
    if size > MAX_RECORD_CHARS:
        raise ImportFormatError(N_("the record is too large to import ({size:,} characters of text; "
                                   "the limit is {limit:,})"), size=size, limit=MAX_RECORD_CHARS)
    if notes:
        earlier = record.extra.get(NOTE_KEY)
        record.extra[NOTE_KEY] = "\n".join(([earlier] if earlier else []) + notes)
    return notes


def record_notes(record: TrialRecord) -> list[str]:
    """What the import cut from ``record`` (empty when nothing): Messages, worded where they are shown."""
    note = record.extra.get(NOTE_KEY) or ""
    return [note_message(line) for line in note.split("\n") if line]


# What the import cut, in the record's Import note: stored in English with the record (a kept file is
# imported again by a later version), read back against these templates to be worded where shown.
_ITEM_CUT = N_("criterion {key} was {size:,} characters long and was cut to {limit:,}: read it whole in the "
               "source record")
_FIELD_CUT = N_("the {field} was {size:,} characters long and was cut to {limit:,}")
_LIST_CUT = N_("{n:,} of the {field} had text over {limit:,} characters, cut to that length")
_EXTRA_CUT = N_("the field “{key}” was {size:,} characters long and was cut to {limit:,}")
_PLACEHOLDER = re.compile(r"\{(\w+)(:,)?\}")


def _pattern(template: str) -> re.Pattern[str]:
    parts, at = [], 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[at:found.start()]))
        parts.append(f"(?P<{found[1]}>[\\d,]+)" if found[2] else f"(?P<{found[1]}>.+?)")
        at = found.end()
    return re.compile("".join(parts) + re.escape(template[at:]))


# the field “…” before the {field}: the first would also read as the second
_NOTE_PATTERNS = [(t, _pattern(t)) for t in (_ITEM_CUT, _EXTRA_CUT, _FIELD_CUT, _LIST_CUT)]


def note_message(line: str) -> str:
    """One line of an Import note as a Message (its str: the line itself); a line of another form as it is."""
    for template, pattern in _NOTE_PATTERNS:
        found = pattern.fullmatch(line)
        if found:
            numbers = {k for k, comma in _PLACEHOLDER.findall(template) if comma}
            return Message(template, **{k: int(v.replace(",", "")) if k in numbers else v
                                        for k, v in found.groupdict().items()})
    return line
