"""Statement readers for treatments with time windows: prior use, washouts, treatment failure,
other trials."""

from __future__ import annotations

from functools import lru_cache

from core.criteria.extract import rx as re
from core.criteria.extract.atom import _Atom, _strip_subject
from core.criteria.extract.normalise import _drop_acronyms
from core.criteria.extract.rule import _all, _any, _confirm, _f, _step, _yes
from core.criteria.extract.treatments import window
from core.criteria.extract.vocab_atoms import _mentions
from core.patient.drugs import all_drugs

# --- treatments ------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _drug_table() -> dict[str, dict]:
    """Lower-case drug name / brand / synonym -> drug entry (name, class, mechanism, tags)."""
    out: dict[str, dict] = {}
    for d in all_drugs():
        entry = {"name": d.name, "class": d.drug_class, "mechanism": d.mechanism, "tags": sorted(d.tags)}
        for name in [d.name, *d.brands, *d.synonyms]:
            if len(name) >= 3 and name.lower() not in ("gold", "immunoglobulin"):
                out.setdefault(name.lower(), entry)
    return out


_CLASS_DRUGS = {"tnf": "TNF", "jak": "JAK"}
_TNF = (r"(?:anti-? ?tnf(?:-? ?(?:alpha|α|a))?|tnf(?:-? ?(?:alpha|α|a))? (?:inhibitors?|antagonists?|blockers?|"
        r"blocking "
        r"agents?)|tnf ?is?|tumou?r necrosis factor(?:-? ?(?:alpha|α))? (?:inhibitors?|antagonists?|blockers?)"
        r"|anti-? ?tumou?r necrosis factor(?:-? ?(?:alpha|α))?)(?: (?:therapy|therapies|agents?|drugs?|treatment"
        r"|biologics?|medications?))?")
_JAK = r"(?:jak|janus kinase) inhibitors?(?: therapy)?"


def _drug_list(text: str) -> tuple[list[str], str] | None:
    """Generic names for "infliximab", "anakinra, canakinumab", "anti-TNF therapy" (TNF / JAK classes)."""
    table = _drug_table()
    split = re.split(r"\s*(?:,\s*(?:or|and|and/or)?|\bor\b|\band/or\b|\band\b|/)\s*", text)
    parts = [p.strip() for p in split if p.strip()]
    if not parts:
        return None
    out: list[str] = []
    kinds = set()
    for p in parts:
        p = re.sub(r"^(?:any |a |an |the )", "", p)
        p = re.sub(r"\s*(?:therapy|treatment|agents?)$", "", p) if p in table else p
        if p in table:
            out.append(table[p]["name"])
            kinds.add("drug")
        elif re.fullmatch(_TNF, p):
            out.extend(sorted({d["name"] for d in table.values() if d.get("mechanism") == "TNF"}))
            kinds.add("class")
        elif re.fullmatch(_JAK, p):
            out.extend(sorted({d["name"] for d in table.values() if d.get("mechanism") == "JAK"}))
            kinds.add("class")
        else:
            return None
    return list(dict.fromkeys(out)), "+".join(sorted(kinds))


def _drug_use(s: str, mode: str) -> _Atom | None:
    t = re.sub(r"\s*\(.*?\)", "", s) if re.search(r"\((?:mabthera|rituxan|humira|enbrel|remicade)\)", s) else s
    m = re.fullmatch(
        r"(?:(?:any )?(?:previous|prior|past|prior or current|previous or current|current or previous|current or prior)"
        r"\s+)?(?:treatment|therapy|exposure|use|usage|receipt|administration|dosing)\s+(?:with|to|of)\s+(.+?)"
        r"(?:\s+(?:at any time|in the past|ever|previously))?"
        r"|(?:previously|ever)?\s*(?:been\s+)?(?:treated with|received|taken|exposed to|dosed with)\s+(.+?)"
        r"(?:\s+(?:at any time|in the past|ever|previously))?"
        r"|(?:prior|previous)\s+(.+?)\s+(?:therapy|treatment|use|exposure)"
        r"|(?:prior|previous)\s+(.+)"
        r"|(?:previously\s+)?(?:taken|received)\s+(.+)", _strip_subject(t))
    if not m:
        return None
    body = next(g for g in m.groups() if g)
    if re.search(r"\s(?:within|in|during)\s", body):
        return None  # a time window: read by ``treatments._vocab_drug`` as ``drug_weeks_since`` or not at all
    drugs = _drug_list(body)
    if drugs is None:
        return None
    names, _kinds = drugs
    used = _any(*[_f("drugs_used", "has", n) for n in names])
    if not re.search(r"previous|prior|past|ever|previously|at any time|in the past|treated with|received"
                             r"|taken|exposure", s):
        return None
    return _Atom(used, "prior_drug", cond_only=True, confidence=0.85)


_FAIL_EXACT = (r"(?:failed|failure (?:of|to respond to|on)|treatment failure (?:of|to|with|on)|failed treatment with"
               r"|inadequate response (?:or|and/or) intolerance (?:to|of)|intolerance (?:or|and/or) inadequate "
               r"response (?:to|of)"
               r"|(?:an )?inadequate response,? loss of response,? (?:or|and/or) intolerance (?:to|of))")
_FAIL_PARTIAL = (r"(?:(?:an? )?(?:inadequate|insufficient|incomplete|partial) (?:clinical )?response (?:to|with"
                 r"|on)|lack of "
                 r"(?:efficacy|response) (?:to|with|of)|non-?responders? to|not responded to|refractory to|into"
                 r"leran(?:ce|t)"
                 r" (?:to|of)|unsuccessfully treated with)")
