"""A disease-activity level stated before the score that defines it: "Inactive disease SLEDAI score no greater than
4", "active disease defined as SLEDAI-2K >= 6", "severe disease activity (SLEDAI > 12)", "moderate disease activity
(DAS28-CRP 3.2-5.1)". The words before the score only name what the threshold means, so the statement is the
score's own ("SLEDAI <= 4").

Precision first: the lead must name the disease generically ("disease", "disease activity", "lupus activity"; a
named condition with a score, "severe AIDS dementia defined by MMSE < 23", is two facts and is not dropped), the
rest must be read in full as one instrument of the score vocabulary (``values._score``), and the level must agree
with the direction of the threshold ("active" with ">=", "inactive" with "<="): "active disease SLEDAI < 4" is
left unread. "defined as" is otherwise a refused phrase (``normalise._REFUSE``); it is dropped only here.
"""

from __future__ import annotations

from core.criteria.extract import rx as re

# the levels that need a threshold from below, from above, or either (a band)
_HIGH = r"active|severe|high|moderate(?:ly)?[- ]to[- ]severe(?:ly)?(?: active)?|moderately active|moderate to high"
_LOW = r"inactive|quiescent|low|mild|mild[- ]to[- ]moderate|minimal|remission"
_BAND = r"moderate|moderately active"
_NOUN = (r"(?:(?:systemic )?(?:lupus|sle|vasculitis|vasculitic)\s+)?(?:disease(?: activity)?|activity)"
         r"|(?:lupus|sle|vasculitis) disease activity")
_LEAD = re.compile(
    rf"^(?:evidence of |with |having |has |have )?(?:clinically )?(?P<level>{_HIGH}|{_LOW}|{_BAND})\s+"
    rf"(?:{_NOUN})"
    r"(?:\s*,?\s*(?:as |that is )?(?:defined|measured|assessed|determined|indicated|documented|evidenced)"
    r"\s+(?:as|by)(?: an?| the)?(?: score of)?\s+(?P<def>.+)"
    r"|\s*\((?P<brk>[^()]*(?:\([^()]*\)[^()]*)*)\)"
    r"|\s*[:,]?\s+(?P<bare>.+))$")
_SCORE_FACT = re.compile(r"^(?:score:|das28_)")


def drop_lead(t: str) -> str:
    """The score statement of a normalised text that is only a level word, the disease and the score defining it
    ("inactive disease sledai <= 4" -> "sledai <= 4"), or ``t`` unchanged."""
    from core.criteria.extract.values import _score  # values imports the score readers; read lazily

    m = _LEAD.match(t)
    if not m:
        return t
    body = (m.group("def") or m.group("brk") or m.group("bare")).strip()
    atom = _score(body, "req")
    if atom is None:
        return t
    ops = _ops(atom.rule)
    if ops is None:
        return t
    level = m.group("level")
    if re.fullmatch(_BAND, level):
        want = None  # "moderate disease activity (DAS28 3.2-5.1)": a band or one bound
    elif re.fullmatch(_HIGH, level):
        want = {">", ">="}
    else:
        want = {"<", "<="}
    if want is not None and not ops <= want:
        return t
    return body


def _ops(rule: dict) -> set[str] | None:
    """The comparators of a score rule (one comparison, or an ``all`` of comparisons on one score fact)."""
    parts = rule.get("all", [rule])
    if not parts or any(not isinstance(p.get("fact"), str) or not _SCORE_FACT.match(p["fact"]) for p in parts):
        return None
    if len({p["fact"] for p in parts}) != 1:
        return None
    return {p["op"] for p in parts}


# --- psoriasis with its extent -----------------------------------------------------------------------------------

_BSA = r"(?:bsa|body surface area)(?: \((?:bsa|body surface area)\))?"
_PSORIASIS = re.compile(
    r"^(?P<active>active |current )?(?P<plaque>(?:chronic )?plaque[- ](?:type )?|chronic )?psoriasis(?: vulgaris)?"
    r"(?: (?:involving|affecting|covering|with|of))?\s*(?P<op>>=|>)\s*(?P<n>\d+(?:\.\d+)?)\s*%\s*(?:of (?:the )?)?"
    rf"{_BSA}(?: (?:involvement|involved|affected))?$"
    r"|^(?P<op2>>=|>)\s*(?P<n2>\d+(?:\.\d+)?)\s*%\s*(?:of (?:the )?)?(?:bsa|body surface area) (?:covered|affected)"
    r" (?:by|with) psoria(?:sis|tic (?:lesions|plaques))$")


def _psoriasis_extent(s: str, mode: str):
    """"Active plaque psoriasis at least 10 percent BSA (body surface area)" -> plaque psoriasis now and %BSA >= 10;
    "more than 10 percent of body surface area covered by psoriatic lesions" -> psoriasis now and %BSA > 10. The
    extent is measured now, so the psoriasis is the present one (``condition_current``); the type named is kept (a
    guttate psoriasis does not meet "plaque psoriasis"). Only psoriasis: "10% BSA (per EASI)" is eczema's extent."""
    from core.criteria.extract.atom import _Atom, _num
    from core.criteria.extract.rule import _all, _f

    m = _PSORIASIS.match(re.sub(r"^(?:patients|subjects|participants) (?:who have|with) ", "", s))
    if not m:
        return None
    op, n = (m.group("op"), m.group("n")) if m.group("op") else (m.group("op2"), m.group("n2"))
    value = float(n)
    if not 0 < value < 100:
        return None
    condition = "plaque_psoriasis" if m.group("plaque") and "plaque" in m.group("plaque") else "psoriasis"
    rule = _all(_f(f"condition_current:{condition}", "=", True), _f("score:bsa_psoriasis", op, _num(value)))
    return _Atom(rule, "psoriasis_extent", confidence=0.85)
