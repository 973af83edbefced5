"""A trial's verdict for one patient, with a status and a sentence for every criterion.

Criteria come as dicts or objects with ``key``, ``parent_key``, ``kind`` ("inclusion" or
"exclusion"), ``label``, ``text`` and ``rule``. A parent with a rule is decided by its
rule; a parent without one is decided by its sub-items (an inclusion by all of them, an
exclusion by any of them, or as its rule ``{"children": "any" | "all"}`` says). A criterion
with no rule, or with an invalid one, is evaluated as a question for the clinician, so it is
unknown until answered and never silently met. For exclusions "met" means the exclusion is present.

The verdict is ``eligible`` (every inclusion met, no exclusion present), ``not_eligible``
(an inclusion definitely not met or an exclusion definitely present; those are named) or
``possibly_eligible`` (nothing rules the patient out; the unknowns are listed). The
recruitment status is carried beside the verdict and never changes it. ``to_json`` gives
the stable shape documented in ``docs/rules.md``.

Refer, don't exclude: the verdict is decided in the world where the patient has taken the
steps before enrolment the rules mark (``step`` nodes: a washout, stopping a drug, consent)
and, when that still rules the patient out only through facts that time changes (an age not
reached, a duration still too short), at the earliest date from which it no longer does
(``later.py``). Such a trial is eligible or possibly eligible with its ``steps`` and
``eligible_from`` listed, never "not eligible" for them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from core.i18n import _, ngettext, pgettext
from core.matching import later, sentences
from core.matching.cohorts import inclusion_values, lists_cohorts
from core.matching.evaluate import merge_steps
from core.matching.trial_eval import (
    AFTER_STEPS,
    CHILDREN_BASIS,
    FROM_DATE,
    HEADING_BASIS,
    MET,
    NOT_MET,
    STATUS,
    UNKNOWN,
    CriterionResult,
    Item,
    TrialEvaluator,
    base_status,
    is_heading,
    item_has_steps,
    parse_items,
    shown_label,
)
from core.patient.dates import add_months
from core.patient.kleene import Truth, kleene_and, kleene_or
from core.patient.profile import PatientProfile
from core.patient.timeline import HORIZON_MONTHS, FactTimeline

__all__ = ["AFTER_STEPS", "CHILDREN_BASIS", "ELIGIBLE", "FROM_DATE", "HEADING_BASIS", "MET", "NOT_ELIGIBLE", "NOT_MET",
           "POSSIBLY_ELIGIBLE", "UNKNOWN", "CriterionResult", "TrialVerdict", "base_status", "describe_verdict",
           "evaluate_trial"]

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
POSSIBLY_ELIGIBLE = "possibly_eligible"
SHAPE_VERSION = 2


@dataclass
class TrialVerdict:
    """The verdict for one trial, with every criterion's result."""

    trial_id: str
    verdict: str
    criteria: list[CriterionResult]
    deciding: list[str]  # keys of inclusions not met / exclusions present (not_eligible)
    to_verify: list[str]  # keys of unknown criteria that still matter (possibly_eligible)
    inclusion_logic: str = "all"
    recruitment_status: str | None = None
    steps: list[dict[str, Any]] = field(default_factory=list)  # to do before enrolment (not when not_eligible)
    eligible_from: date | None = None  # the verdict holds from this day (None: today)
    when: list[str] = field(default_factory=list)  # what that day waits for
    # deciding criteria whose "rules the patient out" rests on an automatic reading nobody has reviewed
    unreviewed: list[str] = field(default_factory=list)
    # the inclusions list alternative groups of participants: one not met is to verify (core.matching.cohorts)
    cohorts: bool = False

    def criterion(self, key: str) -> CriterionResult:
        for result in self.criteria:
            if result.key == key:
                return result
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "shape_version": SHAPE_VERSION,
            "trial_id": self.trial_id,
            "verdict": self.verdict,
            "recruitment_status": self.recruitment_status,
            "inclusion_logic": self.inclusion_logic,
            "deciding": self.deciding,
            "to_verify": self.to_verify,
            "criteria": [c.to_dict() for c in self.criteria],
            "steps": self.steps,
            "eligible_from": self.eligible_from.isoformat() if self.eligible_from else None,
            "when": self.when,
            "unreviewed": self.unreviewed,
            "cohorts": self.cohorts,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=2)


