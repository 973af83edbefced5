"""The wording of a referral letter: from a screening's verdicts to a ReferralLetter.

Every sentence the PDF prints is decided here and tested on the dataclass. Unknown
criteria are never hidden: they are listed as "to be confirmed by the study team".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from core.catalog.record_fields import role_text
from core.i18n import N_, _, current_language, ngettext, pgettext, using_language
from core.letter.assessment import (
    LATER,
    OPEN,
    SATISFIED,
    UNSATISFIED,
    criterion_table,
    fact_or_none,
    join_sentences,
    letter_sentence,  # noqa: F401 (part of this module's API)
    standing,
    tests_needed,
)
from core.letter.language import letter_language, long_date, salutation
from core.letter.model import Letterhead, ReferralLetter, Table, TrialLetter
from core.matching.sentences import cjk, fact_label, local_date, step_line
from core.matching.verdict import HEADING_BASIS, TrialVerdict
from core.patient import facts as fact_registry
from core.patient.dates import completed_months
from core.patient.drugs import lookup_drug
from core.patient.profile import PatientProfile
from core.questionnaire.wording import unit_text

FINAL_SAY = N_("Final eligibility is decided by the study team.")
# a stop date says itself
_STATUS_WORDS = {"ongoing": N_("ongoing"), "stopped_date_unknown": N_("stopped (date unknown)")}
_RESPONSE_WORDS = {"inadequate_response": N_("inadequate response"), "loss_of_response": N_("loss of response"),
                   "intolerance": N_("intolerance"), "adverse_event": N_("adverse event"),
                   "remission": N_("remission"), "other": N_("stopped for another reason"),
                   "not_assessed": N_("response not assessed")}
_CRITERIA_NAMES = {
    "acr_1987": "ACR 1987", "acr_eular_2010": "ACR/EULAR 2010", "aecg_2002": "AECG 2002",
    "acr_eular_2016_sjogren": "ACR/EULAR 2016", "japan_sjogren": N_("Japanese criteria"),
    "bohan_peter": "Bohan & Peter", "sontheimer": "Sontheimer", "enmc_dm": "ENMC DM",
    "enmc_2020_asys": "ENMC 2020 ASyS", "eular_acr_2017_iim": "EULAR/ACR 2017 IIM",
    "eular_acr_2019_sle": "EULAR/ACR 2019", "slicc_2012": "SLICC 2012",
}
_ACTIVITY_WORDS = {"remission": N_("remission"), "low": N_("low"), "mild": N_("mild"), "moderate": N_("moderate"),
                   "high": N_("high"), "severe": N_("severe")}
_SCORE_NAMES = {"das28_esr": "DAS28-ESR", "das28_crp": "DAS28-CRP", "cdai": "CDAI", "sledai_2k": "SLEDAI-2K",
                "essdai": "ESSDAI"}


@dataclass
class PatientIdentity:
    """How the patient is named in the letter (settings decide which parts print)."""

    reference: str | None = None
    name: str | None = None
    date_of_birth: date | None = None


def duration_words(start: date, end: date) -> str:
    """"3 years 2 months", "5 months", "less than a month"."""
    months = completed_months(start, end)
    if months is None or months < 0:
        return _("duration unknown")
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append(ngettext("{n} year", "{n} years", years).format(n=years))
    if rest:
        parts.append(ngettext("{n} month", "{n} months", rest).format(n=rest))
    return ("" if cjk() else " ").join(parts) or _("less than a month")


def _number(value: float) -> str:
    return f"{value:g}"


def diagnosis_lines(profile: PatientProfile, today: date) -> list[str]:
    lines = []
    for d in profile.diagnoses:
        name = _diagnosis_name(d.code)
        bits = [name]
        if d.diagnosis_date:
            bits.append(_("diagnosed {date} ({duration} ago)").format(
                date=local_date(d.diagnosis_date), duration=duration_words(d.diagnosis_date, today)))
        if d.classification:
            names = pgettext("list separator", ", ").join(_(_CRITERIA_NAMES.get(c, c)) for c in d.classification)
            bits.append(_("meets {criteria} classification criteria").format(criteria=names))
        if d.activity:
            bits.append(_("activity {level}").format(level=_(_ACTIVITY_WORDS.get(d.activity, d.activity))))
        for score, value in sorted(d.scores.items()):
            bits.append(f"{_SCORE_NAMES.get(score, score)} {_number(value)}")
        lines.append(pgettext("clause separator", "; ").join(bits) + pgettext("punctuation", "."))
    if not lines:
        lines.append(_("No diagnosis was recorded in this screening."))
    return lines


def _diagnosis_name(code: str) -> str:
    """The condition's name in the letter's language: the vocabulary's Chinese or Japanese name
    (as clinicians there write it), else the English label."""
    from core.vocab import conditions

    try:
        concept = conditions.get(code)
    except KeyError:
        concept = None
    local = _local_name(concept)
    if local:
        return local
    for label, codes in fact_registry.CONDITIONS.values():
        if code == codes[0]:
            return label
    return concept.label if concept is not None else code.replace("_", " ").capitalize()


def _local_name(concept: Any) -> str | None:
    """A vocabulary concept's first Chinese or Japanese name when the letter is in that language."""
    names = getattr(concept, current_language(), None) if concept is not None else None
    return names[0] if names else None


