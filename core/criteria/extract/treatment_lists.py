"""Statement reader for one time window over a list of treatments that mixes drugs and procedures:
"radiotherapy or chemotherapy within the last 4 weeks", "major surgery or radiation therapy within 4 weeks
prior to the first study dose", "have received interferons, radiation, cytotoxic chemotherapy, or HIV vaccines
within 30 days prior to study entry".

The drug readers (``treatments.py``) read a list of drugs with one window and the procedure readers
(``procedures.py``) a list of procedures; a list holding both is left to neither. Here each part is read by
its own reader with the list's window put after it, and the parts are joined by "or" (any of them in the
window excludes). Only an exclusion (or a negated inclusion): the parts are things to wait out, each its own
step. Precision first: every part must be a whole drug or procedure name (no qualifier the vocabularies do
not hold, "palliative radiotherapy", "chemotherapy (including hydroxyurea)"), the list must be joined by
"or" / commas ("chemotherapy and radiotherapy within 4 weeks": both, or either?), and the window must be one
the window grammar reads.

The same list without a window but with words that say "ever had" ("No prior chemotherapy or radiotherapy",
"Patients who have had prior chemotherapy or radiation therapy", "must not have been previously treated with
chemotherapy or radiation therapy") is read as ever received or undergone (``_mixed_ever``); a broad procedure
group ("prior surgery", read by ``procedures`` only with a window) or any word after the list ("for this
cancer") gives no rule.
"""

from __future__ import annotations

from core.criteria.extract import concepts
from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.drug_names import drug_ids
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.procedures import _NO_EVER, _procedure
from core.criteria.extract.rule import _any, _yes
from core.criteria.extract.treatments import _vocab_drug, split_window

# how the list is introduced: "have received", "treatment with", "prior", "patients who have had"
_LEAD = re.compile(r"^(?:(?:have|has)\s+(?:had|received|undergone|been\s+treated\s+with)\s+|(?:had|received|"
                   r"underwent)\s+|(?:treatment|therapy)\s+with\s+|receipt\s+of\s+|(?:any\s+)?(?:prior|previous)\s+)")
_PARTS = re.compile(r"\s*(?:,\s*(?:or|and/or)\s+|,\s*|\s+(?:or|and/or)\s+)\s*")
_USE_NOUN = re.compile(r"\s+(?:therapy|therapies|treatments?|agents?)$")


def _part_kind(part: str) -> str | None:
    """ "drug" or "procedure" when the part is wholly one drug (or class) or one procedure, else None."""
    if drug_ids(part) is not None or drug_ids(_USE_NOUN.sub("", part)) is not None:
        return "drug"
    if concepts.whole(part, kinds=("procedure",)) is not None:
        return "procedure"
    return None


def _mixed_window(s: str, mode: str) -> _Atom | None:
    """Drugs and procedures in one list under one window, each read with that window: any of them."""
    if mode != "cond":
        return None
    t = _strip_subject(_drop_acronyms(s.strip()))
    t = _LEAD.sub("", t)
    split = split_window(t)
    if split is None or split[1] is None:
        return None
    body = split[0]
    window_words = t[len(body):].strip()
    if re.search(r"[()]|\band\b|\bother\b|\bexcept|\bincluding\b", body):
        return None
    mixed = _mixed_parts(body)
    if mixed is None:
        return None
    parts, kinds = mixed
    rules = []
    for part, kind in zip(parts, kinds, strict=True):
        reader = _vocab_drug if kind == "drug" else _procedure
        atom = reader(f"{part} {window_words}", mode)
        if atom is None:
            return None
        rules.append(atom.rule)
    return _Atom(_any(*rules), "mixed_window", confidence=0.8, words=s)


# "ever" said in so many words: "prior", "previous(ly)", "have had", "received", "treated with", "history of"
_EVER_LEAD = re.compile(
    r"^(?:(?:have|has)\s+)?(?:(?:previously|ever)\s+)?(?:been\s+)?(?:previously\s+)?"
    r"(?:(?:had|received|undergone|underwent|treated\s+with)\s+)?(?:any\s+)?(?:(?:prior|previous)\s+)?"
    r"(?:(?:treatment|therapy)\s+with\s+)?")
_EVER_WORD = re.compile(r"\b(?:prior|previous(?:ly)?|had|received|undergone|underwent|treated|ever)\b")


def _mixed_ever(s: str, mode: str) -> _Atom | None:
    """Drugs and procedures in one list said to have been received or undergone ever: any of them. Only as a
    condition (an exclusion, or the negation of "No prior …" in an inclusion)."""
    if mode != "cond":
        return None
    t = _strip_subject(_drop_acronyms(s.strip()))
    t = re.sub(r"^(?:a\s+)?history\s+of\s+", "previous ", t)
    lead = _EVER_LEAD.match(t)
    if not lead or not _EVER_WORD.search(lead.group(0)):
        return None
    body = t[lead.end():]
    if re.search(r"[()]|\band\b|\bother\b|\bexcept|\bincluding\b|\bfor\b|\bwithin\b|\bsince\b", body):
        return None
    mixed = _mixed_parts(body)
    if mixed is None:
        return None
    parts, kinds = mixed
    rules = []
    for part, kind in zip(parts, kinds, strict=True):
        if kind == "drug":
            read = drug_ids(part) or drug_ids(_USE_NOUN.sub("", part))
            rules += [_yes(f"drug_ever:{i}") for i in read[0]]
            continue
        found = concepts.whole(part, kinds=("procedure",))
        if found is None or found.concept_id in _NO_EVER:
            return None  # "prior surgery": surgery for something left unsaid (``procedures``)
        rules.append(_yes(f"procedure:{found.concept_id}"))
    return _Atom(_any(*rules), "mixed_ever", confidence=0.8, words=s)


def _mixed_parts(body: str) -> tuple[list[str], list[str]] | None:
    """The parts of an "or" list of 2 to 8 items and each one's kind, when the list mixes drugs and procedures
    (all drugs or all procedures: their own readers); None otherwise."""
    parts = [p.strip() for p in _PARTS.split(body) if p.strip()]
    if len(parts) < 2 or len(parts) > 8 or not re.search(r"\b(?:or|and/or)\b", body):
        return None
    kinds = [_part_kind(p) for p in parts]
    if None in kinds or set(kinds) != {"drug", "procedure"}:
        return None
    return parts, [k for k in kinds if k is not None]
