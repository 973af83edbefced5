"""Propose eligibility rules for criteria text the extractor understands, and describe rules.

``propose_rule(text, kind)`` reads one criterion and returns a ``Proposal`` (a rule in the
language of ``core/matching/rules.py``, plain words for the reviewer, the pattern names
that matched, the text they were read from and a confidence) or None. Precision comes
before recall: a wrong automatic rule is worse than none, so the extractor only answers
when every word of the criterion is accounted for by a known pattern or harmless filler.

How it reads a criterion:

1. **Normalise**: lower case, comparator words to symbols ("not more than" -> ``<=``,
   "18 years or older" stays for the age reader), thousands separators dropped, "twice
   the upper limit of normal" -> ``2 x uln``, unit spellings unified (``/mm3``, ``/ul``,
   ``x10^9/l``...).
2. **Refuse** wordings that change the meaning in ways the extractor does not model:
   "unless", clinician judgement, "if", "such as"/"e.g." lists, "other", scoped groups,
   time courses ("stable dose for"), family members...
3. **Polarity**: in an inclusion, "No ...", "must not ..." and "... will be excluded" turn
   the criterion into a condition to be absent; the rule is the negation of the condition
   (pushed down to the facts: "not pregnant" becomes ``pregnant = false``). An exclusion
   phrased as a requirement ("must", "should", "eligible") is refused.
4. **Atoms**: the body must be one known statement (age, sex, consent, pregnancy,
   infection, malignancy, lab threshold, score, diagnosis / classification / duration,
   prior treatment, washout, other trials), or a list of them joined by commas, "and",
   "or". In an exclusion (or a negated inclusion) a list means any of them; in a positive
   inclusion "and" means all and "or" means any. Conditions (pregnancy, infections,
   malignancy, drug exposure) are never accepted as positive inclusion requirements.
5. **Partial lists**: when only some items of a list are understood, the rest becomes one
   ``confirm`` question, and only where that is logically right: any(understood, confirm)
   for a condition list, all(understood, confirm) for an inclusion "and" list.

Numbers that need a unit are converted to the fact's canonical unit, or refused when the
unit is missing or unknown. Facts that do not exist are never invented: a criterion about
a test or score with no fact gives None.

``describe_rule(rule)`` gives plain words for any rule, from the fact registry's labels
and units. ``propose_rules(criteria)`` proposes for a whole criteria tree, keyed like
``core.trial_record.criterion_keys``, and refuses items whose parent or list lead-in
changes their meaning ("None of the following:", "one of the following:", scoped groups).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from core.criteria.split import unescape_markdown
from core.matching.rules import rule_problems
from core.matching.sentences import code_name, format_threshold
from core.patient.drugs import all_drugs
from core.patient.facts import CONDITIONS, LABS, REGISTRY
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, criterion_keys


@dataclass(frozen=True)
class Proposal:
    """An automatic rule for one criterion, for a reviewer to accept or reject."""

    rule: dict
    description: str  # the rule in plain words
    pattern: str  # names of the patterns that matched, "age+informed_consent"
    span: str  # the (normalised) text the rule was read from
    confidence: float  # 0..1: 0.9 exact reading, lower when a part is left to the clinician

    def to_json(self) -> dict[str, Any]:
        return {"rule": self.rule, "description": self.description, "pattern": self.pattern,
                "span": self.span, "confidence": self.confidence}


# ---------------------------------------------------------------------------------------
# small rule builders


def _f(fact: str, op: str, value: Any) -> dict:
    return {"fact": fact, "op": op, "value": value}


def _yes(fact: str) -> dict:
    return _f(fact, "=", True)


def _no(fact: str) -> dict:
    return _f(fact, "=", False)


def _all(*rules: dict) -> dict:
    flat: list[dict] = []
    for r in rules:
        flat.extend(r["all"] if "all" in r else [r])
    return flat[0] if len(flat) == 1 else {"all": flat}


def _any(*rules: dict) -> dict:
    flat: list[dict] = []
    for r in rules:
        flat.extend(r["any"] if "any" in r else [r])
    return flat[0] if len(flat) == 1 else {"any": flat}


def _confirm(question: str, id: str | None = None) -> dict:
    node = {"confirm": question}
    if id:
        node["id"] = id
    return node


_FLIP = {">": "<=", ">=": "<", "<": ">=", "<=": ">", "=": "!=", "!=": "="}


def negate(rule: dict) -> dict:
    """The Kleene negation of ``rule``, pushed down to comparisons where that is exact."""
    if "all" in rule:
        return _any(*[negate(r) for r in rule["all"]])
    if "any" in rule:
        return _all(*[negate(r) for r in rule["any"]])
    if "not" in rule:
        return rule["not"]
    if "fact" in rule:
        fact = REGISTRY[rule["fact"]]
        if fact.type == "bool" and rule["op"] == "=":
            return _f(rule["fact"], "=", not rule["value"])
        if fact.type in ("number", "enum") and rule["op"] in _FLIP:
            return _f(rule["fact"], _FLIP[rule["op"]], rule["value"])
    return {"not": rule}


# ---------------------------------------------------------------------------------------
# normalisation

_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                 "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
                 "eighteen": "18", "twenty": "20", "thirty": "30", "ninety": "90"}

_CMP_WORDS: list[tuple[str, str]] = [
    (r"(?:≥|=>|>/=|> =|⩾)", ">="),
    (r"(?:≤|=<|</=|< =|⩽)", "<="),
    (r"[＞]", ">"), (r"[＜]", "<"),
    (r"\b(?:greater|more|higher|older) (?:than )?or equal (?:to|than)\b", ">="),
    (r"\bequal (?:to )?or (?:greater|more|higher|older) than\b", ">="),
    (r"\b(?:less|lower|fewer|younger) (?:than )?or equal (?:to|than)\b", "<="),
    (r"\bequal (?:to )?or (?:less|lower|fewer|younger) than\b", "<="),
    (r"\b(?:no|not) (?:less|lower|fewer|younger) than\b", ">="),
    (r"\b(?:no|not) (?:more|greater|higher|older) than\b", "<="),
    (r"\bat least\b", ">="), (r"\b(?:a )?minimum of\b", ">="),
    (r"\bat most\b", "<="), (r"\b(?:a )?maximum of\b", "<="), (r"\bup to\b", "<="),
    (r"\bnot (?:to )?exceed(?:ing)?\b", "<="),
    (r"\b(?:greater|more|higher|older) than\b", ">"), (r"\bin excess of\b", ">"),
    (r"\bexceeding\b", ">"), (r"\b(?:above|over)\b(?=\s*(?:the age of |age )?\d)", ">"),
    (r"\b(?:less|lower|fewer|younger) than\b", "<"),
    (r"\b(?:below|under)\b(?=\s*(?:the age of |age )?\d)", "<"),
]

_UNIT_SUBS: list[tuple[str, str]] = [
    (r"[µμ]", "u"),
    (r"\bmicro ?lit(?:er|re)s?\b", "ul"), (r"\bmcl\b", "ul"),
    (r"\bcubic mm\b|\bmm\s*(?:\(3\)|\^3|³|cubed|3)(?![\d.])", "mm3"),
    (r"\bm\s*(?:\(2\)|\^2|²)", "m2"),
    (r"(?:x|×|\*)\s*10\s*(?:\^|\(|e)?\s*9\)?\s*/\s*l\b|\b10\s*(?:\^|\()?9\)?\s*/\s*l\b", " x10^9/l"),
    (r"(?:x|×|\*)\s*10\s*(?:\^|\(|e)?\s*3\)?\s*/\s*(?:ul|mm3)\b|\bk\s*/\s*ul\b", " x10^3/ul"),
    (r"\bcells?\s*/\s*", "/"),
    (r"\bmm\s*/\s*(?:hr|hour|h)\b|\bmm/1st hour\b|\bmm in (?:1|one) hour\b", "mm/h"),
    (r"\bml\s*/\s*min(?:ute)?\s*(?:/|per)\s*1\.73\s*m2(?:\s*bsa)?(?: of body surface area)?", "ml/min/1.73m2"),
    (r"\bml\s*/\s*min(?:ute)?\b", "ml/min"),
    (r"\bgm\s*/\s*dl\b", "g/dl"), (r"\bmg\s*/\s*dl\b", "mg/dl"), (r"\bg\s*/\s*dl\b", "g/dl"),
    (r"\bmicromol\s*/\s*l\b|\bumol\s*/\s*l\b", "umol/l"),
]


def _norm(text: str) -> str:
    t = unescape_markdown(text).replace("\u00a0", " ")
    t = t.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").replace("−", "-")
    t = t.lower()
    t = re.sub(r"(?<=\d),(?=\d{3}\b)", "", t)  # 100,000 -> 100000
    t = re.sub(r"(?<=\d) (?=000\b)", "", t)  # 100 000 -> 100000
    for pattern, repl in _UNIT_SUBS:
        t = re.sub(pattern, repl, t)
    t = re.sub(r"\btwice\b", "2 x", t)
    t = re.sub(r"\b(active|latent) (?:or|and/or|and) (active|latent) (tuberculosis|tb)\b", r"\1 \3 or \2 \3", t)
    t = re.sub(r"\bhepatitis b (?:or|and/or|and) c\b", "hepatitis b or hepatitis c", t)
    t = re.sub(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", lambda m: _NUMBER_WORDS[m.group(1)], t)
    for pattern, repl in _CMP_WORDS:
        t = re.sub(pattern, f" {repl} ", t)
    t = re.sub(r"(?:the\s+)?(?:institutional\s+)?upper\s+limits?\s+(?:of\s+)?(?:the\s+)?normal(?:\s+range)?"
               r"(?:\s*\(uln\))?|\bupper normal limits?\b", " uln ", t)
    t = re.sub(r"(\d(?:\.\d+)?)\s*(?:-fold|fold|times|x|×)\s*(?:the\s+)?(?:uln|normal\b)", r"\1 x uln", t)
    t = re.sub(r"(\d(?:\.\d+)?)\s*(?:-fold|fold|times|x|×)(?=\s|$)", r"\1 x", t)
    t = re.sub(r"\s*([<>]=?)\s*", r" \1 ", t)
    t = re.sub(r"\s+", " ", t).strip()
    return t


def _clean_end(t: str) -> str:
    return re.sub(r"[\s.;,:]+$", "", re.sub(r"^[\s\-*•·;,:.]+", "", t)).strip()


_ANY_SEX = re.compile(
    r"\b(?:(?:males?|men) (?:and|or|&|and/or) (?:non-?pregnant )?(?:females?|women)|(?:females?|women) (?:and|o"
    r"r|&|and/or)"
    r" (?:males?|men))(?= (?:patients?|subjects?|participants?|aged|age|between|at least|>=|\d)|\s*[,;]|$)"
    r"|,?\s*\b(?:regardless of (?:gender|sex)|of either sex|either sex|both sexes|any (?:gender|sex)|all genders"
    r"|gender (?:is )?(?:unlimited|not limited)|unlimited gender|no (?:gender|sex) (?:limit|restriction)s?)\b")


def _drop_any_sex(t: str) -> str:
    """Remove "male or female" / "regardless of gender": no restriction (kept when it is all there is)."""
    if "pregnant" in t:
        return t
    out = _ANY_SEX.sub(" ", t)
    out = re.sub(r"\s+", " ", out).strip(" ,;")
    out = re.sub(r"^(?:patients?|subjects?|participants?)\s*,\s*", "", out)
    return out if re.search(r"[a-z0-9]", out) else t


_ACRONYM_PAREN = re.compile(r"\s*[\(\[]\s*([a-z][a-z0-9\-/ ]{0,12}?|[a-z0-9\-]{1,10})\s*[\)\]]")


def _drop_acronyms(t: str) -> str:
    """Remove parenthesised abbreviations that only restate the words before: "(alt)", "[anc]"."""
    def repl(m: re.Match[str]) -> str:
        inner = m.group(1).strip()
        if re.fullmatch(r"[a-z][a-z0-9\-/]{0,9}", inner) and not re.search(r"\d{2}", inner):
            return " "
        return m.group(0)
    return re.sub(r"\s+", " ", _ACRONYM_PAREN.sub(repl, t)).strip()


# ---------------------------------------------------------------------------------------
# refusals and polarity

_REFUSE = re.compile(
    r"\bunless\b|\bopinion\b|\bjudge?ment\b|\binvestigator|\bphysician|\bdoctor|\bclinician|\bdeem|\bconsider"
    r"|\bif\b|\bprovided (?:that|they|he|she|the|patients?|subjects?)\b|\bwhether\b|\bsuch as\b|\be\.?g\b|\bi\."
    r"?e\b|\bexample|\bincluding\b|\binclude[sd]?\b"
    r"|\betc\b|\bnot limited\b|\bother\b(?! than)(?! investigational| clinical| experimental| interventional)"
    r"|\bsuspect|\bpossible\b|\bprobable\b|\blikely\b|\brisk\b|\bfamily\b|(?<!nursing )\bmother|\bfetus|\bfeta"
    r"l\b|\bsibling"
    r"|\bpartner|\brelative|\bparents?\b|\bspouse|(?<!birth )\bcontrols?\b|\bgroups?\b|\bcohort|\bstrat|\barms?\b"
    r"|\bpart of\b|\bphase\b|\bhealthy\b|\bvolunteer|\bstable\b|\bunchanged\b|\bsee\b|\bnot specified\b"
    r"|\bper protocol\b|\b(?:by|in) the protocol\b|\bprotocol[- ]defined\b|\bhalf-?li|\bdefined as\b"
    r"|\bappropriate\b(?! (?:birth control|contraception))|\bsignificant|\brelevant\b|\bcurrently enrolled\b"
    r"|\bequivalent\b(?! (?:dose|oral))|\bprior to visit\b|\bboth\b(?! sexes)|\beither\b(?! sex)|\bneither\b"
    r"|\brespectively\b|\bwhichever\b|\bper week\b.*\bper day\b|\bsecondary to\b|\bdue to\b|\brelated to\b"
    r"|\bassociated\b|\bcaused by\b|\bbecause\b|\bgiven the\b|\bthe following\b|\bany of\b|\bone of\b"
    r"|\bat (?:both|each)\b|\boccasions?\b|\bconsecutive\b|\brepeat|\bconfirmed by (?:a )?(?:repeat|second)"
    r"|\bnormal range\b|\bwithin normal\b|\bage-? ?(?:and|/)? ?sex|\badjusted\b|\bpredicted\b|\?",
)

_NEG_PREFIX = re.compile(
    r"^(?:(?:patients?|subjects?|participants?|individuals?|women|females?|men|males?)\s+)?"
    r"(?:(?:must|should|may|can|will|shall)\s*not|cannot|do not|does not|did not)\s+"
    r"(?:(?:have|be)\s+(?:had\s+|been\s+)?|currently\s+(?:have|be)\s+)?"
    r"|^(?:no|not|absence of|without|free of|lack of)\s+(?:(?:patients?|subjects?|women|females?)\s+"
    r"(?:who\s+(?:are|have|has)\s+(?:had\s+)?|with\s+)?)?(?:evidence of\s+)?"
)
_EXCLUDED_SUFFIX = re.compile(
    r"\s*,?\s*(?:will|shall|would|are|is|must|should)?\s*(?:be\s+|are\s+|is\s+)?(?:excluded|exluded|ineligible"
    r"|not\s+(?:be\s+)?eligible)(?:\s+from\s+(?:the|this)\s+(?:study|trial))?\s*$"
)
_REQUIREMENT_WORDS = re.compile(r"\b(?:must|should|required|requirement|eligible|allowed|permitted|may|can|"
                                r"acceptable|agree|willing)\b")
_PERMISSIVE_WORDS = re.compile(r"\b(?:allowed|permitted|may|eligible|can be|could|optional|encouraged)\b")


# ---------------------------------------------------------------------------------------
# atoms: each reads one statement, all of it, or returns None


@dataclass
class _Atom:
    rule: dict
    name: str
    cond_only: bool = False  # a condition (present/absent), never a positive inclusion requirement
    req_only: bool = False  # a requirement, never an exclusion condition
    confidence: float = 0.9
    neutral: bool = False  # "male or female": no restriction, dropped from lists


_SUBJECT = (r"(?:(?:adult|male|female|pediatric|paediatric)\s+)?(?:patients?|subjects?|participants?|individuals?"
            r"|persons?|people|adults|women|men|females|males|candidates)")
_MODAL = (r"(?:(?:must|should|will|shall)\s+(?:be\s+|have\s+(?:had\s+)?)?|(?:are|is)\s+required\s+to\s+|require"
          r"d\s+to\s+"
          r"|(?:who\s+)?(?:are|is|has|have|had)\s+)")


def _strip_subject(t: str) -> str:
    t = re.sub(rf"^(?:all\s+)?{_SUBJECT}\s+(?:{_MODAL})?", "", t)
    t = re.sub(rf"^{_MODAL}", "", t)
    t = re.sub(r"^(?:presence of|evidence of|current(?:ly)?|known|documented|diagnosis of|a diagnosis of)\s+", "", t)
    return t.strip()


# --- age --------------------------------------------------------------------------------

_OPS = r"(>=|<=|>|<)"


def _age(s: str, mode: str) -> _Atom | None:
    if not re.search(r"\bage[ds]?\b|\byears?\b|\byrs?\b|\bold\b", s):
        return None
    if re.search(r"onset|diagnos|disease|month|week|\bday|since|duration|history|smok|weight|\bkg\b|%", s):
        return None
    t = " " + s + " "
    t = re.sub(r"\b(?:years?|yrs?\.?|y)\s+of\s+age\b|\b(?:years?|yrs?\.?)(?:\s+old)?(?=\W)", " Y ", t)
    t = re.sub(r"\bof age\b", " ", t)
    t = re.sub(r"\b(?:the\s+)?age\s+of\b|\bage[ds]?\b\s*:?", " AGE ", t)
    t = re.sub(rf"\b{_SUBJECT}\b", " ", t)
    t = re.sub(r"\b(?:must|should|will|be|are|is|who|between|from|inclusive|of|children|minors|at(?= \d)"
               r"|with no upper (?:age )?limit|no upper (?:age )?limit|at (?:the time of )?(?:screening|enrollment"
               r"|enrolment|(?:informed )?consent|study entry|baseline|randomi[sz]ation|signing[^,;]*)|the|for "
               r"all)\b", " ", t)
    t = re.sub(r"[,:;()]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"(?:AGE )+", "AGE ", t)
    n = r"(\d{1,3}(?:\.5)?)"
    y = r"(?: ?Y)?"
    m = re.fullmatch(rf"(?:AGE )?{n}{y} ?(?:-|to|and) ?{n}{y}(?: AGE)?", t)
    if m:
        lo, hi = float(m.group(1)), float(m.group(2))
        if mode != "req" or not lo < hi <= 120 or "Y" not in t and "AGE" not in t:
            return None
        return _Atom(_all(_f("age_years", ">=", _num(lo)), _f("age_years", "<=", _num(hi))), "age")
    comparisons: list[dict] = []
    rest = t
    pats = [
        (rf"(?:AGE )?{_OPS} (?:AGE )?{n}{y}(?: AGE)?", lambda m: (m.group(1), m.group(2))),
        (rf"(?:AGE )?{n}{y}(?: AGE)? (?:or|and) (?:older|over|above|greater|more)(?: AGE)?",
         lambda m: (">=", m.group(1))),
        (rf"(?:AGE )?{n}{y}(?: AGE)? or (?:younger|less|under|below)(?: AGE)?", lambda m: ("<=", m.group(1))),
        (rf"(?:AGE )?{n}{y} (?:AGE )?{_OPS}", lambda m: (m.group(2), m.group(1))),  # "18 years >=" (rare)
    ]
    for _ in range(2):
        for pat, get in pats:
            m = re.match(pat + r"(?: (?:and|or) |$)", rest)
            if m:
                op, val = get(m)
                comparisons.append(_f("age_years", op, _num(float(val))))
                rest = rest[m.end():].strip()
                break
        else:
            break
        if not rest:
            break
    if rest or not comparisons or ("Y" not in t and "AGE" not in t):
        return None
    if any(not 0 <= c["value"] <= 120 for c in comparisons):
        return None
    if len(comparisons) == 2:
        lows = [c for c in comparisons if c["op"] in (">", ">=")]
        highs = [c for c in comparisons if c["op"] in ("<", "<=")]
        if len(lows) != 1 or len(highs) != 1:
            return None
        if mode == "req":
            if not lows[0]["value"] < highs[0]["value"]:
                return None
            return _Atom(_all(lows[0], highs[0]), "age")
        if not highs[0]["value"] < lows[0]["value"]:
            return None
        return _Atom(_any(highs[0], lows[0]), "age")
    return _Atom(comparisons[0], "age")


def _num(x: float) -> int | float:
    x = round(x, 4)
    return int(x) if float(x).is_integer() else x


# --- sex --------------------------------------------------------------------------------

def _sex(s: str, mode: str) -> _Atom | None:
    t = re.sub(r"\b(?:gender|sex|only|patients?|subjects?|participants?|:)\b|:", " ", s)
    t = re.sub(r"\s+", " ", t).strip()
    if re.fullmatch(r"(?:males?|men) (?:and|or|&) (?:females?|women)|(?:females?|women) (?:and|or|&) (?:males?|men)"
                    r"|both sexes|either sex|any|all|regardless of|(?:males?|men) (?:and|or) (?:non-?pregnant )?"
                    r"(?:females?|women)", t):
        if "pregnant" in t:
            return None
        return _Atom(_any(_f("sex", "=", "female"), _f("sex", "=", "male")), "sex", neutral=True, req_only=True)
    if re.fullmatch(r"females?|women|woman", t):
        return _Atom(_f("sex", "=", "female"), "sex")
    if re.fullmatch(r"males?|men|man", t):
        return _Atom(_f("sex", "=", "male"), "sex")
    return None


# --- consent and compliance --------------------------------------------------------------

_CONSENT_WORDS = set("""written informed consent consents consented assent assents signed sign signs signing signature
provide provides providing provided give gives giving obtain obtained obtaining able ability willing willingness
capacity capable to and or the a an of form forms document documents statement icf patient patients subject subjects
participant participants their his her legal legally guardian guardians representative representatives authorized
acceptable must should be is are have has voluntarily complete completed comprehend will person voluntary dated
prior before any study trial research
procedures procedure specific all aspects after full information understand understands understanding fully content
this who in with accordance participate participating participation on behalf / & , ( ) : - agree agrees agreed
date personally freely free ethics approved read understood having""".split())
_CONSENT_NEG = set("unable unwilling inability unwillingness refusal refuses refuse refused not did cannot can no lack "
                   "fail fails failure without".split())


def _tokens(s: str) -> list[str]:
    return re.findall(r"[a-z]+|[/&,():\-]", s)


def _consent(s: str, mode: str) -> _Atom | None:
    if "consent" not in s:
        return None
    words = _tokens(s)
    if not set(words) <= _CONSENT_WORDS | _CONSENT_NEG:
        return None
    negative = bool(set(words) & _CONSENT_NEG)
    if negative:
        if not re.search(r"\b(?:unable|unwilling|inability|unwillingness|refus\w*|not|cannot|lack|fail\w*|without)\b"
                         r".{0,60}\bconsent", s):
            return None
        return _Atom(_no("informed_consent"), "informed_consent", cond_only=True)
    return _Atom(_yes("informed_consent"), "informed_consent", req_only=True)


def _compliance(s: str, mode: str) -> _Atom | None:
    m = re.fullmatch(
        r"(?:(?:patients?|subjects?|participants?) (?:must be |should be |is |are )?)?(?:be )?"
        r"(?:(unable|unwilling|inability|unwillingness|not willing|not able)|(?:willing|able|willingness|ability"
        r"|capable)(?: (?:and|or|&) (?:willing|able|ability|willingness|capable))?)"
        r"(?: (?:and|or) (?:unwilling|unable|willing|able))?(?: of)? to (?:comply|follow|adhere|complete)"
        r"(?: (?:with|to))? (?:all |the )?(?:study|trial|protocol)?\s*"
        r"(?:procedures|requirements|guidelines|visits|schedule|instructions|protocol)(?: and (?:visits|procedures"
        r"|restrictions|schedule|requirements))?(?: for the duration of the study)?", s)
    if not m:
        return None
    if m.group(1):
        return _Atom(_no("willing_to_follow_procedures"), "procedures", cond_only=True)
    return _Atom(_yes("willing_to_follow_procedures"), "procedures", req_only=True)


# --- pregnancy, lactation, contraception -------------------------------------------------

_WOMEN = r"(?:women|woman|females?|patients?|subjects?|participants?|mothers?|girls?)"


def _pregnancy(s: str, mode: str) -> _Atom | None:
    s = re.sub(r"^(?:(?:the )?(?:patients?|subjects?|participants?) )?(?:is|are) (?:an? )?", "", s)
    t = re.sub(r"\b(?:female|women|woman) (?=patients?|subjects?)", "", s)
    t = re.sub(r"^(?:be (?:a )?)?", "", t)
    if re.fullmatch(rf"(?:{_WOMEN} (?:who are |that are )?)?(?:currently |present |known |current )?"
                    rf"(?:pregnant|pregnancy)(?: {_WOMEN})?(?: (?:at|during) screening)?", t):
        return _Atom(_yes("pregnant"), "pregnant", cond_only=True)
    if re.fullmatch(r"(?:(?:a )?positive (?:serum |urine )?pregnancy test)(?: (?:at|during) screening)?", t):
        return _Atom(_yes("pregnant"), "pregnant", cond_only=True, confidence=0.8)
    if re.fullmatch(rf"(?:{_WOMEN} (?:who are |that are )?)?(?:currently )?(?:lactating|lactation|breast-? ?feeding"
                    rf"|nursing(?: infants?)?)(?: {_WOMEN}| an infant)?", t):
        return _Atom(_yes("lactating"), "lactating", cond_only=True)
    if re.fullmatch(rf"(?:{_WOMEN} (?:who are )?)?(?:pregnant|pregnancy) (?:or|and|and/or|/) (?:lactating|lactation"
                    rf"|breast-? ?feeding|nursing)(?: {_WOMEN})?", t):
        return _Atom(_any(_yes("pregnant"), _yes("lactating")), "pregnant+lactating", cond_only=True)
    if re.fullmatch(rf"(?:{_WOMEN} (?:who are )?)?(?:planning|plan(?:s|ning)? to become|intend(?:s|ing)? to (?:"
                    rf"become|get)"
                    rf"|wish(?:es|ing)? to become|planning to become) (?:a )?(?:pregnan(?:t|cy))"
                    rf" within (?:the next )?6 months", t):
        return _Atom(_yes("pregnancy_planned_within_6_months"), "pregnancy_planned", cond_only=True)
    m = re.fullmatch(
        rf"(?:(fertile) )?{_WOMEN}(?: of (?:childbearing|child-bearing|child bearing|reproductive) (?:potential|age)"
        rf"| who are fertile| with (?:childbearing|reproductive) potential)?,? (?:who are )?(?:who )?(?:not (?:"
        rf"practicing|practising|using)"
        rf"|unwilling to use|not willing to use|(?:cannot|can not|do not|does not) (?:guarantee|use|practice|practise)"
        rf"|without|refusing to use|not on)(?: (?:adequate|effective|reliable|acceptable|medically acceptable"
        rf"|highly effective|any))*(?: (?:forms?|methods?|means)(?: of)?)? (?:birth control|contraception"
        rf"|contraceptives?(?: methods?| measures)?)", t)
    if m:
        childbearing = bool(m.group(1)) or bool(re.search(r"childbearing|child-bearing|child bearing|reproductive"
                                                          r"|fertile", t))
        first = _yes("childbearing_potential") if childbearing else _f("sex", "=", "female")
        return _Atom(_all(first, _no("contraception_assured")), "no_contraception", cond_only=True,
                     confidence=0.85 if childbearing else 0.75)
    return None


def _contraception_requirement(s: str, mode: str) -> _Atom | None:
    method = (r"(?:an? )?(?:(?:adequate|effective|reliable|acceptable|medically (?:acceptable|approved)|approved"
              r"|highly effective|appropriate|barrier)(?:,? (?:and|or) )?\s*)*(?:(?:forms?|methods?|means|measures)"
              r"(?: of)? )?(?:birth control|contraception|contraceptive(?: methods?| measures)?)")
    if re.fullmatch(rf"(?:(?:patients?|subjects?|participants?) )?(?:must |should )?(?:agrees? to |willing(?:ne"
                    rf"ss)? to |be "
                    rf"willing to |are willing to )?(?:use|practice|practise|using)s? {method}", s):
        return _Atom(_yes("contraception_assured"), "contraception", req_only=True, confidence=0.8)
    women = (r"(?:women|females?|female (?:patients|subjects))(?: of (?:childbearing|child-bearing|reproductive)"
             r" (?:potential|age))?|fertile (?:women|females?)|(?:women|females?) who are fertile")
    if re.fullmatch(rf"{method} (?:is )?required (?:of|for) (?:all )?(?:{women})", s) and re.search(
            r"fertile|childbearing|child-bearing|reproductive", s):
        return _Atom(_any(_no("childbearing_potential"), _yes("contraception_assured")), "contraception",
                     req_only=True, confidence=0.85)
    if re.fullmatch(rf"(?:{women}) (?:must|should) (?:agree to )?(?:use|practice|practise|be using) {method}", s) and \
            re.search(r"fertile|childbearing|child-bearing|reproductive", s):
        return _Atom(_any(_no("childbearing_potential"), _yes("contraception_assured")), "contraception",
                     req_only=True, confidence=0.85)
    return None


# --- infections ---------------------------------------------------------------------------

def _viral(s: str, mode: str) -> _Atom | None:
    s = _strip_subject(_drop_acronyms(s))
    t = s
    neg = re.search(r"\b(?:negative|seronegative|negativity)\b", t)
    t = re.sub(r"^(?:be |is |are )?(?:negative|seronegative) (?:for|to) ", "", t) if neg else t
    t = re.sub(r"\s*\b(?:negative|seronegative|negativity)\b(?: (?:at|during) screening)?$", "", t) if neg else t
    t = re.sub(r"^(?:known|documented|confirmed|current|chronic|positive (?:test(?:s)? for|serology for|for)|a positive"
               r"|positive|serological evidence of(?: infection with)?|serologic evidence of(?: infection with)?"
               r"|evidence of(?: infection with)?|infection with|presence of|(?:be )?infected with|seropositiv\w+ for"
               r"|test(?:s)? positive for|tested positive for)\s+", "", t)
    t = re.sub(r"^(?:known|documented|confirmed|current|chronic|active)\s+", "", t)
    t = re.sub(r"^(?:positive (?:test(?:s)? for|serology for|for)|serological evidence of(?: infection with)?"
               r"|evidence of(?: infection with)?|infection with|presence of|seropositiv\w+ for|test(?:s)? posi"
               r"tive for)\s+",
               "", t)
    serologic = bool(re.search(r"serolog|antibod|\bab\b|positive|seropositiv|test", s))
    hist = s.startswith("history of") or "history" in s
    rule = None
    name = ""
    if re.fullmatch(r"(?:hiv|human immunodeficiency virus)(?:[- ]?1)?(?: (?:infection|positive|positivity|antibody"
                    r"(?: positive)?|antibodies|seropositive|seropositivity|disease|\+))?|hiv\s*\+|aids"
                    r"|acquired immune ?deficiency syndrome", t):
        rule, name = _yes("hiv"), "hiv"
    elif re.fullmatch(r"(?:hepatitis b surface antigen|hbsag|hbs ag|hbs antigen|hepatitis b antigen)"
                      r"(?: \(hbsag\))?(?: positiv\w+| test)?", t):
        rule, name = _yes("hbsag_positive"), "hbsag"
    elif re.fullmatch(r"(?:hepatitis b|hbv)(?: virus)?(?: \(hbv\))?(?: infection)?", t) and not hist and not (
            serologic and "surface" not in s):
        if s.startswith(("active", "chronic", "known active")) or re.search(r"infection|hepatitis b virus|hbv|^"
                                                                            r"hepatitis b$",
                                                                             t):
            rule, name = _yes("hbsag_positive"), "hbsag"
    elif re.fullmatch(r"(?:hepatitis c|hcv|hvc)(?: virus)?(?: \(hcv\))? ?(?:antibody|antibodies|ab|serology)"
                      r"(?: positiv\w+)?|anti-?hcv(?: antibody)?(?: positiv\w+)?", t) or (
            re.fullmatch(r"(?:hepatitis c|hcv)(?: virus)?(?: infection)?", t) and re.search(r"serolog|antibod", s)):
        rule, name = _yes("hcv_antibody_positive"), "hcv_antibody"
    elif re.fullmatch(r"(?:hepatitis c|hcv)(?: virus)?(?: \(hcv\))?(?: infection)?", t) and not hist:
        rule = _all(_yes("hcv_antibody_positive"),
                    _confirm("Is there a current hepatitis C infection (not only a positive antibody test)?",
                             "hcv_active"))
        name = "hcv"
    elif re.fullmatch(r"active (?:tuberculosis|tb)(?: infection| disease)?", t) or re.fullmatch(
            r"active (?:tuberculosis|tb)(?: infection| disease)?", s):
        rule, name = _yes("tb_active"), "tb_active"
    elif re.fullmatch(r"latent (?:tuberculosis|tb)(?: infection)?|(?:a )?positive (?:ppd|tuberculin skin test|tst"
                      r"|quantiferon(?:-tb)?(?: gold)?(?: test)?|igra|interferon-gamma release assay)(?: test)?", s):
        rule, name = _yes("tb_latent"), "tb_latent"
    if rule is None:
        return None
    if hist and name not in ("hiv",):
        return None
    if neg:
        if name in ("hiv", "hbsag", "hcv_antibody"):
            return _Atom(negate(rule), name + "_negative", req_only=True)
        return None
    return _Atom(rule, name, cond_only=True, confidence=0.8 if name == "hcv" else 0.9)


def _infection(s: str, mode: str) -> _Atom | None:
    t = re.sub(r"^(?:presence of |evidence of |any |an |current |known )+", "", s)
    if re.fullmatch(r"(?:current(?:ly)? )?active (?:bacterial, viral or fungal |bacterial or viral |viral or ba"
                    r"cterial )?"
                    r"infections?(?: at screening| at baseline)?", t):
        if re.search(r"bacterial|viral", t):
            return None
        return _Atom(_yes("active_infection"), "active_infection", cond_only=True)
    if re.fullmatch(r"(?:active )?(?:infections?|infection) requiring (?:iv|intravenous|parenteral) "
                    r"(?:antibiotics?|antimicrobials?|anti-infectives?|antimicrobial therapy|antibiotic therapy)", t):
        return _Atom(_yes("active_infection_requiring_iv"), "infection_iv", cond_only=True)
    if re.fullmatch(r"(?:active serious|serious active|severe active|active severe) infections?", t):
        return _Atom(_yes("severe_active_infection"), "severe_infection", cond_only=True, confidence=0.8)
    return None


# --- malignancy ---------------------------------------------------------------------------

_CANCER = r"(?:malignanc(?:y|ies)|cancers?|malignant (?:tumou?rs?|neoplasms?|disease)|neoplasms?|neoplastic disease)"
_SKIN = r"basal cell|squamous cell|non-? ?melanoma(?:tous)? skin|skin"
_CARVE_WORDS = set("""basal squamous cell cells carcinoma carcinomas cancer cancers of the skin non nonmelanoma melanoma
melanomatous in situ insitu cervix cervical uterine uterus and or cured excised resected treated adequately successfully
completely localized localised local surgically curatively removed that has have been which were was is with a an
dysplasia grade i cis carcinoma-in-situ""".split())


def _malignancy(s: str, mode: str) -> _Atom | None:
    if not re.search(_CANCER, s):
        return None
    m = re.match(r"(.*?)\s*,?\s*\(?\s*(?:except(?: for)?|other than|with(?: the)? exception of|excluding|apart "
                 r"from)\s+(.*?)"
                 r"\)?$", s)
    head, carve = (m.group(1), m.group(2)) if m else (s, "")
    head = _clean_end(head)
    window = None
    w = re.search(r"\s*,?\s*(?:(?:diagnosed|treated|occurring|active)\s+)?(?:within|in)\s+(?:the\s+)?(?:last|pa"
                  r"st|previous"
                  r"|preceding|prior)?\s*(\d+)\s+(years?|months?)(?:\s+(?:prior to|before)\s+(?:screening|study entry"
                  r"|enrollment|enrolment|randomi[sz]ation|baseline|the first dose of study drug))?$", head)
    if w:
        window = w.group(0).strip(" ,")
        head = head[: w.start()].strip()
    h = re.sub(r"\s+", " ", head)
    current_or_window = False
    if window:
        h2 = re.sub(rf"^(?:known|current|active|any) {_CANCER} or (?:a |any )?(?:history of|prior|previous) "
                    rf"({_CANCER})$",
                    r"history of \1", h)
        current_or_window = h2 != h
        h = h2
    active = False
    hm = re.fullmatch(rf"(?:(?:a |any )?(?:personal )?(?:history of|prior|previous|past|pre-?existing|preexisting"
                      rf"|pre-?existent|history or presence of|prior or current|current or prior"
                      rf"|current or past|past or current|previous or current|(?:pre-?existing|preexisting)"
                      rf" or coexisting)\s+)+(?:(?:any|a)\s+)?{_CANCER}", h)
    am = re.fullmatch(rf"(?:(?:any|a)\s+)?(?:active|current|current evidence of|known active|ongoing|concurrent"
                      rf"|coexisting|co-existing)\s+{_CANCER}", h)
    if am:
        active = True
    elif not hm:
        return None
    if active and (carve or window):
        return None
    base = _yes("malignancy")
    if active:
        rule = _all(base, _no("malignancy_inactive"))
        return _Atom(rule, "malignancy_active", cond_only=True, confidence=0.85)
    parts = [base]
    name = "malignancy"
    confidence = 0.9
    if carve:
        words = _tokens(carve.replace("in situ", "insitu"))
        words = [w for w in words if w not in ",()-/&"]
        if not set(words) <= _CARVE_WORDS:
            return None
        skin = bool(re.search(_SKIN, carve))
        cervix = bool(re.search(r"cervi|uter", carve))
        if not skin and not cervix:
            return None
        name = "malignancy_except_skin_cervix"
        not_only = _no("malignancy_only_cured_in_situ_skin_or_cervix")
        if skin and cervix:
            parts.append(not_only)
        elif skin:
            parts.append(_any(not_only, _confirm("Was any of the malignancies a carcinoma in situ of the cervix "
                                                 "(not covered by the exception in this criterion)?", "cervix")))
            confidence = 0.8
        else:
            parts.append(_any(not_only, _confirm("Was any of the malignancies a skin cancer (not covered by the "
                                                 "exception in this criterion)?", "skin")))
            confidence = 0.8
    if window and current_or_window:
        parts.append(_confirm(f"Is there a current malignancy, or was there one {window}?", "window"))
    elif window:
        parts.append(_confirm(f"Did the malignancy occur {window}?", "window"))
        name += "_window"
        confidence = min(confidence, 0.8)
    return _Atom(_all(*parts), name, cond_only=True, confidence=confidence)


# --- labs -----------------------------------------------------------------------------------

_LAB_NAMES: list[tuple[str, tuple[str, ...]]] = [
    (r"(?:serum )?(?:transaminases|aminotransferases|liver transaminases|alt/ast|ast/alt|sgot/sgpt|sgpt/sgot)",
     ("ast", "alt")),
    (r"(?:serum )?(?:ast|sgot|aspartate (?:amino)?transferase|aspartate transaminase|aspartate aminotransferase"
     r"|serum got|got)", ("ast",)),
    (r"(?:serum )?(?:alt|sgpt|alanine (?:amino)?transferase|alanine transaminase|alanine aminotransferase"
     r"|serum gpt|gpt)", ("alt",)),
    (r"(?:serum |total |serum total )*bilirubin", ("bilirubin",)),
    (r"(?:estimated )?(?:serum )?creatinine clearance|crcl|cr cl", ("creatinine_clearance",)),
    (r"(?:serum |blood |plasma )?creatinine|(?:serum )?cr|scr", ("creatinine",)),
    (r"e?gfr|estimated glomerular filtration rate|estimated gfr|glomerular filtration rate", ("egfr",)),
    (r"(?:westergren )?(?:esr|erythrocyte sedimentation rate|sed rate)", ("esr",)),
    (r"(?:serum )?(?:crp|c-reactive protein|c reactive protein)", ("crp",)),
    (r"(?:serum |blood )?(?:h(?:a)?emoglobin|hb|hgb)(?: level| concentration| value)?", ("hemoglobin",)),
    (r"(?:wbc|white blood cells?|white blood cell count|white cell count|white count|(?:total )?leu[ck]ocytes?"
     r"|(?:total )?leu[ck]ocyte count|wbc count)", ("wbc",)),
    (r"(?:absolute )?neutrophils?(?: count)?|anc|absolute neutrophil count", ("neutrophils",)),
    (r"(?:absolute )?lymphocytes?(?: count)?|alc|absolute lymphocyte count", ("lymphocytes",)),
    (r"(?:platelets?|platelet counts?|plt|thrombocytes?|thrombocyte count)", ("platelets",)),
    (r"(?:serum )?igg(?: level)?", ("igg",)),
    (r"(?:serum )?(?:c3|complement c3|c3 complement)(?: level)?", ("c3",)),
    (r"(?:serum )?(?:c4|complement c4|c4 complement)(?: level)?", ("c4",)),
    (r"anti-? ?(?:ds ?dna|double[- ]stranded dna)(?: antibod(?:y|ies))?(?: titer| titre| level)?", ("anti_dsdna",)),
    (r"(?:serum )?(?:ck|cpk|creatine (?:phospho)?kinase)(?: level)?", ("ck",)),
]
_LAB_ALT = "|".join(f"(?:{p})" for p, _ in _LAB_NAMES)
_COUNT_LABS = ("wbc", "neutrophils", "lymphocytes", "platelets")
_UNIT_FACTORS: dict[str, dict[str, float]] = {
    "ast": {"u/l": 1, "iu/l": 1}, "alt": {"u/l": 1, "iu/l": 1}, "ck": {"u/l": 1, "iu/l": 1},
    "bilirubin": {"umol/l": 1, "mg/dl": 17.1},
    "creatinine": {"umol/l": 1, "mg/dl": 88.4},
    "creatinine_clearance": {"ml/min": 1, "": 1},
    "egfr": {"ml/min/1.73m2": 1, "ml/min": 1, "": 1},
    "esr": {"mm/h": 1, "": 1},
    "crp": {"mg/l": 1, "mg/dl": 10},
    "hemoglobin": {"g/dl": 1, "g/l": 0.1},
    "igg": {"g/l": 1, "mg/dl": 0.01}, "c3": {"g/l": 1, "mg/dl": 0.01}, "c4": {"g/l": 1, "mg/dl": 0.01},
    "anti_dsdna": {"iu/ml": 1},
}
for _lab in _COUNT_LABS:
    _UNIT_FACTORS[_lab] = {"x10^9/l": 1, "x10^3/ul": 1, "/ul": 0.001, "/mm3": 0.001}
_UNIT_RE = (r"(x10\^9/l|x10\^3/ul|/ul|/mm3|u/l|iu/l|umol/l|mg/dl|g/dl|g/l|mg/l|ml/min/1\.73m2|ml/min|mm/h|iu/ml"
            r"|%)")
_DESCRIPTORS = {"thrombocytopenia": ("platelets",), "neutropenia": ("neutrophils",), "leukopenia": ("wbc",),
                "leucopenia": ("wbc",), "lymphopenia": ("lymphocytes",), "anemia": ("hemoglobin",),
                "anaemia": ("hemoglobin",), "renal insufficiency": ("creatinine", "egfr", "creatinine_clearance"),
                "renal impairment": ("creatinine", "egfr", "creatinine_clearance"),
                "renal failure": ("creatinine", "egfr", "creatinine_clearance")}


def _lab_names(text: str) -> tuple[list[str], str] | None:
    """The labs named in ``text`` ("ast or alt", "ast/alt") and how they are joined."""
    parts = re.split(r"\s*(?:,\s*(?:and/or|or|and)?|\band/or\b|\bor\b|\band\b|/)\s*", text)
    joins = re.findall(r"\band/or\b|\bor\b|\band\b|/|,", text)
    labs: list[str] = []
    for part in parts:
        part = part.strip()
        for pat, ids in _LAB_NAMES:
            if re.fullmatch(pat, part):
                labs.extend(ids)
                break
        else:
            if text.strip() and any(re.fullmatch(p, text.strip()) for p, _ in _LAB_NAMES[:1]):
                return list(_LAB_NAMES[0][1]), "group"
            return None
    if len(parts) == 1:
        return labs, ("group" if len(labs) > 1 else "one")
    kinds = {("or" if j in ("or", "and/or", "/") else "and" if j == "and" else ",") for j in joins}
    kinds.discard(",")
    if not kinds:
        return labs, "or" if "/" in text else ","
    if len(kinds) > 1:
        return None
    return labs, kinds.pop()


def _lab(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during) (?:the )?screening(?: visit)?$|\s*at baseline$|\s*prior to (?:study entry|ran"
               r"domi[sz]ation"
               r"|enrollment|screening)$", "", t)
    t = re.sub(r"^(?:(?:hematopoietic|haematopoietic|hematologic|renal|hepatic|laboratory|labs?)\s*:\s*)", "", t)
    t = re.sub(r"^(?:presence of |evidence of |screening |a |an |have |has )", "", t)
    descriptor = None
    dm = re.match(r"^(" + "|".join(_DESCRIPTORS) + r")\s*\((.*)\)$", t)
    if dm:
        descriptor, t = _DESCRIPTORS[dm.group(1)], dm.group(2).strip()
    m = re.fullmatch(rf"((?:{_LAB_ALT})(?:\s*(?:,\s*(?:and/or|or|and)?|and/or|or|and|/)\s*(?:{_LAB_ALT}))*)\s*("
                     rf"?:level|levels"
                     rf"|value|values|count|concentration|result)?\s*(?:of |is |are |must be |should be )?{_OPS}\s*"
                     rf"(\d+(?:\.\d+)?)\s*(x uln|{_UNIT_RE})?", t)
    if not m:
        return None
    names = _lab_names(m.group(1))
    if names is None:
        return None
    labs, join = names
    if descriptor and not set(labs) <= set(descriptor):
        return None
    op, value, unit = m.group(2), float(m.group(3)), (m.group(4) or "").strip()
    rules = []
    for lab in labs:
        if unit == "x uln":
            if not LABS[lab].get("uln"):
                return None
            rules.append(_f(f"{lab}_x_uln", op, _num(value)))
            continue
        factors = _UNIT_FACTORS.get(lab)
        if factors is None:
            return None
        if unit == "" and lab in _COUNT_LABS:
            if value >= 1000:
                factor = 0.001
            else:
                return None
        elif unit in factors:
            factor = factors[unit]
        else:
            return None
        rules.append(_f(lab, op, _num(value * factor)))
    if len(rules) == 1:
        rule = rules[0]
    elif mode == "cond":
        if join not in ("or", "group"):
            return None
        rule = _any(*rules)
    else:
        if join not in ("and", "group", ","):
            if not (join == "or" and "/" in m.group(1) and "or" not in m.group(1).split()):
                return None
        rule = _all(*rules)
    return _Atom(rule, "lab:" + "+".join(labs), confidence=0.9 if unit else 0.8)


# --- scores and findings --------------------------------------------------------------------

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _score(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"\s*(?:at|during) (?:the )?screening(?: visit)?$|\s*at baseline$", "", t)
    t = re.sub(r"^(?:performance status\s*:\s*|(?:an? )?)", "", t)
    m = re.fullmatch(r"(?:ecog|eastern cooperative oncology group)(?: performance status| performance score| ps| score"
                     r"| status)*(?: of)?\s*(?:(>=|<=|>|<|=)\s*(\d)|(\d)\s*(?:-|to)\s*(\d)|(\d)(?:,\s*\d)*,? (?"
                     r":or|and) (\d))", t)
    if m:
        if m.group(1):
            return _Atom(_f("ecog", m.group(1) if m.group(1) != "=" else "=", int(m.group(2))), "ecog")
        lo, hi = (int(m.group(3)), int(m.group(4))) if m.group(3) else (int(m.group(5)), int(m.group(6)))
        if not lo < hi <= 5:
            return None
        rule = _f("ecog", "<=", hi) if lo == 0 else _all(_f("ecog", ">=", lo), _f("ecog", "<=", hi))
        return _Atom(rule, "ecog")
    m = re.fullmatch(r"(?:(?:severe |symptomatic )?(?:congestive )?heart failure\s*(?:\(\s*)?)?(?:new york hear"
                     r"t association"
                     r"|nyha)(?: functional)?(?: class(?:es)?| grade)?\s*(iii|3) (?:or|and|/|-|to) (iv|4)(?: he"
                     r"art failure)?\)?"
                     r"|(?:(?:nyha )?(?:class|grade) )?(iii|3) (?:or|and|/|-) (iv|4) (?:congestive )?heart failure"
                     r"(?: \((?:nyha|new york heart association)(?: classification)?\))?", t)
    if m:
        return _Atom(_f("nyha_class", ">=", 3), "nyha")
    m = re.fullmatch(r"(?:nyha|new york heart association)(?: functional)?(?: class)? ?(>=|<=|>|<) ?(i{1,3}|iv|"
                     r"[1-4])", t)
    if m:
        v = m.group(2)
        return _Atom(_f("nyha_class", m.group(1), _ROMAN.get(v) or int(v)), "nyha")
    m = re.fullmatch(r"(?:cardiac |left ventricular |lv )?(?:ejection fraction|lvef|ef)(?: on echocardiography)?\s*"
                     r"(>=|<=|>|<)\s*(\d+(?:\.\d+)?)\s*%", t)
    if m:
        return _Atom(_f("lvef_percent", m.group(1), _num(float(m.group(2)))), "lvef")
    head = t.split(" >")[0].split(" <")[0]
    m = re.fullmatch(r"das ?28[- ]?(esr|crp)|das ?28 \((esr|crp)\)|das ?28 using (esr|crp)", head)
    if m:
        which = m.group(1) or m.group(2) or m.group(3)
        mm = re.fullmatch(r".*?\s(>=|<=|>|<)\s*(\d+(?:\.\d+)?)", t)
        if mm and 0 <= float(mm.group(2)) <= 10:
            return _Atom(_f(f"das28_{which}", mm.group(1), _num(float(mm.group(2)))), "das28")
        return None
    for pat, fact, hi in ((r"sledai[- ]?2k|sledai 2000", "sledai_2k", 105), (r"essdai", "essdai", 123),
                          (r"cdai|clinical disease activity index", "cdai", 76)):
        mm = re.fullmatch(rf"(?:{pat})(?: score)?(?: of)?\s*(>=|<=|>|<)\s*(\d+(?:\.\d+)?)", t)
        if mm and float(mm.group(2)) <= hi:
            return _Atom(_f(fact, mm.group(1), _num(float(mm.group(2)))), fact)
    mm = re.fullmatch(r"(?:(?:body )?weight|minimum (?:body )?weight|(?:body )?weight of)\s*(?:of )?(>=|<=|>|<)?\s*"
                      r"(\d+(?:\.\d+)?)\s*kg", t)
    if mm:
        op = mm.group(1) or (">=" if t.startswith("minimum") else None)
        if op is None or not 0.5 <= float(mm.group(2)) <= 400:
            return None
        return _Atom(_f("weight_kg", op, _num(float(mm.group(2)))), "weight")
    mm = re.fullmatch(r"(?:estimated )?(?:survival|life expectancy)(?: of)? (>=|<=|>|<) (\d+) (weeks|months)", t)
    if mm:
        n = float(mm.group(2)) * (1 if mm.group(3) == "weeks" else 52 / 12)
        if mm.group(3) == "months" and not float(n).is_integer():
            n = round(n, 1)
        return _Atom(_f("estimated_survival_weeks", mm.group(1), _num(n)), "survival", confidence=0.8)
    return None


def _gc_dose(s: str, mode: str) -> _Atom | None:
    t = re.sub(r"^(?:current(?:ly)? |receiving |taking |on |use of |treatment with |requiring )+", "", s)
    t = re.sub(r"\s*(?:at|during) (?:the )?screening$|\s*at baseline$", "", t)
    pred = r"(?:oral )?(?:prednisone|prednisolone|prednisone-equivalent|prednisone equivalent)(?: \(or equivalent\))?"
    per = r"(?:mg ?/ ?day|mg per day|mg daily|mg/d|mg a day|mg qd|mg)"
    unit_day = r"(?: (?:per day|daily|/day|a day))?"
    m = re.fullmatch(rf"(?:{pred})(?: dose)?(?: of)?\s*{_OPS}\s*(\d+(?:\.\d+)?)\s*({per}|mg/kg/day|mg/kg per day)"
                     rf"{unit_day}", t) or \
        re.fullmatch(rf"{_OPS}\s*(\d+(?:\.\d+)?)\s*({per}|mg/kg/day|mg/kg per day) (?:of )?{pred}{unit_day}", t)
    if not m:
        return None
    unit = m.group(3)
    if unit == "mg" and not re.search(r"per day|daily|/day|a day", t):
        return None
    fact = "prednisone_eq_mg_per_kg_day" if "kg" in unit else "prednisone_eq_mg_day"
    return _Atom(_f(fact, m.group(1), _num(float(m.group(2)))), "glucocorticoid_dose", confidence=0.85)


# --- diagnosis, classification, duration ------------------------------------------------------

_DISEASES: list[tuple[str, str]] = [
    (r"rheumatoid arthritis|ra", "ra"),
    (r"systemic lupus erythematosus|systemic lupus erythematos[iu]s|sle|lupus", "sle"),
    (r"(?:primary )?sj[oö]gren'?s?(?:'s)? (?:syndrome|disease)|sj\(sqrroot\)\(delta\)gren s syndrome|pss|sjogren",
     "sjogren"),
    (r"dermatomyositis|dm", "dm"),
    (r"antisynthetase syndrome|anti-synthetase syndrome|asys|ass", "asys"),
    (r"polymyositis|pm", "polymyositis"),
    (r"systemic sclerosis|scleroderma|ssc|progressive systemic sclerosis", "systemic_sclerosis"),
    (r"psoriatic arthritis|psa", "psoriatic_arthritis"),
    (r"ankylosing spondylitis", "ankylosing_spondylitis"),
    (r"myasthenia gravis", "myasthenia_gravis"),
    (r"primary biliary (?:cirrhosis|cholangitis)", "primary_biliary_cholangitis"),
    (r"hypothyroidism", "hypothyroidism"),
]
_DISEASE_ALT = "|".join(f"(?:{p})" for p, _ in _DISEASES)

_CRITERIA: list[tuple[str, str, str]] = [
    # pattern, condition prefix (or "" for any), classification code
    (r"(?:the )?(?:2010 (?:american college of rheumatology|acr)\s*(?:/|and|-)\s*(?:european league against rheumatism|"
     r"eular|european alliance of associations for rheumatology)|(?:acr|american college of rheumatology)\s*/\s*eular"
     r" 2010|acr/eular \(2010\))", "ra", "acr_eular_2010"),
    (r"(?:the )?(?:(?:revised )?(?:1987|1988) (?:revised )?(?:american college of rheumatology|acr|american rheumatism "
     r"association|ara)(?: revised)?|(?:american college of rheumatology|acr|ara) (?:1987|1988)(?: revised)?|revised "
     r"(?:american college of rheumatology|acr)(?: \(acr\))?(?: 1987)?)", "ra", "acr_1987"),
    (r"(?:the )?(?:american college of rheumatology|acr)(?: \(acr\))?", "ra", "acr_any"),
    (r"(?:>= ?)?4 of (?:the )?7 (?:american college of rheumatology|acr)(?: \(acr\))?(?: 1987)?", "ra", "acr_1987"),
    (r"(?:the )?(?:2019 (?:european alliance of associations for rheumatology|eular)(?: \(eular\))?\s*/\s*(?:american "
     r"college of rheumatology|acr)(?: \(acr\))?|eular/acr 2019)", "sle", "eular_acr_2019_sle"),
    (r"(?:the )?(?:2012 )?(?:slicc|systemic lupus international collaborating clinics)(?: 2012)?", "sle", "slicc_2012"),
    (r"(?:the )?(?:2002 )?(?:american-european consensus group|aecg|american european consensus group)(?: \(aecg\))?"
     r"(?: 2002)?", "sjogren", "aecg_2002"),
    (r"(?:the )?2016 (?:acr|american college of rheumatology)\s*/\s*(?:eular|european league against rheumatism)",
     "sjogren", "acr_eular_2016_sjogren"),
    (r"(?:the )?bohan (?:and|&) peter|(?:the )?bohan-peter", "dm", "bohan_peter"),
    (r"(?:the )?2017 (?:eular|european league against rheumatism)\s*/\s*(?:acr|american college of rheumatology)", "dm",
     "eular_acr_2017_iim"),
]


def _disease_code(name: str) -> str | None:
    for pat, code in _DISEASES:
        if re.fullmatch(pat, name):
            return code
    return None


def _diagnosed_rule(code: str) -> dict:
    if code in CONDITIONS:
        return _yes(f"{code}_diagnosed")
    return _f("diagnoses", "has", code)


def _duration(code: str, op: str, n: float, unit: str) -> dict | None:
    """Time since diagnosis, on the completed-units fact: "more than 6 months" is ``>= 6`` completed months."""
    if code not in CONDITIONS or not float(n).is_integer():
        return None
    unit = "months" if unit.startswith("month") else "years" if unit.startswith("year") else ""
    if not unit:
        return None
    fact = f"{code}_duration_{unit}"
    n = int(n)
    if op in (">", ">="):
        return _f(fact, ">=", n)
    return _f(fact, "<", n)


def _disease(s: str, mode: str) -> _Atom | None:
    t = _drop_acronyms(s)
    if re.search(r"juvenile|\bjra\b|\bjia\b|non-|onset|symptom|first|incomplete|secondary|overlap|\bmixed\b|only\b"
                 r"|childhood|nephritis|cutaneous|limited|diffuse|drug-induced|neonatal", t):
        return None
    t = re.sub(r"^(?:(?:a |an |the )?(?:confirmed |established |documented |unequivocal |definite |definitive |"
               r"clinical "
               r"|physician |medical |prior |previous |known |current |active )*(?:diagnosis|history|dx) (?:of|"
               r"with) )", "",
               _strip_subject(t))
    t = re.sub(r"^(?:(?:confirmed|established|documented|unequivocal|definite|known|diagnosed|classic|active) )+", "",
               t)
    active = bool(re.search(r"\bactive\b", s))
    if active:
        return None
    # disease [duration] [classification] in any order, each at most once
    code = None
    classification: list[str] = []
    duration = None
    rest = t
    pos = 0
    m = re.match(rf"({_DISEASE_ALT})\b", rest)
    if m:
        code = _disease_code(m.group(1))
        rest = rest[m.end():].strip()
        pos = 1
    for _ in range(3):
        if not rest:
            break
        dm = re.match(r"^(?:,\s*)?(?:(?:disease )?duration (?:of )?|diagnosed |diagnosis |(?:present |diagnosed"
                      r" )?(?:for|of) )?"
                      r"(>=|<=|>|<)\s*(\d+)\s*(months?|years?)(?: (?:duration|in duration|since diagnosis|prior to "
                      r"(?:screening|baseline|enrollment|enrolment|study entry|randomi[sz]ation)|before (?:screening|"
                      r"enrollment|baseline)))?", rest)
        if dm and duration is None:
            duration = (dm.group(1), float(dm.group(2)), dm.group(3))
            rest = rest[dm.end():].strip()
            continue
        cm = re.match(r"^(?:,\s*)?(?:(?:as )?(?:defined by|according to|in accordance with|by|meeting|meets|meet"
                      r"|fulfil(?:l)?(?:s|ing)?|satisfy(?:ing)?|satisfies|based on|using|per|classified by"
                      r"|that (?:meets|fulfil(?:l)?s))\s+)+(?:the )?(.*?)"
                      r"\s*(?:classification |diagnostic )?criteria(?: for (?:the classification of )?(?:"
                      + _DISEASE_ALT
                      + r"))?(?: \(.*?\))?(?=$|,|\s)", rest)
        om = re.match(r"^or (?:the )?(.*?)\s*(?:classification |diagnostic )?criteria(?: for (?:the classificat"
                      r"ion of )?(?:"
                      + _DISEASE_ALT + r"))?(?=$|,|\s)", rest) if classification else None
        if om:
            more = _criteria_codes(om.group(1).strip())
            tail = re.search(r"criteria for (?:the classification of )?(" + _DISEASE_ALT + r")", om.group(0))
            if more is None or (tail and _disease_code(tail.group(1)) != code):
                return None
            classification = classification + more
            rest = rest[om.end():].strip(" ,")
            continue
        if cm and not classification:
            crit = cm.group(1).strip()
            codes = _criteria_codes(crit)
            if codes is None:
                return None
            classification = codes
            tail = re.search(r"criteria for (?:the classification of )?(" + _DISEASE_ALT + r")", cm.group(0))
            if tail:
                c2 = _disease_code(tail.group(1))
                if code is not None and c2 != code:
                    return None
                code = c2
            rest = rest[cm.end():].strip(" ,")
            continue
        break
    if not pos and not classification:
        # "Meet the 2010 ACR/EULAR criteria for RA" (classification first)
        cm = re.fullmatch(r"(?:meets?|meeting|fulfil(?:l)?s?|fulfil(?:l)?ing|satisf(?:y|ies|ying))\s+(?:the )?(.*?)\s*"
                          r"(?:revised )?(?:classification |diagnostic )?criteria(?: for| of)? (?:the classific"
                          r"ation of )?"
                          r"(?:(?:definite|classic) )?(" + _DISEASE_ALT + r")", t) or re.fullmatch(
            r"(?:meets?|meeting|fulfil(?:l)?s?|fulfil(?:l)?ing|satisf(?:y|ies|ying))\s+(?:the )?(?:classificati"
            r"on )?criteria"
            r" (?:of|by) (?:the )?(.*?) for (?:the classification of )?(" + _DISEASE_ALT + r")", t)
        if not cm:
            return None
        codes = _criteria_codes(cm.group(1).strip())
        if codes is None:
            return None
        code, classification, rest = _disease_code(cm.group(2)), codes, ""
    if rest or code is None:
        return None
    parts: list[dict] = []
    confidence = 0.9
    name = "diagnosis"
    if classification and ("uncoded" in classification or (classification == ["acr_any"] and code != "ra") or any(
            c not in ("acr_any", "uncoded") and (code not in CONDITIONS or not _criteria_fits(c, code))
            for c in classification)):
        if mode != "req":
            return None
        parts = [_diagnosed_rule(code), _confirm("Are the classification criteria named in the criterion met: "
                                                 "\u201c{TEXT}\u201d?", "classification")]
        if duration is not None:
            d = _duration(code, *duration)
            if d is None:
                return None
            parts.append(d)
        return _Atom(_all(*parts), "diagnosis+classification_confirm", confidence=0.75)
    if classification:
        name = "classification"
        prefix = code if code in CONDITIONS else None
        if classification == ["acr_any"]:
            if code != "ra":
                return None
            classification = ["acr_1987", "acr_eular_2010"]
            confidence = 0.8
        usable = [c for c in classification if c != "acr_any"]
        for c in usable:
            if prefix is None:
                return None
            if not _criteria_fits(c, prefix):
                return None
        parts.append(_any(*[_f(f"{prefix}_classification", "has", c) for c in usable]))
    else:
        parts.append(_diagnosed_rule(code))
    if duration is not None:
        d = _duration(code, *duration)
        if d is None:
            return None
        parts.append(d)
        name += "+duration"
    return _Atom(_all(*parts), name, confidence=confidence)


def _criteria_codes(text: str) -> list[str] | None:
    text = text.strip().removeprefix("the ").strip()
    if not text:
        return None
    pieces = re.split(r"\s+or\s+(?:the\s+)?", text)
    codes = []
    for piece in pieces:
        piece = re.sub(r"\s*(?:classification|diagnostic)?\s*(?:criteria)?\s*(?:for (?:" + _DISEASE_ALT + r"))?$", "",
                       piece.strip())
        for pat, _prefix, code in _CRITERIA:
            if re.fullmatch(pat, piece):
                codes.append(code)
                break
        else:
            if re.fullmatch(r"(?:(?:19|20)\d\d |revised |preliminary |updated |modified )*(?:american college of "
                            r"rheumatology|acr|american rheumatism association|ara|eular|acr/eular|eular/acr)"
                            r"(?: (?:19|20)\d\d| revised| preliminary)*", piece):
                codes.append("uncoded")
                continue
            return None
    return codes


def _criteria_fits(code: str, prefix: str) -> bool:
    for _pat, p, c in _CRITERIA:
        if c == code:
            return p == prefix
    return False


# --- treatments ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _drug_table() -> dict[str, dict]:
    """Lower-case drug name / brand / synonym -> drug entry (name, class, mechanism, tags)."""
    out: dict[str, dict] = {}
    for d in all_drugs():
        entry = {"name": d.name, "class": d.drug_class, "mechanism": d.mechanism, "tags": sorted(d.tags)}
        for name in [d.name, *d.brands, *d.synonyms]:
            if len(name) >= 3 and name.lower() not in ("gold", "immunoglobulin"):
                out.setdefault(name.lower(), entry)
    return out


_CLASS_DRUGS = {"tnf": "TNF", "jak": "JAK"}
_TNF = (r"(?:anti-? ?tnf(?:-? ?(?:alpha|α|a))?|tnf(?:-? ?(?:alpha|α|a))? (?:inhibitors?|antagonists?|blockers?|"
        r"blocking "
        r"agents?)|tnf ?is?|tumou?r necrosis factor(?:-? ?(?:alpha|α))? (?:inhibitors?|antagonists?|blockers?)"
        r"|anti-? ?tumou?r necrosis factor(?:-? ?(?:alpha|α))?)(?: (?:therapy|therapies|agents?|drugs?|treatment"
        r"|biologics?|medications?))?")
_JAK = r"(?:jak|janus kinase) inhibitors?(?: therapy)?"


def _drug_list(text: str) -> tuple[list[str], str] | None:
    """Generic names for "infliximab", "anakinra, canakinumab", "anti-TNF therapy" (TNF / JAK classes)."""
    table = _drug_table()
    split = re.split(r"\s*(?:,\s*(?:or|and|and/or)?|\bor\b|\band/or\b|\band\b|/)\s*", text)
    parts = [p.strip() for p in split if p.strip()]
    if not parts:
        return None
    out: list[str] = []
    kinds = set()
    for p in parts:
        p = re.sub(r"^(?:any |a |an |the )", "", p)
        p = re.sub(r"\s*(?:therapy|treatment|agents?)$", "", p) if p in table else p
        if p in table:
            out.append(table[p]["name"])
            kinds.add("drug")
        elif re.fullmatch(_TNF, p):
            out.extend(sorted({d["name"] for d in table.values() if d.get("mechanism") == "TNF"}))
            kinds.add("class")
        elif re.fullmatch(_JAK, p):
            out.extend(sorted({d["name"] for d in table.values() if d.get("mechanism") == "JAK"}))
            kinds.add("class")
        else:
            return None
    return list(dict.fromkeys(out)), "+".join(sorted(kinds))


def _window(text: str) -> tuple[float, str] | None:
    """Weeks in "within 6 months", "within the last 4 weeks prior to enrollment"."""
    m = re.fullmatch(r"(?:within|in|during)\s+(?:the\s+)?(?:last|past|previous|preceding|prior)?\s*(\d+(?:\.\d+)?)\s*"
                     r"(days?|weeks?|months?|years?)(?:\s+(?:prior to|before|of|preceding)\s+(?:the\s+)?(?:scre"
                     r"ening|study "
                     r"entry|entry|enrollment|enrolment|randomi[sz]ation|baseline|first (?:dose|administration)(?: of "
                     r"(?:the )?study (?:drug|agent|medication|treatment))?|day 1|study start|the study|signing "
                     r"(?:the )?informed consent|consent)(?: visit)?)?", text.strip())
    if not m:
        return None
    n, unit = float(m.group(1)), m.group(2)
    weeks = n / 7 if unit.startswith("day") else n if unit.startswith("week") else n * 52 / 12 if \
        unit.startswith("month") else n * 52
    return round(weeks, 1), f"{m.group(1)} {unit}"


def _drug_use(s: str, mode: str) -> _Atom | None:
    t = re.sub(r"\s*\(.*?\)", "", s) if re.search(r"\((?:mabthera|rituxan|humira|enbrel|remicade)\)", s) else s
    m = re.fullmatch(
        r"(?:(?:any )?(?:previous|prior|past|prior or current|previous or current|current or previous|current or prior)"
        r"\s+)?(?:treatment|therapy|exposure|use|usage|receipt|administration|dosing)\s+(?:with|to|of)\s+(.+?)"
        r"(?:\s+(?:at any time|in the past|ever|previously))?"
        r"|(?:previously|ever)?\s*(?:been\s+)?(?:treated with|received|taken|exposed to|dosed with)\s+(.+?)"
        r"(?:\s+(?:at any time|in the past|ever|previously))?"
        r"|(?:prior|previous)\s+(.+?)\s+(?:therapy|treatment|use|exposure)"
        r"|(?:prior|previous)\s+(.+)"
        r"|(?:previously\s+)?(?:taken|received)\s+(.+)", _strip_subject(t))
    if not m and mode == "cond":
        m = re.fullmatch(r"((.+?)\s+(?:within|during)\s+(?:the\s+)?(?:last|past|previous|preceding|prior)?\s*\d.*)", t)
        if m and _drug_list(m.group(2)) is None:
            m = None
    if not m:
        return None
    body = next(g for g in m.groups() if g)
    bare = m.re.pattern.startswith("((.+?)")
    window = None
    wm = re.search(r"\s+((?:within|in|during)\s+(?:the\s+)?(?:last|past|previous|preceding|prior)?\s*\d.*)$", body)
    if wm:
        window = _window(wm.group(1))
        if window is None:
            return None
        body = body[: wm.start()].strip()
    drugs = _drug_list(body)
    if drugs is None:
        bio = re.fullmatch(r"(?:any )?(?:biologics?|biologic (?:agents?|therapy|therapies|dmards?|drugs?)|bdmards?"
                           r"|biological (?:agents?|therapy|dmards?))", body)
        if bio and window:
            weeks, words = window
            return _Atom(_f("weeks_since_last_bdmard_dose", "<", weeks), "bdmard_washout", cond_only=True,
                         confidence=0.85)
        return None
    names, kinds = drugs
    used = _any(*[_f("drugs_used", "has", n) for n in names])
    if window is None:
        if bare or not re.search(r"previous|prior|past|ever|previously|at any time|in the past|treated with|received"
                                 r"|taken|exposure", s):
            return None
        return _Atom(used, "prior_drug", cond_only=True, confidence=0.85)
    weeks, words = window
    table = _drug_table()
    entries = [table[n] for n in names]
    if all(e["class"] == "bDMARD" for e in entries):
        fact = "weeks_since_last_bdmard_dose"
    elif all(e["class"] in ("bDMARD", "tsDMARD", "glucocorticoid", "immunosuppressant")
             or {"immunosuppressant", "immunosuppressive"} & set(e.get("tags", [])) for e in entries):
        fact = "weeks_since_last_immunosuppressive_dose"
    else:
        return None
    label = " or ".join(names)
    rule = _all(used, _f(fact, "<", weeks), _confirm(f"Was {label} given within the last {words}?", "window"))
    return _Atom(rule, "drug_window", cond_only=True, confidence=0.75)


_FAIL_EXACT = (r"(?:failed|failure (?:of|to respond to|on)|treatment failure (?:of|to|with|on)|failed treatment with"
               r"|inadequate response (?:or|and/or) intolerance (?:to|of)|intolerance (?:or|and/or) inadequate "
               r"response (?:to|of)"
               r"|(?:an )?inadequate response,? loss of response,? (?:or|and/or) intolerance (?:to|of))")
_FAIL_PARTIAL = (r"(?:(?:an? )?(?:inadequate|insufficient|incomplete|partial) (?:clinical )?response (?:to|with"
                 r"|on)|lack of "
                 r"(?:efficacy|response) (?:to|with|of)|non-?responders? to|not responded to|refractory to|into"
                 r"leran(?:ce|t)"
                 r" (?:to|of)|unsuccessfully treated with)")
_CLASSES: list[tuple[str, str, bool]] = [
    # pattern, count fact, exact class match
    (r"b/tsdmards?|b/ts-?dmards?|b- or tsdmards?|bdmards? or tsdmards?|biologic or targeted synthetic (?:dmards?|"
     r"disease-modifying anti-?rheumatic drugs?)", "failed_btsdmard_count", True),
    (r"csdmards?|conventional (?:synthetic )?(?:dmards?|disease-modifying anti-?rheumatic drugs?)",
     "failed_csdmard_count", True),
    (r"dmards?|disease-modifying anti-?rheumatic drugs?|disease modifying anti-?rheumatic drugs?", "failed_dmard_count",
     True),
    (r"bdmards?|biologics?|biologic (?:dmards?|agents?|therapy|therapies|drugs?)|biological (?:dmards?|agents?|"
     r"therapy)",
     "failed_btsdmard_count", False),
    (_TNF, "failed_btsdmard_count", False),
    (_JAK, "failed_btsdmard_count", False),
    (r"immunosuppressants?|immunosuppressive (?:drugs?|agents?|therapy|therapies|medications?)",
     "failed_immunosuppressant_count", True),
]


def _treatment_failure(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"^(?:(?:have |has )?(?:had |shown |experienced |demonstrated |documented )?)", "", t)
    exact = re.match(_FAIL_EXACT + r"\s+", t)
    partial = None if exact else re.match(_FAIL_PARTIAL + r"\s+", t)
    if not exact and not partial:
        m = re.fullmatch(r"(?:(?:previously )?)(?:failed)\s+(.*)", t)
        if not m:
            return None
        rest = m.group(1)
        exact_words = True
    else:
        rest = t[(exact or partial).end():]
        exact_words = bool(exact)
    count = 1
    cm = re.match(r"(?:(?:>=|at least)\s*(\d+)|(\d+) or more|(\d+))\s+(?:(?:different|prior|previous)\s+)?(?:o"
                  r"f\s+)?", rest)
    if cm:
        count = int(cm.group(1) or cm.group(2) or cm.group(3))
        rest = rest[cm.end():]
    else:
        rest = re.sub(r"^(?:a |an |one |any |prior |previous |the )+", "", rest)
    rest = rest.strip()
    if not 1 <= count <= 10:
        return None
    for pat, fact, exact_class in _CLASSES:
        if re.fullmatch(pat, rest):
            rule = _f(fact, ">=", count)
            if exact_class and exact_words:
                return _Atom(rule, "treatment_failure", req_only=True)
            return _Atom(_all(rule, _confirm("Is this met as written: \u201c{TEXT}\u201d?", "treatment")),
                         "treatment_failure_partial",
                         req_only=True, confidence=0.75)
    drugs = _drug_list(rest)
    if drugs and count == 1 and len(drugs[0]) == 1:
        return _Atom(_all(_f("drugs_used", "has", drugs[0][0]),
                          _confirm("Is this met as written: \u201c{TEXT}\u201d?", "treatment")),
                     "drug_failure_partial", req_only=True, confidence=0.7)
    return None


def _other_trial(s: str, mode: str) -> _Atom | None:
    t = _strip_subject(s)
    m = re.fullmatch(
        r"(?:(?:participation|participating|enrol(?:l)?ment|involvement|enrolled)\s+in\s+(?:an?other|any other|"
        r"an?|any)\s+"
        r"(?:interventional\s+|investigational\s+)?(?:clinical\s+)?(?:trial|study|research study|clinical resea"
        r"rch study)"
        r"(?:\s+(?:involving|with)\s+(?:the\s+)?(?:evaluation of\s+)?(?:an?other\s+|an?\s+|any\s+)?investigational\s+"
        r"(?:drug|agent|product|device|therapy))?"
        r"|(?:(?:treatment|therapy)\s+with|use\s+of|received|receipt\s+of|exposure\s+to|taken|took|been\s+treat"
        r"ed\s+with)\s+"
        r"(?:an?\s+|any\s+)?(?:other\s+)?(?:investigational|experimental)\s+(?:drugs?|agents?|products?|therap(?:y|ies)"
        r"|treatments?|medications?|compounds?)(?:\s+or\s+devices?)?"
        r"|(?:received|receipt\s+of)\s+(?:other\s+)?clinical\s+trial\s+treatment)"
        r"\s+((?:within|in|during)\s+.*)", t)
    if not m:
        return None
    w = _window(m.group(1))
    if w is None:
        return None
    weeks, words = w
    fact = _yes("other_trial_within_3_months")
    if 12 <= weeks <= 13.1:
        return _Atom(fact, "other_trial", cond_only=True, confidence=0.85)
    q = _confirm(f"Has the patient received an investigational treatment within the last {words}?", "window")
    if weeks < 12:
        return _Atom(_all(fact, q), "other_trial_window", cond_only=True, confidence=0.75)
    return _Atom(_any(fact, q), "other_trial_window", cond_only=True, confidence=0.75)


_ATOMS = [_age, _sex, _consent, _compliance, _pregnancy, _contraception_requirement, _viral, _infection, _malignancy,
          _lab, _score, _gc_dose, _disease, _treatment_failure, _drug_use, _other_trial]


def _read_atom(seg: str, mode: str) -> _Atom | None:
    seg = _clean_end(seg)
    if not seg:
        return None
    for reader in _ATOMS:
        atom = reader(seg, mode)
        if atom is None:
            continue
        if mode == "req" and atom.cond_only or mode == "cond" and atom.req_only:
            return None
        return atom
    return None


# ---------------------------------------------------------------------------------------
# lists

_SEP = re.compile(r"\s*(?:;|,\s*(?:and/or|or|and|nor)\b|,|\band/or\b|\bor\b|\band\b|\bnor\b)\s*")


def _split_top(t: str) -> tuple[list[str], list[str]]:
    """Segments and the separators between them, not splitting inside brackets."""
    segs, seps = [], []
    depth = 0
    start = 0
    i = 0
    while i < len(t):
        ch = t[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SEP.match(t, i)
            if m and m.end() > m.start() and (m.group(0).strip() or t[i] == ";") and (
                    i == 0 or not t[i - 1].isalnum() or m.group(0)[0].isspace() or t[i] in ",;"):
                if t[i] in ",;" or m.group(0)[0].isspace():
                    segs.append(t[start:i])
                    seps.append(m.group(0).strip())
                    start = i = m.end()
                    continue
        i += 1
    segs.append(t[start:])
    return [s.strip() for s in segs], seps


@dataclass
class _Reading:
    rule: dict
    names: list[str] = field(default_factory=list)
    confidence: float = 0.9


def _read_body(t: str, mode: str) -> _Reading | None:
    atom = _read_atom(t, mode)
    if atom is not None:
        return _Reading(atom.rule, [atom.name], atom.confidence)
    if re.search(r"\bexcept\b|\bother than\b|\bexception\b|\bexcluding\b|\bapart from\b", t):
        return None
    segs, seps = _split_top(t)
    n = len(segs)
    if n < 2 or n > 14:
        return None
    # best[i]: (cost, groups) covering segs[:i]; a group is (start, end, atom or None)
    inf = (10**9, [])
    best: list[tuple[int, list]] = [inf] * (n + 1)
    best[0] = (0, [])
    for i in range(n):
        if best[i][0] >= 10**9:
            continue
        for j in range(i + 1, min(n, i + 5) + 1):
            text = segs[i]
            for k in range(i + 1, j):
                text += (" " if seps[k - 1] not in (",", ";") else "") + seps[k - 1] + " " + segs[k]
            atom = _read_atom(text, mode)
            cost = 1 if atom is not None else (100 if j == i + 1 else 10**9)
            if best[i][0] + cost < best[j][0]:
                best[j] = (best[i][0] + cost, best[i][1] + [(i, j, atom, text)])
    cost, groups = best[n]
    if cost >= 10**9:
        return None
    boundaries = [seps[g[0] - 1] for g in groups[1:]]
    kinds = {("or" if b in ("or", "and/or", ", or", ",or", "nor", ", nor") or b.endswith("or") else
              "and" if b.endswith("and") else ",") for b in boundaries}
    atoms = [g[2] for g in groups if g[2] is not None]
    for a, b in zip(groups, groups[1:], strict=False):
        if a[2] is None and b[2] is not None and (
                re.search(r"\d|\bwithin\b|\bduring\b|\bsince\b|\bprior\b", b[3]) or b[2].name.startswith(
                    ("lab", "age", "ecog", "nyha", "lvef", "das28", "sledai", "essdai", "cdai", "weight"))):
            # "BUN and creatinine <= 1.5 x ULN", "dapsone or etanercept within 3 weeks": what follows the
            # read part (threshold, time window) may belong to the unread part too
            return None
    unknown: list[str] = []
    previous_end = None
    for g in groups:
        if g[2] is not None:
            continue
        if previous_end == g[0] and unknown:
            sep = seps[g[0] - 1]
            unknown[-1] += ("" if sep.startswith((",", ";")) else " ") + sep + " " + _clean_end(g[3])
        else:
            unknown.append(_clean_end(g[3]))
        previous_end = g[1]
    if not atoms:
        return None
    if len(atoms) == 1 and atoms[0].neutral:
        return None
    confidence = min(a.confidence for a in atoms)
    names = [a.name for a in atoms]
    if mode == "cond":
        rules = [a.rule for a in atoms]
        if unknown:
            rest = "; ".join(_clean_end(u) for u in unknown)
            if not _rest_ok(rest):
                return None
            rules.append(_confirm(f"Does this part of the criterion apply: \u201c{rest}\u201d? (Criterion: "
                                  "\u201c{TEXT}\u201d)", "rest"))
            confidence = min(confidence, 0.7)
            names.append("confirm_rest")
        return _Reading(_any(*rules), names, confidence)
    # positive inclusion
    kinds.discard(",")
    if len(kinds) > 1:
        return None
    join = kinds.pop() if kinds else "and"
    rules = [a.rule for a in atoms if not a.neutral]
    if join == "or":
        if unknown or any(a.neutral for a in atoms) or not all(n.startswith(("diagnosis", "classification"))
                                                               for n in names):
            return None
        return _Reading(_any(*rules), names, confidence)
    if unknown:
        rest = "; ".join(_clean_end(u) for u in unknown)
        if not _rest_ok(rest):
            return None
        rules.append(_confirm(f"Is this part of the criterion met: \u201c{rest}\u201d? "
                              "(Criterion: \u201c{TEXT}\u201d)", "rest"))
        confidence = min(confidence, 0.7)
        names.append("confirm_rest")
    if not rules:
        return None
    return _Reading(_all(*rules), names, confidence)


def _rest_ok(rest: str) -> bool:
    """A left-over part that may stand alone as a question (no dangling qualifiers)."""
    if len(rest) < 3 or len(rest) > 200:
        return False
    if re.match(r"(?:at|in|on|for|by|of|to|from|as|during|after|before|while|when|and|or)\b", rest):
        return False
    if re.search(r"\b(?:evidenced|confirmed|measured|defined|documented|according|based|per|as|by|using|assessed"
                 r"|determined|proven|shown|indicated|period|study|time|screening|baseline)\b", rest):
        return False
    if re.search(r"\b(?:active|known|chronic|acute|current|severe|prior|previous|positive|negative|untreated)$", rest):
        return False
    if re.search(r"\b(?:without|absence|who|which|that|with|these|this|those|above|below|listed|same|such|except"
                 r"|not|no|never|none|only|within|during|after|before|prior|since|unless|while|when|where)\b"
                 r"|[<>]|\d", rest):
        return False
    return True


# ---------------------------------------------------------------------------------------
# the public readers


def propose_rule(text: str, kind: str) -> Proposal | None:
    """A rule for one criterion the extractor understands, or None."""
    return _propose(text, kind)[0]


def _propose(text: str, kind: str) -> tuple[Proposal | None, bool]:
    """The proposal, and whether it is a positive inclusion requirement (not a negated condition)."""
    if kind not in (INCLUSION, EXCLUSION) or not text or not text.strip():
        return None, False
    if re.search(r"(?::|--|：)\s*$", text):
        return None, False  # a lead-in or heading: its meaning is in the items under it
    t = _clean_end(_norm(text))
    t = re.sub(r"^(?:for all (?:patients|subjects|participants|groups)\s*:\s*|all (?:patients|subjects)\s*:\s*"
               r"|(?:hematopoietic|haematopoietic|hepatic|renal|cardiovascular|pulmonary|other|performance status"
               r"|age|sex|gender|demographics?|laboratory|labs?)\s*(?::|--|-)\s*)", "", t)
    t = _clean_end(_drop_any_sex(t))
    if not t or len(t) > 400 or _REFUSE.search(t):
        return None, False
    if t.endswith((" or", " and", ":")):
        return None, False
    negate_rule = False
    mode = "cond" if kind == EXCLUSION else "req"
    suffix = _EXCLUDED_SUFFIX.search(t)
    if suffix:
        t = _clean_end(t[: suffix.start()])
        t = re.sub(r"^(?:patients|subjects|participants|individuals|women|females)\s+(?:with|who (?:are|have|has)"
                   r"(?: had)?)\s+", "", t)
        if kind == INCLUSION:
            negate_rule, mode = True, "cond"
        if _NEG_PREFIX.match(t) and _NEG_PREFIX.match(t).end() > 0:
            return None, False
    if kind == INCLUSION and not suffix:
        m = _NEG_PREFIX.match(t)
        if m and m.end() > 0:
            t = _clean_end(t[m.end():])
            negate_rule, mode = True, "cond"
    if kind == EXCLUSION:
        if re.match(r"^(?:no|not|none|absence of|without|never)\b", t) and not _consent(t, "cond"):
            return None, False
    if not t or re.search(r"\bexclu|\beligib|\binclu(?!sive)|\benroll?ed\b", t):
        return None, False
    if kind == EXCLUSION and _REQUIREMENT_WORDS.search(t) and not (_consent(t, "cond") or _compliance(t, "cond")):
        return None, False
    if kind == INCLUSION and _PERMISSIVE_WORDS.search(t):
        return None, False
    reading = _read_body(t, mode)
    if reading is None:
        return None, False
    rule = negate(reading.rule) if negate_rule else reading.rule
    rule = _fill_text(rule, _clean_end(unescape_markdown(text).strip()))
    if rule_problems(rule):
        return None, False
    proposal = Proposal(rule=rule, description=describe_rule(rule), pattern="+".join(dict.fromkeys(reading.names)),
                        span=t, confidence=round(reading.confidence, 2))
    return proposal, mode == "req"


def _fill_text(rule: Any, text: str) -> Any:
    """Put the criterion's own words into confirm questions that quote it."""
    if isinstance(rule, dict):
        out = {k: _fill_text(v, text) for k, v in rule.items()}
        if isinstance(out.get("confirm"), str):
            out["confirm"] = out["confirm"].replace("{TEXT}", text)
        return out
    if isinstance(rule, list):
        return [_fill_text(r, text) for r in rule]
    return rule


