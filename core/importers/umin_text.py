"""Importer for UMIN-CTR records dumped as text from the English view (seed 003).

The dump keeps a few labelled rows ("Unique ID issued by UMIN | UMIN000042298 |") but most
values have lost their labels, so fields are found by shape and order: the value rows come
in the UMIN-CTR form's fixed order (titles, region, condition, objectives, study type,
eligibility, contacts, sponsor, funding, IRB, progress, dates).
"""

from __future__ import annotations

import re

from core.catalog.status import normalize_status
from core.criteria.split import split_section, unescape_markdown
from core.i18n import N_
from core.importers.text import ImportFormatError, clean_lines, country_name, parse_date, parse_int, parse_sex
from core.trial_record import EXCLUSION, INCLUSION, Contact, Site, TrialRecord

FORMAT = "umin-ctr-text"

_AGE_ROW = re.compile(r"^(\d+(?:\.\d+)?)\s*\|\s*(years?-old|months?-old|weeks?-old|days?-old)\s*\|\s*(<=|<|>=|>)\s*\|$")
_DATE_ROW = re.compile(r"^\d{4}\s*\|\s*Year\s*\|")
_GENDERS = {"male and female", "male", "female"}
_STUDY_TYPES = {"interventional", "observational"}
_UMIN_STATUS = {
    "preinitiation": "Preinitiation",
    "recruiting": "Recruiting",
    "no longer recruiting": "No longer recruiting",
    "enrolling by invitation": "Enrolling by invitation",
    "completed": "Completed",
    "main results already published": "Main results already published",
    "suspended": "Suspended",
    "terminated": "Terminated",
}


def sniff(text: str) -> bool:
    return bool(re.search(r"^Unique ID issued by UMIN\s*\|\s*UMIN\d+", text, re.M))


def _labelled(lines: list[str], label: str) -> str | None:
    for line in lines:
        m = re.match(rf"^{re.escape(label)}\s*\|\s*(.*?)\s*\|?\s*$", line)
        if m:
            return m.group(1).strip() or None
    return None


def _contact_blocks(lines: list[str]) -> list[tuple[int, Contact]]:
    """Contacts: "1st name |", "Middle name |", "Last name |", then organisation,
    division, zip code, address, phone, email."""
    out: list[tuple[int, Contact]] = []
    for i, line in enumerate(lines):
        if not line.startswith("1st name |"):
            continue
        first = _labelled([line], "1st name")
        middle = _labelled(lines[i + 1:i + 2], "Middle name")
        last = _labelled(lines[i + 2:i + 3], "Last name")
        name = " ".join(x for x in (first, middle, last) if x) or None
        rest = [x.strip() for x in lines[i + 3:i + 9]]
        contact = Contact(name=name)
        org, division = (rest + [None, None])[:2]
        contact.affiliation = ", ".join(x for x in (division, org) if x) or None
        j = 2
        if j < len(rest) and re.fullmatch(r"\d{3}-?\d{4}", rest[j] or ""):
            zip_code = rest[j]
            j += 1
        else:
            zip_code = None
        if j < len(rest):
            contact.address = ", ".join(x for x in (rest[j], zip_code) if x)
            j += 1
        if j < len(rest) and re.fullmatch(r"[+\d][\d\-() ]{6,}", rest[j]):
            contact.phone = rest[j]
            j += 1
        if j < len(rest) and "@" in rest[j]:
            contact.email = rest[j]
            j += 1
        out.append((i + 3 + j, contact))
    return out


