"""An exclusion that names the reproductive states excluded and then, in a sentence of its own, what the others
must do (issue 16): "Patients who are pregnant or who are nursing infants will not be eligible. Fertile women must
have a negative pregnancy test within one week prior to study entry and must be using an effective means of birth
control", "Pregnant or nursing. Fertile patients must use effective contraception".

In an exclusion list a requirement excludes whoever does not meet it, so the item is any of the states, or the
requirement not met: ``any(pregnant, lactating, not(<requirement>))``. The requirement is read by
``reproduction._contraception_requirement`` as an inclusion would read it (the women it concerns, the pregnancy test
and the contraception as steps before enrolment, which then count as done: the item never excludes for them alone).
Precision first: the first sentence must be read in full as reproductive states, and every later one in full as a
contraception or pregnancy-test requirement; anything else, no rule.

Two more layouts of sentences, each read in full or no rule (h-repro11):

* an inclusion of requirements, one a sentence: "Non-pregnant and non-nursing. Women and men of reproductive potential
  should agree to use an effective means of birth control", "Women must not be pregnant or lactating. Women of
  childbearing age must use birth control …": all of them (``_requirements_together``);
* an exclusion of states, one a sentence (the NCI wording, its reasons dropped by ``reproduction_wording``):
  "Pregnant women are excluded from this study. Breastfeeding should also be avoided": any of them
  (``_states_together``).
"""

from __future__ import annotations

from collections.abc import Callable

from core.criteria.extract import contraception_forms, reproduction
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.reproduction_lists import _reproductive_list
from core.criteria.extract.rule import _all, _any, negate

# what the first sentence says of the states: "... will not be eligible", "... are excluded"
_EXCLUDED = re.compile(r"\s+(?:will not be eligible|are not eligible|are ineligible|(?:will|shall) be excluded"
                       r"|are excluded)(?: from (?:the|this) (?:study|trial))?$")
_STATE_FACTS = frozenset({"pregnant", "lactating"})


def _states_then_requirements(text: str, mode: str) -> _Atom | None:
    """The states of the first sentence, or a requirement of a later one not met (an exclusion only)."""
    if mode != "cond":
        return None
    sentences = [p.strip() for p in re.split(r"(?<=[a-z)])(?:\.|;)\s+(?=[a-z])", text.strip(" .;")) if p.strip()]
    if len(sentences) < 2:
        return None
    first = _EXCLUDED.sub("", sentences[0])
    states = reproduction._pregnancy(first, "cond") or _reproductive_list(first, "cond")
    if states is None or not _only_states(states.rule):
        # "Men and women of childbearing potential who do not practice contraception. Women of childbearing potential
        # and men must agree to use contraception …": the requirement said twice (h-repro11)
        states = contraception_forms.refusal(first)
    if states is None:
        return None
    requirements = [reproduction._contraception_requirement(s, "req") for s in sentences[1:]]
    if any(r is None for r in requirements):
        return None
    parts: list[dict] = []
    for part in (states.rule, *[negate(r.rule) for r in requirements if r is not None]):
        parts.extend(p for p in part.get("any", [part]) if p not in parts)
    rule = _any(*parts)
    return _Atom(rule, "pregnant+requirements", cond_only=True, confidence=0.8)


def _only_states(rule: dict) -> bool:
    """Pregnant or lactating, alone or any of them (no question, no contraception part)."""
    parts = rule.get("any", [rule])
    return all(p.get("fact") in _STATE_FACTS and p.get("value") is True and p.get("op") == "=" for p in parts)


def _sentences(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"(?<=[a-z)])(?:\.|;)\s+(?=[a-z])", text.strip(" .;")) if p.strip()]


def _requirements_together(text: str, mode: str, requirement: Callable[[str], _Atom | None]) -> _Atom | None:
    """Every sentence a pregnancy, lactation, test or contraception requirement (an inclusion): all of them."""
    sentences = _sentences(text)
    if mode != "req" or len(sentences) < 2:
        return None
    atoms = [requirement(s) for s in sentences]
    if any(a is None or a.cond_only for a in atoms):
        return None
    rules = [a.rule for a in atoms if a is not None]
    return _Atom(_all(*rules), "pregnancy+requirements", req_only=True,
                 confidence=min(a.confidence for a in atoms if a is not None) * 0.9)


# what a sentence says of its state beside the state: "… are excluded" (taken off by ``propose``), "breastfeeding
# should also be avoided", "Note:" before the sentence
_AVOIDED = re.compile(r"\s+should (?:also )?be avoided$")


def _states_together(text: str, mode: str) -> _Atom | None:
    """Every sentence pregnancy or lactation states (an exclusion): any of them."""
    sentences = [_AVOIDED.sub("", p.strip()) for s in _sentences(text) for p in re.split(r"\s+note:\s+", s)]
    if mode != "cond" or len(sentences) < 2:
        return None
    rules = []
    for sentence in sentences:
        atom = reproduction._pregnancy(sentence, "cond") or _reproductive_list(sentence, "cond")
        if atom is None or not _only_states(atom.rule):
            return None
        rules.extend(r for r in atom.rule.get("any", [atom.rule]) if r not in rules)
    return _Atom(_any(*rules), "pregnant+lactating", cond_only=True, confidence=0.8)
