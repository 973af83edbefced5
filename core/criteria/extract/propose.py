"""Reading one criterion: ``propose_rule`` (polarity by kind), ``why_no_rule``, and the cached reader the tree
reader (``propose_tree.propose_rules``) calls for each item with its lead-ins put in."""

from __future__ import annotations

import copy
import dataclasses
from functools import lru_cache
from typing import Any

from core.criteria.extract import (
    concepts,
    covered_parts,
    enumerated,
    evidence_kinds,
    examples,
    footnotes,
    glosses,
    half_lives,
    lab_lines,
    lab_provisos,
    member_windows,
    organ_leads,
    polarity_tails,
    reproduction_wording,
    score_leads,
    stable_doses,
    stable_if,
    vaccine_notes,
)
from core.criteria.extract import rx as re
from core.criteria.extract.logic import _read_body
from core.criteria.extract.normalise import (
    _EXCLUDED_SUFFIX,
    _NEG_PREFIX,
    _PERMISSIVE_WORDS,
    _REFUSE,
    _REQUIREMENT_WORDS,
    _clean_end,
    _drop_any_sex,
    _norm,
    glued_items,
    names_a_regimen,
)
from core.criteria.extract.people import _compliance, _consent, _pregnancy
from core.criteria.extract.rule import Proposal, _all, describe_rule, has_step, negate
from core.criteria.split import unescape_markdown
from core.matching.rules import rule_problems
from core.trial_record import EXCLUSION, INCLUSION

# ---------------------------------------------------------------------------------------
# the public readers


def propose_rule(text: str, kind: str) -> Proposal | None:
    """A rule for one criterion the extractor understands, or None."""
    return _cached(text, kind)[0]


def _cached(text: str, kind: str) -> tuple[Proposal | None, bool]:
    """``_propose`` once per normalised text: "Pregnant or breastfeeding women" in 500 trials is read once.
    Each caller gets its own copy of the rule (callers may edit it)."""
    key = " ".join((text or "").split())
    proposal, positive = _propose_once(key, kind)
    if proposal is not None:
        proposal = dataclasses.replace(proposal, rule=copy.deepcopy(proposal.rule))
    return proposal, positive


@lru_cache(maxsize=50_000)
def _propose_once(text: str, kind: str) -> tuple[Proposal | None, bool]:
    with concepts.reading(text):  # abbreviations written in their own case count in the lower-cased copy
        return _propose(text, kind)


def why_no_rule(text: str, kind: str) -> str:
    """Plain words for why ``propose_rule`` gives no rule (call it only when it gives none)."""
    if kind not in (INCLUSION, EXCLUSION):
        return f"unknown kind {kind!r}: inclusion or exclusion"
    if not text or not text.strip():
        return "the criterion is empty"
    if re.search(r"(?::|--|：)\s*$", text):
        return "a heading or lead-in: its meaning is in the items under it"
    if footnotes.marked(text):
        return ("a footnote mark (\u201c*\u201d) points to a note printed elsewhere, often an exception (\u201c*Unless "
                "attributable to disease\u201d) that is not read with the item: asked of the clinician")
    t = _clean_end(examples.drop_covered_examples(_norm(text)))
    if len(t) > 400:
        return "too long to be read as one statement"
    if names_a_regimen(t):
        return ("a regimen named by its abbreviation after its drugs (\u201cMOPP\u201d): each drug on its own is "
                "not the regimen: asked of the clinician")
    refused = _REFUSE.search(polarity_tails.restate(t))  # "… will not be considered for inclusion": no refusal
    if refused:
        return (f"the words \u201c{refused.group(0).strip()}\u201d change the meaning in a way the extractor "
                "does not model (judgement, a condition, an example list, a scope …): asked of the clinician")
    return "no part of it is a statement the extractor understands in full: asked of the clinician"


