"""A stable-dose period asked only of patients who take the drug: "antiretroviral therapy allowed if the dose has
been stable for at least 4 weeks", "prior antiretrovirals provided regimen has been stable for 6 weeks prior to
study entry", "if receiving dexamethasone, dose must be stable for at least 2 weeks", "fluconazole providing the
patient has been on a stable dose for at least 4 weeks" (inclusions).

The drug is not required: a patient who does not take it meets the item. One who does completes the period, a step
before enrolment (``stable_doses``: kind ``stable_dose``, the clinician's answer), so the item never excludes:
``any(drug_current:<id> = false, all(drug_current:<id>, step))``.

What the period is about must be the dose ("dose", "dosage", "regimen"): "if hematologically stable on that regimen",
"provided patient has been stable", "stable or decreasing", "lowest possible dose" are other things and give no rule,
as do a dose limit beside the drug, several drugs (``stable_doses.apply``: one drug only), words after the period
("… and remain on the same regimen until entry") and no period at all ("if on a stable dose").
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.anchors import ANCHOR
from core.criteria.extract.rule import _any, _f
from core.criteria.extract.stable_doses import StableDose, _name
from core.criteria.extract.stable_doses import apply as _stable_apply

_NOUN = r"(?:dose|doses|dosage|dose regimen|dosage regimen|dosing regimen|regimen)"
_STABLE = r"(?:stable(?:,? (?:and )?unchanged)?|unchanged(?:,? (?:and )?stable)?)"
# "for >= 4 weeks", "for at least the past 6 weeks", "for 30 days prior to study entry"
_PERIOD = (r"\s+(?:for|during)\s+(?:>=\s*|a minimum of\s+)?(?:the (?:last|past|previous)\s+)?(\d+)\s*(days?|weeks?"
           rf"|months?)(?:\s+(?:prior to|before|preceding)\s+(?:{ANCHOR}))?$")
_WHO = r"(?:(?:the\s+)?(?:patients?|subjects?|participants?)\s+)?"
# "(has been) on a stable dose (of it)", "(the) dose (has been) stable", "dose must be stable"
_DOSE_STABLE = (rf"(?:{_WHO}(?:(?:has|have)\s+(?:already\s+)?been\s+|is\s+|are\s+)?"
                rf"(?:on|at|receiving|taking|maintained\s+(?:on|at))\s+(?:an?\s+)?{_STABLE}\s+{_NOUN}"
                r"(?:\s+of\s+(?:it|this|these|them|the drug|this drug))?"
                rf"|(?:the\s+|its\s+|their\s+)?{_NOUN}\s+(?:(?:has|have)\s+been\s+|is\s+|are\s+|was\s+|were\s+"
                rf"|(?:must|should)\s+(?:be|have been|remain)\s+)?{_STABLE})")
# "X (is) allowed if <dose stable> for N", "X provided (that) <dose stable> for N"
_AFTER = re.compile(rf"^(?:(?:prior|concurrent|concomitant|current)\s+)?(.+?),?\s+(?:(?:is|are)\s+)?"
                    rf"(?:(?:allowed|permitted)\s+)?(?:only\s+)?(?:if|provided(?:\s+that)?|providing|as long as)\s+"
                    rf"{_DOSE_STABLE}{_PERIOD}")
# "if receiving X, (the) dose must be stable for N", "if on X, must be on a stable dose for N"
_BEFORE = re.compile(rf"^if\s+(?:currently\s+)?(?:on|receiving|taking|using|treated with)\s+(.+?),?\s+"
                     rf"(?:(?:patients?|subjects?|participants?|they)\s+)?(?:(?:must|should)\s+(?:be|have been)\s+"
                     rf"(?:on|at|maintained\s+(?:on|at))\s+(?:an?\s+)?{_STABLE}\s+{_NOUN}|(?:the\s+|its\s+|their\s+)?"
                     rf"{_NOUN}\s+(?:must|should)\s+(?:be|have been|remain)\s+{_STABLE}){_PERIOD}")


def split(text: str) -> tuple[str, StableDose | None]:
    """The statement as "taking <drug>" and the period, when the period is asked only of a patient taking the drug;
    the text itself and None otherwise."""
    for pattern in (_BEFORE, _AFTER):
        m = pattern.match(text)
        if m is None:
            continue
        drug = m.group(1).strip()
        found = concepts.find(drug, ("drug",))
        # a dose beside the drug, or words about something else ("hematologically", "lowest possible")
        if not found or re.search(r"\d|\b(?:stable|decreasing|tapering|lowest|if|unless|allowed|permitted|when)\b",
                                  drug):
            return text, None
        return f"taking {drug}", StableDose(f"{m.group(2)} {m.group(3)}", _name(found[0].concept_id))
    return text, None


def apply(rule: dict, stable: StableDose) -> dict | None:
    """Not taking the drug, or taking it with the stable period as a step; None unless ``rule`` is the use of one
    drug (no dose)."""
    if rule.get("fact", "").partition(":")[0] != "drug_current" or rule.get("value") is not True:
        return None
    taking = _stable_apply(rule, stable)
    if taking is None:
        return None
    return _any(_f(rule["fact"], "=", False), taking)


def is_reading(rule: dict) -> bool:
    """Whether ``rule`` is this module's reading: not taking one drug, or taking it with the stable-dose step."""
    parts = rule.get("any")
    if not isinstance(parts, list) or len(parts) != 2:
        return False
    off, taking = parts
    both = taking.get("all") if isinstance(taking, dict) else None
    if not isinstance(both, list) or len(both) != 2 or off.get("value") is not False:
        return False
    fact = off.get("fact", "")
    step = both[1].get("step")
    return (fact.startswith("drug_current:") and both[0] == {"fact": fact, "op": "=", "value": True}
            and isinstance(step, dict) and step.get("kind") == "stable_dose")
