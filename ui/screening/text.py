"""Words the screening screens show: labels for codes, answer summaries, verdict names.

Tables hold English marked with ``N_()``; the functions below word them in the active
language where they are shown (core.i18n). Condition names come from the vocabulary (the
names clinicians write in Chinese and Japanese), never from a table of their own.
"""

from __future__ import annotations

import html
from typing import Any

from core.i18n import N_, _, ngettext, pgettext
from core.matching import sentences
from core.matching.verdict import ELIGIBLE, NOT_ELIGIBLE, POSSIBLY_ELIGIBLE
from core.patient import facts as registry
from core.patient.fact_labels import fact_label, local_name
from core.questionnaire import Question
from core.questionnaire.wording import choice_name, lab_name, question_text, unit_text

VERDICT_TEXT = {ELIGIBLE: N_("Eligible"), POSSIBLY_ELIGIBLE: N_("Possibly eligible"),
                NOT_ELIGIBLE: N_("Not eligible")}
VERDICT_COLOUR = {ELIGIBLE: "#1b7a34", POSSIBLY_ELIGIBLE: "#9a5b00", NOT_ELIGIBLE: "#b3261e"}
VERDICT_MARK = {ELIGIBLE: "✔", POSSIBLY_ELIGIBLE: "?", NOT_ELIGIBLE: "✘"}
GROUP_TITLES = {"demographics": N_("Demographics"), "diagnosis": N_("Diagnosis and disease activity"),
                "treatment": N_("Treatment history"), "procedures": N_("Procedures and operations"),
                "findings": N_("Findings"), "history": N_("Medical history"),
                "labs": N_("Laboratory results"), "consent": N_("Consent"), "confirm": N_("Criteria to confirm")}
UNKNOWN_TEXT = N_("Unknown / not available")

CRITERIA_NAMES = {
    "acr_1987": N_("ACR 1987 (RA)"), "acr_eular_2010": N_("ACR/EULAR 2010 (RA)"),
    "aecg_2002": N_("AECG 2002 (Sjögren)"), "acr_eular_2016_sjogren": N_("ACR/EULAR 2016 (Sjögren)"),
    "japan_sjogren": N_("Japanese (Sjögren)"), "bohan_peter": N_("Bohan & Peter (myositis)"),
    "sontheimer": N_("Sontheimer (CADM)"), "enmc_dm": "ENMC DM", "enmc_2020_asys": "ENMC 2020 ASyS",
    "eular_acr_2017_iim": "EULAR/ACR 2017 IIM", "eular_acr_2019_sle": N_("EULAR/ACR 2019 (SLE)"),
    "slicc_2012": N_("SLICC 2012 (SLE)"),
}
RA_2010_CHOICES = {
    "joints": {"1_large": N_("1 large joint"), "2_10_large": N_("2–10 large joints"),
               "1_3_small": N_("1–3 small joints"), "4_10_small": N_("4–10 small joints"),
               "over_10_including_small": N_("> 10 joints (≥ 1 small)")},
    "serology": {"negative": N_("RF and ACPA negative"), "low_positive": N_("Low-positive RF or ACPA"),
                 "high_positive": N_("High-positive RF or ACPA")},
    "acute_phase": {"normal": N_("CRP and ESR normal"), "abnormal": N_("CRP or ESR abnormal")},
    "symptom_duration": {"under_6_weeks": N_("< 6 weeks"), "6_weeks_or_more": N_("≥ 6 weeks")},
}
RA_2010_TITLES = {"joints": N_("Joint involvement"), "serology": N_("Serology"),
                  "acute_phase": N_("Acute-phase reactants"), "symptom_duration": N_("Duration of symptoms")}
_FIXED_LABELS = {"diagnoses": N_("Diagnoses"), "treatments": N_("Treatment history"),
                 "joints": N_("28-joint assessment"), "procedures": N_("Procedures and operations")}


def code_name(code: str, names: dict[str, str]) -> str:
    """A code's name from a table of N_() names, in the active language."""
    return _(names[code]) if code in names else code.replace("_", " ").capitalize()


def procedure_entry(row: dict) -> str:
    """One procedures-table row as words: "Hip replacement 2019", "Knee replacement (planned)" (the vocabulary's
    name in the active language)."""
    from core.patient.fact_labels import local_name
    from core.vocab import procedures

    code = str(row.get("procedure", ""))
    try:
        concept = procedures.get(code)
        name = local_name(concept, concept.label)
    except KeyError:
        name = code
    if row.get("date"):
        name = f"{name} {row['date']}"
    return _("{name} (planned)").format(name=name) if row.get("planned") else name


def condition_name(code: str) -> str:
    """A diagnosis code as clinicians name it: the condition vocabulary's name in the active language."""
    from core.vocab import conditions

    try:
        concept = conditions.get(code)
    except KeyError:
        concept = None
    if concept is None:
        return code.replace("_", " ").capitalize()
    return local_name(concept, concept.label)


def verdict_text(verdict: str) -> str:
    return _(VERDICT_TEXT[verdict])


def group_title(group: str) -> str:
    return _(GROUP_TITLES[group]) if group in GROUP_TITLES else group.capitalize() or _("Question")


