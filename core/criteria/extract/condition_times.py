"""The words around a condition mention that the condition reader (``vocab_atoms._vocab_condition``)
turns into time and exceptions, split off the statement before the mentions are read.

* a window: "within the past 5 years", "in the last 6 months prior to screening", "diagnosed within
  3 years" — the most recent diagnosis of the condition (or one below it) falls inside it
  (``condition_recent_years:<id> < N``);
* a duration: "for at least 2 years", "diagnosed >= 6 months before screening", "disease duration of
  >= 1 year" — the first diagnosis is at least that old (``condition_years:<id> >= N``, in years with
  their fraction: 6 months is 0.5, 24 weeks 0.4600);
* exceptions: "except / other than / excluding / with the exception of Y, Z": conditions below the one
  named (checked against the vocabulary's hierarchy by the reader), each left out of the rule.

Every pattern is anchored at the end of the statement, so a word not accounted for stays in the
body and the reader refuses it.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.criteria.extract import rx as re
from core.criteria.extract.anchors import ANCHOR

# what a window or duration counts back from: the shared list (anchors.py)
_ANCHOR = rf"(?:\s+(?:prior to|before|preceding|of)\s+(?:{ANCHOR}))?"
# "within the past 5 years", and with no number "within the past year" (one)
_WINDOW = re.compile(
    r"\s*,?\s+(?:diagnosed\s+|treated\s+)?(?:within|in|during)\s+(?:the\s+)?(?:(?:last|past|previous|preceding|prior)?\s*"
    r"(\d+|one|two|three|four|five|six|ten|twelve)\s*(days?|weeks?|months?|years?)|(?:last|past|previous|preceding|prior)"
    r"\s+(day|week|month|year))" + _ANCHOR + r"$")
# "up to 6 months prior to trial entry": a window only with what it counts back from (without it, "up to" may be
# a duration or an age)
# ("no more than 6 months before screening" is normalised to "<= 6 months")
_UP_TO = re.compile(r"\s*,?\s+(?:up to|<=)\s*(\d+|one|two|three|four|five|six|ten|twelve)\s*"
                    r"(days?|weeks?|months?|years?)\s+(?:prior to|before|preceding)\s+(?:" + ANCHOR + r")$")
_YEARS = {"day": 1 / 365.25, "week": 7 / 365.25, "month": 1 / 12, "year": 1.0}
_DURATION = re.compile(
    r"\s*,?\s+(?:(?:diagnosed|present|documented|with a (?:disease )?duration of|(?:disease )?duration(?: of)?|for"
    r"|(?:persisting|lasting) for|of)\s+)?(?:>=|>)\s*(\d+|one|two|three|four|five|six|ten|twelve)\s*"
    r"(years?|months?|weeks?)"
    r"(?:\s+(?:duration|in duration|since diagnosis))?" + _ANCHOR + r"$")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "ten": 10, "twelve": 12}
_EXCEPT = re.compile(r"\s*[,;(]?\s*(?:with the exception of|except(?:ing| for)?|other than|excluding|apart from"
                     r"|but not)\s+(.+?)\)?$")
# a qualifier of an exception the rule does not hold ("adequately treated basal cell carcinoma"): it only
# narrows the exception, so dropping it never excludes a patient the criterion admits
_EXCEPT_QUALIFIER = re.compile(r"(?:^|(?<=,\s)|(?<=\sor\s)|(?<=\sand\s))(?:adequately|curatively|successfully"
                               r"|completely|surgically|effectively|satisfactorily|appropriately)?\s*(?:treated"
                               r"|resected|excised|cured)\s+")
# "localized" is NOT such a qualifier: a stage, not a treatment status; "except localized prostate cancer" read as
# any prostate cancer excepts a metastatic one the criterion excludes (audit h-judge7, seed 5156), so the exception
# stays unread and the item with it


# both forms named together are the condition itself: "episodic or chronic cluster headache"
BOTH_FORMS = re.compile(r"^(?:episodic (?:or|and/or) chronic|chronic (?:or|and/or) episodic|acute (?:or|and/or) chronic"
                        r"|chronic (?:or|and/or) acute)\s+")



@dataclass(frozen=True)
class ConditionTime:
    """What the words after the mentions say: a window or a duration (in years), and exceptions."""

    body: str
    within_years: float | None = None
    at_least_years: float | None = None
    exceptions: str = ""  # the words naming the exceptions, read by the caller as mentions


def _number(word: str) -> int:
    return _NUMBERS.get(word) or int(word)


# the duration written first: "at least a 1-year history of migraine", ">= 6 months duration of fibromyalgia"
_DURATION_FIRST = re.compile(r"^(?:(?:has|have|with)\s+)?(?:>=|>)\s*(?:an?\s+)?"
                             r"(\d+|one|two|three|four|five|six|ten|twelve)[\s-]*(years?|months?|weeks?)[\s-]+(?:history|duration)\s+of\s+(?=[a-z])")
# both forms named after the condition are the condition itself: "migraine (with or without aura)"
_BOTH_FORMS_AFTER = re.compile(r"\s*(?:,\s*|\(\s*)?(?:either\s+)?(?:episodic or chronic|chronic or episodic"
                               r"|with or without aura|with/without aura)\s*\)?$")


def split_time(text: str) -> ConditionTime | None:
    """The statement without its trailing window, duration and exceptions; None when one is
    there but not usable."""
    body, exceptions = text, ""
    first = _DURATION_FIRST.match(body)
    if first:  # read as the same duration written last
        body = f"{_BOTH_FORMS_AFTER.sub('', body[first.end():])} for >= {first.group(1)} {first.group(2)}"
    body = _BOTH_FORMS_AFTER.sub("", body)
    # "cancer (other than non-melanoma skin cancer) within the past 5 years": the exception moved last
    inner = re.search(r"\s*\(((?:with the exception of|except(?: for)?|other than|excluding) [^()]+)\)\s*(?=\S)", body)
    if inner:
        body = f"{body[: inner.start()]} {body[inner.end():]} {inner.group(1)}"
    m = _EXCEPT.search(body)
    if m:
        body, exceptions = body[: m.start()].strip(" ,;"), _EXCEPT_QUALIFIER.sub("", m.group(1)).strip(" ,;")
        exceptions = re.sub(r"\bcutaneous (?=basal cell)", "", exceptions)  # a basal cell carcinoma is a skin one
    within = at_least = None
    w = _WINDOW.search(body) or _UP_TO.search(body)
    if w:
        n, unit = (_number(w.group(1)), w.group(2).rstrip("s")) if w.group(1) else (1, w.group(3))
        within = n if unit == "year" else round(n * _YEARS[unit], 4)
        body = body[: w.start()].strip(" ,")
    else:
        d = _DURATION.search(body)
        if d:
            n, unit = _number(d.group(1)), d.group(2).rstrip("s")
            at_least = n if unit == "year" else round(n * _YEARS[unit], 4)
            body = body[: d.start()].strip(" ,")
    return ConditionTime(body, within, at_least, exceptions)
