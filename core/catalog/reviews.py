"""A coordinator's review decisions on proposed rules, kept in the user's data folder.

The working catalog is rebuilt from the bundled one when the app is upgraded, and an
imported trial is saved again when a newer version of its record is imported. Review
decisions must outlive both, so they are kept in their own file (``reviews.json`` in the
user data folder, written atomically) and written onto the catalog's criteria again after
every automatic proposal (``curation.assign_rules``) and whenever the catalog is opened.

A decision is tied to one criterion by trial id, criterion key *and* a hash of its
verbatim text (whitespace-normalised): a record whose wording changed never inherits a
decision made for other words, while a record that only changed elsewhere (status, sites,
another criterion) keeps it.

Decisions:

* ``accept``: the automatic proposal is right; it is kept as it was (origin
  ``automatic-accepted``).
* ``edit``: the coordinator wrote the rule (origin ``curated``, or ``confirm-only`` when it
  is nothing but a clinician question).
* ``reject``: no rule; the clinician answers the criterion itself
  (``{"confirm": <text>}``, origin ``confirm-only``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from core.catalog.models import Criterion, catalog_db
from core.faults import reason_text
from core.i18n import _, pgettext
from core.matching.rules import rule_problems
from resources import paths

log = logging.getLogger(__name__)

FILE_NAME = "reviews.json"
FORMAT_VERSION = 1

ACCEPT = "accept"
EDIT = "edit"
REJECT = "reject"
DECISIONS = (ACCEPT, EDIT, REJECT)

ACCEPTED_ORIGIN = "automatic-accepted"
EDITED_ORIGIN = "curated"
CONFIRM_ORIGIN = "confirm-only"


class ReviewError(ValueError):
    """A decision that cannot be recorded (an invalid rule, an unknown criterion)."""


@dataclass
class Review:
    trial_id: str
    key: str
    text_hash: str
    decision: str
    rule: Any
    origin: str
    reviewed_at: str = ""
    text: str = ""  # the wording decided on, for people reading the file

    @property
    def ident(self) -> tuple[str, str, str]:
        return (self.trial_id, self.key, self.text_hash)


def normalise_text(text: str) -> str:
    return " ".join((text or "").split())


def text_hash(text: str) -> str:
    """Fingerprint of a criterion's wording (whitespace differences do not count)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:20]


def reviews_path() -> Path:
    return paths.user_file(FILE_NAME)


def confirm_rule(text: str) -> dict[str, str]:
    """The rule of a rejected proposal: the clinician answers the criterion as written."""
    return {"confirm": normalise_text(text) or "Is this criterion met?"}


def _is_confirm_only(rule: Any) -> bool:
    return isinstance(rule, dict) and "confirm" in rule


def origin_for(decision: str, rule: Any) -> str:
    if decision == ACCEPT:
        return ACCEPTED_ORIGIN
    if decision == REJECT or _is_confirm_only(rule):
        return CONFIRM_ORIGIN
    return EDITED_ORIGIN


# ---------------------------------------------------------------- the file

