"""A condition of the vocabulary diagnosed by named criteria: "meets the ICHD-3 criteria for cluster
headache", "systemic sclerosis according to the 2013 ACR/EULAR classification criteria", "fulfilling
the revised El Escorial criteria for ALS" → ``classified:<id>`` ("meets established classification
criteria for X"), one question per condition whichever set a trial names.

The rheumatic diseases with criteria codes of their own (``ra_classification`` …) are read before,
by ``diseases._coded_disease``. A count of criteria ("at least 2 of the 5 modified ACR criteria"),
a judgement or a second condition in the criteria's name means no rule.
"""

from __future__ import annotations

from core.criteria.extract import concepts, context
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.condition_times import BOTH_FORMS, split_time
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _f, _yes

# the name of a criteria set: a few words, an organisation, a year, a version ("ICHD-3 beta", "Rome IV")
_SET = r"(?P<set>[a-z0-9][a-z0-9/\-.&' ]{1,120}?)"  # full organisation names are long
_CRITERIA = r"\s+(?:classification\s+|diagnostic\s+|clinical\s+|research\s+)?criteria"
_MEET = (r"(?:meets?|meeting|fulfil(?:l)?s?|fulfil(?:l)?ing|fulfil(?:l)?ment of|satisf(?:y|ies|ying)|satisfied"
         r"|fulfilled|met"
         r"|(?:as )?defined by|according to|in accordance with|classified (?:by|according to|using)|based on|using"
         r"|(?:as )?per|by|that (?:meets|fulfil(?:l)?s)|who (?:meet|fulfil(?:l)?))")
_LEAD = re.compile(r"^(?:(?:a |an )?(?:confirmed |established |documented |definite |clinical |known )*"
                   r"(?:diagnosis|dx) (?:of|with) |(?:(?:has|have) )?(?:been )?diagnosed (?:with|as(?: having)?) "
                   r"|(?:have|has) |with "
                   r"|who (?:have|has) |suffering from )")
_SET_REFUSED = re.compile(r"\b(?:at least|of the|\d+ of|points?|score|other|exclusion|inclusion"
                          r"|protocol|study|investigator|physician|local|institutional|standard)\b|[<>]")
_FIRST = re.compile(rf"^{_MEET}\s+(?:the\s+)?{_SET}{_CRITERIA}\s+(?:for|of)\s+(?:the\s+)?(?:classification|diagnosis)?"
                    rf"\s*(?:of\s+)?(?P<cond>.+)$")
# the set named after "criteria": "fulfils the criteria of the ILAE for epilepsy", "meets the diagnostic criteria
# of the International Headache Society for migraine" (h-cond7)
_FIRST_OF = re.compile(rf"^{_MEET}\s+(?:the\s+)?(?:classification\s+|diagnostic\s+)?criteria\s+(?:of|by|from)\s+"
                       rf"(?:the\s+)?{_SET}\s+for\s+(?:the\s+)?(?:classification\s+of\s+|diagnosis\s+of\s+)?(?P<cond>.+)$")
_AFTER = re.compile(rf"^(?P<cond>.+?)\s*,?\s+{_MEET}\s+(?:the\s+)?{_SET}{_CRITERIA}(?:\s+(?:for|of)\s+(?:the\s+)?"
                    rf"(?:classification\s+of\s+|diagnosis\s+of\s+)?(?P<again>.+?))?$")


# A diagnosis by a named manual, the manual written first: "DSM-IV diagnosis of schizophrenia", "DSM-IV diagnosed
# OCD", "DSM-IV bipolar disorder" (the same as "meets the DSM-IV criteria for …")
_MANUAL_FIRST = re.compile(r"^(?:an?\s+)?(?P<set>(?:dsm|diagnostic and statistical manual of mental disorders)"
                           r"(?:[- ]?(?:iv-tr|iv|5-tr|5|iii-r|iii|v))?(?:-defined)?|icd-?10|icd-?11)"
                           r"\s+(?:diagnosis\s+of\s+|diagnosed\s+(?:with\s+)?)?(?P<cond>[a-z].*)$")


# The headache classification (ICHD, the International Headache Society's) is named without the word "criteria"
# ("cluster headache according to the International Classification of Headache Disorders 3rd edition", "(IHS)"):
# written as one set, "ichd criteria", whatever the edition; only a headache disorder is classified by it.
_HEADACHE_SYSTEM = (r"(?:the\s+)?(?:(?:diagnostic\s+|classification\s+)?criteria\s+of\s+(?:the\s+)?)?"
                    r"(?:international classification of headache disorders|international headache society|ichd|ihcd"
                    r"|icdh|ihs)(?:[\s,-]*(?:\(\s*(?:ichd|ihcd|icdh|ihs)[^()]*\)|(?:version|edition|beta|3rd|2nd|third"
                    r"|second|iiib|iii|ii)\b|[1-9](?:\.\d+)+|[1-3]b?\b))*(?:\s+(?:diagnostic\s+|classification\s+)?criteria)?")
