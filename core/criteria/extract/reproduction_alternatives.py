"""The contraception requirement with the other ways of not being able to conceive beside it (issue 16, h-repro11),
mined from the dev side of the corpus: "Patients must be post-menopausal or practicing adequate contraception",
"Females must be either post-menopausal, surgically incapable of bearing children, or practicing a medically accepted
method of birth control", "Females who use an acceptable method of birth control, are sterilized, or are at least 2
years post-menopausal", "Male subjects must be surgically sterile or using an acceptable method of contraception for
the duration of the study".

Any one alternative meets the requirement (an inclusion only):

* post-menopausal: the condition ``postmenopausal``; with a length ("at least 1 year post-menopausal") the app has no
  fact for the length, so that part is an explicit question for the clinician, never guessed;
* surgically sterile ("sterilized", "have had surgical sterilization", "surgically incapable of bearing children"): a
  question for the clinician (the procedure fact would miss a hysterectomy or an oophorectomy recorded under its own
  name, and an unrecorded one must stay unknown, not "no");
* contraception: the step before enrolment (``reproduction._contra``), a method named in it asked as in
  ``reproduction._ask_method``.

Said of the women ("Females must be …"), a man is exempt; said of the men, a woman; said of the patients, nobody (read
as written). Any part not understood, a condition on who it concerns ("if sexually active"), or no contraception
alternative at all: no rule.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.reproduction import _DURING, _METHOD, _NAMED_METHOD, _ask_method, _contra
from core.criteria.extract.rule import _any, _f, _part_question, _yes

_WOMEN = r"(?:(?:all )?(?:female (?:patients?|subjects?|participants?)|females|women))"
_MEN = r"(?:(?:all )?(?:male (?:patients?|subjects?|participants?)|males|men))"
_PATIENTS = r"(?:(?:all )?(?:patients?|subjects?|participants?))"
_SPAN = r"(?:>= )?\d+ (?:years?|months?)"
_POSTMENOPAUSAL = rf"(?:(?:{_SPAN} )?post-?menopausal(?: for {_SPAN})?)"
_STERILE = (r"(?:(?:surgically )?(?:sterile|sterili[sz]ed)|(?:have |has )?had (?:a )?surgical sterili[sz]ation"
            r"|surgically incapable of (?:bearing children|child-? ?bearing|becoming pregnant))")
_USE = r"(?:(?:be )?(?:using|practi[cs]ing)|use|practi[cs]e|agree to (?:use|practi[cs]e))"
_CONTRACEPTION = rf"(?:{_USE} {_METHOD}{_DURING})"
_PART = rf"(?:(?:are |is |be )?(?:{_POSTMENOPAUSAL}|{_STERILE})|{_CONTRACEPTION})"
_SEP = r"(?:,? or |, )"
# the subject and its verb: "Patients must be", "Females who are", "Females who" (then "use …, are sterilized")
_LEAD = rf"(?:({_WOMEN}|{_MEN}|{_PATIENTS}) (?:must |should )?(?:be |who are |who )?)?"


def _part_rule(part: str) -> dict | None:
    """The rule of one alternative, or None when it is not one of the three."""
    part = re.sub(r"^(?:are|is|be) ", "", part)
    if re.fullmatch(_CONTRACEPTION, part):
        rule = _contra(_yes("contraception_assured"))
        named = _NAMED_METHOD.search(part)
        return _ask_method(rule, named.group(0)) if named else rule
    if re.fullmatch("post-?menopausal", part):
        return _yes("condition:postmenopausal")
    if re.fullmatch(rf"{_POSTMENOPAUSAL}|{_STERILE}", part):
        # core/matching/rule_texts.py translates the question by its template
        return _part_question(part, "rest")
    return None


def alternatives(s: str, mode: str) -> _Atom | None:
    """Post-menopausal, surgically sterile or using contraception (an inclusion): any of them."""
    if mode != "req" or not re.search(r"contracep|birth control", s) or not re.search(r"menopaus|steril", s):
        return None
    m = re.fullmatch(rf"{_LEAD}((?:{_PART}{_SEP})+{_PART})", s)
    if m is None:
        return None
    parts = [p.strip() for p in re.findall(rf"{_PART}(?={_SEP}|$)", m.group(2))]
    if re.sub(rf"(?:{_SEP})+", " ", m.group(2)).strip() != " ".join(parts):
        return None  # the parts found must be the whole list
    rules = [_part_rule(p) for p in parts]
    if any(r is None for r in rules) or sum(1 for p in parts if re.fullmatch(_CONTRACEPTION, p)) != 1:
        return None
    who = m.group(1) or ""
    if re.fullmatch(_WOMEN, who):
        rules.insert(0, _f("sex", "=", "male"))
    elif re.fullmatch(_MEN, who):
        rules.insert(0, _f("sex", "=", "female"))
    return _Atom(_any(*rules), "contraception_alternatives", req_only=True, confidence=0.75)
