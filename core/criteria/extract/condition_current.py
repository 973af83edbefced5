"""A condition the patient has NOW: "active tuberculosis", "current alcohol abuse", "ongoing opportunistic
infection", "active oral candidiasis at entry", "eczema, active or within the past year".

``condition:<id>`` is "has or had"; reading "active X" as it would exclude a patient whose illness resolved
years ago. These statements read ``condition_current:<id>`` (``core/patient/condition_current.py``): a
diagnosis at or under ``<id>`` active now. "X, active or within the past N years" is either: active now, or
last diagnosed within N years (``condition_recent_years:<id> < N``). "No active X" in an inclusion is the
exclusion of X now (``propose`` negates it). A list ("active hepatitis B or C", "active drug or alcohol
abuse") reads each condition as active now: the time word opens the list and stands for all of it. So it does
when the list is read part by part (``opening_time_word`` / ``read_under``): "active tuberculosis or hepatitis
B", "active HIV, HCV or HBV" read each infection as active now (not hepatitis B as HBsAg positive); a part with a
time or test word of its own ("latent TB", "history of X", "HBsAg positive") keeps its own reading.

Refused (no rule): a judgement or degree beside the time word ("uncontrolled", "clinically significant",
"serious", "severe", "symptomatic" — what makes it count is not a fact; "requiring treatment" is read by
``condition_needs``: the condition now and a question whether it needs treatment); another time
word ("history of", "prior", "within" outside the "active or within" form); exceptions; and "active" that
measures something else — the activity of an autoimmune or inflammatory disease ("active RA", "active lupus
nephritis": an index decides it, not whether the disease is present), or no condition at all ("active
treatment", "physically active", "active disease"). Statements the infection and malignancy readers hold
("active tuberculosis", "active infection", "active malignancy": fixed facts the questionnaire asks) are read
there first (``logic._ATOMS`` order) and never twice.
"""

from __future__ import annotations

from collections.abc import Callable

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.condition_lists import shared_head
from core.criteria.extract.condition_needs import needing_treatment
from core.criteria.extract.condition_times import split_time
from core.criteria.extract.infections import serologic_words
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _any, _f, _yes
from core.criteria.extract.vocab_atoms import SUBJECT_TAIL, _exceptions, _is_malignant, _mentions
from core.patient.condition_except import CURRENT_KIND
from core.patient.condition_except import fact_id as other_than_fact

KIND = "condition_current"

# Subject, verb and "evidence of" before the time word; then the time word itself.
_LEAD = re.compile(
    r"^(?:(?:patients?|subjects?|participants?|individuals?|those)\s+)?"
    r"(?:(?:with|having|who (?:have|has)|(?:have|has)|suffering from|(?:who )?suffers? from)\s+)?"
    r"(?:(?:an?|any)\s+)?"
    r"(?:(?:clinical|radiographic|radiological|laboratory|microbiological)\s+)?(?:(?:evidence|presence)\s+of\s+)?"
    r"(?:(?:an?|any)\s+)?"
    # "concurrent", "concomitant", "coexisting", "intercurrent" X: X at the same time as the trial, now (h-cond9)
    # two time words together say "active now" ("concurrent active malignancy", "current active tuberculosis", h-cond11)
    r"(?:known\s+)?(?P<now>(?:currently|presently|current|concurrent|concomitant|co-?existing)\s+active"
    r"|active\s+(?:concurrent|concomitant)|currently|presently|active|current|ongoing|concurrent"
    r"|concomitant|co-?existing|co-?existent|intercurrent)\s+"
    # "current diagnosis of X" is "current X": the diagnosis held now (h-cond8)
    r"(?:(?<=current\s)(?:diagnosis|dx)\s+(?:of|with)\s+)?")
# "Evidence of" an infection with no time word (h-cond8): evidence is what is found now ("Clinical evidence of skin
# infection", "Patients with evidence of bacterial sepsis"); only an infection, whose bare name otherwise says neither
# now nor ever. Other conditions keep their own readings ("evidence of lymphoma" is has-or-had).
_EVIDENCE = re.compile(r"^(?:(?:patients?|subjects?|participants?|individuals?)\s+(?:with|having|who (?:have|has))\s+)?"
                       r"(?:(?:clinical|radiographic|radiological|laboratory|microbiological)\s+)?evidence\s+of\s+"
                       r"(?:(?:an?|any)\s+)?(?=[a-z])")
# The time said after the condition: "at entry", "at the time of screening", "(active)".
_TAIL = re.compile(r"\s*,?\s*(?:\(active\)|(?:present\s+)?at\s+(?:the\s+time\s+of\s+)?(?:screening|study\s+entry|entry"
                   r"|enrol(?:l)?ment|baseline|randomi[sz]ation|study\s+start)|at\s+present)$")
