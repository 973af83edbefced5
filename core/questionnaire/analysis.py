"""What is still open in one trial, and what could close it.

For a trial that is not yet decided (possibly eligible) this finds the **unknown leaves**
of the criteria that still matter: fact comparisons whose fact is unknown and clinician
questions not answered, reached through unknown ``all``/``any``/``not`` nodes, refs and
sub-items. Known parts are never descended into, so a fact that can no longer change the
verdict is never reported.

Each leaf is scored by what its answer alone could do: rule the trial out
(``DECIDES_NOT_ELIGIBLE``), make it eligible (``DECIDES_ELIGIBLE``), or only narrow it
down (``CONTRIBUTES``). That is found by setting the leaf to true and to false and
re-evaluating the trial, everything else unchanged.

The truth values follow ``core.matching.verdict`` exactly (Kleene logic, refs, sub-items,
rule-less and invalid criteria as clinician questions, ``inclusion_logic``, and the world
after the steps before enrolment: a ``step`` node takes the value that favours the patient
at its place, so what it covers is never asked to rule anyone out); the engine's tests
check the two agree.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from core.matching.cohorts import inclusion_values
from core.matching.evaluate import compare
from core.matching.rules import confirm_key as answer_key
from core.matching.trial_eval import has_bare_confirm
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE, evaluate_trial
from core.patient.kleene import Truth, kleene_and, kleene_not, kleene_or
from core.patient.timeline import FactTimeline
from core.questionnaire.trials import CHILDREN, HEADING, WHOLE_CONFIRM, TrialSpec

DECIDES_NOT_ELIGIBLE, DECIDES_ELIGIBLE, CONTRIBUTES = 3, 2, 1
EXHAUSTIVE_UP_TO = 4


@dataclass
class Leaf:
    """One unknown part of an open trial."""

    trial_id: str
    criterion_key: str  # the criterion whose own rule holds this part
    fact: str | None = None  # fact comparison on this fact ...
    confirm_key: str | None = None  # ... or the clinician question with this key (key or key#id)
    op: str | None = None  # the comparison, for a fact leaf
    value: Any = None
    override: Any = None  # how the evaluator addresses this part to force its value
    want: bool = True  # the value that favours the patient here (an inclusion met, an exclusion absent)
    top: str = ""  # the top-level criterion it belongs to
    question: str | None = None  # the clinician question's id, for a confirm leaf (ranking fills it once)


@dataclass
class TrialState:
    """A trial's verdict as the questionnaire needs it."""

    trial_id: str
    verdict: str
    values: dict[str, Truth]  # top-level criterion key -> value
    to_verify: list[str]
    leaves: list[Leaf] = field(default_factory=list)
    weigher: Callable[[list[tuple[Any, tuple[bool, ...]]]], int] | None = None
    pruner: Callable[[list[Leaf]], list[Leaf]] | None = None
    _weights: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    _worth: dict[frozenset, list[Leaf]] = field(default_factory=dict, repr=False, compare=False)

    def worth_asking(self, askable: Callable[[Leaf], bool]) -> list[Leaf]:
        """The leaves whose answers could still change the verdict, given which of them can
        still be asked at all (``askable``: the others stay unknown for good — their questions
        were answered "unknown"). See ``_worth_asking``."""
        open_leaves = [leaf for leaf in self.leaves if askable(leaf)]
        if self.pruner is None or len(open_leaves) == len(self.leaves):
            return open_leaves  # nothing is stuck at unknown: every part may still settle the trial
        key = frozenset(id(leaf) for leaf in open_leaves)
        if key not in self._worth:  # the state is reused across answers (engine._analysed)
            self._worth[key] = self.pruner(open_leaves)
        return self._worth[key]

    def weight(self, leaves: list[Leaf | tuple[Leaf, tuple[bool, ...]]]) -> int:
        """``DECIDES_NOT_ELIGIBLE`` if answering these parts could rule the trial out,
        ``DECIDES_ELIGIBLE`` if it could make it eligible, else ``CONTRIBUTES``.

        A part may come with the truth values its answer can give (default both).
        """
        if self.weigher is None:
            return 0
        parts = [(x, (True, False)) if isinstance(x, Leaf) else x for x in leaves]
        keys = [(leaf.override, values) for leaf, values in parts]
        # A state is reused while its trial's facts are unchanged (engine._analysed), so the
        # same parts are weighed again after every answer: remember the answers.
        memo_key = repr(keys)
        cached = self._weights.get(memo_key)
        if cached is None:
            cached = self._weights[memo_key] = self.weigher(keys)
        return cached

    @property
    def is_final(self) -> bool:
        return self.verdict != POSSIBLY_ELIGIBLE


