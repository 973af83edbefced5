"""Lists whose structure the registry text lost (issue 16, task h-prec8): items that belong under a lead-in but are
printed as siblings of an item higher up, so they reach the extractor with no lead-in at all.

Two shapes, each read as "not understood" (precision first: no rule, never the wrong one):

* **a dangling lead-in** — a childless lead-in that does not stand on its own ("No liver disease of other etiology
  such as:", "At least 3 of the following risk factors:") is the last line of a deeper group, and the items after it
  come one level up: "Hemochromatosis", "Wilson's disease" (examples of what is excluded), "Over 60 years of age" (one
  risk factor of three). Those items are its list, so a requirement read from one of them is not proposed. The run
  ends at a lead-in, at an item with sub-items, or at an item that states its own polarity ("No recurrent variceal
  bleeds"), which is a statement of its own again.
* **sibling diagnoses** — two or more items of one inclusion group each require a different diagnosis on its own
  ("Cluster headache" and "Trigeminal neuralgia" after "Established diagnosis of one of the three following …";
  "Carcinoma in situ of the cervix" and "Ductal carcinoma in situ of the breast" after "No prior malignancy …,
  except …"; "Histologically confirmed solid tumors" and "… non-Hodgkin's lymphoma"): a patient is rarely required to
  have two different primary diagnoses, so they are alternatives, examples or exceptions the layout no longer shows.
  A parent that joins them as alternatives (``{"children": "any"}``) is the right structure and is left alone.
"""

from __future__ import annotations

from core.criteria.extract import leadins
from core.criteria.extract import rx as re
from core.criteria.extract.rule import Proposal
from core.trial_record import INCLUSION, CriterionNode

_LEADIN_END = re.compile(r"(?::|--)\s*$")
_OWN_POLARITY = re.compile(r"^\W*(?:no|not|none|never|without|absence of|free of)\b", re.IGNORECASE)


def _depth(key: str) -> int:
    return key.count(".")


def _needs_items(text: str, kind: str) -> bool:
    """A childless lead-in whose items carry its meaning: alternatives, examples, a count, a list of what is
    excluded. Neutral headings ("Surgery:", "Patient Characteristics--") and windows read each item whole."""
    lead = leadins.classify(text, kind)
    if lead.section:
        return False
    return lead.role in (leadins.BLOCK, leadins.LIST) or lead.any_of or lead.children_all


class DanglingLeadIns:
    """Follows a criteria tree in document order and says which items continue a deeper lead-in's list."""

    def __init__(self) -> None:
        self._pending: int | None = None  # the depth of the last item, when it was a childless lead-in of that kind
        self._run: tuple[int, str] | None = None  # the (depth, kind) of the items read as that lead-in's list

    def in_run(self, key: str, node: CriterionNode) -> bool:
        """Whether this item (the next in document order) may be an item of a dangling lead-in's list."""
        depth, pending, self._pending = _depth(key), self._pending, None
        text = node.text or ""
        is_leadin = bool(_LEADIN_END.search(text.strip()))
        if pending is not None and depth < pending:
            self._run = (depth, node.kind)
        elif self._run is not None and self._run != (depth, node.kind):
            self._run = None
        if is_leadin or node.children or _OWN_POLARITY.match(text):
            in_run, self._run = False, None
        else:
            in_run = self._run is not None
        if is_leadin and not node.children and _needs_items(text, node.kind):
            self._pending = depth
        return in_run


def _required_diagnosis(proposal: Proposal | None) -> str | None:
    """The condition a rule requires on its own ("Wilson disease: yes"), or None."""
    rule = proposal.rule if proposal is not None else None
    if not isinstance(rule, dict) or set(rule) != {"fact", "op", "value"}:
        return None
    fact = str(rule["fact"])
    if rule["op"] != "=" or rule["value"] is not True or not fact.startswith(("condition:", "condition_current:")):
        return None
    return fact.split(":", 1)[1]


def sibling_diagnoses(keyed: list[tuple[str, str | None, CriterionNode]],
                      out: dict[str, Proposal | None]) -> set[str]:
    """The keys of inclusion items that each require a different diagnosis beside one another under a parent
    that does not join them as alternatives (see the module docstring)."""
    groups: dict[str | None, dict[str, str]] = {}
    for key, parent, node in keyed:
        concept = _required_diagnosis(out.get(key)) if node.kind == INCLUSION else None
        if concept is None:
            continue
        parent_proposal = out.get(parent) if parent is not None else None
        if parent_proposal is not None and parent_proposal.rule == {"children": "any"}:
            continue
        groups.setdefault(parent, {})[key] = concept
    return {key for found in groups.values() if len(set(found.values())) > 1 for key in found}