# the union of two classes the vocabulary has no single class for: the registry's own count
_BTS = (r"b/tsdmards?|b/ts-?dmards?|b- or tsdmards?|bdmards? or tsdmards?|biologic or targeted synthetic (?:dmards?|"
        r"disease-modifying anti-?rheumatic drugs?)")


def _treatment_failure(s: str, mode: str) -> _Atom | None:
    """ "Failed >= 2 bDMARDs", "inadequate response or intolerance to methotrexate" as ``drug_failed_count:<id>``
    (a failure is an inadequate or lost response or intolerance); "inadequate response to X" alone says less
    than a failure, so the count is asked to be confirmed."""
    t = _strip_subject(_drop_acronyms(s))
    t = re.sub(r"^(?:(?:have |has )?(?:had |shown |experienced |demonstrated |documented )?)", "", t)
    exact = re.match(_FAIL_EXACT + r"\s+", t)
    partial = None if exact else re.match(_FAIL_PARTIAL + r"\s+", t)
    if not exact and not partial:
        m = re.fullmatch(r"(?:(?:previously )?)(?:failed)\s+(.*)", t)
        if not m:
            return None
        rest = m.group(1)
        exact_words = True
    else:
        rest = t[(exact or partial).end():]
        exact_words = bool(exact)
    count = 1
    cm = re.match(r"(?:(?:>=|at least)\s*(\d+)|(\d+) or more|(\d+))\s+(?:(?:different|prior|previous)\s+)?(?:o"
                  r"f\s+)?", rest)
    if cm:
        count = int(cm.group(1) or cm.group(2) or cm.group(3))
        rest = rest[cm.end():]
    else:
        rest = re.sub(r"^(?:a |an |one |any |prior |previous |the )+", "", rest)
    rest = re.sub(r"\s+(?:therapy|therapies|treatment|treatments)$", "", rest.strip())
    if not 1 <= count <= 10:
        return None
    if re.fullmatch(_BTS, rest):
        rule = _f("failed_btsdmard_count", ">=", count)
    else:
        found = _mentions(rest, "drug")
        if found is None or count > 1 and len(found) > 1:
            return None  # "failed 2 TNF inhibitors or JAK inhibitors": a count over a union
        if len(found) > 1 and re.search(r"\band\b", rest):
            return None  # "methotrexate and leflunomide": both failed, or either?
        ids = list(dict.fromkeys(m.concept_id for m in found))
        rule = _any(*[_f(f"drug_failed_count:{i}", ">=", count) for i in ids])
    if exact_words:
        return _Atom(rule, "treatment_failure", req_only=True)
    return _Atom(_all(rule, _confirm("Is this met as written: \u201c{TEXT}\u201d?", "treatment")),
                 "treatment_failure_partial", req_only=True, confidence=0.75)


_IP = r"(?:investigational|investigative|investigation|experimental)"
_IP_NOUN = r"(?:drugs?|agents?|products?|therap(?:y|ies)|treatments?|medications?|compounds?)(?:\s+or\s+devices?)?"
_TRIAL = (r"(?:participation|participating|participated|enrol(?:l)?ment|involvement|enrolled)\s+in\s+(?:an?other|any"
          r" other|other|an?|any)\s+(?:interventional\s+|therapeutic\s+)*"
          rf"(?:{_IP}\s+(?:(?:drug|device|product)\s+)?)?(?:clinical\s+)?(?:trials?|study|studies|research study"
          r"|clinical research study)"
          rf"(?:\s+(?:involving|with|of|using)\s+(?:the\s+)?(?:evaluation of\s+)?(?:an?other\s+|an?\s+|any\s+)?{_IP}\s+"
          r"(?:drugs?|agents?|products?|devices?|therapy)(?:\s+or\s+devices?)?)?")


def _other_trial(s: str, mode: str) -> _Atom | None:
    """ "Participation in another clinical trial within 30 days", "received an investigational drug in the past 30
    days": the time since the last investigational treatment, a washout."""
    t = _strip_subject(s)
    m = re.fullmatch(
        rf"(?:{_TRIAL}"
        r"|(?:(?:treatment|therapy)\s+with|use\s+of|received|receipt\s+of|exposure\s+to|taken|took|been\s+treat"
        r"ed\s+with)\s+"
        rf"(?:an?\s+|any\s+)?(?:other\s+)?{_IP}\s+{_IP_NOUN}"
        r"|(?:received|receipt\s+of)\s+(?:other\s+)?clinical\s+trial\s+treatment)"
        r"\s+(.+)", t)
    if not m:
        return None
    lead = t[: m.start(1)]
    if re.search(r"\b(?:study|studies)\b", lead) and not re.search(rf"\b(?:{_IP}|interventional|therapeutic)\b", lead):
        return None  # "another research study": maybe observational, no treatment in it
    w = window(m.group(1))
    if w is None:
        return None
    weeks, words = w
    # "3 months", "90 days": the registry's own question, shared with the seed trials
    rule = (_yes("other_trial_within_3_months") if round(weeks) == 13
            else _f("drug_weeks_since:investigational_product", "<", weeks))
    # the text written out in the call: core/matching/rule_texts.py translates it by its template
    return _Atom(_step("washout", f"Last investigational treatment (another trial) more than {words} before entry",
                       rule), "other_trial", cond_only=True, confidence=0.85)
