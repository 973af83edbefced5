"""Candidate trials as the questionnaire sees them: criteria with parsed rules.

``TrialSpec.from_data`` accepts plain dicts (tests, synthetic trials) or catalog rows;
``load_trials(ids)`` reads them from the open catalog. Each criterion is classified the
way ``core.matching.verdict`` evaluates it: by its rule, by its sub-items
(``{"children": ...}`` or no rule with sub-items), or as one question for the clinician
(no rule, or an invalid one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from core.matching.cohorts import lists_cohorts
from core.matching.rules import (
    RuleError,
    confirm_key,
    default_children_mode,
    parse_rule,
    rule_facts,
    rule_problems,
)
from core.trial_record import is_heading_text

RULE, CHILDREN, WHOLE_CONFIRM, HEADING = "rule", "children", "confirm", "heading"


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


@dataclass
class CriterionSpec:
    key: str
    parent_key: str | None
    kind: str  # inclusion / exclusion
    label: str | None
    text: str
    rule: Any  # as stored (dict, JSON text or None): what evaluate_trial receives
    parsed: Any = None  # the rule as a dict when it is used (mode RULE)
    # RULE, CHILDREN (combine sub-items), WHOLE_CONFIRM (clinician answers the item) or HEADING (a heading
    # printed as an item, with no rule and nothing under it: never asked, left out of every combination)
    mode: str = RULE
    children_mode: str = "all"
    children: list[str] = field(default_factory=list)
    rule_origin: str | None = None  # curated / automatic-unreviewed / ... (core.catalog.curation)

    def confirm_prompts(self) -> list[tuple[str, str | None]]:
        """(confirm key, question text) per confirm node; text None = the whole criterion."""
        if self.mode == WHOLE_CONFIRM:
            return [(self.key, None)]
        if self.mode != RULE:
            return []
        out: list[tuple[str, str | None]] = []

        def walk(node: Any) -> None:
            if not isinstance(node, dict):
                return
            if "confirm" in node:
                node_id = node.get("id")
                out.append((confirm_key(self.key, node_id), str(node["confirm"]).strip()))
            for key in ("all", "any"):
                for sub in node.get(key, []) if isinstance(node.get(key), list) else []:
                    walk(sub)
            for key in ("not", "rule"):  # "rule": the sub-rule of a step before enrolment
                if key in node:
                    walk(node[key])

        walk(self.parsed)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "parent_key": self.parent_key, "kind": self.kind, "label": self.label,
                "text": self.text, "rule": self.rule, "rule_origin": self.rule_origin}


@dataclass
class TrialSpec:
    """One candidate trial: id, title, how its inclusions combine, and its criteria."""

    trial_id: str
    title: str
    inclusion_logic: str
    criteria: list[CriterionSpec]
    recruitment_status: str | None = None
    conditions: tuple[str, ...] = ()  # as the registry states them (relevance: core.matching.condition_fit)

    def __post_init__(self) -> None:
        self._top: list[CriterionSpec] | None = None
        self._keys: tuple[list[str], list[str]] | None = None
        self._cohorts: bool | None = None
        self.items: dict[str, CriterionSpec] = {c.key: c for c in self.criteria}
        for c in self.criteria:
            if c.parent_key is not None and c.parent_key in self.items:
                self.items[c.parent_key].children.append(c.key)
        for c in self.criteria:
            _classify(c)
        done: set[str] = set()
        for c in self.criteria:
            self._drop_headings(c, done)

    def _drop_headings(self, c: CriterionSpec, done: set[str]) -> None:
        """A heading under a parent counts in none of its parent's logic; a heading over nothing but
        headings or placeholders ("Life expectancy:" over "Not specified") is a heading itself."""
        if c.key in done:
            return
        done.add(c.key)
        for k in c.children:
            self._drop_headings(self.items[k], done)
        had_children = bool(c.children)
        c.children = [k for k in c.children if self.items[k].mode != HEADING]
        if had_children and not c.children and c.mode == CHILDREN and c.rule in (None, "") \
                and is_heading_text(c.text):
            c.mode = HEADING

    def asked_as_list(self, key: str) -> bool:
        """Whether a parent is asked as one question over its list: it is decided by its sub-items and
        none of them has a rule (each would be its own clinician question) and all are of its kind. The
        clinician reads the list once and answers for the parent ("none of these applies"), which decides
        it as a direct answer does (core.matching.trial_eval)."""
        item = self.items[key]
        return item.mode == CHILDREN and bool(item.children) and all(
            self.items[k].mode == WHOLE_CONFIRM and not self.items[k].children and self.items[k].kind == item.kind
            for k in item.children)

    @property
    def top_level(self) -> list[CriterionSpec]:
        """The top-level criteria that count (headings do not: core.matching.verdict leaves them out)."""
        if self._top is None:  # read after every answer for every open trial: worked out once
            self._top = [c for c in self.criteria if c.parent_key is None and c.mode != HEADING]
        return self._top

    @property
    def lists_cohorts(self) -> bool:
        """Whether the inclusions list alternative groups of participants (``core.matching.cohorts``), as
        ``core.matching.verdict`` judges it: then an inclusion not met does not rule the patient out."""
        if self._cohorts is None:
            self._cohorts = lists_cohorts(c.text for c in self.top_level if c.kind == "inclusion")
        return self._cohorts

    def top_keys(self) -> tuple[list[str], list[str]]:
        """The keys of the top-level inclusions and of the exclusions that count (``top_level``)."""
        if self._keys is None:
            top = self.top_level
            self._keys = ([c.key for c in top if c.kind == "inclusion"], [c.key for c in top if c.kind == "exclusion"])
        return self._keys

    def criteria_dicts(self) -> list[dict[str, Any]]:
        return [c.as_dict() for c in self.criteria]

    def facts(self) -> set[str]:
        """Every fact any criterion rule of the trial reads."""
        out: set[str] = set()
        for c in self.criteria:
            if c.mode == RULE:
                out |= rule_facts(c.parsed)
        return out

    @classmethod
    def from_data(cls, data: Any, criteria: Iterable[Any] | None = None) -> TrialSpec:
        """From a dict {trial_id, title, inclusion_logic, criteria: [...]} or a catalog row (+ criteria)."""
        rows = list(criteria if criteria is not None else _get(data, "criteria", []) or [])
        specs = [CriterionSpec(key=_get(r, "key"), parent_key=_get(r, "parent_key"), kind=_get(r, "kind"),
                               label=_get(r, "label"), text=_get(r, "text") or "", rule=_get(r, "rule"),
                               rule_origin=_get(r, "rule_origin"))
                 for r in rows]
        for s in specs:
            if s.kind not in ("inclusion", "exclusion"):
                raise ValueError(f"criterion {s.key!r} has kind {s.kind!r}; expected inclusion or exclusion")
        return cls(trial_id=_get(data, "trial_id"), title=_get(data, "title") or _get(data, "trial_id"),
                   inclusion_logic=_get(data, "inclusion_logic") or "all", criteria=specs,
                   recruitment_status=_get(data, "recruitment_status", _get(data, "status")),
                   conditions=tuple(_get(data, "conditions", None) or ()))


def _classify(c: CriterionSpec) -> None:
    try:
        parsed = parse_rule(c.rule)
    except RuleError:
        c.mode, c.parsed = WHOLE_CONFIRM, None
        return
    if parsed is not None and rule_problems(parsed):
        c.mode, c.parsed = WHOLE_CONFIRM, None
    elif parsed is None or "children" in parsed:
        if c.children:
            c.mode, c.children_mode = CHILDREN, (parsed or {}).get("children", default_children_mode(c.kind))
        elif parsed is None and is_heading_text(c.text):
            c.mode = HEADING
        else:
            c.mode = WHOLE_CONFIRM
        c.parsed = None
    else:
        c.mode, c.parsed = RULE, parsed


def trials_from_data(trials: Iterable[Any]) -> list[TrialSpec]:
    return [t if isinstance(t, TrialSpec) else TrialSpec.from_data(t) for t in trials]


def load_trials(trial_ids: Iterable[str] | None = None) -> list[TrialSpec]:
    """Candidate trials from the open catalog (all of them when ``trial_ids`` is None), in the given order."""
    from core.catalog.models import Trial, conditions_by_trial
    from core.matching.screening import load_criteria

    query = Trial.select(Trial.trial_id, Trial.title, Trial.status, Trial.inclusion_logic)
    if trial_ids is None:
        rows = list(query.order_by(Trial.trial_id))
    else:
        ids = list(trial_ids)
        by_id = {t.trial_id: t for t in query.where(Trial.trial_id.in_(ids))}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise KeyError(f"no such trial in the catalog: {', '.join(missing)}")
        rows = [by_id[i] for i in ids]
    criteria = load_criteria([t.trial_id for t in rows])
    conditions = conditions_by_trial([t.trial_id for t in rows])
    return [TrialSpec.from_data({"trial_id": t.trial_id, "title": t.title, "status": t.status,
                                 "inclusion_logic": t.inclusion_logic, "conditions": conditions.get(t.trial_id, ())},
                                criteria.get(t.trial_id, [])) for t in rows]

