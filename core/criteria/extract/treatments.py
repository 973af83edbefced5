"""Statement readers for treatments as vocabulary facts: prior, current and recent use of a drug or
class, washouts ("at least 4 weeks since prior chemotherapy"), "naive to X" and a class with an
exception ("any DMARD other than methotrexate").

Rules use ``drug_ever:<id>``, ``drug_current:<id>`` and ``drug_weeks_since:<id>`` (docs/rules.md).
Polarity by what the patient can change: a drug taken within a window, or taken now, in an
exclusion is a washout or a drug to stop — a ``step`` node the study team arranges, never a fixed
exclusion; "at least N weeks since prior X" in an inclusion is the same washout seen from the other
side. Whether a patient ever had a drug ("prior rituximab", "biologic-naive") is fixed.

Time windows are read by one closed grammar (``window``): "within the past 6 months", "in the last 4
weeks prior to randomisation", "within 30 days before the first dose of study drug", "4 weeks prior
to baseline". Anything else after the drug names means no rule.
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.anchors import ANCHOR, RADIATION_START
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.drug_names import drug_ids as _drug_ids
from core.criteria.extract.drug_names import (
    drug_ids_with_unknown,
    except_members,  # noqa: F401 - re-exported (benchmarks, tests)
)
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _f, _part_question, _step, _yes
from core.vocab import drugs

# --- time windows ----------------------------------------------------------------------------

_UNITS = r"(hours?|days?|weeks?|months?|years?)"
_WEEKS = {"hour": 1 / 168, "day": 1 / 7, "week": 1.0, "month": 52 / 12, "year": 52.0}
_BEFORE = r"(?:prior to|before|of|preceding|previous to)"
_WINDOW = re.compile(
    r"(?:(?:within|in|during)\s+(?:the\s+)?(?:(?:last|past|previous|preceding|prior)\s+)?"
    r"|(?:in|during)\s+the\s+(?=\d)"
    r"|<=?\s*(?=\d[^<>]*\s(?:prior to|before|preceding)\s))?"  # "less than 4 weeks before inclusion": its anchor said
    rf"(\d+(?:\.\d+)?)\s*{_UNITS}(?:\s+{_BEFORE}\s+({ANCHOR}))?")
# "within the past month": one unit
_ONE_UNIT = re.compile(r"(?:within|in|during)\s+the\s+(?:last|past|previous|preceding)\s+(day|week|month|year)"
                       rf"(?:\s+{_BEFORE}\s+(?:{ANCHOR}))?")


_PERIOD = re.compile(r"^((?:within|in|during)\s+)(?:the\s+|a\s+)?(\d+(?:\.\d+)?)[- ](hour|day|week|month|year)s?"
                     rf"\s+period\s+(?={_BEFORE}\s)")


def window(text: str) -> tuple[float, str] | None:
    """(weeks, words) of a whole time-window phrase ("within the past 6 months", "4 weeks prior to
    baseline"), or None. A window must say it looks back: "within", or "in/during the last …", or
    a number before an anchor of the list ("30 days prior to randomisation")."""
    t = text.strip()
    # "during the 30 day period prior to study entry": the days before the anchor
    t = _PERIOD.sub(r"\1the \2 \3s ", t)
    one = _ONE_UNIT.fullmatch(t)
    if one:
        return round(_WEEKS[one.group(1)], 4), f"1 {one.group(1)}"
    m = _WINDOW.fullmatch(t)
    if not m:
        return None
    head = t[: m.start(1)].strip()
    looks_back = head.startswith(("within", "<")) or re.search(r"\b(?:last|past|previous|preceding|prior)$", head)
    if not looks_back and not m.group(3):
        return None  # "in 6 months", "6 months": a duration, not a window before the study
    n, unit = float(m.group(1)), m.group(2).rstrip("s")
    return round(n * _WEEKS[unit], 4), f"{m.group(1)} {m.group(2)}"


_TRAILING_WINDOW = re.compile(r"\s+((?:within|in|during)\s+.*|(?:<=?\s*)?\d+(?:\.\d+)?\s*"
                              rf"(?:hours?|days?|weeks?|months?|years?)\s+{_BEFORE}\s+.*)$")


def split_window(t: str) -> tuple[str, tuple[float, str] | None] | None:
    """The text before a trailing window and the window; the text itself when there is none; None
    when a trailing "within …" is not a window the grammar reads."""
    m = _TRAILING_WINDOW.search(t)
    if not m:
        return t, None
    w = window(m.group(1))
    if w is None:
        return None
    return t[: m.start()].strip(), w


# --- prior, current and recent use --------------------------------------------------------------

_DRUG_EVER = re.compile(
    # "previous or current treatment with X": current use is use received, so ever (docs/rules.md)
    r"^(?:(?:any\s+)?(?:(?:previous|prior|past|former)(?:\s+(?:or|and/or)\s+(?:current|concurrent))?|current\s+(?:or|and/or)\s+(?:previous|prior|past|former))\s+"
    r"(?:use|usage|treatment|therapy|exposure|receipt)\s+(?:with|to|of)\s+"
    r"|(?:(?:has|have)\s+)?(?:previously\s+|ever\s+)?(?:been\s+)?(?:received|treated with|exposed to|taken|had|used)\s+"
    # "received prior (treatment with) X"; "have ever received treatment with X", "has received therapy with X"
    r"(?:(?:any\s+)?(?:prior|previous)\s+(?:(?:treatment|therapy)\s+with\s+)?|(?:any\s+)?(?:treatment|therapy)\s+with\s+)?"
    # "last dose of X within 4 weeks": read with its window only (no "prior" word: alone it says nothing)
    r"|(?:the\s+)?(?:last|most\s+recent|final)\s+(?:dose|administration|infusion|injection)\s+(?:of|with)\s+"
    r"|(?:(?:use|usage|treatment|therapy|exposure|receipt|administration)\s+(?:with|to|of)\s+)"
    # "vaccination with a live vaccine within 4 weeks", "immunization with live attenuated vaccines"
    r"|(?:vaccination|immuni[sz]ation)\s+with\s+"
    # "any prior antiretroviral therapy"; "prior or concurrent chemotherapy": what was received, now included
    r"|(?:any\s+)?(?:previous|prior)(?:\s+(?:or|and/or)\s+(?:current|concurrent|concomitant))?\s+"
    # "history of (prior) use of immunosuppressive medications", "history of immunosuppressant therapy"
    r"|(?:a\s+)?(?:(?:prior|previous|past)\s+)?history\s+of\s+(?:(?:prior|previous)\s+)?"
    r"(?:(?:use|usage|treatment|therapy|exposure)\s+(?:with|to|of)\s+)?)")
_DRUG_NOW = re.compile(
    r"^(?!current\s+(?:or|and/or)\s+(?:previous|prior|past|former)\b)"  # "current or prior X": ever, below
    r"(?:(?:current(?:ly)?|concurrent|concomitant|ongoing)\s+(?:medical\s+)?(?:use|usage|treatment|therapy"
    r"|administration|intake)\s+(?:with|of)\s+"
    r"|(?:current(?:ly)?\s+)?(?:receiving|taking|using|on)\s+(?:(?:treatment|therapy)\s+(?:with|of)\s+)?"
    # "currently (being) treated with X": now; "treated with" alone: ever
    r"|(?:(?:current(?:ly)?|being)\s+)+treated\s+with\s+"
    # the verb's base form, left by a negation the caller took off ("Patients must not use topical steroids", "should
    # not take X", "will not receive X"): taking it (the "now" of the sentence)
    r"|(?:use|take|receive)\s+(?!(?:of|with|to|in|for|part|study|the\s+study|trial)\b)"
    r"|(?:current|concurrent|concomitant|ongoing)\s+)")
_USE_END = re.compile(r"\s+(?:administration|use|usage|exposure|injections?|infusions?|therapy|therapies|treatments?)$")
_NOUN_END = re.compile(r"\s+(?:therapy|therapies|treatment|treatments)$")
_DURING = re.compile(r"\s+(?:during|throughout|for\s+the\s+(?:(?:entire|whole)\s+)?duration\s+of)\s+(?:the\s+)?"
                     r"(?:(?:entire|whole)\s+)?(?:(?:this|the)\s+)?(?:study|trial"
                     r"|radiotherapy|radiation(?: therapy)?|study (?:treatment|therapy|period)|protocol (?:treatment"
                     r"|therapy)|course of the study|treatment period"
                     # "during the first course of study therapy", "during first 4 weeks of study": a part of the
                     # study's own treatment, taken after entry like the whole (h-treat9)
                     r"|first (?:course|cycle|\d+ (?:days|weeks|courses|cycles))(?: of (?:the )?(?:study(?: therapy"
                     r"| treatment)?|therapy|treatment|chemotherapy))?)$")
# the use as the patient comes in: "at screening", "at the time of study entry", "at baseline"
_AT_ENTRY = re.compile(r"\s+at\s+(?:the\s+)?(?:time\s+of\s+)?(?:the\s+)?(?:study\s+|trial\s+)?(?:entry|screening"
                       r"|baseline|enrol(?:l)?ment|randomi[sz]ation|registration|start)(?:\s+visit)?"
                       r"(?:\s+(?:into|in|to|of|on)\s+(?:the\s+|this\s+)?(?:study|trial))?(?=\s|$)")
_EVER_WORDS = re.compile(r"\b(?:prior|previous(?:ly)?|past|former|ever|received|taken|had|exposed|exposure|treated"
                         r"|history)\b")
_HISTORY_WORD = re.compile(r"\b(?:history|h/o|ever|previous(?:ly)?|prior|past|(?:has|have) had)\b")
_PAST_WORDS = re.compile(r"\b(?:prior|previous(?:ly)?|past|former|ever|history|had)\b")
# a use written after the drug ("current rituximab use", "previous steroid exposure"); not an injection or an
# infusion, which may be a local form of the drug ("steroid injections")
_USE_NOUN = re.compile(r"\s+(?:use|usage|exposure)$")
_NAMED_RESPONSE = re.compile(r"\bbiologic(?:al)? response modifiers?\b")
_REFUSED = re.compile(r"\b(?:unless|stable|dose|doses|mg|failed|failure|response|intoleran\w*|naive|naïve"
                      r"|discontinued|stopped|more than|at least|topical|inhaled|since|for|after)\b|[<>]")


def _vocab_drug(s: str, mode: str) -> _Atom | None:
    """ "Prior treatment with rituximab", "methotrexate within the past 6 months", "current use of NSAIDs",
    "use of any DMARD other than methotrexate within 4 weeks of baseline"."""
    t = _drop_acronyms(s.strip())
    t = re.sub(r"\blive,\s+attenuated\b", "live attenuated", t)  # "a live, attenuated vaccine": one term
    # "corticosteroid therapy for any indication within 30 days": whatever it was given for, the same use
    t = re.sub(r"\s+for any (?:reason|indication|condition|cause|purpose)\b(?!\s+(?:other|except|but|apart))", "", t)
    if mode == "req" and re.match(r"(?:prior|previous)\s", t):
        # "Prior chemotherapy required"; "concurrent chemotherapy required" may be the study's own: not read
        t = re.sub(r"\s+(?:is\s+)?required$", "", t)
    # "taking X at screening", "treatment with X at the time of study entry": the use as the patient comes in, now
    at_entry = _AT_ENTRY.search(t)
    if at_entry:
        t = (t[: at_entry.start()] + t[at_entry.end():]).strip()
    during = _DURING.search(t)  # "concurrent X during the study": now, the study only says how long
    split = split_window(t[: during.start()] if during else t)
    if split is None or during and split[1] is not None:
        return None
    window_words = split[0] and (t[: during.start()] if during else t)[len(split[0]):].strip()
    t, win = split
    if win is not None:  # "last dose of X within 4 weeks": the window says it all ("dose" is refused below)
        t = re.sub(r"^(?:the\s+)?(?:last|most\s+recent|final)\s+(?:dose|administration|infusion|injection)\s+"
                   r"(?:of|with)\s+", "", t)
    if at_entry and (win is not None or during):
        return None  # "X within 4 weeks at screening": two times
    if _REFUSED.search(_NAMED_RESPONSE.sub(" ", t)):
        return None  # "response" refused, but not inside "biologic response modifiers"
    t = re.sub(r"^(?:the\s+)?(?:patients?|subjects?|participants?)\s+(?:who\s+)?(?:(?:are|is|have|has)\s+)?", "", t)
    # "Are receiving zidovudine", "are on anti-HIV therapy": an item under "Patients will not be eligible if they:"
    t = re.sub(r"^(?:are|is)\s+(?=(?:currently\s+)?(?:receiving|taking|using|on)\s)", "", t)
    # "must be on X", "should be receiving X", "must have received X": the modal says only that it is required
    t = re.sub(r"^(?:must|should|shall|will)\s+(?:(?:be|have)\s+)?(?=(?:currently\s+)?(?:receiving|taking|using|on"
               r"|received|taken|used|been)\s)", "", t)
    # "currently taking or have taken X in the past 4 weeks": taking it now is taking it within the window (and ever)
    t = re.sub(r"^(?:currently\s+)?(?:taking|receiving|using)\s+(?:or|and/or)\s+(?:have|has)\s+(?:previously\s+)?"
               r"(taken|received|used)\s+", r"\1 ", t)
    # "(no) other concurrent investigational agents / chemotherapy": other than the study's own, which the
    # patient does not take before enrolment, as below
    t = re.sub(r"^(?:any\s+)?other\s+(?=(?:concurrent|concomitant)\s)", "", t)
    now = _DRUG_NOW.match(t)
    ever = None if now else _DRUG_EVER.match(t)
    lead = now or ever
    if at_entry:
        if lead is None and not _USE_NOUN.search(t) or ever and _PAST_WORDS.search(t):
            return None  # "prior X at screening", a bare "X at baseline": not a use said to go on
        now, ever = lead or at_entry, None  # "rituximab use at screening": the use noun is the lead
    body = t[lead.end():] if lead else t
    # "prior treatment with any form of cancer immunotherapy", "any type of biologic": the class itself
    body = re.sub(r"^(?:any\s+|all\s+)?(?:forms?|types?|kinds?)\s+of\s+", "", body)
    body = re.sub(r"\s+(?:at any time|ever|previously|in the past)$", "", body)
    body = re.sub(r"\s+or\s+with\s+", " or ", body)  # "prior treatment with a nitrosourea or with bleomycin"
    # "any other investigational drug": other than the study's own
    body = re.sub(r"^(?:(?:an?y?\s+)?other|another)\s+(?=(?:investigational|experimental)\b)", "", body)
    read = _drug_ids(body)
    if read is None and win is not None:  # "immunoglobulin administration within 2 months": any dose in it
        read = _drug_ids(_USE_END.sub("", body))
    # "current rituximab use", "methotrexate use at screening"; not "history of steroid use" (often substance use:
    # anabolic steroids, opioids), nor "previous X exposure"
    if read is None and now and win is None:
        read = _drug_ids(_USE_NOUN.sub("", body))
    unknown: list[str] = []
    if read is None and mode == "cond" and (now or win is not None):
        # "receiving itraconazole, atazanavir, nutritional supplements or clarithromycin": each known member read, the
        # unknown ones asked of the clinician (an exclusion only: any of them excludes)
        partial = drug_ids_with_unknown(body)
        if partial is not None:
            read, unknown = partial[:2], partial[2]
    if read is None:
        return None
    ids, names = read
    atom = _read_drugs(ids, names, s, mode, win, now, ever, during, t)
    if atom is None or not unknown:
        return atom
    # the unknown members with the list's own lead and window words: "receiving nutritional supplements"
    part = " ".join(w for w in (t[: lead.end()].strip() if lead else "", " or ".join(unknown), window_words) if w)
    ask = _part_question(part, "rest")
    return _Atom(_any(atom.rule, ask), atom.name, confidence=0.7, words=s)


def _read_drugs(ids: list[str], names: str, s: str, mode: str, win: tuple[float, str] | None, now: object,
                ever: object, during: object, t: str) -> _Atom | None:
    """The rule for drugs read with their window, "now" or "ever" words (``_vocab_drug``)."""
    if win is not None:
        weeks, words = win  # "taking X in the previous 24 hours", "use of X within 30 days": any dose in it
        rule = _any(*[_f(f"drug_weeks_since:{i}", "<", weeks) for i in ids])
        if mode == "cond":
            vaccine = all(drugs.is_a(i, "vaccine") for i in ids)
            rule = _step("vaccine_wait" if vaccine else "washout",
                         f"Last dose of {names} more than {words} before entry", rule)
        return _Atom(rule, "drug_window", confidence=0.85, words=s)
    if during and not now:
        return None  # "prior X during the study"
    if now:
        rule = _any(*[_yes(f"drug_current:{i}") for i in ids])
        if mode == "cond":
            rule = _step("stop_medication", f"Stop {names}", rule)
        return _Atom(rule, "drug_current", confidence=0.85, words=s)
    if ever is None:
        return None  # a bare drug name: ever, now, or a requirement? not said
    if mode == "cond" and re.match(r"(?:use|usage)\s+of\s", t):
        # an exclusion's bare "Use of oral contraceptives": the use going on as the patient comes in, a drug to stop
        # (the labels' convention, tests/core/criteria/labels/README.md); "prior use of X" is ever, above.
        if _HISTORY_WORD.search(concepts.criterion_as_written().lower()):
            # "History of immunodeficiency or use of immunosuppressive medications": the history may be the use's
            # too; the part is left to the clinician (a list reader asks it)
            return None
        return _Atom(_step("stop_medication", f"Stop {names}", _any(*[_yes(f"drug_current:{i}") for i in ids])),
                     "drug_current", confidence=0.8, words=s)
    if not _EVER_WORDS.search(t):
        # "use of insulin", "therapy with anticoagulants": ever, or now? not said; "used X" reads only with its
        # window ("have used benzodiazepines within 1 month"): alone it is often a list part whose window follows
        return None
    return _Atom(_any(*[_yes(f"drug_ever:{i}") for i in ids]), "drug_ever", confidence=0.85, words=s)


_PURPOSE = re.compile(r"\b(?:for|to\s+(?:treat|control|prevent)|as\s+(?:treatment|therapy|prophylaxis))\b")


def list_reaches_drug(groups: list[tuple]) -> bool:
    """In a list read part by part (``logic._read_body``'s groups: ``(start, end, atom or None, text)``), may an
    unread part's purpose belong to a drug read before it? "received any prior gemcitabine, radiotherapy, or
    Herceptin therapy for pancreatic cancer" (the gemcitabine for pancreatic cancer too). The caller then proposes
    no rule."""
    first = next((i for i, g in enumerate(groups) if g[2] is not None and g[2].name.startswith("drug_")), None)
    if first is None:
        return False
    for g in groups[first + 1:]:
        purpose = _PURPOSE.search(g[3]) if g[2] is None else None
        # "drugs for a mental disorder", "approved drugs for investigational indications": a class named by its
        # purpose, its own words (the drugs read beside it are not said to be for it)
        if purpose and not re.search(r"\b(?:drugs?|medications?|medicines?|agents?)$", g[3][: purpose.start()].strip()):
            return True
    return False


# --- washouts written as time since the last dose ------------------------------------------------

_SINCE = re.compile(
    rf"^(>=|>|<=|<)\s*(\d+(?:\.\d+)?)\s*{_UNITS}\s+(?:must\s+(?:have\s+)?(?:elapsed|passed)\s+)?since\s+(?:the\s+)?"
    r"(?:(?:completion|end|discontinuation|cessation|stopping)\s+of\s+(?:the\s+)?|(?:last|final|most recent)\s+"
    r"(?:dose|administration|course|treatment|infusion|injection)s?\s+(?:of|with)\s+|(?:prior|previous|last"
    r"|most recent)\s+)?(?:(?:treatment|therapy|use|exposure)\s+(?:with|of|to)\s+)?(?:any\s+)?"
    r"(?:(?:prior|previous)\s+)?(.+)$")
_COMPLETED = re.compile(
    r"^(?:(?:any\s+)?(?:prior|previous)\s+)?(.+?)\s+(?:must\s+(?:have\s+)?been\s+|must\s+be\s+|should\s+be\s+|was\s+"
    r"|is\s+)?(?:completed|discontinued|stopped|finished)\s+(>=|>)\s*(\d+(?:\.\d+)?)\s*"
    rf"{_UNITS}\s+{_BEFORE}\s+({ANCHOR}|{RADIATION_START})$"
    r"|^(?:(?:have|has)\s+)?(?:discontinued|stopped|completed)\s+(?:(?:treatment|therapy)\s+with\s+)?(?:any\s+)?"
    rf"(.+?)\s+(>=|>)\s*(\d+(?:\.\d+)?)\s*{_UNITS}\s+{_BEFORE}\s+({ANCHOR}|{RADIATION_START})$"
    # "last dose of X (must be) at least 4 weeks before randomization": the end of X, as "X completed … before"
    r"|^(?:the\s+)?(?:last|final|most\s+recent)\s+(?:dose|administration|infusion|injection)\s+of\s+(.+?)\s+"
    rf"(?:(?:must\s+be|should\s+be|was|is)\s+)?(>=|>)\s*(\d+(?:\.\d+)?)\s*{_UNITS}\s+{_BEFORE}\s+({ANCHOR})$")


def _since_last_dose(s: str, mode: str) -> _Atom | None:
    """ "At least 4 weeks since prior chemotherapy" (inclusion), "less than 4 weeks since the last dose of
    rituximab" (exclusion), "methotrexate must be discontinued at least 4 weeks prior to randomisation"."""
    t = _strip_subject(_drop_acronyms(s.strip()))
    m = _SINCE.match(t)
    if m:
        op, n, unit, body = m.group(1), m.group(2), m.group(3), m.group(4)
    else:
        c = _COMPLETED.match(t)
        if not c:
            return None
        g = c.groups()
        at = 0 if g[0] else 5 if g[5] else 10
        body, op, n, unit = g[at], g[at + 1], g[at + 2], g[at + 3]
    body = body.strip()
    # a number of its own is another statement; one inside a drug's name is not ("interleukin-2", "5-FU")
    if re.search(r"[()<>]|(?<![-\w])\d+(?:\.\d+)?(?![-\w])|\b(?:and|recover\w*|unless|for|if|toxicit\w*|surgery"
                 r"|radio\w*|radiation)\b", body):
        return None  # another statement, an exception for some drugs, or a procedure
    # "at least 30 days since other prior investigational drugs": other than the study's own, which the
    # patient has not had before enrolment; for any other drug "other" points at an item beside it
    other = re.match(r"other\s+(?:(?:prior|previous)\s+)?", body)
    body = body[other.end():] if other else body
    read = _drug_ids(body) or _drug_ids(_NOUN_END.sub("", body))  # "hormonal therapy" is one term
    if read is None:
        return None
    ids, names = read
    if other and ids != ["investigational_product"]:
        return None
    weeks = round(float(n) * _WEEKS[unit.rstrip("s")], 4)
    words = f"{n} {unit}"
    if op in (">=", ">") and mode == "req":
        rule = _all(*[_f(f"drug_weeks_since:{i}", op, weeks) for i in ids])
        at_least = op == ">="
    elif op in ("<", "<=") and mode == "cond":
        rule = _any(*[_f(f"drug_weeks_since:{i}", op, weeks) for i in ids])
        at_least = op == "<"
    else:
        return None  # "less than 4 weeks since X" required, or "at least" as an exclusion: not a washout
    kind = "vaccine_wait" if all(drugs.is_a(i, "vaccine") for i in ids) else "washout"
    # the texts written out in the calls: core/matching/rule_texts.py translates them by their templates
    if at_least:
        step = _step(kind, f"Last dose of {names} at least {words} before entry", rule)
    else:
        step = _step(kind, f"Last dose of {names} more than {words} before entry", rule)
    return _Atom(step, "drug_since", confidence=0.85, words=s)


# --- naive to a drug -----------------------------------------------------------------------------

_NAIVE = re.compile(r"^(?:(.+?)[- ]na(?:i|ï)ve(?:\s+(?:patients?|subjects?|participants?))?"
                    r"|na(?:i|ï)ve\s+(?:to|of)\s+(?:(?:treatment|therapy)\s+with\s+)?(?:any\s+)?(.+)"
                    r"|(?:have|has\s+)?never\s+(?:been\s+)?(?:received|taken|used|treated\s+with|exposed\s+to)\s+"
                    r"(?:(?:treatment|therapy)\s+with\s+)?(?:any\s+)?(.+))$")


def _naive(s: str, mode: str) -> _Atom | None:
    """ "Biologic-naive", "methotrexate-naïve patients", "naive to JAK inhibitors", "never received
    antiretroviral therapy": never received it."""
    t = _strip_subject(_drop_acronyms(s.strip()))
    m = _NAIVE.match(t)
    if not m:
        return None
    body = (m.group(1) or m.group(2) or m.group(3)).strip()
    read = _drug_ids(body) or _drug_ids(_NOUN_END.sub("", body))
    if read is None:
        return None
    ids, _names = read
    return _Atom(_all(*[_f(f"drug_ever:{i}", "=", False) for i in ids]), "drug_naive", confidence=0.85, words=s)