def course_words(course) -> str:
    """"ongoing, inadequate response": whether the course goes on and how it worked, both kept
    (an ongoing failed course is the usual case in refractory disease)."""
    status = _STATUS_WORDS.get(course.status or "", "")
    if course.status is None and course.stop is None:
        status = "ongoing"  # no stop date and no status: still taken (the profile's reading)
    response = _RESPONSE_WORDS.get(course.response or "", "")
    return pgettext("list separator", ", ").join(_(w) for w in (status, response) if w)


def treatment_table(profile: PatientProfile) -> Table:
    table = Table([_("Drug"), _("Start"), _("Stop"), _("Dose"), _("Status and response")])
    for t in profile.treatments:
        drug = lookup_drug(t.drug)
        shown = _drug_name(drug) if drug is not None else None
        name = t.drug if shown is None or shown.casefold() == t.drug.casefold() else f"{t.drug} ({shown})"
        dose = f"{_number(t.dose)} {unit_text(t.dose_unit)}".strip() if t.dose is not None else ""  # mg/周
        table.rows.append([name, t.start.isoformat() if t.start else "", t.stop.isoformat() if t.stop else "",
                           dose, course_words(t)])
    return table


def _drug_name(drug) -> str:
    """The generic name in the letter's language (the drug vocabulary's Chinese or Japanese name)."""
    from core.vocab import drugs

    concept = next((c for c in drugs.lookup(drug.name) if c.kind == "drug"), None)
    return _local_name(concept) or drug.name


def results_table(profile: PatientProfile) -> Table:
    table = Table([_("Result"), _("Value"), _("Date")])
    for lab in profile.labs:
        lab_fact = fact_or_none(lab.name)
        label = fact_label(lab_fact) if lab_fact is not None else lab.name
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
        fact = fact_or_none(key)
        if fact is None or value is None or fact.type == "bool":
            continue
        unit = f" {fact.unit}" if fact.unit and fact.unit != "%" else (fact.unit or "")
        table.rows.append([fact_label(fact), f"{value}{unit}", ""])
    return table


def _addressee(trial: dict[str, Any]) -> tuple[list[str], str]:
    contact = next((c for c in trial["contacts"] if c.get("name")), None)
    if contact:
        lines = [contact["name"]]
        lines += [x for x in (role_text(contact.get("role")), contact.get("affiliation"), contact.get("address")) if x]
        reach = " · ".join(x for x in (contact.get("email"), contact.get("phone")) if x)
        if reach:
            lines.append(reach)
        return lines, salutation(contact["name"])
    site = next((s for s in trial["sites"] if s.get("name") or s.get("city")), None)
    if site:
        lines = [_("Study team"), *[x for x in (site.get("name"), site.get("city"), site.get("country")) if x]]
        return lines, salutation(None)
    sponsor = trial.get("sponsor") or _("the sponsor")
    return [_("Study team"), _("c/o {sponsor}").format(sponsor=sponsor)], salutation(None)


