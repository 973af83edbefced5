"""Procedure statements: operations, transplants, radiotherapy, apheresis, injections (``procedure`` facts).

Read, each as the whole statement (anything else left over means no rule):

* with a window: "major surgery within 4 weeks prior to randomisation", "GON injection within the last 3
  months" -> ``procedure_weeks_since:<id> < N`` (a wait the patient can sit out: a step);
* time since: ">= 4 weeks since prior major surgery" (inclusion) -> ``procedure_weeks_since:<id> >= N``;
* history: "history of splenectomy", "prior organ transplantation", and a bare list of procedures as an
  exclusion ("Palatal surgery or other restorative dental surgery") -> ``procedure:<id>`` (ever);
* planned: "planned surgery during the study", "scheduled for hip replacement" -> ``procedure_planned:<id>``;
* now: "no concurrent radiotherapy", "on dialysis" -> ``procedure_current:<id>`` (``procedure_current``).

Precision first: "and recovered", "other than biopsy", "except", a qualifier the vocabulary does not
hold ("palliative radiotherapy", "radiotherapy to the target lesion", "extensive radiotherapy") mean no
rule; the broad groups (surgery, major surgery, procedure) are read only with a window or as planned,
never as "ever had", since "prior surgery" in a criterion almost always means surgery for something
left unsaid.
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.procedure_current import read_current
from core.criteria.extract.rule import _any, _f, _step, _yes
from core.criteria.extract.treatments import _WEEKS, window

# groups too broad to read as "ever had" (see the module docstring)
_NO_EVER = frozenset({"procedure", "surgery", "major_surgery", "minor_surgery", "injection_procedure",
                      "blood_transfusion", "biopsy", "lumbar_puncture"})
# treatments given in episodes: a bare name ("Radiotherapy", "plasma exchange") does not say ever or now (as a
# bare drug name does not: treatments._vocab_drug); an operation or a transplant leaves a lasting state
_EPISODIC = ("radiotherapy", "apheresis", "blood_transfusion", "dialysis", "injection_procedure", "phototherapy",
             "electroconvulsive_therapy", "transcranial_magnetic_stimulation", "mechanical_ventilation", "ecmo",
             "lumbar_puncture", "cardioversion", "biopsy", "radiofrequency_ablation_nerve", "catheter_ablation")
_REFUSED = re.compile(r"\b(?:recover\w*|other than|except\w*|unless|excluding|apart from|related|complications?"
                      r"|due to|for (?:the|this|a|an|any)\b|if\b|unhealed|wounds?|healed|sites?|port|field|target"
                      r"|lesions?|palliative|curative|extensive|limited|minor|small|local\w*|sequelae|toxicit\w*"
                      r"|opinion|investigator|significant|requiring|require[sd]?|needs?|anticipated need)")
_HISTORY = re.compile(r"^(?:"
                      # "prior or concurrent X": a course going on was also had (as "prior or concurrent" drugs: ever);
                      # first, so "prior" alone does not take the lead
                      r"(?:any\s+)?(?:prior|previous)\s+(?:or|and/or)\s+(?:concurrent|current|concomitant)\s+"
                      r"|(?:(?:a\s+)?(?:history|hx)\s+of\s+|(?:any\s+)?(?:prior|previous|past)\s+|status post\s+|s/p\s+"
                      # "had previously received", "has previously undergone", "previously underwent"
                      r"|(?:(?:have|has|had)\s+)?(?:previously|ever)\s+(?:had|undergone|underwent|received)\s+"
                      r"|(?:have|has)\s+(?:had|undergone|received)\s+|had\s+|underwent\s+|received\s+"
                      r"|(?:have|has)\s+(?:a\s+)?history\s+of\s+|(?:an?\s+)?recipients?\s+of\s+)+)")
_PLANNED_LEAD = re.compile(r"^(?:(?:is|are)\s+)?(?:planned|scheduled|planning)\s+(?:to\s+(?:undergo|have|receive)"
                           r"|for)\s+|^(?:(?:any|a|an)\s+)?(?:planned|scheduled|elective|anticipated)\s+(?:or\s+(?:planned|"
                           r"scheduled|elective)\s+)?"
                           # "Patients with planned kidney transplantation": the subject's "with" left by _strip_subject
                           r"|^with\s+(?:(?:any|a|an)\s+)?(?:pre-?)?(?:planned|scheduled)\s+"
                           # "Plans to have joint replacement surgery", "has plans for", "preplanned dialysis"
                           r"|^(?:(?:has|have)\s+)?(?:plans?|intends?|intention)\s+(?:to\s+(?:undergo|have|receive)|for)\s+"
                           r"|^(?:(?:any|a|an)\s+)?pre-?planned\s+")
_PLANNED_TAIL = re.compile(r"\s+(?:(?:is|are)\s+)?(?:planned|scheduled|anticipated|expected)$")
_DURING_STUDY = re.compile(r"\s+(?:during|within|over|for)\s+(?:the\s+)?(?:course\s+of\s+(?:the\s+)?|duration\s+of\s+"
                           r"(?:the\s+)?)?(?:study|trial)(?:\s+(?:period|participation|duration))?$"
                           # the study's own periods, and the months ahead it lasts ("in next 6 months"): a plan the
                           # patient has now (procedure_planned holds no date)
                           r"|\s+(?:during|within|in|over)\s+the\s+(?:individual\s+)?(?:observation|follow-up|treatment"
                           r"|study)\s+period$"
                           r"|\s+(?:during|within|in|over)\s+(?:the\s+)?(?:next|coming|following)\s+(?:\d+\s+)?"
                           r"(?:days?|weeks?|months?|years?)$")
_AT_ENTRY = re.compile(r"\s+at\s+(?:the\s+)?time\s+of\s+(?:study\s+)?(?:entry|enrol(?:l)?ment|screening|inclusion)"
                       r"(?:\s+(?:into|in)\s+(?:the\s+)?(?:study|trial))?$")
_SINCE = re.compile(r"^(>=|>|<=|<)\s*(\d+(?:\.\d+)?)\s*(days?|weeks?|months?|years?)\s+(?:since|from|after)\s+"
                    r"(?:(?:the\s+)?(?:last|prior|previous|any|most recent)\s+)*(.+)$")
_JOIN = re.compile(r"^(?:,|,?\s*or(?:\s+other)?|,?\s*and/or|/)$")


def _ids(body: str) -> list[str] | None:
    """The procedures a list names, when it is nothing but a list of them ("A, B or other C")."""
    body = body.strip(" .;,")
    body = re.sub(r"^(?:any|a|an|the)\s+", "", body)
    if not body or _REFUSED.search(body):
        return None
    mentions = concepts.find(body, kinds=("procedure",))
    if not mentions or mentions[0].start != 0 or mentions[-1].end != len(body):
        return _elided(body)
    for a, b in zip(mentions, mentions[1:], strict=False):
        if not _JOIN.match(body[a.end:b.start].strip()):
            return _elided(body)
    return list(dict.fromkeys(m.concept_id for m in mentions))


_ITEMS = re.compile(r"\s*(?:,\s*(?:or|and/or)\s+|,\s*|\s+(?:or|and/or)\s+|/)\s*")


def _whole(term: str) -> str | None:
    """The procedure a term is, when it is wholly one."""
    found = concepts.find(term, kinds=("procedure",))
    return found[0].concept_id if len(found) == 1 and found[0].start == 0 and found[0].end == len(term) else None


def _elided(body: str) -> list[str] | None:
    """A list whose last item's head noun stands for every item: "solid organ or bone marrow transplantation" =
    "solid organ transplantation or bone marrow transplantation", "knee or hip replacement". Each earlier item
    (at most three words, no procedure of its own) completed with the head must be one whole procedure."""
    items = [i.strip() for i in _ITEMS.split(body)]
    if len(items) < 2 or any(not i or re.search(r"[()]|\b(?:other|and|any)\b", i) for i in items):
        return None
    last, short = items[-1].split(), items[:-1]
    if any(len(i.split()) > 3 or concepts.find(i, kinds=("procedure",)) for i in short):
        return None
    for k in range(1, len(last)):
        head = " ".join(last[-k:])
        ids = [_whole(f"{i} {head}") for i in short] + [_whole(items[-1])]
        if None not in ids:
            return list(dict.fromkeys(ids))
    return None


def _names(ids: list[str]) -> str:
    from core.vocab import procedures

    return " or ".join(procedures.get(i).label.lower() if procedures.get(i).label[1:].islower()
                       else procedures.get(i).label for i in ids)


def _windowed(t: str, mode: str) -> _Atom | None:
    m = re.match(r"^(.+?)\s+((?:within|in|during)\s+.+|\d+(?:\.\d+)?\s*(?:days?|weeks?|months?|years?)\s+"
                 r"(?:prior to|before|preceding)\s+.+)$", t)
    if not m or mode != "cond":
        return None
    body = _HISTORY.sub("", m.group(1))
    w = window(_AT_ENTRY.sub("", m.group(2)))
    ids = _ids(body) if w else None
    if not ids:
        return None
    weeks, words = w
    rule = _any(*[_f(f"procedure_weeks_since:{i}", "<", weeks) for i in ids])
    step = _step("other", f"Most recent {_names(ids)} more than {words} before entry", rule)
    return _Atom(step, "procedure_window", cond_only=True, confidence=0.85)


def _since(t: str, mode: str) -> _Atom | None:
    m = _SINCE.match(t)
    if not m:
        return None
    op, n, unit, body = m.groups()
    ids = _ids(body)
    if not ids:
        return None
    weeks = round(float(n) * _WEEKS[unit.rstrip("s")], 4)
    words = f"{n} {unit}"
    names = _names(ids)
    if op in (">=", ">") and mode == "req" and len(ids) == 1:  # "since A or B": the last of either, or both?
        rule = _f(f"procedure_weeks_since:{ids[0]}", op, weeks)
        return _Atom(_step("other", f"Most recent {names} at least {words} before entry", rule), "procedure_since",
                     confidence=0.85)
    if op in ("<", "<=") and mode == "cond":
        rule = _any(*[_f(f"procedure_weeks_since:{i}", op, weeks) for i in ids])
        return _Atom(_step("other", f"Most recent {names} more than {words} before entry", rule), "procedure_since",
                     confidence=0.85)
    return None


def _planned(t: str, mode: str) -> _Atom | None:
    body = _DURING_STUDY.sub("", t)
    lead = _PLANNED_LEAD.match(body)
    if lead:
        body = body[lead.end():]
    else:
        tail = _PLANNED_TAIL.search(body)
        if not tail:
            return None
        body = body[: tail.start()]
    ids = _ids(body)
    if not ids:
        return None
    return _Atom(_any(*[_yes(f"procedure_planned:{i}") for i in ids]), "procedure_planned", confidence=0.85)


def _history(t: str, mode: str) -> _Atom | None:
    lead = _HISTORY.match(t)
    if not lead and mode != "cond":
        return None  # a bare name as an inclusion ("kidney transplantation"): done, or to be done?
    ids = _ids(t[lead.end():] if lead else t)
    if not ids or any(i in _NO_EVER for i in ids):
        return None
    if not lead:
        from core.vocab import procedures

        if any(procedures.is_a(i, e) for i in ids for e in _EPISODIC):
            return None  # "Radiotherapy": ever, or now? not said
    return _Atom(_any(*[_yes(f"procedure:{i}") for i in ids]), "procedure_ever", confidence=0.85)


def _procedure(s: str, mode: str) -> _Atom | None:
    """One procedure statement (see the module docstring), or None."""
    t = _strip_subject(s.strip())
    if not t or not concepts.find(t, kinds=("procedure",)):
        return None
    # "no concurrent radiotherapy", "currently receiving dialysis": read before the subject strip drops "current"
    atom = read_current(s, mode, _ids, _names)
    if atom is not None:
        atom.words = s
        return atom
    for reader in (_since, _planned, _windowed, _history):
        atom = reader(t, mode)
        if atom is not None:
            atom.words = s
            return atom
    return None


_WINDOW_WORDS = re.compile(r"\b(?:within|during|since|prior to|before|preceding|in the (?:past|last))\b")
_SHARED_WORDS = re.compile(r"\b(?:for|requir\w*|contraindicat\w*|planned|scheduled|anticipated|concurrent|concomitant"
                           r"|neoadjuvant|adjuvant|palliative|curative|to the|of the|in the|on the|at the|after)\b")


def list_reaches_procedure(groups: list[tuple]) -> bool:
    """In a list read part by part (``logic._read_body``'s groups: ``(start, end, atom or None, text)``), may
    another part's words belong to a procedure read as "ever had"? "Radiotherapy or chemotherapy within the
    last 4 weeks" (the window is both's), "prior chemotherapy, radiation therapy or biotherapy for breast
    cancer", "planned concurrent chemotherapy or radiotherapy", "contraindication to surgery or radiotherapy".
    The caller then proposes no rule."""
    read = [g for g in groups if g[2] is not None and g[2].name.startswith("procedure")]
    if not read:
        return False
    if any(g[2].name == "procedure_ever" for g in read) and any(
            _WINDOW_WORDS.search(g[3]) for g in groups if g[2] is None or not g[2].name.startswith("procedure")):
        return True
    return any(g[2] is None and _SHARED_WORDS.search(g[3]) for g in groups)
