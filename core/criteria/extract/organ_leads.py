"""An organ's failing function named before the lab thresholds that define it: "Impaired renal function as defined
by serum creatinine > 1.5 mg/dL or creatinine clearance < 30 ml/min", "No patients with impaired hepatic function
(total bilirubin greater than 1.4)", "Liver function impairment (total bilirubin > 2.0 mg/dl; AST or ALT > 3 x ULN)",
"Granulocytopenia (absolute neutrophil count less than 1,000/mm3)", "Uncontrolled hypertension (defined as diastolic
greater than 100 mm Hg)". The words before the thresholds only name what
they measure, so the statement is its definition (a negation or subject before them is kept: "no " + definition).

Precision first (issue 16): the definition must be read in full as lab comparisons (no ``confirm`` part) on the
organ's own analytes only, or its own score ("severe hepatic dysfunction (Child-Pugh class C)"; "hepatic impairment
(creatinine > 2)" is left unread), each threshold on the abnormal side
(a high creatinine, a low clearance or platelet count: "renal failure (creatinine < 1.5)" is left unread), joined by
"or" (any of them), or by "and" only when written so. A severity word ("severe", "moderate") is part of the name the
definition defines; a window or a history ("history of renal failure (…)") is not a definition and stays unread.
"Adequate / normal X function (…)", the requirement, is read by ``normalise._definition``.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.logic import _read_body

_ORGANS: dict[str, frozenset[str]] = {
    "renal": frozenset({"creatinine", "creatinine_clearance", "egfr", "proteinuria_24h", "urea", "bun"}),
    "hepatic": frozenset({"ast", "alt", "bilirubin", "alp", "ggt", "albumin", "inr", "prothrombin_time", "child_pugh",
                          "meld"}),
    "marrow": frozenset({"wbc", "neutrophils", "platelets", "hemoglobin", "lymphocytes"}),
}
_ORGAN_WORDS = {"renal": "renal|kidney", "hepatic": "hepatic|liver",
                "marrow": r"(?:bone )?marrow|h(?:a)?ematologic(?:al)?|h(?:a)?ematopoietic"}
# states named by what they lack or exceed, with the side that is abnormal (None: each analyte's own, below)
_NAMED: dict[str, tuple[frozenset[str], str | None]] = {
    "granulocytopenia": (frozenset({"neutrophils"}), None), "agranulocytosis": (frozenset({"neutrophils"}), None),
    "neutropenia": (frozenset({"neutrophils"}), None), "thrombocytopenia": (frozenset({"platelets"}), None),
    "leu[ck]openia": (frozenset({"wbc"}), None), "lymphopenia": (frozenset({"lymphocytes"}), None),
    "an(?:a)?emia": (frozenset({"hemoglobin"}), None), "cytopenias?": (_ORGANS["marrow"], None),
    r"(?:(?:uncontrolled|poorly controlled|inadequately controlled)\s+)?hypertension":
        (frozenset({"systolic_bp", "diastolic_bp"}), "high"),
    "hypotension": (frozenset({"systolic_bp", "diastolic_bp"}), "low"),
}
# analytes whose abnormal side is low (every other one read here is abnormal when high)
_LOW_ABNORMAL = frozenset({"creatinine_clearance", "egfr", "albumin", "wbc", "neutrophils", "platelets", "hemoglobin",
                           "lymphocytes"})

_SEVERITY = r"(?:(?:moderate(?:ly)?(?: (?:to|or) |-to-)severe(?:ly)?|severe(?:ly)?|moderate(?:ly)?|marked(?:ly)?)\s+)?"
_FAILING = r"(?:impaired|abnormal|poor|decreased|reduced|compromised)"
_STATE = r"(?:impairment|insufficiency|dysfunction|failure|disease|toxicity)"
_PRE = (r"(?P<pre>(?:(?:no|not|without)\s+|(?:patients?|subjects?|participants?)\s+(?:with|who have|having)\s+"
        r"|(?:(?:patients?|subjects?|participants?)\s+)?(?:must|should|do|does|may) not have\s+"
        r"|(?:have|has|with)\s+(?:an?\s+)?|presence of\s+"
        r"|(?:laboratory\s+)?evidence of\s+|known\s+|current\s+|pre-?existing\s+)*)")
_DEF = (r"(?:\s*\((?:(?:defined as|as defined by|i\.\s?e\.?),?\s+)?(?P<brk>[^()]*(?:\([^()]*\)[^()]*)*)\)"
        r"|\s*,?\s*(?:as\s+)?(?:defined|evidenced|indicated|manifested|demonstrated|documented|shown)\s+(?:as|by)"
        r"(?:\s+(?:an?|the))?\s+(?P<def>.+)"
        r"|\s*,?\s*\(?i\.\s?e\.?,?\s*(?P<ie>[^()]+)\)?)$")


def _lead(t: str) -> tuple[str, str, frozenset[str], str | None] | None:
    """The words before the name, the definition, the analytes the name allows and its abnormal side; or None."""
    for organ, words in _ORGAN_WORDS.items():
        names = (rf"{_FAILING}\s+(?:{words})\s+function"
                 rf"|(?:{words})(?:\s+function)?\s+{_STATE}")
        m = re.fullmatch(rf"{_PRE}{_SEVERITY}(?:{names}){_DEF}", t)
        if m:
            return m.group("pre"), (m.group("brk") or m.group("def") or m.group("ie")).strip(), _ORGANS[organ], None
    for word, (analytes, side) in _NAMED.items():
        m = re.fullmatch(rf"{_PRE}{_SEVERITY}(?:{word}){_DEF}", t)
        if m:
            return m.group("pre"), (m.group("brk") or m.group("def") or m.group("ie")).strip(), analytes, side
    return None


def drop_lead(t: str, kind: str) -> str:
    """The definition of a normalised text that is a failing organ's name and the lab thresholds defining it
    ("impaired renal function (creatinine > 1.5 mg/dl)" -> "creatinine > 1.5 mg/dl"), with its negation kept; or
    ``t`` unchanged."""
    found = _lead(t)
    if found is None:
        return t
    pre, body, analytes, side = found
    negated = bool(re.search(r"\b(?:no|not|without)\b", pre))
    mode = "cond" if kind == "exclusion" or negated else "req"
    reading = _read_body(body, mode)
    if reading is None or not on_abnormal_side(reading.rule, analytes, body, side):
        return t
    return f"no {body}" if negated else body


def on_abnormal_side(rule: dict, analytes: frozenset[str], body: str, side: str | None = None) -> bool:
    """Whether ``rule`` (a reading of ``body``) compares only ``analytes``, each on the side that is abnormal
    (``side`` "high"/"low" for them all, else each analyte's own): what a condition's bracketed threshold must do to
    define it ("renal failure (creatinine > 2)", never "(creatinine < 1.5)"); used by ``descriptor_sides`` too.
    Parts are joined by "or", or by "and" only when the definition says "and" and nothing else joins it."""
    if "any" in rule:
        return all(on_abnormal_side(r, analytes, body, side) for r in rule["any"])
    if "all" in rule:
        if re.search(r"[;,]|\bor\b", body) and not _one_threshold(rule):
            return False
        return all(on_abnormal_side(r, analytes, body, side) for r in rule["all"])
    fact, op, value = rule.get("fact"), rule.get("op"), rule.get("value")
    if not isinstance(fact, str) or op is None:
        return False
    analyte = re.sub(r"^(?:lab(?:_x_uln|_below_lln)?|score):|_x_uln$|_below_lln$", "", fact)
    if analyte not in analytes:
        return False
    if isinstance(value, bool):  # below the lower limit of normal
        return "below_lln" in fact and op == "=" and value is True
    low = side == "low" if side else analyte in _LOW_ABNORMAL and "x_uln" not in fact
    return op in (("<", "<=") if low else (">", ">="))


def _one_threshold(rule: dict) -> bool:
    """An ``all`` the lab reader made of one threshold over a list ("AST or ALT > 3 x ULN" to include: each)."""
    parts = rule["all"]
    return all("fact" in p for p in parts) and len({(p["op"], p["value"]) for p in parts}) == 1
