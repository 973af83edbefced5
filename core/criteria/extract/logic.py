"""Stage 5: lists. Reads a body as one statement or a list of statements joined by commas, "and",
"or", and decides how they combine (any / all), leaving unread parts as an explicit ``confirm``."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.criteria.extract import episodes
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.condition_current import _current_condition, opening_time_word, read_under
from core.criteria.extract.condition_wording import habit_now, modifier_reaches
from core.criteria.extract.diseases import _disease
from core.criteria.extract.doses import _drug_dose
from core.criteria.extract.drug_needs import _drug_need
from core.criteria.extract.infections import _infection, _malignancy, _viral
from core.criteria.extract.lab_levels import _lab_level
from core.criteria.extract.list_scope import reaches_into
from core.criteria.extract.morning_stiffness import _morning_stiffness
from core.criteria.extract.normalise import _REQUIREMENT_WORDS, _clean_end
from core.criteria.extract.other_trials import _other_trial_now
from core.criteria.extract.people import (
    _age,
    _age_consent,
    _childbearing,
    _compliance,
    _consent,
    _contraception_requirement,
    _pregnancy,
    _sex,
)
from core.criteria.extract.procedures import _procedure, list_reaches_procedure
from core.criteria.extract.rule import _all, _any, _confirm
from core.criteria.extract.score_leads import _psoriasis_extent
from core.criteria.extract.steroid_doses import _gc_dose_limit
from core.criteria.extract.treatment_lists import _mixed_ever, _mixed_window
from core.criteria.extract.treatments import _naive, _since_last_dose, _vocab_drug, list_reaches_drug
from core.criteria.extract.values import _gc_dose, _lab, _score
from core.criteria.extract.vocab_atoms import _vocab_allergy, _vocab_condition
from core.criteria.extract.washout_exceptions import _washout_exception
from core.criteria.extract.windows import _drug_use, _other_trial, _treatment_failure

_ATOMS = [_age_consent, _age, _sex, _consent, _compliance, _pregnancy, _contraception_requirement, _childbearing,
          _viral,
          _infection, _malignancy, _lab, _score, _gc_dose, _disease, _treatment_failure, _vocab_drug, _drug_use,
          _other_trial, _other_trial_now, _vocab_allergy, _current_condition, _vocab_condition, _since_last_dose,
          _naive, _drug_dose, _procedure, _drug_need, _washout_exception, _mixed_window, _gc_dose_limit, _mixed_ever,
          _psoriasis_extent, _lab_level, _morning_stiffness]


def _read_atom(seg: str, mode: str) -> _Atom | None:
    seg = _clean_end(seg)
    if not seg:
        return None
    for reader in _ATOMS:
        atom = reader(seg, mode)
        if atom is None:
            continue
        if mode == "req" and atom.cond_only or mode == "cond" and atom.req_only:
            return None
        atom.words = atom.words or seg
        return atom
    return None


# ---------------------------------------------------------------------------------------
# lists

_SEP = re.compile(r"\s*(?:;|,\s*(?:and/or|or|and|nor)\b|,|\band/or\b|\bor\b|\band\b|\bnor\b)\s*")


def _split_top(t: str) -> tuple[list[str], list[str]]:
    """Segments and the separators between them, not splitting inside brackets."""
    segs, seps = [], []
    depth = 0
    start = 0
    i = 0
    while i < len(t):
        ch = t[i]
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            m = _SEP.match(t, i)
            if m and m.end() > m.start() and (m.group(0).strip() or t[i] == ";") and (
                    i == 0 or not t[i - 1].isalnum() or m.group(0)[0].isspace() or t[i] in ",;"):
                if t[i] in ",;" or m.group(0)[0].isspace():
                    segs.append(t[start:i])
                    seps.append(m.group(0).strip())
                    start = i = m.end()
                    continue
        i += 1
    segs.append(t[start:])
    return [s.strip() for s in segs], seps


@dataclass
class _Reading:
    rule: dict
    names: list[str] = field(default_factory=list)
    confidence: float = 0.9
    parts: list[dict] = field(default_factory=list)  # {"pattern", "words"} per part read


def _read_body(t: str, mode: str) -> _Reading | None:
    atom = _read_atom(t, mode)
    if atom is not None:
        return _Reading(atom.rule, [atom.name], atom.confidence, [{"pattern": atom.name, "words": atom.words}])
    if re.search(r"\bexcept\b|\bother than\b|\bexception\b|\bexcluding\b|\bapart from\b", t):
        return None
    segs, seps = _split_top(t)
    n = len(segs)
    if n < 2 or n > 14:
        return None
    # best[i]: (cost, groups) covering segs[:i]; a group is (start, end, atom or None)
    # "active tuberculosis or hepatitis B": the time word opening the list stands for the parts after it
    now = opening_time_word(segs[0], _read_atom(segs[0], mode))
    inf = (10**9, [])
    best: list[tuple[int, list]] = [inf] * (n + 1)
    best[0] = (0, [])
    for i in range(n):
        if best[i][0] >= 10**9:
            continue
        for j in range(i + 1, min(n, i + 5) + 1):
            text = segs[i]
            for k in range(i + 1, j):
                text += (" " if seps[k - 1] not in (",", ";") else "") + seps[k - 1] + " " + segs[k]
            atom = read_under(text, now, lambda x: _read_atom(x, mode)) if now and i > 0 else _read_atom(text, mode)
            cost = 1 if atom is not None else (100 if j == i + 1 else 10**9)
            if best[i][0] + cost < best[j][0]:
                best[j] = (best[i][0] + cost, best[i][1] + [(i, j, atom, text)])
    cost, groups = best[n]
    if cost >= 10**9:
        return None
    if now and any(g[2] is None and g[0] > 0 and _read_atom(g[3], mode) is not None for g in groups):
        return None  # "active tuberculosis or rheumatoid arthritis": a condition read only without the time word
    if reaches_into(groups, seps, mode, distributed=now is not None) or list_reaches_procedure(groups) \
            or list_reaches_drug(groups):
        return None  # "severe renal or hepatic disease": the unread words may belong to the read condition
    boundaries = [seps[g[0] - 1] for g in groups[1:]]
    kinds = {("or" if b in ("or", "and/or", ", or", ",or", "nor", ", nor") or b.endswith("or") else
              "and" if b.endswith("and") else ",") for b in boundaries}
    atoms = [g[2] for g in groups if g[2] is not None]
    for a, b in zip(groups, groups[1:], strict=False):
        if a[2] is None and b[2] is not None and (
                re.search(r"\d|\bwithin\b|\bduring\b|\bsince\b|\bprior\b", b[3]) or b[2].name.startswith(
                    ("lab", "age", "ecog", "nyha", "lvef", "das28", "sledai", "essdai", "cdai", "weight"))):
            # "BUN and creatinine <= 1.5 x ULN", "dapsone or etanercept within 3 weeks": what follows the
            # read part (threshold, time window) may belong to the unread part too
            return None
        if a[2] is not None and b[2] is not None and a[2].name in ("drug_current", "drug_ever") \
                and b[2].name == "drug_window":
            return None  # "taking NSAIDs, triptans or opiates in the previous 24 hours": the window is everyone's
        if a[2] is not None and b[2] is not None and modifier_reaches(a[3], b[3]):
            return None  # "pulmonary embolism or hypertension", "lung infections or cancer": the site may reach it
        if a[2] is not None and a[2].name == "drug_since" and b[2] is None:
            return None  # ">= 3 weeks since prior biologic and immunologic agents directed at …": "since" is both's
    unknown: list[str] = []
    previous_end = None
    for g in groups:
        if g[2] is not None:
            continue
        if previous_end == g[0] and unknown:
            sep = seps[g[0] - 1]
            unknown[-1] += ("" if sep.startswith((",", ";")) else " ") + sep + " " + _clean_end(g[3])
        else:
            unknown.append(_clean_end(g[3]))
        previous_end = g[1]
    if not atoms:
        return None
    if any(_SUBSTANCE_WORDS.search(u) for u in unknown) and any(habit_now(a.rule) for a in atoms):
        return None  # "abuse of alcohol or illicit drugs": the habit's words may reach the part not read
    if _time_word_elsewhere(t, atoms):
        return None
    if len(atoms) == 1 and atoms[0].neutral:
        return None
    confidence = min(a.confidence for a in atoms)
    names = [a.name for a in atoms]
    parts = [{"pattern": a.name, "words": a.words} for a in atoms]
    if mode == "cond":
        rules = [a.rule for a in atoms]
        if unknown and (_REQUIREMENT_WORDS.search(" ".join(unknown)) or _requirement_in_disguise(unknown)):
            # "Not pregnant or nursing Effective contraception required of all fertile patients" (two PDQ lines run
            # together): a requirement is not a condition that "applies"; negated, its confirm would exclude
            return None
        if unknown:
            if (question := _rest_question(unknown, "Does this part of the criterion apply")) is None:
                return None
            rules.append(question)
            confidence = min(confidence, 0.7)
            names.append("confirm_rest")
        return _Reading(_any(*rules), names, confidence, parts)
    # positive inclusion
    kinds.discard(",")
    if len(kinds) > 1:
        return None
    join = kinds.pop() if kinds else "and"
    if join == "or" and ";" in boundaries:
        # "BUN <= 30 mg/dL; creatinine <= 1.5 mg/dL and/or creatinine clearance > 50 mL/min": the "or" joins the
        # statements of its own part only; the parts a semicolon (or a run-together line) divides are each required
        return _semicolon_parts(t, mode)
    rules = [a.rule for a in atoms if not a.neutral]
    if join == "or":
        # "HIV infection or diagnosis of AIDS": lifelong diagnoses as alternatives (``_LIFELONG_OR``)
        if unknown or any(a.neutral for a in atoms) or not all(n.startswith(("diagnosis", "classification", "lab:"))
                                                               or n in _LIFELONG_OR
                                                               or _threshold(a.rule) for n, a in zip(names, atoms,
                                                                                                      strict=True)):
            return None
        return _Reading(_any(*rules), names, confidence, parts)
    if unknown:
        if (question := _rest_question(unknown, "Is this part of the criterion met")) is None:
            return None
        rules.append(question)
        confidence = min(confidence, 0.7)
        names.append("confirm_rest")
    if not rules:
        return None
    return _Reading(_all(*rules), names, confidence, parts)


# contraception named in an exclusion's unread part without a negation ("Pregnant or nursing. Use of effective means
# of contraception (men and women) in subjects of child-bearing potential", h-people8): a requirement written as a
# noun, never a condition that "applies" (a patient who uses it would answer yes and be excluded); "not using
# contraception" is one
_CONTRACEPTION = re.compile(r"\b(?:contraception|birth control)\b")  # not "contraceptive therapy": a drug
_NEGATOR = re.compile(r"\b(?:not|no|without|unwilling\w*|unable|refus\w*|fail\w*|lack\w*|inadequate|insufficient"
                      r"|ineffective)\b")
# a sentence break inside the unread part: two statements run together ("nursing. use of …")
_SENTENCE_BREAK = re.compile(r"(?:\b[a-z]{3,}|\))\. +[a-z]")  # not an abbreviation: "st. john's wort"


def _requirement_in_disguise(unknown: list[str]) -> bool:
    """An exclusion's unread part that is a requirement or a statement of its own, not a condition to confirm."""
    rest = " ".join(unknown)
    return bool(_SENTENCE_BREAK.search(rest)) or bool(_CONTRACEPTION.search(rest)) and not _NEGATOR.search(rest)


