"""Importer for the trial aggregator page layout (seeds 000 and 004).

The page reads: title; "Launched by SPONSOR · date"; "Trial Information"; "Current as of
date"; status; "Keywords"; "ClinConnect Summary" paragraphs; "Gender" value; "Eligibility
criteria" as "- • 1. ..." bullets under "- Inclusion Criteria:" / "- Exclusion Criteria:";
"About SPONSOR"; "Contacts" (name, affiliation); "Locations" ("City, Region, Country");
"Timeline" labels (values when given).
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
    country_name,
    parse_date,
    parse_sex,
)
from core.trial_record import Contact, Site, TrialRecord

FORMAT = "aggregator-page"

_SECTIONS = ("Trial Information", "Keywords", "ClinConnect Summary", "Gender", "Eligibility criteria",
             "Contacts", "Locations", "Patients applied", "Timeline")
_TIMELINE = ("First submit", "Trial launched", "Trial updated", "Estimated completion")


def sniff(text: str) -> bool:
    """True when ``text`` looks like this layout."""
    head = text[:400]
    return bool(re.search(r"^Launched by .+", head, re.M)) and "Eligibility criteria" in text


def _split_sections(lines: list[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"_head": []}
    current = "_head"
    for line in lines:
        stripped = line.strip()
        if stripped in _SECTIONS or stripped.startswith("About "):
            current = "About" if stripped.startswith("About ") else stripped
            sections[current] = [stripped] if current == "About" else []
            continue
        sections.setdefault(current, []).append(line)
    return sections


def parse(text: str, source_file: str | None = None) -> TrialRecord:
    """The TrialRecord this page states."""
    if not sniff(text):
        raise ImportFormatError(N_("not an aggregator trial page (no 'Launched by' line or eligibility section)"))
    lines = clean_lines(text)
    sections = _split_sections(lines)
    head = [h for h in sections["_head"] if h.strip()]
    if not head:
        raise ImportFormatError(N_("the page has no title"))
    title = head[0].strip()
    sponsor = launched = None
    for line in head[1:]:
        m = re.match(r"^Launched by (.+?)\s*·\s*(.+)$", line.strip())
        if m:
            sponsor, launched = m.group(1).strip(), parse_date(m.group(2))
    about = sections.get("About", [])
    if about:
        about_name = about[0][len("About "):].strip()
        # The "About" heading carries the sponsor's name in proper case.
        if sponsor is None or about_name.casefold() == sponsor.casefold():
            sponsor = about_name

    info = [x.strip() for x in sections.get("Trial Information", []) if x.strip()]
    current_as_of = status = None
    status_notes: list[str] = []
    for item in info:
        if item.startswith("Current as of"):
            current_as_of = parse_date(item)
        elif normalize_status(item):
            if status is None:
                status = normalize_status(item)
            status_notes.append(item)

    keywords = [k.strip() for k in sections.get("Keywords", []) if k.strip()]
    summary = "\n\n".join(p.strip() for p in sections.get("ClinConnect Summary", []) if p.strip()) or None
    gender = next((g.strip() for g in sections.get("Gender", []) if g.strip()), None)

    criteria_lines = []
    for line in sections.get("Eligibility criteria", []):
        # The page prefixes every line with "- " (a markdown list); the splitter reads the rest.
        criteria_lines.append(line[2:] if line.startswith("- ") else line)
    criteria_text = "\n".join(criteria_lines).strip() or None
    criteria = split_criteria(criteria_text or "")

    contacts: list[Contact] = []
    contact_lines = [c.strip() for c in sections.get("Contacts", []) if c.strip()]
    for i in range(0, len(contact_lines), 2):
        contacts.append(Contact(name=contact_lines[i],
                                affiliation=contact_lines[i + 1] if i + 1 < len(contact_lines) else None))

    sites: list[Site] = []
    for loc in (x.strip() for x in sections.get("Locations", [])):
        if not loc:
            continue
        parts = [p.strip() for p in loc.split(",")]
        country = country_name(parts[-1])
        if country and len(parts) >= 2:
            sites.append(Site(city=parts[0], region=parts[1] if len(parts) > 2 else None, country=country))
        elif country:
            sites.append(Site(country=country))
        else:
            sites.append(Site(name=loc))

    extra: dict[str, str] = {}
    if launched:
        extra["Launched"] = launched.isoformat()
    if about and len(about) > 1:
        extra["About the sponsor"] = " ".join(a.strip() for a in about[1:] if a.strip())
    end_date = end_kind = None
    timeline = [t.strip() for t in sections.get("Timeline", []) if t.strip()]
    for i, label in enumerate(timeline):
        if label in _TIMELINE and i + 1 < len(timeline) and timeline[i + 1] not in _TIMELINE:
            value = timeline[i + 1]
            extra[label] = value
            if label == "Estimated completion" and parse_date(value):
                end_date, end_kind = parse_date(value), "estimated"

    conditions = conditions_from_title(title)
    if conditions:
        extra["Conditions"] = "named in the title (the page lists none)"

    return TrialRecord(
        title=title,
        summary=unescape_markdown(summary) if summary else None,
        conditions=conditions,
        keywords=keywords,
        status=status,
        status_notes=status_notes[1:],
        end_date=end_date,
        end_date_kind=end_kind,
        sponsor=sponsor,
        sites=sites,
        contacts=contacts,
        min_age_years=None,
        max_age_years=None,
        sex=parse_sex(gender),
        criteria=criteria,
        criteria_text=criteria_text,
        source_format=FORMAT,
        source_file=source_file,
        current_as_of=current_as_of,
        extra=extra,
    )
