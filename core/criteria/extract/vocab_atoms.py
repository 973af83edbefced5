"""Statement readers over the vocabularies: a condition or a drug (or a list of them) named by the
concept finder, with the words around it read for time (history, current use, a window).

Each reader accepts a statement only when every word is accounted for: lead words from a closed
list ("history of", "prior treatment with"), one or more concept mentions joined by "," / "or" /
"and", and a closed list of time words. ConText (``context.py``) must find no negation,
uncertainty, hypothetical or family trigger on a mention: the polarity words were consumed before,
so any left means the statement says something else ("suspected lupus", "family history of").

Rules use the vocabulary facts of ``docs/rules.md``: ``condition:<id>`` (has or had, narrower
concepts included), ``drug_ever:<id>``, ``drug_current:<id>``, ``drug_weeks_since:<id>``. Where the
patient can change the fact before enrolment (a drug taken within a window, a current drug in an
exclusion), the part is a step node: a washout or stopping the drug is arranged, never excluded.
"""

from __future__ import annotations

from core.criteria.extract import concepts, context, episodes, invasive
from core.criteria.extract import rx as re
from core.criteria.extract.anchors import ANCHOR
from core.criteria.extract.atom import _Atom
from core.criteria.extract.condition_lists import grouped_list, shared_head
from core.criteria.extract.condition_times import BOTH_FORMS, split_time
from core.criteria.extract.condition_wording import is_behaviour, modifier_distributes, serious_infection
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f, _yes
from core.patient.condition_except import fact_id as other_than_fact

# conditions with a fact of their own, read by their own readers (pregnant, lactating)
_OWN_FACT = frozenset({"pregnancy", "breastfeeding", "lactation"})
_BLOCKING = {"NEGATED_EXISTENCE", "POSSIBLE_EXISTENCE", "HYPOTHETICAL", "FAMILY"}
_JOIN = re.compile(r"^(?:\s*,\s*(?:and/or|or|and)?|\s+(?:and/or|or|and)|\s*/)\s*$")

_COND_LEAD = re.compile(
    r"^(?:diagnosis\s*:\s*)?(?:(?:patients?|subjects?|participants?|individuals?|persons?|people|those"
    # both sexes named as the subject say nothing of sex ("Men and women with sick sinus syndrome"; h-cond7)
    r"|(?:men|males?) (?:and|or) (?:women|females?)|(?:women|females?) (?:and|or) (?:men|males?))\s+)?"
    r"(?:(?:has|have)\s+(?:ever\s+)?(?:had\s+|been diagnosed with\s+)?)?"
    # "(who) suffer(s) from X" is "with X", as "suffering from X" (h-cond8)
    r"(?:(?:with|who (?:have|has)(?: ever)?(?: had| been diagnosed with)?|having|suffering from|(?:who )?suffers? from"
    r"|(?:ever (?:been )?)?diagnosed with)\s+)?"
    # "history or diagnosis of", "current diagnosis or past history of": has or had (``_EITHER_TIME``)
    r"(?:(?:(?:a|the)\s+)?(?:current\s+)?(?:history|diagnosis|evidence)\s+or\s+(?:(?:current|past|prior|previous)\s+)?"
    r"(?:history|diagnosis|evidence)\s+of\s+"
    r"|(?:(?:current|present) or\s+)?(?:a |an |any |the )?(?:(?:(?:current|present|past|previous|prior) or "
    r"(?:current|present|past|previous|prior|concurrent|concomitant|co-?existing)|known"
    r"|documented|confirmed|established|clinical|prior|previous|past|positive|medical|personal|definite"
    r"|physician-diagnosed)\s+)*"
    r"(?:history|diagnosis|dx|h/o)\s+(?:of\s+)?(?:or (?:current|present)\s+)?)?"
    # "a previous episode of uveitis", "a documented episode of atrial fibrillation": has or had
    r"(?:(?:(?:an?|any)\s+)?(?:(?:documented|prior|previous|past)\s+)*episodes?\s+of\s+)?"
    r"(?:(?:(?:current|present|past|previous|prior) or (?:current|present|past|previous|prior|concurrent|concomitant"
    r"|co-?existing)|(?:concurrent|concomitant|co-?existing) or (?:past|previous|prior)|pre-?existing or co-?existing"
    r"|known|documented"
    r"|confirmed|established|diagnosed|prior|underlying|pre-?existing"
    r"|previous|past|evidence of|presence of|(?:history or presence|presence or history) of"
    r"|(?:histologically|cytologically|pathologically)(?: (?:and/or|or|and) (?:histologically|cytologically"
    r"|pathologically))? (?:confirmed|proven|documented|verified)|biopsy[- ]proven)\s+)*")
