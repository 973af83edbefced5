"""A procedure received now: "No concurrent radiotherapy", "currently receiving dialysis", "on haemodialysis",
"ongoing transfusion" -> ``procedure_current:<id>`` (``core/patient/procedure_facts.py``).

Read only for procedures given as a course that goes on (radiotherapy, dialysis, apheresis, transfusions,
phototherapy, mechanical ventilation …), never for an operation ("concurrent surgery" is one planned during the
study). Whether the patient can be taken off it before enrolment is the procedure's:

* a course of radiotherapy or phototherapy ends, and the study team arranges the timing: an exclusion's "now"
  is a step before enrolment (as "no concurrent chemotherapy" is a ``stop_medication`` step), kind ``other``,
  "Complete radiotherapy before entry";
* dialysis, mechanical ventilation, ECMO, transfusions, apheresis, ECT/TMS: the illness needs them (chronic
  dialysis does not stop for a trial; a patient on a ventilator or transfusion-dependent stays so), so no step.

What the procedures reader refuses is refused here too ("no concurrent palliative radiotherapy", "except to a
symptomatic bone lesion", "to the target lesion", "allowed"): no rule. "prior or concurrent" is left to the
other readers (it is not "now" alone). The lead "requiring" is read only for what the illness needs
("requiring dialysis", "requiring mechanical ventilation"): "requiring radiotherapy" may be a plan.
"""

from __future__ import annotations

from collections.abc import Callable

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _SUBJECT, _Atom
from core.criteria.extract.rule import _any, _step, _yes

# procedures given as a course that goes on (their groups; anything below them too)
COURSES = ("radiotherapy", "apheresis", "blood_transfusion", "dialysis", "phototherapy", "electroconvulsive_therapy",
           "transcranial_magnetic_stimulation", "mechanical_ventilation", "ecmo")
# courses the study team can wait out before enrolment (see the module docstring)
MODIFIABLE = ("radiotherapy", "phototherapy")
# what the illness needs: "requiring X" means receiving it now
_NEEDED = ("dialysis", "mechanical_ventilation", "ecmo")

_NOW = re.compile(
    r"^(?:(?:any\s+)?other\s+)?(?:(?:concurrent|concomitant|ongoing|current(?:ly)?)\s+)+"
    r"(?:(?:receiving|undergoing|on|use\s+of|treatment\s+with|therapy\s+with)\s+)?"
    r"|^(?:(?:are|is)\s+)?(?:current(?:ly)?\s+|actively\s+)?(?:receiving|undergoing|on|receive|undergo)\s+"
    r"(?:(?:treatment|therapy)\s+with\s+)?")
_NEED = re.compile(r"^(?:(?:are|is)\s+)?(?:current(?:ly)?\s+)?(?:requiring|requires?|in\s+need\s+of|dependent\s+on)\s+")
_SUBJECT_LEAD = re.compile(rf"^(?:all\s+)?{_SUBJECT}\s+(?:who\s+)?")
# "during the study", "at the time of study entry": the study only says how long, or when
_TAIL = re.compile(r"\s+(?:during|throughout)\s+(?:the\s+)?(?:study|trial)(?:\s+(?:period|participation))?$"
                   r"|\s+at\s+(?:the\s+)?(?:time\s+of\s+)?(?:study\s+)?(?:entry|enrol(?:l)?ment|screening|baseline"
                   r"|randomi[sz]ation)$")


def _is_course(pid: str, groups: tuple[str, ...]) -> bool:
    from core.vocab import procedures

    return any(g in procedures.index() and procedures.is_a(pid, g) for g in groups)


def read_current(s: str, mode: str, ids_of: Callable[[str], list[str] | None],
                 names_of: Callable[[list[str]], str]) -> _Atom | None:
    """``procedure_current`` for a statement of a course received now (see the module docstring), or None.
    ``ids_of`` / ``names_of``: the procedures reader's list reader and names (``procedures._ids``, ``_names``)."""
    subject = _SUBJECT_LEAD.match(s.strip())
    t = _SUBJECT_LEAD.sub("", s.strip().rstrip(" .;"))
    t = _TAIL.sub("", t)
    lead = _NOW.match(t)
    if lead and not subject and re.match(r"(?:receive|undergo)\b", t):
        return None  # "… fit to receive G-CSF and undergo apheresis": an infinitive, a plan; "who undergo" is now
    need = None if lead else _NEED.match(t)
    if not lead and not need:
        return None
    ids = ids_of(t[(lead or need).end():])
    if not ids or not all(_is_course(i, COURSES) for i in ids):
        return None
    if need and not all(_is_course(i, _NEEDED) for i in ids):
        return None  # "requiring radiotherapy": a plan, or now?
    rule = _any(*[_yes(f"procedure_current:{i}") for i in ids])
    if mode == "cond" and all(_is_course(i, MODIFIABLE) for i in ids):
        rule = _step("other", f"Complete {names_of(ids)} before entry", rule)
    return _Atom(rule, "procedure_current", confidence=0.85)