_BY_HEADACHE_SYSTEM = re.compile(rf"\b(according to|in accordance with|as defined by|defined by|based on|as per|per"
                                 rf"|using|meeting|fulfil\w*)\s+{_HEADACHE_SYSTEM}(?=\s*(?:[).,;]|$))")
_HEADACHE_SYSTEM_BRACKET = re.compile(rf"\s*\(\s*{_HEADACHE_SYSTEM}\s*\)$")
# "fulfils the diagnostic criteria for X according to ICHD-3": the criteria named twice
_CRITERIA_FOR = re.compile(r"^(?:fulfil\w*|meets?|meeting|satisf\w*)\s+(?:the\s+)?(?:diagnostic\s+|classification\s+)?"
                           r"criteria\s+(?:for|of)\s+(?=.*\bichd criteria$)")
# both forms named after the condition: "cluster headache (episodic or chronic)", ", either chronic or episodic"
_BOTH_FORMS_AFTER = re.compile(r"(?:\s*,\s*|\s*\(\s*|\s+)(?:either\s+)?(?:episodic or chronic|chronic or episodic)\)?"
                               r"(?=\s*(?:,|according|as|in|based|per|meeting|$))")


def _headache_system(t: str) -> str:
    """The headache classification written as "ichd criteria" after its verb ("according to ichd criteria")."""
    t = _BY_HEADACHE_SYSTEM.sub(r"\1 ichd criteria", t)
    t = _HEADACHE_SYSTEM_BRACKET.sub(" according to ichd criteria", t)
    return _CRITERIA_FOR.sub("", _BOTH_FORMS_AFTER.sub("", t))


def _condition_named(text: str) -> str | None:
    """The one condition concept ``text`` names in full, not under a negation or uncertainty."""
    text = BOTH_FORMS.sub("", text.strip())
    m = concepts.whole(text, ("condition",))
    if m is None:
        return None
    if context.categories(text, m.start, m.end) & {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HYPOTHETICAL",
                                                   "FAMILY"}:
        return None
    return m.concept_id


def _headache(concept_id: str) -> bool:
    from core.vocab import conditions

    return concept_id == "headache_disorder" or conditions.is_a(concept_id, "headache_disorder")


def _classified_condition(s: str, mode: str) -> _Atom | None:
    """ "Meets ACR criteria for fibromyalgia", "Cluster headache according to the ICHD-3 criteria"."""
    if re.search(r"\b(?:current(?:ly)?|presently|active)\b", s):
        return None  # "currently meets DSM-IV criteria for major depression": an episode now, not "ever met"
    # a set's name or year in brackets after it ("(ACR 1997)", "(2010)"); any other bracket stays and is refused
    t = re.sub(r"\s*\((?:(?:[a-z/\-]+ ?)?(?:(?:19|20)\d\d)?|\d(?:st|nd|rd|th) ?ed(?:ition)?\.?)\)\s*$", "",
               _drop_acronyms(_headache_system(_strip_subject(s))))
    # "cluster headache (according to the ICHD-3 criteria)": the clause in brackets is the whole statement's
    t = re.sub(r"\s*\(\s*((?:according to|as defined by|as per|per|meeting|fulfil\w*|using|by)\s[^()]*?criteri\w*)"
               r"\s*\)$", r" \1", t)
    t = re.sub(r"\bcriterias\b", "criteria", t)
    t = _headache_system(t)
    t = _LEAD.sub("", t).strip()
    m = _FIRST_OF.match(t) or _FIRST.match(t) or _MANUAL_FIRST.match(t)
    cond = again = None
    if m:
        cond = m.group("cond")
    else:
        m = _AFTER.match(t)
        if m is None:
            return None
        cond, again = m.group("cond"), m.group("again")
        cond = _LEAD.sub("", cond).strip()
    cond = re.sub(r"^(?:(?:documented|confirmed|established|definite|known)\s+)+", "", cond.strip())
    cond = re.sub(r"\s+(?:diagnosis|dx)$", "", cond)  # "JRA diagnosis by ACR criteria": the diagnosis named (h-cond8)
    timed = split_time(cond)
    if timed is None or timed.within_years is not None or timed.exceptions:
        return None
    cond = timed.body
    if _SET_REFUSED.search(m.group("set")) or re.fullmatch(r"(?:(?:diagnostic|classification|clinical|standard"
                                                            r"|established|accepted|current|the)\s*)+", m.group("set")):
        return None  # a count, a judgement, or no set named at all ("meets diagnostic criteria for autism")
    concept = _condition_named(cond)
    if concept is None or (again is not None and _condition_named(again) != concept):
        return None
    if m.group("set").strip() == "ichd" and not _headache(concept):
        return None  # the headache classification names no other disease
    rule = _yes(f"classified:{concept}")
    if timed.at_least_years is not None:  # "chronic cluster headache for at least 1 year as per ICHD-3 criteria"
        rule = _all(rule, _f(f"condition_years:{concept}", ">=", timed.at_least_years))
    return _Atom(rule, "classified", confidence=0.85, words=s)
