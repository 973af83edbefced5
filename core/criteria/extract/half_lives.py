"""Washouts given in half-lives too: "within 30 days or 5 half-lives, whichever is longer".

No fact holds a drug's half-life, so the half-life part cannot be computed. It is split off the
statement before it is read (``split``); the rest must read as one washout step (a drug or another
trial within a window), and the half-life part is put back into that step (``apply``):

* into the step's text, as written ("Last dose of X more than 30 days or 5 half-lives, whichever is
  longer, before entry");
* into the step's condition as a question for the clinician: still within the washout is "within 30
  days" OR "within 5 half-lives" (unknown until answered), so when 30 days have passed the step is
  listed "unless already done" rather than done. The step never excludes (docs/rules.md).

Only "whichever is longer" (or "the longer of") and "whichever is shorter" are read (the shorter of two
washouts: still within it means within both): "30 days or 5 half-lives" alone does not say which applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.criteria.extract import rx as re
from core.criteria.extract.rule import _all, _any, _confirm, _part_question

_N = r"(?:\d+|two|three|four|five|six|seven|eight|ten)"
_HALF = (rf"{_N}\s+(?:\(\d+\)\s+)?(?:elimination\s+|plasma\s+|terminal\s+)?half[- ]?li(?:ves|fes|fe)"
         r"(?:\s+of\s+(?:(?:the|that|each|this|any such|said|an?)\s+)?(?:\w+\s+)?(?:drugs?|agents?|products?"
         r"|medications?|compounds?|therap(?:y|ies)|treatments?))?")
_LONGER = r"whichever\s+is\s+(?:the\s+)?(longer|greater|later|shorter)"
# "… within 30 days [prior to X] or 5 half-lives [prior to X], whichever is longer"
_OR_HALF = re.compile(rf",?\s+\(?\s*or\s+(?:within\s+)?({_HALF})(\s+(?:prior to|before|of|preceding)\s+[^,()]+?)?"
                      rf"\s*(?:,\s*|\(\s*|;\s*)?{_LONGER}\s*\)?,?")
# "within the longer of 30 days or 5 half-lives"
_LONGER_OF = re.compile(rf"\bwithin\s+the\s+longer\s+of\s+(\d+\s*(?:days?|weeks?|months?))\s+(?:or|and)\s+({_HALF})")
# "within 5 half-lives or 30 days, whichever is longer"
_HALF_FIRST = re.compile(rf"\bwithin\s+({_HALF})\s+or\s+(\d+\s*(?:days?|weeks?|months?))"
                         rf"(\s+(?:prior to|before|of|preceding)\s+[^,()]+?)?\s*(?:,\s*|\(\s*|;\s*)?{_LONGER}\s*\)?,?")
_STEP_KINDS = ("washout", "vaccine_wait")


@dataclass(frozen=True)
class HalfLives:
    """The half-life words of a washout ("5 half-lives")."""

    words: str
    longer: bool = True  # "whichever is longer"; False: "whichever is shorter"


def split(text: str) -> tuple[str, HalfLives | None]:
    """The statement without its "or N half-lives, whichever is longer", and those words; the text
    itself and None when there are none."""
    m = _OR_HALF.search(text)
    if m:
        rest = f"{text[: m.start()]}{m.group(2) or ''}{text[m.end():]}"
        return re.sub(r"\s+", " ", rest).strip(" ,"), HalfLives(m.group(1), m.group(3) != "shorter")
    m = _LONGER_OF.search(text)
    if m:
        return f"{text[: m.start()]}within {m.group(1)}{text[m.end():]}", HalfLives(m.group(2))
    m = _HALF_FIRST.search(text)
    if m:
        rest = f"{text[: m.start()]}within {m.group(2)}{m.group(3) or ''}{text[m.end():]}"
        return re.sub(r"\s+", " ", rest).strip(" ,"), HalfLives(m.group(1), m.group(4) != "shorter")
    return text, None


def _leaves_ok(rule: Any) -> set[str] | None:
    """The comparison directions under a step: "<" (still within) or ">=" (past it); None when a part
    is not the time since a drug or another trial."""
    if "all" in rule or "any" in rule:
        found: set[str] = set()
        for r in rule.get("all") or rule.get("any"):
            sub = _leaves_ok(r)
            if sub is None:
                return None
            found |= sub
        return found
    fact = rule.get("fact", "")
    if fact.startswith("drug_weeks_since:") and rule.get("op") in ("<", "<=", ">", ">="):
        return {"<" if rule["op"] in ("<", "<=") else ">="}
    if fact == "other_trial_within_3_months" and rule.get("op") == "=" and isinstance(rule.get("value"), bool):
        return {"<" if rule["value"] else ">="}
    return None


def _steps(rule: Any, out: list) -> list:
    if isinstance(rule, dict):
        if "step" in rule:
            out.append(rule)
        else:
            for v in rule.values():
                _steps(v, out)
    elif isinstance(rule, list):
        for r in rule:
            _steps(r, out)
    return out


def _facts_outside(rule: Any) -> bool:
    """Whether a fact or a question stands outside every step (the half-life words would not be its)."""
    if isinstance(rule, dict):
        if "step" in rule:
            return False
        if "fact" in rule or "confirm" in rule:
            return True
        return any(_facts_outside(v) for v in rule.values())
    if isinstance(rule, list):
        return any(_facts_outside(r) for r in rule)
    return False


def apply(rule: dict, half: HalfLives) -> dict | None:
    """The rule with the half-life part put into its one washout step; None when the rule is not one
    washout step (the words would belong to nothing, or to more than one)."""
    steps = _steps(rule, [])
    if len(steps) != 1 or steps[0]["step"].get("kind") not in _STEP_KINDS or _facts_outside(rule):
        return None
    node = steps[0]
    directions = _leaves_ok(node["rule"])
    if directions is None or len(directions) != 1:
        return None
    text = node["step"]["text"]
    m = re.search(r" before entry$", text)
    if m is None:
        return None
    which = "longer" if half.longer else "shorter"
    node["step"] = {**node["step"], "text": f"{text[: m.start()]} or {half.words}, whichever is {which}, before entry"}
    # the texts written out in the calls: core/matching/rule_texts.py translates them by their templates
    # still within a washout of the longer of two periods: within either; of the shorter: within both
    within = directions == {"<"}
    combine = _any if within == half.longer else _all
    if within:
        question = _part_question(f"within {half.words}", "half_lives")
    else:
        question = _confirm(f"Is this part of the criterion met: \u201cat least {half.words} since the last dose"
                            "\u201d? (Criterion: \u201c{TEXT}\u201d)", "half_lives")
    node["rule"] = combine(node["rule"], question)
    return rule
