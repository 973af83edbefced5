"""The drugs a treatment statement names, as vocabulary concept ids: one drug or class, a list of them, a
class with an exception ("any DMARD other than methotrexate", "any DMARD (apart from methotrexate)"), a
therapy named by what it is based on ("prior EGFR- or VEGFR-based therapy", "platinum-based chemotherapy"),
products containing a drug ("ritonavir-containing products": the drug and its combination products) and a systemic
class restated ("systemic corticosteroids (excluding topical)").

Used by the treatment readers (``treatments.py``, ``drug_needs.py``); every word of the list must be
accounted for, else no ids (precision first).
"""

from __future__ import annotations

from functools import lru_cache

from core.criteria.extract import concepts, local_forms
from core.criteria.extract import rx as re
from core.criteria.extract.vocab_atoms import _mentions
from core.vocab import drugs

# --- class with an exception -------------------------------------------------------------------


@lru_cache(maxsize=1)
def _children() -> dict[str, tuple[str, ...]]:
    """Class id -> direct subclasses and member drugs."""
    out: dict[str, list[str]] = {}
    for concept in drugs.all():
        direct = concept.parents if isinstance(concept, drugs.DrugClass) else concept.classes
        for parent in direct:
            out.setdefault(parent, []).append(concept.id)
    return {k: tuple(v) for k, v in out.items()}


def except_members(class_id: str, excepted: list[str]) -> list[str] | None:
    """The concepts that make up ``class_id`` without ``excepted`` (each below it): the class's
    branches that hold no excepted concept, opened down to the excepted ones ("DMARD other than
    methotrexate" = bDMARD, tsDMARD and every csDMARD but methotrexate). None when an excepted concept
    is not below the class."""
    if not excepted or any(e == class_id or not drugs.is_a(e, class_id) for e in excepted):
        return None
    out: list[str] = []

    def walk(cid: str) -> None:
        if any(drugs.is_a(cid, e) for e in excepted):
            return
        if not any(drugs.is_a(e, cid) for e in excepted):
            if cid not in out:
                out.append(cid)
            return
        for child in _children().get(cid, ()):
            walk(child)

    walk(class_id)
    # a member also filed directly under the class (cisplatin under chemotherapy and platinum_agent) is already
    # in a branch kept whole: listed once, through its branch
    return [c for c in out if not any(o != c and drugs.is_a(c, o) for o in out)]


def _disjoint(class_id: str, other: str) -> bool:
    """Neither concept below the other and no drug below both (the exception cannot take anything out)."""
    if drugs.is_a(other, class_id) or drugs.is_a(class_id, other):
        return False
    return not any(drugs.is_a(d.id, class_id) and drugs.is_a(d.id, other) for d in drugs.all_drugs())


_EXCEPT = re.compile(r"\s*,?\s*\(?\s*(?:other than|except(?: for)?|apart from|excluding|with the exception of"
                     r"|but not)\s+")


def _with_exception(body: str) -> tuple[list[str], str] | None:
    """ "Any DMARD other than methotrexate", "any DMARD (apart from methotrexate)"."""
    m = _EXCEPT.search(body)
    if m is None:
        return None
    head, tail = body[: m.start()].strip(), body[m.end():].strip()
    if body[m.start():m.end()].strip().startswith("("):
        if not tail.endswith(")"):
            return None
        tail = tail[:-1].strip()
    if "(" in head or "(" in tail or ")" in tail or _EXCEPT.search(tail):
        return None
    base, excepted = _mentions(head, "drug"), _mentions(tail, "drug")
    if base is None or excepted is None or len(base) != 1:
        return None
    excepted_ids = list(dict.fromkeys(e.concept_id for e in excepted))
    # "any antifungal agent other than study drug": the study's own drug is not known here (the trial's interventions
    # are not read), and it is often of the class (fluconazole in a cryptococcal trial), so the class cannot stand
    # for the criterion; "investigational agents other than the study drug" is the class itself (task h-judge9)
    if "investigational_product" in excepted_ids and base[0].concept_id != "investigational_product":
        return None
    ids = except_members(base[0].concept_id, excepted_ids)
    # not for investigational products: the vocabulary files none of them under a class, so "investigational drugs
    # (except antiretroviral therapy)" lets investigational antiretrovirals through, which the class would not
    if ids is None and base[0].concept_id != "investigational_product" and all(
            _disjoint(base[0].concept_id, e) for e in excepted_ids):
        # "NSAIDs (except acetaminophen)", "antiretroviral agents (except ribavirin)": an exception the class does not
        # hold leaves the class whole (it only says the writer counted it in); never when a drug sits in both
        ids = [base[0].concept_id]
    if not ids or len(ids) > 30:
        return None
    return ids, f"{head[base[0].start:base[0].end]} other than {', '.join(tail[e.start:e.end] for e in excepted)}"


