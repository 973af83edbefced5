"""More wordings of the contraception requirement (issue 16, h-people9), mined from the dev side of the corpus, read
after ``reproduction._contraception_requirement`` finds none. Agreeing to contraception stays a step before
enrolment, never a reason to exclude (docs/rules.md):

* said of the men: "Men must use effective barrier contraception during and for 1 month after study", "Fertile male
  patients must use effective contraception": a woman is exempt (``any(sex = female, <step>)``);
* said of every woman: "Women must agree to use contraception", "Female participants must use appropriate
  contraception", "Women must be taking appropriate birth control measures": a man is exempt (``any(sex = male,
  <step>)``; the words do not exempt a woman who cannot bear children, so neither does the rule);
* the requirement in the passive or as a noun, said of nobody or of the fertile patients: "Effective contraceptive
  method must be used during study", "Adequate birth control in fertile
  patients", "Use of acceptable method of birth control" (an inclusion): the step itself, the fertile patients'
  form (``reproduction._fertile``) when they are named.

In an exclusion, "Lack of effective contraception", "Unwillingness to use birth control" say of whom no more than
"Negative pregnancy test required" does (every woman, or those who can bear children?): not read. Said of the fertile
patients of both sexes ("Men and women of childbearing potential who do not practice contraception"), it is their
requirement not met (``refusal``, h-repro11): a man, or a woman who can bear children, without it; still a step.

Advice is no requirement: "Effective contraception strongly advised for fertile women", "… encouraged", "must be
advised to use" stay unread. A method named in the requirement itself ("barrier") is asked of the clinician as in
``reproduction._contraception_requirement``.
"""

from __future__ import annotations

import dataclasses

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.reproduction import (
    _ANYONE,
    _DURING,
    _FERTILE_BOTH,
    _METHOD,
    _METHOD_NOTE,
    _NAMED_METHOD,
    _TEST_NOTE,
    _ask_method,
    _cbp,
    _contra,
    _fertile,
)
from core.criteria.extract.rule import _any, _f, _no, _yes, negate

# "sexually active males", "sexually mature males" put a condition of their own on the men
# (``reproduction._FERTILE_BOTH``): not read
_MEN = (r"(?:(?:all )?(?:(?:fertile|potentially fertile) )?(?:male (?:patients?|subjects?"
        r"|participants?|volunteers?)|males|men|a male (?:patient|subject|participant)))")
_WOMEN_ALL = r"(?:(?:all )?(?:female (?:patients?|subjects?|participants?|volunteers?)|females|women))"
_MUST = r"(?:must|should|will|shall|need to|are required to|is required to|have to)"
_AGREE = r"(?:agrees? to |be willing to |willing to |are willing to |commit to |consent to )"
_USE = (r"(?:use|practi[cs]e|be using|be practi[cs]ing|using|practi[cs]ing|employ|be taking|take|be on|adhere to"
        r"|observe)")
# "during chemotherapy", "during study": the period of the study written shorter than ``reproduction._DURING`` has it
_DURING_MORE = (rf"{_DURING}(?: (?:during|throughout|while on) (?:the )?(?:chemotherapy|study|trial|treatment"
                r"|therapy|participation))?")


def _subject_rule(subject: str) -> tuple[dict, str] | None:
    """Who the requirement exempts, from the words naming who must agree."""
    if re.fullmatch(_MEN, subject):
        return _f("sex", "=", "female"), "contraception_men"
    if re.fullmatch(_WOMEN_ALL, subject):
        return _f("sex", "=", "male"), "contraception_women"
    return None