def _decide(top: list[Item], values: Mapping[str, Truth], inclusion_logic: str,
            cohorts: bool = False) -> tuple[str, list[str], list[str]]:
    """The verdict from the top-level criteria's values, with the deciding / to-verify keys. ``cohorts``: the
    inclusions list alternative groups of participants (``core.matching.cohorts``), so one not met is to
    verify rather than deciding."""
    inclusions = [i.key for i in top if i.kind == "inclusion"]
    exclusions = [i.key for i in top if i.kind == "exclusion"]
    inc_values = inclusion_values((values[k] for k in inclusions), cohorts)
    inc = (kleene_or if inclusion_logic == "any" and inclusions else kleene_and)(inc_values)
    present = [k for k in exclusions if values[k] is True]
    if inc is False or present:
        failing = [k for k in inclusions if values[k] is False] if inc is False else []
        return NOT_ELIGIBLE, failing + present, []
    if inc is True and all(values[k] is False for k in exclusions):
        return ELIGIBLE, [], []
    open_inclusions = [k for k, v in zip(inclusions, inc_values, strict=True) if v is None] if inc is None else []
    return POSSIBLY_ELIGIBLE, [], open_inclusions + [k for k in exclusions if values[k] is None]


def _unfavourable(item: Item, value: Truth) -> bool:
    """An inclusion not met, or an exclusion present."""
    return value is (item.kind != "inclusion")


class _Worlds:
    """The trial evaluated today, after the steps, and after the steps on later days (cached)."""

    def __init__(self, trial_id: str, items: list[Item], answers: Mapping[str, Truth], explain: bool,
                 timeline: FactTimeline | None):
        self.trial_id, self.items, self.answers, self.explain = trial_id, items, answers, explain
        self.timeline = timeline
        self.by_key = {item.key: item for item in items}
        self._later: dict[date, dict[str, Truth]] = {}
        self._lazy: dict[date, TrialEvaluator] = {}

    def run(self, facts: Mapping[str, Any], after_steps: bool, explain: bool | None = None) -> TrialEvaluator:
        ev = TrialEvaluator(self.trial_id, self.items, facts, self.answers,
                             self.explain if explain is None else explain, after_steps)
        ev.evaluate_all(self.items)
        return ev

    def values_on(self, day: date) -> dict[str, Truth]:
        """Every criterion's value after the steps, with the facts as of ``day`` (no sentences)."""
        if day not in self._later:
            assert self.timeline is not None
            self._later[day] = self.run(self.timeline.at(day), True, explain=False).values
        return self._later[day]

    def value_on(self, day: date, key: str) -> Truth:
        """One criterion's value after the steps as of ``day``, evaluating only what it needs
        (a cheap first look; a ref cycle reads unknown here, which never hides a date)."""
        ev = self._lazy.get(day)
        if ev is None:
            assert self.timeline is not None
            ev = self._lazy[day] = TrialEvaluator(self.trial_id, self.items, self.timeline.at(day), self.answers,
                                                  False, True)
        return ev.value(self.by_key[key])