class _Env:
    """Evaluates a trial's criteria once each, with some parts forced to a value."""

    def __init__(self, trial: TrialSpec, facts: Mapping[str, Any], answers: Mapping[str, Truth],
                 override: Mapping[Any, Truth] | None = None):
        self.trial = trial
        self.facts = facts
        self.answers = answers
        self.override = override or {}
        self.crit_memo: dict[str, Truth] = {}
        self.node_memo: dict[int, Truth] = {}
        self.active: set[str] = set()

    def crit(self, key: str) -> Truth:
        if key in self.crit_memo:
            return self.crit_memo[key]
        item = self.trial.items.get(key)
        if item is None or key in self.active:
            return None  # a missing criterion or a ref cycle: unknown, as verdict.py reads it
        self.active.add(key)
        try:
            if item.mode == HEADING:
                value = item.kind == "inclusion"  # neutral, as verdict.py reads a heading
            elif item.mode == WHOLE_CONFIRM:
                whole = ("whole", key)
                value = self.override[whole] if whole in self.override else self.answers.get(key)
            elif self.answers.get(key) is not None and (item.mode == CHILDREN or not has_bare_confirm(item.parsed)):
                # answered directly for the whole criterion: that decides it (as verdict.py reads it)
                value = self.answers[key]
            elif item.mode == CHILDREN and ("whole", key) in self.override:  # the list asked as one question
                value = self.override[("whole", key)]
            elif item.mode == CHILDREN:
                values = [self.crit(child) for child in item.children]
                value = (kleene_or if item.children_mode == "any" else kleene_and)(values)
            else:
                value = self.node(item.parsed, key, item.kind == "inclusion")
        finally:
            self.active.discard(key)
        self.crit_memo[key] = value
        return value

    def node(self, node: Mapping[str, Any], owner: str, want: bool = True) -> Truth:
        """A node's value; ``want`` is the value that favours the patient here (a step takes it)."""
        nid = id(node)
        if nid in self.override:
            return self.override[nid]
        if nid in self.node_memo:
            return self.node_memo[nid]
        if "fact" in node:
            value = compare(self.facts.get(node["fact"]), node["op"], node["value"])
        elif "all" in node:
            value = kleene_and(self.node(n, owner, want) for n in node["all"])
        elif "any" in node:
            value = kleene_or(self.node(n, owner, want) for n in node["any"])
        elif "not" in node:
            value = kleene_not(self.node(node["not"], owner, not want))
        elif "step" in node:
            value = want
        elif "confirm" in node:
            node_id = node.get("id")
            value = self.answers.get(answer_key(owner, node_id))
        elif "ref" in node:
            value = self.crit(node["ref"])
        else:
            value = None
        if "ref" not in node:  # a ref's value depends on the cycle guard: not cached per node
            self.node_memo[nid] = value
        return value

    def verdict(self) -> tuple[str, dict[str, Truth], list[str]]:
        return verdict_of(self.trial, {c.key: self.crit(c.key) for c in self.trial.top_level})


def verdict_of(trial: TrialSpec, values: dict[str, Truth]) -> tuple[str, dict[str, Truth], list[str]]:
    """The verdict from the top-level criteria's values (as verdict.py combines them)."""
    inclusions, exclusions = trial.top_keys()
    combine = kleene_or if trial.inclusion_logic == "any" and inclusions else kleene_and
    inc_values = inclusion_values((values[k] for k in inclusions), trial.lists_cohorts)  # as verdict.py does
    inc = combine(inc_values)
    if inc is False or any(values[k] is True for k in exclusions):
        return NOT_ELIGIBLE, values, []
    if inc is True and all(values[k] is False for k in exclusions):
        return ELIGIBLE, values, []
    open_inc = [k for k, v in zip(inclusions, inc_values, strict=True) if v is None] if inc is None else []
    return POSSIBLY_ELIGIBLE, values, open_inc + [k for k in exclusions if values[k] is None]