def _read(s: str, mode: str) -> _Atom | None:
    if re.search(r"\b(?:advised?|advise|encouraged|recommended|counsel\w*|informed|suggested)\b", s):
        return None  # advice, not a requirement
    step = _contra(_yes("contraception_assured"))
    if mode == "req":
        m = re.fullmatch(rf"({_MEN}|{_WOMEN_ALL}) (?:{_MUST} )?{_AGREE}?{_USE} {_METHOD}{_DURING_MORE}", s)
        if m:
            who = _subject_rule(m.group(1))
            if who is not None:
                return _Atom(_any(who[0], step), who[1], req_only=True, confidence=0.8)
        # "Adequate contraception required" stays unread: of whom? (as "Negative pregnancy test required")
        # "Effective contraceptive method used by fertile patients" (PDQ, h-repro11)
        m = re.fullmatch(rf"(?:(?:the )?use of )?{_METHOD}(?: must be used| (?:must be used |used )?"
                         rf"(?:by|for|in|of) (?:all )?({_ANYONE}))?{_DURING_MORE}", s)
        if m and not re.fullmatch(rf"{_METHOD}{_DURING_MORE}", s):
            # a bare "Effective contraception" is no requirement said ("oral contraceptives" is a drug): a verb or a
            # "use of" must say it
            if m.group(1) and re.search(r"\b(?:fertile|(?:reproductive|procreative) potential)\b", m.group(1)):
                return _Atom(_fertile(step), "contraception", req_only=True, confidence=0.8)
            if m.group(1) and not re.fullmatch(r"(?:all )?(?:patients?|subjects?|participants?)", m.group(1)):
                return None
            return _Atom(step, "contraception", req_only=True, confidence=0.8)
        return None
    return refusal(s)


# the fertile patients of both sexes: "men and women of childbearing potential", "fertile patients", "patients of
# reproductive potential"
_FERTILE = (rf"(?:{_FERTILE_BOTH}|(?:all )?(?:potentially )?fertile (?:patients?|subjects?|participants?)"
            r"|(?:patients?|subjects?|participants?) (?:of|with) (?:reproductive|procreative) potential)")


def refusal(s: str) -> _Atom | None:
    """ "Men and women of childbearing potential who do not practice contraception" (an exclusion): the fertile
    patients' requirement not met, the contraception still a step."""
    if not re.fullmatch(rf"{_FERTILE},? (?:who |that )?(?:(?:do|does) not (?:use|practi[cs]e)|are not (?:using"
                        rf"|practi[cs]ing)|not (?:using|practi[cs]ing)) {_METHOD}{_DURING}", s):
        return None
    return _Atom(negate(_fertile(_contra(_yes("contraception_assured")))), "no_contraception", cond_only=True,
                 confidence=0.75)


def contraception(s: str, mode: str) -> _Atom | None:
    """The requirement (or, in an exclusion, its refusal) in the wordings above; the method it names asked."""
    if not re.search(r"contracept|birth control", s):
        return None
    s = _TEST_NOTE.sub("", _METHOD_NOTE.sub("", s))
    atom = _read(s, mode)
    named = _NAMED_METHOD.search(s)
    if atom is None or named is None or not atom.name.startswith("contraception"):
        return atom
    words = f"abstinence or {named.group(0)}" if re.search(r"\babstinence\b", s) else named.group(0)
    return dataclasses.replace(atom, rule=_ask_method(atom.rule, words), confidence=min(atom.confidence, 0.7))


# "Agree not to become pregnant or make anyone else pregnant while on study drugs …", "Women of childbearing age must
# agree to avoid becoming pregnant while on study …": the agreement to contraception in other words (h-repro11)
_NOT_PREGNANT = (r"(?:not to (?:become|get) pregnant|to avoid (?:becoming |getting )?pregnan(?:t|cy))")
_NOT_FATHER = r"(?:,? (?:or|and) (?:not )?(?:to )?(?:make anyone (?:else )?pregnant|cause a pregnancy|father a child))"


def avoid_pregnancy(s: str, mode: str) -> _Atom | None:
    """The agreement not to become pregnant (or make anyone pregnant): the contraception step for whom it concerns;
    not to become pregnant alone concerns no man."""
    if mode != "req" or "pregnan" not in s:
        return None
    t = _cbp(s)
    m = re.fullmatch(rf"(WOCBP |(?:(?:the )?(?:patients?|subjects?|participants?) )?)(?:{_MUST} )?agrees? "
                     rf"{_NOT_PREGNANT}({_NOT_FATHER})?{_DURING_MORE}", t)
    if m is None:
        return None
    step = _contra(_yes("contraception_assured"))
    if m.group(1) == "WOCBP ":
        rule = _any(_no("childbearing_potential"), step)
    elif m.group(2):
        rule = step  # said of the men too
    else:
        rule = _any(_f("sex", "=", "male"), step)
    return _Atom(rule, "contraception", req_only=True, confidence=0.75)
