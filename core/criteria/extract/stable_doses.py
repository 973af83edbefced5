"""Stable-dose periods: "on a stable dose of methotrexate (7.5-25 mg/week) for at least 4 weeks before
baseline", "stable dose of prednisone <= 10 mg/day for >= 4 weeks", "received a stable dose of methadone
for a minimum of 30 days prior to study entry".

The drug being taken, and its dose when one is given, are facts (``drug_current:<id>``,
``drug_dose:<id>``, ``prednisone_eq_mg_day``), read by the drug and dose readers from the statement
without its stable-dose words (``split``). How long the dose has been unchanged is no fact: it is a
step before enrolment (kind ``stable_dose``, docs/rules.md) — the patient can reach it, so it never
excludes — whose condition today is a question for the clinician (``apply``).

A dose held for a period with no word "stable" ("receiving methotrexate at a dose of 15 to 25 mg/week for at
least 12 weeks", "zidovudine >= 300 mg/day for 6 weeks prior to study entry") is the same step (``_HELD``), but
only when the dose is a floor or a range: it requires the drug, so the period is of a dose the patient takes; a
ceiling held for a period ("prednisone <= 10 mg/day for 4 weeks") may be met by not taking it and gives no rule.

Only an inclusion requirement for one drug is read; "allowed if on a stable dose", "stable or
decreasing", "unless on a stable dose", a dose per kg or m², or no period give no rule (the
words are refused before this is reached, or the rest does not read).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.anchors import ANCHOR
from core.criteria.extract.rule import _all, _confirm, _step

_LEAD = (r"(?:(?:patients?|subjects?|participants?)\s+)?(?:(?:must|should)\s+(?:be|have been)\s+|(?:has|have)\s+been\s+"
         r"|currently\s+|be\s+)?(?:on|receiving|taking|received|using|treated with|treatment with|maintained on)?\s*")
_NOUN = r"(?:dose|doses|dosage|dose regimen|dosing regimen|regimen)"
_PERIOD = (rf"\s+(?:for|during)\s+(?:>=\s*|a minimum of\s+|the (?:last|past)\s+)?(\d+)\s*(days?|weeks?|months?)"
           rf"(?:\s+(?:prior to|before|preceding)\s+(?:{ANCHOR}))?$")
# "a stable dose of X for >= 4 weeks", "stable X regimen for 8 weeks"
_OF = re.compile(rf"^{_LEAD}(?:an?\s+)?stable\s+{_NOUN}\s+of\s+(.+?){_PERIOD}")
# "X at a stable dose for >= 4 weeks", "X (15-25 mg/week) at a stable dose for 4 weeks"
_AT = re.compile(rf"^{_LEAD}(.+?)\s+(?:at|on)\s+(?:an?\s+)?stable\s+{_NOUN}(?:\s+of\s+([^()]+?))?{_PERIOD}")
# "stable methotrexate for >= 12 weeks", "a stable prednisone dose <= 10 mg/day for >= 4 weeks"
_BARE = re.compile(rf"^{_LEAD}(?:an?\s+)?stable\s+(?!{_NOUN}\b|or\b|and\b)(.+?){_PERIOD}")
# "receiving X at a dose of 15 to 25 mg/week for >= 12 weeks", "X >= 300 mg/day for 6 weeks prior to entry": a
# floor or a range of a per-day or per-week amount just before the period (read by ``doses``); not after
# "received", which may be a past course
_FLOOR = r"(?:(?:>=|>)\s*\d+(?:\.\d+)?|\d+(?:\.\d+)?\s*(?:-|to)\s*\d+(?:\.\d+)?)"
_HELD = re.compile(rf"^{_LEAD.replace('|received', '')}((?:(?!\bstable\b).)+?\(?\s*{_FLOOR}\s*(?:mg|g|gm)\s*"
                   rf"(?:/\s*(?:week|wk|day|d)\b|per (?:week|day)|weekly|daily|a (?:week|day))\s*\)?){_PERIOD}")
_WEEKS = {"day": 1 / 7, "week": 1.0, "month": 52 / 12}


@dataclass(frozen=True)
class StableDose:
    """The stable period ("4 weeks") and the drug's words as written."""

    words: str
    drug: str


def split(text: str) -> tuple[str, StableDose | None]:
    """The statement as "taking <drug> [dose]" without its stable-dose period, and the period; the text
    itself and None when it states none."""
    for pattern in (_OF, _AT, _BARE, _HELD):
        m = pattern.match(text)
        if m is None:
            continue
        groups = m.groups()
        rest = " ".join(g for g in groups[:-2] if g)  # the drug, and a dose written after "stable dose of"
        rest = re.sub(r"\s+(?:dose|dosage)(?=\s*(?:\(|[<>]=?|\d|$))", "", rest.strip())
        rest = re.sub(r"(?<=\w)\s+regimen$", "", rest)  # "a stable antiretroviral regimen": the drug's use
        found = concepts.find(rest, ("drug",))
        if not found or re.search(r"\b(?:stable|or decreasing|decreasing|tapering|kg|m2|unless|if|allowed)\b", rest):
            return text, None
        n, unit = groups[-2], groups[-1]
        return f"taking {rest}", StableDose(f"{n} {unit}", _name(found[0].concept_id))
    return text, None


def _name(concept_id: str) -> str:
    """The drug's name for the step ("methotrexate" for "MTX")."""
    from core.vocab import drugs

    label = drugs.get(concept_id).label
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def _drug_of(rule: Any, out: set[str]) -> bool:
    """Collects the drug each comparison is about; False when a part is anything else (a list's "any",
    a question, another fact)."""
    if "all" in rule:
        return all(_drug_of(r, out) for r in rule["all"])
    fact = rule.get("fact", "")
    kind, _sep, concept = fact.partition(":")
    if kind in ("drug_current", "drug_dose") and concept:
        out.add(concept)
        return not (kind == "drug_current" and rule.get("value") is not True)
    if fact == "prednisone_eq_mg_day":
        out.add("glucocorticoid")
        return True
    return False


def apply(rule: dict, stable: StableDose) -> dict | None:
    """The drug rule with the stable period as a step beside it; None unless the rule is the use or the
    dose of one drug."""
    drugs: set[str] = set()
    if not _drug_of(rule, drugs) or len(drugs) != 1:
        return None
    # the texts written out in the calls: core/matching/rule_texts.py translates them by their templates
    question = _confirm(f"Has the dose of {stable.drug} been stable for at least {stable.words}?", "stable_dose")
    step = _step("stable_dose", f"Dose of {stable.drug} stable for at least {stable.words} before entry", question)
    return _all(rule, step)