_PROOF = r"(?:biopsy|histology|histopathology|cytology|pathology|imaging|ct|mri|radiograph\w*|radiolog\w*)"
# what a diagnosis was based on ("based on clinical and histological characteristics"): how it is known, not which
# condition (h-cond8); "based on … criteria" is a classification (``classified``) and stays out
_BASIS = r"(?:clinical|histolog\w*|histopatholog\w*|patholog\w*|cytolog\w*|biops\w*|radiolog\w*|imaging|serolog\w*)"
_COND_TAIL = re.compile(r"\s*(?:\b(?:ever|at any time(?: in the past| (?:prior to|before) (?:" + ANCHOR + r"))?"
                        r"|in the past|previously)|\((?:any grade|dsm-?(?:iv|5|v|iv-tr)"
                        r"|icd-?10)\)|,?\s*(?:confirmed|documented|proven|diagnosed) by (?:a )?" + _PROOF
                        + r"(?:\s*(?:,|or|and/or|and)\s*" + _PROOF + r")*"
                        r"|,?\s*based on (?:the )?" + _BASIS + r"(?:\s*(?:,|or|and/or|and)\s*" + _BASIS + r")*"
                        r"(?: (?:characteristics|features|findings|grounds|evidence|examination|assessment))?)$")
# "current or past X" is has-or-had; "acute X within 2 weeks": the window says which episode
_EITHER_TIME = re.compile(r"\b(?:current|present|past|previous|prior) or (?:current|present|past|previous|prior"
                          r"|concurrent|concomitant|co-?existing)\b"
                          r"|\b(?:concurrent|concomitant|co-?existing) or (?:past|previous|prior)\b"
                          r"|\bpre-?existing or co-?existing\b"
                          r"|\bhistory of or (?:current|present)\b|\b(?:current|present) or (?:a )?(?:past )?history\b"
                          r"|\bcurrent diagnosis or (?:(?:past|prior|previous) )?history\b"
                          r"|\bhistory or current (?:diagnosis|evidence)\b|\bevidence or (?:past )?history\b")
_WINDOWED = re.compile(r"\b(?:acute|recent|new)\b")
# words that say which occurrence counts (now, how bad, how treated): the "has or had" fact cannot hold them
_COND_QUALIFIER = re.compile(
    r"\b(?:active|current(?:ly)?|ongoing|uncontrolled|controlled|severe|serious|significant|unstable|suspected"
    r"|chronic|acute|untreated|treated|recent|new|other|within|except|unless|without|no|not|requiring|required"
    r"|symptomatic|progressive|major|poorly|clinically|persistent|recurrent|relapsing|refractory)\b")

_DRUG_NOUN = r"(?:\s+(?:therapy|therapies|treatment|treatments|agents?|drugs?|medications?|injections?|infusions?))?"


def _mentions(body: str, kind: str) -> list[concepts.Mention] | None:
    """The concepts of a list that is nothing but mentions of ``kind`` and joiners, else None."""
    found = concepts.find(body, (kind,))
    if not found:
        return None
    pos = 0
    for i, m in enumerate(found):
        gap = body[pos:m.start]
        if i == 0 and re.sub(r"^(?:any|an?|the)(?:\s+|$)", "", gap.strip()) != "":
            return None
        if i > 0 and not _JOIN.match(gap):
            return None
        pos = m.end
        if kind == "drug":
            pos += len(re.match(_DRUG_NOUN, body[pos:]).group(0))
            if body[m.start:m.end].startswith("anti"):  # "anti-CD20 antibodies"; never "infliximab antibodies"
                pos += len(re.match(r"(?:\s+(?:monoclonal\s+)?antibod(?:y|ies))?", body[pos:]).group(0))
    if body[pos:].strip(" .;,") != "":
        return None
    if any(context.categories(body, m.start, m.end) & _BLOCKING for m in found):
        return None
    return found


# infections that never clear: having had one is having it ("AIDS dementia", "AIDS-related complex")
_LIFELONG_INFECTIONS = ("hiv_infection",)


