"""Automatic rule proposals for the catalog's criteria, each item read with its lead-ins.

A criterion's meaning can sit in the lines above it: "None of the following:" over "Pregnancy",
"Excluded within 4 weeks of study entry:" over "Rifampin.", "Healthy volunteers:" over a group's items.
The extractor reads a trial's whole tree (``core.criteria.extract.propose_for_items``); reading an item's
text alone would propose "Pregnancy" as a plain requirement. Every place the app proposes or re-proposes
a rule (the import, the review screen's highlighted words, "apply to identical criteria") reads the tree
through this module, so they agree with each other and with the extraction benchmark.
"""

from __future__ import annotations

import json
from typing import Any

from core.catalog.models import Criterion, conditions_by_trial

_CHUNK = 500  # trials per query: SQLite's bound-parameter limit is far above this


def _extractor() -> Any:
    try:
        from core.criteria.extract import propose_for_items
    except ImportError:  # extraction not available: everything stays a clinician question
        return None
    return propose_for_items


def propose_automatic_rules(trial_ids: list[str]) -> int:
    """Automatic rule proposals (marked unreviewed) for the criteria of ``trial_ids`` that have no rule
    yet, each read in its trial's tree; returns how many criteria got one. No user data is read: the
    bundled catalog is built with this too."""
    propose = _extractor()
    if propose is None:
        return 0
    updates = []
    ids = list(dict.fromkeys(trial_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = (Criterion.select(Criterion.id, Criterion.trial, Criterion.key, Criterion.parent_key, Criterion.kind,
                                 Criterion.text, Criterion.rule)
                .where(Criterion.trial.in_(chunk)).order_by(Criterion.trial, Criterion.position).tuples())
        by_trial: dict[str, list[tuple]] = {}
        for row in rows:
            by_trial.setdefault(row[1], []).append(row)
        conditions = conditions_by_trial(list(by_trial))
        for trial_id, trial_rows in by_trial.items():
            proposals = propose([(key, parent, kind, text) for _id, _t, key, parent, kind, text, _r in trial_rows],
                                conditions.get(trial_id, ()))
            for row_id, _t, key, _parent, _kind, _text, rule in trial_rows:
                proposal = proposals.get(key)
                if rule is None and proposal is not None:
                    updates.append((json.dumps(proposal.rule, sort_keys=True), "automatic-unreviewed", row_id))
    if updates:
        cursor = Criterion._meta.database.cursor()
        cursor.executemany("UPDATE criterion SET rule = ?, rule_origin = ? WHERE id = ?", updates)
    return len(updates)


def proposal_in_context(trial_id: str, key: str) -> Any:
    """The automatic proposal for one criterion as the import made it (read in its trial's tree), or
    None: what the review screen highlights and what "apply to identical criteria" compares."""
    propose = _extractor()
    if propose is None:
        return None
    rows = (Criterion.select(Criterion.key, Criterion.parent_key, Criterion.kind, Criterion.text)
            .where(Criterion.trial == trial_id).order_by(Criterion.position).tuples())
    return propose([tuple(r) for r in rows], conditions_by_trial([trial_id]).get(trial_id, ())).get(key)

