"""Provisos after a lab or performance-score threshold (issue 16, task h-labs9): the PDQ oncology lines
"Bilirubin less than 2.0 mg/dL (unless due to disease)", "Platelet count at least 100,000/mm3 (except for cases of
bone marrow infiltration by tumor)", "Creatinine no greater than 1.5 mg/dL unless attributable to malignancy" and the
looser threshold for a named circumstance, "SGOT no greater than 3 times ULN (no greater than 5 times ULN if liver
involvement)", "Total bilirubin <= 1.5 x ULN (<= 3 x ULN for patients with Gilbert's syndrome)".

The proviso is split off before the refusals ("unless", "if", "due to" are refused words) and put back on the
threshold's reading, never dropped:

* an exception ("unless …", "except for cases of …") is a clinician question quoting it: to include, the threshold
  is met or the exception applies; to exclude, the threshold is crossed and the exception does not apply;
* a looser threshold for a circumstance: the threshold is met, or the circumstance holds and the looser one is met.
  Only in a requirement.

The exception or circumstance is a condition fact when its words are only that condition, with no cause ("due to",
"secondary to") and no qualifier: Gilbert's syndrome ("unless history of Gilbert's disease", "except in Gilbert's
syndrome"), liver metastases, a tumour in the liver ("if liver tumor present", "if tumor involves liver"; the
``liver_neoplasm`` concept, primary or metastatic). Anything else, bare "liver involvement" included (a lymphoma's or
a leukaemia's is no liver neoplasm by its codes), is a question quoting the words (task h-partial10).

Only readings of labs and performance scores take a proviso (``applies``); anything else keeps the refusal. The
liver-metastases bracket is mostly read by ``lab_exceptions`` (``normalise`` rewrites its "if" first); the words it
leaves ("in case of hepatic metastases") read the same fact here.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.criteria.extract import rx as re
from core.criteria.extract.rule import _all, _any, _part_question, _yes, negate

# the words of an exception: no number (a threshold of its own), no clause of another kind, not a person's say-so
_WHY = r"[a-z][a-z' ,/-]*?"
_BAD_WHY = re.compile(r"\d|;|\b(?:investigator|physician|pi|permission|discuss|consult|coordinator|sponsor|approv"
                      r"|unless|except|if|not)\b")
_EXCEPTION = re.compile(
    rf"(?P<base>.+?)\s*,?\s*(?:\(\s*(?:exception\s*:\s*)?(?P<bw>(?:unless|except (?:(?:for |in )?cases? "
    rf"(?:of|where|when) |when |in patients with |with |in ))\s*{_WHY})\s*\)|(?P<w>unless\s+{_WHY}))")
_LOOSER = re.compile(
    r"(?P<base>.+?)\s*\(\s*(?:(?P<op><=|<)\s*)?(?P<val>\d+(?:\.\d+)?)\s*(?P<unit>x uln|mg/dl)\s*(?:is |are )?"
    rf"(?:allowed |permitted |acceptable )?(?P<when>(?:if|for patients with|in patients with|in case of|in cases of|for"
    rf"|when)\s+(?P<why>{_WHY}))\s*\)")
_STRICT = re.compile(r"(?P<head>.+?)\s*(?P<op><=|<)\s*(?P<val>\d+(?:\.\d+)?)\s*(?P<unit>x uln|mg/dl)")
_GILBERT = re.compile(r"(?:(?:patients|those|subjects) with |known |documented |a history of |history of )*"
                      r"gilbert'?s?(?: syndrome| disease)?")

_METASTASES = re.compile(r"(?:known |documented |proven )?(?:liver|hepatic) metastas[ie]s(?: (?:is|are) present)?")
# a tumour in the liver, primary or metastatic, named as a tumour: "if liver tumor present", "if tumor involves liver",
# "unless liver involvement by tumor" (h-partial10). Bare "liver involvement" may be a lymphoma's or a leukaemia's
# (not a liver neoplasm's codes): it stays a question, like any cause ("due to …").
_LIVER_TUMOUR = re.compile(
    r"(?:known |documented |proven )?(?:(?:liver|hepatic) (?:tumou?rs?|neoplasms?)|(?:the )?tumou?r involves (?:the )?"
    r"liver|(?:the )?liver (?:involvement|is involved|involved) by (?:the )?"
    r"(?:tumou?r|cancer|malignancy|metastas[ie]s))")
# the words before an exception's condition: "unless (there is a) (known) history of Gilbert's disease"
_EXCEPT_LEAD = re.compile(r"^(?:unless|except (?:(?:for |in )?cases? (?:of|where|when) |when |in patients with "
                          r"|with |in |for patients with |for )?)\s*(?:(?:there is |patients have |the patient has )?"
                          r"(?:an? )?(?:(?:known|documented|prior) )?(?:history of )?)?")


def _condition_of(why: str) -> dict | None:
    """The condition fact a proviso's circumstance names, when the words are only that condition (no cause, no
    qualifier): Gilbert's syndrome, liver metastases, a tumour in the liver."""
    why = re.sub(r"\s+(?:is |are )?present$", "", why)
    if _GILBERT.fullmatch(why):
        return _yes("condition:gilbert_syndrome")
    if _METASTASES.fullmatch(why):
        return _yes("condition:liver_metastases")
    if _LIVER_TUMOUR.fullmatch(why):
        return _yes("condition:liver_neoplasm")
    return None


