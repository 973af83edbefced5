"""What every statement reader returns (``_Atom``), and the subject/modal words stripped before
reading ("Patients must have ...")."""

from __future__ import annotations

from dataclasses import dataclass

from core.criteria.extract import rx as re

# ---------------------------------------------------------------------------------------
# atoms: each reads one statement, all of it, or returns None


@dataclass
class _Atom:
    rule: dict
    name: str
    cond_only: bool = False  # a condition (present/absent), never a positive inclusion requirement
    req_only: bool = False  # a requirement, never an exclusion condition
    confidence: float = 0.9
    neutral: bool = False  # "male or female": no restriction, dropped from lists
    words: str = ""  # the words it was read from


_SUBJECT = (r"(?:(?:adult|male|female|pediatric|paediatric)\s+)?(?:patients?|subjects?|participants?|individuals?"
            r"|persons?|people|adults|women|men|females|males|candidates)")
_MODAL = (r"(?:(?:must|should|will|shall)\s+(?:be\s+|have\s+(?:had\s+)?)?|(?:are|is)\s+required\s+to\s+|require"
          r"d\s+to\s+"
          r"|(?:who\s+)?(?:are|is|has|have|had)\s+)")


def _strip_subject(t: str) -> str:
    t = re.sub(rf"^(?:all\s+)?{_SUBJECT}\s+(?:{_MODAL})?", "", t)
    t = re.sub(rf"^{_MODAL}", "", t)
    t = re.sub(r"^(?:presence of|evidence of|current(?:ly)?|known|documented|diagnosis of|a diagnosis of)\s+", "", t)
    return t.strip()


# --- age --------------------------------------------------------------------------------

_OPS = r"(>=|<=|>|<)"



def _num(x: float) -> int | float:
    x = round(x, 4)
    return int(x) if float(x).is_integer() else x

