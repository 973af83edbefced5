"""Statement readers about the person: age (every phrasing), sex, consent and compliance. Pregnancy,
lactation and contraception are read by ``reproduction`` (re-exported here)."""

from __future__ import annotations

from core.criteria.extract import contraception_forms, reproduction, reproduction_alternatives, reproduction_wording
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _OPS, _SUBJECT, _Atom, _num
from core.criteria.extract.reproduction import _cbp, _childbearing
from core.criteria.extract.reproduction_lists import _not_state, _reproductive_list
from core.criteria.extract.reproduction_sentences import (
    _requirements_together,
    _states_then_requirements,
    _states_together,
)
from core.criteria.extract.rule import _all, _any, _f, _no, _step, _yes, negate

__all__ = ["_age", "_age_consent", "_childbearing", "_compliance", "_consent", "_contraception_requirement",
           "_pregnancy", "_sex"]


def _pregnancy(s: str, mode: str) -> _Atom | None:
    """Pregnancy, lactation and contraception statements (``reproduction``), then lists of them with a plan to
    become pregnant (``reproduction_lists``), and an exclusion's states followed by what the others must do
    (``reproduction_sentences``)."""
    atom = _pregnancy_read(s, mode)
    if atom is not None:
        return atom
    # "for females, not pregnant", "current pregnancy in females": the same statement (``reproduction_wording``),
    # kept only when it reads pregnancy or lactation alone
    rest = reproduction_wording.drop_scope(s)
    atom = _pregnancy_read(rest, mode) if rest else None
    if atom is not None and reproduction_wording.states_only(atom.rule):
        return atom
    return _cbp_not_state(s, mode)


def _cbp_not_state(s: str, mode: str) -> _Atom | None:
    """ "Women of childbearing potential must not be pregnant or lactating" (an inclusion): the others are exempt,
    the women concerned must be in neither state (h-people9)."""
    m = re.fullmatch(r"WOCBP (?:must|should|may|can) not be (.+)", _cbp(s)) if mode == "req" else None
    states = _pregnancy_read(m.group(1), "cond") if m else None
    if states is None or not reproduction_wording.states_only(states.rule) or "confirm" in str(states.rule):
        return None
    return _Atom(_any(_no("childbearing_potential"), negate(states.rule)), "not_pregnant", req_only=True)


def _pregnancy_read(s: str, mode: str) -> _Atom | None:
    return (reproduction._pregnancy(s, mode) or _reproductive_list(s, mode) or _not_state(s, mode)
            or _states_then_requirements(s, mode) or _states_together(s, mode)
            or _requirements_together(s, mode, _one_requirement))


def _one_requirement(s: str) -> _Atom | None:
    """One sentence of an inclusion's reproductive requirements ("Non-pregnant and non-nursing", "Fertile patients
    must use effective contraception")."""
    atom = (reproduction._pregnancy(s, "req") or _reproductive_list(s, "req") or _not_state(s, "req")
            or _cbp_not_state(s, "req") or _contraception_requirement(s, "req"))
    return atom if atom is not None and not atom.cond_only else None


def _contraception_requirement(s: str, mode: str) -> _Atom | None:
    """The contraception requirement (``reproduction``), then its other wordings (``contraception_forms``) and the
    other ways of not conceiving beside it (``reproduction_alternatives``)."""
    return (reproduction._contraception_requirement(s, mode) or contraception_forms.contraception(s, mode)
            or reproduction_alternatives.alternatives(s, mode) or contraception_forms.avoid_pregnancy(s, mode))


def _age(s: str, mode: str) -> _Atom | None:
    atom = _age_only(s, mode)
    if atom is None:
        return None
    # "Women aged 40 years and older": the subject restricts the sex too ("men and women" was removed before)
    female = re.search(r"\b(?:female|females|women|woman|girls?)\b", s)
    male = re.search(r"\b(?:male|males|men|man|boys?)\b", s)
    if bool(female) != bool(male):
        atom.rule = _all(_f("sex", "=", "female" if female else "male"), atom.rule)
    return atom


def _age_only(s: str, mode: str) -> _Atom | None:
    if not re.search(r"\bage[ds]?\b|\byears?\b|\byrs?\b|\bold\b", s):
        return None
    if re.search(r"\bmonths?\b", s) and re.search(r"\bage[ds]?\b|\bold\b", s):
        # "aged 6 months to 17 years": months as (fractional) years
        s = re.sub(r"\b(\d{1,3})\s*months?\b", lambda m: f"{int(m.group(1)) / 12:.6g} years", s)
    if re.search(r"onset|diagnos|disease|month|week|\bday|since|duration|history|smok|weight|\bkg\b|%", s):
        return None
    t = " " + s + " "
    t = re.sub(r"\b(?:years?|yrs?\.?|y)\s+of\s+age\b|\b(?:years?|yrs?\.?)(?:\s+old)?(?=\W)", " Y ", t)
    t = re.sub(r"\bof age\b", " ", t)
    t = re.sub(r"\b(?:the\s+)?age\s+of\b|\bage[ds]?\b\s*:?", " AGE ", t)
    t = re.sub(rf"\b{_SUBJECT}\b", " ", t)
    # "Adult (age 18 or older)": the word says who, the number what; alone it reads nothing (no number)
    t = re.sub(r"\b(?:must|should|will|be|are|is|who|between|from|inclusive|of|children|minors|adult|at(?= \d)"
               r"|with no upper (?:age )?limit|no upper (?:age )?limit|at (?:the time of )?(?:screening|enrollment"
               r"|enrolment|(?:informed )?consent|study entry|baseline|randomi[sz]ation|signing[^,;]*)|the|for "
               r"all)\b", " ", t)
    t = re.sub(r"[,:;()]", " ", t)
    t = re.sub(r"\s+", " ", t).strip()
    t = re.sub(r"(?:AGE )+", "AGE ", t)
    n = r"(\d{1,3}(?:\.\d+)?)"
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
        (rf"(?:AGE )?{n}{y}(?: AGE)? (?:or|and) (?:younger|less|under|below)(?: AGE)?", lambda m: ("<=", m.group(1))),
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



