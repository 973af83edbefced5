"""The side check of a condition named before its bracketed lab threshold, for ``lab_values``' descriptors
("renal failure (creatinine > 2.0)", "thrombocytopenia (platelets < 100,000)", "hypertension (systolic > 160)";
task h-judge8).

The bracket defines the condition only when each threshold lies on the condition's abnormal side: "renal failure
(creatinine < 1.5)" or "hypertension (systolic < 100)" is a slip or a requirement written into the wrong place, and
reading it literally would exclude the healthy patients. The side is each analyte's own (``organ_leads``: a low count
or clearance, any other value high) unless the descriptor says it (a low IgG or complement, a high blood pressure).
A range ("anemia (hemoglobin between 9 and 11 g/dL)") is the degree the criterion asks for: no side to check.
"""

from __future__ import annotations

from core.criteria.extract import rx as re

# descriptors whose abnormal side is not each analyte's own
_SIDES = {"hypogammaglobulinemia": "low", "hypogammaglobulinaemia": "low", "low complement": "low",
          "hypocomplementemia": "low", "hypocomplementaemia": "low", "hypertension": "high"}


def agrees(s: str, body: str, analytes: tuple[str, ...], rule: dict) -> bool:
    """Whether ``rule``, read from ``body`` (the bracket of statement ``s``), compares ``analytes`` on the abnormal
    side of the descriptor ``s`` names, or is a range."""
    from core.criteria.extract.organ_leads import on_abnormal_side  # organ_leads reads through logic: not at import

    if _bounded(rule):
        return True
    m = re.search(r"(" + "|".join(_SIDES) + r")\s*\(", s.lower())
    return on_abnormal_side(rule, frozenset(analytes), body, _SIDES[m.group(1)] if m else None)


def _bounded(rule: dict) -> bool:
    """A range on one analyte: two comparisons of one fact, one from below and one from above."""
    parts = rule.get("all")
    return (isinstance(parts, list) and len(parts) == 2 and all(isinstance(p, dict) and "fact" in p for p in parts)
            and parts[0]["fact"] == parts[1]["fact"] and {parts[0]["op"][0], parts[1]["op"][0]} == {"<", ">"})