def _is_infection(concept_id: str) -> bool:
    """An infection that may clear: a bare mention means now, which the "has or had" fact cannot say."""
    from core.vocab import conditions

    infection = concept_id == "infection" or conditions.is_a(concept_id, "infection")  # "No infection" too
    return concept_id in conditions.vocabulary() and infection and not any(
        conditions.covers(lifelong, concept_id) for lifelong in _LIFELONG_INFECTIONS)


_SEX_SUBJECT = re.compile(r"^(?:adult\s+)?(women|females?|men|males?)\s+(?=(?:with|who|having|diagnosed|suffering)\b)")


def with_sex(s: str, mode: str, reader) -> _Atom | None:
    """ "Women with lupus": the sex the subject names, and the rest read by ``reader``."""
    m = _SEX_SUBJECT.match(s.strip())
    if m is None:
        return None
    rest = re.sub(r"^(?:with|who (?:have|has)(?: had| been diagnosed with)?|having|diagnosed with|suffering from)\s+",
                  "", s.strip()[m.end():])
    atom = reader(rest, mode)
    if atom is None:
        return None
    sex = "female" if m.group(1).startswith(("wom", "fem")) else "male"
    return _Atom(_all(_f("sex", "=", sex), atom.rule), f"sex+{atom.name}", confidence=atom.confidence, words=s)


# "HIV-positive patients", "epilepsy patients": the subject written after the condition says nothing more
SUBJECT_TAIL = re.compile(r"(?<=[a-z0-9)+])[\s-]+(?:patients|subjects|participants|individuals|persons)$")


# A stage or degree written once before a list whose first part has no head noun of its own ("end-stage
# renal or hepatic disease" is end-stage renal disease or end-stage liver disease).
_STAGE = re.compile(r"^(?:end[- ]stage|chronic|acute|severe|advanced|active|decompensated|uncontrolled)\b")


_ACUTE_OR_CHRONIC = re.compile(r"^(?:acute (?:or|and/or) chronic|chronic (?:or|and/or) acute)\s+")


def _stage_distributes(body: str, found: list, shared: bool) -> bool:
    """Whether a stage word that opens one condition may reach the next, which then names no concept alone
    (``shared``: the head noun was written once, after the last part, and was copied to each)."""
    for a, b in zip(found, found[1:], strict=False):
        first, second = body[a.start:a.end], body[b.start:b.end]
        stage = _STAGE.match(first)
        if stage is None or body[a.end:b.start].strip(" ,") not in ("or", "and", "and/or"):
            continue
        words = second.split()
        if len(words) > 1 and not second.startswith(stage.group(0)) and (shared or words[-1] not in first.split()):
            return True
    return False