_NEUTRAL_HEADING = re.compile(
    r"^(?:protocol entry criteria|disease characteristics|prior/concurrent therapy|patient characteristics"
    r"|(?:inclusion|exclusion|eligibility|selection)(?: criteria)?|hematopoietic|haematopoietic|hepatic|renal"
    r"|cardiovascular|pulmonary|other|general|demographics|laboratory(?: values)?|medical history"
    r"|prior (?:and|/) concomitant (?:therapy|medications?)|concomitant medications?)\s*(?:-+|:)?\s*$", re.IGNORECASE)
_ALL_LEADIN = re.compile(r"\b(?:each|all) of the following\b", re.IGNORECASE)
_ANY_EXCLUSION_LEADIN = re.compile(r"(?:any|one or more) (?:one )?of the following|with any of the following"
                                   r"|following conditions will be excluded|^(?:use|prior use|receipt) of the following"
                                   r"(?: (?:therapies|medications|drugs|treatments))?(?: prior to (?:enrollment"
                                   r"|enrolment"
                                   r"|screening|randomi[sz]ation|baseline))?\s*[.:]?$", re.IGNORECASE)
_NEG_LEADIN = re.compile(r"\b(?:no|not|none|without|never|exclu\w*|exlcu\w*|ineligible)\b", re.IGNORECASE)
_SCOPE_LEADIN = re.compile(r"\b(?:only|groups?|part|arms?|strat\w*|cohorts?|for|if|when|controls?|healthy|volunteers?"
                           r"|normal|siblings?|sibs?|relatives?|mothers?|fetus|study|studies|trial|protocol|mri"
                           r"|biops\w*|randomi[sz]ation)\b", re.IGNORECASE)
