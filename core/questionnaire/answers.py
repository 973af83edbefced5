"""Putting an answer into a profile, taking it out, and checking it.

Answers are applied to the profile's JSON form and read back with
``profile_from_dict``, so a malformed answer is refused with the profile's own
``ProfileError`` wording and field; the new profile is then checked with
``validation.profile_problems``: an impossible value (age over 120, a diagnosis before
birth or in the future, a negative dose, a ULN of zero, an LVEF over 100) raises
``AnswerError`` and never reaches the profile.

Answer values by question kind:

- ``date``: ``"YYYY-MM-DD"`` or a ``datetime.date``
- ``bool``: ``True``/``False`` or ``"yes"``/``"no"``
- ``number``: a number; ``enum``: one of the choices
- ``diagnoses`` / ``treatments``: a list of rows in the profile's JSON shape, or
  ``{"diagnoses": [...], "complete": bool}`` / ``{"treatments": [...], "complete": bool}``
  (a bare list is *not* complete: unlisted conditions / drugs stay unknown)
- ``procedures`` / ``procedure:<id>``: see ``procedure_answers``
- ``joints``: ``{"tender_28", "swollen_28", "patient_global_mm", "evaluator_global_mm", "date"}``
- ``labs``: ``{"value", "unit", "uln", "lln", "date"}`` (unit defaults to the question's unit)
  or just the value
- ``confirm``: ``"yes"``/``"no"`` or ``True``/``False``
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from core.i18n import _
from core.patient import facts as registry
from core.patient.drugs import normalise_name
from core.patient.fact_labels import value_problem
from core.patient.fact_model import ANSWER_SECTIONS
from core.patient.profile import (
    PatientProfile,
    ProfileError,
    profile_from_dict,
    profile_to_dict,
)
from core.patient.validation import profile_problems
from core.questionnaire import current_answers, procedure_answers
from core.questionnaire.answer_values import (
    AnswerError,
    allergy_rows,
    course_row,
    date_text,
    jsonable,
    number_value,
    table_rows,
    yes_no,
)
from core.questionnaire.mapping import LAB_PREFIX, parse_confirm_id

__all__ = ["AnswerError", "answer_value", "clear_answer", "is_answered", "is_unknown_value", "profile_with",
           "set_answer"]




def is_unknown_value(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip().lower() in ("unknown", "not available", ""))


def _lab_rows(data: dict[str, Any], lab: str) -> list[dict[str, Any]]:
    return [row for row in data.get("labs", []) if normalise_name(str(row.get("name", ""))).replace(" ", "_") == lab]


def is_answered(profile: PatientProfile, question_id: str) -> bool | None:
    """True: the profile holds an answer; None: answered "unknown" (confirmations only); False: not answered."""
    confirm = parse_confirm_id(question_id)
    if confirm:
        trial_id, key = confirm
        answers = profile.confirmations.get(trial_id, {})
        if key not in answers:
            return False
        return None if answers[key] is None else True
    if question_id in ("date_of_birth", "sex", "weight_kg", "assessment_date"):
        return getattr(profile, question_id) is not None
    if question_id == "diagnoses":
        return any(d.source != QUESTION_SOURCE for d in profile.diagnoses) or profile.diagnoses_complete
    if question_id == "treatments":
        return bool(profile.treatments) or profile.treatments_complete
    if question_id == "allergies":
        return bool(profile.allergies) or profile.allergies_complete
    if question_id == "joints":
        return profile.joint_assessment is not None
    if procedure_answers.owns(question_id):
        return procedure_answers.is_answered(profile_to_dict(profile), question_id)
    if current_answers.owns(question_id):
        return current_answers.is_answered(profile_to_dict(profile), question_id)
    if question_id.startswith(LAB_PREFIX):
        lab = question_id[len(LAB_PREFIX):]
        return any(normalise_name(r.name).replace(" ", "_") == lab for r in profile.labs)
    vocab = _vocab_kind(question_id)
    if vocab == "condition":
        code = question_id.partition(":")[2]
        return any(d.code == code for d in profile.diagnoses)
    if vocab == "drug_ever":
        code = question_id.partition(":")[2]
        return code in profile.never_treated_with or code in profile.ever_treated_with
    if vocab == "score":
        code = question_id.partition(":")[2]
        return any(s.name == code for s in profile.scores)
    fact = registry.get_fact(question_id)
    if fact is not None and fact.section in ANSWER_SECTIONS:
        return question_id in getattr(profile, fact.section)
    raise KeyError(f"unknown question {question_id!r}")


def clear_answer(data: dict[str, Any], question_id: str) -> None:
    """Remove the question's answer from a profile's JSON form (in place)."""
    confirm = parse_confirm_id(question_id)
    if confirm:
        trial_id, key = confirm
        data.get("confirmations", {}).get(trial_id, {}).pop(key, None)
        return
    if question_id in ("date_of_birth", "sex", "weight_kg", "assessment_date", "joint_assessment"):
        data.pop(question_id, None)
    elif question_id == "joints":
        data.pop("joint_assessment", None)
    elif question_id == "diagnoses":  # the table's rows; yes/no answers about one condition stay
        kept = [d for d in data.get("diagnoses", []) if d.get("source") == QUESTION_SOURCE]
        data.pop("diagnoses", None)
        data.pop("diagnoses_complete", None)
        if kept:
            data["diagnoses"] = kept
    elif question_id in ("treatments", "allergies"):
        data.pop(question_id, None)
        data.pop(f"{question_id}_complete", None)
    elif procedure_answers.owns(question_id):
        procedure_answers.clear(data, question_id)
    elif current_answers.owns(question_id):
        current_answers.clear(data, question_id)
    elif question_id.startswith(LAB_PREFIX):
        lab = question_id[len(LAB_PREFIX):]
        rows = _lab_rows(data, lab)
        data["labs"] = [row for row in data.get("labs", []) if row not in rows]
    elif (vocab := _vocab_kind(question_id)) is not None:
        code = question_id.partition(":")[2]
        if vocab == "condition":  # only the yes/no row this question wrote, never a charted diagnosis
            data["diagnoses"] = [d for d in data.get("diagnoses", [])
                                 if not (d.get("code") == code and d.get("source") == QUESTION_SOURCE)]
        elif vocab == "drug_ever":
            for key in ("never_treated_with", "ever_treated_with"):
                data[key] = [x for x in data.get(key, []) if x != code]
        else:
            data["scores"] = [s for s in data.get("scores", []) if s.get("name") != code]
    else:
        fact = registry.get_fact(question_id)
        if fact is None or fact.section not in ANSWER_SECTIONS:
            raise KeyError(f"unknown question {question_id!r}")
        data.get(fact.section, {}).pop(question_id, None)


QUESTION_SOURCE = "question"  # a diagnosis row written by a yes/no question about one condition


def _vocab_kind(question_id: str) -> str | None:
    """``condition`` / ``drug_ever`` / ``score`` for a vocabulary question, else None."""
    kind, sep, code = question_id.partition(":")
    if sep and code and kind in ("condition", "drug_ever", "score") and registry.get_fact(question_id):
        return kind
    return None


def _canonical_unit(lab: str) -> str | None:
    if lab in registry.LABS:
        return registry.LABS[lab]["unit"]
    from core.vocab import labs

    try:
        return labs.get(lab).canonical_unit
    except KeyError:
        return None


def set_answer(data: dict[str, Any], question_id: str, kind: str, value: Any) -> None:
    """Write a (non-unknown) answer into a profile's JSON form, replacing the previous one."""
    confirm = parse_confirm_id(question_id)
    if confirm:
        trial_id, key = confirm
        data.setdefault("confirmations", {}).setdefault(trial_id, {})[key] = (
            "yes" if yes_no(value, question_id) else "no")
        return
    clear_answer(data, question_id)
    if question_id in ("date_of_birth", "assessment_date"):
        data[question_id] = date_text(value, question_id)
    elif question_id == "weight_kg":
        data[question_id] = number_value(value, question_id)
    elif question_id == "sex":
        data["sex"] = value.strip().lower() if isinstance(value, str) else value
    elif question_id in ("diagnoses", "treatments"):
        rows, complete = table_rows(value, question_id)
        if question_id == "treatments":
            rows = [course_row(r, i) for i, r in enumerate(rows)]
        else:
            rows = [r for r in rows if not (isinstance(r, dict) and r.get("source") == QUESTION_SOURCE)]
        rows = data.get(question_id, []) + rows  # (diagnoses: yes/no answers kept by clear_answer)
        if rows:
            data[question_id] = rows
        if complete:
            data[f"{question_id}_complete"] = True
    elif question_id == "allergies":
        rows, complete = allergy_rows(value)
        if rows:
            data["allergies"] = rows
        if complete:
            data["allergies_complete"] = True
    elif procedure_answers.owns(question_id):
        yes = None if question_id == procedure_answers.TABLE else yes_no(value, question_id)
        try:
            procedure_answers.set_answer(data, question_id, value, yes)
        except ValueError as exc:
            raise AnswerError(getattr(exc, "field", question_id), str(exc)) from None
    elif current_answers.owns(question_id):
        current_answers.set_answer(data, question_id, yes_no(value, question_id))
    elif question_id == "joints":
        if not isinstance(value, dict):
            raise AnswerError("joint_assessment", "must give the joint counts and global assessments.")
        data["joint_assessment"] = jsonable(value)
    elif (vocab := _vocab_kind(question_id)) is not None:
        code = question_id.partition(":")[2]
        if vocab == "condition":
            row = {"code": code, "source": QUESTION_SOURCE}
            if not yes_no(value, question_id):
                row["status"] = "absent"
            data.setdefault("diagnoses", []).append(row)
        elif vocab == "drug_ever":
            key = "ever_treated_with" if yes_no(value, question_id) else "never_treated_with"
            data.setdefault(key, []).append(code)
        else:
            score = number_value(value, f"scores.{code}")
            fact = registry.get_fact(question_id)
            if fact is not None and (problem := value_problem(fact, score)):
                raise AnswerError(f"scores.{code}", problem)
            data.setdefault("scores", []).append({"name": code, "value": score})
    elif question_id.startswith(LAB_PREFIX):
        lab = question_id[len(LAB_PREFIX):]
        row = dict(jsonable(value)) if isinstance(value, dict) else {"value": value}
        row = {k: v for k, v in row.items() if not is_unknown_value(v)}
        if not any(k in row for k in ("value", "x_uln", "result", "titre")):
            raise AnswerError(f"{question_id}.value", _("the result value is needed (or a multiple of the ULN, "
                                                        "or positive / negative / normal; else answer unknown)."))
        if "value" in row:
            row["value"] = number_value(row["value"], f"{question_id}.value")
        else:
            row.pop("unit", None)
        for limit in ("uln", "lln", "x_uln"):
            if row.get(limit) is not None:
                row[limit] = number_value(row[limit], f"{question_id}.{limit}")
        if "value" in row:
            row.setdefault("unit", _canonical_unit(lab))
        data.setdefault("labs", []).append({"name": lab, **row})
    else:
        fact = registry.get_fact(question_id)
        if fact is None or fact.section not in ANSWER_SECTIONS:
            raise KeyError(f"unknown question {question_id!r}")
        if fact.type == "bool":
            value = yes_no(value, f"{fact.section}.{fact.id}")
        elif fact.type == "number":
            value = number_value(value, f"{fact.section}.{fact.id}")
        problem = value_problem(fact, value)
        if problem:
            raise AnswerError(f"{fact.section}.{fact.id}", problem)
        data.setdefault(fact.section, {})[question_id] = value


