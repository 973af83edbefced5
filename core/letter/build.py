"""The wording of a referral letter: from a screening's verdicts to a ReferralLetter.

Every sentence the PDF prints is decided here and tested on the dataclass. Unknown
criteria are never hidden: they are listed as "to be confirmed by the study team".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.letter.model import Letterhead, ReferralLetter, Table, TrialLetter
from core.matching.sentences import step_line
from core.matching.verdict import FROM_DATE, MET, NOT_MET, UNKNOWN, TrialVerdict, base_status
from core.patient import facts as fact_registry
from core.patient.dates import completed_months
from core.patient.drugs import lookup_drug
from core.patient.profile import PatientProfile
from core.trial_record import display_label

FINAL_SAY = "Final eligibility is decided by the study team."
_STATUS_WORDS = {"ongoing": "ongoing", "stopped_date_unknown": "stopped (date unknown)"}  # a stop date says itself
_RESPONSE_WORDS = {"inadequate_response": "inadequate response", "loss_of_response": "loss of response",
                   "intolerance": "intolerance", "adverse_event": "adverse event", "remission": "remission",
                   "other": "stopped for another reason", "not_assessed": "response not assessed"}
_CRITERIA_NAMES = {
    "acr_1987": "ACR 1987", "acr_eular_2010": "ACR/EULAR 2010", "aecg_2002": "AECG 2002",
    "acr_eular_2016_sjogren": "ACR/EULAR 2016", "japan_sjogren": "Japanese criteria",
    "bohan_peter": "Bohan & Peter", "sontheimer": "Sontheimer", "enmc_dm": "ENMC DM",
    "enmc_2020_asys": "ENMC 2020 ASyS", "eular_acr_2017_iim": "EULAR/ACR 2017 IIM",
    "eular_acr_2019_sle": "EULAR/ACR 2019", "slicc_2012": "SLICC 2012",
}
_SCORE_NAMES = {"das28_esr": "DAS28-ESR", "das28_crp": "DAS28-CRP", "cdai": "CDAI", "sledai_2k": "SLEDAI-2K",
                "essdai": "ESSDAI"}


@dataclass
class PatientIdentity:
    """How the patient is named in the letter (settings decide which parts print)."""

    reference: str | None = None
    name: str | None = None
    date_of_birth: date | None = None


def long_date(day: date) -> str:
    return f"{day.day} {day.strftime('%B')} {day.year}"


def duration_words(start: date, end: date) -> str:
    """"3 years 2 months", "5 months", "less than a month"."""
    months = completed_months(start, end)
    if months is None or months < 0:
        return "duration unknown"
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years != 1 else ''}")
    if rest:
        parts.append(f"{rest} month{'s' if rest != 1 else ''}")
    return " ".join(parts) or "less than a month"


def _number(value: float) -> str:
    return f"{value:g}"


def diagnosis_lines(profile: PatientProfile, today: date) -> list[str]:
    lines = []
    for d in profile.diagnoses:
        name = _diagnosis_name(d.code)
        bits = [name]
        if d.diagnosis_date:
            bits.append(f"diagnosed {d.diagnosis_date.isoformat()} ({duration_words(d.diagnosis_date, today)} ago)")
        if d.classification:
            bits.append("meets " + ", ".join(_CRITERIA_NAMES.get(c, c) for c in d.classification)
                        + " classification criteria")
        if d.activity:
            bits.append(f"activity {d.activity}")
        for score, value in sorted(d.scores.items()):
            bits.append(f"{_SCORE_NAMES.get(score, score)} {_number(value)}")
        lines.append("; ".join(bits) + ".")
    if not lines:
        lines.append("No diagnosis was recorded in this screening.")
    return lines


def _diagnosis_name(code: str) -> str:
    for label, codes in fact_registry.CONDITIONS.values():
        if code == codes[0]:
            return label
    return code.replace("_", " ").capitalize()


def course_words(course) -> str:
    """"ongoing, inadequate response": whether the course goes on and how it worked, both kept
    (an ongoing failed course is the usual case in refractory disease)."""
    status = _STATUS_WORDS.get(course.status or "", "")
    if course.status is None and course.stop is None:
        status = "ongoing"  # no stop date and no status: still taken (the profile's reading)
    response = _RESPONSE_WORDS.get(course.response or "", "")
    return ", ".join(w for w in (status, response) if w)


def treatment_table(profile: PatientProfile) -> Table:
    table = Table(["Drug", "Start", "Stop", "Dose", "Status and response"])
    for t in profile.treatments:
        drug = lookup_drug(t.drug)
        name = t.drug if drug is None or drug.name.casefold() == t.drug.casefold() else f"{t.drug} ({drug.name})"
        dose = f"{_number(t.dose)} {t.dose_unit or ''}".strip() if t.dose is not None else ""
        table.rows.append([name, t.start.isoformat() if t.start else "", t.stop.isoformat() if t.stop else "",
                           dose, course_words(t)])
    return table


def results_table(profile: PatientProfile) -> Table:
    table = Table(["Result", "Value", "Date"])
    for lab in profile.labs:
        label = fact_registry.LABS.get(lab.name, {}).get("label", lab.name)
        if lab.value is None:  # format 2: a multiple of the ULN, a qualitative result or a titre only
            value = "; ".join(x for x in (f"{_number(lab.x_uln)} × ULN" if lab.x_uln is not None else "",
                                          lab.result or "", f"titre {lab.titre}" if lab.titre else "") if x)
            table.rows.append([label, value, lab.date.isoformat() if lab.date else ""])
            continue
        value = f"{_number(lab.value)} {lab.unit or ''}".strip()
        if lab.uln and fact_registry.LABS.get(lab.name, {}).get("uln"):
            value += f" ({_number(round(lab.value / lab.uln, 2))} × ULN)"
        table.rows.append([label, value, lab.date.isoformat() if lab.date else ""])
    for key, value in sorted(profile.findings.items()):
        fact = _fact(key)
        if fact is None or value is None or fact.type == "bool":
            continue
        unit = f" {fact.unit}" if fact.unit and fact.unit != "%" else (fact.unit or "")
        table.rows.append([fact.label, f"{value}{unit}", ""])
    return table


def _fact(fact_id: str):
    try:
        return fact_registry.get_fact(fact_id)
    except KeyError:
        return None


_CLINICIAN_PREFIX = "To be confirmed by the clinician: "


_REF_CLAUSE = re.compile(r"^(inclusion|exclusion) ((?:item )?\S+) is (met|not met|not yet known)\.?$", re.IGNORECASE)


def letter_sentence(sentence: str, text: str, refs: dict[str, str] | None = None) -> str:
    """The assessment as the study team reads it: a confirm item not yet answered says so
    instead of repeating the criterion, and a criterion decided by another one ("Inclusion 2
    is met") says what was met there. ``refs`` maps "inclusion 2" to that criterion's sentence."""
    parts = []
    clauses = sentence.split("; ")
    for i, clause in enumerate(clauses):
        if clause.lower().startswith(_CLINICIAN_PREFIX.lower()):
            rest = clause[len(_CLINICIAN_PREFIX):]
            norm = " ".join(rest.split()).rstrip(".")
            clause = ("Not yet assessed." if norm and norm in " ".join(text.split())
                      else f"{'To' if i == 0 else 'to'} confirm: {rest}")
        else:
            clause = _described_ref(clause, refs or {}, first=i == 0, last=i == len(clauses) - 1)
        if clause not in parts:
            parts.append(clause)
    return "; ".join(parts)


def _described_ref(clause: str, refs: dict[str, str], first: bool, last: bool) -> str:
    """ "Inclusion 2 is met" -> "Met through inclusion 2 (Rheumatoid arthritis diagnosis: yes; etc.)"."""
    match = _REF_CLAUSE.match(clause)
    if not match:
        return clause
    kind, label, status = match.group(1).lower(), match.group(2), match.group(3).lower()
    name = f"{kind} {label}"
    other = [c.rstrip(".") for c in refs.get(name, "").split("; ") if c and not _REF_CLAUSE.match(c)]
    if status == "not yet known" or not other:
        return clause
    shown = other[0] + ("; etc." if len(other) > 1 else "")  # "…" prints as CJK dots in the letter font
    end = "." if last else ""
    text = f"met through {name} ({shown})" if status == "met" else f"{name} is not met ({shown})"
    return (text[:1].upper() + text[1:] if first else text) + end


SATISFIED, OPEN, UNSATISFIED, LATER = "satisfied", "open", "unsatisfied", "later"


def standing(kind: str, status: str) -> str:
    """How a criterion stands for the referral: an inclusion met or an exclusion absent is
    satisfied (``LATER`` when only once the steps before enrolment are taken or from a later
    date); an inclusion not met or an exclusion present is not; unknown stays open."""
    base = base_status(status)
    if base == UNKNOWN:
        return OPEN
    favourable = (base == MET) if kind == "inclusion" else (base == NOT_MET)
    if favourable and base != status:
        return LATER
    return SATISFIED if favourable else UNSATISFIED


def later_assessment(c: Any) -> str:
    """Why a criterion not satisfied today will be: the steps, or the date and what it waits for."""
    if c.status.endswith(FROM_DATE) and c.eligible_from:
        word = "Met" if c.kind == "inclusion" else "No longer present"
        when = f" (when {c.when})" if c.when else ""
        return f"{word} from {long_date(c.eligible_from)}{when}."
    if c.steps:
        return "Satisfied once done before enrolment: " + " ".join(step_line(s) for s in c.steps)
    return "Satisfied once the steps before enrolment are taken."


def _criterion_table(verdict: TrialVerdict, wanted: str) -> Table:
    table = Table(["Item", "Criterion (as published)", "Assessment"])
    refs = {f"{c.kind} {display_label(c.key, c.label)}".lower(): c.sentence for c in verdict.criteria}
    for c in verdict.criteria:
        if standing(c.kind, c.status) != wanted:
            continue
        item = f"{'Incl.' if c.kind == 'inclusion' else 'Excl.'} {display_label(c.key, c.label)}"
        assessment = letter_sentence(c.sentence, c.text, refs)
        if wanted == LATER:
            assessment = f"{assessment} {later_assessment(c)}".strip()
        table.rows.append([item, c.text, assessment])
    return table


def tests_needed(verdict: TrialVerdict) -> list[str]:
    """Results still missing that open criteria depend on (labs and examinations)."""
    needed: list[str] = []
    for c in verdict.criteria:
        if base_status(c.status) != UNKNOWN:
            continue
        for fact_id, value in c.facts.items():
            fact = _fact(fact_id.removesuffix("_x_uln").removesuffix("_below_lln")) or _fact(fact_id)
            if value is None and fact is not None and fact.group in ("labs", "findings"):
                wording = f"{fact.label}" + (f" ({fact.unit})" if fact.unit and fact.type == "number" else "")
                if wording not in needed:
                    needed.append(wording)
    return needed


def _addressee(trial: dict[str, Any]) -> tuple[list[str], str]:
    contact = next((c for c in trial["contacts"] if c.get("name")), None)
    if contact:
        lines = [contact["name"]]
        lines += [x for x in (contact.get("role"), contact.get("affiliation"), contact.get("address")) if x]
        reach = " · ".join(x for x in (contact.get("email"), contact.get("phone")) if x)
        if reach:
            lines.append(reach)
        return lines, f"Dear {contact['name']},"
    site = next((s for s in trial["sites"] if s.get("name") or s.get("city")), None)
    if site:
        lines = ["Study team", *[x for x in (site.get("name"), site.get("city"), site.get("country")) if x]]
        return lines, "Dear study team,"
    sponsor = trial.get("sponsor") or "the sponsor"
    return ["Study team", f"c/o {sponsor}"], "Dear study team,"


def patient_lines(identity: PatientIdentity, profile: PatientProfile, letterhead: Letterhead,
                  age: Any) -> list[str]:
    lines = []
    if letterhead.patient_identification == "name" and identity.name:
        dob = identity.date_of_birth or profile.date_of_birth
        lines.append(f"Name: {identity.name}" + (f", born {dob.isoformat()}" if dob else ""))
    else:
        ref = identity.reference or profile.profile_id or profile.label
        lines.append(f"Clinic reference: {ref}" if ref else "Clinic reference: not given")
    bits = []
    if isinstance(age, int | float):
        bits.append(f"age {int(age)}")
    if profile.sex:
        bits.append(profile.sex)
    if bits:
        lines.append(", ".join(bits).capitalize() + ".")
    return lines


def build_letter(profile: PatientProfile, verdicts: list[TrialVerdict], trials: dict[str, dict[str, Any]],
                 letterhead: Letterhead, identity: PatientIdentity | None = None, today: date | None = None,
                 catalog_date: str | None = None, flags: dict[str, list[str]] | None = None) -> ReferralLetter:
    """One letter per verdict, in the order given; ``trials`` maps trial id -> trial_to_dict.

    ``today`` dates the letter; the screening is as of the profile's assessment date.
    """
    from core.patient.derived import compute_facts

    today = today or date.today()
    screened_on = profile.assessment_date or today
    identity = identity or PatientIdentity(reference=profile.profile_id or profile.label)
    derived = compute_facts(profile, today=screened_on)
    letters = []
    for verdict in verdicts:
        trial = trials[verdict.trial_id]
        addressee, salutation = _addressee(trial)
        ids = ", ".join(dict.fromkeys([trial["trial_id"], *trial["registry_ids"]]))
        met = _criterion_table(verdict, SATISFIED)
        to_confirm = _criterion_table(verdict, OPEN)
        not_met = _criterion_table(verdict, UNSATISFIED)
        later = _criterion_table(verdict, LATER)
        top = [c for c in verdict.criteria if c.parent_key is None]
        n_met, n_open, n_not, n_later = (sum(1 for c in top if standing(c.kind, c.status) == w)
                                         for w in (SATISFIED, OPEN, UNSATISFIED, LATER))
        counts = []
        if n_met:
            counts.append(f"{n_met} {'are' if n_met != 1 else 'is'} satisfied as far as I can tell "
                          "(inclusions met, exclusions absent)")
        if n_open:
            counts.append(f"{n_open} {'need' if n_open != 1 else 'needs'} confirmation by your team")
        opening = ("I would like to refer the patient below for assessment for this study. "
                   f"I screened the patient against its {len(top)} published criteria on {long_date(screened_on)}"
                   + (": " + ", and ".join(counts) if counts else "") + ".")
        if n_later:
            after = {(True, False): "once the steps before enrolment listed below are taken",
                     (False, True): "from the date given below",
                     (True, True): "once the steps before enrolment listed below are taken or from the date given",
                     (False, False): "later"}[(bool(verdict.steps), verdict.eligible_from is not None)]
            opening += f" {n_later} {'are' if n_later != 1 else 'is'} satisfied only {after}."
        if n_not:
            opening += (f" {n_not} {'appear' if n_not != 1 else 'appears'} not to be satisfied; "
                        "they are listed so that you can judge them.")
        eligible_from = ""
        if verdict.eligible_from:
            when = f" (when {'; '.join(verdict.when)})" if verdict.when else ""
            eligible_from = f"The criteria are met from {long_date(verdict.eligible_from)}{when}."
        letters.append(TrialLetter(
            trial_id=verdict.trial_id,
            date_line=long_date(today),
            addressee=addressee,
            salutation=salutation,
            re_line=f"Re: {trial['title']} ({ids})",
            opening=opening,
            patient_lines=patient_lines(identity, profile, letterhead, derived.get("age_years")),
            summary=diagnosis_lines(profile, screened_on),
            treatments=treatment_table(profile),
            results=results_table(profile),
            criteria_met=met,
            criteria_to_confirm=to_confirm,
            criteria_not_met=not_met,
            tests_needed=tests_needed(verdict),
            closing=("Thank you for considering this referral. Please contact me if you need further "
                     f"information. {FINAL_SAY}"),
            clinician_name=letterhead.clinician_name,
            clinician_role=letterhead.clinician_role,
            clinician_notes=list((flags or {}).get(verdict.trial_id, [])),
            before_enrolment=[step_line(step) for step in verdict.steps],
            eligible_from=eligible_from,
            criteria_later=later,
        ))
    catalog = f"Catalog of {catalog_date}. " if catalog_date else ""
    return ReferralLetter(letterhead=letterhead, letters=letters, notes=letterhead_notes(letterhead),
                          footer=f"{catalog}Screening of {screened_on.isoformat()}. {FINAL_SAY}")


def letterhead_notes(letterhead: Letterhead) -> list[str]:
    """What the clinician should know before sending: a letter without a clinic or a signature."""
    notes = []
    if not letterhead.clinic_name:
        notes.append("No clinic letterhead is set: the letter names no clinic.")
    if not letterhead.clinician_name:
        notes.append('No clinician name is set: the letter is signed "Referring clinician".')
    return notes
