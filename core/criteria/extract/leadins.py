"""Lead-ins and headings: how a parent, or a top-level line ending in ":", shapes the items under it.

A criteria tree carries much of its meaning in lead-ins: "Patients will not be eligible for this study
if they:" over verb phrases ("Are pregnant."), "Excluded within 4 weeks of study entry:" over bare drug
names, "Concurrent Medication:" / "Excluded:" (the 1990s ACTG layout), "None of the following:" in an
inclusion list, PDQ topic headings ("Performance status:", "Chemotherapy:"). ``classify`` says what a
lead-in does to its items (``LeadIn``); ``compose`` builds the text an item is read as (the item with its
lead-in's window, section or field) only when that composition is unambiguous; ``strip_verb`` drops a
verb that adds nothing ("Are HIV-positive." is "HIV-positive").

Precision first: a lead-in not understood blocks its items, and so do scoped groups ("For group 2:",
"Healthy volunteers:"), counts other than one ("at least 2 of the following") and alternatives; ``propose_tree``
reads the items of a lead-in that is only a group's name for that group (``cohort_groups``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from core.criteria.extract import populations
from core.criteria.extract import rx as re
from core.trial_record import EXCLUSION, INCLUSION

NEUTRAL, LIST, BLOCK, FLIP = "neutral", "list", "block", "flip"


@dataclass(frozen=True)
class LeadIn:
    """What a lead-in does to the items under it (or after it, for a top-level line)."""

    role: str  # neutral / list / block / flip (in an inclusion list: each item is an exclusion in effect)
    window: str = ""  # "within 4 weeks of study entry": read with each item
    topic: str = ""  # "concurrent" / "prior": a medication section heading ("Concurrent Medication:")
    takes_topic: bool = False  # "Excluded:": its items are the section's drugs ("Zidovudine (AZT).")
    field: str = ""  # "age" / "sex" / "life expectancy": what the item's number or word is
    verbs: bool = False  # the items are verb phrases of "they" / "you": "Are HIV-positive."
    children_all: bool = False  # an exclusion lead-in whose items exclude only together ("all of the following")
    section: bool = False  # a heading that starts a section ("PATIENT CHARACTERISTICS:"): lead-ins before it end
    any_of: bool = False  # an inclusion lead-in over alternatives ("one of the following"): its items only together
    population: str = ""  # "child": the lead-in named the trial's people by this noun ("Children may be eligible …")
    restarts: bool = False  # a whole sentence with its own subject ("Patients must have:"): a parent lead-in like it
    # starts afresh, so a childless lead-in printed before it ("Allowed:") does not reach its items
    cohort: str = ""  # "Normal Subjects": the items bind that group only (``cohort_groups``), read with a question


_NEUTRAL_HEADING = re.compile(
    r"^(?:protocol entry criteria|disease characteristics|prior/concurrent therapy|prior concurrent therapy"
    r"|patient characteristics|(?:inclusion|exclusion|eligibility|selection)(?: criteria)?|hematopoietic"
    r"|haematopoietic|hepatic|renal|cardiovascular|cardiac|pulmonary|other|general|demographics"
    r"|laboratory(?: values)?|medical history|prior (?:and|/) concomitant (?:therapy|medications?)"
    r"|concomitant medications?"
    # PDQ topic headings: each item under them is a whole statement ("No prior chemotherapy", "ECOG 0-1")
    r"|performance status|chemotherapy|radiotherapy|radiation therapy|biologic therapy|endocrine therapy|surgery"
    r"|neurologic(?:al)?|immunologic|gastrointestinal|hormone receptor status|menopausal status"
    # ACTG section headings: the items are under "Excluded:" / "Patients with the following … are excluded:"
    r"|co-?existing conditions?|risk behaviou?r"
    # organ-function headings over lab thresholds ("Hematologic function:", "Renal function:")
    r"|(?:hematologic(?:al)?|haematologic(?:al)?|hepatic|liver|renal|kidney) function|hematologic(?:al)?"
    r"|haematologic(?:al)?|laboratory requirements)\s*(?:-+|:)?\s*$", re.IGNORECASE)
_FIELD_HEADING = re.compile(r"^(age|sex|gender|life expectancy)\s*(?::|--)\s*$", re.IGNORECASE)
# ACTG medication sections: "Concurrent Medication:" then "Excluded:" over drug names
_TOPIC_HEADING = re.compile(r"^(concurrent|prior) (?:medications?|treatments?|therapy)\s*:\s*$", re.IGNORECASE)
_ALL_LEADIN = re.compile(r"\b(?:each|all) (?:of )?the following\b"
                         r"|^(?:patients?|subjects?|participants?) (?:must|should) (?:have|be|meet|fulfil\w*|satisfy)"
                         r"(?: the following(?: criteria| conditions| requirements)?)?\s*:?\s*$", re.IGNORECASE)
# "Patients must:" over verb phrases ("Have HIV infection.", "Be willing to sign an informed consent."): each a
# requirement of an inclusion list
_MUST_VERBS = re.compile(r"^(?:patients?|subjects?|participants?) (?:must|should)\s*:\s*$", re.IGNORECASE)
_BOTH_EXCLUSION = re.compile(r"^(?:(?:patients?|subjects?|participants?) (?:who (?:have|meet)|with) )?(?:all|both)"
                             r" of the following(?: criteria| conditions)?(?: (?:are|will be) excluded)?\s*:\s*$",
                             re.IGNORECASE)
_ANY_EXCLUSION_LEADIN = re.compile(r"(?:any|one or more) (?:one )?of the following|with any of the following"
                                   r"|^(?:patients?|subjects?|participants?) with the following [\w\s]{0,40}"
                                   r"(?:are|will be) excluded\s*:?\s*$"
                                   r"|following conditions will be excluded|^(?:use|prior use|receipt) of the following"
                                   r"(?: (?:therapies|medications|drugs|treatments))?(?: prior to (?:enrollment"
                                   r"|enrolment"
                                   r"|screening|randomi[sz]ation|baseline))?\s*[.:]?$", re.IGNORECASE)
_NEG_LEADIN = re.compile(r"\b(?:no|not|none|without|never|exclu\w*|exlcu\w*|ineligible)\b", re.IGNORECASE)
_SCOPE_LEADIN = re.compile(r"\b(?:only|groups?|part|arms?|strat\w*|cohorts?|for|if|when|controls?|healthy|volunteers?"
                           r"|normal|siblings?|sibs?|relatives?|mothers?|fetus|study|studies|trial|protocol|mri"
                           # a group of people the items are about: "CHILDREN WITH A HISTORY OF STROKE:", "Donors:"
                           r"|children|adults|infants|neonates|donors?|recipients?|parents?|fathers?|partners?"
                           r"|caregivers?|famil(?:y|ies)|household|(?:close )?contacts? with"
                           r"|biops\w*|randomi[sz]ation"
                           # "Required in patients with prior ongoing therapy:": the items bind only those patients
                           r"|required in (?:patients|subjects|participants) (?:with|who))\b", re.IGNORECASE)
# the items are exceptions or permissions, not requirements: "History of malignancy other than:", "Allowed:"
_EXCEPT_LEADIN = re.compile(r"\b(?:except\w*|other than|apart from|aside from|unless|but not|allowed|permitted"
                            r"|acceptable|accepted|eligible|e\.g\.|such as|examples?|note)\b"
                            # "… with motor neuron disease, i.e.:" over its kinds (alternatives, or a definition):
                            # "e.g." / "i.e." right before the colon, where the "\b" above cannot match
                            r"|\b(?:e\.g|i\.e)\.?\s*:\s*$", re.IGNORECASE)
# a dose the items are taken at ("Patients must have received, at a dose of:"): a scope the items cannot carry
_DOSE_LEADIN = re.compile(r"\b(?:at (?:a|the) dose|doses? of|dosage)\b", re.IGNORECASE)
_LIST_LEADIN = re.compile(r"\b(?:following|include[sd]?|including|with|as follows|defined|of|any|either|criteria)\b",
                          re.IGNORECASE)
# a count other than one: the items exclude (or qualify) only in twos or threes
_COUNTED = re.compile(r"\b(?:at least|a minimum of|minimum of|>=?|≥)\s*(?:[2-9]|two|three|four|five)\b"
                      r"|\b(?:[2-9]|two|three|four|five) or more (?:of|criteria)\b", re.IGNORECASE)
_ANY_OF = re.compile(r"\b(?:one|1|either|any)(?: or more)? of (?:the following|these)\b"
                     r"|\b(?:at least|>=?) (?:one|1) of\b", re.IGNORECASE)
_EXCLUSION_HEADING = re.compile(r"^(?:(?:patient|subject|participant)s? )?(?:exclu\w*|exlcu\w*)(?: criteria)?\s*:\s*$",
                                re.IGNORECASE)

_WHO = r"(?:patients?|you|your child|participants?|subjects?|individuals?|people|persons?)"
_THEY = r"(?:they|you|he/she|he or she|she|he|the patient|the participant)"
_ELIGIBLE_IF = re.compile(
    rf"^{_WHO} (?:may|might|can|will|would|are|is)(?: (?P<neg>not))? (?:be )?(?:eligible|able to (?:participate|take"
    rf" part|enrol?l?))(?: for| to (?:participate|take part) in| in)?(?: this| the)?(?: study| trial)? if {_THEY}"
    r"(?: (?:are|have|has|do|does))?\s*:\s*$", re.IGNORECASE)
_NOT_ELIGIBLE_IF = re.compile(
    rf"^{_WHO} (?:cannot|can not|can't|may not|will not|won't|are not|is not)(?: be)? (?:eligible|able to"
    rf" (?:participate|take part|enrol?l?))(?: for| to (?:participate|take part) in| in)?(?: this| the)?(?: study"
    rf"| trial)? if {_THEY}(?: (?:are|have|has))?\s*:\s*$"
    rf"|^{_WHO} (?:will be|are|is) (?:excluded|ineligible)(?: from (?:this |the )?(?:study|trial))? if {_THEY}"
    r"(?: (?:are|have|has))?\s*:\s*$", re.IGNORECASE)
_MUST_NOT_HAVE = re.compile(
    rf"^(?:{_WHO} )?(?:must|should|may) not have(?: had)?(?: any of)?(?: the following)?(?: conditions| diseases)?"
    r"\s*:\s*$"
    r"|^(?:(?:patients?|subjects?|participants?) (?:must|should) have )?(?:none|no(?: history of)?(?: any)?) of the"
    r" following(?: conditions| diseases| disorders)?(?P<window> within (?:the )?(?:past |last |previous )?\d+"
    r" (?:days?|weeks?|months?|years?)(?: (?:of|prior to|before) (?:study entry|entry|screening|enrol?lment"
    r"|randomi[sz]ation))?)?\s*:\s*$"
    r"|^no history of\s*:\s*$", re.IGNORECASE)
# "Excluded:", "Excluded within 4 weeks of study entry:", "Excluded within the past 30 days:", "Excluded within the
# past month:"; "Excluded for a minimum of 3 weeks prior to study entry:" is the same window (h-treat9). "Excluded at
# any time:" and "Excluded in all patients:" are "Excluded:": the section's topic says how (ever received under "Prior
# Medication:", taken now under "Concurrent Medication:"; with no topic the item stays bare and unread)
_EXCLUDED = re.compile(
    r"^excluded(?P<window> within (?:the )?(?:past |last |previous )?\d+ (?:hours?|days?|weeks?|months?|years?)"
    r"(?: (?:of|prior to|before|immediately preceding) (?:study entry|entry|enrol?lment|randomi[sz]ation|screening"
    r"|study drug administration))?"
    r"| within the (?:past|last|previous) (?:week|month|year))?"
    r"(?P<floor> for (?:at least|a minimum of) (?P<n>\d+) (?P<unit>days?|weeks?|months?) (?:prior to|before)"
    r" (?:study entry|entry|enrol?lment|randomi[sz]ation))?"
    r"(?: at any time| in all (?:patients|subjects|participants))?\s*:\s*$", re.IGNORECASE)
# inclusion lead-ins over lab thresholds: "Adequate organ function, defined as:", "Laboratory values at screening:"
_ORGAN = (r"(?:bone marrow|marrow|organ|hematologic(?:al)?|haematologic(?:al)?|hematopoietic|renal|hepatic|liver"
          r"|kidney|metabolic)")
_LAB_LEADIN = re.compile(
    r"^(?:(?:(?:patients?|subjects?|participants?) )?(?:must have )?"
    rf"(?:adequate|normal|acceptable) {_ORGAN}(?:(?:,| and|, and|/) {_ORGAN})*"
    r" (?:functions?|parameters)(?:,? (?:as )?defined as(?: follows)?|,? as follows|,? (?:as )?(?:defined|measured"
    r"|characterized|characterised|evidenced) by(?: the following)?)?"
    # when the samples are taken is the trial's business: "… function obtained <= 4 weeks prior to study entry:"
    r"(?:,?\s*(?:obtained |measured |performed |assessed |done )?(?:<=|=<|within|in the) ?(?:\d+|one|two|three|four"
    r"|six) (?:days?|weeks?) (?:of|prior to|before) (?:the )?(?:study entry|entry|registration|enrol?lment"
    r"|randomi[sz]ation|treatment|screening|day 1|first dose))?"
    r"|(?:the following )?(?:screening |pretreatment |baseline |serum |initial |required )*(?:laboratory|lab)"
    r" (?:values|data|results|tests|parameters|requirements)(?: (?:must be present|obtained|required))?"
    r"(?: at (?:screen(?:ing)?|study entry|entry|baseline))?(?:,? as follows)?)\s*:?\s*$", re.IGNORECASE)
# a lead-in stating requirements ("Patients must meet the following criteria:", "Patients must have:"); printed in
# an exclusion list, its items may be the trial's inclusions
_MUST_MEET = re.compile(r"\b(?:must|shall|should)\s+(?!not\b|no\b)(?:meet|have|be|fulfil\w*|satisfy)\b"
                        r"(?!\s+(?:no|none)\b)", re.IGNORECASE)
# exclusion lead-ins that say only that what follows excludes
_EXCLUDED_FROM_STUDY = re.compile(
    r"^(?:the following (?:patients|subjects|participants) (?:will be|are) excluded"
    r"(?: from (?:the |this )?(?:study|trial))?"
    r"|(?:patients?|subjects?|participants?)(?: with the following)? (?:will be|are) excluded from (?:the |this )?"
    r"(?:study|trial)(?: (?:if|for) (?:any of )?the following(?: reasons| criteria(?: apply)?)?"
    # "… if they meet any of the following criteria:" (h-cond6): any one excludes, as for the bare form
    r"| if they (?:meet|have|fulfil\w*|satisfy) (?:any|one) of the following(?: criteria| conditions)?)?"
    rf"|{_WHO} (?:may|must|should) not have(?: any of the following(?: (?:conditions|diseases|disorders"
    r"|symptoms)(?: (?:or|and) (?:conditions|diseases|disorders|symptoms))?)?)?)\s*:\s*$", re.IGNORECASE)
# "A subject will not be eligible for inclusion in this study if any of the following criteria apply:"
_NOT_ELIGIBLE_IF_ANY = re.compile(
    r"^(?:an? )?(?:patients?|subjects?|participants?) (?:will|may|shall) not be eligible (?:for (?:inclusion|entry|"
    r"enrol?lment) )?(?:in|for|into) (?:this |the )?(?:study|trial) if any of the following(?: criteria)?"
    r" (?:apply|applies|is present|are present|is met|are met)\s*:\s*$", re.IGNORECASE)
_PATIENTS_EXCLUDED = re.compile(r"^(?:patients?|subjects?|participants?) with the following [\w\s]{0,40}"
                                r"(?:are|will be) excluded\s*:?\s*$", re.IGNORECASE)


# "Exclusion criteria" printed inside the inclusion list without its colon ("Exclusion", "2.2 Exclusion Criteria",
# "Donor Exclusion Criteria") or glued to the end of an item by the record ("… prior immunotherapy. Exclusion
# Criteria"): the items after it are exclusions in a record whose layout was lost, where an exclusion is as often
# written as the threshold it fails ("Exclusion" / "Bilirubin less than 2.0 mg/dL"): nothing after it is read
_BARE_EXCLUSION = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?(?!(?:no|not|none|without|any)\b)(?:[a-z]+\s+){0,2}?"
                             r"(?:exclu|exlcu)\w*(?:\s+criteria)?\s*\.?$", re.IGNORECASE)
_OF_THE_FOLLOWING = re.compile(r"\bof the following(?:\s+[a-z/]+){0,4}\s*[.;]?$", re.IGNORECASE)
_GLUED_EXCLUSION = re.compile(r"\w[.;]\s+(?:exclu|exlcu)\w*(?:\s+criteria)?\s*:?\s*$", re.IGNORECASE)


def is_lab_leadin(text: str) -> bool:
    """An inclusion lead-in over lab thresholds, with or without its colon ("Adequate organ function, defined as
    follows;", "Required initial laboratory data")."""
    return bool(_LAB_LEADIN.match(" ".join(text.split()).rstrip(" ;,.:")))


def bare_heading(text: str, kind: str) -> LeadIn | None:
    """A blocking lead-in when an item of an inclusion list is (or ends with) an exclusion heading without its
    colon, else None."""
    if kind != INCLUSION:
        return None
    t = " ".join(text.strip().split())
    if _BARE_EXCLUSION.match(t) or _GLUED_EXCLUSION.search(t):
        return LeadIn(BLOCK)
    # "Patients will not be included if any of the following conditions are present" with no colon: its items
    # follow as siblings, each an exclusion in effect
    return LeadIn(BLOCK) if _OF_THE_FOLLOWING.search(t) and _NEG_LEADIN.search(t) else None


# "this study" in a lead-in names no scope: "… to be eligible for study entry:", "… excluded from the study"
_THIS_STUDY = re.compile(r"\b(?:to be eligible )?(?:for|from|in|into|to|of) (?:this |the )?(?:study|trial|protocol)"
                         r"(?: (?:entry|enrol?lment|participation|drug))?\b|\bfor (?:study )?(?:entry|enrol?lment"
                         r"|participation)\b|\bto participate\b|\bstudy\b", re.IGNORECASE)


def _unscoped(text: str) -> str:
    return _THIS_STUDY.sub(" ", text)


# a time said by a lead-in: read with each item when it ends the lead-in, else the lead-in blocks
_TIME_WORDS = re.compile(r"\b(?:within|during|since|ago|prior to|before|recent(?:ly)?|\d+ (?:hours?|days?|weeks?"
                         r"|months?|years?))\b", re.IGNORECASE)
_TRAILING_WINDOW = re.compile(
    r"\b(?P<window>within (?:the )?(?:past |last |previous )?\d+ (?:hours?|days?|weeks?|months?|years?)"
    r"(?: (?:of|prior to|before|preceding) (?:study entry|entry|screening|enrol?lment|randomi[sz]ation|baseline"
    r"|registration|the first dose|study drug administration|(?:the )?start of (?:study )?treatment))?)\s*:?\s*$",
    re.IGNORECASE)


# a lead-in with its own subject and verb: "Patients must have:", "Patients may be eligible for this study if they:",
# "Patients with the following conditions or symptoms are excluded:" (only for a role already understood)
_SENTENCE = re.compile(r"^(?:the following |an? )?(?:patients?|subjects?|participants?|you)\b.*\b(?:must|should|may"
                       r"|will|are|is|can|cannot)\b", re.IGNORECASE)


def ends_leadin(previous: LeadIn | None, previous_text: str) -> bool:
    """Whether a sentence lead-in with its own items (``restarts``) ends the childless lead-in printed before it:
    not an exclusion heading of an inclusion list, nor a group of people ("Genetic relatives of patients:")."""
    return previous is None or (previous.role != FLIP and not _SCOPE_LEADIN.search(_unscoped(previous_text)))


def classify(text: str, kind: str) -> LeadIn:
    """What a lead-in or parent does to the items under it in a list of ``kind``."""
    t = " ".join(text.strip().split())
    named = populations.as_patients(t)
    if named is not None:  # "Children may be eligible for this study if they:" read with "Patients" for "Children"
        lead = classify(named[0], kind)
        return lead if lead.role == BLOCK else dataclasses.replace(lead, population=named[1])
    lead = _classify(t, kind)
    if lead.role in (NEUTRAL, FLIP) and _SENTENCE.match(t):
        lead = dataclasses.replace(lead, restarts=True)
    if lead.role == BLOCK or lead.window or lead.section or lead.field or lead.topic or not _TIME_WORDS.search(t):
        return lead
    if kind == INCLUSION and _LAB_LEADIN.match(t):
        return lead  # "Adequate renal function obtained <= 4 weeks prior to study entry:": when the sample is taken
    window = _TRAILING_WINDOW.search(t)
    if window is None:
        return LeadIn(BLOCK)  # "Any of the following during the study:" — a time the items cannot carry
    return dataclasses.replace(lead, window=window.group("window").replace("the ", "", 1)
                               if window.group("window").startswith("within the ") else window.group("window"))


def _classify(t: str, kind: str) -> LeadIn:
    field = _FIELD_HEADING.match(t)
    if field:
        return LeadIn(NEUTRAL, field=field.group(1).lower())
    if kind == INCLUSION and _EXCLUSION_HEADING.match(t):
        return LeadIn(FLIP, section=True)  # "Exclusion criteria:" printed inside the inclusion list
    if _NEUTRAL_HEADING.match(t):
        return LeadIn(NEUTRAL, section=True)
    topic = _TOPIC_HEADING.match(t)
    if topic:
        return LeadIn(NEUTRAL, topic=topic.group(1).lower(), section=True)
    excluded = _EXCLUDED.match(t)  # before the counts: "for at least 2 weeks" is its window
    if excluded:
        window = (excluded.group("window") or "").strip().replace("immediately preceding", "prior to")
        if excluded.group("floor"):  # "for a minimum of 3 weeks prior to study entry": excluded within those weeks
            window = f"within {excluded.group('n')} {excluded.group('unit')} prior to study entry"
        return LeadIn(NEUTRAL if kind == EXCLUSION else FLIP, window=window, takes_topic=True)
    if _COUNTED.search(t):
        return LeadIn(BLOCK)
    if kind == INCLUSION and _ANY_OF.search(t) and not _NEG_LEADIN.search(t):
        return LeadIn(NEUTRAL, any_of=True)
    if _ELIGIBLE_IF.match(t) and not _ELIGIBLE_IF.match(t).group("neg"):
        return LeadIn(NEUTRAL if kind == INCLUSION else BLOCK, verbs=True)
    if _NOT_ELIGIBLE_IF.match(t) or _ELIGIBLE_IF.match(t):
        return LeadIn(NEUTRAL if kind == EXCLUSION else FLIP, verbs=True)
    if kind == INCLUSION and _MUST_VERBS.match(t):
        return LeadIn(NEUTRAL, verbs=True)
    if kind == INCLUSION and re.match(r"^required\s*:\s*$", t, re.IGNORECASE):
        return LeadIn(NEUTRAL, takes_topic=True)  # "Concurrent Medication:" / "Required:" over drugs taken now
    if kind == INCLUSION and _LAB_LEADIN.match(t):
        return LeadIn(NEUTRAL)
    if kind == EXCLUSION and _MUST_MEET.search(t):
        return LeadIn(BLOCK)  # "Patients must meet the following criteria:" in the exclusion list: which list holds?
    if kind == EXCLUSION and (_EXCLUDED_FROM_STUDY.match(t) or _NOT_ELIGIBLE_IF_ANY.match(t)):
        return LeadIn(NEUTRAL)
    if kind == INCLUSION and _PATIENTS_EXCLUDED.match(t):
        return LeadIn(FLIP)
    if kind == INCLUSION and (m := _MUST_NOT_HAVE.match(t)):
        return LeadIn(FLIP, window=(m.groupdict().get("window") or "").strip())
    if kind == EXCLUSION and _BOTH_EXCLUSION.match(t):
        return LeadIn(NEUTRAL, children_all=True)
    if kind == EXCLUSION and _ALL_LEADIN.search(t):
        return LeadIn(BLOCK)  # "each of the following": each one, or all together? not said
    if _ALL_LEADIN.search(t) and not _NEG_LEADIN.search(t) and not _SCOPE_LEADIN.search(_unscoped(t)):
        return LeadIn(NEUTRAL)
    if kind == EXCLUSION and _ANY_EXCLUSION_LEADIN.search(t) and not _SCOPE_LEADIN.search(_unscoped(t)):
        return LeadIn(NEUTRAL)
    if _NEG_LEADIN.search(t) or _SCOPE_LEADIN.search(t) or _EXCEPT_LEADIN.search(t) or _DOSE_LEADIN.search(t):
        return LeadIn(BLOCK)
    if _LIST_LEADIN.search(t):
        return LeadIn(LIST)
    return LeadIn(BLOCK)


# ---------------------------------------------------------------------------------------
# the text an item is read as

# "Are", "Is", "Have", "Has", "Have had": the verb adds nothing to what follows ("Have hepatitis.")
_VERB = re.compile(r"^(?:are|is|have had|has had|have|has)\s+(?=\S)", re.IGNORECASE)
# what a stripped verb must not leave behind: a phrase that needs the verb ("Are able to …", "Have been on …")
_VERB_NEEDED = re.compile(r"^(?:been|not|no longer|able|unable|willing|unwilling|likely|expected|planning|going|to"
                          r"|received|taken|used|experienced|had|ever|never|already|currently|the|any|in|on|at|a"
                          r" (?:signed|life)|also)\b", re.IGNORECASE)


# a rest that says its own time already: "Have had a history of pancreatitis", "Have had prior surgery"
_OWN_HISTORY = re.compile(r"^(?:an?\s+)?(?:history|prior|previous|past)\b", re.IGNORECASE)


def strip_verb(text: str) -> str:
    """The item without a leading "Are"/"Is"/"Have"/"Has"/"Have had" when that verb adds nothing;
    "Have no X" becomes "No X". Otherwise the item unchanged."""
    t = text.strip()
    m = _VERB.match(t)
    if not m:
        return t
    rest = t[m.end():]
    if re.match(r"no\s", rest, re.IGNORECASE) and m.group(0).lower().startswith(("have", "has")):
        return rest  # "Have no AIDS-defining illnesses" -> "no AIDS-defining illnesses"
    if _VERB_NEEDED.match(rest):
        return t
    if m.group(0).lower().startswith(("have had", "has had")) and not _OWN_HISTORY.match(rest):
        # "Have had pancreatitis." is a history ("has or had"), not the episode now that the bare name says
        return f"History of {rest}"
    return rest


# an item that already says when, or is a clause of its own, is read as written
_OWN_TIME = re.compile(r"\b(?:within|since|prior|previous(?:ly)?|past|last|ago|during|before|after|until|concurrent"
                       r"|concomitant|current(?:ly)?|ongoing|recent(?:ly)?|history|days?|weeks?|months?|years?|hours?"
                       r"|patients?|subjects?|who|which|that|has|have|had|is|are|was|were|will|need\w*|requir\w*"
                       r"|anticipated|planned|following|these|those|allowed|permitted|except|unless|other than"
                       r"|excluding|note)\b|[:;<>=≤≥]", re.IGNORECASE)


def _bare(text: str) -> str | None:
    """The item as a bare noun phrase a window or section word can be put around, or None."""
    t = text.strip().rstrip(".").strip()
    if not t or len(t) > 120 or _OWN_TIME.search(t):
        return None
    return t


def compose(text: str, chain: list[LeadIn], direct_field: str = "") -> str | None:
    """The text an item under the lead-ins ``chain`` (outermost first) is read as, or None when the
    lead-ins' words cannot be put into it unambiguously. ``direct_field`` is the field heading right
    above the item ("Age:" over "18 and over")."""
    t = text
    if any(c.verbs for c in chain):
        t = strip_verb(t)
    if direct_field:
        low = t.strip().lower()
        if not low.startswith(direct_field):
            t = f"{direct_field} {t.strip()}"
    window = next((c.window for c in reversed(chain) if c.window), "")
    topic = ""
    for i, c in enumerate(chain):
        if c.takes_topic:
            topic = next((p.topic for p in reversed(chain[:i]) if p.topic), "")
    if window or topic:
        bare = _bare(t)
        if bare is None:
            # the item says its own time ("Blood transfusion within the past 6 months"): read as written,
            # unless the lead-in's window would be lost
            return None if window else t
        if window:
            return f"{bare} {window}"
        return f"{topic} {bare}"
    return t