# A label naming the organ whose function the item's thresholds measure, or the PDQ therapy topics "Prior/Concurrent
# Therapy:" and "Biologic:", printed before a whole statement: the item reads on its own, as under a heading of the
# same words ("Liver function tests: ALT/AST less than 1.2 times upper limit of normal", "Renal dysfunction: creatinine
# > 1.8 mg/dl", "Abnormal cardiac function: LVEF < 50%"). A colon only. Other prefixes stay unread: most name a group
# or a part of the study ("Donor:", "Track I:", "Joint MRI:") or change the meaning ("Allowed:"). (h-gap7)
_ORGAN_LABEL = re.compile(
    r"^(?:prior\s*/\s*concurrent therapy|prior concurrent therapy|biologic"
    r"|(?:liver|renal|kidney|hepatic) function(?: tests?)?|abnormal (?:cardiac|hepatic|liver|renal|kidney) function"
    r"|(?:hepatic|liver|renal|kidney|bone marrow|cardiac) (?:dysfunction|impairment))\s*:\s*(?=\S)")


def _propose(text: str, kind: str, provisos: bool = True, members: bool = True) -> tuple[Proposal | None, bool]:
    """The proposal, and whether it is a positive inclusion requirement (not a negated condition). ``provisos``:
    whether a lab threshold's proviso is split off (``lab_provisos``); read again without when it is not a lab's.
    ``members``: whether a members' longer washout in a bracket is split off (``member_windows``); read again without
    when it does not apply (another reader may know the bracket: "(1 day for hydroxyurea)", an exception)."""
    if kind not in (INCLUSION, EXCLUSION) or not text or not text.strip():
        return None, False
    if footnotes.marked(text):  # "Bilirubin <= 3 x ULN*": the note ("*Unless attributable to disease") is elsewhere
        return None, False
    items = glued_items(text) if kind == INCLUSION else [text]  # the glued PDQ items are all "Other:" inclusions
    if len(items) == 1 and kind == INCLUSION:
        items = lab_lines.split(text)  # "Hepatic: Bilirubin <= 2 mg/dL AST <= 3 times normal Renal: …" (PDQ)
    if len(items) > 1:
        return _glued(items, kind)
    if re.search(r"(?::|--|：)\s*$", text):
        return None, False  # a lead-in or heading: its meaning is in the items under it
    numbered = enumerated.read(text, kind, propose_rule)  # "… the following criteria i) …; ii) …"
    if numbered is not None:
        return _numbered(text, kind, *numbered)
    t = _clean_end(_norm(text))
    t = re.sub(r"^(?:for all (?:patients|subjects|participants|groups)\s*:\s*|all (?:patients|subjects)\s*:\s*"
               r"|(?:hematopoietic|haematopoietic|hepatic|renal|cardiovascular|pulmonary|other|performance status"
               r"|age|sex|gender|demographics?|laboratory|labs?)\s*(?::|--|-)\s*)", "", t)
    # a PDQ treatment topic printed before its item ("Radiotherapy: At least 4 weeks since prior radiotherapy"): the
    # item is whole on its own, as under the heading of the same words (leadins: a neutral heading); a colon only
    t = re.sub(r"^(?:radiotherapy|radiation therapy|chemotherapy|surgery|biologic therapy|endocrine therapy"
               r"|hormonal therapy|immunotherapy)\s*:\s*(?=\S)", "", t)
    t = _ORGAN_LABEL.sub("", t)  # "Liver function tests: ALT/AST < 1.2 x ULN" (see _ORGAN_LABEL)
    t = _clean_end(_drop_any_sex(t))
    t = score_leads.drop_lead(t)  # "inactive disease SLEDAI <= 4", "active disease defined as SLEDAI-2K >= 6"
    t = evidence_kinds.drop_kinds(t, kind)  # "no clinical or laboratory evidence of X" when X is read as now
    t = organ_leads.drop_lead(t, kind)  # "impaired renal function (creatinine > 1.5 mg/dl)": its definition
    t = re.sub(r"^eligible (?:patients|subjects|participants)\s+", "", t)  # "Eligible patients must not …"
    t = polarity_tails.restate(t)  # "… will not be considered for inclusion into the trial": "… are excluded"
    t = vaccine_notes.drop_note(t)  # "live vaccines within 60 days. Note: killed vaccines do not exclude …"
    t = _clean_end(examples.drop_covered_examples(t))  # "X including Y" where X covers Y: X
    t = glosses.drop_glosses(t)  # "systemic sclerosis (scleroderma)": the bracket restates the condition
    t = reproduction_wording.drop_reason(t)  # "pregnant or nursing, since … the fetus": why, not who
    t = reproduction_wording.drop_conduct(t)  # "…; should a woman become pregnant …, she should inform …"
    t = reproduction_wording.if_female(t, kind)  # "If female, the patient must have a negative pregnancy test"
    t = reproduction_wording.unless_agreed(t)  # "… may not participate unless they have agreed to use …"
    t, half = half_lives.split(t)  # "within 30 days or 5 half-lives, whichever is longer": put back below
    # "… since prior chemotherapy (6 weeks for nitrosoureas)": put back below
    t, longer = member_windows.split(t) if members else (t, None)
    t, stable = stable_doses.split(t) if kind == INCLUSION else (t, None)  # "stable dose of X for 4 weeks"
    # "X allowed if the dose has been stable for 4 weeks": the period asked only of a patient taking X
    t, stable_when = stable_if.split(t) if kind == INCLUSION and stable is None else (t, None)
    # "bilirubin < 2 mg/dl (unless due to disease)": the proviso is put back below
    t, proviso = lab_provisos.split(t) if provisos else (t, None)
    if not t or len(t) > 400 or _REFUSE.search(t) or names_a_regimen(t):
        return None, False
    if t.endswith((" or", " and", ":")):
        return None, False
    negate_rule = False
    mode = "cond" if kind == EXCLUSION else "req"
    suffix = _EXCLUDED_SUFFIX.search(t)
    if suffix:
        t = _clean_end(t[: suffix.start()])
        t = re.sub(r"^(?:patients|subjects|participants|individuals|women|females)\s+(?:with|who (?:are|have|has)"
                   r"(?: had)?)\s+", "", t)
        if kind == INCLUSION:
            negate_rule, mode = True, "cond"
        if _NEG_PREFIX.match(t) and _NEG_PREFIX.match(t).end() > 0:
            return None, False
    if kind == INCLUSION and not suffix:
        m = _NEG_PREFIX.match(t)
        if m and m.end() > 0:
            t = _clean_end(t[m.end():])
            negate_rule, mode = True, "cond"
    if kind == EXCLUSION:
        # "Patients who are pregnant will not be eligible. Fertile women must …": in an exclusion list the words
        # only say the sentence's subject is excluded (issue 16, reproduction_sentences)
        # "Pregnant women are excluded from this study. Breastfeeding women are also excluded from this study." (the
        # NCI wording, h-repro11)
        t = re.sub(r"\s+(?:will|shall|are)\s+(?:also\s+)?(?:not\s+be\s+eligible|be\s+excluded|excluded|ineligible)"
                   r"(?:\s+from\s+(?:the|this)\s+(?:study|trial))?(?=[.;]\s+\S|\s*$)", "", t)
        if re.match(r"^(?:no|not|none|absence of|without|never)\b", t) and not _consent(t, "cond"):
            return None, False
        # "Patients may not be receiving any other investigational agents" in the exclusion list: what it forbids
        # is what excludes (the labels' reading of an exclusion item written as a requirement)
        t = re.sub(r"^(?:(?:the )?(?:patients?|subjects?|participants?) )?(?:may|must|should|can) not (?:be )?"
                   r"(?=(?:currently )?(?:receiving|taking) (?:any )?(?:other )?(?:investigational|experimental)\b)",
                   "", t)
    # "excluding" is "except" (read by the readers that know exceptions, refused by the others); "excluded",
    # "exclusion" are words about the criterion
    if not t or re.search(r"\bexclu(?!ding\b)|\beligib|\binclu(?!sive)|\benroll?ed\b", t):
        return None, False
    # a requirement word inside a reading of the whole ("women of childbearing potential not willing to use an
    # acceptable method of contraception") is understood: the reader took it in
    if kind == EXCLUSION and _REQUIREMENT_WORDS.search(t) and not (_consent(t, "cond") or _compliance(t, "cond")
                                                                   or _pregnancy(t, "cond")):
        return None, False
    if kind == INCLUSION and _PERMISSIVE_WORDS.search(t):
        return None, False
    reading = _read_body(t, mode)
    if reading is None:
        if proviso is not None:
            return _propose(text, kind, provisos=False, members=members)
        return _propose(text, kind, provisos, members=False) if longer is not None else (None, False)
    rule = half_lives.apply(copy.deepcopy(reading.rule), half) if half else reading.rule
    if proviso is not None:
        if not lab_provisos.applies(reading.names) or len(reading.parts) != 1:  # the proviso of one statement
            return _propose(text, kind, provisos=False, members=members)
        rule = lab_provisos.apply(rule, proviso, mode, lambda s: _read_body(s, mode))
        if rule is None:
            return None, False
    rule = covered_parts.merge_listed_class(rule, text) if rule is not None else None  # "A or other C": C
    if rule is None:
        return None, False
    if stable and (negate_rule or mode != "req" or (rule := stable_doses.apply(rule, stable)) is None):
        return None, False
    if stable_when and (negate_rule or mode != "req" or (rule := stable_if.apply(rule, stable_when)) is None):
        return None, False
    if kind == INCLUSION and mode == "req" and _diagnoses_together(rule, t):
        return None, False
    if longer and (rule := member_windows.apply(rule, longer)) is None:
        return _propose(text, kind, provisos, members=False)
    rule = negate(rule) if negate_rule else rule
    rule = _fill_text(rule, _clean_end(unescape_markdown(text).strip()))
    if rule_problems(rule):
        return None, False
    proposal = Proposal(rule=rule, description=describe_rule(rule), pattern="+".join(dict.fromkeys(reading.names)),
                        span=t, confidence=round(reading.confidence, 2), parts=tuple(reading.parts),
                        modifiable=has_step(rule))
    return proposal, mode == "req"


