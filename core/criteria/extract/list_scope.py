"""Does an unread part of a list reach into a condition read next to it?

``logic._read_body`` reads a list part by part and asks the clinician about the parts it cannot
read. That is only safe when the parts are independent. In condition lists they often are not:

* a modifier distributes forward: "severe renal or hepatic disease", "uncontrolled angina, heart
  failure, or arrhythmia", "active drug or alcohol abuse" — "hepatic disease" alone is not what the
  criterion names;
* a head noun is shared backward: "deep vein, arterial thrombosis" ("deep vein [thrombosis]"),
  "alcohol and nicotine dependence";
* "or" joins inside a phrase: "heart medications for angina or arrhythmia", "current mental disorder
  or substance abuse";
* a qualifier after the last part may belong to all: "angina or arrhythmia requiring treatment".

``reaches_into`` says when one of these may be the case; the caller then proposes no rule.
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re

_MODIFIER = re.compile(
    r"\b(?:active|current(?:ly)?|ongoing|concurrent|concomitant|co-?existing|co-?existent|intercurrent|severe|serious|uncontrolled|poorly|unstable|significant|major|chronic"
    r"|acute|symptomatic|clinically|recent|untreated|progressive|decompensated|advanced|life-threatening"
    r"|meets? criteria for|meeting criteria for|symptoms?|signs?|requir\w*|need\w*|for|treated|excised|resected"
    r"|cured|completely|adequately|in situ)\b")
# atoms whose fact is the condition named (not pregnancy, a lab, a drug …); a procedure named in a list
# is read the same way ("malignancy requiring chemotherapy or radiotherapy": the unread part reaches it)
_CONDITION_READINGS = ("condition", "classified", "diagnosis", "classification", "malignancy", "aids", "hiv", "hbsag",
                       "hcv", "tb_", "sex+", "procedure")
_PREPOSITION = re.compile(r"\b(?:to|of|for|with|in|on|from|against)\b")
_JOIN_WORDS = ("or", "and", "and/or", ", or", ", and", ", and/or", "nor", ", nor")


def _conditions(text: str) -> list[concepts.Mention]:
    return concepts.find(text, ("condition",))


def _ends_with_condition(text: str) -> bool:
    t = text.rstrip(" .;,)")
    return any(m.end == len(t) for m in _conditions(t))


# bare words after "… of the bladder": organs sharing the head, not conditions of their own
_ORGAN_WORDS = re.compile(r"(?:the\s+)?[a-z]+(?:\s*(?:,|or|and|and/or)\s*(?:(?:or|and)\s+)?(?:the\s+)?[a-z]+)*")


def _clean(text: str) -> str:
    return text.strip(" ,.;")


def _shares_head(unread: str, read: str) -> bool:
    """ "deep vein" + "thrombosis" or "severe renal" + "disease" name a condition together (the read
    part's first condition gives the head: "arterial thrombosis or pulmonary embolus")."""
    found = _conditions(read)
    words = (read[: found[0].end] if found else read).split()
    for n in (1, 2):
        if len(words) < n:
            continue
        joined = f"{unread.rstrip(' ,')} {' '.join(words[-n:])}"
        if any(m.start < len(unread.rstrip(" ,")) and m.end == len(joined) for m in _conditions(joined)):
            return True
    return False


def _lead_off(text: str) -> str:
    return re.sub(r"^(?:(?:a |any )?(?:known |documented |prior |previous |past )*(?:history|evidence|presence) of )",
                  "", text)


def reaches_into(groups: list[tuple], seps: list[str], mode: str, distributed: bool = False) -> bool:
    """True when an unread part of a list may modify, or share words with, a condition read beside it,
    or when an inclusion's comma list of conditions may mean any as well as all.

    ``groups`` are ``(start, end, atom or None, text)`` over the list's segments, ``seps`` the separators
    between segments (as ``logic._split_top`` gives them); ``distributed`` when the time word opening the list
    was read into each later part (``condition_current.read_under``): it no longer reaches them unread."""
    if _drug_tail(groups, seps):
        return True
    read_condition = [g for g in groups if g[2] is not None and g[2].name.startswith(_CONDITION_READINGS)]
    if not read_condition:
        return False
    if any(g[3].count(")") != g[3].count("(") for g in groups):
        return True  # a fragment cut from a bracketed list: "stroke, severe MI, terminal carcinoma)"
    if mode == "req" and any(seps[g[0] - 1] == "," for g in groups[1:]):
        return True  # "Obsessive compulsive disorder, Turner syndrome, autism": one of them, or all?
    if any(g[2] is not None and g[2].name.startswith("sex+") for g in groups[1:]):
        return True  # "black males and females with sickle cell disease": the condition is both sexes'
    if any(g[2] is None and seps[g[0] - 1] in ("and", ", and") and groups[i - 1] in read_condition
           for i, g in enumerate(groups) if i > 0):
        return True  # "AIDS and life-threatening CMV infection": both at once, not either
    if any(_elided_head(a, b) for a, b in zip(groups, groups[1:], strict=False) if any(a is r for r in read_condition)):
        return True  # "tuberculous, diabetic, or hypertensive retinopathy": "diabetic" is "diabetic retinopathy"
    if any(g[2] is not None and g[2].name.startswith("condition_needs") and seps[g[0] - 1] != ";" for g in groups[1:]):
        return True  # "angina, or arrhythmia requiring treatment" read part by part: the need may belong to all
    first_read = min(g[0] for g in read_condition)
    if not distributed and groups[0][2] is not None and _MODIFIER.match(_lead_off(groups[0][3])) and any(
            g[0] > 0 and g[2].name.startswith("condition") and not _MODIFIER.match(_lead_off(g[3]))
            for g in read_condition):
        # "active HBV infection or hepatitis": "active" may qualify both; not a part with a word of its own in that
        # place ("acute pancreatitis within 2 years or chronic pancreatitis", h-cond11)
        return True
    for i, g in enumerate(groups):
        if g[2] is not None:
            continue
        text = g[3]
        if g[0] < first_read and _MODIFIER.search(text):
            return True  # "severe renal or hepatic disease", "uncontrolled angina, heart failure"
        nxt = groups[i + 1] if i + 1 < len(groups) else None
        prev = groups[i - 1] if i > 0 else None
        if nxt is not None and any(nxt is r for r in read_condition):
            joined_by = seps[nxt[0] - 1]
            if _shares_head(text, nxt[3]):
                return True  # "deep vein, arterial thrombosis"
            if joined_by in _JOIN_WORDS and _ends_with_condition(text):
                return True  # "medications for angina or arrhythmia"
            if joined_by in _JOIN_WORDS and _adjective_before(text, nxt[3]):
                return True  # "history of atrial or ventricular arrhythmias": "atrial [arrhythmias]"
            if joined_by in _JOIN_WORDS and _adjective_reaches_noun(text, nxt[3]):
                return True  # "intracardiac thrombus or neoplasm": "intracardiac [neoplasm]"
        if prev is not None and any(prev is r for r in read_condition):
            joined_by = seps[g[0] - 1]
            found = _conditions(text)
            if joined_by in _JOIN_WORDS and found and found[0].start == 0 and text[found[0].end:].strip():
                return True  # "angina or arrhythmia requiring treatment"
            if re.match(r"(?:requir|need|necessitat|treated\b|that\b|which\b|due to\b|caused by\b|associated with"
                        r"|defined\b|as (?:defined|evidenced|documented)\b)", text.strip()):
                return True  # "active opportunistic infection, requiring acute treatment": a qualifier of it
            if joined_by in _JOIN_WORDS and _PREPOSITION.search(text):
                return True  # "hypersensitivity or resistance to quinolones": "to quinolones" may belong to both
            if re.search(r"\bof the [a-z]+$", _clean(prev[3])) and not found and _ORGAN_WORDS.fullmatch(_clean(text)):
                return True  # "carcinoma of the bladder, urethra, ureter": the bare organs share the read head
    return False


# a lone adjective read as a condition ("diabetic", "hypertensive", "epileptic")
_ADJECTIVE = re.compile(r"[a-z-]+(?:ic|ous|ive|al|ary|oid|tic)")


def _elided_head(read: tuple, after: tuple) -> bool:
    """ "diabetic, or hypertensive retinopathy": a condition read from a lone adjective, followed by a part of two
    or more words that starts with an adjective too, may share that part's head noun ("diabetic [retinopathy]")."""
    word, words = _clean(_lead_off(read[3])), _clean(after[3]).split()
    return bool(_ADJECTIVE.fullmatch(word)) and not word.endswith(("positive", "negative")) and len(words) >= 2 \
        and bool(_ADJECTIVE.fullmatch(words[0]))


# an adjective that may stand before the next part's head noun ("ventricular", "respiratory" too)
_ADJECTIVE_BEFORE = re.compile(r"[a-z-]+(?:ic|ous|ive|al|ary|ory|ar|oid|tic)")


def _adjective_before(unread: str, read: str) -> bool:
    """ "atrial or ventricular arrhythmias", "medical or neurological disease": an unread part ending in an adjective,
    before a read part of two or more words that starts with one, may be the read part's adjective with its head
    noun left out ("atrial [arrhythmias]")."""
    before, after = _clean(unread).split(), _clean(read).split()
    return bool(before) and len(after) >= 2 and bool(_ADJECTIVE_BEFORE.fullmatch(before[-1])) \
        and bool(_ADJECTIVE_BEFORE.fullmatch(after[0]))


def _adjective_reaches_noun(unread: str, read: str) -> bool:
    """ "intracardiac thrombus or neoplasm" (audit seed 5153): an unread part ending in an adjective and a noun, before
    a read condition that is one generic head noun (a neoplasm, an arrhythmia: a site makes it another condition),
    may give that noun its adjective ("intracardiac [neoplasm]"); "psychiatric disabilities or seizures" is read."""
    before, after = _clean(unread).split(), _clean(read).split()
    return len(before) >= 2 and len(after) == 1 and bool(_NOUN_ADJECTIVE.fullmatch(before[-2])) \
        and not _NOUN_ADJECTIVE.fullmatch(before[-1]) and bool(_GENERIC_HEAD.fullmatch(after[0]))


_NOUN_ADJECTIVE = re.compile(r"[a-z-]+(?:ic|ac|ous|ive|al|ary|ory|ar|oid|tic)")  # "intracardiac", "valvular"
_GENERIC_HEAD = re.compile(r"(?:neoplasms?|tumou?rs?|carcinomas?|cancers?|malignanc(?:y|ies)|arrhythmias?|diseases?"
                           r"|disorders?|dysfunction|failure|insufficiency|thrombos[ie]s|embolism|infections?"
                           r"|infarction|ha?emorrhages?|lesions?|metastas[ie]s|stenosis|hyperplasia|ulcers?)")


def _drug_tail(groups: list[tuple], seps: list[str]) -> bool:
    """ "No prior topotecan or carmustine treatment failure", "prior zidovudine or interferon alpha protocol
    participation": an unread part after a read drug that names a drug and then more words ("treatment failure")
    may say them of the drug before it too (drug readers' atoms are named ``drug…``)."""
    for i, g in enumerate(groups):
        if g[2] is not None or i == 0:
            continue
        prev = groups[i - 1]
        if prev[2] is None or not prev[2].name.startswith("drug") or seps[g[0] - 1] not in _JOIN_WORDS:
            continue
        text = re.sub(r"^(?:an?|any|the)\s+", "", g[3].strip())
        found = concepts.find(text, ("drug",))
        rest = re.sub(r"\([^()]*\)", " ", text[found[0].end:]) if found else ""  # "(ABC, APV, or EFV)": names
        if found and found[0].start == 0 and rest.strip(" .;,"):
            return True
    return False
