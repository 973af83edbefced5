"""Importer for the "Overview / Summary / Criteria" page layout (seed 002).

Labels and values sit on their own lines, values often printed twice, and some labels are
glued to the end of the previous value ("...case reports.Phase:", "NoDetails"). The page
is cut at "Criteria"; the part before it is split on the known labels.
"""

from __future__ import annotations

import re

from core.catalog.status import normalize_status
from core.criteria.split import split_criteria, unescape_markdown
from core.i18n import N_
from core.importers.text import (
    ImportFormatError,
    clean_lines,
    conditions_from_title,
    parse_date,
    parse_int,
    parse_sex,
    parse_yes_no,
)
from core.trial_record import TrialRecord

FORMAT = "overview-page"

_LABELS = ["Status:", "Trial end date:", "Target enrollment:", "Participant gender:", "Summary",
           "Phase:", "Accepts Healthy Volunteers?", "Details", "Lead Sponsor:", "Collaborator:",
           "Collaborators:", "Treatments:", "Conditions:", "Trial start date:", "Minimum age:",
           "Maximum age:"]
_LABEL_RE = re.compile("(" + "|".join(re.escape(x) for x in _LABELS) + ")")


def sniff(text: str) -> bool:
    lines = [x.strip() for x in text.splitlines() if x.strip()]
    return bool(lines) and lines[0] == "Overview" and "\nCriteria\n" in text


def _values(chunk: str) -> list[str]:
    """Distinct non-empty lines of a value, keeping order (pages print values twice)."""
    out: list[str] = []
    for line in (x.strip() for x in chunk.split("\n")):
        if line and (not out or out[-1] != line):
            out.append(line)
    return out


def parse(text: str, source_file: str | None = None) -> TrialRecord:
    if not sniff(text):
        raise ImportFormatError(N_("not an Overview/Summary/Criteria trial page"))
    body = "\n".join(clean_lines(text))
    head, criteria_text = body.split("\nCriteria\n", 1)
    head_lines = [x for x in head.split("\n") if x.strip()]
    title = head_lines[1].strip()
    rest = head.split(title, 1)[1]
    parts = _LABEL_RE.split(rest)
    fields: dict[str, list[str]] = {}
    for label, value in zip(parts[1::2], parts[2::2], strict=False):
        if label == "Summary":
            fields[label] = [value.strip()]
        else:
            fields.setdefault(label.rstrip(":?"), _values(value))

    def first(label: str) -> str | None:
        vals = fields.get(label) or []
        return vals[0] if vals else None

    status_values = fields.get("Status", [])
    status = normalize_status(status_values[0]) if status_values else None
    collaborators = fields.get("Collaborator", []) + fields.get("Collaborators", [])
    conditions = fields.get("Conditions", []) or conditions_from_title(title)
    extra: dict[str, str] = {}
    if not fields.get("Conditions") and conditions:
        extra["Conditions"] = "named in the title (the page lists none)"
    criteria_text = criteria_text.strip() or None
    summary = first("Summary")
    return TrialRecord(
        title=title,
        summary=unescape_markdown(summary) if summary else None,
        conditions=conditions,
        interventions=fields.get("Treatments", []),
        phase=first("Phase"),
        status=status,
        status_notes=status_values[1:],
        start_date=parse_date(first("Trial start date")),
        end_date=parse_date(first("Trial end date")),
        end_date_kind=None,
        enrollment=parse_int(first("Target enrollment")),
        sponsor=first("Lead Sponsor"),
        collaborators=collaborators,
        sex=parse_sex(first("Participant gender")),
        healthy_volunteers=parse_yes_no(first("Accepts Healthy Volunteers")),
        criteria=split_criteria(criteria_text or ""),
        criteria_text=criteria_text,
        source_format=FORMAT,
        source_file=source_file,
        extra=extra,
    )
