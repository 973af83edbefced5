"""Importer for ClinicalTrials.gov API v2 JSON (``protocolSection.*``).

Three shapes hold studies: the website's download (a top-level array of studies), the API's
page ``{"studies": [...], "nextPageToken": ...}`` and a single study object. Known
variations are tolerated: ``contactsLocationsModule.locations_nested`` (a non-standard copy
of ``locations``), zero-padded MeSH ids ("D000006937" for "D006937"), month-only dates
("2023-05"), a missing maximum age (no upper limit) and markdown-escaped criteria
(``\\>=``).
"""

from __future__ import annotations

import re
from typing import Any

from core.catalog.status import normalize_status
from core.criteria.split import split_criteria, unescape_markdown
from core.i18n import N_
from core.importers.text import (
    ImportFormatError,
    as_list,
    dedupe,
    dig,
    load_json,
    parse_age_years,
    parse_int,
    parse_partial_date,
    parse_sex,
    registry_date,
    text_of,
)
from core.trial_record import Contact, Site, TrialRecord

FORMAT = "ctgov-json-v2"

_PHASES = {
    "EARLY_PHASE1": "Early Phase 1",
    "PHASE1": "Phase 1",
    "PHASE2": "Phase 2",
    "PHASE3": "Phase 3",
    "PHASE4": "Phase 4",
    "NA": "Not Applicable",
}
_ROLES = {
    "CONTACT": "Contact",
    "PRINCIPAL_INVESTIGATOR": "Principal investigator",
    "SUB_INVESTIGATOR": "Sub-investigator",
    "STUDY_DIRECTOR": "Study director",
    "STUDY_CHAIR": "Study chair",
}


def is_study(obj: Any) -> bool:
    return isinstance(obj, dict) and isinstance(obj.get("protocolSection"), dict)


def sniff_json(obj: Any) -> bool:
    """True for a study, a list of studies or an API page of studies."""
    if is_study(obj):
        return True
    if isinstance(obj, dict) and isinstance(obj.get("studies"), list):
        return True
    return isinstance(obj, list) and bool(obj) and all(is_study(x) for x in obj[:5])


def sniff(text: str) -> bool:
    head = text.lstrip()[:4096]
    return head[:1] in "[{" and '"protocolSection"' in text[:200_000]


def parse(text: str, source_file: str | None = None) -> list[TrialRecord]:
    return parse_json(load_json(text), source_file)


def parse_json(obj: Any, source_file: str | None = None) -> list[TrialRecord]:
    """Every study in a parsed API v2 document."""
    if isinstance(obj, dict) and "studies" in obj and not is_study(obj):
        studies = obj["studies"]
        if not isinstance(studies, list):
            raise ImportFormatError(N_('the "studies" field is not a list of studies'))
    elif isinstance(obj, list):
        studies = obj
    else:
        studies = [obj]
    if not studies:
        raise ImportFormatError(N_("the file holds no studies"))
    records = []
    for i, study in enumerate(studies, start=1):
        if not is_study(study):
            raise ImportFormatError(N_("item {n} of the file is not a ClinicalTrials.gov study (no protocolSection)"),
                                    n=i)
        try:
            records.append(parse_study(study, source_file))
        except ImportFormatError as exc:
            raise ImportFormatError(N_("study {n} of the file: {problem}"), n=i, problem=exc.message) from exc
    return records


def mesh_id(value: Any) -> str | None:
    """A MeSH id without the zero padding some exports add: "D000006937" -> "D006937"."""
    s = text_of(value)
    if not s:
        return None
    m = re.fullmatch(r"([A-Z])0*(\d+)", s)
    if not m:
        return s
    return f"{m.group(1)}{int(m.group(2)):06d}"


def _mesh_terms(study: dict[str, Any], module: str) -> str | None:
    terms = []
    for mesh in as_list(dig(study, "derivedSection", module, "meshes")):
        term = text_of(dig(mesh, "term"))
        ident = mesh_id(dig(mesh, "id"))
        if term:
            terms.append(f"{term} ({ident})" if ident else term)
    return "; ".join(dedupe(terms)) or None


def _phase(phases: Any) -> str | None:
    names = [_PHASES.get(p, p.replace("_", " ").title()) for p in as_list(phases) if isinstance(p, str) and p]
    return "/".join(dedupe(names)) or None


def _label(code: Any) -> str | None:
    s = text_of(code)
    if not s:
        return None
    return s.replace("_", " ").capitalize() if s.isupper() else s


def _phone(entry: Any) -> str | None:
    phone = text_of(dig(entry, "phone"))
    ext = text_of(dig(entry, "phoneExt"))
    if phone and ext:
        return f"{phone} ext. {ext}"
    return phone