def evaluate_trial(
    trial_id: str,
    criteria: Iterable[Any],
    patient: PatientProfile | Mapping[str, Any],
    *,
    confirmations: Mapping[str, Truth] | None = None,
    inclusion_logic: str = "all",
    recruitment_status: str | None = None,
    today: date | None = None,
    explain: bool = True,
    timeline: FactTimeline | None = None,
) -> TrialVerdict:
    """The verdict of one trial for one patient.

    ``patient`` is a profile (facts are derived and its confirmations for ``trial_id``
    used) or an already computed facts mapping from ``derived.compute_facts`` (pass the
    trial's ``confirmations`` beside it) so a screening derives facts once for all trials.
    ``explain=False`` skips the sentences for bulk screening. The earliest date is looked
    for only with a ``timeline`` (made from the profile when a profile is given).
    """
    if inclusion_logic not in ("all", "any"):
        raise ValueError(f"inclusion_logic must be 'all' or 'any', not {inclusion_logic!r}")
    if isinstance(patient, PatientProfile):
        timeline = timeline or FactTimeline(patient, today)
        facts = timeline.at(timeline.today)
        answers = dict(patient.confirmations.get(trial_id, {}))
        answers.update(confirmations or {})
    else:
        facts, answers = patient, dict(confirmations or {})
    items = parse_items(criteria)
    top = [item for item in items if item.parent_key is None and not is_heading(item)]  # headings: neutral
    cohorts = lists_cohorts(i.text for i in top if i.kind == "inclusion")
    worlds = _Worlds(trial_id, items, answers, explain, timeline)
    now = worlds.run(facts, False)
    decision = _decide(top, now.values, inclusion_logic, cohorts)
    stepped = decision[0] != ELIGIBLE and any(item_has_steps(i) for i in items)
    if not stepped and (decision[0] != NOT_ELIGIBLE or timeline is None):
        return _marked(TrialVerdict(trial_id, decision[0], [now.results[i.key] for i in items], decision[1],
                                    decision[2], inclusion_logic, recruitment_status, cohorts=cohorts), worlds.by_key)
    after = worlds.run(facts, True) if stepped else now
    final, day = after, None
    decision = _decide(top, after.values, inclusion_logic, cohorts)
    if decision[0] == NOT_ELIGIBLE and timeline is not None:
        day = _trial_day(worlds, top, decision[1], inclusion_logic, cohorts)
        if day is not None:
            final = worlds.run(timeline.at(day), True)
            decision = _decide(top, final.values, inclusion_logic, cohorts)
    results = [_combined(worlds, item, now, after, final, day) for item in items]
    verdict = TrialVerdict(trial_id, decision[0], results, decision[1], decision[2], inclusion_logic,
                           recruitment_status, cohorts=cohorts)
    if verdict.verdict != NOT_ELIGIBLE:
        for result in results:
            if result.parent_key is None:
                verdict.steps = merge_steps(verdict.steps, result.steps)
                if result.when and result.when not in verdict.when:
                    verdict.when.append(result.when)
        verdict.eligible_from = day
    return _marked(verdict, worlds.by_key)


UNREVIEWED_ORIGIN = "automatic-unreviewed"  # core.catalog.curation's name for a proposal nobody reviewed


def _rests_on_automatic(item: Item) -> bool:
    """Whether the criterion's value comes from an unreviewed automatic rule: its own, or (a
    parent decided by its sub-items) one of theirs."""
    if item.origin == UNREVIEWED_ORIGIN:
        return True
    return item.rule is None and any(_rests_on_automatic(child) for child in item.children)


def _marked(verdict: TrialVerdict, by_key: Mapping[str, Item]) -> TrialVerdict:
    """Name the deciding criteria read automatically and not yet reviewed: the verdict says so
    (``unreviewed``) so the clinician checks those criteria's own words before relying on it."""
    if verdict.verdict == NOT_ELIGIBLE:
        verdict.unreviewed = [k for k in verdict.deciding if k in by_key and _rests_on_automatic(by_key[k])]
    return verdict