_LIST_LEADIN = re.compile(r"\b(?:following|include[sd]?|including|with|as follows|defined|of|any|either|criteria)\b",
                          re.IGNORECASE)
_ANY_CHILDREN = re.compile(
    r"^(?:at screening,?\s*)?(?:(?:patients?|subjects?)\s+)?(?:must|should)?\s*(?:have|meet|fulfil\w*|satisfy|show)?\s*"
    r"(?:at least (?:one|1)|any one|any|one|either)\s+of the following(?: criteria| conditions| features)?\s*:?$",
    re.IGNORECASE)


def _leadin_kind(text: str, kind: str) -> str:
    """How a lead-in or parent affects the items under it: neutral, list or block."""
    t = text.strip()
    if _NEUTRAL_HEADING.match(t):
        return "neutral"
    if _ALL_LEADIN.search(t) and not _NEG_LEADIN.search(t) and not _SCOPE_LEADIN.search(t.replace("study", "")):
        return "neutral"
    if kind == EXCLUSION and _ANY_EXCLUSION_LEADIN.search(t) and not _SCOPE_LEADIN.search(t):
        return "neutral"
    if _NEG_LEADIN.search(t) or _SCOPE_LEADIN.search(t):
        return "block"
    if _LIST_LEADIN.search(t):
        return "list"
    return "block"


