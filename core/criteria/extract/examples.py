"""Example lists that only illustrate the concept before them: "ischemic coronary artery disease
including prior myocardial infarction", "TNF inhibitors (e.g., infliximab, adalimumab)".

"including", "such as", "e.g." and "for example" are refused words (``normalise._REFUSE``): an example
list may widen a concept ("cardiac disease including hypertension", where hypertension is not a
cardiac disease in the vocabulary) or name things the extractor cannot check. When every example is
itself a concept of the same vocabulary at or below the concept named right before the list, the list
changes nothing: the concept already covers them, and the criterion reads as that concept alone (the
broader reading, as issue 16 asks of an ambiguous term). Anything else is left as written, so the
refusal stands. "i.e." is not an example list (it defines what is meant) and is never dropped.
"""

from __future__ import annotations

from core.criteria.extract import concepts, drug_examples
from core.criteria.extract import rx as re

_WORDS = r"(?:including|such as|e\.?\s?g\.?,?|for example,?|for instance,?)"
# "(e.g., A, B)" anywhere, or ", including A and B" / " such as A or B" at the end
_BRACKETED = re.compile(rf"\s*[\(\[]\s*{_WORDS}\s+(?P<ex>[^()\[\]]+?)\s*[\)\]]")
_TRAILING = re.compile(rf"\s*,?\s+{_WORDS}\s+(?P<ex>[^()\[\];:]+?)\s*\.?$")
# ", such as A, B or C, within 30 days prior to study entry": the same list before a time window (h-treat9)
_BEFORE_WINDOW = re.compile(rf"\s*,?\s+{_WORDS}\s+(?P<ex>[^()\[\];:]+?)\s*,?"
                            r"(?=\s+(?:within|in the (?:past|last|previous)|during the)\s)")
_SPLIT = re.compile(r"\s*(?:,|;|/|\bor\b|\band\b|\band/or\b)\s*")
_ARTICLE = re.compile(r"^(?:a|an|the|any|prior|previous|history of|known)\s+")
_KINDS = ("condition", "drug")


def _covers(kind: str, broader: str, narrower: str) -> bool:
    if kind == "condition":
        from core.vocab import conditions

        return conditions.covers(broader, narrower)
    from core.vocab import drugs

    return drugs.is_a(narrower, broader)


def _head(before: str) -> concepts.Mention | None:
    """The concept named right before the example list (ending where the list starts)."""
    found = concepts.find(before, kinds=_KINDS)
    if not found:
        return None
    last = found[-1]
    return last if not before[last.end:].strip(" ,") else None


def _all_covered(head: concepts.Mention, examples: str) -> bool:
    pieces = [p for p in _SPLIT.split(examples.strip(" .")) if p and p not in ("etc", "etc.")]
    if not pieces:
        return False
    for piece in pieces:
        example = concepts.whole(_ARTICLE.sub("", piece), kinds=(head.kind,))
        if example is None or not _covers(head.kind, head.concept_id, example.concept_id):
            return False
    return True


# "highly effective contraception (e.g., intrauterine device, hormonal contraception, condom with spermicide)":
# examples of a method of contraception, each itself a method, say how and not whether (issue 16)
_CONTRACEPTION_HEAD = re.compile(r"(?:contraception|contraceptives?(?: methods?| measures)?|birth control(?: methods?)?"
                                 r"|(?:methods?|forms?|means) of (?:\w+ )*(?:contraception|birth control))$")
_METHOD_WORDS = re.compile(
    r"(?:(?:a|an|the|any|other|combined|oral|hormonal|barrier|double[- ]barrier|non-?hormonal|highly effective"
    r"|effective|male|female|copper|implanted|injectable|transdermal|vaginal|sexual|true|total|complete"
    r"|surgical|bilateral|tubal|intrauterine|plus|with|and|or|of|s)\s*|condoms?\s*|spermicid\w*\s*|diaphragms?\s*"
    r"|cervical caps?\s*|sponges?\s*|iuds?\s*|iuss?\s*|devices?\s*|systems?\s*|pills?\s*|contraceptives?\s*"
    r"|contraception\s*|birth control\s*|implants?\s*|injections?\s*|patch(?:es)?\s*|rings?\s*|abstinence\s*"
    r"|sterili[sz]ation\s*|vasectomy\s*|ligation\s*|methods?\s*|foam\s*|gel\s*|jelly\s*|[,;/+]\s*)+")


def _drop_method_examples(text: str) -> str:
    """``text`` without a bracketed example list of contraceptive methods after a method of contraception."""
    for m in _BRACKETED.finditer(text):
        if _CONTRACEPTION_HEAD.search(text[:m.start()].rstrip()) and _METHOD_WORDS.fullmatch(m.group("ex").strip(" .")):
            return (text[:m.start()] + text[m.end():]).strip()
    return text


def drop_covered_examples(text: str) -> str:
    """``text`` without the example lists its concepts already cover (unchanged when there is none)."""
    text = _drop_method_examples(text)
    for pattern in (_BRACKETED, _TRAILING, _BEFORE_WINDOW):
        while True:
            changed = False
            for m in pattern.finditer(text):
                head = _head(text[:m.start()])
                if head is not None and _all_covered(head, m.group("ex")):
                    text = (text[:m.start()] + text[m.end():]).strip()
                    changed = True
                    break
                # drugs named as examples that the class does not hold: kept beside it (drug_examples.py)
                folded = None if head is None else drug_examples.fold(text[:m.start()], head, m.group("ex"),
                                                                       text[m.end():])
                if folded is not None:
                    text = folded
                    changed = True
                    break
            if not changed:
                break
    return text