def _vocab_condition(s: str, mode: str) -> _Atom | None:
    """ "History of stroke", "Post-traumatic stress disorder", "lymphoma or leukaemia", "malignancy within
    the past 5 years, except basal cell carcinoma", "RA for at least 2 years"."""
    if _SEX_SUBJECT.match(s.strip()):
        return with_sex(s, mode, _vocab_condition)
    timed = split_time(invasive.as_exception(serious_infection(SUBJECT_TAIL.sub("", _drop_acronyms(s.strip())))))
    if timed is None:
        return None
    body = _COND_TAIL.sub("", _COND_LEAD.sub("", timed.body)).strip()
    # "acute or chronic X" is X in either form *now* ("Acute or chronic GVHD", "Known acute or chronic liver
    # disease"): read as "has or had", a resolved acute episode would count (catalog audit h-rheum6)
    both_now = bool(_ACUTE_OR_CHRONIC.match(body))
    body = BOTH_FORMS.sub("", body)
    if timed.within_years is not None:
        body = re.sub(r"^(?:(?:acute|recent|new)\s+)+", "", body)  # the window says which episode
    found = _mentions(body, "condition")
    acute_lead = found is None and timed.within_years is None and bool(episodes.ACUTE.match(body))
    if acute_lead:
        body = body[len("acute"):].strip()  # "acute stroke": the stroke now (``episodes.py``), read below
        found = _mentions(body, "condition")
    shared = False
    if found is None and (expanded := shared_head(body)) is not None:
        body, found, shared = expanded, _mentions(expanded, "condition"), True
    if found is None or any(m.concept_id in _OWN_FACT for m in found):
        return None
    outside = BOTH_FORMS.sub("", f"{timed.body} ")
    for m in found:  # words of the concept names themselves ("chronic kidney disease") are the concept's
        outside = outside.replace(body[m.start:m.end], " ")
    if body != _COND_TAIL.sub("", _COND_LEAD.sub("", timed.body)).strip():  # a shared head written out
        outside = _lead_words(timed.body)
    outside = _EITHER_TIME.sub(" ", outside)
    if timed.within_years is not None:
        outside = _WINDOWED.sub(" ", outside)
    history = bool(re.search(r"\b(?:history|h/o|ever|previous|prior|past|previously|diagnosed|(?:has|have) had"
                             r"|at any time|episodes? of)\b", s))
    # "acute X" with no history word and no window: X now (``episodes.py``), for every condition it opens
    acute_all = not history and timed.within_years is None and (acute_lead or bool(episodes.ACUTE.search(outside)))
    if acute_lead and history:
        return None  # "history of acute X": which episode counts? (a history without "acute" reads below)
    if acute_all:
        outside = episodes.ACUTE.sub(" ", outside)
    if _COND_QUALIFIER.search(outside):
        return None  # time or degree the condition fact cannot express, or a scope word
    ids = list(dict.fromkeys(m.concept_id for m in found))
    excepted = _exceptions(timed.exceptions, ids)
    if excepted is None:
        return None
    if ids == ["neoplasm"] and excepted and all(_is_malignant(e) for e in excepted):
        ids = ["malignancy"]  # "Neoplasms other than Kaposi's sarcoma or basal cell carcinoma": cancers, not a lipoma
    # "hepatitis B infection" means now; the condition fact is "has or had". An acute infection that passes (sepsis,
    # pneumonia: ``episodes.EPISODIC``) reads now below, but not named "systemic infection" (filed as sepsis, broader)
    if not history and timed.within_years is None and any(
            _is_infection(i) and (not episodes.is_episodic(i) or re.search(r"\bsystemic\b", body)) for i in ids):
        return None
    # "Smokers", "Alcohol or drug abuse": a habit named with no history word is the habit now, as a state is
    # (``_now_ids``); with a duration or an exception, or in a list with a condition that lasts, no rule
    if not history and timed.within_years is None and any(is_behaviour(i) for i in ids) and (
            not all(is_behaviour(i) for i in ids) or timed.at_least_years is not None or excepted):
        return None
    if _stage_distributes(body, found, shared) or modifier_distributes(body, found):
        return None  # "end-stage renal or hepatic disease": the stage belongs to both, the second is no concept
    if mode == "req" and len(found) > 1:
        gaps = [body[a.end:b.start].strip(" ,") for a, b in zip(found, found[1:], strict=False)]
        if any(g not in ("or", "and/or") for g in gaps):
            return None  # "with A, B" / "A and B" in an inclusion: all or any? not decided here
    if timed.within_years is not None and re.search(r"\b(?:use|users?|using|abuse|smok\w*|drink\w*|consumption"
                                                    r"|dependence|addiction)\b", body):
        return None  # "drug use within 12 months" is about behaviour, not when a diagnosis was made
    if excepted:  # one condition (``_exceptions``): each diagnosis judged on its own (condition_except.py)
        if timed.at_least_years is not None:
            return None  # "A except B for 2 years": whose duration?
        kind = "condition_other_than_recent_years" if timed.within_years is not None else "condition_other_than"
        fact = other_than_fact(kind, ids[0], excepted)
        rule = _f(fact, "<", timed.within_years) if timed.within_years is not None else _yes(fact)
        return _Atom(rule, "condition_window+except" if timed.within_years is not None else "condition+except",
                     confidence=0.85, words=s)
    if timed.within_years is not None:
        parts = [_f(f"condition_recent_years:{i}", "<", timed.within_years) for i in ids]
        name = "condition_window"
    else:
        now = (set(ids) if both_now else _now_ids(found, body, acute_all, s)) if not history else set()
        if now is None:
            return None
        if now and (excepted or timed.at_least_years is not None):
            return None  # "anaemia for 2 years", "bleeding except …": a state meant now has no such history
        parts = [_yes(f"condition_current:{i}" if i in now else f"condition:{i}") for i in ids]
        name = "condition_now" if now else "condition"
        if now:  # never an inclusion's requirement: the trial's own topic, with its timing (``episodes.py``)
            return _Atom(_any(*parts), name, cond_only=True, confidence=0.85, words=s)
    if timed.at_least_years is not None:
        if len(ids) != 1 or excepted:
            return None  # "A or B for 2 years": which one's duration?
        parts = [_all(parts[0], _f(f"condition_years:{ids[0]}", ">=", timed.at_least_years))]
        name = "condition_duration"
    return _Atom(_any(*parts), name, confidence=0.85, words=s)


