"""The CTIS importer (EU Clinical Trials Information System): the public record with
``authorizedPartI.trialDetails`` (titles, criteria as numbered lists, objectives, durations),
``authorizedPartsII[].trialSites`` and the overview fields (``ctStatus``, ``ageGroup``,
``gender``)."""

from __future__ import annotations

import re
from typing import Any

from core.catalog import status as st
from core.criteria.split import break_inline_lists, split_criteria
from core.i18n import N_
from core.importers.eu_common import _NOT_AN_ID, CTIS_FORMAT, _ids, _limits, _retrieved, _roman_phases
from core.importers.text import (
    ImportFormatError,
    as_list,
    dedupe,
    dig,
    parse_age_years,
    parse_int,
    parse_partial_date,
    parse_sex,
    registry_date,
    text_of,
)
from core.trial_record import Contact, CriterionNode, Site, TrialRecord

_CTIS_STATUS = [
    (r"not\s+started|authorised,?\s*$|under\s+evaluation|submitted", st.NOT_YET_RECRUITING),
    (r"recruitment\s+ended|recruitment\s+completed", st.ACTIVE_NOT_RECRUITING),
    (r"recruiting", st.RECRUITING),
    (r"halted|suspended", st.SUSPENDED),
    (r"prematurely|early\s+termination", st.TERMINATED),
    (r"withdrawn|revoked|not\s+authorised", st.WITHDRAWN),
    (r"^ended|completed", st.COMPLETED),
]


def _ctis_status(text: str | None) -> str | None:
    if not text:
        return None
    for pattern, code in _CTIS_STATUS:
        if re.search(pattern, text, re.IGNORECASE):
            return code
    return None


def _ctis_ages(text: str | None) -> tuple[float | None, float | None, str | None]:
    if not text:
        return None, None, None
    groups: list[tuple[str, float, float | None]] = []
    for part in (p.strip() for p in text.split(",")):
        m = re.search(r"(\d+)\s*\+", part)
        if m:
            groups.append((part, float(m.group(1)), None))
            continue
        m = re.search(r"(\d+)\s*-\s*(\d+)\s*(years?|months?|days?)", part, re.IGNORECASE)
        if m:
            unit = m.group(3)
            lo = parse_age_years(f"{m.group(1)} {unit}")
            hi = parse_age_years(f"{m.group(2)} {unit}")
            if lo is not None and hi is not None:
                groups.append((part, lo, hi))
            continue
        if re.search(r"in\s+utero|preterm|newborn", part, re.IGNORECASE):
            groups.append((part, 0.0, 27 / 365.25))
    groups.sort(key=lambda g: g[1])
    return _limits(groups)


def _numbered(items: Any, key: str) -> list[tuple[int, str]]:
    out = []
    for i, item in enumerate(as_list(items), start=1):
        text = text_of(dig(item, key))
        if text:
            number = dig(item, "number")
            out.append((number if isinstance(number, int) and not isinstance(number, bool) else i, text))
    return sorted(out, key=lambda x: x[0])


def _ctis_criteria(elig: Any) -> tuple[list[CriterionNode], str | None]:
    parts = []
    for key, heading in (("principalInclusionCriteria", "Inclusion criteria:"),
                         ("principalExclusionCriteria", "Exclusion criteria:")):
        items = _numbered(dig(elig, key), key)
        if items:
            lines = []
            for number, text in items:
                body = break_inline_lists(text).split("\n")
                lines.append(f"{number}. {body[0]}")
                lines.extend(f"    {x.strip()}" for x in body[1:] if x.strip())
            parts.append(heading + "\n" + "\n".join(lines))
    text = "\n\n".join(parts) or None
    return (split_criteria(text) if text else []), text


