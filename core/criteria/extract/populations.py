"""Sentence lead-ins naming the trial's people by a noun other than "patients" (issue 16, h-lead7).

"Children may be eligible for this study if they:", "Women will not be eligible for this study if they:",
"Volunteers must have:": in a trial whose only such noun is "children", the children are the trial's patients,
and the lead-in is read as "Patients may be eligible for this study if they:" (``leadins``). In a trial that
names two kinds of people in its lead-ins ("Mothers may be eligible …" and "Infants may be eligible …";
"Patients must have:" and "Volunteers must have:") each lead-in is a group of its own and its items stay unread.
Only the sentence shapes below are rewritten; a noun phrase with a condition ("Children with a history of
stroke:", "Healthy children:") is a group and is left to ``leadins`` (which blocks it).
"""

from __future__ import annotations

from collections.abc import Iterable

from core.criteria.extract import rx as re

# the noun, and the kind of people it names (one trial may write "child" and "children")
_NOUNS = {"children": "child", "child": "child", "a child": "child", "women": "woman", "men": "man",
          "infants": "infant", "infant": "infant", "the infant": "infant", "your baby": "infant",
          "adolescents": "adolescent", "your child": "child", "adults": "adult", "volunteers": "volunteer",
          "mothers": "mother", "a patient": "patient"}
# "Patients …" names a kind of people (not volunteers); "Subjects …", "Participants …" name whoever takes part
_PATIENT_NOUNS = r"(?:patients?)"
_NOUN = r"(?:" + "|".join(sorted((re.escape(n) for n in _NOUNS), key=len, reverse=True)) + r")"
# the sentence shapes: "<noun> may (not) be eligible … if they:", "<noun> will be excluded … if they:",
# "<noun> must:", "<noun> must have:", "<noun> with the following prior conditions are excluded:"
_VERB_PART = (r"(?:(?:may|might|can|will|would|are|is)(?: not)? (?:be )?(?:eligible|able to (?:participate|take part"
              r"|enrol?l?))\b.* if (?:they|he|she|he/she|he or she)\b(?: (?:are|have|has|do|does))?"
              r"|(?:cannot|can not|can't|won't)(?: be)? (?:eligible|able to (?:participate|take part|enrol?l?))\b.* if"
              r" (?:they|he|she|he/she|he or she)\b(?: (?:are|have|has))?"
              r"|(?:will be|are|is) (?:excluded|ineligible)\b.* if (?:they|he|she)\b(?: (?:are|have|has))?"
              r"|(?:must|should)(?: (?:have|be|meet))?"
              r"|with the following [\w\s]{0,40}?(?:are|will be) excluded(?: from (?:the |this )?(?:study|trial))?)"
              r"\s*:\s*$")
_SENTENCE = re.compile(rf"^(?P<noun>{_NOUN}) (?P<rest>{_VERB_PART})", re.IGNORECASE)
_PATIENT_SENTENCE = re.compile(rf"^{_PATIENT_NOUNS} {_VERB_PART}", re.IGNORECASE)


def as_patients(text: str) -> tuple[str, str] | None:
    """``(the lead-in with "patients" for its noun, the kind of people)`` for a sentence lead-in naming its
    people by another noun ("Children may be eligible for this study if they:"), else None."""
    t = " ".join(text.strip().split())
    m = _SENTENCE.match(t)
    if m is None:
        return None
    return f"Patients {m.group('rest')}", _NOUNS[m.group("noun").lower()]


def named(texts: Iterable[str]) -> set[str]:
    """The kinds of people a trial's sentence lead-ins name ("patient" for patients; subjects and participants are
    whoever takes part and name no kind)."""
    out = set()
    for text in texts:
        t = " ".join((text or "").strip().split())
        found = as_patients(t)
        if found is not None:
            out.add(found[1])
        elif _PATIENT_SENTENCE.match(t):
            out.add("patient")
    return out
