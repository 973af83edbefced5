"""Criteria under a lead-in that names a group of participants, read for that group only (issue 16, h-cohort10).

Natural-history and NIH Clinical Center protocols list criteria per group: "Normal Subjects:" then "Cerebral
vascular attack"; "FOR AFFECTED SIBLINGS:" then "Psoriasis …"; "Children may be eligible for this study if they:"
beside "Volunteers must have:". Read trial-wide, "Cerebral vascular attack" would exclude a stroke patient from a
trial that enrols stroke patients, so such items were left unread. Here the item's own content R is read, and bound
to the group with one question for the clinician, asked once per group and trial (confirm ids "cohort-K", which the
questionnaire keys by trial, not by criterion: ``core.matching.rules.confirm_key``):

* exclusion: ``{"all": [{"confirm": Q, "id": "cohort-K"}, R]}`` — R false: not present; R true: unknown until the
  clinician says whether the patient is in the group;
* inclusion: ``{"any": [{"not": {"confirm": Q, "id": "cohort-K"}}, R]}`` — R true: met; R false: unknown until
  answered; "not in this group": met.

Only a lead-in that is a group's name and nothing else ("Normal volunteers:", "For healthy controls:", "Donor:",
"Group 1:", "Arm A patients:", "Stratum I inclusion:" in the inclusion list), a sentence about a part of the trial's
people read as it would be about "Patients" ("Donor siblings must have:", "Healthy volunteers must not have:"), or, in
a trial whose sentence lead-ins name two kinds of people (``populations``), one of those sentences ("Mothers may be
eligible for this study if they:") is a group lead-in. A lead-in with a count, alternatives, exceptions, permissions,
a condition or time ("if", "when", "during"), a sub-study ("For gadolinium enhanced studies:") or a sentence not read
stays blocking, and the main population named as such ("Patients:", "Patients with SLE:", "DONOR AND PATIENT:",
"Children and young adults may be eligible …") is not another group.
"""

from __future__ import annotations

from core.criteria.extract import leadin_runs, leadins, populations
from core.criteria.extract import rx as re
from core.matching.rules import TRIAL_CONFIRM_PREFIX

# the question, through N_ in core/matching/rule_texts.py (GENERATED)
QUESTION = "Does the patient belong to this group of the trial: \u201c{group}\u201d?"

# a word that makes the lead-in more than a group's name: a count, alternatives, exceptions or permissions, a
# condition, a time, a sub-study, a negation or a verb
_NOT_A_NAME = re.compile(
    r"\b(?:following|any|either|one of|at least|minimum|or more|except\w*|other than|unless|allowed|permitted"
    r"|acceptable|accepted|eligible|ineligible|provided|providing|if|when|while|during|after|before|prior|within"
    r"|since|until|ago|recent\w*|history|stud(?:y|ies)|substud\w*|sub-stud\w*|trial|protocol|mri|gadolinium|contrast"
    r"|biops\w*|dna|blood draw|plasma|collection|no|not|none|without|never|exclu\w*|inclu\w*|must|may|will|should"
    r"|can|cannot|are|is|be|have|has|had|who|which|that|meet\w*|defined|as|such|e\.g|i\.e|required|require\w*"
    r"|note|and/or|addition\w*|also|further\w*|all)\b|[<>=≤≥;]", re.IGNORECASE)
# "Patients:", "Patients with SLE:", "Subjects:": the trial's own population, not another group
_MAIN = re.compile(r"^(?:(?:the|all|adult|eligible)\s+)?(?:patients?|subjects?|participants?|cases?|probands?)\b"
                   r"(?!.*\b(?:groups?|arms?|cohorts?|strat\w*|parts?|steps?|phases?)\b)", re.IGNORECASE)
# the words a group's name may be printed with: "For …", "… only", "Criteria for …", "… criteria"
_FRAME = re.compile(r"^(?:criteria\s+)?(?:for|only)\s+|\s+(?:only|criteria)$", re.IGNORECASE)
# "DONOR AND PATIENT:": the trial's own patients are in the group too, which asks nothing of another group
_WITH_PATIENTS = re.compile(r"\b(?:and|or|&|/)\s*(?:the\s+)?(?:patients?|subjects?|participants?|recipients?)\b"
                            r"|\b(?:patients?|subjects?|participants?)\s*(?:and|or|&|/)", re.IGNORECASE)
