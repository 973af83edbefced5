"""A condition said to need treatment: "Congestive heart failure requiring therapy", "Pulmonary diseases that require
treatment", "No peptic ulcer disease requiring medication" (issue 16, h-cond9).

"Requiring treatment" says the condition is there now and is treated or needs to be. Whether it needs treatment is
no fact of the profile (a treated condition would need the drug for it, which the vocabulary cannot say in general):
the condition now (``condition_current:<id>``) and a ``confirm`` question for the rest. A patient without the
condition is decided (not excluded); one with it is asked. A judgement or time word beside it ("serious",
"uncontrolled", "history of"), an event ("stroke requiring treatment"), a disease whose activity is graded ("RA
requiring treatment") and the infections the infection readers hold are refused, as ``condition_current`` refuses
them; a named drug ("requiring insulin") or a place of care ("requiring hospitalization") is not read here.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.rule import _all, _any, _confirm, _yes

_NEED = re.compile(
    r"\s*,?\s*(?:(?:that|which|who)\s+(?:requires?|required|needs?|necessitates?)|requiring|needing|in\s+need\s+of)\s+"
    r"(?:(?:current|ongoing|active|continued|continuing)\s+)?"
    r"(?:(?:medical|drug|pharmacologic(?:al)?|systemic)\s+)?"
    r"(?:treatment|therapy|medications?|medical\s+(?:treatment|therapy|management))$")
_LEAD = re.compile(r"^(?:(?:patients?|subjects?|participants?)\s+with\s+)?(?:(?:an?|any)\s+)?"
                   r"(?:(?:current|concurrent|concomitant|co-?existing|intercurrent)\s+)?")


def needing_treatment(t: str, conditions, refused) -> _Atom | None:
    """ "X requiring treatment": X now and the question whether it needs treatment; None for anything else.
    ``conditions`` reads a body of condition names (``condition_current._conditions``), ``refused`` says whether
    a condition id cannot be read as had now (an event, a graded activity)."""
    need = _NEED.search(t)
    if need is None or need.start() == 0:
        return None
    body = t[:need.start()]
    body = body[_LEAD.match(body).end():]
    ids = conditions(body)
    if ids is None or any(refused(i) for i in ids):
        return None
    words = t[:need.start()].strip(" ,")
    noun = need.group(0).split()[-1]
    question = _confirm(f"Does the patient\u2019s condition (\u201c{words}\u201d) require {noun} now?",
                        "needs_treatment")
    return _Atom(_all(_any(*[_yes(f"condition_current:{i}") for i in ids]), question), "condition_needs_treatment",
                 cond_only=True, confidence=0.8)