def _is_leadin(text: str) -> bool:
    return bool(re.search(r"(?::|--)\s*$", text.strip()))


def propose_rules(criteria: list[CriterionNode]) -> dict[str, Proposal | None]:
    """Proposals for every item of a criteria tree, keyed like ``criterion_keys``.

    Items whose meaning depends on a parent or a preceding lead-in that is not a plain
    heading get None: under "None of the following:" or a scoped group ("For group 2:",
    "Healthy controls:") nothing is proposed; after a top-level "one of the following:" /
    "with:" lead-in whose items follow as siblings, positive requirements are not proposed
    (they may be alternatives), while negated conditions still are. A parent whose whole
    text is "at least one of the following:" gets ``{"children": "any"}``.
    """
    out: dict[str, Proposal | None] = {}
    nodes: dict[str, CriterionNode] = {}
    parents: dict[str, str | None] = {}
    after: dict[str, str] = {INCLUSION: "neutral", EXCLUSION: "neutral"}
    # The same item printed twice among the top-level items ("18 years of age or older" under
    # each of several disease cohorts) means the flat list hides cohorts: nothing is proposed.
    seen: dict[str, Counter[str]] = {INCLUSION: Counter(), EXCLUSION: Counter()}
    for node in criteria:
        seen[node.kind][_norm(node.text).strip(" .;,")] += 1
    cohorts = {kind: any(n > 1 for text, n in counts.items() if text) for kind, counts in seen.items()}
    for key, parent, node in criterion_keys(criteria):
        if cohorts[node.kind]:
            out[key] = None
            continue
        nodes[key] = node
        parents[key] = parent
        ancestors = []
        p = parent
        while p is not None:
            ancestors.append(nodes[p])
            p = parents[p]
        contexts = [_leadin_kind(a.text, node.kind) for a in ancestors]
        if parent is None and not node.children and _is_leadin(node.text):
            after[node.kind] = _leadin_kind(node.text, node.kind)
            out[key] = None
            continue
        if parent is None:
            contexts.append(after[node.kind])
        if "block" in contexts:
            out[key] = None
            continue
        if node.children and _ANY_CHILDREN.match(_norm(node.text).replace(">= 1", "at least 1")) \
                and not _NEG_LEADIN.search(node.text):
            rule = {"children": "any"}
            out[key] = Proposal(rule=rule, description=describe_rule(rule), pattern="children_any",
                                span=_norm(node.text), confidence=0.9)
            continue
        proposal, positive = _propose(node.text, node.kind)
        if proposal is not None and positive and parent is None and after[node.kind] == "list":
            proposal = None
        out[key] = proposal
    return out


