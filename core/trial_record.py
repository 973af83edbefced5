"""The normalised trial record every importer returns, whatever the source layout.

Fields hold only what the source states: ``None`` (or an empty list) means "the record
does not say", never a guessed default. Criteria are kept verbatim as a tree of numbered
items so sub-items and "one of the following" lists keep their structure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from core.i18n import _

INCLUSION = "inclusion"
EXCLUSION = "exclusion"


@dataclass
class Site:
    """A place where the trial runs."""

    name: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None
    status: str | None = None


@dataclass
class Contact:
    """A person or office to contact about the trial."""

    name: str | None = None
    role: str | None = None
    affiliation: str | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass
class CriterionNode:
    """One eligibility item, verbatim, with its printed label and sub-items."""

    kind: str  # INCLUSION or EXCLUSION
    text: str
    label: str | None = None  # as printed: "1", "1-1", "a", or None for a bullet
    children: list[CriterionNode] = field(default_factory=list)

    def walk(self, key_prefix: str) -> list[tuple[str, str | None, CriterionNode]]:
        """(key, parent key, node) for this node and its descendants, depth first."""
        out: list[tuple[str, str | None, CriterionNode]] = []
        for i, child in enumerate(self.children, start=1):
            key = f"{key_prefix}.{i}"
            out.append((key, key_prefix, child))
            out.extend(child.walk(key))
        return out


# One short phrase ending in a colon and holding no other colon: "Concurrent Medication:",
# "INCLUSION OF PREGNANT WOMEN:". A run-on "Age: 18 and over … Life expectancy:" holds content.
_HEADING_TEXT = re.compile(r"^[^:：]{1,100}[:：]$")


# What PDQ-style records print where a heading has nothing to require: "Life expectancy:" over "Not
# specified", "Biologic therapy:" over "See Disease Characteristics", or both on one line ("Endocrine
# therapy: Not specified"): about 3,500 items in the archive.
# "Not specified", "See Disease Characteristics", and what only lifts a restriction: "Any age", "Prior surgery
# allowed", "Concurrent hormonal therapy permitted" (PDQ records print one under each topic; a condition,
# a number or a limit after it makes it a requirement again, and it is read or asked as usual)
_PLACEHOLDER_TEXT = re.compile(r"^(?:[a-z][a-z /-]{1,40}(?:--|:)\s*)?(?:not specified|see (?:disease|patient)"
                               r" characteristics|see general eligibility criteria|any age|all ages|any"
                               r"|(?:prior|previous|concurrent)(?: (?!not\b|no\b|never\b|only\b)[a-z-]+){1,4}"
                               r" (?:is |are )?(?:allowed|permitted))"
                               r"\s*\.?$", re.IGNORECASE)


def is_heading_text(text: str) -> bool:
    """Whether an item's text is only a heading, or a placeholder that states nothing ("Not specified",
    "See Disease Characteristics"): with no sub-items and no rule it states no requirement (what it
    heads was printed elsewhere or not at all), so nobody is asked it."""
    t = text.strip()
    return (bool(_HEADING_TEXT.match(t)) and len(t.split()) <= 10) or is_placeholder_text(t)


def is_placeholder_text(text: str) -> bool:
    """Whether an item only says that nothing is required here ("Not specified")."""
    return bool(_PLACEHOLDER_TEXT.match(text.strip()))


def display_label(key: str, label: str | None) -> str:
    """The printed number, or for an unnumbered item its place: "2.1" below another item,
    "item 3" at the top (a bare bullet would not tell the reader which one), in the active
    language ("第3项", "3項目"): the sentences that name it are composed in the same language."""
    if label:
        return label
    path = key.partition("-")[2]
    return path if "." in path else _("item {n}").format(n=path)


def criterion_keys(criteria: list[CriterionNode]) -> list[tuple[str, str | None, CriterionNode]]:
    """Stable keys for a criteria tree: ``inc-2``, ``inc-3.1``, ``exc-1``...

    Keys count positions (not printed labels, which can be missing or repeated), so
    curation files can tie a rule to one item.
    """
    out: list[tuple[str, str | None, CriterionNode]] = []
    counters = {INCLUSION: 0, EXCLUSION: 0}
    for node in criteria:
        counters[node.kind] += 1
        key = f"{node.kind[:3]}-{counters[node.kind]}"
        out.append((key, None, node))
        out.extend(node.walk(key))
    return out


@dataclass
class TrialRecord:
    """One trial as a source record states it."""

    title: str
    registry_ids: list[str] = field(default_factory=list)
    local_id: str | None = None
    brief_title: str | None = None
    acronym: str | None = None
    summary: str | None = None
    description: str | None = None
    conditions: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    interventions: list[str] = field(default_factory=list)
    phase: str | None = None
    study_type: str | None = None
    status: str | None = None
    status_notes: list[str] = field(default_factory=list)  # other status wording in the record
    start_date: date | None = None
    end_date: date | None = None
    end_date_kind: str | None = None  # "estimated" / "actual" / None when not stated
    first_posted: date | None = None
    last_updated: date | None = None
    enrollment: int | None = None
    sponsor: str | None = None
    collaborators: list[str] = field(default_factory=list)
    sites: list[Site] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    min_age_years: float | None = None
    max_age_years: float | None = None
    age_text: str | None = None  # the age wording as printed
    sex: str | None = None  # "all" / "female" / "male"
    healthy_volunteers: bool | None = None
    criteria: list[CriterionNode] = field(default_factory=list)
    criteria_text: str | None = None  # the whole eligibility section, verbatim
    source_format: str = ""
    source_file: str | None = None
    source_url: str | None = None
    current_as_of: date | None = None
    extra: dict[str, str] = field(default_factory=dict)  # stated fields with no column

    @property
    def trial_id(self) -> str:
        """The id the catalog uses: the first registry id, else a stable local id."""
        if self.registry_ids:
            return self.registry_ids[0]
        return self.local_id or make_local_id(self.title, self.sponsor)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["trial_id"] = self.trial_id
        return data


def make_local_id(title: str, sponsor: str | None) -> str:
    """A stable id for a record with no registry id, from what identifies it."""
    norm = re.sub(r"\W+", " ", f"{title}|{sponsor or ''}".casefold()).strip()
    return "LOCAL-" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:10].upper()