def _age_text(minimum: str | None, maximum: str | None) -> str | None:
    parts = []
    if minimum:
        parts.append(f"Minimum age: {minimum}")
    if maximum:
        parts.append(f"Maximum age: {maximum}")
    return " - ".join(parts) or None


def parse_study(study: dict[str, Any], source_file: str | None = None) -> TrialRecord:
    """One API v2 study as a TrialRecord."""
    ps = study.get("protocolSection")
    if not isinstance(ps, dict):
        raise ImportFormatError(N_("the study has no protocolSection"))
    ident = dig(ps, "identificationModule") or {}
    nct = text_of(dig(ident, "nctId"))
    if not nct:
        raise ImportFormatError(N_("the study has no NCT id ({field})"), field="identificationModule.nctId")
    if not re.fullmatch(r"NCT\d{8}", nct):
        raise ImportFormatError(N_("the study's NCT id {id} is malformed"), id=repr(nct))
    extra: dict[str, str] = {}

    ids = [nct]
    ids += [text_of(a) for a in as_list(dig(ident, "nctIdAliases"))]
    ids += [text_of(dig(s, "id")) for s in as_list(dig(ident, "secondaryIdInfos"))]
    org_id = text_of(dig(ident, "orgStudyIdInfo", "id"))
    if org_id:
        extra["Organization study id"] = org_id
    brief = text_of(dig(ident, "briefTitle"))
    official = text_of(dig(ident, "officialTitle"))
    title = official or brief or ""

    status_mod = dig(ps, "statusModule") or {}
    overall = text_of(dig(status_mod, "overallStatus"))
    status = normalize_status(overall)
    if overall and status is None:
        extra["Overall status"] = _label(overall) or overall
    last_known = text_of(dig(status_mod, "lastKnownStatus"))
    if last_known:
        extra["Last known status"] = _label(last_known) or last_known
    why = text_of(dig(status_mod, "whyStopped"))
    if why:
        extra["Why stopped"] = why
    verified = text_of(dig(status_mod, "statusVerifiedDate"))
    if verified:
        extra["Status verified"] = verified

    def struct_date(key: str, label: str) -> tuple[Any, str | None]:
        text = text_of(dig(status_mod, key, "date"))
        kind = (text_of(dig(status_mod, key, "type")) or "").casefold() or None
        return registry_date(extra, label, text, kind), kind

    start, start_kind = struct_date("startDateStruct", "Start date")
    if start and start_kind:
        extra.setdefault("Start date", f"{start.isoformat()} ({start_kind})")
    end, end_kind = struct_date("completionDateStruct", "Completion date")
    primary, primary_kind = struct_date("primaryCompletionDateStruct", "Primary completion date")
    if primary:
        extra.setdefault("Primary completion date",
                         primary.isoformat() + (f" ({primary_kind})" if primary_kind else ""))
    first_posted, _ = struct_date("studyFirstPostDateStruct", "First posted")
    last_update, _ = struct_date("lastUpdatePostDateStruct", "Last update posted")
    if last_update is None:
        last_update, _ = parse_partial_date(text_of(dig(status_mod, "lastUpdateSubmitDate")))

    design = dig(ps, "designModule") or {}
    enrollment = parse_int(text_of(dig(design, "enrollmentInfo", "count")))
    enrollment_kind = text_of(dig(design, "enrollmentInfo", "type"))
    if enrollment is not None and enrollment_kind:
        extra["Enrollment type"] = enrollment_kind.casefold()
    study_type = _label(dig(design, "studyType"))
    if study_type and dig(design, "patientRegistry") is True:
        study_type += " [Patient Registry]"
    for key, label in (("allocation", "Allocation"), ("interventionModel", "Intervention model"),
                       ("primaryPurpose", "Primary purpose"), ("observationalModel", "Observational model"),
                       ("timePerspective", "Time perspective")):
        value = _label(dig(design, "designInfo", key))
        if value:
            extra[label] = value
    masking = _label(dig(design, "designInfo", "maskingInfo", "masking"))
    if masking:
        extra["Masking"] = masking

    sponsors = dig(ps, "sponsorCollaboratorsModule") or {}
    sponsor = text_of(dig(sponsors, "leadSponsor", "name"))
    collaborators = dedupe([text_of(dig(c, "name")) for c in as_list(dig(sponsors, "collaborators"))])

    desc = dig(ps, "descriptionModule") or {}
    summary = text_of(dig(desc, "briefSummary"))
    description = text_of(dig(desc, "detailedDescription"))

    conditions_mod = dig(ps, "conditionsModule") or {}
    conditions = dedupe([text_of(c) for c in as_list(dig(conditions_mod, "conditions"))])
    keywords = dedupe([text_of(k) for k in as_list(dig(conditions_mod, "keywords"))])
    interventions = dedupe([text_of(dig(i, "name"))
                            for i in as_list(dig(ps, "armsInterventionsModule", "interventions"))])
    for module, label in (("conditionBrowseModule", "MeSH conditions"),
                          ("interventionBrowseModule", "MeSH interventions")):
        terms = _mesh_terms(study, module)
        if terms:
            extra[label] = terms

    locs = dig(ps, "contactsLocationsModule") or {}
    locations = as_list(dig(locs, "locations")) or as_list(dig(locs, "locations_nested"))
    sites: list[Site] = []
    contacts: list[Contact] = []
    for c in as_list(dig(locs, "centralContacts")):
        role = _ROLES.get(text_of(dig(c, "role")) or "", _label(dig(c, "role")))
        contacts.append(Contact(name=text_of(dig(c, "name")),
                                role=f"Central {role.lower()}" if role else "Central contact",
                                affiliation=text_of(dig(c, "affiliation")),
                                email=text_of(dig(c, "email")), phone=_phone(c)))
    for o in as_list(dig(locs, "overallOfficials")):
        contacts.append(Contact(name=text_of(dig(o, "name")),
                                role=_ROLES.get(text_of(dig(o, "role")) or "", _label(dig(o, "role"))),
                                affiliation=text_of(dig(o, "affiliation"))))
    for loc in locations:
        if not isinstance(loc, dict):
            continue
        site = Site(name=text_of(loc.get("facility")), city=text_of(loc.get("city")),
                    region=text_of(loc.get("state")), country=text_of(loc.get("country")),
                    status=normalize_status(text_of(loc.get("status"))))
        sites.append(site)
        place = ", ".join(x for x in (site.city, site.region, text_of(loc.get("zip")), site.country) if x)
        for c in as_list(loc.get("contacts")):
            role = _ROLES.get(text_of(dig(c, "role")) or "", _label(dig(c, "role")))
            contacts.append(Contact(name=text_of(dig(c, "name")),
                                    role=f"Site {role.lower()}" if role else "Site contact",
                                    affiliation=site.name, email=text_of(dig(c, "email")), phone=_phone(c),
                                    address=place or None))
    contacts = [c for c in contacts if c.name or c.email or c.phone]

    elig = dig(ps, "eligibilityModule") or {}
    min_text = text_of(dig(elig, "minimumAge"))
    max_text = text_of(dig(elig, "maximumAge"))
    min_age = parse_age_years(min_text)
    max_age = parse_age_years(max_text)
    if max_age is not None and max_age <= 0:
        extra["Maximum age as stated"] = max_text or ""
        max_age = None
    std_ages = [_label(a) for a in as_list(dig(elig, "stdAges"))]
    if any(std_ages):
        extra["Age groups"] = ", ".join(a for a in std_ages if a)
    gender_desc = text_of(dig(elig, "genderDescription"))
    if gender_desc:
        extra["Sex/gender description"] = gender_desc
    healthy = dig(elig, "healthyVolunteers")
    population = text_of(dig(elig, "studyPopulation"))
    if population:
        extra["Study population"] = unescape_markdown(population)
    sampling = _label(dig(elig, "samplingMethod"))
    if sampling:
        extra["Sampling method"] = sampling
    criteria_text = dig(elig, "eligibilityCriteria")
    criteria_text = criteria_text.strip() if isinstance(criteria_text, str) and criteria_text.strip() else None

    return TrialRecord(
        title=title,
        registry_ids=dedupe(ids),
        brief_title=brief if brief and brief != title else None,
        acronym=text_of(dig(ident, "acronym")),
        summary=unescape_markdown(summary) if summary else None,
        description=unescape_markdown(description) if description else None,
        conditions=conditions,
        keywords=keywords,
        interventions=interventions,
        phase=_phase(dig(design, "phases")),
        study_type=study_type,
        status=status,
        start_date=start,
        end_date=end,
        end_date_kind=end_kind if end else None,
        first_posted=first_posted,
        last_updated=last_update,
        enrollment=enrollment,
        sponsor=sponsor,
        collaborators=collaborators,
        sites=sites,
        contacts=contacts,
        min_age_years=min_age,
        max_age_years=max_age,
        age_text=_age_text(min_text, max_text),
        sex=parse_sex(text_of(dig(elig, "sex"))),
        healthy_volunteers=healthy if isinstance(healthy, bool) else None,
        criteria=split_criteria(criteria_text) if criteria_text else [],
        criteria_text=criteria_text,
        source_format=FORMAT,
        source_file=source_file,
        source_url=f"https://clinicaltrials.gov/study/{nct}",
        current_as_of=last_update,
        extra=extra,
    )
