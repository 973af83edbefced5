"""Statement reader for a washout that also asks for recovery: "At least 4 weeks since prior chemotherapy and
recovered", "at least 2 weeks since prior radiotherapy and recovered", "at least 4 weeks since prior chemotherapy
(6 weeks for nitrosoureas) and recovered from all toxic effects" (inclusions; the PDQ records' most frequent
washout).

The washout is read by its own readers (``treatments._since_last_dose``, ``washout_exceptions``, ``procedures``)
and keeps its step; no fact records recovery from a treatment's toxicity, so the recovery words are asked of the
clinician as they are written ("Is this part of the criterion met: “recovered”?"), beside the washout: both are
required. Only the recovery words listed here, at the very end of the statement: anything after them ("and
recovered (patients with multiple tumors may be admitted earlier)", "and recovered no concurrent chemotherapy"),
or a washout read another way, gives no rule.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.procedures import _procedure
from core.criteria.extract.rule import _all, _confirm
from core.criteria.extract.treatments import _since_last_dose
from core.criteria.extract.washout_exceptions import _washout_exception

_RECOVERED = re.compile(
    r"\s+(?:and|with)\s+((?:(?:have|has)\s+)?(?:fully\s+)?recovered(?:\s+from\s+(?:all\s+|any\s+)?(?:the\s+)?"
    r"(?:acute\s+)?(?:toxic\s+effects|toxicit(?:y|ies)|side\s+effects|adverse\s+(?:events|effects)"
    r"|treatment[- ]related\s+toxicit(?:y|ies))(?:\s+(?:of|from)\s+(?:it|that\s+therapy|this\s+therapy"
    r"|the\s+therapy|the\s+treatment))?)?)$")
# the washouts the recovery may follow: the time since a drug or a procedure, required (an inclusion)
_WASHOUTS = ("drug_since", "procedure_since")


def _and_recovered(s: str, mode: str) -> _Atom | None:
    """A washout read by its own reader, and the recovery words as a question."""
    if mode != "req":
        return None
    t = s.strip()
    m = _RECOVERED.search(t)
    if m is None:
        return None
    rest = t[: m.start()].strip()
    if re.search(r"\brecover", rest):
        return None
    atom = _washout_exception(rest, mode) or _since_last_dose(rest, mode) or _procedure(rest, mode)
    if atom is None or atom.name not in _WASHOUTS:
        return None
    ask = _confirm(f"Is this part of the criterion met: \u201c{m.group(1)}\u201d? (Criterion: \u201c{{TEXT}}\u201d)",
                   "recovered")
    return _Atom(_all(atom.rule, ask), atom.name, req_only=True, confidence=0.75, words=s)
