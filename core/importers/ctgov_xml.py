"""Importer for ClinicalTrials.gov classic XML (one ``<clinical_study>`` per file).

This is the layout of the AllPublicXML dump and the old ``/ct2/show/NCT…?displayxml=true``
download. Text blocks carry ``&#xD;`` line ends and hard-wrapped, indented lines; dates are
"March 2019" (month only) or "March 9, 2019". The same record converted to JSON by
ctrdata (``"ctrname": "CTGOV"``, literal ``&#xD;`` in the strings) is read by turning it
back into an element tree first.

Parsing goes through defusedxml with document type declarations refused, so entity
expansion ("billion laughs") and external entities never run.
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from core.catalog import status as st
from core.criteria.split import split_criteria
from core.i18n import N_
from core.importers.text import (
    XML_FAULTS,
    ImportFormatError,
    dedupe,
    fault_words,
    fix_mojibake,
    parse_age_years,
    parse_date,
    parse_int,
    parse_sex,
    parse_yes_no,
    registry_date,
)
from core.trial_record import Contact, Site, TrialRecord

FORMAT = "ctgov-xml"
JSON_FORMAT = "ctgov-xml-json"

_PHASE_NA = {"n/a", "na", "not applicable"}
_MAX_JSON_DEPTH = 50


def sniff(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("<") and "<clinical_study" in text[:5000]


def sniff_json(obj: Any) -> bool:
    """A classic record converted to JSON (ctrdata's CTGOV documents)."""
    return (isinstance(obj, dict) and isinstance(obj.get("id_info"), dict)
            and ("brief_title" in obj or "official_title" in obj))


def parse_xml_bytes(data: bytes | str) -> Element:
    """The root element of an XML document, refusing DTDs, entities and external references."""
    try:
        return fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ImportFormatError(
            N_("the XML declares a document type or entities, which the app refuses for safety "
               "(they can expand without limit or read other files): {kind}"), kind=type(exc).__name__) from exc
    except ParseError as exc:
        line, col = getattr(exc, "position", (0, 0))
        if "no element found" in str(exc) or "unclosed token" in str(exc):
            raise ImportFormatError(N_("the XML ends too early: the file looks truncated (line {line})"),
                                    line=line) from exc
        raise ImportFormatError(N_("the XML is malformed at line {line}, column {column}: {detail}"),
                                line=line, column=col, detail=fault_words(str(exc).split(":")[0], XML_FAULTS)) from exc
    except (ValueError, RecursionError) as exc:
        raise ImportFormatError(N_("the XML cannot be read: {detail}"), detail=str(exc)) from exc


def parse(text: str | bytes, source_file: str | None = None) -> list[TrialRecord]:
    """Every study in an XML document (a ``<clinical_study>``, or a list of them)."""
    root = parse_xml_bytes(text)
    if root.tag == "clinical_study":
        studies = [root]
    else:
        studies = root.findall("clinical_study")
        if not studies:
            raise ImportFormatError(N_("the XML is not a ClinicalTrials.gov study (its root element is <{tag}>)"),
                                    tag=root.tag)
    return [parse_element(s, source_file) for s in studies]


def parse_json(obj: Any, source_file: str | None = None) -> list[TrialRecord]:
    """A classic record converted to JSON (ctrdata)."""
    if not sniff_json(obj):
        raise ImportFormatError(N_("not a ClinicalTrials.gov classic record in JSON"))
    root = Element("clinical_study")
    _fill(root, obj, 0)
    return [parse_element(root, source_file, fmt=JSON_FORMAT)]


def _fill(el: Element, value: Any, depth: int) -> None:
    if depth > _MAX_JSON_DEPTH:
        raise ImportFormatError(N_("the JSON is nested too deeply to be a trial record"))
    if isinstance(value, dict):
        for key, child in value.items():
            if not isinstance(key, str) or not key or key.startswith("@"):
                continue
            for item in child if isinstance(child, list) else [child]:
                sub = Element(key)
                el.append(sub)
                _fill(sub, item, depth + 1)
    elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
        # ctrdata keeps the XML's character references and entities as literal text.
        el.text = fix_mojibake(html.unescape(str(value).replace("&#xD;", "\n").replace("&#13;", "\n")))


def _t(el: Element | None, path: str) -> str | None:
    if el is None:
        return None
    found = el.find(path)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def _all(el: Element, path: str) -> list[str]:
    return dedupe([(x.text or "").strip() for x in el.findall(path)])


def _block(el: Element, path: str) -> str | None:
    """A textblock with its line ends normalised and its common indentation removed."""
    raw = el.findtext(path)
    if not raw:
        return None
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = textwrap.dedent(text).strip("\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip()
    return text or None


def _paragraphs(text: str | None) -> str | None:
    """Hard-wrapped prose joined back into paragraphs (blank lines kept)."""
    if not text:
        return None
    paras = re.split(r"\n\s*\n", text)
    out = []
    for p in paras:
        lines = [x.strip() for x in p.split("\n") if x.strip()]
        if any(re.match(r"^(?:[-*•]|\d+[.)])\s", x) for x in lines[1:]):
            out.append("\n".join(lines))  # a list: keep its lines
        else:
            out.append(" ".join(lines))
    return "\n\n".join(x for x in out if x) or None


def _status(text: str | None) -> str | None:
    if not text:
        return None
    if text.strip().casefold() == "unknown status":
        return st.UNKNOWN
    return st.normalize_status(text)


def _date(el: Element, tag: str, extra: dict[str, str], label: str):
    node = el.find(tag)
    if node is None or not (node.text or "").strip():
        return None, None
    kind = (node.get("type") or "").casefold() or None
    if kind in {"anticipated", "estimate"}:
        kind = "estimated"
    value = registry_date(extra, label, node.text, kind)
    return value, kind


def _person(node: Element, role: str | None, affiliation: str | None = None, address: str | None = None) -> Contact:
    phone = _t(node, "phone")
    ext = _t(node, "phone_ext")
    name = " ".join(x for x in (_t(node, "first_name"), _t(node, "middle_name"), _t(node, "last_name")) if x)
    return Contact(name=name or None, role=role or _t(node, "role"), affiliation=affiliation or _t(node, "affiliation"),
                   email=_t(node, "email"), phone=f"{phone} ext. {ext}" if phone and ext else phone,
                   address=address)


def parse_element(root: Element, source_file: str | None = None, fmt: str = FORMAT) -> TrialRecord:
    """One ``<clinical_study>`` element as a TrialRecord."""
    nct = _t(root, "id_info/nct_id")
    if not nct:
        raise ImportFormatError(N_("the study has no NCT id ({field})"), field="id_info/nct_id")
    if not re.fullmatch(r"NCT\d{8}", nct):
        raise ImportFormatError(N_("the study's NCT id {id} is malformed"), id=repr(nct))
    extra: dict[str, str] = {}
    ids = dedupe([nct, *_all(root, "id_info/nct_alias"), *_all(root, "id_info/secondary_id")])
    org_id = _t(root, "id_info/org_study_id")
    if org_id:
        extra["Organization study id"] = org_id
    brief = _t(root, "brief_title")
    official = _t(root, "official_title")
    title = official or brief or ""

    overall = _t(root, "overall_status")
    status = _status(overall)
    if overall and status is None:
        extra["Overall status"] = overall
    for tag, label in (("last_known_status", "Last known status"), ("why_stopped", "Why stopped"),
                       ("verification_date", "Status verified"), ("source", "Data provided by")):
        value = _t(root, tag)
        if value:
            extra[label] = value

    start, start_kind = _date(root, "start_date", extra, "Start date")
    if start and "Start date" not in extra:
        extra["Start date"] = start.isoformat() + (f" ({start_kind})" if start_kind else "")
    end, end_kind = _date(root, "completion_date", extra, "Completion date")
    primary, primary_kind = _date(root, "primary_completion_date", extra, "Primary completion date")
    if primary and "Primary completion date" not in extra:
        extra["Primary completion date"] = primary.isoformat() + (f" ({primary_kind})" if primary_kind else "")
    first_posted, _ = _date(root, "study_first_posted", extra, "First posted")
    last_update, _ = _date(root, "last_update_posted", extra, "Last update posted")

    phase = _t(root, "phase")
    if phase and phase.casefold() in _PHASE_NA:
        phase = "Not Applicable"
    enrollment_node = root.find("enrollment")
    enrollment = parse_int(_t(root, "enrollment"))
    if enrollment is not None and enrollment_node is not None and enrollment_node.get("type"):
        kind = enrollment_node.get("type", "").casefold()
        extra["Enrollment type"] = "estimated" if kind == "anticipated" else kind
    for tag, label in (("allocation", "Allocation"), ("intervention_model", "Intervention model"),
                       ("primary_purpose", "Primary purpose"), ("masking", "Masking"),
                       ("observational_model", "Observational model"), ("time_perspective", "Time perspective")):
        value = _t(root, f"study_design_info/{tag}")
        if value:
            extra[label] = value
    for tag, label in (("condition_browse/mesh_term", "MeSH conditions"),
                       ("intervention_browse/mesh_term", "MeSH interventions")):
        terms = _all(root, tag)
        if terms:
            extra[label] = "; ".join(terms)

    elig = root.find("eligibility")
    min_text = _t(elig, "minimum_age")
    max_text = _t(elig, "maximum_age")
    min_age = parse_age_years(min_text)
    max_age = parse_age_years(max_text)
    if max_age is not None and max_age <= 0:
        extra["Maximum age as stated"] = max_text or ""
        max_age = None
    age_parts = [f"{k}: {v}" for k, v in (("Minimum age", min_text), ("Maximum age", max_text))
                 if v and v.casefold() not in _PHASE_NA]
    for tag, label in (("gender_description", "Sex/gender description"), ("sampling_method", "Sampling method")):
        value = _t(elig, tag)
        if value:
            extra[label] = value
    population = _paragraphs(_block(elig, "study_pop/textblock")) if elig is not None else None
    if population:
        extra["Study population"] = population
    criteria_text = _block(elig, "criteria/textblock") if elig is not None else None

    contacts: list[Contact] = []
    for tag, role in (("overall_contact", "Central contact"), ("overall_contact_backup", "Central contact (backup)")):
        for node in root.findall(tag):
            contacts.append(_person(node, role))
    for node in root.findall("overall_official"):
        contacts.append(_person(node, _t(node, "role")))
    sites: list[Site] = []
    for loc in root.findall("location"):
        site = Site(name=_t(loc, "facility/name"), city=_t(loc, "facility/address/city"),
                    region=_t(loc, "facility/address/state"), country=_t(loc, "facility/address/country"),
                    status=_status(_t(loc, "status")))
        sites.append(site)
        place = ", ".join(x for x in (site.city, site.region, _t(loc, "facility/address/zip"), site.country) if x)
        for tag, role in (("contact", "Site contact"), ("contact_backup", "Site contact (backup)")):
            for node in loc.findall(tag):
                contacts.append(_person(node, role, site.name, place or None))
        for node in loc.findall("investigator"):
            role = _t(node, "role")
            contacts.append(_person(node, f"Site {role.lower()}" if role else "Site investigator", site.name,
                                    place or None))
    contacts = [c for c in contacts if c.name or c.email or c.phone]

    download = _t(root, "required_header/download_date")
    if download:
        extra["Downloaded"] = (parse_date(download) or download).__str__()

    return TrialRecord(
        title=title,
        registry_ids=ids,
        brief_title=brief if brief and brief != title else None,
        acronym=_t(root, "acronym"),
        summary=_paragraphs(_block(root, "brief_summary/textblock")),
        description=_paragraphs(_block(root, "detailed_description/textblock")),
        conditions=_all(root, "condition"),
        keywords=_all(root, "keyword"),
        interventions=_all(root, "intervention/intervention_name"),
        phase=phase,
        study_type=_t(root, "study_type"),
        status=status,
        start_date=start,
        end_date=end,
        end_date_kind=end_kind if end else None,
        first_posted=first_posted,
        last_updated=last_update,
        enrollment=enrollment,
        sponsor=_t(root, "sponsors/lead_sponsor/agency"),
        collaborators=_all(root, "sponsors/collaborator/agency"),
        sites=sites,
        contacts=contacts,
        min_age_years=min_age,
        max_age_years=max_age,
        age_text=" - ".join(age_parts) or None,
        sex=parse_sex(_t(elig, "gender")),
        healthy_volunteers=parse_yes_no(_t(elig, "healthy_volunteers")),
        criteria=split_criteria(criteria_text) if criteria_text else [],
        criteria_text=criteria_text,
        source_format=fmt,
        source_file=source_file,
        source_url=f"https://clinicaltrials.gov/study/{nct}",
        current_as_of=last_update,
        extra=extra,
    )
