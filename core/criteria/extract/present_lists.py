"""Lists of present conditions: a malignancy named under them is meant now, not "has or had".

The 1990s ACTG records split their exclusions into "Co-existing Condition: Patients with the following symptoms
or conditions are excluded:" (what the patient has at entry) and "Patients with the following prior conditions
are excluded:" (history). A bare "Lymphoma." under the first is a lymphoma present now: read as the lasting
"has or had" fact, a lymphoma cured years ago would exclude (independent audit seed 5152,
``benchmarks/audits``). Lasting conditions (diabetes, hypogammaglobulinaemia) keep their has-or-had reading,
which is the same thing for them; a malignancy, which can be cured, is read with "current" put in front, or
gets no rule when that reading does not hold it as now (precision first).

The same holds for an item whose stripped verb said it is had now: "You will not be eligible for this study if you:"
over "Have cancer." (``said_now``; h-lead7).
"""

from __future__ import annotations

from typing import Any

from core.criteria.extract import rx as re
from core.matching.rules import rule_facts

# "Patients with the following (other) symptoms or conditions are excluded:" (symptoms: what the patient has now);
# never a lead-in with a history word ("… following prior conditions are excluded:")
_PRESENT_LIST = re.compile(r"\bfollowing (?:other )?(?:symptoms?|conditions?|diseases?)(?: (?:or|and|and/or)"
                           r" (?:symptoms?|conditions?|diseases?))?\s+(?:are|will be) excluded\b", re.IGNORECASE)
_HISTORY = re.compile(r"\b(?:history|h/o|ever|previous|previously|prior|past|had|former|at any time|diagnosed"
                      r"|recent|within)\b", re.IGNORECASE)


def present_list(lead_texts: list[str]) -> bool:
    """Whether the item's innermost lead-in is a list of present symptoms or conditions."""
    if not lead_texts:
        return False
    lead = lead_texts[0] or ""
    return bool(_PRESENT_LIST.search(lead) and re.search(r"\bsymptoms?\b", lead) and not _HISTORY.search(lead))


def _malignant_ids(rule: Any) -> set[str]:
    """The malignancies a rule holds as has-or-had facts: ``condition:<id>`` under malignancy, or the history
    fact ``malignancy`` without ``malignancy_inactive`` (which makes it "active now")."""
    from core.vocab import conditions

    facts = rule_facts(rule)
    out = {"malignancy"} if "malignancy" in facts and "malignancy_inactive" not in facts else set()
    for fact in facts:
        kind, _, concept = fact.partition(":")
        if kind == "condition" and (concept == "malignancy" or conditions.get(concept) is not None
                                    and conditions.is_a(concept, "malignancy")):
            out.add(concept)
    return out


def ever_read_now(rule: dict | None, text: str, lead_texts: list[str]) -> bool:
    """A malignancy read as has-or-had in an item of a present-conditions list whose words say no history."""
    return (rule is not None and present_list(lead_texts) and not _HISTORY.search(text)
            and bool(_malignant_ids(rule)))


def infection_read_now(text: str, lead_texts: list[str]) -> bool:
    """A bare infection in a present-conditions list ("Syphilis.", "Cryptococcosis." under "Patients with the
    following symptoms or conditions are excluded:"): alone it says neither now nor ever and gets no rule; there
    it is had at entry, so it is read with "current" put in front (h-cond8)."""
    from core.criteria.extract import concepts
    from core.vocab import conditions

    if not present_list(lead_texts) or _HISTORY.search(text):
        return False
    found = concepts.find(text.lower(), ("condition",))
    return bool(found) and all(conditions.covers("infection", m.concept_id) for m in found)


def held_now(rule: dict | None) -> bool:
    """Whether a re-read rule holds only what is so now (no has-or-had condition fact, no window)."""
    return rule is not None and not any(f.startswith(("condition:", "condition_years:", "condition_recent_years:",
                                                      "condition_other_than")) for f in rule_facts(rule))


# an item of a verb-phrase lead-in in the present tense: "Women will not be eligible for this study if they:" over
# "Have epilepsy or cancer." (a cancer now, not one cured years ago); never "Have had …", "Have a history of …"
_HAVE_NOW = re.compile(r"^(?:have|has|are|is)\s+(?!had\b|been\b|ever\b|never\b|a history\b|history\b|received\b)",
                       re.IGNORECASE)


def said_now(rule: dict | None, item: str, verbs: bool) -> bool:
    """A malignancy read as has-or-had in an item whose stripped verb said it is had now ("Have cancer.")."""
    return (rule is not None and verbs and bool(_HAVE_NOW.match(item.strip())) and not _HISTORY.search(item)
            and bool(_malignant_ids(rule)))


def now_text(text: str) -> str:
    """The item as read under a present-conditions list: "Lymphoma." -> "current Lymphoma."."""
    return f"current {text.strip()}"


def still_ever(rule: dict | None) -> bool:
    """Whether a re-read rule still holds a malignancy as has-or-had (then no rule is proposed)."""
    return rule is not None and bool(_malignant_ids(rule))


def quoted_as_written(rule: Any, text: str) -> Any:
    """The rule with its confirm questions quoting the item as written, not with the "current" put in front."""
    if isinstance(rule, dict):
        out = {k: quoted_as_written(v, text) for k, v in rule.items()}
        if isinstance(out.get("confirm"), str):
            read, written = now_text(text).rstrip(" .;,"), text.strip().rstrip(" .;,")
            out["confirm"] = out["confirm"].replace(f"\u201c{read}", f"\u201c{written}")
        return out
    if isinstance(rule, list):
        return [quoted_as_written(v, text) for v in rule]
    return rule