_SEX_WORDS = {"female": N_("female"), "male": N_("male")}


def patient_lines(identity: PatientIdentity, profile: PatientProfile, letterhead: Letterhead,
                  age: Any) -> list[str]:
    lines = []
    if letterhead.patient_identification == "name" and identity.name:
        dob = identity.date_of_birth or profile.date_of_birth
        line = _("Name: {name}, born {date}") if dob else _("Name: {name}")
        lines.append(line.format(name=identity.name, date=local_date(dob) if dob else ""))
    else:
        ref = identity.reference or profile.profile_id or profile.label
        lines.append(_("Clinic reference: {reference}").format(reference=ref) if ref
                     else _("Clinic reference: not given"))
    bits = []
    if isinstance(age, int | float):
        bits.append(_("age {years}").format(years=int(age)))
    if profile.sex:
        bits.append(_(_SEX_WORDS.get(profile.sex, profile.sex)))
    if bits:
        text = pgettext("list separator", ", ").join(bits)
        lines.append(text[:1].upper() + text[1:] + pgettext("punctuation", "."))
    return lines


def opening_text(n_top: int, screened_on: date, counts: tuple[int, int, int, int], steps: bool,
                 dated: bool) -> str:
    """The opening paragraph: what was screened and how the criteria stand (met, open, later, not met)."""
    n_met, n_open, n_not, n_later = counts
    parts = []
    if n_met:
        parts.append(ngettext("{n} is satisfied as far as I can tell (inclusions met, exclusions absent)",
                              "{n} are satisfied as far as I can tell (inclusions met, exclusions absent)",
                              n_met).format(n=n_met))
    if n_open:
        parts.append(ngettext("{n} needs confirmation by your team", "{n} need confirmation by your team",
                              n_open).format(n=n_open))
    counted = parts[0] if len(parts) == 1 else _("{first}, and {second}").format(first=parts[0], second=parts[1]) \
        if parts else ""
    screened = (_("I screened the patient against its {n} published criteria on {date}: {counts}.") if counted
                else _("I screened the patient against its {n} published criteria on {date}."))
    text = [_("I would like to refer the patient below for assessment for this study."),
            screened.format(n=n_top, date=long_date(screened_on), counts=counted)]
    if n_later:
        if steps and dated:
            later = ngettext("{n} is satisfied only once the steps before enrolment listed below are taken or "
                             "from the date given.", "{n} are satisfied only once the steps before enrolment "
                             "listed below are taken or from the date given.", n_later)
        elif steps:
            later = ngettext("{n} is satisfied only once the steps before enrolment listed below are taken.",
                             "{n} are satisfied only once the steps before enrolment listed below are taken.",
                             n_later)
        elif dated:
            later = ngettext("{n} is satisfied only from the date given below.",
                             "{n} are satisfied only from the date given below.", n_later)
        else:
            later = ngettext("{n} is satisfied only later.", "{n} are satisfied only later.", n_later)
        text.append(later.format(n=n_later))
    if n_not:
        text.append(ngettext("{n} appears not to be satisfied; they are listed so that you can judge them.",
                             "{n} appear not to be satisfied; they are listed so that you can judge them.",
                             n_not).format(n=n_not))
    return join_sentences(text)


