"""Statement reader for another trial taken part in now or within a window (issue 16): "Participation in another
clinical trial (currently or within the last 30 days)", "Subjects who are currently participating in or, within the
past 28 days, have participated in another study using an investigational drug", "Current enrollment in or
discontinuation within the last 30 days from, a clinical trial involving any investigational drug or device",
"Participation in an investigational drug or device study within 30 days".

Taking part now is inside "within N" (the time since the last investigational treatment is 0 while it goes on),
so each wording is written again as "participation in <trial> within <N>" and read by ``windows._other_trial``:
the same washout step, the same trials accepted (a "research study" that names no investigational treatment or
intervention stays unread: it may be observational). Taking part now with no window ("Currently enrolled in
another clinical trial") is not read: no fact holds a current participation as such.
"""

from __future__ import annotations

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom
from core.criteria.extract.treatments import _since_last_dose
from core.criteria.extract.windows import _other_trial

_WHO = (r"^(?:(?:the )?(?:patients?|subjects?|participants?|individuals?)(?: who| that)?(?: (?:is|are|has|have))? )?"
        r"(?:(?:is|are) )?")
_NOW = r"(?:current(?:ly)?|ongoing|at present|presently|at the same time|concurrent(?:ly)?|now)"
_IN = r"(?:participating|participation|enrol(?:l)?ment|enrolled|taking part|involvement)"
_PAST = r"(?:participated|been enrolled|enrolled|taken part|completed|been involved)"
# "an investigational drug or device study": the trial of one, as "an investigational drug trial"
_IP_STUDY = re.compile(r"\b(investigational|experimental) (?:drug|device|product|medication|agent)(?: (?:or|and/or|/) ?"
                       r"(?:drug|device|product|medication|agent))? (stud(?:y|ies)|trials?)\b")


def _rewritten(t: str) -> list[str]:
    """The statement as "participation in <trial> within <N>", every way it may be written so."""
    out = []
    m = re.fullmatch(rf"(.+?),? \(?(?:{_NOW}(?: or| and/or|/) ?(within .+?))\)?", t)
    if m:  # "participation in another clinical trial (currently or within the last 30 days)"
        out.append(f"{m.group(1)} {m.group(2)}")
    m = re.fullmatch(rf"{_NOW} {_IN} in,? (?:or|and/or),? (within .+?),? (?:(?:have|has) )?{_PAST}(?: in)? (.+)", t)
    if m:  # "currently participating in or, within the past 28 days, have participated in another study …"
        out.append(f"participation in {m.group(2)} {m.group(1)}")
    m = re.fullmatch(rf"{_NOW} {_IN} in,? or (?:discontinuation|withdrawal) (within .+?) from,? (.+)", t)
    if m:  # "current enrollment in or discontinuation within the last 30 days from, a clinical trial …"
        out.append(f"participation in {m.group(2)} {m.group(1)}")
    m = re.fullmatch(rf"{_NOW} {_IN} in,? or (?:(?:have|has) )?{_PAST}(?: in)? (.+?) (within .+)", t)
    if m:  # "currently enrolled in or have completed any other investigational product study within 30 days"
        out.append(f"participation in {m.group(1)} {m.group(2)}")
    m = re.fullmatch(rf"{_NOW} {_IN} in (.+?),? or (?:(?:has|have) )?{_PAST} in (.+?) (within .+)", t)
    if m and _other_trial(f"participation in {m.group(1)} {m.group(3)}", "cond") is not None:
        # "currently participating in another clinical trial or has participated in a clinical trial within 30 days":
        # both trials of the kind read
        out.append(f"participation in {m.group(2)} {m.group(3)}")
    return out


def _other_trial_now(s: str, mode: str) -> _Atom | None:
    """Another trial now or within a window: the washout step of ``windows._other_trial``."""
    if not re.search(r"\b(?:trials?|stud(?:y|ies)|investigation|investigational|experimental)\b", s):
        return None
    t = re.sub(_WHO, "", s.strip(" .;,"))
    t = _IP_STUDY.sub(r"\1 drug \2", t)
    t = re.sub(r"\banother (?=(?:investigational|experimental)\b)", "an ", t)
    # "received an investigational agent or used an investigational device": the last investigational treatment
    t = re.sub(r"\b((?:investigational|experimental) (?:drug|agent|product|therapy|medication)s?) (?:or|and/or) "
               r"(?:(?:have |has )?used )?(?:an? )?(?:investigational |experimental )?devices?\b", r"\1", t)
    for text in [t, *_rewritten(t)]:
        if text == s:
            continue
        atom = _other_trial(text, mode)
        if atom is not None:
            atom.words = s
            return atom
    # "At least 30 days since prior investigational drug or device": a device tried in another trial is the last
    # investigational treatment too
    device = _IP_DEVICE.sub(r"\1 \2", s)
    if device != s:
        atom = _since_last_dose(device, mode)
        if atom is not None and "investigational_product" in str(atom.rule):
            m = _IP_DEVICE.search(s)
            step = atom.rule["step"]  # the device named again in the step's words
            step["text"] = step["text"].replace(f"of {m.group(1)} {m.group(2)} ", f"of {m.group(0)} ", 1)
            atom.words = s
            return atom
    return None


_IP_DEVICE = re.compile(r"\b(investigational|experimental) (drugs?|agents?|products?|therap(?:y|ies)|medications?) "
                        r"(?:or|and/or) (?:investigational |experimental )?devices?\b")