# "X, active or within the past year", "X (active or within the last 5 years)": now, or the latest diagnosis
_EITHER = re.compile(r"^(?P<body>.+?)\s*(?:,|\()\s*(?:currently\s+)?(?:active|current)\s+or\s+(?P<win>(?:diagnosed\s+)?"
                     r"(?:within|in)\s+.+?)\)?$")
# Words that say which occurrence counts, or how bad: a judgement the fact cannot hold.
_QUALIFIER = re.compile(
    r"\b(?:uncontrolled|controlled|severe|serious|significant|clinically|unstable|suspected|untreated|treated"
    r"|symptomatic|asymptomatic|progressive|major|poorly|persistent|recurrent|relapsing|refractory|requiring"
    r"|required|requires|need\w*|other|another|second|except|unless|without|no|not|history|prior|previous|past"
    r"|previously|recent|new|acute|chronic|within|ever|life-?threatening|systemic|disseminated|defined|score"
    r"|index|flare|activity|moderate|mild|moderately|highly|sufficient|known|suspicion|possible|probable|likely)\b")
# A degree inside a name the vocabulary files under a narrower concept ("systemic infection" is filed as sepsis):
# the words say more, or less, than the concept.
_NAMED_DEGREE = re.compile(r"\b(?:systemic|serious|severe|significant|uncontrolled|major)\b")
# Concepts whose "active" is a measured disease activity, not "present now": autoimmune and inflammatory
# diseases (the trial's own condition, graded by SLEDAI, DAS28, CDAI…).
_ACTIVITY_GRADED = ("autoimmune_disease", "rheumatic_disease", "inflammatory_bowel_disease", "inflammatory_arthritis",
                    "vasculitis", "uveitis", "glomerular_disease")
# Conditions with a fact or reader of their own (pregnancy, lactation).
_OWN_FACT = frozenset({"pregnancy", "breastfeeding", "lactation"})
# Read by the infection readers with the fixed facts the questionnaire asks ("active or latent tuberculosis" is
# tb_active or tb_latent, "active hepatitis B" HBsAg positive, "active infection"): never read twice.
_INFECTION_FACTS = ("tuberculosis", "hepatitis_b", "hepatitis_c", "hiv_infection")
# "Current X" / "X at entry" (no "active"): a state that goes on — an infection, a habit or addiction, a
# psychiatric illness, a tumour — never an event ("current stroke": the episode, not whether it is active).
_STATES = ("infection", "psychiatric_disorder", "tobacco_use", "neoplasm")
# "Concurrent X": had at the same time as the trial; opening a list, it stands for every part ("concurrent
# schizophrenia, bipolar disorder or depression")
_ALONGSIDE = ("concurrent", "concomitant", "coexisting", "co-existing", "coexistent", "co-existent", "intercurrent")
# transplant and dialysis statuses: "concurrent" before one names the procedure during the trial, not a recipient
# now; "no concurrent haemodialysis" is the course received now, read by ``procedure_current``
_PROCEDURE_STATUSES = ("organ_transplant", "haematopoietic_stem_cell_transplant", "dialysis")
# Events whose "current" names the episode itself, not whether a lasting illness goes on ("current stroke",
# "concurrent myocardial infarction"): their history is what trials usually mean (``episodes.py``). Any other
# condition said concurrent is had now: a lasting disease ("concurrent renal disease") or a state (h-cond9).
_EVENTS = ("myocardial_infarction", "stroke", "transient_ischaemic_attack", "seizure", "venous_thromboembolism",
           "deep_vein_thrombosis", "pulmonary_embolism", "acute_coronary_syndrome", "cardiac_arrest")


def _active(now: str) -> bool:
    """A time word that says "active": "active", "ongoing", "currently active", "concurrent active" …"""
    return now == "ongoing" or "active" in now.split()


def _event(concept_id: str) -> bool:
    # a seizure is an event, epilepsy (filed under it) a lasting disease
    return concept_id in _EVENTS or _under(concept_id, tuple(e for e in _EVENTS if e != "seizure"))


def _activity_graded(concept_id: str) -> bool:
    return _under(concept_id, _ACTIVITY_GRADED)


def _conditions(body: str) -> list[str] | None:
    """The condition ids a body names (nothing else: mentions and joiners), else None."""
    body = body.strip(" ,")
    found = _mentions(body, "condition")
    if found is None and (expanded := shared_head(body)) is not None:
        body, found = expanded, _mentions(expanded, "condition")
    if not found:
        return None
    rest = body
    for m in found:
        rest = rest.replace(body[m.start:m.end], " ")
    if _QUALIFIER.search(rest) or any(_NAMED_DEGREE.search(body[m.start:m.end]) for m in found):
        return None
    ids = list(dict.fromkeys(m.concept_id for m in found))
    if any(i in _OWN_FACT or i == "infection" or _activity_graded(i) or _read_as_infection_fact(i) for i in ids):
        return None
    return ids