def profile_with(profile: PatientProfile, edit, today: date | None) -> PatientProfile:
    """A new profile: ``edit(data)`` applied to the JSON form, read back and checked.

    Raises ``AnswerError`` for a malformed value or any impossible value in the result.
    """
    data = copy.deepcopy(profile_to_dict(profile))
    edit(data)
    try:
        new = profile_from_dict(data, strict=False)
    except ProfileError as exc:
        raise AnswerError(exc.field, str(exc)) from None
    problems = profile_problems(new, today=today)
    if problems:
        field, message = problems[0]
        raise AnswerError(field, message, problems)
    return new


def answer_value(profile: PatientProfile, question_id: str) -> Any:
    """The profile's current answer to a question, in the form ``set_answer`` takes (None: none)."""
    data = profile_to_dict(profile)
    confirm = parse_confirm_id(question_id)
    if confirm:
        trial_id, key = confirm
        return data.get("confirmations", {}).get(trial_id, {}).get(key)
    if question_id in ("date_of_birth", "sex", "weight_kg", "assessment_date"):
        return data.get(question_id)
    if question_id in ("diagnoses", "treatments", "allergies"):
        if not is_answered(profile, question_id):
            return None
        rows = [r for r in data.get(question_id, []) if r.get("source") != QUESTION_SOURCE]
        return {question_id: rows, "complete": bool(data.get(f"{question_id}_complete"))}
    if question_id == "joints":
        return data.get("joint_assessment")
    if procedure_answers.owns(question_id):
        return procedure_answers.answer_value(data, question_id)
    if current_answers.owns(question_id):
        return current_answers.answer_value(data, question_id)
    if question_id.startswith(LAB_PREFIX):
        rows = _lab_rows(data, question_id[len(LAB_PREFIX):])
        if not rows:
            return None
        latest = max(rows, key=lambda r: r.get("date") or "")
        return {k: v for k, v in latest.items() if k != "name"}
    vocab = _vocab_kind(question_id)
    if vocab is not None:
        code = question_id.partition(":")[2]
        if vocab == "condition":
            rows = [d for d in data.get("diagnoses", []) if d.get("code") == code]
            return None if not rows else any(d.get("status", "present") == "present" for d in rows)
        if vocab == "drug_ever":
            if code in data.get("ever_treated_with", []):
                return True
            return False if code in data.get("never_treated_with", []) else None
        rows = [s for s in data.get("scores", []) if s.get("name") == code]
        return rows[-1]["value"] if rows else None
    fact = registry.get_fact(question_id)
    if fact is None or fact.section not in ANSWER_SECTIONS:
        raise KeyError(f"unknown question {question_id!r}")
    return data.get(fact.section, {}).get(question_id)