@dataclass(frozen=True)
class Proviso:
    words: str  # as written (normalised), quoted in the question
    loose: str | None = None  # the statement with the looser threshold, for a looser-threshold proviso
    circumstance: str | None = None  # the words naming when the looser threshold holds


def split(t: str) -> tuple[str, Proviso | None]:
    """The statement without its proviso, and the proviso (None when there is none this module reads)."""
    if not re.search(r"\bunless\b|\bexcept\b|\(\s*(?:<=|<)?\s*\d", t):
        return t, None
    m = _LOOSER.fullmatch(t)
    if m and not _BAD_WHY.search(m.group("why")):
        strict = _STRICT.fullmatch(m.group("base"))
        op = m.group("op") or (strict.group("op") if strict else "<=")
        if strict and strict.group("unit") == m.group("unit") and op == strict.group("op") \
                and float(m.group("val")) > float(strict.group("val")):
            loose = f"{strict.group('head')} {op} {m.group('val')} {m.group('unit')}"
        elif not strict and m.group("unit") == "x uln" and re.fullmatch(r".+? normal", m.group("base")) \
                and float(m.group("val")) > 1:  # "transaminases normal (<= 2.5 x uln if …)"
            loose = f"{m.group('base')[: -len(' normal')]} {op} {m.group('val')} x uln"
        else:
            return t, None
        return m.group("base"), Proviso(m.group("when"), loose, m.group("why"))
    m = _EXCEPTION.fullmatch(t)
    if not m:
        return t, None
    words = (m.group("bw") or m.group("w")).strip()
    why = re.sub(r"^(?:unless|except)\s*", "", words)
    if len(why) < 3 or _BAD_WHY.search(why) or re.search(r"\bunless\b|\bexcept\b|\bif\b", m.group("base")):
        return t, None
    return m.group("base"), Proviso(words)


def applies(names: list[str]) -> bool:
    """Whether a reading (its pattern names) is a lab or performance-score threshold, the only kind taking one."""
    return bool(names) and all(n.startswith("lab:") or n in ("ecog", "karnofsky", "lansky") for n in names)


def apply(rule: dict, proviso: Proviso, mode: str, read) -> dict | None:
    """``rule`` (the threshold's reading in ``mode``) with the proviso put back; ``read`` reads a statement in that
    mode (for the looser threshold). None when the proviso cannot be put back."""
    if proviso.loose is None:
        why = _EXCEPT_LEAD.sub("", proviso.words).strip()
        question = _condition_of(why) if re.fullmatch(r"unless .+|except (?:in|with|for) .+", proviso.words) \
            else None
        question = question or _part_question(proviso.words, "exception")
        return _any(rule, question) if mode == "req" else _all(rule, negate(question))
    if mode != "req":
        return None
    loose = read(proviso.loose)
    if loose is None:
        return None
    when = _condition_of(proviso.circumstance or "") or _part_question(proviso.words, "exception")
    return _any(rule, _all(when, loose.rule))