def _read_as_infection_fact(concept_id: str) -> bool:
    """An infection the infection readers hold (``_INFECTION_FACTS``), but not an illness filed under AIDS
    ("active AIDS-defining opportunistic infection" is that infection now, which no fixed fact asks)."""
    return _under(concept_id, _INFECTION_FACTS) and not _under(concept_id, ("aids_defining_illness",))


def _under(concept_id: str, groups: tuple[str, ...]) -> bool:
    from core.vocab import conditions

    return concept_id in conditions.vocabulary() and any(
        group in conditions.vocabulary() and conditions.covers(group, concept_id) for group in groups)


def _either(s: str) -> _Atom | None:
    """ "Eczema, active or within the past year": active now, or diagnosed within the window."""
    m = _EITHER.match(s)
    if m is None:
        return None
    timed = split_time(f"{m.group('body')} {m.group('win')}")
    if timed is None or timed.within_years is None or timed.at_least_years is not None or timed.exceptions:
        return None
    if _QUALIFIER.search(re.sub(r"^(?:(?:a|any)\s+)?(?:history of\s+)?", "", timed.body)):
        return None
    ids = _conditions(timed.body)
    if ids is None:
        return None
    parts = [p for i in ids for p in (_yes(f"{KIND}:{i}"), _f(f"condition_recent_years:{i}", "<",
                                                                timed.within_years))]
    return _Atom(_any(*parts), "condition_current_or_window", cond_only=True, confidence=0.85)


# "(Patients who) abuse alcohol or drugs" (a verb, under "… if they:"): the habit now, as "current alcohol or drug
# abuse". Only alcohol and drugs (illicit, illegal, street): "abuse medications" or a degree ("in a way that would
# interfere") is not the disorder.
_SUBSTANCE = r"(?:alcohol|(?:illicit |illegal |street )?drugs)"
_ABUSE_VERB = re.compile(rf"^(?:(?:patients?|subjects?|participants?|who)\s+)*(?:actively\s+|currently\s+)?abuses?\s+"
                         rf"(?P<a>{_SUBSTANCE})(?:\s+(?:or|and|and/or)\s+(?P<b>{_SUBSTANCE}))?$")


def _abuse_verb(t: str) -> str:
    """ "abuse alcohol or drugs" → "current alcohol or drug abuse"; any other text as it is."""
    m = _ABUSE_VERB.match(t)
    if m is None:
        return t
    kinds = {"alcohol" if w == "alcohol" else "drug" for w in (m.group("a"), m.group("b")) if w}
    return "current alcohol or drug abuse" if len(kinds) == 2 else f"current {kinds.pop()} abuse"


def _current_condition(s: str, mode: str) -> _Atom | None:
    """ "Active tuberculosis", "current alcohol or drug abuse", "active oral candidiasis at entry", "eczema,
    active or within the past year", "abuse alcohol or drugs"; None for anything else."""
    t = _abuse_verb(SUBJECT_TAIL.sub("", _drop_acronyms(s.strip())))
    needs = needing_treatment(t, _conditions, _event)
    if needs is not None:
        return needs
    either = _either(t)
    if either is not None:
        return either
    lead = _LEAD.match(t)
    tail = _TAIL.search(t)
    if lead is None and tail is None:
        return _evidence_of_infection(t)
    body = t[lead.end() if lead else 0: tail.start() if tail else len(t)]
    if lead is None and not re.match(r"^(?:(?:patients?|subjects?|participants?)\s+with\s+|(?:an?|any)\s+)?[a-z]",
                                     body):
        return None
    body = re.sub(r"^(?:(?:patients?|subjects?|participants?)\s+with\s+|(?:an?|any)\s+)", "", body)
    if lead is not None and _EXCEPTED.search(body):
        return _now_except(body, lead.group("now"))
    ids = _conditions(body)
    if ids is None:
        return None
    active = lead is not None and _active(lead.group("now"))
    if not active and any(_event(i) for i in ids):
        return None  # "current stroke": an event has no "active now"
    alongside = lead is not None and lead.group("now") in _ALONGSIDE
    if alongside and any(_under(i, _PROCEDURE_STATUSES) or i in _PROCEDURE_STATUSES for i in ids):
        return None  # "No concurrent bone marrow transplantation", "… haemodialysis": a procedure, not a status
    if not active and not alongside and not all(_under(i, _STATES) for i in ids):
        # "Headache at baseline", "current epilepsy" (a present-tense lead-in's "have epilepsy" is written so): only a
        # state reads as now; a lasting disease keeps has-or-had, except said to be there alongside ("concurrent")
        return None
    if lead is not None and lead.group("now").endswith("active"):
        # the first condition's own name may hold the word ("active tuberculosis": not a latent infection)
        found = concepts.find(f"active {body.strip()}", ("condition",))
        if found and found[0].start == 0 and found[0].concept_id not in ids and not _activity_graded(
                found[0].concept_id):
            ids = [found[0].concept_id, *ids[1:]]
    # a condition to exclude (or "no active X"), never an inclusion's requirement: "active CMV retinitis" for a
    # CMV retinitis trial names the trial's own disease, more narrowly than a concept may
    return _Atom(_any(*[_yes(f"{KIND}:{i}") for i in ids]), KIND, cond_only=True, confidence=0.85)