# --- "X-based therapy" --------------------------------------------------------------------------

_BASED = re.compile(r"^(?:an?\s+|any\s+)?(.+?)\s*-?\s*based\s+(therapy|therapies|treatments?|chemotherapy|regimens?"
                    r"|agents?|drugs?)$")


def _based(body: str) -> tuple[list[str], str] | None:
    """ "EGFR- or VEGFR- based therapy" (the classes acting on the target: ``EGFR inhibitor``), "platinum-based
    chemotherapy", "fluorouracil-based regimen" (a regimen holding the drug); "A and B-based": no ids."""
    m = _BASED.match(body)
    if m is None:
        return None
    parts = [p.strip(" -") for p in re.split(r"\s*(?:,\s*(?:or\s+)?|\bor\b|\band/or\b)\s*", m.group(1))]
    if not parts or any(not p or re.search(r"\band\b|\s", p) for p in parts):
        return None  # "anthracycline and taxane-based": both in one regimen
    noun = m.group(2)
    ids: list[str] = []
    for p in parts:
        hit = None
        for candidate in (f"{p}-based {noun}", f"{p} {noun}", p, f"{p} inhibitor", f"anti-{p}"):
            found = drugs.lookup(candidate)
            if found:
                hit = found[0].id
                break
        if hit is None:
            return None
        ids.append(hit)
    return list(dict.fromkeys(ids)), body


# --- "ritonavir-containing products", "codeine- or morphine-containing medications" -----------

_CONTAINING = re.compile(r"^(?:an?\s+|any\s+)?(.+?)\s*-\s*containing\s+(?:products?|regimens?|medications?"
                         r"|medicines?|preparations?|drugs?|compounds?|formulations?|therap(?:y|ies)|agents?)$")


def _combinations(cid: str) -> list[str]:
    """The combination products of the vocabulary (a name "a/b") holding the drug or a member of the class."""
    out = []
    for d in drugs.all_drugs():
        if "/" not in d.name or d.id == cid:
            continue
        parts = [drugs.lookup(x.strip()) for x in d.name.split("/")]
        if any(len(found) == 1 and drugs.is_a(found[0].id, cid) for found in parts):
            out.append(d.id)
    return out


def _containing(body: str) -> tuple[list[str], str] | None:
    """ "Ritonavir-containing products" = ritonavir and every combination product holding it (lopinavir/ritonavir):
    a product containing the drug exposes the patient to it; "codeine- or morphine-containing medications" each."""
    m = _CONTAINING.match(body)
    if m is None:
        return None
    parts = [p.strip(" -") for p in re.split(r"\s*(?:,\s*(?:or\s+)?|\bor\b|\band/or\b)\s*", m.group(1))]
    ids: list[str] = []
    for p in parts:
        found = drugs.lookup(p) if p and not re.search(r"\band\b|[()]", p) else []
        if len(found) != 1:
            return None  # "estrogen and progestin-containing": both in one product; an unknown or ambiguous name
        ids += [found[0].id, *_combinations(found[0].id)]
    return list(dict.fromkeys(ids)), body


# --- "systemic corticosteroids (excluding topical)" ----------------------------------------------

