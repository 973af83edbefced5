"""Condition wordings the condition reader (``vocab_atoms._vocab_condition``) and the list reader (``logic``)
consult (issue 16, h-cond6):

* habits: tobacco, alcohol or drug use named with no history word is the habit now (``is_behaviour``,
  ``habit_now``), never "has or had", which would exclude ex-smokers;
* a site before a condition that may reach a one-word condition after it ("central nervous system infections or
  neoplasms", "pulmonary embolism or hypertension"): no rule (``modifier_distributes``, ``modifier_reaches``);
* a serious infection defined by what it required ("serious infections requiring hospitalization or IV
  antibiotics"): written as one term of the serious-infection concept (``serious_infection``).
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re


def is_behaviour(concept_id: str) -> bool:
    """Tobacco, alcohol or drug use: a current habit, unlike a diagnosis that stays (ex-smokers)."""
    from core.vocab import conditions

    return concept_id in conditions.vocabulary() and any(
        conditions.covers(b, concept_id) for b in ("tobacco_use", "substance_use_disorder"))


def habit_now(rule: dict) -> bool:
    """Whether a rule reads a habit as now (``condition_current:<tobacco or substance use>``)."""
    fact = str(rule.get("fact", ""))
    if fact.startswith("condition_current:"):
        return is_behaviour(fact.partition(":")[2])
    return any(habit_now(r) for r in rule.get("any", rule.get("all", [])) if isinstance(r, dict))



def modifier_distributes(body: str, found: list) -> bool:
    """Whether the first words of a condition may reach a one-word condition after it: "central nervous system
    infections or neoplasms" (CNS neoplasms, not every neoplasm), "lung infections or cancer", "pulmonary embolism
    or hypertension" (pulmonary hypertension?): the words before it and the one word name a condition too."""
    for a, b in zip(found, found[1:], strict=False):
        second = body[b.start:b.end]
        words = body[a.start:a.end].split()
        if " " in second or len(words) < 2 or body[a.end:b.start].strip(" ,") not in ("or", "and", "and/or"):
            continue
        joined = [concepts.whole(f"{' '.join(words[:k])} {second}", ("condition",)) for k in range(1, len(words))]
        if any(j is not None and j.concept_id != b.concept_id for j in joined):
            return True  # ("substance abuse or addiction": substance addiction is what "addiction" names anyway)
        if _GENERIC_HEAD.fullmatch(words[-1]) and _GENERIC_HEAD.fullmatch(second):
            return True  # "central nervous system infections or neoplasms": CNS neoplasms, a name no concept has
    return False


# one-word heads a site before them may reach ("CNS infections or tumors")
_GENERIC_HEAD = re.compile(r"(?:neoplasms?|tumou?rs?|cancers?|malignanc(?:y|ies)|infections?|lesions?|carcinomas?"
                           r"|metastas[ie]s|neoplasia)")


# "serious infection requiring hospitalization or IV antibiotics", "infections requiring treatment with intravenous
# antibiotics": the concept "Serious infection (requiring hospitalisation or intravenous antibiotics)" in one
# wording its terms hold; "serious"/"severe" is defined by what the infection requires, so it is no judgement here.
# Only "or" between the two (either one), never "and" (both: narrower than the concept).
_IV = (r"(?:(?:treatment|therapy) with\s+)?(?:iv|intravenous|parenteral)\s+(?:antibiotics?|antimicrobials?"
       r"|anti-?infectives?|antibiotic (?:therapy|treatment)|antimicrobial (?:therapy|treatment))")
_HOSPITAL = r"(?:hospitali[sz]ation|(?:in-?patient )?hospital admission|admission to (?:a )?hospital)"
_SERIOUS_INFECTION = re.compile(
    rf"\b(?:(?:serious|severe)\s+)?infections?\s+requiring\s+(?:{_HOSPITAL}|{_IV})"
    rf"(?:\s*(?:,|or|and/or|/)\s*(?:{_HOSPITAL}|{_IV}))?(?=\s*(?:$|[,;(]|\s(?:within|in|during|or|and)\b))")


def serious_infection(s: str) -> str:
    """The serious-infection wordings written as one term of the concept (``_SERIOUS_INFECTION``)."""
    if "requir" not in s:
        return s
    return _SERIOUS_INFECTION.sub("infection requiring hospitalization or intravenous antibiotics", s)


def modifier_reaches(first: str, second: str) -> bool:
    """The list form of ``modifier_distributes``: parts read one by one ("history of pulmonary embolism" and
    "hypertension"), whose last and first conditions may share the first one's opening words."""
    a = concepts.find(first, ("condition",))
    b = concepts.find(second.strip(" .;,"), ("condition",))
    if not a or not b:
        return False
    text = f"{first[a[-1].start:a[-1].end]} or {second.strip(' .;,')[b[0].start:b[0].end]}"
    return modifier_distributes(text, concepts.find(text, ("condition",)))