def _glued(items: list[str], kind: str) -> tuple[Proposal | None, bool]:
    """Inclusion items printed as one ("Negative pregnancy test HIV negative"): each read on its own, all of them
    to include; no rule unless every one is read."""
    read = [_cached(item, kind) for item in items]
    if any(p is None for p, _positive in read):
        return None, False
    proposals = [p for p, _positive in read if p is not None]
    return _joined(_all(*[p.rule for p in proposals]), proposals), any(positive for _p, positive in read)


def _joined(rule: dict, read: list[Proposal], confidence: float = 1.0) -> Proposal:
    """One proposal for statements read each on their own and joined in ``rule`` (their patterns, words and parts)."""
    return Proposal(rule=rule, description=describe_rule(rule), pattern="+".join(p.pattern for p in read),
                    span="; ".join(p.span for p in read), confidence=min(p.confidence for p in read) * confidence,
                    parts=tuple(part for p in read for part in p.parts), modifiable=has_step(rule))


def _numbered(text: str, kind: str, rule: dict, read: list[Proposal]) -> tuple[Proposal | None, bool]:
    """The proposal of an item of numbered clauses (``enumerated``): their rules joined, the unread ones asked."""
    rule = _fill_text(rule, _clean_end(unescape_markdown(text).strip()))
    if rule_problems(rule):
        return None, False
    return _joined(rule, read, 0.9), kind == INCLUSION


def _diagnoses_together(rule: dict, text: str) -> bool:
    """An inclusion naming several diagnoses joined by "and" or ";" ("lymphangioleiomyomatosis; pulmonary fibrosis;
    and sarcoidosis", "Patients with diabetic retinopathy and age-related macular degeneration") lists the
    diseases a trial takes more often than it asks for all of them at once: no rule (precision first)."""
    parts = rule.get("all", [])
    conditions = {p["fact"] for p in parts if str(p.get("fact", "")).startswith(("condition:", "classified:"))
                  and p.get("value") is True}
    if not conditions or not all(p.get("value") is True and p.get("fact", "").startswith(("condition:", "classified:"))
                                 or "confirm" in p for p in parts):
        return False
    return len(conditions) >= 2 or ";" in text


def _fill_text(rule: Any, text: str) -> Any:
    """Put the criterion's own words into confirm questions that quote it."""
    if isinstance(rule, dict):
        out = {k: _fill_text(v, text) for k, v in rule.items()}
        if isinstance(out.get("confirm"), str):
            out["confirm"] = out["confirm"].replace("{TEXT}", text)
        return out
    if isinstance(rule, list):
        return [_fill_text(r, text) for r in rule]
    return rule
