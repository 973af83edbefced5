"""Importers for European registry records as JSON documents: EUCTR, CTIS and ISRCTN.

The layouts are those ctrdata stores (one JSON document per trial, ``"ctrname"`` naming the
registry), which keep each registry's own field names:

* **EUCTR** (EU Clinical Trials Register, one record per member state): flat protocol
  fields ``a2_eudract_number``, ``e3_principal_inclusion_criteria``, ``f11_…`` age-group
  flags, ``b1_sponsor[]``, ``dimp[]``; results (``trialInformation``) when posted.
* **CTIS** (EU Clinical Trials Information System): the public record with
  ``authorizedPartI.trialDetails`` (titles, criteria as numbered lists, objectives,
  durations), ``authorizedPartsII[].trialSites`` and the overview fields (``ctStatus``,
  ``ageGroup``, ``gender``).
* **ISRCTN**: ``trialDescription``, ``participants`` (``inclusion`` / ``exclusion``,
  ``trialCentres``), ``externalRefs``.

EU registries state age *groups*, not limits; the limits are taken from the youngest and
oldest group ticked, and ``age_text`` says so. Wording registries ran together ("… • a • b",
"1. x 2. y") is put back on separate lines before the criteria are split.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from core.catalog import status as st
from core.criteria.split import break_inline_lists, split_criteria
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
    parse_yes_no,
    registry_date,
    text_of,
)
from core.trial_record import EXCLUSION, INCLUSION, Contact, CriterionNode, Site, TrialRecord

EUCTR_FORMAT = "euctr-json"
CTIS_FORMAT = "ctis-json"
ISRCTN_FORMAT = "isrctn-json"

_NOT_AN_ID = {"", "n/a", "na", "nil known", "none", "not applicable", "not available", "-"}


# ---------------------------------------------------------------- shared helpers

def sniff_euctr(obj: Any) -> bool:
    return isinstance(obj, dict) and (obj.get("ctrname") == "EUCTR" or "a2_eudract_number" in obj)


def sniff_ctis(obj: Any) -> bool:
    return isinstance(obj, dict) and (obj.get("ctrname") == "CTIS" or (
        "ctNumber" in obj and ("authorizedPartI" in obj or "ctStatus" in obj)))


def sniff_isrctn(obj: Any) -> bool:
    return isinstance(obj, dict) and (obj.get("ctrname") == "ISRCTN" or (
        "isrctn" in obj and isinstance(obj.get("trialDescription"), dict)))


def sniff_json(obj: Any) -> bool:
    return sniff_euctr(obj) or sniff_ctis(obj) or sniff_isrctn(obj)


def parse(text: str, source_file: str | None = None) -> list[TrialRecord]:
    return parse_json(load_json(text), source_file)


def parse_json(obj: Any, source_file: str | None = None) -> list[TrialRecord]:
    if sniff_euctr(obj):
        return [parse_euctr(obj, source_file)]
    if sniff_ctis(obj):
        return [parse_ctis(obj, source_file)]
    if sniff_isrctn(obj):
        return [parse_isrctn(obj, source_file)]
    raise ImportFormatError("not an EUCTR, CTIS or ISRCTN record")


def _ids(values: list[Any]) -> list[str]:
    out = []
    for v in values:
        s = text_of(v)
        if s and s.casefold() not in _NOT_AN_ID:
            out.append(s)
    return dedupe(out)


def _retrieved(obj: dict[str, Any], extra: dict[str, str]) -> date | None:
    """The date ctrdata fetched the record ("record_last_import"), noted in ``extra``."""
    when, _ = parse_partial_date(text_of(obj.get("record_last_import")))
    if when:
        extra["Retrieved"] = when.isoformat()
    return when


def _criteria(inclusion: str | None, exclusion: str | None) -> tuple[list[CriterionNode], str | None]:
    nodes: list[CriterionNode] = []
    parts = []
    if inclusion:
        nodes += split_criteria(break_inline_lists(inclusion), default_kind=INCLUSION)
        parts.append(f"Inclusion criteria:\n{inclusion}")
    if exclusion:
        nodes += split_criteria(break_inline_lists(exclusion), default_kind=EXCLUSION)
        parts.append(f"Exclusion criteria:\n{exclusion}")
    return nodes, "\n\n".join(parts) or None


def _roman_phases(text: str | None) -> str | None:
    """"Therapeutic exploratory (Phase II)" -> "Phase 2"; "Phase I and Phase II" -> "Phase 1/Phase 2"."""
    if not text:
        return None
    romans = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
    found = []
    for m in re.finditer(r"phase\s*(iv|iii|ii|i|[1-4])\b", text, re.IGNORECASE):
        token = m.group(1).casefold()
        found.append(f"Phase {romans.get(token, token)}")
    if found:
        return "/".join(dedupe(found))
    if re.search(r"not\s+applicable|n/a", text, re.IGNORECASE):
        return "Not Applicable"
    return text.strip() or None


# Age groups the EU forms use, as (lower, upper) limits in years (None: no upper limit).
_EUCTR_AGE_FLAGS = [
    ("f111_in_utero", "In utero", 0.0, 0.0),
    ("f112_preterm_newborn_infants_up_to_gestational_age__37_weeks", "Preterm newborn infants", 0.0, 27 / 365.25),
    ("f113_newborns_027_days", "Newborns (0-27 days)", 0.0, 27 / 365.25),
    ("f114_infants_and_toddlers_28_days23_months", "Infants and toddlers (28 days-23 months)", 28 / 365.25, 23 / 12),
    ("f115_children_211years", "Children (2-11 years)", 2.0, 11.0),
    ("f116_adolescents_1217_years", "Adolescents (12-17 years)", 12.0, 17.0),
    ("f12_adults_1864_years", "Adults (18-64 years)", 18.0, 64.0),
    ("f13_elderly_65_years", "Elderly (65 years and over)", 65.0, None),
]


def _limits(groups: list[tuple[str, float, float | None]]) -> tuple[float | None, float | None, str | None]:
    if not groups:
        return None, None, None
    lo = min(g[1] for g in groups)
    hi = None if any(g[2] is None for g in groups) else max(g[2] for g in groups)  # type: ignore[type-var]
    text = "From the age groups: " + ", ".join(g[0] for g in groups)
    return round(lo, 4), (round(hi, 4) if hi is not None else None), text


# ---------------------------------------------------------------- EUCTR

_EUCTR_STATUS = {
    "completed": st.COMPLETED,
    "prematurely ended": st.TERMINATED,
    "temporarily halted": st.SUSPENDED,
    "not authorised": st.WITHDRAWN,
    "prohibited by ca": st.WITHDRAWN,
}


def parse_euctr(obj: dict[str, Any], source_file: str | None = None) -> TrialRecord:
    eudract = text_of(obj.get("a2_eudract_number")) or text_of(obj.get("eudractNumber"))
    if not eudract or not re.fullmatch(r"\d{4}-\d{6}-\d{2}", eudract):
        raise ImportFormatError("the EUCTR record has no valid EudraCT number (a2_eudract_number)")
    extra: dict[str, str] = {}
    ids = _ids([eudract, dig(obj, "trialInformation", "usctnIdentifier"),
                dig(obj, "trialInformation", "isrctnIdentifier")])
    for key, label in (("a1_member_state_concerned", "Member state concerned"),
                       ("a41_sponsors_protocol_code_number", "Sponsor's protocol code"),
                       ("x4_clinical_trial_type", "Clinical trial type"),
                       ("e112_therapeutic_area", "Therapeutic area"),
                       ("n_competent_authority_decision", "Competent authority decision"),
                       ("n_date_of_competent_authority_decision", "Competent authority decision date"),
                       ("n_ethics_committee_opinion_of_the_trial_application", "Ethics committee opinion"),
                       ("e23_trial_contains_a_substudy", "Contains a sub-study")):
        value = text_of(obj.get(key))
        if value:
            extra[label] = value

    raw_status = text_of(obj.get("p_end_of_trial_status")) or text_of(obj.get("x5_trial_status"))
    status = None
    if raw_status:
        extra["Trial status (EUCTR)"] = raw_status
        status = _EUCTR_STATUS.get(raw_status.casefold())

    sponsors = [s for s in as_list(obj.get("b1_sponsor")) if isinstance(s, dict)]
    sponsor_names = [text_of(s.get("b11_name_of_sponsor")) for s in sponsors]
    funders = [text_of(dig(f, "b41_name_of_organisation_providing_support"))
               for s in sponsors for f in as_list(s.get("b4_sources_of_monetary_or_material_support"))]
    sponsor = next((n for n in sponsor_names if n), None) or text_of(obj.get("sponsor"))
    collaborators = [n for n in dedupe(sponsor_names[1:] + funders)
                     if not sponsor or n.casefold().rstrip(".") != sponsor.casefold().rstrip(".")]
    contacts = []
    for s in sponsors:
        address = ", ".join(x for x in (text_of(s.get("b531_street_address")), text_of(s.get("b532_town_city")),
                                        text_of(s.get("b533_post_code")), text_of(s.get("b534_country"))) if x)
        organisation = text_of(s.get("b51_name_of_organisation")) or text_of(s.get("b11_name_of_sponsor"))
        contact = Contact(name=text_of(s.get("b52_functional_name_of_contact_point")), role="Sponsor contact point",
                          affiliation=organisation,
                          email=text_of(s.get("b56_email")), phone=text_of(s.get("b54_telephone_number")),
                          address=address or None)
        if contact.name or contact.email or contact.phone:
            contacts.append(contact)

    interventions = []
    for d in as_list(obj.get("dimp")):
        if not isinstance(d, dict):
            continue
        interventions.append(text_of(d.get("d31_product_name")) or text_of(d.get("d2111_trade_name")))
        for sub in as_list(d.get("d38_imp_identification_details")):
            interventions.append(text_of(dig(sub, "d38_inn__proposed_inn")))

    phases = [label for key, label in (("e71_human_pharmacology_phase_i", "Phase 1"),
                                       ("e72_therapeutic_exploratory_phase_ii", "Phase 2"),
                                       ("e73_therapeutic_confirmatory_phase_iii", "Phase 3"),
                                       ("e74_therapeutic_use_phase_iv", "Phase 4"))
              if parse_yes_no(text_of(obj.get(key)))]

    groups = [(label, lo, hi) for key, label, lo, hi in _EUCTR_AGE_FLAGS if parse_yes_no(text_of(obj.get(key)))]
    min_age, max_age, age_text = _limits(groups)
    female = parse_yes_no(text_of(obj.get("f21_female")))
    male = parse_yes_no(text_of(obj.get("f22_male")))
    sex = "all" if female and male else "female" if female else "male" if male else None

    conditions = dedupe([text_of(obj.get("e11_medical_conditions_being_investigated")),
                         text_of(obj.get("e111_medical_condition_in_easily_understood_language"))])
    secondary = text_of(obj.get("e22_secondary_objectives_of_the_trial"))
    enrollment = None
    for key in ("f422_in_the_whole_clinical_trial", "f421_in_the_eea", "f41_in_the_member_state"):
        enrollment = parse_int(text_of(obj.get(key)))
        if enrollment is not None:
            extra["Enrollment counted"] = {"f422_in_the_whole_clinical_trial": "whole trial",
                                           "f421_in_the_eea": "in the EEA",
                                           "f41_in_the_member_state": "in the member state"}[key]
            break
    criteria, criteria_text = _criteria(text_of(obj.get("e3_principal_inclusion_criteria")),
                                        text_of(obj.get("e4_principal_exclusion_criteria")))
    start = registry_date(extra, "Recruitment start", text_of(dig(obj, "trialInformation", "recruitmentStartDate")))
    end = registry_date(extra, "Global end of trial", text_of(obj.get("p_date_of_the_global_end_of_the_trial")))
    title = text_of(obj.get("a3_full_title_of_the_trial")) or ""
    lay = text_of(obj.get("a31_title_of_the_trial_for_lay_people_in_easily_understood_ie_nontechnical_language"))
    return TrialRecord(
        title=title,
        registry_ids=ids,
        brief_title=lay if lay and lay != title else None,
        acronym=text_of(obj.get("a32_name_or_abbreviated_title_of_the_trial_where_available")),
        summary=text_of(obj.get("e21_main_objective_of_the_trial")),
        description=f"Secondary objectives: {secondary}" if secondary else None,
        conditions=conditions,
        interventions=dedupe(interventions),
        phase="/".join(phases) or None,
        status=status,
        start_date=start,
        end_date=end,
        end_date_kind="actual" if end else None,
        first_posted=registry_date(extra, "First entered", text_of(
            obj.get("x6_date_on_which_this_record_was_first_entered_in_the_eudract_database"))),
        enrollment=enrollment,
        sponsor=sponsor,
        collaborators=collaborators,
        contacts=contacts,
        min_age_years=min_age,
        max_age_years=max_age,
        age_text=age_text,
        sex=sex,
        healthy_volunteers=parse_yes_no(text_of(obj.get("f31_healthy_volunteers"))),
        criteria=criteria,
        criteria_text=criteria_text,
        source_format=EUCTR_FORMAT,
        source_file=source_file,
        source_url=f"https://www.clinicaltrialsregister.eu/ctr-search/search?query={eudract}",
        current_as_of=_retrieved(obj, extra),
        extra=extra,
    )


# ---------------------------------------------------------------- CTIS

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
        raise ImportFormatError("the CTIS record has no valid EU trial number (ctNumber)")
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

_ISRCTN_AGE_RANGES = {"neonate": (0.0, 27 / 365.25), "child": (0.0, 17.0), "adult": (18.0, None),
                      "senior": (65.0, None)}


def parse_isrctn(obj: dict[str, Any], source_file: str | None = None) -> TrialRecord:
    number = text_of(obj.get("isrctn"))
    if number and number.upper().startswith("ISRCTN"):
        number = number[6:]
    if not number or not re.fullmatch(r"\d{8}", number):
        raise ImportFormatError("the ISRCTN record has no valid ISRCTN number")
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
