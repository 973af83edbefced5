"""Tails that only restate that the people named are excluded: "… will not be considered for inclusion into the
trial", "… are not eligible for this study", "… will not be included in the study" (h-cond8),
"… may not be entered", "… will not be eligible to participate" (h-people9).

``normalise._EXCLUDED_SUFFIX`` reads the plainest ones ("… are excluded", "… are not eligible", "… will be excluded
from the study"); these longer ones say no more. They are written as " are excluded" before the statement is read,
so an exclusion reads its subject and an inclusion the negation of it, as the plain tail does (``propose``). The
refused word "consider" (``normalise._REFUSE``: "considered eligible at the investigator's discretion") is dropped
only inside the closed tail "will not be considered for inclusion / entry / enrolment / participation".

Not rewritten: a tail with a condition of its own ("are not eligible for the tetanus vaccine component"), a scope
("… excluded from receiving KLH", "not eligible for the epidemiologic study"), and a tail that is not at the end.
"""

from __future__ import annotations

from core.criteria.extract import rx as re

_STUDY = r"(?:the|this)\s+(?:study|trial|protocol|research(?:\s+study)?|clinical\s+trial)"
_TAIL = re.compile(
    r"\s*,?\s*(?:"
    rf"(?:will|shall|would|should)\s+not\s+be\s+considered\s+(?:for|as\s+candidates\s+for)\s+(?:inclusion|entry"
    rf"|enrol+ment|participation)(?:\s+(?:in|into|on)\s+{_STUDY})?"
    rf"|(?:will|shall|should)\s+not\s+be\s+(?:included|enrol+ed|entered|accepted)(?:\s+(?:in|into|on)\s+{_STUDY})?"
    rf"|(?:are|is|will\s+be)\s+not\s+eligible\s+(?:for|to\s+(?:participate|take\s+part|enrol+)\s+in)\s+{_STUDY}"
    rf"|(?:are|is|will\s+be)\s+excluded\s+from\s+(?:participation\s+in\s+|entry\s+(?:in|into)\s+)?{_STUDY}"
    # "Pregnant or lactating women may not be entered", "Pregnant women will not be eligible to participate" (h-people9)
    rf"|(?:may|can|could)\s+not\s+(?:be\s+(?:entered|enrol+ed|included)|participate|take\s+part)"
    rf"(?:\s+(?:in|into|on)\s+{_STUDY})?"
    rf"|(?:will|shall|would)\s+not\s+be\s+eligible\s+to\s+(?:participate|take\s+part|enrol+)(?:\s+in\s+{_STUDY})?"
    r")\s*$")


def restate(text: str) -> str:
    """``text`` with a tail that only says "excluded" written " are excluded" (unchanged when there is none)."""
    m = _TAIL.search(text)
    if m is None or m.start() == 0:
        return text
    return f"{text[:m.start()]} are excluded"
