"""Statement reader for a list of the reproductive states that exclude (issue 16): "Pregnant, breastfeeding, or
planning to become pregnant during the study", "Patient is pregnant, lactating, or a female patient of
childbearing potential not using adequate contraception", "Women who are lactating or have a positive pregnancy
test result before the first dose".

Each part of the list is one of:

* pregnant ("pregnancy", "pregnant women", "a positive pregnancy test at baseline": a positive test is a
  pregnancy);
* lactating ("breastfeeding", "nursing mothers", "lactation");
* a plan to become pregnant or to breastfeed ("planning to become pregnant during the study", "an anticipated or
  planned pregnancy", "who plan to become pregnant"). Only a plan "within 6 months" is a fact
  (``pregnancy_planned_within_6_months``); "during the study", "within 2 years", or no period at all is not
  6 months, so that part is left as an explicit question for the clinician (``confirm``) — never guessed, never
  dropped, and never deciding the whole;
* a woman of childbearing potential not using contraception (``reproduction._no_contraception``: agreeing to it
  is a step, never a reason to exclude).

Any part not understood gives no rule, and a list whose only part is a question gives none either (it would
say no more than the criterion asked as written).
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.reproduction import _AFTER_WHAT, _cbp, _no_contraception
from core.criteria.extract.rule import _any, _no, _part_question, _yes

_WHO = r"(?:women|woman|females?|female (?:patients?|subjects?|participants?)|patients?|subjects?|participants?)"
# the subject said before a part: "women who are", "a female patient who is", "the patient is"
# … and before a later part: "or who plan to become pregnant", "or those planning to become pregnant" (h-repro11)
_LEAD = (rf"(?:(?:the |an? |any )?{_WHO}(?: (?:who|that) (?:is|are|has|have)| (?:who|that)| with)? |(?:is|are) "
         r"|who (?:is|are) |that (?:is|are) |(?<=or )(?:those )?(?:who|that) |(?<=or )those )*")
# ... and the noun after it: "pregnant women", "nursing mothers", "lactating female participants"
_NOUN = (r"(?: (?:women|woman|females?|female (?:patients?|subjects?|participants?)|patients?|subjects?|participants?"
         r"|mothers?|individuals?|persons?))?")
_TIMING = (r"(?: (?:at|during) (?:the )?(?:time of )?(?:screening|baseline|entry|enrol?lment|randomi[sz]ation)"
           r"(?: visit)?| (?:before|prior to) (?:the )?(?:first dose|study entry|enrol?lment|randomi[sz]ation|dosing"
           r"|study start)"
           r"(?: of (?:the )?study (?:drug|treatment|medication|intervention))?)?")
# "possibly pregnant", "may be pregnant", "known or suspected pregnancy" (Japanese and PDQ trials): read as pregnant,
# whose unknown stays unknown (a patient known not to be pregnant is not possibly pregnant)
_MAYBE = r"(?:possibly|potentially|(?:known or )?suspected|(?:may|might|could) be) "
_PREGNANT = (rf"(?:(?:currently|known|current) |{_MAYBE})?(?:pregnant|pregnancy){_NOUN}{_TIMING}"
             r"|(?:(?:have|has) )?(?:an? )?positive (?:serum |urine |blood )?(?:(?:or|and/or) (?:serum |urine "
             r"|blood ))?(?:pregnancy test|(?:beta|β)[- ]?hcg(?: test)?|(?:beta|β)[- ]?hcg pregnancy test)"
             rf"(?: results?)?{_TIMING}")
_LACTATING = (rf"(?:(?:currently|actively) )?(?:lactating|lactation|breast-? ?feeding|nursing)(?: (?:an? )?(?:infants?"
              rf"|baby|babies|child))?{_NOUN}")
_PERIOD = r"\d+ (?:days?|weeks?|months?|years?)"
# when the plan is for: during the study (and for a while after), within a period, or not said
_WHEN = (r"(?: (?:during|throughout|for the duration of|while (?:on|in|participating in|taking part in)"
         r"|in the course of) (?:the )?(?:course of the )?(?:study|trial|treatment|study period|study treatment"
         rf"|trial period|treatment period|study participation)(?: period)?| within (?:the )?(?:next )?{_PERIOD}"
         rf"(?: (?:after|following) {_AFTER_WHAT})?| in the next {_PERIOD})?"
         rf"(?:,? (?:and|or) (?:for |within )?{_PERIOD} (?:after|following) {_AFTER_WHAT})?")
_PLAN_VERB = (r"(?:planning|plans?|plan(?:ning)? on|intend(?:s|ing)?|intention|wish(?:es|ing)?|want(?:s|ing)?"
              r"|desir(?:e|es|ing)|hop(?:e|es|ing)|thinking of|contemplating|considering|attempting|trying)")
_PLAN = (rf"(?:{_PLAN_VERB} (?:to |of )?(?:become pregnant|get pregnant|becoming pregnant|conceive|conceiving|(?:a )?"
         rf"pregnancy)(?: or (?:to )?breast-? ?feed(?:ing)?)?|{_PLAN_VERB} (?:to )?breast-? ?feed(?:ing)?"
         rf"|(?:the )?(?:wish|desire|intention) to (?:become|get) pregnant"  # "the wish to become pregnant"
         rf"|(?:an? )?(?:anticipated|planned|intended|desired)(?: or (?:anticipated|planned|intended|desired))?"
         rf" pregnancy|pregnancy planning){_WHEN}")
_SIX_MONTHS = re.compile(r"(?:planning|plans?|intend(?:s|ing)?|wish(?:es|ing)?|want(?:s|ing)?) (?:to )?(?:become|get)"
                         r" pregnant within (?:the next )?6 months")
_SEP = r"(?:,? (?:and/or|or|and|nor) |, |; | ?/ ?)"


def _part(words: str) -> tuple[str, dict] | None:
    """The kind and rule of one part, or None when it is not understood."""
    if re.fullmatch(_PREGNANT, words):
        return "pregnant", _yes("pregnant")
    if re.fullmatch(_LACTATING, words):
        return "lactating", _yes("lactating")
    if re.fullmatch(_PLAN, words):
        if _SIX_MONTHS.fullmatch(words):
            return "plan", _yes("pregnancy_planned_within_6_months")
        # core/matching/rule_texts.py translates the question by its template
        return "plan", _part_question(words, "rest")
    cbp = re.sub(r"^(?:an? )?(?:(?:is|are) )?of (?:childbearing|child-bearing|child bearing|reproductive) "
                 r"(?:potential|age)\b", "WOCBP", words)
    atom = _no_contraception(re.sub(r"^(?:an? |any )", "", cbp))
    if atom is not None and "childbearing_potential" in str(atom.rule):
        # only the women of childbearing potential: "females who are not using contraception" in a list may mean
        # every woman or only those who can bear children (not said: no rule)
        return "no_contraception", atom.rule
    return None


# the women of childbearing potential without contraception come last and run to the end ("… not using
# contraception during the study and for 30 days after the last dose")
_PART = re.compile(rf"{_LEAD}(?:({_PLAN}|{_PREGNANT}|{_LACTATING})(?={_SEP}|$)|((?:an? |any )?(?:WOCBP|(?:(?:is|are) )?"
                   r"of (?:childbearing|child-bearing|child bearing|reproductive) (?:potential|age)|(?:fertile )?"
                   rf"{_WHO})\b[^;]*)$)")


def _reproductive_list(text: str, mode: str) -> _Atom | None:
    """Pregnant, lactating, planning a pregnancy, or of childbearing potential without contraception: any of the
    parts excludes (a condition; in an inclusion, "Not pregnant, breastfeeding or planning …", its negation)."""
    t = _cbp(text.strip(" .;,"))
    if not re.search(r"\bpregnan|lactat|breast|nursing|\bplan", t):
        return None
    # "women of childbearing potential with a positive pregnancy test": a positive test is a pregnancy
    t = re.sub(r"^WOCBP (?:with|who (?:have|has)(?: had)?) (?=(?:an? )?positive)", "", t)
    # "Pregnant or nursing women (confirmed by a screening pregnancy test)": how a pregnancy is found, not another part
    t = re.sub(r"\s*\((?:as )?(?:confirmed|documented|verified|determined|assessed) by (?:an? )?(?:screening )?"
               r"(?:serum |urine |blood )?(?:pregnancy|(?:beta|β)[- ]?hcg)(?: screening)? test"
               r"(?: at screening)?\)$", "", t)
    # "nursing (lactating) women": the same word again
    t = re.sub(r"\s*\((?:lactating|breast-? ?feeding|nursing|pregnant)\)", "", t)
    # "positive serum pregnancy test for women of childbearing potential": the women it can concern
    t = re.sub(r"(positive (?:serum |urine |blood )?pregnancy test),? \(?(?:for|in) (?:all )?WOCBP\)?$", r"\1", t)
    # "Positive pregnancy test (or pregnant females or nursing mothers)": alternatives in brackets
    t = re.sub(r"\s*\(or ([^()]+)\)$", r", or \1", t)
    rules, kinds, pos = [], [], 0
    # "Not pregnant, not breastfeeding, and not planning to become pregnant during the study" (an inclusion) comes
    # here without its first "not" (``propose`` took it off, and negates the reading): the later ones go with it
    negated = re.fullmatch(r"[^,;]+?(?:,? (?:and |nor )?(?:not|non-?) ?[^,;]+?)+", t) is not None and \
        re.search(r"(?:^|\W)(?:not|non-?)\W", re.split(r",| and | or | nor ", t)[0]) is None
    while pos < len(t):
        if negated and pos > 0:
            t = t[:pos] + re.sub(r"^(?:not |non-? ?)", "", t[pos:])
        m = _PART.match(t, pos)
        if m is None:
            return None
        read = _part((m.group(1) or m.group(2)).strip())
        if read is None:
            return None
        if read[1] not in rules:
            kinds.append(read[0])
            rules.append(read[1])
        pos = m.end()
        sep = re.match(_SEP, t[pos:])
        if pos < len(t):
            if sep is None:
                return None
            pos += sep.end()
            if pos >= len(t):
                return None  # a list ending in "or"
    if not rules or all("confirm" in r for r in rules):
        return None
    confidence = 0.7 if any("confirm" in r for r in rules) else 0.85
    return _Atom(_any(*rules), "reproductive_list", cond_only=True, confidence=confidence)


def _not_state(text: str, mode: str) -> _Atom | None:
    """ "Women who are not breastfeeding", "Female patients who are not pregnant" (an inclusion): the state absent."""
    if mode != "req":
        return None
    # "Are not breast-feeding" (h-people9): the subject left out
    m = re.fullmatch(rf"(?:(?:the )?{_WHO} (?:who|that) (?:is|are) |(?:is|are) )not (?:currently )?"
                     rf"({_LACTATING}|pregnant)",
                     text.strip(" .;,"))
    if m is None:
        return None
    fact = "pregnant" if m.group(1).startswith("pregnant") else "lactating"
    return _Atom(_no(fact), "not_pregnant", req_only=True)
