"""Importer for the trial card "sourced from clinicaltrials.gov" (seed 001).

"Label: value" lines (Status, Study Type, Study Phase, Sex, Minimum Age...), a SUMMARY
paragraph, bullets after "View:", a Locations block (country, site, site status, city),
"Contact Information", "Time Frame", "Participants", "Treatments" and "Sponsors".
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
    parse_age_years,
    parse_date,
    parse_int,
    parse_sex,
    parse_yes_no,
)
from core.trial_record import Contact, Site, TrialRecord

FORMAT = "ctgov-card"

_BLOCKS = ("SUMMARY", "Eligibility", "Participation Requirements", "Locations", "Contact Information",
           "Time Frame", "Participants", "Treatments", "Sponsors")


def sniff(text: str) -> bool:
    return "sourced from clinicaltrials.gov" in text.casefold() and "Participation Requirements" in text


def _fields(lines: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in lines:
        m = re.match(r"^([A-Z][A-Za-z ]{1,40}):\s*(.*)$", line.strip())
        if m and m.group(2).strip():
            out.setdefault(m.group(1).strip(), m.group(2).strip())
    return out


def parse(text: str, source_file: str | None = None) -> TrialRecord:
    if not sniff(text):
        raise ImportFormatError(N_("not a clinicaltrials.gov trial card"))
    lines = clean_lines(text)
    nonblank = [x for x in lines if x.strip()]
    title = nonblank[0].strip()
    fields = _fields(lines)

    blocks: dict[str, list[str]] = {}
    current = None
    criteria_lines: list[str] | None = None
    for line in lines:
        s = line.strip()
        if s == "View:":
            criteria_lines = []
            current = None
            continue
        if s in _BLOCKS or s.startswith("This content was sourced"):
            current = s
            if criteria_lines is not None and s == "Locations":
                blocks["_criteria"] = criteria_lines
                criteria_lines = None
            blocks.setdefault(current, [])
            continue
        if criteria_lines is not None:
            criteria_lines.append(line)
        elif current:
            blocks[current].append(line)
    if criteria_lines is not None:
        blocks["_criteria"] = criteria_lines

    summary = "\n".join(x.strip() for x in blocks.get("SUMMARY", []) if x.strip()) or None
    criteria_text = "\n".join(blocks.get("_criteria", [])).strip() or None

    # Locations: [Other Locations], country, then (site name, site status, city) groups.
    sites: list[Site] = []
    country = None
    loc = [x.strip() for x in blocks.get("Locations", []) if x.strip() and x.strip() != "Other Locations"]
    i = 0
    while i < len(loc):
        if country_name(loc[i]):
            country = country_name(loc[i])
            i += 1
            continue
        site = Site(name=loc[i], country=country)
        if i + 1 < len(loc) and normalize_status(loc[i + 1]):
            site.status = normalize_status(loc[i + 1])
            i += 1
        if i + 1 < len(loc) and not country_name(loc[i + 1]) and not normalize_status(loc[i + 1]):
            site.city = loc[i + 1]
            i += 1
        sites.append(site)
        i += 1

    contacts: list[Contact] = []
    role = None
    current_contact: Contact | None = None
    for x in (c.strip() for c in blocks.get("Contact Information", [])):
        if not x:
            continue
        if x in {"Primary", "Backup", "Central", "Secondary"}:
            role = x
            current_contact = None
            continue
        if current_contact is None:
            current_contact = Contact(role=role)
            contacts.append(current_contact)
        if "@" in x and " " not in x:
            current_contact.email = x
        elif re.fullmatch(r"[+\d][\d\s()\-ext.]{5,}", x):
            current_contact.phone = x
        elif current_contact.name is None:
            current_contact.name = x
        else:
            current_contact = Contact(role=role, name=x)
            contacts.append(current_contact)

    sponsor_fields = _fields(blocks.get("Sponsors", []))
    collaborators = [c.strip() for c in sponsor_fields.get("Collaborators", "").split(",") if c.strip()]
    sponsor = sponsor_fields.get("Leads")
    treatments = [t.strip() for t in blocks.get("Treatments", []) if t.strip()]

    end_date = end_kind = None
    if "Estimated Completion Date" in fields:
        end_date, end_kind = parse_date(fields["Estimated Completion Date"]), "estimated"
    elif "Completion Date" in fields:
        end_date, end_kind = parse_date(fields["Completion Date"]), "actual"

    extra = {}
    for key in ("Intervention Type", "Location"):
        if key in fields and not fields[key].startswith("See "):
            extra[key] = fields[key]
    conditions = conditions_from_title(title)
    if conditions:
        extra["Conditions"] = "named in the title (the card lists none)"

    return TrialRecord(
        title=title,
        summary=unescape_markdown(summary) if summary else None,
        conditions=conditions,
        interventions=treatments,
        phase=fields.get("Study Phase"),
        study_type=fields.get("Study Type"),
        status=normalize_status(fields.get("Status")),
        start_date=parse_date(fields.get("Start Date")),
        end_date=end_date,
        end_date_kind=end_kind,
        enrollment=parse_int(fields.get("Target number of participants")),
        sponsor=sponsor,
        collaborators=collaborators,
        sites=sites,
        contacts=contacts,
        min_age_years=parse_age_years(fields.get("Minimum Age")),
        max_age_years=parse_age_years(fields.get("Maximum Age")),
        age_text=" - ".join(f"{k}: {fields[k]}" for k in ("Minimum Age", "Maximum Age") if k in fields) or None,
        sex=parse_sex(fields.get("Sex")),
        healthy_volunteers=parse_yes_no(fields.get("Healthy Volunteers")),
        criteria=split_criteria(criteria_text or ""),
        criteria_text=criteria_text,
        source_format=FORMAT,
        source_file=source_file,
        source_url=None,
        extra=extra,
    )