_NOT_LOCAL = re.compile(r"\s*\(\s*(?:excluding|except|other than|not|no)\s+(?:topical|inhaled|intra-?articular|local)"
                        r"(?:\s*(?:,|or|and|and/or)\s*(?:topical|inhaled|intra-?articular|local))*"
                        r"(?:\s+(?:use|ones|forms?|steroids|corticosteroids|preparations|administration|routes?))?\s*\)")


def _systemic(body: str) -> tuple[list[str], str] | None:
    """A systemic class with its local forms excluded in brackets: the class itself (refused for a class
    that also holds the local forms, "corticosteroids (other than topical)": inhaled ones would stay)."""
    m = _NOT_LOCAL.search(body)
    if m is None or body[m.end():].strip():
        return None
    found = _mentions(body[: m.start()], "drug")
    if found is None:
        return None
    ids = list(dict.fromkeys(f.concept_id for f in found))
    if not all(drugs.is_a(i, "glucocorticoid") for i in ids):
        return None
    return ids, ", ".join(body[f.start:f.end] for f in found)


# --- "any JAK inhibitor (tofacitinib, baricitinib, upadacitinib)" ------------------------------

_MEMBERS = re.compile(r"^(.+?)\s*\(([^()]+)\)$")


def _class_with_members(body: str) -> tuple[list[str], str] | None:
    """A class followed by some of its members in brackets: the class (the members only restate it). A
    bracket naming anything not below the class ("any JAK inhibitor (or methotrexate)") gives no ids."""
    m = _MEMBERS.match(body)
    if m is None or re.search(r"\b(?:other than|except|apart from|excluding|not|no|only)\b", m.group(2)):
        return None
    base, members = _mentions(m.group(1), "drug"), _mentions(m.group(2), "drug")
    if base is None or members is None or len(base) != 1:
        return None
    cid = base[0].concept_id
    if not all(x.concept_id != cid and drugs.is_a(x.concept_id, cid) for x in members):
        return None
    return [cid], m.group(1)[base[0].start:base[0].end]


# --- "anti-PD-1, anti-PD-L1 or anti-CTLA-4 antibody": a head noun shared by the list -------------

_HEAD = re.compile(r"\s+(antibody|antibodies|inhibitors?|blockers?|antagonists?|agonists?|therapy|therapies|agents?"
                   r"|drugs?|medications?)$")


def _shared_head(body: str) -> tuple[list[str], str] | None:
    """Each item of a list with the last item's head noun ("anti-PD-1 or anti-PD-L1 antibody" = "anti-PD-1
    antibody or anti-PD-L1 antibody"), each item then one whole drug term."""
    m = _HEAD.search(body)
    items = _items(body[: m.start()]) if m else []
    if m is None or len(items) < 2:
        return None
    ids, names = [], []
    for item in items:
        text = re.sub(r"^(?:an?|any|the)\s+", "", item)
        whole = text if _HEAD.search(f" {text}") else f"{text} {m.group(1)}"  # "cytotoxic drugs" keeps its own
        found = _mentions(whole, "drug")
        if found is None or len(found) != 1:
            return None
        ids.append(found[0].concept_id)
        names.append(whole)
    return list(dict.fromkeys(ids)), ", ".join(names)


# --- "intra-articular or parenteral corticosteroids", "strong CYP3A4 inhibitors or inducers" ---------

# words that qualify a drug term but are no drug of their own: what may stand for "<word> <head>" in a list
_QUALIFIER = re.compile(r"^[a-z][a-z-]*$")