def analyse_trial(trial: TrialSpec, facts: Mapping[str, Any], answers: Mapping[str, Truth],
                  timeline: FactTimeline | None = None) -> TrialState:
    """The trial's verdict and, when it is open, every unknown part that still matters. With
    a ``timeline``, a trial ruled out only until a later date is analysed as of that date."""
    if timeline is not None:
        state = analyse_trial(trial, facts, answers)
        if state.verdict != NOT_ELIGIBLE:
            return state
        later = evaluate_trial(trial.trial_id, trial.criteria_dicts(), facts, confirmations=answers,
                               inclusion_logic=trial.inclusion_logic, explain=False, timeline=timeline)
        return state if later.eligible_from is None else analyse_trial(trial, timeline.at(later.eligible_from),
                                                                       answers)
    env = _Env(trial, facts, answers)
    verdict, values, to_verify = env.verdict()
    state = TrialState(trial.trial_id, verdict, values, to_verify)
    if verdict != POSSIBLY_ELIGIBLE:
        return state

    found: list[tuple[Leaf, Any]] = []  # leaf and the override key that forces it
    visited: set[str] = set()
    # A ref, or a sub-item of the other kind than its criterion, may reach a part with the
    # other polarity than its ``want`` says: no pruning then.
    mixed = False

    def collect(key: str, top: str) -> None:
        nonlocal mixed
        if key in visited or key not in trial.items:
            return
        visited.add(key)
        item = trial.items[key]
        mixed = mixed or item.kind != trial.items[top].kind
        if item.mode == HEADING:
            return
        # the clinician answers the whole criterion: a rule-less one, or a list asked as one question (unless a
        # sub-item was answered on its own: then item by item)
        as_list = item.mode == CHILDREN and trial.asked_as_list(key) and not any(c in answers for c in item.children)
        if item.mode == WHOLE_CONFIRM or as_list:
            if env.crit(key) is None:
                found.append((Leaf(trial.trial_id, key, confirm_key=key, want=item.kind == "inclusion", top=top),
                              ("whole", key)))
        elif item.mode == CHILDREN:
            for child in item.children:
                if env.crit(child) is None:
                    collect(child, top)
        else:
            walk(item.parsed, key, item.kind == "inclusion", top)

    def walk(node: Mapping[str, Any], owner: str, want: bool, top: str) -> None:
        nonlocal mixed
        if env.node(node, owner, want) is not None:
            return
        if "fact" in node:
            found.append((Leaf(trial.trial_id, owner, fact=node["fact"], op=node["op"], value=node["value"],
                               want=want, top=top), id(node)))
        elif "confirm" in node:
            node_id = node.get("id")
            found.append((Leaf(trial.trial_id, owner, confirm_key=answer_key(owner, node_id),
                               want=want, top=top), id(node)))
        elif "ref" in node:
            mixed = True
            collect(node["ref"], top)
        elif "not" in node:
            walk(node["not"], owner, not want, top)
        else:
            for sub in node.get("all") or node.get("any") or []:
                walk(sub, owner, want, top)

    for key in to_verify:
        collect(key, key)

    for leaf, override_key in found:
        leaf.override = override_key
        state.leaves.append(leaf)
    state.weigher = lambda keys: _weight(trial, facts, answers, keys)
    if not mixed and trial.inclusion_logic != "any":
        state.pruner = lambda leaves: _worth_asking(trial, facts, answers, leaves)
    return state


def _worth_asking(trial: TrialSpec, facts: Mapping[str, Any], answers: Mapping[str, Truth],
                  leaves: list[Leaf]) -> list[Leaf]:
    """The leaves (those still askable) whose answers could change the trial's verdict.

    The others stay unknown for good. If even every askable leaf answered in the patient's
    favour cannot make the trial eligible, the verdict can only still become "not eligible",
    which takes one criterion against the patient (inclusions combine with "all"): a
    criterion that stays undecided with every askable leaf of it against the patient cannot
    do that, and its leaves change nothing — e.g. the other sub-items of an "all of" exclusion
    once one of them was answered "unknown". Sound because a criterion's value only moves
    one way as each of its leaves moves towards its ``want`` (Kleene and/or/not, each leaf
    forced on its own: more freedom than the facts have), and each leaf belongs to one
    top-level criterion (no refs, no sub-item of the other kind: the caller does not prune then).
    """
    best = {leaf.override: leaf.want for leaf in leaves}
    if _Env(trial, facts, answers, best).verdict()[0] == ELIGIBLE:
        return leaves
    by_top: dict[str, list[Leaf]] = {}
    for leaf in leaves:
        by_top.setdefault(leaf.top, []).append(leaf)
    keep: set[int] = set()
    # Each leaf belongs to one top-level criterion, so forcing one group's leaves changes only that
    # criterion's value: the others are evaluated once (a verdict per group was quadratic in criteria).
    base_env = _Env(trial, facts, answers)
    base = {c.key: base_env.crit(c.key) for c in trial.top_level}
    for top, parts in by_top.items():
        worst = {leaf.override: not leaf.want for leaf in parts}
        values = dict(base)
        values[top] = _Env(trial, facts, answers, worst).crit(top)
        if verdict_of(trial, values)[0] == NOT_ELIGIBLE:
            keep.update(id(leaf) for leaf in parts)
    return [leaf for leaf in leaves if id(leaf) in keep]


def _weight(trial: TrialSpec, facts: Mapping[str, Any], answers: Mapping[str, Truth],
            parts: list[tuple[Any, tuple[bool, ...]]]) -> int:
    """What answering these parts together could do to the trial.

    Tries every combination of their possible values for up to ``EXHAUSTIVE_UP_TO`` parts;
    beyond that all true, all false, and each part alone (the rest unknown).
    """
    choices: dict[Any, tuple[bool, ...]] = {}
    for key, values in parts:
        choices[key] = tuple(v for v in choices.get(key, values) if v in values) or values
    keys = list(choices)
    if len(keys) <= EXHAUSTIVE_UP_TO:
        assignments = [dict(zip(keys, combo, strict=True)) for combo in product(*(choices[k] for k in keys))]
    else:
        assignments = [{k: v for k in keys if v in choices[k]} for v in (True, False)]
        assignments += [{k: v} for k in keys for v in choices[k]]
    outcomes = set()
    for override in assignments:
        outcomes.add(_Env(trial, facts, answers, override).verdict()[0])
        if NOT_ELIGIBLE in outcomes:
            return DECIDES_NOT_ELIGIBLE
    return DECIDES_ELIGIBLE if ELIGIBLE in outcomes else CONTRIBUTES
