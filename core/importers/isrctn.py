"""The ISRCTN importer: ``trialDescription``, ``participants`` (``inclusion`` /
``exclusion``, ``trialCentres``), ``externalRefs``."""

from __future__ import annotations

import re
from typing import Any

from core.catalog import status as st
from core.i18n import N_
from core.importers.eu_common import _NOT_AN_ID, ISRCTN_FORMAT, _criteria, _ids, _retrieved, _roman_phases
from core.importers.text import (
    ImportFormatError,
    as_list,
    dedupe,
    dig,
    parse_age_years,
    parse_int,
    parse_sex,
    registry_date,
    text_of,
)
from core.trial_record import Site, TrialRecord

_ISRCTN_AGE_RANGES = {"neonate": (0.0, 27 / 365.25), "child": (0.0, 17.0), "adult": (18.0, None),
                      "senior": (65.0, None)}


def parse_isrctn(obj: dict[str, Any], source_file: str | None = None) -> TrialRecord:
    number = text_of(obj.get("isrctn"))
    if number and number.upper().startswith("ISRCTN"):
        number = number[6:]
    if not number or not re.fullmatch(r"\d{8}", number):
        raise ImportFormatError(N_("the ISRCTN record has no valid ISRCTN number"))
    isrctn = f"ISRCTN{number}"
    extra: dict[str, str] = {}
    desc = obj.get("trialDescription") if isinstance(obj.get("trialDescription"), dict) else {}
    refs = obj.get("externalRefs") if isinstance(obj.get("externalRefs"), dict) else {}
    design = obj.get("trialDesign") if isinstance(obj.get("trialDesign"), dict) else {}
    part = obj.get("participants") if isinstance(obj.get("participants"), dict) else {}

    ids = _ids([isrctn, refs.get("eudraCTNumber"), refs.get("clinicalTrialsGovNumber")])
    for key, label in (("irasNumber", "IRAS number"), ("protocolSerialNumber", "Protocol serial number"),
                       ("doi", "DOI")):
        value = text_of(refs.get(key))
        if value and value.casefold() not in _NOT_AN_ID:
            extra[label] = value

    scientific = text_of(desc.get("scientificTitle"))
    public = text_of(desc.get("title"))
    title = scientific or public or ""
    plain = text_of(desc.get("plainEnglishSummary"))
    if plain and plain.casefold().startswith("not provided"):
        plain = None
    hypothesis = text_of(desc.get("studyHypothesis"))

    conditions = []
    for c in as_list(dig(obj, "conditions", "condition")):
        conditions.append(text_of(dig(c, "description")))
        classes = [text_of(dig(c, k)) for k in ("diseaseClass1", "diseaseClass2")]
        if any(classes):
            extra["Disease class"] = " - ".join(x for x in classes if x)
    interventions: list[str | None] = []
    phases = []
    for i in as_list(dig(obj, "interventions", "intervention")):
        names = text_of(dig(i, "drugNames"))
        if names:
            interventions += [n.strip() for n in re.split(r"[,;]", names) if n.strip()]
        kind = text_of(dig(i, "interventionType"))
        if kind:
            extra["Intervention type"] = kind
        description = text_of(dig(i, "description"))
        if description:
            extra["Intervention"] = description
        phases.append(_roman_phases(text_of(dig(i, "phase"))))

    override = text_of(part.get("recruitmentStatusOverride"))
    status = st.normalize_status(override) if override else None
    start = registry_date(extra, "Recruitment start", text_of(part.get("recruitmentStart")))
    recruitment_end = registry_date(extra, "Recruitment end", text_of(part.get("recruitmentEnd")))
    if recruitment_end and "Recruitment end" not in extra:
        extra["Recruitment end"] = recruitment_end.isoformat()
    end = registry_date(extra, "Overall end date", text_of(design.get("overallEndDate")))
    target = parse_int(text_of(part.get("targetEnrolment")))
    final = parse_int(text_of(part.get("totalFinalEnrolment")))
    if final is not None:
        extra["Final enrolment"] = str(final)

    sites = []
    for c in as_list(dig(part, "trialCentres", "trialCentre")):
        if isinstance(c, dict):
            sites.append(Site(name=text_of(c.get("name")), city=text_of(c.get("city")),
                              region=text_of(c.get("state")), country=text_of(c.get("country"))))
    countries = [text_of(c) for c in as_list(dig(part, "recruitmentCountries", "country"))]
    if any(countries):
        extra["Recruitment countries"] = ", ".join(c for c in countries if c)

    age_range = text_of(part.get("ageRange"))
    lower = text_of(part.get("lowerAgeLimit"))
    upper = text_of(part.get("upperAgeLimit"))
    min_age, max_age = parse_age_years(lower), parse_age_years(upper)
    age_parts = [f"Age range: {age_range}"] if age_range else []
    age_parts += [f"{k}: {v}" for k, v in (("Lower age limit", lower), ("Upper age limit", upper)) if v]
    if min_age is None and max_age is None and age_range and age_range.casefold() in _ISRCTN_AGE_RANGES:
        min_age, max_age = _ISRCTN_AGE_RANGES[age_range.casefold()]
        min_age = round(min_age, 4)
        max_age = round(max_age, 4) if max_age is not None else None
        age_parts.append("limits from the age range")
    if max_age is not None and max_age <= 0 and (upper or "").strip():
        max_age = None
    types = [text_of(t) for t in as_list(dig(part, "participantTypes", "participantType"))]
    healthy = None
    if any(types):
        extra["Participant type"] = ", ".join(t for t in types if t)
        healthy = any("healthy" in t.casefold() for t in types if t)
    criteria, criteria_text = _criteria(text_of(part.get("inclusion")), text_of(part.get("exclusion")))
    trial_types = [text_of(t) for t in as_list(dig(design, "trialTypes", "trialType"))]
    if any(trial_types):
        extra["Trial type"] = ", ".join(t for t in trial_types if t)
    study_design = text_of(design.get("studyDesign"))
    if study_design:
        extra["Study design"] = study_design
    return TrialRecord(
        title=title,
        registry_ids=ids,
        brief_title=public if public and public != title else None,
        acronym=text_of(desc.get("acronym")),
        summary=plain or hypothesis,
        description=f"Study hypothesis: {hypothesis}" if plain and hypothesis else None,
        conditions=dedupe(conditions),
        interventions=dedupe(interventions),
        phase="/".join(dedupe([p for p in phases if p])) or None,
        study_type=text_of(design.get("primaryStudyDesign")),
        status=status,
        start_date=start,
        end_date=end,
        end_date_kind=None,
        enrollment=target,
        sites=sites,
        min_age_years=min_age,
        max_age_years=max_age,
        age_text="; ".join(age_parts) or None,
        sex=parse_sex(text_of(part.get("gender"))),
        healthy_volunteers=healthy,
        criteria=criteria,
        criteria_text=criteria_text,
        source_format=ISRCTN_FORMAT,
        source_file=source_file,
        source_url=f"https://www.isrctn.com/{isrctn}",
        current_as_of=_retrieved(obj, extra),
        extra=extra,
    )