_lock = threading.RLock()
_cache: dict[str, Any] = {"path": None, "stamp": None, "reviews": {}}


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def load_reviews(path: Path | None = None) -> dict[tuple[str, str, str], Review]:
    """Every decision in the file, by (trial id, key, text hash). A missing file is empty;
    an unreadable one is logged and treated as empty (it is never overwritten silently:
    see ``save_review``)."""
    path = path or reviews_path()
    with _lock:
        stamp = _stamp(path)
        if _cache["path"] == str(path) and _cache["stamp"] == stamp and stamp is not None:
            return dict(_cache["reviews"])
        reviews: dict[tuple[str, str, str], Review] = {}
        if stamp is not None:
            data = _read(path)
            for entry in data.get("reviews", []):
                try:
                    review = Review(
                        trial_id=str(entry["trial_id"]), key=str(entry["key"]),
                        text_hash=str(entry["text_hash"]), decision=str(entry["decision"]),
                        rule=entry.get("rule"), origin=str(entry.get("origin") or ""),
                        reviewed_at=str(entry.get("reviewed_at") or ""), text=str(entry.get("text") or ""),
                    )
                except (KeyError, TypeError):
                    log.warning("%s: skipping a malformed review entry %r", path, entry)
                    continue
                if review.decision not in DECISIONS:
                    log.warning("%s: skipping a review with unknown decision %r", path, review.decision)
                    continue
                if not review.origin:
                    review.origin = origin_for(review.decision, review.rule)
                reviews[review.ident] = review
        _cache.update(path=str(path), stamp=stamp, reviews=reviews)
        return dict(reviews)


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReviewError(_("The review file {path} cannot be read ({reason}).").format(
            path=path, reason=reason_text(exc) if isinstance(exc, OSError | UnicodeDecodeError) else exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("reviews", []), list):
        raise ReviewError(_("The review file {path} is not a review file.").format(path=path))
    return data


def _write(reviews: Iterable[Review], path: Path) -> None:
    entries = sorted((asdict(r) for r in reviews), key=lambda e: (e["trial_id"], e["key"], e["text_hash"]))
    blob = json.dumps({"format_version": FORMAT_VERSION, "reviews": entries}, ensure_ascii=False, indent=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".reviews-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(blob + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _load_for_update(path: Path) -> dict[tuple[str, str, str], Review]:
    # Raises ReviewError for an unreadable file rather than replacing the user's decisions.
    if path.exists():
        _read(path)
    return load_reviews(path)


# ---------------------------------------------------------------- decisions

def review_for(trial_id: str, key: str, text: str) -> Review | None:
    """The decision recorded for this criterion with exactly this wording, if any."""
    try:
        return load_reviews().get((trial_id, key, text_hash(text)))
    except ReviewError:
        return None


def save_review(trial_id: str, key: str, decision: str, rule: Any = None) -> Review:
    """Record a decision on one criterion of the open catalog and apply it at once.

    ``rule`` is only used for ``edit`` (the new rule; it must be valid). ``accept`` keeps
    the criterion's current rule; ``reject`` replaces it with a clinician question."""
    if decision not in DECISIONS:
        raise ReviewError(_("unknown decision {decision}").format(decision=repr(decision)))
    row = Criterion.get_or_none((Criterion.trial == trial_id) & (Criterion.key == key))
    if row is None:
        raise ReviewError(_("{trial} has no criterion {key}").format(trial=trial_id, key=key))
    if decision == ACCEPT:
        rule = row.rule
        if rule is None:
            raise ReviewError(_("there is no proposed rule to accept; edit or reject the criterion instead"))
    elif decision == REJECT:
        rule = confirm_rule(row.text)
    if isinstance(rule, str):
        try:
            rule = json.loads(rule)
        except json.JSONDecodeError as exc:
            raise ReviewError(_("the rule is not valid JSON: {problem}").format(problem=exc.msg)) from None
    problems = rule_problems(rule)
    if problems:
        joined = pgettext("clause separator", "; ").join(problems)
        raise ReviewError(_("the rule has problems: {problems}").format(problems=joined))
    review = Review(
        trial_id=trial_id, key=key, text_hash=text_hash(row.text), decision=decision, rule=rule,
        origin=origin_for(decision, rule), reviewed_at=datetime.now(UTC).isoformat(timespec="seconds"),
        text=normalise_text(row.text),
    )
    path = reviews_path()
    with _lock:
        reviews = _load_for_update(path)
        # One decision per criterion: an older one for other wording of the same key goes.
        for ident in [i for i in reviews if i[:2] == (trial_id, key)]:
            del reviews[ident]
        reviews[review.ident] = review
        _write(reviews.values(), path)
    with catalog_db.atomic():
        Criterion.update(rule=review.rule, rule_origin=review.origin).where(Criterion.id == row.id).execute()
    return review


def forget_review(trial_id: str, key: str) -> bool:
    """Drop the decision on one criterion and give it back its proposal (or curated rule)."""
    path = reviews_path()
    with _lock:
        reviews = _load_for_update(path)
        gone = [i for i in reviews if i[:2] == (trial_id, key)]
        for ident in gone:
            del reviews[ident]
        if gone:
            _write(reviews.values(), path)
    row = Criterion.get_or_none((Criterion.trial == trial_id) & (Criterion.key == key))
    if row is not None:
        from core.catalog.curation import assign_rules

        with catalog_db.atomic():
            Criterion.update(rule=None, rule_origin=None).where(Criterion.id == row.id).execute()
            assign_rules([trial_id])
    return bool(gone)


def apply_reviews(trial_ids: Iterable[str] | None = None) -> int:
    """Write the recorded decisions onto the open catalog's criteria (all trials, or only
    ``trial_ids``); decisions whose wording no longer matches are left out. Returns how
    many criteria carry a decision."""
    try:
        reviews = load_reviews()
    except ReviewError as exc:
        log.error("%s", exc)
        return 0
    if not reviews:
        return 0
    wanted = set(trial_ids) if trial_ids is not None else None
    by_trial: dict[str, list[Review]] = {}
    for review in reviews.values():
        if wanted is None or review.trial_id in wanted:
            by_trial.setdefault(review.trial_id, []).append(review)
    applied = 0
    with catalog_db.atomic():
        for trial_id, items in by_trial.items():
            rows = {r.key: r for r in Criterion.select(Criterion.id, Criterion.key, Criterion.text, Criterion.rule,
                                                       Criterion.rule_origin).where(Criterion.trial == trial_id)}
            for review in items:
                row = rows.get(review.key)
                if row is None or text_hash(row.text) != review.text_hash:
                    continue
                if rule_problems(review.rule):  # a hand-edited file: never put a broken rule in
                    log.warning("review of %s %s has an invalid rule; ignored", trial_id, review.key)
                    continue
                if row.rule != review.rule or row.rule_origin != review.origin:
                    Criterion.update(rule=review.rule, rule_origin=review.origin).where(
                        Criterion.id == row.id).execute()
                applied += 1
    return applied


def reviewed_keys(trial_id: str) -> dict[str, Review]:
    """The decisions that apply to the trial's criteria as the catalog has them now."""
    try:
        reviews = load_reviews()
    except ReviewError:
        return {}
    out: dict[str, Review] = {}
    for row in Criterion.select(Criterion.key, Criterion.text).where(Criterion.trial == trial_id):
        review = reviews.get((trial_id, row.key, text_hash(row.text)))
        if review is not None:
            out[row.key] = review
    return out


__all__ = [
    "ACCEPT", "EDIT", "REJECT", "Review", "ReviewError", "apply_reviews", "confirm_rule",
    "forget_review", "load_reviews", "review_for", "reviewed_keys", "save_review", "text_hash",
]