# "Are at least 13 years old (consent of parent or guardian required if under 18)", "(need consent if under 18)": an
# age and, in brackets, the consent a minor needs (a guardian's consent is the patient's,
# ``normalise._consent_proxies`` took off the "if under 18"): both required (h-people8: PDQ HIV trials)
_CONSENT_NOTE = re.compile(r"(.+?)\s*\((?:needs? |with |requires? )?((?:signed |written )*(?:informed )?consent\b"
                           r"[^()]*?)"
                           r"(?:,? (?:is )?(?:required|needed|necessary))?\)")


def _age_consent(s: str, mode: str) -> _Atom | None:
    """An age with the consent it needs in brackets."""
    if mode != "req" or "consent" not in s:
        return None
    m = _CONSENT_NOTE.fullmatch(s)
    if m is None:
        return None
    age, consent = _age(m.group(1), mode), _consent(m.group(2), mode)
    if age is None or consent is None or age.cond_only or consent.cond_only:
        return None
    return _Atom(_all(age.rule, consent.rule), "age+informed_consent", req_only=True)


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
date personally freely free ethics approved read understood having from by s irb iec for been
provision related performed conducted initiation entering entry"""
                    # issue 16, mined from the dev side of the corpus: "Patients who have given their written
                    # informed consent", "Informed consent obtained before any study-related activities", "Signed
                    # written informed consent must be obtained at baseline", "according to ICH-GCP and local
                    # regulations"
                    """ given performing implementing activities screening documented witnessed authorised authorized
lar that each individuals clinical protocol at baseline according ich gcp local regulations national
freely being purpose nature investigational competent availability available mandatory sampling analyses"""
                    # "The subjects themselves participated voluntarily and signed a written informed consent form"
                    # (a tuning item, test2), "willing to join the trial and sign informed consent" (h-people8)
                    """ participated themselves join"""
                    # h-people9, dev-side corpus and tuning misses: "Consent and assent obtained in writing", "capable
                    # of rendering informed consent", "prior to enrollment", "to participate in the research program",
                    # "agree to terms outlined in the Informed Consent Form", "accepted the patient information sheet"
                    """ writing rendering capability enrollment enrolment program programme terms outlined accept
accepts accepted information sheet does gave""".split())
_CONSENT_NEG = set("unable unwilling inability unwillingness refusal refuses refuse refused not did cannot can no lack "
                   "fail fails failure without absence absent unability declined declines decline"
                   # "Patients incapable of giving informed consent" (h-people8): the inability the step test names
                   " incapable incapacity".split())


def _tokens(s: str) -> list[str]:
    return re.findall(r"[a-z]+|[/&,():\-]", s)


_CONSENT_STEP = "Give informed consent"  # a step: consent is given at the screening visit


def _consent(s: str, mode: str) -> _Atom | None:
    if "consent" not in s:
        return None
    # "of their own free will" says nothing more; "own" alone ("provide their own consent") rules out a guardian's
    words = _tokens(re.sub(r"\b(?:of|on|by) (?:his|her|their|his/her|his or her) own free will\b", "", s))
    if not set(words) <= _CONSENT_WORDS | _CONSENT_NEG:
        return None
    negative = bool(set(words) & _CONSENT_NEG)
    if negative:
        if not re.search(r"\b(?:unable|unwilling|inability|unwillingness|refus\w*|not|cannot|lack|fail\w*|without"
                         r"|absen\w*|unability|declin\w*|incapab\w*|incapacity)\b.{0,60}\bconsent", s):
            return None
        # an inability is not a step the patient can take
        # "lack of consent capacity", "not capable of giving consent", "without the capacity to consent" (h-people8);
        # but "unable or unwilling to consent" names a refusal too, and one fact answers both: the step, so a patient
        # whose consent is not yet given is never ruled out (issue 16, a test4 item read once retired)
        refusal = re.search(r"\b(?:unwilling\w*|refus\w*|declin\w*)\b", s)
        if not refusal and re.search(r"\b(?:unable|inability|unability|incapable|incapacity|cannot|not (?:able|capable)"
                                     r"|(?:lack(?:ing)?|without|no) (?:of )?(?:the )?"
                                     r"(?:(?:consent|decisional|decision-making) )?(?:ability|capacity))\b", s):
            return _Atom(_no("informed_consent"), "informed_consent", cond_only=True)
        return _Atom(_step("consent", _CONSENT_STEP, _no("informed_consent")), "informed_consent", cond_only=True)
    return _Atom(_step("consent", _CONSENT_STEP, _yes("informed_consent")), "informed_consent", req_only=True)


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
    if re.search(r"\b(?:able|unable|ability|inability|capable|not able)\b", s):
        return None  # being able to comply is the investigator's judgement (issue 16): no rule, only willingness
    if m.group(1):
        return _Atom(_no("willing_to_follow_procedures"), "procedures", cond_only=True)
    return _Atom(_yes("willing_to_follow_procedures"), "procedures", req_only=True)