def unknown_text() -> str:
    return _(UNKNOWN_TEXT)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def question_label(question: Question) -> str:
    """A short name for the history list."""
    if question.kind == "checklist":
        return _("{trial}: criteria checklist").format(trial=question.details.get("trial_id", ""))
    if question.kind == "confirm":
        trial = question.details.get("trial_id", "")
        key = question.details.get("criterion_key", "")
        return f"{trial} {criterion_name(question.details.get('criterion_kind', ''), key)}"
    if question.kind == "labs":
        return lab_name(question)
    if question.id in _FIXED_LABELS:
        return _(_FIXED_LABELS[question.id])
    fact = registry.get_fact(question.id)
    return fact_label(fact) if fact else question_text(question)


def criterion_name(kind: str, key: str, label: str | None = None) -> str:
    """"Inclusion 2" / "入选标准 2" (core.matching.sentences' words, capitalised)."""
    kind = "exclusion" if kind == "exclusion" or key.startswith("exc") else "inclusion"
    return capitalised(sentences.criterion_name(kind, label or key.split("-", 1)[-1]))


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _comma() -> str:
    return pgettext("list separator", ", ")


def answer_summary(question: Question, value: Any) -> str:
    """One line for the answer given."""
    if value is None:
        return _("not answered")
    if value == "unknown":
        return unknown_text()
    kind = question.kind
    if kind == "checklist" and isinstance(value, dict):
        codes = [str(v) for v in value.values()]
        return _("{yes} yes, {no} no, {unknown} unknown").format(
            yes=codes.count("yes"), no=codes.count("no"), unknown=codes.count("unknown"))
    if kind == "bool" or kind == "confirm":
        if isinstance(value, bool):
            return capitalised(choice_name("yes" if value else "no"))
        return capitalised(choice_name(str(value)))
    if kind == "number":
        return f"{_num(value)} {unit_text(question.unit)}".strip()
    if kind == "enum":
        return choice_name(str(value))
    if kind == "labs" and isinstance(value, dict):
        text = f"{_num(value.get('value'))} {value.get('unit') or question.unit or ''}".strip()
        limits = [f"{name} {_num(value[key])}" for key, name in (("uln", "ULN"), ("lln", "LLN"))
                  if value.get(key) is not None]
        return _("{value} ({limits})").format(value=text, limits=_comma().join(limits)) if limits else text
    if kind == "diagnoses" and isinstance(value, dict):
        rows = value.get("diagnoses") or []
        names = _comma().join(condition_name(r.get("code", "")) for r in rows) or _("none")
        return _("{names} (complete list)").format(names=names) if value.get("complete") else names
    if kind == "treatments" and isinstance(value, dict):
        rows = value.get("treatments") or []
        names = _comma().join(str(r.get("drug", "")) for r in rows) or _("none")
        text = ngettext("{n} course: {names}", "{n} courses: {names}", len(rows)).format(n=len(rows), names=names)
        return _("{names} (complete list)").format(names=text) if value.get("complete") else text
    if kind == "procedures" and isinstance(value, dict):
        rows = value.get("procedures") or []
        names = _comma().join(procedure_entry(r) for r in rows) or _("none")
        return _("{names} (complete list)").format(names=names) if value.get("complete") else names
    if kind == "joints" and isinstance(value, dict):
        parts = [(k, n) for k, n in (("tender_28", "TJC"), ("swollen_28", "SJC"), ("patient_global_mm", "PtGA"),
                                      ("evaluator_global_mm", "EvGA")) if value.get(k) is not None]
        return _comma().join(f"{n} {_num(value[k])}" for k, n in parts) or _("no counts")
    return str(value)


def why_html(q: Any, question_id: str) -> str:
    """The trials and criteria a question can decide (``Questionnaire.why_asked``), as rich text:
    record text escaped, never markup."""
    trials = {t.trial_id: t for t in q.trials}
    lines = []
    for reason in q.why_asked(question_id):
        trial = trials.get(reason.trial_id)
        item = trial.items.get(reason.criterion_key) if trial else None
        name = html.escape(criterion_name(item.kind if item else "", reason.criterion_key,
                                          item.label if item else None))
        title = trial.title if trial else reason.trial_id
        lines.append(f"<li><b>{html.escape(title)}</b> ({html.escape(reason.trial_id)}) — {name}: "
                     f"{html.escape(reason.criterion_text)}</li>")
    if not lines:
        return html.escape(_("No open criterion needs this answer any more."))
    return html.escape(_("It can decide these criteria:")) + "<ul style='margin:0'>" + "".join(lines) + "</ul>"


def serves_line(n: int, other_conditions_only: bool) -> str:
    """Under a question: how many verdicts it can change, and when it serves only trials for other
    conditions than the patient's, that the patient's own trials are settled (the clinician may stop)."""
    line = ngettext("Can change the verdict of {n} trial.", "Can change the verdict of {n} trials.", n).format(n=n)
    if other_conditions_only:
        line = _("{line} Only trials for other conditions than the patient's diagnoses are left: those for the "
                 "patient's conditions are settled, so you may stop here and write the letter.").format(line=line)
    return line


def field_within(field: str | None, question_id: str) -> str | None:
    """An answer error's field as the editor names it ("lab.alt.value" -> "value")."""
    if field and field.startswith(question_id + "."):
        return field[len(question_id) + 1:]
    return field


def short_list(items: list[str], limit: int = 6) -> str:
    """``items`` joined as a list, the first ``limit`` only and how many more: the "Done" page names the
    trials still open, which can be dozens (the results on the right list them all)."""
    sep = pgettext("list separator", ", ")
    if len(items) <= limit:
        return sep.join(items)
    rest = len(items) - limit
    return ngettext("{items} and {n} more", "{items} and {n} more", rest).format(items=sep.join(items[:limit]),
                                                                                 n=rest)