def parse_ctis(obj: dict[str, Any], source_file: str | None = None) -> TrialRecord:
    ct = text_of(obj.get("ctNumber"))
    if not ct or not re.fullmatch(r"\d{4}-\d{6}-\d{2}-\d{2}", ct):
        raise ImportFormatError(N_("the CTIS record has no valid EU trial number ({field})"), field="ctNumber")
    extra: dict[str, str] = {}
    part1 = obj.get("authorizedPartI")
    if not isinstance(part1, dict):
        apps = [a for a in as_list(obj.get("applications")) if isinstance(a, dict)]
        part1 = next((a.get("partI") for a in apps if isinstance(a.get("partI"), dict)), {})
    details = dig(part1, "trialDetails") or {}
    info = dig(details, "trialInformation") or {}
    idents = dig(details, "clinicalTrialIdentifiers") or {}

    ids = _ids([ct, dig(obj, "eudraCtInfo", "eudraCtCode")]
               + [dig(r, "number") or dig(r, "identifier")
                  for r in as_list(dig(idents, "secondaryIdentifyingNumbers", "additionalRegistries"))])
    title = text_of(dig(idents, "fullTitle")) or text_of(obj.get("title")) or ""
    public = text_of(dig(idents, "publicTitle"))

    raw_status = text_of(obj.get("ctStatus"))
    if raw_status:
        extra["Trial status (CTIS)"] = raw_status
    for key, label in (("recruitmentStatus", "Recruitment status by country"), ("trialCountries", "Trial countries"),
                       ("therapeuticAreas", "Therapeutic area"), ("sponsorType", "Sponsor type"),
                       ("authorizationDate", "Authorised"), ("decisionDate", "Decision date by country")):
        value = text_of(obj.get(key))
        if value:
            extra[label] = value

    conditions = dedupe([text_of(dig(c, "medicalCondition"))
                         for c in as_list(dig(info, "medicalCondition", "partIMedicalConditions"))]
                        + [text_of(dig(c, "medicalCondition")) for c in as_list(dig(part1, "medicalConditions"))])
    keywords = dedupe([text_of(dig(t, "termName"))
                       for t in as_list(dig(info, "medicalCondition", "meddraConditionTerms"))])
    interventions = []
    for p in as_list(dig(part1, "products")):
        name = text_of(dig(p, "nameDisplay")) or text_of(dig(p, "productName"))
        substance = text_of(dig(p, "jsonActiveSubstanceNames"))
        interventions.append(name)
        if substance and substance.casefold() not in _NOT_AN_ID:
            interventions.append(substance)

    secondary = [text for _n, text in _numbered(dig(info, "trialObjective", "secondaryObjectives"),
                                               "secondaryObjective")]
    duration = dig(info, "trialDuration") or {}
    start = registry_date(extra, "Estimated recruitment start", text_of(dig(duration, "estimatedRecruitmentStartDate")))
    end_text = text_of(dig(duration, "estimatedGlobalEndDate")) or text_of(dig(duration, "estimatedEndDate"))
    end = registry_date(extra, "Estimated end", end_text)
    end_kind = "estimated" if end else None
    for item in as_list(obj.get("trialGlobalEnd")):
        actual = registry_date(extra, "Global end of trial", text_of(dig(item, "globalEndOfTrialDate"))
                               or text_of(dig(item, "endDate")))
        if actual:
            end, end_kind = actual, "actual"

    sponsor_block = obj.get("primarySponsor") if isinstance(obj.get("primarySponsor"), dict) else None
    sponsors = [s for s in as_list(dig(part1, "sponsors")) if isinstance(s, dict)]
    if sponsor_block is None:
        sponsor_block = next((s for s in sponsors if s.get("primary") is True), sponsors[0] if sponsors else {})
    sponsor = text_of(dig(sponsor_block, "organisation", "name"))
    collaborators = [text_of(dig(s, "organisation", "name")) for s in sponsors if s.get("primary") is not True]
    collaborators += [text_of(dig(f, "organisationName")) for f in as_list(dig(info, "sourceOfMonetarySupport"))]
    collaborators = [c for c in dedupe(collaborators) if not sponsor or c.casefold() != sponsor.casefold()]

    contacts = []
    for key, role in (("publicContacts", "Public contact"), ("scientificContacts", "Scientific contact")):
        for c in as_list(dig(sponsor_block, key)):
            contact = Contact(name=text_of(dig(c, "functionalName")), role=role,
                              affiliation=text_of(dig(c, "organisation", "name")) or sponsor,
                              email=text_of(dig(c, "functionalEmailAddress")), phone=text_of(dig(c, "telephone")))
            if contact.name or contact.email or contact.phone:
                contacts.append(contact)
    sites = []
    for part2 in as_list(obj.get("authorizedPartsII")):
        for ts in as_list(dig(part2, "trialSites")):
            org = dig(ts, "organisationAddressInfo") or {}
            address = dig(org, "address") or {}
            site = Site(name=text_of(dig(org, "organisation", "name")), city=text_of(dig(address, "city")),
                        country=text_of(dig(address, "countryName")))
            dept = text_of(dig(ts, "departmentName"))
            if dept and dept.casefold() not in _NOT_AN_ID and site.name:
                site.name = f"{site.name}, {dept}"
            sites.append(site)
            person = dig(ts, "personInfo") or {}
            name = " ".join(x for x in (text_of(dig(person, "firstName")), text_of(dig(person, "lastName"))) if x)
            place = ", ".join(x for x in (text_of(dig(address, "oneLine")), site.city,
                                          text_of(dig(address, "postcode")), site.country) if x)
            contact = Contact(name=name or None, role="Site investigator", affiliation=site.name,
                              email=text_of(dig(person, "email")) or text_of(dig(org, "email")),
                              phone=text_of(dig(person, "telephone")) or text_of(dig(org, "phone")),
                              address=place or None)
            if contact.name or contact.email or contact.phone:
                contacts.append(contact)

    population = dig(info, "populationOfTrialSubjects") or {}
    min_age, max_age, age_text = _ctis_ages(text_of(obj.get("ageGroup")))
    sex = parse_sex(text_of(obj.get("gender")))
    if sex is None and text_of(obj.get("gender")):
        g = text_of(obj.get("gender")).casefold()
        sex = "all" if "female" in g and re.search(r"\bmale\b", g) else None
    if sex is None:
        f, m = dig(population, "isFemaleSubjects"), dig(population, "isMaleSubjects")
        sex = "all" if f is True and m is True else "female" if f is True else "male" if m is True else None
    groups = [text_of(dig(g, "name")) for g in as_list(dig(population, "clinicalTrialGroups"))]
    healthy = None
    if any(groups):
        healthy = any("healthy" in g.casefold() for g in groups if g)
        extra["Trial groups"] = ", ".join(g for g in groups if g)
    criteria, criteria_text = _ctis_criteria(dig(info, "eligibilityCriteria"))
    last_updated, _ = parse_partial_date(text_of(obj.get("lastUpdated")))
    _retrieved(obj, extra)
    return TrialRecord(
        title=title,
        registry_ids=ids,
        brief_title=public if public and public != title else None,
        acronym=text_of(dig(idents, "shortTitle")),
        summary=text_of(dig(info, "trialObjective", "mainObjective")),
        description=("Secondary objectives:\n" + "\n".join(f"- {s}" for s in secondary)) if secondary else None,
        conditions=conditions,
        keywords=keywords,
        interventions=dedupe(interventions),
        phase=_roman_phases(text_of(obj.get("trialPhase"))),
        status=_ctis_status(raw_status),
        start_date=start,
        end_date=end,
        end_date_kind=end_kind,
        first_posted=registry_date(extra, "Decision", text_of(obj.get("authorizationDate"))),
        last_updated=last_updated,
        enrollment=parse_int(text_of(obj.get("totalNumberEnrolled"))),
        sponsor=sponsor,
        collaborators=collaborators,
        sites=sites,
        contacts=contacts,
        min_age_years=min_age,
        max_age_years=max_age,
        age_text=age_text,
        sex=sex,
        healthy_volunteers=healthy,
        criteria=criteria,
        criteria_text=criteria_text,
        source_format=CTIS_FORMAT,
        source_file=source_file,
        source_url=f"https://euclinicaltrials.eu/search-for-clinical-trials/?lang=en&EUCT={ct}",
        current_as_of=last_updated,
        extra=extra,
    )


# ---------------------------------------------------------------- ISRCTN

