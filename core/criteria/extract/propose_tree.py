"""Reading a criteria tree: ``propose_rules`` reads each item with the lead-ins, headings and scoped groups above
it (``leadins``), the alternatives a dangling "or" makes, and the trial's own conditions; ``propose_for_items``
does the same for a trial's criteria stored as catalog rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from typing import Any

from core.criteria.extract import (
    alternative_items,
    cohort_groups,
    consent_items,
    exception_items,
    flattened_lists,
    hidden_cohorts,
    leadin_runs,
    leadins,
    populations,
    present_lists,
    stable_if,
    sub_items,
)
from core.criteria.extract import rx as re
from core.criteria.extract.normalise import _norm
from core.criteria.extract.own_conditions import cancer_trial, malignancy_now, own_condition_ids, without_other
from core.criteria.extract.propose import _cached
from core.criteria.extract.rule import Proposal, describe_rule, negate
from core.trial_record import EXCLUSION, INCLUSION, CriterionNode, criterion_keys

_ANY_CHILDREN = re.compile(
    r"^(?:at screening,?\s*)?(?:(?:patients?|subjects?)\s+)?(?:must|should)?\s*(?:have|meet|fulfil\w*|satisfy|show)?\s*"
    r"(?:at least (?:one|1)|any one|any|one|either)\s+of the following(?: criteria| conditions| features)?\s*:?$",
    re.IGNORECASE)


# "Diagnosis of one of the following:" over diagnoses: the parent is any of them
_ANY_DIAGNOSIS = re.compile(
    r"^(?:(?:histologically|cytologically|pathologically)(?: (?:or|and/or) (?:histologically|cytologically))?"
    r" (?:confirmed|proven|documented) )?(?:diagnosis of (?:one|1|any) of the following|(?:one|1) of the following"
    r"(?: (?:histologically|cytologically) (?:confirmed|proven))? diagnoses)(?: (?:neoplastic diseases|malignancies"
    r"|cancers|diseases|conditions))?\s*:?$")


# "Exclusion criteria:" printed inside the inclusion list: the items under it are exclusions, so an
# inclusion item there means "not" what it says (the labels' reading too).
_EXCLUSION_HEADING = re.compile(r"^(?:(?:patient|subject|participant)s? )?(?:exclu\w*|exlcu\w*)(?: criteria)?\s*:\s*$",
                                re.IGNORECASE)


def _flipped(text: str) -> Proposal | None:
    """An item under an exclusion heading of the inclusion list: the exclusion reading, negated."""
    proposal, _positive = _cached(text, EXCLUSION)
    if proposal is None:
        return None
    rule = negate(proposal.rule)
    return dataclasses.replace(proposal, rule=rule, description=describe_rule(rule))


_NEG_LEADIN = re.compile(r"\b(?:no|not|none|without|never|exclu\w*|exlcu\w*|ineligible)\b", re.IGNORECASE)
# an item ending in "or" (or starting with it) makes its neighbours alternatives: "ECOG 0-1 or" / "Karnofsky 70-100%"
_OR_END = re.compile(r"\b(?:or|and/or)\s*[.;,]?\s*$", re.IGNORECASE)


def _is_leadin(text: str) -> bool:
    return bool(re.search(r"(?::|--)\s*$", text.strip()))


def _alternatives(criteria: list[CriterionNode]) -> set[int]:
    """ids of nodes that may be alternatives of a neighbour joined by a dangling "or"."""
    out: set[int] = set()

    def walk(group: list[CriterionNode]) -> None:
        ends = [bool(_OR_END.search(_norm(n.text).strip())) for n in group]
        starts = [bool(re.match(r"(?:or|and/or)\b", _norm(n.text).strip())) for n in group]
        for i, n in enumerate(group):
            before = i > 0 and group[i - 1].kind == n.kind
            following = i + 1 < len(group) and group[i + 1].kind == n.kind
            alone = following and re.fullmatch(r"(?:or|and/or)\W*", _norm(group[i + 1].text).strip()) is not None
            if ends[i] or starts[i] or (before and ends[i - 1]) or (following and starts[i + 1]) or alone:
                out.add(id(n))
        for n in group:
            walk(n.children)

    walk(criteria)
    return out


def _children_rule(rule: dict, span: str, pattern: str) -> Proposal:
    return Proposal(rule=rule, description=describe_rule(rule), pattern=pattern, span=span, confidence=0.9)


def _parent_leadin(text: str, kind: str, above: list[leadins.LeadIn], proposal: Proposal | None) -> leadins.LeadIn:
    """The lead-in a parent is for its items: alternatives ("Diagnosis of one of the following:") only when
    the parent itself combines them with ``{"children": "any"}`` (or, under a flip, each is negated)."""
    lead = leadins.classify(text, kind)
    flipped = sum(c.role == leadins.FLIP for c in above) % 2 == 1
    if lead.any_of and not flipped and (proposal is None or proposal.rule != {"children": "any"}):
        return leadins.LeadIn(leadins.BLOCK)
    return lead


def _read_now(text: str, kind: str, keep: Callable[[Any], bool]) -> tuple[Proposal | None, bool]:
    """An item of a present-conditions list read as had now ("Lymphoma." under "… are excluded:"), quoting the item
    as written; no proposal unless ``keep`` accepts the rule read."""
    proposal, positive = _cached(present_lists.now_text(text), kind)
    if proposal is None or not keep(proposal.rule):
        return None, positive
    rule = present_lists.quoted_as_written(proposal.rule, text)
    return dataclasses.replace(proposal, rule=rule, description=describe_rule(rule)), positive


def propose_rules(criteria: list[CriterionNode], conditions: Iterable[str] = ()) -> dict[str, Proposal | None]:
    """Proposals for every item of a criteria tree, keyed like ``criterion_keys``. ``conditions``: the
    trial's own conditions as the registry lists them, which an "other" condition leaves out
    (``own_conditions``: "no other malignancy" in a breast-cancer trial).

    Each item is read with the lead-ins above it (``leadins.classify``): its parents, and the last
    childless lead-in line before it among its siblings. Under a heading or a plain lead-in the item is
    read as it stands, with the lead-in's verb dropped ("Patients may be eligible for this study if they:"
    over "Are HIV-positive."), its window or medication section put in ("Excluded within 4 weeks of study
    entry:" over "Foscarnet."), or, under a negating lead-in of an inclusion list ("None of the
    following:", "Patients will not be eligible if they:"), as an exclusion whose negation is the rule.
    Under a scoped group ("For group 2:", "Healthy controls:"), a count other than one or a lead-in not
    understood nothing is proposed; after a "with:" lead-in whose items follow as siblings, positive
    requirements are not proposed (they may be alternatives), while negated conditions still are. A parent
    "at least one of the following:" gets ``{"children": "any"}``; an exclusion parent "all of the
    following:" gets ``{"children": "all"}`` (an exclusion parent with no rule is decided by any item).
    """
    out: dict[str, Proposal | None] = {}
    conditions = tuple(conditions)
    own_ids = own_condition_ids(conditions)  # the trial's own diseases ("other malignancy")
    chains: dict[str, list[leadins.LeadIn]] = {}  # the lead-ins above each item, outermost first
    texts: dict[str, str] = {}
    after: dict[tuple[str | None, str], leadins.LeadIn] = {}  # the last childless lead-in of each sibling group
    note_once: dict[tuple[str | None, str], leadins.LeadIn | None] = {}  # the lead-in a "NOTE:" interrupts
    field_next: dict[tuple[str | None, str], str] = {}  # a field heading ("Age:") right before the next sibling
    # The same item printed twice among the top-level items ("18 years of age or older" under
    # each of several disease cohorts) means the flat list hides cohorts: nothing is proposed.
    cohorts = {INCLUSION: False, EXCLUSION: False, **hidden_cohorts.kinds_with_cohorts(criteria)}
    alternatives = _alternatives(criteria)
    people = populations.named(n.text for _k, _p, n in criterion_keys(criteria))  # the kinds its lead-ins name
    cohort_of: dict[str, str] = {}  # items under one group lead-in ("Normal Subjects:"): the group's words
    parent_of: dict[str, str | None] = {}
    after_text: dict[tuple[str | None, str], str] = {}  # the words of ``after``'s lead-in ("History of:")
    sibling_text: dict[tuple[str | None, str], str] = {}  # the text of the sibling before each item
    group_leads: dict[tuple[str | None, str], list[str]] = {}  # every childless lead-in of a group so far
    run_items: dict[tuple[str | None, str], list[str]] = {}  # the items printed since a group's last lead-in
    alt_texts: dict[str, tuple[str | None, str]] = {}  # items beside a dangling "or", with their lead-ins put in
    dangling = flattened_lists.DanglingLeadIns()  # items printed after a deeper lead-in that is their own
    keyed = list(criterion_keys(criteria))
    for key, parent, node in keyed:
        parent_of[key] = parent
        in_dangling_run = dangling.in_run(key, node)
        if cohorts[node.kind] or (parent is not None and parent not in texts):  # (a sub-item of another kind too)
            out[key] = None
            continue
        texts[key] = node.text
        group = (parent, node.kind)
        if group in after and group not in note_once and after[group].role in (leadins.BLOCK, leadins.LIST) \
                and not _is_leadin(node.text) and leadin_runs.ends_run(group_leads.get(group, []), run_items[group],
                                                                       node.text, node.kind):
            del after[group]  # "No history of stroke" after the regimens of "at least one of the following:"
        if not _is_leadin(node.text):
            run_items.setdefault(group, []).append(node.text)
        before, sibling_text[group] = sibling_text.get(group), node.text
        chain = [] if parent is None else [*chains[parent], _group_or(
            _parent_leadin(texts[parent], node.kind, chains[parent], out.get(parent)), texts[parent], node.kind,
            len(people) > 1)]
        direct_field = field_next.pop(group, "") or (chain[-1].field if chain else "")
        own_lead = leadins.classify(node.text, node.kind) if node.children else None
        fresh = own_lead is not None and (own_lead.section or own_lead.restarts and leadins.ends_leadin(
            after.get(group), after_text.get(group, "")))  # "Patients must have:" after "Allowed:"
        if group in after and not fresh and after[group].cohort and own_lead is not None and own_lead.restarts:
            chain.append(leadins.LeadIn(leadins.BLOCK))  # "Patients must have:" after "Normal volunteers:": whose?
        elif group in after and not fresh:
            chain.append(after[group])  # a section heading starts afresh ("Exclusion criteria:" after "And/or:")
        elif group in after and own_lead is not None and own_lead.section and group not in note_once:
            del after[group]  # … and so do the siblings after it ("PATIENT CHARACTERISTICS:" with its items)
        if len(people) > 1:  # "Mothers may be eligible …" and "Infants may be eligible …": groups of their own
            chain = [leadins.LeadIn(leadins.BLOCK) if c.population and not c.cohort else c for c in chain]
        chains[key] = chain
        if group in note_once and not _is_leadin(node.text):
            previous = note_once.pop(group)
            if previous is None:
                del after[group]
            else:
                after[group] = previous
        bare = None if node.children or _is_leadin(node.text) else leadins.bare_heading(node.text, node.kind)
        if bare is not None:  # "Exclusion" with no colon, or glued to an item's end: the items after it exclude
            after[group] = bare
            after_text[group] = node.text
            group_leads.setdefault(group, []).append(node.text)
            run_items[group] = []
            out[key] = None
            continue
        if not node.children and _is_leadin(node.text):
            lead = leadins.classify(node.text, node.kind)
            if lead.children_all or lead.any_of:  # siblings cannot be combined: each would count alone
                lead = leadins.LeadIn(leadins.BLOCK)
            lead = _group_or(lead, node.text, node.kind, len(people) > 1)
            if re.search(r"\bnote\s*:\s*$", node.text, re.IGNORECASE) and group not in note_once:
                note_once[group] = after.get(group)  # "… NOTE:" qualifies the item right after it, not the rest
            after[group] = lead
            after_text[group] = node.text
            group_leads.setdefault(group, []).append(node.text)
            run_items[group] = []
            if lead.field:
                field_next[group] = lead.field
            out[key] = None
            continue
        groups = {c.cohort for c in chain if c.cohort}
        if len(groups) > 1:  # "Healthy volunteers:" then "Group 2:": which group is asked? not read
            chain.append(leadins.LeadIn(leadins.BLOCK))
        elif groups:
            cohort_of[key] = groups.pop()
        # the words of the lead-in nearest the item: a childless one before it, or its parent
        nearest = after_text.get(group, "") if group in after and chain and chain[-1] is after[group] \
            else texts[parent] if parent is not None else ""
        permitted = None if id(node) in alternatives else _permitted_if_stable(node, chain, nearest)
        if permitted is not None:  # "Allowed:" then "X provided the dose has been stable for 8 weeks"
            out[key] = permitted
            continue
        if id(node) in alternatives or any(c.role == leadins.BLOCK for c in chain):
            out[key] = None
            if id(node) in alternatives and not any(c.role in (leadins.BLOCK, leadins.FLIP) for c in chain) and not (
                    group in after and after[group].role == leadins.LIST) and key not in cohort_of:
                alt_texts[key] = (leadins.compose(node.text, chain, direct_field), node.kind)
            continue
        if node.children:
            own = leadins.classify(node.text, node.kind)
            flipped = sum(c.role == leadins.FLIP for c in chain) % 2 == 1 and node.kind == INCLUSION
            if (_ANY_CHILDREN.match(_norm(node.text).replace(">= 1", "at least 1")) or _ANY_DIAGNOSIS.match(
                    _norm(node.text).strip())) and not flipped \
                    and not _NEG_LEADIN.search(node.text) and not own.role == leadins.BLOCK:
                out[key] = _children_rule({"children": "any"}, _norm(node.text), "children_any")
                continue
            if node.kind == EXCLUSION and own.children_all:
                out[key] = _children_rule({"children": "all"}, _norm(node.text), "children_all")
                continue
        text = leadins.compose(node.text, chain, direct_field)
        if text is None:
            out[key] = None
            continue
        text = without_other(text, own_ids)
        above = _lead_texts(parent, parent_of, texts) + ([after_text[group]] if group in after else [])
        if sum(c.role == leadins.FLIP for c in chain) % 2 == 1 and node.kind == INCLUSION:
            out[key] = _flipped(text)
            if _now_under_history(out[key], above):  # "No history of any of the following:" over "Ascites"
                out[key] = _flipped(f"history of {text}")
                out[key] = None if _now_under_history(out[key], above) else out[key]
            continue
        proposal, positive = _cached(text, node.kind)
        if _now_under_history(proposal, above):  # "History of:" over "Pancreatitis": has or had
            proposal, positive = _cached(f"history of {text}", node.kind)
            proposal = None if _now_under_history(proposal, above) else proposal
        if proposal is not None and (present_lists.ever_read_now(proposal.rule, text, above)  # "Lymphoma." now
                                     or present_lists.said_now(proposal.rule, node.text, any(c.verbs for c in chain))):
            proposal, positive = _read_now(text, node.kind, lambda rule: not present_lists.still_ever(rule))
        if proposal is not None and _HAD.match(node.text) and any(
                str(p.get("pattern", "")).startswith("condition_needs") for p in proposal.parts):
            proposal = None  # "Have had cancer requiring chemotherapy": the verb said had, the need says now (h-cond9)
        if proposal is None and present_lists.infection_read_now(text, above):  # "Syphilis." had at entry
            proposal, positive = _read_now(text, node.kind, present_lists.held_now)
        if proposal is not None and positive and group in after and after[group].role == leadins.LIST:
            proposal = None
        if exception_items.continues_exception(before, proposal, positive):  # "… except: X." then "Y."
            proposal = None
        if positive and in_dangling_run:  # "Wilson's disease" after a deeper "No liver disease … such as:"
            proposal = None
        if proposal is not None and parent is not None:
            if positive and sub_items.alternatives_or_qualifiers(texts[parent], out.get(parent)):
                proposal = None
            elif sub_items.under_illness_examples(texts[parent]):
                proposal = sub_items.without_stop_steps(proposal)
        out[key] = proposal
    # thresholds printed as alternatives on separate items ("Creatinine normal OR" / "Creatinine clearance >= 60")
    for run in alternative_items.runs(criteria):
        items = [alt_texts.get(key, (None, "")) for key in run]
        proposal = None if any(text is None for text, _kind in items) else alternative_items.read_run(items)
        for key in run if proposal is not None else ():
            out[key] = alternative_items.copy_for(proposal)
    # two different diagnoses each required on its own: alternatives or examples the layout lost
    for key in flattened_lists.sibling_diagnoses(keyed, out):
        out[key] = None
    if cancer_trial(conditions):  # a malignancy now, in a cancer trial, takes in the trial's own disease: asked
        out.update({key: None for key, p in out.items() if p is not None and malignancy_now(p.rule)})
    # consent is a step every participant takes: an item that says only that is read wherever it stands
    consent_items.read_anywhere(keyed, out, lambda text, kind: _cached(text, kind)[0])
    _bind_to_groups(out, cohort_of, {key: node.kind for key, _parent, node in keyed})
    return out


_PERMISSION = re.compile(r"^(?:allowed|permitted)\s*:\s*$", re.IGNORECASE)


def _permitted_if_stable(node: CriterionNode, chain: list[leadins.LeadIn], lead_text: str) -> Proposal | None:
    """An inclusion item under a bare "Allowed:" whose own words ask a stable dose only of patients taking the drug
    ("Antiretroviral therapy providing patient has been on a stable, unchanged regimen for 8 weeks"): the permission
    and its proviso read as the item says (``stable_if``). Any other item there stays unread: a permission alone
    requires nothing."""
    if node.kind != INCLUSION or node.children or not chain or not _PERMISSION.match(lead_text.strip()) \
            or any(c.role == leadins.BLOCK for c in chain[:-1]):
        return None
    proposal, _positive = _cached(node.text, INCLUSION)
    return proposal if proposal is not None and stable_if.is_reading(proposal.rule) else None


def _group_or(lead: leadins.LeadIn, text: str, kind: str, several_peoples: bool) -> leadins.LeadIn:
    """A blocking lead-in (or a sentence naming one of several kinds of people) that names a group of participants
    ("Normal Subjects:"): read as that group's (``cohort_groups``); any other lead-in as it is."""
    if lead.role != leadins.BLOCK and not (lead.population and several_peoples):
        return lead
    return cohort_groups.group_lead(text, kind, several_peoples) or lead


def _bind_to_groups(out: dict[str, Proposal | None], cohort_of: dict[str, str], kinds: dict[str, str]) -> None:
    """Each item read under a group lead-in bound to that group: one question per group and trial, numbered in the
    order the groups are first named; a parent combining its items (``{"children": …}``) is bound through them."""
    numbers: dict[str, tuple[int, str]] = {}  # the group ("normal volunteer") -> its number, its words as first named
    for key, words in cohort_of.items():
        proposal = out.get(key)
        if proposal is None or "children" in proposal.rule:
            continue
        number, words = numbers.setdefault(cohort_groups.group_key(words), (len(numbers) + 1, words))
        rule = cohort_groups.wrap(proposal.rule, kinds[key], words, number)
        out[key] = dataclasses.replace(proposal, rule=rule, description=describe_rule(rule),
                                       pattern=f"cohort+{proposal.pattern}")


_HAD = re.compile(r"^\s*(?:have|has)\s+had\b", re.IGNORECASE)
_HISTORY_LEAD = re.compile(r"\b(?:history|h/o|ever|previous|prior|past|previously|had)\b", re.IGNORECASE)


def _lead_texts(parent: str | None, parent_of: dict[str, str | None], texts: dict[str, str]) -> list[str]:
    """The words of an item's parents, innermost first."""
    out = []
    while parent is not None:
        out.append(texts[parent])
        parent = parent_of[parent]
    return out


def _now_under_history(proposal: Proposal | None, lead_texts: list[str]) -> bool:
    """A state read as meant now (``episodes.py``) under a lead-in with a history word ("History of any of the
    following:", "No history of:"): the lead-in says has or had."""
    return proposal is not None and any(p.get("pattern") == "condition_now" for p in proposal.parts) and any(
        _HISTORY_LEAD.search(t or "") and not _TREATMENT_HEADING.match(t.strip()) for t in lead_texts)


# a section heading about treatments ("Prior Medication:", "PRIOR CONCURRENT THERAPY:"): its "prior" says nothing of
# when a condition listed after it was had
_TREATMENT_HEADING = re.compile(r"^(?:prior|previous|past)(?:\s*(?:/|and|or)\s*concurrent)?\s+(?:medications?"
                                r"|treatments?|therap(?:y|ies))\s*(?::|--)?$", re.IGNORECASE)


def propose_for_items(items: list[tuple[str, str | None, str, str]],
                      conditions: Iterable[str] = ()) -> dict[str, Proposal | None]:
    """``propose_rules`` for a trial's criteria stored as rows ``(key, parent_key, kind, text)`` in their
    order (the catalog's ``Criterion`` rows): each item read with its lead-ins, keyed by the stored key.
    A row whose parent is missing is read as a top-level item."""
    nodes: dict[str, CriterionNode] = {}
    roots: list[CriterionNode] = []
    keys: dict[int, str] = {}
    for key, parent_key, kind, text in items:
        node = CriterionNode(kind=kind, text=text or "")
        nodes[key] = node
        keys[id(node)] = key
        parent = nodes.get(parent_key) if parent_key is not None else None
        (parent.children if parent is not None else roots).append(node)
    proposals = propose_rules(roots, conditions)
    return {keys[id(node)]: proposals.get(tree_key) for tree_key, _parent, node in criterion_keys(roots)}
