"""Wording around a pregnancy or lactation statement that says no more than it (issue 16, h-people9), mined from the
dev side of the corpus:

* the reason a trial gives for excluding pregnancy or nursing: "Pregnant or lactating individuals, since the effects
  of hyperoxia on the fetus are unclear", "Patients who are pregnant or lactating; vincristine can cause fetal harm",
  "Is pregnant (because X-rays might injure a fetus)", "… because of potential toxicity to the fetus or infant". The
  reason names the harm to a fetus or a nursed child; it never changes who is excluded;
* the women the state concerns, said again: "For females, not pregnant", "Current pregnancy in females", "Pregnancy
  or nursing for female patients", "(females only)": only a woman can be pregnant or nursing, so the words change
  nothing in a rule that reads only those states (a contraception requirement "if female" is another matter: the
  words then restrict who must agree, and ``drop`` is not used for it).

``if_female`` writes a contraception or pregnancy-test requirement said "if female" ("If female, the patient must have a
negative pregnancy test prior to study entry", "Agree to practice effective methods of birth control while on the
study, if a woman") as said of the women ("women must …"), in an inclusion only, before "if" is refused.

``drop_reason`` is applied to every statement before the refused words are looked for (``propose``: "because",
"fetus" are refused in any other place); ``drop_scope`` gives the statement without the women said again (or None
when there are none), and the caller keeps its reading only when it names pregnancy or lactation alone
(``states_only``).
"""

from __future__ import annotations

from core.criteria.extract import rx as re

# what the reason says is harmed: a fetus, an embryo, a nursed child (not "pregnancy": "pregnancy as verified by a
# positive pregnancy test" is how it is found, not why it excludes)
_HARMED = (r"(?:fetus(?:es)?|foetus(?:es)?|fetal|foetal|embryos?|embryonic|unborn|infants?|newborns?|neonates?"
           r"|teratogen\w*|abortifacient|babies|baby|child|children|breast milk|offspring)")
# a clause verb: "as chemotherapy IS thought to…", "since the effects … ARE unclear" ("as well as nursing infants"
# has none, and is a list)
_VERB = (r"(?:is|are|was|were|be|been|may|might|could|can|will|would|has|have|cause[sd]?|harm\w*|pose[sd]?"
         r"|present\w*|expose[sd]?|injure\w*|unknown|unclear|not known)")
# The reason is the last clause: it runs to the end without a full stop, a semicolon or a bracket of its own ("…
# since the effect on the embryo is not known. Women with reproductive potential must …" keeps its requirement)
_REASON = re.compile(
    rf"\s*(?:[;,.:]\s*|\s+)(?:"
    # "since …", "because …", "due to …": a reason by its first word
    rf"\(?\s*(?:since|because(?: of)?|due to)\b[^();.]*?\b{_HARMED}\b[^();.]*?\)?"
    # "as …" only with a clause verb ("as well as" is no reason)
    rf"|\(?\s*as\b(?! well\b)(?=[^();.]*\b{_VERB}\b)[^();.]*?\b{_HARMED}\b[^();.]*?\)?"
    rf")\s*$")
# "; vincristine can cause fetal harm": a sentence of its own after a semicolon or a full stop; "Treatment under this
# protocol would expose an unborn child to significant risks." between two sentences too (h-repro11)
_HARM_SENTENCE = re.compile(
    rf"\s*[;.]\s*[^;.()]*?\b(?:can|may|could|might|will|would|is known to|are known to)\s+(?:(?:cause|harm|injure"
    rf"|damage|be (?:harmful|teratogenic|toxic|dangerous))\b[^;.()]*?\b{_HARMED}\b"
    rf"|expose (?:an? |the )?{_HARMED}(?: \w+)? to (?:\w+ )?risks?\b)[^;.()]*?(?=$|[;.]\s)")

# "Because there is a potential risk for adverse events in nursing infants secondary to treatment of the mother …,
# breastfeeding should also be avoided": the reason said first, up to its comma (h-repro11, the NCI wording)
_REASON_FIRST = re.compile(rf"(?:^|(?<=[;.]\s))because there is [^;.()]*?\b{_HARMED}\b[^;.()]*?,\s*(?=\S)")
# "Pregnant women are excluded from this study because the agents used in this study have the potential for
# teratogenic or abortifacient effects." followed by another sentence: the reason ends at the full stop
_REASON_MID = re.compile(rf"(?:,?\s+because\b|,\s*as\b(?! well\b)(?=[^;.()]*\b{_VERB}\b))[^;.()]*?\b{_HARMED}\b"
                         rf"[^;.()]*?(?=[;.]\s)")

