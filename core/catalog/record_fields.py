"""A trial record's "other fields" (``TrialRecord.extra``) in the reader's language, where they are shown.

The importers store these fields in English: a label per field ("Organization study id", "Start date")
and, beside what the registry published, a few values the app writes itself ("estimated", "2023-05:
month only, stored as 2023-05-01", "(not a date the app can read)", the Import note). Records are
stored in English on purpose: a kept file is imported again by a later version, and old catalogs hold
the same words. So the words are changed where they are shown (the GUI's trial page, ``catalog show``):
``field_label`` gives a known label in the active language, ``field_value`` a known value; an unknown
label, and every value the registry wrote (a status, a design, a sponsor's name), stays as written.
``kind_word`` is the kind of a date ("estimated", "actual") shown beside the trial's end date too.

The same holds for three of the trial's own fields the importers normalise into a closed set of English
words: the phase ("Phase 2", "Phase 1/Phase 2", "Not Applicable": ``phase_text``), the study type
(``study_type_text``), the sex ("all", "female", "male": ``sex_text``), and a contact's role, which an
importer writes ("Site contact", "Central contact (backup)") or a registry gives from a short list
("Principal Investigator", "Study Chair": ``role_text``). Another value stays as written.
"""

from __future__ import annotations

import re

from core.catalog.design_words import design_value
from core.i18n import N_, _, current_language, pgettext, words
from core.importers.limits import NOTE_KEY, note_message

# Every label an importer stores (core/importers/*): a test imports the real records of ../shared/data
# and fails on a label missing here.
_LABELS = frozenset({
    N_("About the sponsor"), N_("Age groups"), N_("Allocation"), N_("Authorised"), N_("Classification by specialty"),
    N_("Clinical trial type"), N_("Competent authority decision"), N_("Competent authority decision date"),
    N_("Completion date"), N_("Conditions"), N_("Contains a sub-study"), N_("DOI"), N_("Data provided by"),
    N_("Date of disclosure"), N_("Date of protocol fixation"), N_("Decision"), N_("Decision date by country"),
    N_("Disease class"), N_("Downloaded"), N_("Enrollment counted"), N_("Enrollment type"), N_("Estimated end"),
    N_("Estimated recruitment start"), N_("Ethics committee opinion"), N_("Final enrolment"), N_("First entered"),
    N_("First posted"), N_("Funding category"), N_("Funding nationality"), N_("Funding source"),
    N_("Global end of trial"), N_("IRAS number"), N_("Intervention"), N_("Intervention model"),
    N_("Intervention type"), N_("Intervention Type"), N_("Last follow-up date"), N_("Last known status"),
    N_("Last update posted"), N_("Launched"), N_("Location"), N_("Masking"), N_("Maximum age as stated"),
    N_("MeSH conditions"), N_("MeSH interventions"), N_("Member state concerned"), N_("Observational model"),
    N_("Organization study id"), N_("Overall end date"), N_("Overall status"), N_("Participant type"),
    N_("Participants enrolled"), N_("Primary completion date"), N_("Primary purpose"), N_("Protocol serial number"),
    N_("Public title acronym"), N_("Recruitment countries"), N_("Recruitment end"), N_("Recruitment start"),
    N_("Recruitment status by country"), N_("Results publication"), N_("Retrieved"), N_("Sampling method"),
    N_("Scientific title acronym"), N_("Sex/gender description"), N_("Sponsor type"), N_("Sponsor's protocol code"),
    N_("Start date"), N_("Status verified"), N_("Study design"), N_("Study population"), N_("Therapeutic area"),
    N_("Time perspective"), N_("Trial countries"), N_("Trial groups"), N_("Trial status (CTIS)"),
    N_("Trial status (EUCTR)"), N_("Trial type"), N_("Why stopped"), N_("UMIN receipt number"),
    # the aggregator pages' timeline (core/importers/aggregator_page.py)
    N_("First submit"), N_("Trial launched"), N_("Trial updated"), N_("Estimated completion"),
    N_("Import note"),  # NOTE_KEY (core.importers.limits)
})

# Values the app writes itself (a registry's own words stay as published).
_VALUES = frozenset({
    N_("named in the title (the page lists none)"), N_("named in the title (the card lists none)"),
    N_("whole trial"), N_("in the EEA"), N_("in the member state"),
})
_KINDS = {"estimated": N_("estimated"), "actual": N_("actual"), "anticipated": N_("estimated")}
_KIND = r"(?: \((?P<kind>estimated|actual|anticipated)\))?"
_UNREADABLE = re.compile(rf"(?P<text>.+?){_KIND} \(not a date the app can read\)", re.S)
_MONTH_ONLY = re.compile(rf"(?P<text>.+?){_KIND}: month only, stored as (?P<date>\d{{4}}-\d{{2}}-\d{{2}})", re.S)
_DATED = re.compile(r"(?P<date>\d{4}-\d{2}-\d{2}) \((?P<kind>estimated|actual|anticipated)\)")


