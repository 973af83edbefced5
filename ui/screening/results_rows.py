"""The rows under a trial in the live results: what is to be done before enrolment, then its criteria grouped by
state (not met / unknown / met later / met / headings), each with the sentence why. Plain text only: a
QTreeWidgetItem never renders markup."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTreeWidgetItem

from core.i18n import N_, _
from core.matching.sentences import eligible_from_line, step_line
from core.matching.verdict import HEADING_BASIS, MET, NOT_ELIGIBLE, NOT_MET, UNKNOWN, TrialVerdict, base_status
from ui.plain import tip
from ui.screening.text import VERDICT_COLOUR, capitalised, criterion_name

FULL_ROLE = Qt.ItemDataRole.UserRole + 4  # an item's whole text, shown under the tree when it is current
LATER = "later"
HEADINGS = "headings"
_GROUPS = ((NOT_MET, N_("Not met / exclusion present")), (UNKNOWN, N_("Unknown")),
           (LATER, N_("Met once the steps are taken / from a later date")), (MET, N_("Met")),
           (HEADINGS, N_("Headings in the record (not requirements)")))


def _criterion_state(kind: str, status: str) -> str:
    """For an exclusion, "met" means the exclusion is present: that rules the patient out.
    A criterion satisfied only after the steps before enrolment or from a date is ``LATER``."""
    base = base_status(status)
    if kind == "exclusion":
        base = {MET: NOT_MET, NOT_MET: MET}.get(base, base)
    return LATER if base == MET and base_status(status) != status else base


def _today(c, state: str) -> str:
    """A criterion's sentence, after when it is met later ("met from 2027-03-01 (when …). Today: …")."""
    if c.eligible_from:
        when = eligible_from_line(c.eligible_from, c.when)
        template = _("met {when}. Today: {sentence}") if c.kind == "inclusion" else \
            _("no longer present {when}. Today: {sentence}")
        return template.format(when=when, sentence=c.sentence)
    if state == LATER and c.steps:
        return _("met once done before enrolment. Today: {sentence}").format(sentence=c.sentence)
    return c.sentence


def _add_before_enrolment(item: QTreeWidgetItem, v: TrialVerdict) -> list[QTreeWidgetItem]:
    """What is to be done before enrolment, and from when: listed first, never hidden.
    Returns the rows that span every column (set once the tree is filled)."""
    lines = [capitalised(_("eligible {when}").format(when=eligible_from_line(v.eligible_from, v.when)))] \
        if v.eligible_from else []
    lines += [step_line(step) for step in v.steps]
    if not lines:
        return []
    group = QTreeWidgetItem([_("Before enrolment ({n})").format(n=len(lines))])
    group.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.addChild(group)
    spanned = [group]
    for line in lines:
        child = QTreeWidgetItem([line])  # plain text: a QTreeWidgetItem never renders markup
        child.setFlags(Qt.ItemFlag.ItemIsEnabled)
        group.addChild(child)
        spanned.append(child)
    group.setExpanded(True)
    return spanned

def add_criteria(item: QTreeWidgetItem, v: TrialVerdict) -> list[QTreeWidgetItem]:
    """Add the criteria rows under ``item``; returns the rows that span every column."""
    spanned: list[QTreeWidgetItem] = _add_before_enrolment(item, v)
    by_state: dict[str, list] = {MET: [], NOT_MET: [], UNKNOWN: [], LATER: [], HEADINGS: []}
    for c in v.criteria:
        by_state[HEADINGS if c.basis == HEADING_BASIS else _criterion_state(c.kind, c.status)].append(c)
    for state, heading in _GROUPS:
        found = by_state[state]
        if not found:
            continue
        group = QTreeWidgetItem([f"{_(heading)} ({len(found)})"])
        group.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if state == NOT_MET:
            group.setForeground(0, QBrush(QColor(VERDICT_COLOUR[NOT_ELIGIBLE])))
        item.addChild(group)
        spanned.append(group)
        for c in found:
            name = criterion_name(c.kind, c.key, c.label)
            today = _today(c, state)  # when it is met later, that first: the sentence describes today
            if c.key in v.unreviewed:
                today = _("{sentence} Read automatically, not yet reviewed: check the criterion's words.").format(
                    sentence=today)
            if v.cohorts and state == NOT_MET and c.kind == "inclusion" and v.verdict != NOT_ELIGIBLE:
                today = _("{sentence} The trial lists groups of participants (such as healthy volunteers or "
                          "relatives): this criterion may belong to another group, so it does not rule the "
                          "patient out; the study team decides.").format(sentence=today)
            conflict = getattr(c, "conflict", None)
            mark = "⚠ " if conflict else ""  # a direct answer against the record: the sentence says which is used
            child = QTreeWidgetItem([f"{mark}{name}: {today}"])
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            if conflict:
                child.setForeground(0, QBrush(QColor("#8a4b00")))
            child.setToolTip(0, tip(f"{name}: {c.text}\n\n{today}"))
            child.setData(0, FULL_ROLE, f"{name}: {c.text}\n{today}")
            group.addChild(child)
            spanned.append(child)
        group.setExpanded(state not in (MET, HEADINGS))
    return spanned