def _elided(body: str) -> tuple[list[str], str] | None:
    """A list whose items share the words of one whole drug term, left out in the others: the head noun
    written once at the end ("intra-articular, intravenous or oral corticosteroids" = "intra-articular
    corticosteroids or intravenous corticosteroids or oral corticosteroids") or the qualifier written once
    at the start ("strong CYP3A4 inhibitors or inducers" = "… inhibitors or strong CYP3A4 inducers"). Each
    item completed so must be one whole drug term, and an item that is a drug on its own ("steroids or
    immunosuppressants") is no elision: precision first."""
    items = [re.sub(r"^(?:an?|any|the)\s+", "", it) for it in _items(body)]
    if len(items) < 2 or any(not it or "(" in it or ")" in it for it in items):
        return None
    last, first = items[-1], items[0]
    short = items[:-1]
    # the head noun shared: every item but the last one word (or two, "intra-articular" is one) long
    head = last.split(" ", 1)[1] if " " in last else ""
    if head and all(_QUALIFIER.match(w) and _mentions(w, "drug") is None for w in short):
        whole = [f"{w} {head}" for w in short] + [last]
    else:
        # the qualifier shared: every item but the first one word, the first item's last word replaced
        lead = first.rsplit(" ", 1)[0] if " " in first else ""
        rest = items[1:]
        if not lead or not all(_QUALIFIER.match(w) and _mentions(w, "drug") is None for w in rest):
            return None
        whole = [first] + [f"{lead} {w}" for w in rest]
    ids: list[str] = []
    for term in whole:
        found = _mentions(term, "drug")
        if found is None or len(found) != 1 or found[0].start != 0 or found[0].end != len(term):
            return None
        ids.append(found[0].concept_id)
    return list(dict.fromkeys(ids)), ", ".join(whole)


# --- "IV or oral cyclophosphamide": a systemic route before single drugs -----------------------------

_INJECTED = r"(?:intravenous|iv|i\.v\.|parenteral|subcutaneous|s\.c\.|intramuscular|i\.m\.)"
_ROUTE = rf"(?:oral|{_INJECTED}|systemic)"
_ROUTED = re.compile(rf"^(?:an?\s+|any\s+)?{_ROUTE}(?:\s*(?:,|/|\bor\b|\band/or\b)\s*{_ROUTE})*\s+(?=\S)")


def _routed(body: str) -> tuple[list[str], str] | None:
    """Single drugs after both kinds of systemic route ("IV or oral cyclophosphamide", "oral or subcutaneous
    methotrexate"): the drugs, as the vocabulary files "oral cyclophosphamide" under cyclophosphamide (the treatment
    facts are by drug, not route). A class after a route ("oral corticosteroids") is read only by its own term of
    the vocabulary; one route alone or a local one ("topical tacrolimus") gives no ids."""
    m = _ROUTED.match(body)
    # both kinds of systemic route, by mouth and by injection ("IV or oral"): every form a patient takes the drug by
    # but a local one; a single route ("IV pentamidine", "oral ketoconazole") leaves out others the patient may be
    # on (aerosolised pentamidine, ketoconazole cream), which the treatment facts cannot tell apart: no ids
    if m is None or not (re.search(r"\boral\b", m.group(0)) and re.search(rf"\b{_INJECTED}(?!\w)", m.group(0))):
        return None
    rest = body[m.end():]
    found = _mentions(rest, "drug")
    if found is None or not all(isinstance(drugs.get(f.concept_id), drugs.Drug) for f in found):
        return None
    # a drug also taken locally (acyclovir cream, ganciclovir eye gel): the routes leave that form out (h-judge8)
    if any(local_forms.has_local_form(f.concept_id) for f in found):
        return None
    return list(dict.fromkeys(f.concept_id for f in found)), body[: m.end()] + ", ".join(
        rest[f.start:f.end] for f in found)


# --- the list ------------------------------------------------------------------------------------

_ITEM_SEP = re.compile(r"\s*(?:,\s*(?:or|and/or)?|\bor\b|\band/or\b)\s*")


def _items(body: str) -> list[str]:
    """The items of a list joined by "," / "or" / "and/or", not splitting inside brackets."""
    out, depth, start, i = [], 0, 0, 0
    while i < len(body):
        ch = body[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch == "," or ch.isspace()):
            m = _ITEM_SEP.match(body, i)
            if m and m.end() > i and m.group(0).strip():
                out.append(body[start:i])
                start = i = m.end()
                continue
        i += 1
    out.append(body[start:])
    return [o.strip() for o in out]


# the salt a drug is marketed as ("ondansetron hydrochloride", "sertraline HCl"): the drug itself (h-treat9); not
# sodium, potassium, acetate, chloride or phosphate, which name drugs of their own ("potassium chloride")
_SALT = re.compile(r"(?<=[a-z])\s+(?:hydrochloride|hcl|sulfate|sulphate|mesylate|citrate|maleate|tartrate|succinate"
                   r"|besylate|fumarate)\b")