def field_label(label: str) -> str:
    """``label`` in the active language when the app wrote it; any other label as written."""
    return _(label) if label in _LABELS else label


def kind_word(kind: str | None) -> str | None:
    """A date's kind ("estimated", "actual") in the active language; another kind as written."""
    if not kind:
        return kind
    return _(_KINDS[kind.casefold()]) if kind.casefold() in _KINDS else kind


def field_value(label: str, value: str) -> str:
    """``value`` of the field ``label`` with the app's own words in the active language; the registry's
    words (the date as written, a status, a name) as they are."""
    if not isinstance(value, str):
        return value
    if label == NOTE_KEY:
        return "\n".join(words(note_message(line)) for line in value.split("\n"))
    if value in _VALUES:
        return _(value)
    if label == "Enrollment type" and value.casefold() in _KINDS:
        return kind_word(value) or value
    design = design_value(label, value)  # ClinicalTrials.gov's fixed design lists ("Parallel Assignment")
    if design is not None:
        return design
    found = _DATED.fullmatch(value)
    if found:
        return pgettext("a date and its kind", "{date} ({kind})").format(date=found["date"],
                                                                          kind=kind_word(found["kind"]))
    found = _UNREADABLE.fullmatch(value)
    if found:
        text = _with_kind(found["text"], found["kind"])
        return _("{text} (not a date the app can read)").format(text=text)
    found = _MONTH_ONLY.fullmatch(value)
    if found:
        return _("{text}: month only, stored as {date}").format(text=_with_kind(found["text"], found["kind"]),
                                                                 date=found["date"])
    return value


def _with_kind(text: str, kind: str | None) -> str:
    if not kind:
        return text
    return pgettext("a date and its kind", "{date} ({kind})").format(date=text, kind=kind_word(kind))


def shown_fields(extra: dict[str, str]) -> list[tuple[str, str]]:
    """The fields as (label, value) in the active language, in the order of their stored labels."""
    return [(field_label(k), field_value(k, v)) for k, v in sorted(extra.items())]


_PHASE = re.compile(r"Phase ([1-4])")
_STUDY_TYPES = {"Interventional": N_("Interventional"), "Observational": N_("Observational"),
                "Observational [Patient Registry]": N_("Observational [Patient Registry]"),
                "Expanded Access": N_("Expanded Access")}
_SEXES = {"all": N_("All"), "female": N_("Female"), "male": N_("Male")}


def phase_text(phase: str | None) -> str | None:
    """"Phase 2" -> "2期" / "第2相"; "Phase 1/Phase 2" part by part; "Not Applicable" worded; another as written."""
    if not phase:
        return phase
    parts = []
    for part in phase.split("/"):
        part = part.strip()
        found = _PHASE.fullmatch(part)
        if found:
            parts.append(pgettext("trial phase", "Phase {n}").format(n=found[1]))
        elif part == "Early Phase 1":
            parts.append(pgettext("trial phase", "Early Phase 1"))
        elif part.casefold() in ("not applicable", "n/a", "na"):
            parts.append(pgettext("trial phase", "Not Applicable"))
        else:
            return phase  # a registry's own wording: as published
    return "/".join(parts)


def study_type_text(study_type: str | None) -> str | None:
    """The study type in the active language when it is one the importers write; another as written."""
    return _(_STUDY_TYPES[study_type]) if study_type in _STUDY_TYPES else study_type


def sex_text(sex: str | None) -> str | None:
    """The record's sex eligibility ("all", "female", "male") in the active language."""
    if not sex:
        return sex
    return _(_SEXES[sex.casefold()]) if sex.casefold() in _SEXES else sex


_ROLES = {"contact": N_("Contact"), "central contact": N_("Central contact"),
          "central contact (backup)": N_("Central contact (backup)"), "site contact": N_("Site contact"),
          "site contact (backup)": N_("Site contact (backup)"), "site investigator": N_("Site investigator"),
          "site principal investigator": N_("Site principal investigator"),
          "site sub-investigator": N_("Site sub-investigator"), "principal investigator": N_("Principal investigator"),
          "sub-investigator": N_("Sub-investigator"), "study director": N_("Study director"),
          "study chair": N_("Study chair"), "public contact": N_("Public contact")}


def role_text(role: str | None) -> str | None:
    """A contact's role in the active language when it is one of the usual ones; another as written."""
    if not role or current_language() == "en":  # English: as the record writes it ("Study Chair")
        return role
    key = role.strip().casefold()
    return _(_ROLES[key]) if key in _ROLES else role