def build_letter(profile: PatientProfile, verdicts: list[TrialVerdict], trials: dict[str, dict[str, Any]],
                 letterhead: Letterhead, identity: PatientIdentity | None = None, today: date | None = None,
                 catalog_date: str | None = None, flags: dict[str, list[str]] | None = None,
                 language: str | dict[str, str] | None = None) -> ReferralLetter:
    """One letter per verdict, in the order given; ``trials`` maps trial id -> trial_to_dict.

    ``today`` dates the letter; the screening is as of the profile's assessment date. Each letter
    is in ``language`` (one for all, or per trial id), else in its study team's (``letter_language``);
    the verdicts' sentences must already be in that language (``prepare_letter`` sees to it).
    """
    from core.patient.derived import compute_facts

    today = today or date.today()
    screened_on = profile.assessment_date or today
    identity = identity or PatientIdentity(reference=profile.profile_id or profile.label)
    derived = compute_facts(profile, today=screened_on)
    letters = []
    for verdict in verdicts:
        trial = trials[verdict.trial_id]
        with using_language(letter_language(trial, language)) as lang:
            letters.append(_trial_letter(profile, verdict, trial, letterhead, identity, today, screened_on,
                                         derived.get("age_years"), (flags or {}).get(verdict.trial_id, []),
                                         catalog_date, lang))
    return ReferralLetter(letterhead=letterhead, letters=letters, notes=letterhead_notes(letterhead),
                          footer=letters[0].footer if letters else "")


def _trial_letter(profile: PatientProfile, verdict: TrialVerdict, trial: dict[str, Any], letterhead: Letterhead,
                  identity: PatientIdentity, today: date, screened_on: date, age: Any, flags: list[str],
                  catalog_date: str | None, lang: str) -> TrialLetter:
    addressee, salutation_line = _addressee(trial)
    ids = ", ".join(dict.fromkeys([trial["trial_id"], *trial["registry_ids"]]))
    top = [c for c in verdict.criteria if c.parent_key is None and c.basis != HEADING_BASIS]
    counts = tuple(sum(1 for c in top if standing(c.kind, c.status) == w)
                   for w in (SATISFIED, OPEN, UNSATISFIED, LATER))
    opening = opening_text(len(top), screened_on, counts, bool(verdict.steps),  # type: ignore[arg-type]
                           verdict.eligible_from is not None)
    eligible_from = ""
    if verdict.eligible_from:
        template = _("The criteria are met from {date} (when {reasons}).") if verdict.when else \
            _("The criteria are met from {date}.")
        eligible_from = template.format(date=long_date(verdict.eligible_from),
                                        reasons=pgettext("clause separator", "; ").join(verdict.when or []))
    catalog = _("Catalog of {date}.").format(date=catalog_date) if catalog_date else ""
    footer = join_sentences([catalog, _("Screening of {date}.").format(date=local_date(screened_on)), _(FINAL_SAY)])
    return TrialLetter(
        trial_id=verdict.trial_id,
        date_line=long_date(today),
        addressee=addressee,
        salutation=salutation_line,
        re_line=_("Re: {title} ({ids})").format(title=trial["title"], ids=ids),
        opening=opening,
        patient_lines=patient_lines(identity, profile, letterhead, age),
        summary=diagnosis_lines(profile, screened_on),
        treatments=treatment_table(profile),
        results=results_table(profile),
        criteria_met=criterion_table(verdict, SATISFIED),
        criteria_to_confirm=criterion_table(verdict, OPEN),
        criteria_not_met=criterion_table(verdict, UNSATISFIED),
        tests_needed=tests_needed(verdict),
        closing=join_sentences([_("Thank you for considering this referral. Please contact me if you need further "
                              "information."), _(FINAL_SAY)]),
        clinician_name=letterhead.signature_name(lang),
        clinician_role=letterhead.clinician_role,
        clinician_notes=list(flags),
        before_enrolment=[step_line(step) for step in verdict.steps],
        eligible_from=eligible_from,
        criteria_later=criterion_table(verdict, LATER),
        language=lang,
        footer=footer,
    )


def letterhead_notes(letterhead: Letterhead) -> list[str]:
    """What the clinician should know before sending: a letter without a clinic or a signature."""
    notes = []
    if not letterhead.clinic_name:
        notes.append(_("No clinic letterhead is set: the letter names no clinic."))
    if not letterhead.signature_name("en"):
        notes.append(_('No clinician name is set: the letter is signed "Referring clinician".'))
    return notes