def _one(body: str) -> tuple[list[str], str] | None:
    for reader in (_with_exception, _based, _systemic, _class_with_members):
        read = reader(body)
        if read is not None:
            return read
    found = _mentions(body, "drug")
    if found is None and _SALT.search(body):
        found = _mentions(_SALT.sub("", body), "drug")
        body = _SALT.sub("", body) if found is not None else body
    if found is None:
        # after the vocabulary's own terms ("platinum-containing chemotherapy", "oral corticosteroids")
        return _containing(body) or _routed(body)
    return list(dict.fromkeys(f.concept_id for f in found)), ", ".join(body[f.start:f.end] for f in found)


def drug_ids(body: str) -> tuple[list[str], str] | None:
    """Concept ids of a list of drug mentions (any of them), with the criterion's own words for them; None
    unless every word is a drug, a joiner or a form read above."""
    whole = _one(body) or _shared_head(body) or _elided(body)
    if whole is not None:
        return whole
    items = _items(body)
    if len(items) < 2 or not any(re.search(r"[()]|\bbased\b|-\s*containing\b", it) for it in items):
        return None  # a plain list: read whole above
    ids: list[str] = []
    names: list[str] = []
    for item in items:
        read = _one(item)
        if read is None:
            return None
        ids += read[0]
        names.append(read[1])
    return list(dict.fromkeys(ids)), ", ".join(names)


# --- a list with a member the vocabulary does not hold --------------------------------------------

# words that make a list more than a list of drugs: an example, a class restated, an exception, a purpose, a dose
_NOT_A_PLAIN_LIST = re.compile(r"\b(?:such as|including|include[sd]?|e\.g|i\.e|other|another|except\w*|excluding|apart"
                               r"|than|unless|for|if|which|that|who|used|allerg\w*|hypersensitiv\w*|intoleran\w*"
                               r"|reactions?|doses?|mg|and|not|no|only|like|etc)\b|[<>=:;\d]")
_FUNCTION_WORD = re.compile(r"\b(?:on|in|of|to|with|at|by|from|as|per|under|over|against|during|before|after|within"
                            r"|a|an|the|any|all|some|these|those|this|it|its|their|them)\b")


def drug_ids_with_unknown(body: str) -> tuple[list[str], str, list[str]] | None:
    """A list of drugs of which some members are not in the vocabulary ("itraconazole, atazanavir, nutritional
    supplements or clarithromycin"): the known members' ids and words, and the unknown members as written, to be
    asked of the clinician one by one. None unless at least one member of each kind, and every unknown member a
    name of its own: two words or more (a lone word is mostly a misspelling or a qualifier whose noun comes later:
    "myelosuppressive, neurotoxic, or cytotoxic agents"), no function word, no drug the vocabulary holds."""
    if _NOT_A_PLAIN_LIST.search(body):
        return None
    items = [re.sub(r"^(?:or|and/or)\s+", "", it).strip() for it in _items(body)]
    if len(items) < 2 or any(not it for it in items):
        return None
    ids: list[str] = []
    names: list[str] = []
    unknown: list[str] = []
    for item in items:
        read = _one(item)
        if read is not None:
            ids += read[0]
            names.append(read[1])
            continue
        if len(item.split()) < 2 or _FUNCTION_WORD.search(item) or re.search(r"[()\[\]/]", item) \
                or concepts.find(item, kinds=(*concepts.KINDS, "procedure")):
            return None  # a drug, condition, lab or procedure inside ("high-dose prednisone"): not a name left unread
        unknown.append(item)
    if not ids or not unknown or items[0] in unknown or items[-1] in unknown:
        # the unknown members between known ones: a first one may be a qualifier whose noun comes later ("systemic
        # antiherpes or immunomodulatory therapy"), a last one the start of a longer phrase the list splitter cut
        return None
    return list(dict.fromkeys(ids)), ", ".join(names), unknown
