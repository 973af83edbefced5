"""What a patient fact is: its id, type, unit and range, the question that asks for it, and how a value
is checked against it (the registry of every fact is ``core.patient.facts``)."""

from __future__ import annotations

from dataclasses import dataclass

FACT_TYPES = ("bool", "number", "date", "enum", "set")
GROUPS = ("demographics", "diagnosis", "treatment", "labs", "findings", "history", "consent")
ANSWER_SECTIONS = ("findings", "history", "consent")


@dataclass(frozen=True)
class Fact:
    """One fact: what it is, how it is asked, and what values it may take."""

    id: str
    type: str
    label: str  # short noun phrase used in sentences: "Age", "AST"
    question: str
    group: str
    help: str = ""
    unit: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    choices: tuple[str, ...] = ()
    derived: bool = False
    section: str = "profile"  # where a raw fact lives in the profile

    def check_value(self, value: object) -> str | None:
        """A plain-words problem with ``value`` for this fact, or None if it is acceptable."""
        if self.type == "bool":
            return None if isinstance(value, bool) else "must be yes or no (true/false)"
        if self.type == "number":
            if isinstance(value, bool) or not isinstance(value, int | float):
                return "must be a number"
            if self.integer and not float(value).is_integer():
                return "must be a whole number"
            unit = f" {self.unit}" if self.unit else ""
            if self.minimum is not None and value < self.minimum:
                return f"must be at least {_num(self.minimum)}{unit}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {_num(self.maximum)}{unit}"
            return None
        if self.type == "enum":
            if value not in self.choices:
                return "must be one of: " + ", ".join(self.choices)
            return None
        if self.type == "set":
            ok = isinstance(value, list | tuple | set | frozenset) and all(isinstance(v, str) for v in value)
            return None if ok else "must be a list of codes"
        if self.type == "date":
            return None if isinstance(value, str) else "must be a date (YYYY-MM-DD)"
        return f"has an unsupported type {self.type!r}"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