# ---------------------------------------------------------------------------------------
# plain words for any rule

_OP_WORDS = {">": "is above", ">=": "is at least", "<": "is below", "<=": "is at most", "=": "is", "!=": "is not",
             "in": "is one of"}


def _label(fact_id: str, start: bool) -> str:
    fact = REGISTRY.get(fact_id)
    label = fact.label if fact else fact_id
    if not start and len(label) > 1 and label[0].isupper() and label[1].islower() and not label.startswith("Sj"):
        label = label[0].lower() + label[1:]
    return label


def _value_words(fact_id: str, value: Any) -> str:
    fact = REGISTRY.get(fact_id)
    if fact is None:
        return json.dumps(value)
    if fact.type == "set":
        return code_name(str(value))
    return format_threshold(fact, value)


def describe_rule(rule: Any, _start: bool = True) -> str:
    """Plain words for a rule: "Age is at least 18 years AND sex is female"."""
    if not isinstance(rule, dict):
        return "(not a rule)"
    if "all" in rule and isinstance(rule["all"], list):
        parts = [_wrap(r, "all", _start and i == 0) for i, r in enumerate(rule["all"])]
        return " AND ".join(parts)
    if "any" in rule and isinstance(rule["any"], list):
        parts = [_wrap(r, "any", _start and i == 0) for i, r in enumerate(rule["any"])]
        return " OR ".join(parts)
    if "not" in rule:
        inner = rule["not"]
        if isinstance(inner, dict) and "fact" in inner and inner.get("op") == "has" and inner["fact"] in REGISTRY:
            return f"{_label(inner['fact'], _start)} do not include {_value_words(inner['fact'], inner.get('value'))}"
        return ("NOT (" if _start else "not (") + describe_rule(inner, False) + ")"
    if "confirm" in rule:
        return ("The clinician confirms: " if _start else "the clinician confirms: ") + str(rule["confirm"])
    if "ref" in rule:
        return ("Criterion " if _start else "criterion ") + f"{rule['ref']} is met"
    if "children" in rule:
        which = "all" if rule["children"] == "all" else "at least one"
        return f"{which.capitalize() if _start else which} of its sub-items {'are' if which == 'all' else 'is'} met"
    if "fact" in rule:
        fid = str(rule["fact"])
        fact = REGISTRY.get(fid)
        label = _label(fid, _start)
        op, value = rule.get("op"), rule.get("value")
        if fact is not None and fact.type == "bool" and op in ("=", "!="):
            yes = bool(value) == (op == "=")
            return f"{label}: {'yes' if yes else 'no'}"
        if fact is not None and fact.type == "set":
            return f"{label} include {_value_words(fid, value)}"
        if op == "in" and isinstance(value, list):
            words = [_value_words(fid, v) for v in value]
            return f"{label} is one of {', '.join(words)}"
        return f"{label} {_OP_WORDS.get(str(op), str(op))} {_value_words(fid, value)}"
    return "(not a rule)"


def _wrap(rule: dict, parent: str, start: bool) -> str:
    text = describe_rule(rule, start)
    if isinstance(rule, dict) and (("all" in rule and parent == "any") or ("any" in rule and parent == "all")):
        return f"({text})"
    return text
