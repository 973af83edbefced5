"""What a parent says about the sub-items under it, beyond its lead-in role (``leadins``): found by auditing
random proposals (issue 16, ``benchmarks/audits/``).

* The positive items under a statement that is no lead-in ("Histologically confirmed carcinoma of the cervix"
  over "Adenocarcinoma", "Squamous cell carcinoma"), or under a lead-in over examples or diagnoses ("…
  malignancy, including:", "Histologically confirmed diagnosis of:"), may be alternatives or qualifiers of the
  statement: no item is read as a requirement of its own (``alternatives_or_qualifiers``).
* A drug named under an illness's examples ("Patients with unstable cardiac status including:" over "Patients on
  anti-arrhythmic drugs") is a sign of the illness, which needs it: taken now, with no ``stop_medication`` step
  (``under_illness_examples``, ``without_stop_steps``).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from core.criteria.extract import leadins
from core.criteria.extract import rx as re
from core.criteria.extract.rule import Proposal, describe_rule, has_step

# a lead-in over examples or a list of diagnoses: its items are alternatives ("Histologically proven malignancy
# …, including:" over "Leukemia", "Brain tumors"; "Histologically confirmed diagnosis of:" over five cancers)
_EXAMPLES = re.compile(r"\b(?:including|includes?|such as|e\.g\.|diagnos[ie]s of|one (?:of )?the following)\W*"
                       r"(?:the following\W*)?$", re.IGNORECASE)
# a lead-in naming an illness by its examples: "Patients with unstable cardiac status including:"
_ILLNESS_EXAMPLES = re.compile(r"\b(?:status|diseases?|conditions?|illness(?:es)?|disorders?|dysfunction|unstable"
                               r"|instability)\b.*\b(?:including|includes|such as|e\.g\.)\W*$", re.IGNORECASE)


def _is_leadin(text: str) -> bool:
    return bool(re.search(r"(?::|--)\s*$", text.strip()))


def _over_examples(text: str) -> bool:
    """ "… malignancy, including:" (not a bare "include:" or "Inclusion criteria include:" heading)."""
    m = _EXAMPLES.search(text)
    return m is not None and bool(re.search(r"\w", text[: m.start()])) and not re.search(
        r"criteria\W*$", text[: m.start()], re.IGNORECASE)


def alternatives_or_qualifiers(parent_text: str, parent_proposal: Proposal | None) -> bool:
    """Whether the positive requirements under this parent may be alternatives or qualifiers of it rather than
    requirements each (lab thresholds under "Adequate organ function" and the items of a parent read as
    alternatives, ``{"children": "any"}``, stay read)."""
    if leadins.is_lab_leadin(parent_text):
        return False
    if _is_leadin(parent_text) and not _over_examples(parent_text):
        return False
    return parent_proposal is None or parent_proposal.rule != {"children": "any"}


def under_illness_examples(parent_text: str) -> bool:
    return bool(_ILLNESS_EXAMPLES.search(parent_text.strip()))


def without_stop_steps(proposal: Proposal) -> Proposal:
    """The proposal with its ``stop_medication`` steps replaced by their conditions (the drug's use stays)."""
    def unwrap(rule: Any) -> Any:
        if isinstance(rule, dict):
            if rule.get("step", {}).get("kind") == "stop_medication":
                return unwrap(rule["rule"])
            return {k: unwrap(v) for k, v in rule.items()}
        if isinstance(rule, list):
            return [unwrap(r) for r in rule]
        return rule

    rule = unwrap(proposal.rule)
    if rule == proposal.rule:
        return proposal
    return dataclasses.replace(proposal, rule=rule, description=describe_rule(rule), modifiable=has_step(rule))