_WOMEN = r"(?:females?|women|woman|female (?:patients?|subjects?|participants?))"
_FEMALE_SCOPE = re.compile(
    rf"^(?:for|in|if) (?:a |all )?{_WOMEN}\s*[,:]\s*(?=\S)"
    rf"|\s*,?\s*\(?(?:in|for|if|among) (?:a |all )?{_WOMEN}\)?\s*$"
    rf"|\s*\((?:{_WOMEN}) only\)\s*$")

_IF_FEMALE_LEAD = re.compile(r"^if (?:the (?:patient|subject|participant) is )?(?:a )?(?:female|woman)"
                             r"(?: (?:patient|subject|participant))?,\s*"
                             r"(?:(?:the )?(?:patient|subject|participant|she) )?")
_IF_FEMALE_TAIL = re.compile(r",?\s*\(?\bif (?:the (?:patient|subject|participant) is )?(?:a )?(?:female|woman)\)?\s*$")


def if_female(text: str, kind: str) -> str:
    """An inclusion's requirement said "if female" written as said of the women (unchanged otherwise)."""
    if kind != "inclusion" or not re.search(r"contracep|birth control|pregnancy test", text):
        return text
    m = _IF_FEMALE_LEAD.match(text) or _IF_FEMALE_TAIL.search(text)
    if m is None:
        return text
    rest = (text[m.end():] if m.start() == 0 else text[:m.start()]).strip(" ,;.")
    rest = re.sub(r"^(?:must|should) ", "", rest)
    rest = re.sub(r"^(?=(?:an? )?negative\b)", "have ", rest)  # "Negative urine pregnancy test (if female)"
    return f"women must {rest}" if rest else text


_STATE_FACTS = frozenset({"pregnant", "lactating", "pregnancy_planned_within_6_months"})


def drop_reason(text: str) -> str:
    """``text`` without the reason it gives for excluding pregnancy or nursing (unchanged when there is none)."""
    if not re.search(r"pregnan|lactat|nursing|breast", text):
        return text
    t = _HARM_SENTENCE.sub("", _REASON.sub("", _REASON_FIRST.sub("", text)))
    t = _REASON_MID.sub("", t).strip(" ,;.")
    # the statement must remain, and still name the state ("…, because of the risk to a nursing infant" alone: kept)
    return t if t and re.search(r"pregnan|lactat|nursing|breast", t) else text


def drop_scope(text: str) -> str | None:
    """``text`` without the women a pregnancy or nursing statement concerns said again, or None when there are
    none."""
    if not re.search(r"pregnan|lactat|nursing|breast", text):
        return None
    t = _FEMALE_SCOPE.sub("", text).strip(" ,;.")
    return t if t and t != text.strip(" ,;.") else None


def states_only(rule: dict) -> bool:
    """The rule reads pregnancy, lactation or a planned pregnancy only (any other fact: the dropped words could
    have restricted it), with questions for the clinician allowed."""
    facts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "fact" in node:
                facts.append(str(node["fact"]))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(rule)
    return bool(facts) and all(f in _STATE_FACTS for f in facts)


# "Men and women of reproductive potential may not participate unless they have agreed to use an effective
# contraceptive method" (the COG wording): they must agree to use it (h-repro11)
_UNLESS_AGREED = re.compile(r"\b(?:may|can|will|shall) not (?:participate|take part|be (?:enrolled|entered|included"
                            r"|eligible))(?: (?:in|on) (?:this|the) (?:study|trial))? unless (?:they|she|he) "
                            r"(?:have |has )?(?:agreed|agrees?) to (?=use\b|practi[cs]e\b)")


def unless_agreed(text: str) -> str:
    """``text`` with "may not participate unless they have agreed to use …" written "must agree to use …"."""
    return _UNLESS_AGREED.sub("must agree to ", text) if "contracep" in text or "birth control" in text else text


# "…; should a woman become pregnant or suspect she is pregnant while participating in this study, she should inform
# her treating physician immediately" (the NCI wording): what happens during the study, no eligibility (h-repro11)
_CONDUCT = re.compile(r"\s*[;.]\s*(?:should|if) (?:a woman|she|a (?:female )?(?:patient|participant|subject)|the "
                      r"(?:patient|participant|subject))(?:'s partner)? becomes? pregnant(?: or suspects? (?:that )?"
                      r"(?:she is|she may be) pregnant)?(?: while (?:participating|enrolled|on|in|taking part)"
                      r"[^,;.()]*)?,\s*(?:she|he|they|the (?:patient|participant|subject)) (?:should|must|will|is to)"
                      r" (?:immediately )?(?:inform|notify|tell|contact) (?:her|his|their|the) (?:treating |study )?"
                      r"(?:physician|doctor|investigator|study team)(?: immediately)?\s*\.?$")


def drop_conduct(text: str) -> str:
    """``text`` without a last sentence on what a woman who becomes pregnant during the study must do."""
    t = _CONDUCT.sub("", text)
    return t if t.strip(" .;") else text
