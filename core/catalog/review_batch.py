"""One reviewer's decision offered for every identical criterion in other trials.

"Pregnant or breastfeeding women" appears in hundreds of imported trials with the same automatic
rule. Once a reviewer has decided on one of them, the same decision can be recorded for all the
others whose wording is the same (after whitespace normalisation, as ``reviews.normalise_text``),
whose kind is the same, and whose automatic proposal is the same and still unreviewed — a
criterion already decided, curated, or read differently (another lead-in above it) is never
touched. Decisions are written in one go to ``reviews.json`` and onto the catalog.
"""

from __future__ import annotations

from datetime import UTC, datetime

from core.catalog import reviews
from core.catalog.models import Criterion, catalog_db
from core.i18n import _

UNREVIEWED = "automatic-unreviewed"


def identical_criteria(trial_id: str, key: str) -> list[Criterion]:
    """Unreviewed criteria of other trials with the same wording, kind and automatic rule."""
    row = Criterion.get_or_none((Criterion.trial == trial_id) & (Criterion.key == key))
    if row is None:
        return []
    wording = reviews.normalise_text(row.text)
    # the original proposal: what the row carried before its decision, re-proposed in its trial's tree
    from core.catalog.proposals import proposal_in_context

    proposal = proposal_in_context(trial_id, key)
    if proposal is None:
        return []
    candidates = Criterion.select().where((Criterion.kind == row.kind) & (Criterion.trial != trial_id)
                                          & (Criterion.rule_origin == UNREVIEWED))
    return [c for c in candidates
            if reviews.normalise_text(c.text) == wording and c.rule == proposal.rule]


def apply_to_identical(trial_id: str, key: str) -> int:
    """Record the decision made on (trial_id, key) for every identical criterion; how many."""
    row = Criterion.get_or_none((Criterion.trial == trial_id) & (Criterion.key == key))
    if row is None:
        raise reviews.ReviewError(_("{trial} has no criterion {key}").format(trial=trial_id, key=key))
    decided = reviews.review_for(trial_id, key, row.text)
    if decided is None:
        raise reviews.ReviewError(_("decide on this criterion first"))
    others = identical_criteria(trial_id, key)
    if not others:
        return 0
    now = datetime.now(UTC).isoformat(timespec="seconds")
    made = []
    for other in others:
        rule = reviews.confirm_rule(other.text) if decided.decision == reviews.REJECT else (
            other.rule if decided.decision == reviews.ACCEPT else decided.rule)
        made.append((other, reviews.Review(
            trial_id=other.trial_id, key=other.key, text_hash=reviews.text_hash(other.text),
            decision=decided.decision, rule=rule, origin=reviews.origin_for(decided.decision, rule),
            reviewed_at=now, text=reviews.normalise_text(other.text))))
    path = reviews.reviews_path()
    with reviews._lock:
        stored = reviews._load_for_update(path)
        for _other, review in made:
            for ident in [i for i in stored if i[:2] == (review.trial_id, review.key)]:
                del stored[ident]
            stored[review.ident] = review
        reviews._write(stored.values(), path)
    with catalog_db.atomic():
        for other, review in made:
            Criterion.update(rule=review.rule, rule_origin=review.origin).where(Criterion.id == other.id).execute()
    return len(made)
