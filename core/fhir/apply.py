"""The clinician's review: correcting a proposed fact, and writing the accepted ones into a profile.

``apply_facts`` starts from the patient's existing profile (or an empty one) and adds only
facts left ``accepted``; the result is read back through ``profile_from_dict`` so it is a
valid format-2 profile, and its impossible values (``profile_problems``) are returned for the
clinician to see. Nothing else is added: a fact the bundle did not state stays unknown.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from core.fhir.model import ProposedFact
from core.i18n import N_, Message, _
from core.patient.fact_labels import local_name
from core.patient.partial_dates import parse_date
from core.patient.profile import PatientProfile, ProfileError, profile_from_dict, profile_to_dict
from core.patient.validation import profile_problems
from core.vocab import conditions, drugs, procedures

_LISTS = {"diagnosis": "diagnoses", "treatment": "treatments", "allergy": "allergies", "lab": "labs",
          "score": "scores", "procedure": "procedures"}
# Which date of each kind the review's date column edits.
_DATE_FIELD = {"diagnosis": "onset_date", "treatment": "start", "allergy": "recorded", "lab": "date",
               "score": "date", "procedure": "date"}


def apply_facts(facts: list[ProposedFact], base: PatientProfile | None = None,
                profile_id: str | None = None) -> tuple[PatientProfile, list[tuple[str, str]]]:
    """The profile with every accepted fact added, and what stands in the way of saving it.

    Problems are ``profile_problems``' impossible values plus every **conflict**: a fact that
    contradicts the record (another date of birth or sex, a condition the record lists with the
    other status) or another accepted fact. Nothing is overwritten silently: the clinician unticks
    one side or corrects it. A newer weight or finding replaces an older one (``known_on``).
    """
    data: dict[str, Any] = profile_to_dict(base) if base is not None else {"format_version": 2}
    if profile_id and not data.get("profile_id"):
        data["profile_id"] = profile_id
    conflicts: list[tuple[str, str]] = []
    # oldest first, so the newest weight or finding is the one kept
    for fact in sorted((f for f in facts if f.accepted), key=lambda f: f.date or ""):
        conflict = _add(data, fact)
        if conflict:
            conflicts.append(conflict)
    try:
        profile = profile_from_dict(data, strict=False)
    except ProfileError as exc:  # beyond the profile's limits (a text too long...): said, not raised
        fallback = base or PatientProfile(profile_id=profile_id)
        return fallback, [*conflicts, (exc.field or "profile", str(exc))]
    return profile, conflicts + profile_problems(profile)


def _refines(old: str, new: str) -> bool:
    """True when date ``new`` is ``old`` or a more precise form of it ("1974-05" -> "1974-05-12")."""
    return new.startswith(old)


def _newer(data: dict[str, Any], key: str, when: str | None) -> bool:
    known = (data.get("known_on") or {}).get(key)
    return known is None or (when is not None and when >= known)


def _add(data: dict[str, Any], fact: ProposedFact) -> tuple[str, str] | None:
    """Add one fact to the profile data; a (field, message) when it conflicts and was not added."""
    if fact.kind in ("date_of_birth", "sex"):
        old = data.get(fact.kind)
        if old is not None and old != fact.value and not (fact.kind == "date_of_birth" and _refines(old, fact.value)):
            return fact.kind, (f"The record says {old}; {fact.source} says {fact.value}. Untick the imported "
                               "value or correct it.")
        data[fact.kind] = fact.value
        return None
    if fact.kind == "weight_kg":
        if data.get("weight_kg") is None or _newer(data, "weight_kg", fact.date):
            data["weight_kg"] = fact.value
            if fact.date:
                data.setdefault("known_on", {})["weight_kg"] = fact.date
        return None
    if fact.kind == "finding":
        for name, value in fact.value.items():
            if name not in (data.get("findings") or {}) or _newer(data, f"findings.{name}", fact.date):
                data.setdefault("findings", {})[name] = value
                if fact.date:
                    data.setdefault("known_on", {})[f"findings.{name}"] = fact.date
        return None
    if fact.kind == "never_treated":
        listed = data.setdefault("never_treated_with", [])
        if fact.value not in listed:
            listed.append(fact.value)
        return None
    entries = data.setdefault(_LISTS[fact.kind], [])
    if fact.kind == "diagnosis":
        same = next((d for d in entries if d.get("code") == fact.value["code"]), None)
        if same is not None:
            had, says = same.get("status", "present"), fact.value.get("status", "present")
            if had != says:
                return "diagnoses", (f"{fact.value['code']} is {had} in the record (or another fact) but {says} "
                                     f"in {fact.source}. Untick one of them.")
            for name, value in fact.value.items():
                same.setdefault(name, value)  # what the record already says wins; gaps are filled
            return None
    elif fact.kind == "allergy":
        if any(a.get("substance", "").casefold() == fact.value["substance"].casefold() for a in entries):
            return None
    elif fact.value in entries:
        return None
    entries.append(dict(fact.value))
    return None


def correct(fact: ProposedFact, value_text: str | None = None, date_text: str | None = None) -> ProposedFact:
    """The fact with the clinician's correction of its value and/or date.

    Raises ``ValueError`` with a plain-words reason when the correction cannot be used; the
    fact itself is never changed in place.
    """
    value = fact.value if not isinstance(fact.value, dict) else dict(fact.value)
    date = fact.date
    if date_text is not None:
        date = _date(date_text)
        if fact.kind == "date_of_birth":
            if date is None:
                raise ValueError(_("A date of birth is needed; untick the row to leave it out."))
            value = date
        elif fact.kind in _DATE_FIELD:
            if fact.kind == "diagnosis" and value.get("status") == "absent":
                raise ValueError(_("An absent condition has no date."))
            value.pop(_DATE_FIELD[fact.kind], None)
            if date:
                value[_DATE_FIELD[fact.kind]] = date
    if value_text is not None and value_text.strip() != fact_value_text(fact):
        value = _value(fact, value, value_text.strip())
    note = Message(N_("{note}; corrected"), note=fact.note) if fact.note else Message(N_("corrected"))
    return replace(fact, value=value, date=date, note=note)


# Answer words a clinician reads and types in the review table, in the app's language or in English.
_SEXES = (N_("female"), N_("male"))
_RESULTS = (N_("positive"), N_("negative"), N_("normal"), N_("abnormal"), N_("high"), N_("low"))


def _word(code: str) -> str:
    return _(code) if code in _SEXES or code in _RESULTS else code


def _code(text: str, codes: tuple[str, ...]) -> str | None:
    """The code ``text`` names, typed in English or in the active language; None when it names none."""
    typed = text.strip().casefold()
    return next((code for code in codes if typed in (code, _(code).casefold())), None)


def fact_value_text(fact: ProposedFact) -> str:
    """The editable part of a fact, as the review table shows it."""
    v = fact.value
    if fact.kind == "diagnosis":  # the vocabulary's name in the language (typed back, it is found again)
        return local_name(conditions.get(v["code"]), conditions.get(v["code"]).label) \
            if v["code"] in conditions.vocabulary() else v["code"]
    if fact.kind == "sex":
        return _word(v)
    if fact.kind == "treatment":
        return v["drug"]
    if fact.kind == "allergy":
        return v["substance"]
    if fact.kind == "procedure":
        return local_name(procedures.get(v["procedure"]), procedures.get(v["procedure"]).label) \
            if v["procedure"] in procedures.index() else v["procedure"]
    if fact.kind == "lab":
        if "value" in v:
            return f"{v['value']:g}"
        return _word(v["result"]) if v.get("result") else v.get("titre") or ""
    if fact.kind == "score":
        return f"{v['value']:g}"
    if fact.kind == "finding":
        return ", ".join(f"{x:g}" if isinstance(x, float) else str(x) for x in v.values())
    if fact.kind == "weight_kg":
        return f"{v:g}"
    return str(v)


def _date(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    try:
        parse_date(text)
    except ValueError as exc:
        raise ValueError(_("{text} is not a date; write 2019, 2019-03 or 2019-03-14.").format(text=repr(text))) from exc
    return text


def _number(text: str) -> float:
    try:
        number = float(text.replace(",", "."))
    except ValueError as exc:
        raise ValueError(_("{text} is not a number.").format(text=repr(text))) from exc
    if number != number or number in (float("inf"), float("-inf")) or number < 0:
        raise ValueError(_("{text} is not a usable number.").format(text=repr(text)))
    return number


def _value(fact: ProposedFact, value: Any, text: str) -> Any:
    kind = fact.kind
    if kind == "sex":
        code = _code(text, _SEXES)
        if code is None:
            raise ValueError(_("Sex is female or male."))
        return code
    if kind == "date_of_birth":
        return _date(text) or value
    if kind == "weight_kg":
        return _number(text)
    if kind == "diagnosis":
        found = conditions.lookup(text)
        if len(found) != 1:
            message = (_("{text} names no condition; type its name or ICD-10 code.") if not found else
                       _("{text} names more than one condition; type its name or ICD-10 code."))
            raise ValueError(message.format(text=repr(text)))
        return {**value, "code": found[0].id}
    if kind == "treatment":
        drug = drugs.lookup_drug(text)
        if drug is None:
            raise ValueError(_("{text} is not a drug the app knows; type its generic or brand name.").format(
                text=repr(text)))
        return {**value, "drug": drug.name}
    if kind == "allergy":
        return {**value, "substance": text[:200]}
    if kind == "procedure":
        found = procedures.lookup(text)
        if len(found) != 1:
            message = (_("{text} names no procedure; type its name.") if not found else
                       _("{text} names more than one procedure; type its name."))
            raise ValueError(message.format(text=repr(text)))
        return {**value, "procedure": found[0].id}
    if kind == "lab":
        if "value" in value:
            return {**value, "value": _number(text)}
        code = _code(text, _RESULTS)
        if code is not None:
            return {**value, "result": code}
        raise ValueError(_("Type positive, negative, normal, abnormal, high or low."))
    if kind in ("score", "finding"):
        if kind == "score":
            return {**value, "value": _number(text)}
        (name,) = value.keys()
        return {name: _number(text)}
    raise ValueError(_("This fact cannot be edited; untick it instead."))
