"""Hidden cohorts: a top-level list that prints the same item twice (issue 16; task h-context10 for the repeats
that hide none).

"18 years of age or older" printed under each of several disease cohorts, with the cohort headings lost or printed
as plain items, means the flat list holds several groups, and no item of that kind is read trial-wide
(``propose_tree``). Two repeats hide no cohort, and are left out of the count:

* the same statement printed twice in a row ("Performance status - ECOG 0-2" then "Performance status - Zubrod
  0-2", one text once normalised): a duplicate, since a second cohort would start with something else;
* the same statement under different PDQ topic headings of one list ("Recovered from toxic effects" after
  "BIOLOGIC THERAPY:", "CHEMOTHERAPY:" and "RADIOTHERAPY:"): the PDQ layout says it once per kind of prior therapy.
  Only in a list none of whose lead-ins names a group of people or a part of the study (``leadin_runs``).

Placeholders ("Not specified", "See Disease Characteristics") never count.
"""

from __future__ import annotations

from collections import defaultdict

from core.criteria.extract import leadin_runs, leadins
from core.criteria.extract import rx as re
from core.criteria.extract.normalise import _norm
from core.trial_record import CriterionNode

_PLACEHOLDER = re.compile(r"^(?:not specified|none|n/a|not applicable|see .*|.*:|other|or|and/or|and)$")
_LEADIN_END = re.compile(r"(?::|--)\s*$")


def _topic_heading(text: str, kind: str) -> bool:
    lead = leadins.classify(text, kind)
    return lead.role == leadins.NEUTRAL and (lead.section or bool(lead.topic))


def kinds_with_cohorts(criteria: list[CriterionNode]) -> dict[str, bool]:
    """For each kind of the top-level list, whether a repeated item says it hides cohorts."""
    places: dict[str, dict[str, list[tuple[int, str | None]]]] = defaultdict(lambda: defaultdict(list))
    heading: dict[str, str | None] = {}  # the last childless lead-in of each kind, when a PDQ topic heading
    named_group: dict[str, bool] = defaultdict(bool)
    position: dict[str, int] = defaultdict(int)
    for node in criteria:
        kind, raw = node.kind, " ".join((node.text or "").split())
        if _LEADIN_END.search(raw) and not node.children:
            named_group[kind] |= leadin_runs.names_group(raw)
            heading[kind] = _norm(raw).strip() if _topic_heading(raw, kind) else None
        text = _norm(node.text).strip(" .;,")
        if text and not _PLACEHOLDER.match(text):  # "Not specified" under each PDQ heading hides no cohorts
            places[kind][text].append((position[kind], heading.get(kind)))
        position[kind] += 1
    out: dict[str, bool] = {}
    for kind, by_text in places.items():
        out[kind] = any(len(seen) > 1 and not _benign(seen, named_group[kind]) for seen in by_text.values())
    return out


def _benign(seen: list[tuple[int, str | None]], named_group: bool) -> bool:
    """Repeats printed in a row, or each under its own PDQ topic heading in a list that names no group."""
    positions = [p for p, _h in seen]
    if all(b - a == 1 for a, b in zip(positions, positions[1:], strict=False)):
        return True
    headings = [h for _p, h in seen]
    return not named_group and None not in headings and len(set(headings)) == len(headings)