def _semicolon_parts(t: str, mode: str) -> _Reading | None:
    """Each part between top-level semicolons read alone and all of them required, or None when one is not read."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(t):
        depth += ch in "([" and 1 or ch in ")]" and -1 or 0
        if ch == ";" and depth <= 0:
            parts.append(t[start:i])
            start = i + 1
    parts.append(t[start:])
    if len(parts) < 2:
        return None
    readings = [_read_body(_clean_end(part.strip()), mode) for part in parts]
    if any(r is None or "confirm_rest" in r.names for r in readings):
        return None
    return _Reading(_all(*[r.rule for r in readings]), [n for r in readings for n in r.names],
                    min(r.confidence for r in readings), [x for r in readings for x in r.parts])


# an unread part that may be what a habit read beside it is about ("abuse of alcohol or illicit drugs")
_SUBSTANCE_WORDS = re.compile(r"\b(?:drugs?|substances?|narcotics?|alcohol\w*|dependen\w*|addict\w*|abuse\w*)\b")


_HISTORY = re.compile(r"\b(?:history|h/o|ever|previous|prior|past|previously|(?:has|have) had)\b")


def _time_word_elsewhere(t: str, atoms: list[_Atom]) -> bool:
    """A state read as meant now (``episodes.py``) in a list whose other words hold a history word ("No history
    of peptic ulceration or gastrointestinal bleeding": the history is the bleeding's too), or an "acute" that
    may reach a condition read as has-or-had ("acute myocardial infarction, stroke")."""
    if not any(a.name == "condition_now" for a in atoms):
        return False
    return bool(_HISTORY.search(t)) or bool(episodes.ACUTE.search(t)) and any(a.name == "condition" for a in atoms)


_CMP = (">", ">=", "<", "<=")
# readings of a diagnosis that stays for life: in an inclusion, "A or B" of them is either
_LIFELONG_OR = ("hiv", "aids")


def _threshold(rule: dict) -> bool:
    """A measurement against a number ("HAQ-DI >= 0.25", "PtGA >= 3", or a range of one): alternatives of
    these in an inclusion ("HAQ-DI >= 0.25 or PtGA >= 3") mean at least one."""
    if "all" in rule:
        parts = rule["all"]
        return bool(parts) and all(_threshold(r) for r in parts) and len({r["fact"] for r in parts}) == 1
    value = rule.get("value")
    return isinstance(rule.get("fact"), str) and rule.get("op") in _CMP and isinstance(value, int | float) \
        and not isinstance(value, bool)


def _rest_question(unknown: list[str], asking: str) -> dict | None:
    """The unread parts as one clinician question quoting them (and the whole criterion), or None
    when they cannot stand alone as a question."""
    rest = "; ".join(_clean_end(u) for u in unknown)
    if not _rest_ok(rest):
        return None
    return _confirm(f"{asking}: \u201c{rest}\u201d? (Criterion: \u201c{{TEXT}}\u201d)", "rest")


def _rest_ok(rest: str) -> bool:
    """A left-over part that may stand alone as a question (no dangling qualifiers)."""
    if len(rest) < 3 or len(rest) > 200:
        return False
    if " " not in rest.strip():
        return False  # a lone word in a list is mostly an elided noun phrase: "gynecologic [cancer] or breast cancer"
    if re.match(r"(?:at|in|on|for|by|of|to|from|as|during|after|before|while|when|and|or)\b", rest):
        return False
    if re.search(r"\b(?:evidenced|confirmed|measured|defined|documented|according|based|per|as|by|using|assessed"
                 r"|determined|proven|shown|indicated|period|study|time|screening|baseline)\b", rest):
        return False
    if re.search(r"\b(?:active|known|chronic|acute|current|severe|prior|previous|positive|negative|untreated)$", rest):
        return False
    if re.search(r"\b(?:without|absence|who|which|that|with|these|this|those|above|below|listed|same|such|except"
                 r"|not|no|never|none|only|within|during|after|before|prior|since|unless|while|when|where)\b"
                 r"|[<>]|\d", rest):
        return False
    return True