# a topic said for a group ("Laboratory values for group 2:"): the name is not the group's
_TOPIC_FOR = re.compile(r"\bfor\b", re.IGNORECASE)
# a group's name, then a sentence about it: "Healthy volunteers will be excluded for any of the following:",
# "Normal volunteers must have:" (the sentence read with "Patients" for the name, ``leadins``)
_SENTENCE = re.compile(r"^(?:an?\s+|the\s+)?(?P<name>[\w\s/-]{2,60}?)\s+(?P<rest>(?:must|should|will|may|are|is|can"
                       r"|cannot)\b.*(?::|--)\s*)$", re.IGNORECASE)
# a name that says a part of the trial's people ("Healthy volunteers", "Donor siblings"), where a sentence about
# "Children and young adults" may be about everyone the trial takes
_SUBSET = re.compile(r"\b(?:groups?|arms?|cohorts?|strat\w*|parts?|controls?|healthy|volunteers?|normal|siblings?"
                     r"|sibs?|relatives?|mothers?|fathers?|parents?|donors?|partners?|caregivers?|famil(?:y|ies)"
                     r"|household|contacts?|probands?|twins?|spouses?)\b", re.IGNORECASE)
# the people of a sentence lead-in, as the question names them
_PLURAL = {"child": "Children", "woman": "Women", "man": "Men", "infant": "Infants", "adolescent": "Adolescents",
           "adult": "Adults", "volunteer": "Volunteers", "mother": "Mothers"}


def group_lead(text: str, kind: str, several_peoples: bool) -> leadins.LeadIn | None:
    """The lead-in as read for its items when it names a group of participants (``cohort`` the group's words as
    the question quotes them), else None. ``several_peoples``: the trial's sentence lead-ins name two kinds of
    people, so "Children may be eligible …" is one group among others."""
    t = " ".join((text or "").split())
    named = populations.as_patients(t)
    if named is not None:
        if not several_peoples or named[1] not in _PLURAL:
            return None
        lead = leadins.classify(named[0], kind)
        if lead.role == leadins.BLOCK or lead.window:
            return None
        return leadins.LeadIn(lead.role, verbs=lead.verbs, cohort=_PLURAL[named[1]])
    sentence = _SENTENCE.match(t)
    if sentence is not None:  # "Healthy volunteers will be excluded for any of the following:"
        name = _name(sentence.group("name"), kind)
        name = name if name is not None and _SUBSET.search(name) else None  # "Children and young adults may …": all
        lead = leadins.classify(f"Patients {sentence.group('rest')}", kind)
        if name is None or lead.role == leadins.BLOCK or lead.window or lead.population:
            return None
        return leadins.LeadIn(lead.role, verbs=lead.verbs, children_all=lead.children_all, cohort=name)
    m = re.fullmatch(r"(?P<name>[^:]+?)\s*(?::|--)", t)
    name = None if m is None or not leadin_runs.names_group(t) else _name(m.group("name"), kind)
    return None if name is None else leadins.LeadIn(leadins.NEUTRAL, cohort=name)


def _name(words: str, kind: str) -> str | None:
    """The words of a lead-in as a group's name ("FOR HEALTHY VOLUNTEERS" → "HEALTHY VOLUNTEERS"), or None when they
    say more than a name or name the trial's own patients."""
    name = words.strip(" .,-")
    while (bare := _FRAME.sub("", name).strip(" ,-")) != name:
        name = bare
    heading = re.search(r"\s+(?P<which>inclusion|exclusion)(?:\s+criteria)?$", name, re.IGNORECASE)
    if heading and heading.group("which").lower() == kind:  # "Stratum I inclusion:" in the inclusion list
        name = name[:heading.start()]
    if not name or len(name) > 80 or len(name.split()) > 8 or _NOT_A_NAME.search(name) or _MAIN.match(name):
        return None
    if _WITH_PATIENTS.search(name) or _TOPIC_FOR.search(name) or not leadin_runs.names_group(name) or (
            re.search(r"[()]", name) and not re.fullmatch(r"[^()]*\([^()]*\)", name)):
        return None
    return name


def group_key(words: str) -> str:
    """One key for a group however its lead-ins print it: "NORMAL VOLUNTEERS:" over the inclusions and "NORMAL
    VOLUNTEER:" over the exclusions are one group, asked once."""
    return " ".join(re.sub(r"(?<=[a-z])s$", "", w) for w in words.lower().split())


def wrap(rule: dict, kind: str, group: str, number: int) -> dict:
    """The rule R of an item under a group lead-in, bound to that group (see the module docstring)."""
    question = {"confirm": QUESTION.format(group=group), "id": f"{TRIAL_CONFIRM_PREFIX}{number}"}
    if kind == "exclusion":
        return {"all": [question, rule]}
    return {"any": [{"not": question}, rule]}
