"""Statement reader for a treatment the patient needs: "have an underlying disease requiring systemic
corticosteroids (excluding topical), antipyretics/analgesics, or immunosuppressive agents", "requiring
chronic anticoagulation", "no patients requiring daily oral corticosteroid therapy", "must not require
chronic anticoagulant therapy".

The rule is current use, ``drug_current:<id>`` (docs/rules.md), and, unlike "currently taking X" in an
exclusion, it is no ``stop_medication`` step: a drug the patient's illness requires is not one the study
team can stop before enrolment. A dose, a reason or any other word after the drugs means no rule
("requirement for steroids at greater than physiological doses", "requiring antibiotics for an infection"), and
so does a class holding topical or inhaled forms ("requirement for steroids": no step softens a wrong yes).
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.drug_names import drug_ids
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _any, _yes
from core.vocab import drugs

_NEED = re.compile(
    r"^(?:(?:patients?|subjects?|participants?)\s+(?:who\s+)?)?"
    r"(?:(?:(?:have|has|having|with)\s+)?(?:an?\s+|any\s+)?(?:(?:underlying|concomitant|concurrent|medical|chronic)\s+)*"
    r"(?:disease|condition|illness|disorder)s?\s+(?:that\s+|which\s+)?(?:requir(?:es|ing|e)|needs?|needing)"
    r"|(?:currently\s+)?(?:requir(?:es|ing|e)|needs?|needing)"
    r"|(?:any\s+)?(?:requirement|need)\s+for)\s+")
_HOW = re.compile(r"^(?:(?:chronic|long-term|long term|daily|regular|ongoing|continuous|continued|maintenance"
                  r"|concomitant|concurrent|current)\s+)*(?:(?:treatment|therapy)\s+with\s+|(?:use|administration)"
                  r"\s+of\s+)?(?:(?:chronic|long-term|daily|regular|ongoing|continuous|maintenance)\s+)*")


def _drug_need(s: str, mode: str) -> _Atom | None:
    """Needing a drug or class now: ``drug_current`` for any of them, never a step."""
    t = _drop_acronyms(s.strip())
    m = _NEED.match(t)
    if m is None:
        return None
    body = t[m.end():]
    body = body[_HOW.match(body).end():]
    if re.search(r"\b(?:dose|doses|mg|for|during|within|since|prior|previous|after|before|unless|more than|at least"
                 r"|stable|failed|topical\w*)\b|[<>]|\d", _strip_brackets(body)):
        return None
    read = drug_ids(body)
    if read is None:
        return None
    ids, _names = read
    if any(drugs.is_a("local_corticosteroid", i) for i in ids):
        return None  # "requirement for steroids": a topical or inhaled one would count, and this is no step
    return _Atom(_any(*[_yes(f"drug_current:{i}") for i in ids]), "drug_need", confidence=0.85, words=s)


def _strip_brackets(t: str) -> str:
    """The words outside brackets ("(excluding topical)" is read by ``drug_names``)."""
    return re.sub(r"\([^()]*\)", " ", t)
