"""Data-quality flags: what in a trial record looks contradictory or out of date.

Flags are computed when asked (not stored) because some depend on today's date and
some on the rest of the catalog (a contact shared with unrelated trials).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from peewee import fn

from core.catalog import status as st
from core.catalog.models import Contact, Trial
from core.i18n import _, ngettext, pgettext

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Flag:
    """One data-quality warning about a trial."""

    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def _norm_name(name: str | None) -> str:
    return re.sub(r"\W+", " ", (name or "").casefold()).strip()


def _norm_sponsor(name: str | None) -> str:
    return re.sub(r"\W+", " ", (name or "").casefold()).strip()


def status_flags(trial: Trial, today: date) -> list[Flag]:
    """Flags from the trial's own status fields and dates."""
    flags: list[Flag] = []
    code = trial.status
    # Other wording about recruitment in the record (second status lines, summary text).
    claimed: set[str] = set()
    for note in trial.status_notes or []:
        other = st.normalize_status(note)
        if other:
            claimed.add(other)
    for text in (trial.summary, trial.description):
        claimed |= st.status_mentions(text)
    conflicting = sorted(c for c in claimed if code and c != code)
    if conflicting:
        said = pgettext("list separator", ", ").join(_("“{status}”").format(status=_(st.label(c)))
                                                      for c in conflicting)
        flags.append(Flag(
            "status_contradiction",
            _("The record's status says {status} but elsewhere it says {other}: confirm with the study team "
              "whether it is recruiting.").format(status=_(st.label(code)), other=said),
        ))
    if code in st.OPEN_STATUSES and trial.end_date and trial.end_date < today:
        flags.append(Flag(
            "recruiting_after_end",
            _("Status is {status} but the trial end date {date} has passed: the status is probably out of "
              "date.").format(status=_(st.label(code)), date=trial.end_date.isoformat()),
        ))
    if code in st.CLOSED_STATUSES:
        flags.append(Flag(
            "not_recruiting",
            _("This trial is no longer recruiting (status: {status}).").format(status=_(st.label(code))),
        ))
    if code is None:
        flags.append(Flag("status_missing", _("The record does not state a recruitment status.")))
    if trial.enrollment == 0 and code in st.OPEN_STATUSES:
        flags.append(Flag(
            "zero_enrollment",
            _("The record gives a target enrolment of 0 while recruiting."),
        ))
    if trial.current_as_of and (today - trial.current_as_of).days > STALE_AFTER_DAYS:
        flags.append(Flag(
            "stale_record",
            _("The record is current as of {date}, more than a year ago.").format(
                date=trial.current_as_of.isoformat()),
        ))
    return flags


def shared_contact_flags(trial: Trial) -> list[Flag]:
    """A contact person who also appears on trials of other sponsors."""
    flags: list[Flag] = []
    own_sponsor = _norm_sponsor(trial.sponsor)
    seen: set[str] = set()
    for contact in trial.contacts:
        name = _norm_name(contact.name)
        if not name or name in seen:
            continue
        seen.add(name)
        others = (
            Trial.select(Trial.trial_id, Trial.sponsor)
            .join(Contact)
            .where(
                (fn.lower(Contact.name) == contact.name.casefold())
                & (Trial.trial_id != trial.trial_id)
            )
            .distinct()
        )
        unrelated = [t for t in others if _norm_sponsor(t.sponsor) != own_sponsor]
        if unrelated:
            ids = ", ".join(t.trial_id for t in unrelated[:5])
            flags.append(Flag(
                "shared_contact",
                ngettext("Contact {name} is also listed on {n} unrelated trial of other sponsors ({ids}): the "
                         "contact may be wrong; verify before writing.",
                         "Contact {name} is also listed on {n} unrelated trials of other sponsors ({ids}): the "
                         "contact may be wrong; verify before writing.", len(unrelated)).format(
                    name=contact.name, n=len(unrelated), ids=ids),
            ))
    return flags


def trial_flags(trial_id: str, today: date | None = None) -> list[Flag]:
    """Every data-quality flag for one trial."""
    trial = Trial.get_or_none(Trial.trial_id == trial_id)
    if trial is None:
        return []
    today = today or date.today()
    return status_flags(trial, today) + shared_contact_flags(trial)