# an exception after the condition: "concurrent neoplasms other than basal cell carcinoma of the skin"
_EXCEPTED = re.compile(r"\b(?:except|other than|excluding|with the exception of|apart from)\b")


def _now_except(body: str, now: str) -> _Atom | None:
    """ "Concurrent neoplasms other than basal cell carcinoma of the skin", "active malignancy except non-melanoma
    skin cancer": one condition now, other than the excepted ones below it (``condition_current_other_than``: each
    diagnosis judged on its own, active now). A window, a duration, a second condition or an exception the
    vocabulary does not place below the condition: no rule."""
    timed = split_time(body)
    if timed is None or not timed.exceptions or timed.within_years is not None or timed.at_least_years is not None:
        return None
    ids = _conditions(timed.body)
    if ids is None or len(ids) != 1:
        return None
    excepted = _exceptions(timed.exceptions, ids)
    if not excepted:
        return None
    if ids == ["neoplasm"] and all(_is_malignant(e) for e in excepted):
        ids = ["malignancy"]  # "neoplasms other than basal cell carcinoma": cancers, not a lipoma
    active = _active(now)
    if _event(ids[0]) or not active and now not in _ALONGSIDE and not _under(ids[0], _STATES):
        return None  # as without an exception: an event has no "now"; "current" only for a state
    fact = other_than_fact(CURRENT_KIND, ids[0], excepted)
    return _Atom(_yes(fact), "condition_now_except", cond_only=True, confidence=0.85)


def _evidence_of_infection(t: str) -> _Atom | None:
    """ "Clinical evidence of skin infection": every condition named an infection, present now; None otherwise."""
    m = _EVIDENCE.match(t)
    if m is None:
        return None
    ids = _conditions(t[m.end():])
    if ids is None or not all(_under(i, ("infection",)) for i in ids):
        return None
    return _Atom(_any(*[_yes(f"{KIND}:{i}") for i in ids]), KIND, cond_only=True, confidence=0.85)


# Readings of a part said to be so now: the time word of the list's first part stands for the parts after it
_NOW_READINGS = (KIND, "tb_active", "hbv_active", "hcv_active", "hiv", "active_infection", "malignancy_active")
# A part's own time or test word: the time word opening the list does not reach it ("active TB or latent TB",
# "active infection or HBsAg positive", "active TB or history of hepatitis B")
_OWN_TIME = re.compile(r"\b(?:active|inactive|current(?:ly)?|presently|ongoing|latent|chronic|acute|resolved|cured"
                       r"|history|h/o|prior|previous(?:ly)?|past|ever|had|within|since|during|recent(?:ly)?)\b")
# what a part read as has-or-had names (a condition, an infection, a tumour): wrong once the time word says now
_CONDITION_READINGS = ("condition", "classified", "diagnosis", "malignancy", "aids", "hbsag", "hcv", "tb_")


def opening_time_word(first: str, atom: _Atom | None) -> str | None:
    """The time word ("active", "ongoing") that opens a list whose first part reads as now, else None."""
    if atom is None or atom.name not in _NOW_READINGS:
        return None
    lead = _LEAD.match(SUBJECT_TAIL.sub("", _drop_acronyms(first.strip())))
    if lead is None or not _active(lead.group("now")) and lead.group("now") not in _ALONGSIDE:
        return None
    return lead.group("now")


def read_under(text: str, now: str, read: Callable[[str], _Atom | None]) -> _Atom | None:
    """A later part of a list opened by ``now``: read as "<now> <part>" ("hepatitis B" after "active tuberculosis
    or" is active hepatitis B). A part with its own time or test word reads as it stands; a bare part that only
    reads without the time word gets no reading if that reading names a condition (has-or-had, not now)."""
    own = bool(_OWN_TIME.search(text)) or serologic_words(text)
    if not own and (atom := read(f"{now} {text}")) is not None:
        atom.words = text
        return atom
    atom = read(text)
    if atom is None or own or not atom.name.startswith(_CONDITION_READINGS):
        return atom
    return None