def _trial_day(worlds: _Worlds, top: list[Item], deciding: list[str], inclusion_logic: str,
               cohorts: bool = False) -> date | None:
    """The first day the trial no longer rules the patient out (after the steps), when only
    criteria reading facts that time changes rule them out today."""
    timeline = worlds.timeline
    assert timeline is not None
    today = timeline.at(timeline.today)
    if not all(later.may_improve(key, worlds.by_key, timeline.changing, today) for key in deciding):
        return None
    # Cheap first look: each deciding criterion on its own must stop ruling out at some month.
    months = [add_months(timeline.today, k) for k in range(1, HORIZON_MONTHS + 1)]
    for key in deciding:
        item = worlds.by_key[key]
        if all(_unfavourable(item, worlds.value_on(day, key)) for day in months):
            return None
    return later.earliest_day(
        lambda day: _decide(top, worlds.values_on(day), inclusion_logic, cohorts)[0] != NOT_ELIGIBLE, timeline.today)


def _combined(worlds: _Worlds, item: Item, now: TrialEvaluator, after: TrialEvaluator,
              final: TrialEvaluator, day: date | None) -> CriterionResult:
    """One criterion as the verdict reports it: its value in the verdict's world (after the
    steps, on ``day`` when waiting is needed), today's value and sentence, the steps still
    needed and, when waiting settles it, its own earliest day and why."""
    key = item.key
    result, v_now, v_final = now.results[key], now.values[key], final.values[key]
    favourable = item.kind == "inclusion"
    needed = final.results[key].steps if v_now is not favourable and not _unfavourable(item, v_final) else []
    timed = day is not None and after.values[key] != v_final
    suffix = FROM_DATE if timed else AFTER_STEPS if (needed or v_now != v_final) else ""
    if not suffix:
        return result
    sentence = result.sentence
    extra = final.results[key].sentence
    if v_final is None and extra and extra not in sentence:
        sentence = f"{sentence} {extra}".strip()
    eligible_from, when = None, None
    if timed:
        timeline = worlds.timeline
        assert timeline is not None and day is not None
        if _unfavourable(item, after.values[key]):
            eligible_from = later.earliest_day(
                lambda d: not _unfavourable(item, worlds.value_on(d, key)), timeline.today) or day
        else:
            eligible_from = day
        when = later.when_text(key, worlds.by_key, timeline.at(timeline.today), timeline.at(eligible_from),
                               timeline.changing)
    return replace(result, status=base_status(STATUS[v_final]) + suffix, status_now=STATUS[v_now],
                   sentence=sentence, steps=needed, eligible_from=eligible_from, when=when)


def describe_verdict(verdict: TrialVerdict) -> str:
    """One line for lists: the verdict and what decided it."""
    names = {c.key: sentences.criterion_name(c.kind, shown_label(c.key, c.label)) for c in verdict.criteria}
    sep = pgettext("list separator", ", ")
    if verdict.verdict == NOT_ELIGIBLE:
        clauses = [_("not eligible: {criteria}").format(criteria=sep.join(names[k] for k in verdict.deciding))]
        if verdict.unreviewed:
            clauses.append(_("read automatically, not yet reviewed (check the criterion's words): {criteria}")
                           .format(criteria=sep.join(names[k] for k in verdict.unreviewed)))
        return sentences.join_clauses(clauses)
    later_words = []
    if verdict.eligible_from:
        later_words.append(sentences.eligible_from_line(verdict.eligible_from, verdict.when))
    if verdict.steps:
        n = len(verdict.steps)
        later_words.append(ngettext("after {n} step before enrolment", "after {n} steps before enrolment", n)
                           .format(n=n))
    later = ("" if sentences.cjk() else " ").join(later_words)
    if verdict.verdict == POSSIBLY_ELIGIBLE:
        listing = sep.join(names[k] for k in verdict.to_verify)
        template = _("possibly eligible {later}; to verify: {criteria}") if later else \
            _("possibly eligible; to verify: {criteria}")
        return sentences.join_clauses([template.format(later=later, criteria=listing)])
    return sentences.join_clauses([_("eligible {later}").format(later=later) if later else _("eligible")])