def _is_malignant(concept_id: str) -> bool:
    from core.vocab import conditions

    return conditions.is_a(concept_id, "malignancy")


def _now_ids(found: list, body: str, acute_all: bool, statement: str = "") -> set[str] | None:
    """The conditions a statement with no history word means now: a state or episode ("ascites", "no unstable
    angina"), an episode said "acute" ("acute myocardial infarction"; acute myeloid leukaemia is a type), or a
    psychiatric disorder the statement asks "evidence of" ("Evidence of depression", ``episodes.evident_now``).
    None when "acute" opens a condition that has a lasting form ("acute hepatitis", "acute gout")."""
    now, acute_named = set(), False
    for m in found:
        named = bool(episodes.ACUTE.search(body[m.start:m.end]))
        reading = episodes.acute_reading(m.concept_id) if acute_all or named else None
        if (acute_all or named) and (reading is None or reading == "type" and not named):
            return None  # "acute hepatitis" (a lasting form too), "acute leukemia" (narrower than leukaemia)
        if episodes.lasting_form(m.concept_id, body[m.start:m.end]):
            return None  # "atypical HUS": the concept is broader (a resolved STEC HUS), "now" narrower
        if (episodes.is_episodic(m.concept_id) or reading == "now" or is_behaviour(m.concept_id)
                or episodes.evident_now(m.concept_id, statement)):
            now.add(m.concept_id)
        elif acute_named:
            return None  # "acute myocardial infarction or stroke": does "acute" reach the stroke?
        acute_named = acute_named or named and reading == "now"
    return now


def _lead_words(text: str) -> str:
    """The words of a statement before its conditions (what the qualifier check reads when the body was
    rewritten)."""
    lead = _COND_LEAD.match(text)
    return f"{text[: lead.end()] if lead else ''} "


def _exceptions(words: str, ids: list[str]) -> list[str] | None:
    """The conditions an "except …" names, each below the one condition read; None when any word is
    not such a condition ("except those treated more than 5 years ago")."""
    if not words:
        return []
    found = _mentions(words, "condition")
    if found is None and (expanded := shared_head(words) or grouped_list(words)) is not None:
        words, found = expanded, _mentions(expanded, "condition")
    if found is None or len(ids) != 1:
        return None
    from core.vocab import conditions

    out = list(dict.fromkeys(m.concept_id for m in found))
    if any(not conditions.is_a(e, ids[0]) for e in out):
        return None
    return out


_ALLERGY = re.compile(r"^(?:(?:patients?|subjects?|participants?|individuals?) (?:with|who (?:have|has|are|is)) )?"
                      r"(?:(?:is|are|being)\s+)?(?:(?:known|documented|history of|a history of|prior|previous)\s+)*"
                      r"(?:severe\s+)?(?:(?:allerg(?:y|ies)|hypersensitivit(?:y|ies)|allergic reactions?|intolerance"
                      r"|hypersensitivity reactions?|allergic)(?:\s+(?:or|and/or|/)\s+(?:allerg(?:y|ies)"
                      r"|hypersensitivit(?:y|ies)|allergic reactions?|hypersensitivity reactions?))?)\s+(?:to|against)"
                      r"\s+(?:any of\s+)?")


def _vocab_allergy(s: str, mode: str) -> _Atom | None:
    """ "Known allergy to methotrexate", "hypersensitivity to rituximab or its excipients" is refused."""
    t = _drop_acronyms(s.strip())
    lead = _ALLERGY.match(t)
    if lead is None or re.search(r"\b(?:intolerance|severe|study|investigational|trial|excipients?)\b", t):
        return None  # not an allergy, a degree the fact does not hold, or "the study drug": which one?
    found = _mentions(t[lead.end():], "drug")
    if found is None:
        return None
    ids = list(dict.fromkeys(m.concept_id for m in found))
    return _Atom(_any(*[_yes(f"allergy:{i}") for i in ids]), "allergy", cond_only=True, confidence=0.85, words=s)