def parse(text: str, source_file: str | None = None) -> TrialRecord:
    if not sniff(text):
        raise ImportFormatError(N_("not a UMIN-CTR record (no '{row}' row)"), row="Unique ID issued by UMIN")
    lines = [x.strip() for x in clean_lines(text)]
    umin_id = _labelled(lines, "Unique ID issued by UMIN")
    receipt = _labelled(lines, "Receipt number")
    sci_title = _labelled(lines, "Scientific Title")
    disclosed = parse_date(_labelled(lines, "Date of disclosure of the study information"))
    modified = parse_date(_labelled(lines, "Last modified on"))
    if not umin_id or not re.fullmatch(r"UMIN\d{9}", umin_id):
        raise ImportFormatError(N_("the UMIN id is missing or malformed"))

    # Unlabelled value rows after the labelled header.
    start = next(i for i, x in enumerate(lines) if x.startswith("Last modified on")) + 1
    rows = [x for x in lines[start:]]
    nonblank = [x for x in rows if x]
    public_title, public_acronym, scientific_title, scientific_acronym = (nonblank + [None] * 4)[:4]
    region_idx = next((i for i, x in enumerate(nonblank) if x.endswith("|") and country_name(x.rstrip("| ").strip())),
                      None)
    region = country_name(nonblank[region_idx].rstrip("| ").strip()) if region_idx is not None else None
    condition = nonblank[region_idx + 1] if region_idx is not None else None
    specialty = nonblank[region_idx + 2].rstrip("| ").strip() if region_idx is not None else None

    study_type = next((x for x in nonblank if x.casefold() in _STUDY_TYPES), None)
    # Narrative objectives: the first sentence-length row after the condition rows.
    objective = None
    if region_idx is not None:
        objective = next((x for x in nonblank[region_idx + 2:] if len(x) > 30 and "|" not in x), None)
    study_idx = nonblank.index(study_type) if study_type else len(nonblank)
    phase = next((x for x in nonblank[:study_idx] if re.fullmatch(r"Phase [IV1-4/ ,-]+|Not applicable", x)),
                 None)
    age_idx = next((i for i, x in enumerate(nonblank) if _AGE_ROW.match(x)), None)
    min_age = max_age = None
    age_parts = []
    if age_idx is not None:
        m = _AGE_ROW.match(nonblank[age_idx])
        if m and m.group(2).startswith("year"):
            min_age = float(m.group(1))
        age_parts.append(f"Age lower limit: {m.group(1)} {m.group(2)} {m.group(3)}")
        upper = nonblank[age_idx + 1]
        m2 = _AGE_ROW.match(upper)
        if m2 and m2.group(2).startswith("year"):
            max_age = float(m2.group(1))
            age_parts.append(f"Age upper limit: {m2.group(1)} {m2.group(2)} {m2.group(3)}")
        else:
            age_parts.append(f"Age upper limit: {upper.rstrip('| ').strip()}")
    gender_idx = next((i for i, x in enumerate(nonblank) if x.casefold() in _GENDERS), None)

    # Inclusion runs from after the gender row to the exclusion paragraph; exclusion runs to
    # the target sample size (a bare number) that precedes the contact blocks.
    inclusion_lines: list[str] = []
    exclusion_lines: list[str] = []
    sample_size = None
    if gender_idx is not None:
        g = rows.index(nonblank[gender_idx])
        target = inclusion_lines
        for x in rows[g + 1:]:
            if re.fullmatch(r"\d+", x):
                sample_size = int(x)
                break
            if x.startswith("1st name |"):
                break
            if target is inclusion_lines and re.match(r"^(?:key\s+)?exclusion criteria\b", x, re.IGNORECASE):
                target = exclusion_lines
            target.append(x)
    inclusion_text = "\n".join(inclusion_lines).strip() or None
    exclusion_text = "\n".join(exclusion_lines).strip() or None
    criteria = []
    if inclusion_text:
        criteria += split_section(inclusion_text, INCLUSION)
    if exclusion_text:
        criteria += split_section(exclusion_text, EXCLUSION)

    blocks = _contact_blocks(lines)
    contacts = []
    for n, (_end, contact) in enumerate(blocks):
        contact.role = "Research contact person" if n == 0 else "Public contact"
        contacts.append(contact)
    # After the last contact block: sponsor, funding source, funding category, nationality,
    # co-sponsor / related organisations, then the IRB block (name, address, phone, email).
    after = [x for x in lines[blocks[-1][0]:] if x] if blocks else []
    sponsor = after[0] if after else None
    funding = after[1] if len(after) > 1 else None
    extra: dict[str, str] = {"UMIN receipt number": receipt or ""}
    if funding:
        extra["Funding source"] = funding
    if len(after) > 3:
        extra["Funding category"] = after[2]
        extra["Funding nationality"] = after[3]
    collaborators = []
    if len(after) > 4 and not re.search(r"\d", after[4]):
        collaborators.append(after[4])
    if specialty:
        extra["Classification by specialty"] = specialty
    if public_acronym:
        extra["Public title acronym"] = public_acronym
    if scientific_acronym:
        extra["Scientific title acronym"] = scientific_acronym
    if disclosed:
        extra["Date of disclosure"] = disclosed.isoformat()
    enrolled = None
    url = next((x for x in lines if x.startswith("http") and "umin.ac.jp" in x), None)
    pub_url = next((x for x in lines if x.startswith("http") and "umin.ac.jp" not in x), None)
    if pub_url:
        extra["Results publication"] = pub_url
        i = lines.index(pub_url)
        enrolled = parse_int(next((x for x in lines[i + 1:] if x), None))
        if enrolled is not None:
            extra["Participants enrolled"] = str(enrolled)

    status_text = next((x for x in nonblank if x.casefold() in _UMIN_STATUS), None)
    # Progress dates follow the status row: protocol fixation, IRB, anticipated start,
    # last follow-up, closure to data entry, data complete, analysis concluded.
    start_date = end_date = None
    if status_text:
        k = nonblank.index(status_text)
        dates = []
        for x in nonblank[k + 1:]:
            if _DATE_ROW.match(x):
                dates.append(parse_date(x))
            else:
                break
        if len(dates) >= 3:
            start_date = dates[2]
            extra["Date of protocol fixation"] = dates[0].isoformat() if dates[0] else ""
        if len(dates) >= 4:
            end_date = dates[3]
            extra["Last follow-up date"] = dates[3].isoformat() if dates[3] else ""

    sites = []
    if contacts and contacts[0].affiliation:
        org = contacts[0].affiliation.split(", ")[-1]
        city = None
        if contacts[0].address:
            parts = [p.strip() for p in contacts[0].address.split(",")]
            city = next((p for p in reversed(parts) if not re.search(r"\d", p)), None)
        sites.append(Site(name=org, city=city, country=region))

    record = TrialRecord(
        title=sci_title or scientific_title or public_title or umin_id,
        registry_ids=[umin_id],
        brief_title=public_title if public_title != (sci_title or scientific_title) else None,
        acronym=scientific_acronym,
        summary=unescape_markdown(objective) if objective else None,
        conditions=[condition] if condition else [],
        study_type=study_type,
        phase=phase,
        status=normalize_status(status_text),
        start_date=start_date,
        end_date=end_date,
        end_date_kind="actual" if end_date else None,
        first_posted=disclosed,
        last_updated=modified,
        enrollment=sample_size,
        sponsor=sponsor,
        collaborators=collaborators,
        sites=sites,
        contacts=contacts,
        min_age_years=min_age,
        max_age_years=max_age,
        age_text="; ".join(age_parts) or None,
        sex=parse_sex(nonblank[gender_idx]) if gender_idx is not None else None,
        criteria=criteria,
        criteria_text="\n".join(x for x in (inclusion_text, exclusion_text) if x) or None,
        source_format=FORMAT,
        source_file=source_file,
        source_url=url,
        current_as_of=modified,
        extra=extra,
    )
    return record
