"""Names of laboratory analytes as criteria write them: "SGOT/SGPT", "transaminases (ALT, AST)", "CD4+ cell
count", "AST, ALT, or GGT" — one analyte, a group, or a list and how it is joined. Used by ``lab_values``.
"""

from __future__ import annotations

from functools import lru_cache

from core.criteria.extract import rx as re
from core.vocab import labs as vocab_labs

# names the vocabulary does not spell as criteria do, and the groups the extractor expands
_LAB_NAMES: list[tuple[str, tuple[str, ...]]] = [
    (r"(?:serum |liver |hepatic )?(?:transaminases?|aminotransferases|alt/ast|ast/alt|sgot/sgpt|sgpt/sgot|ast or alt"
     r"|alt or ast|ast/alt levels|transaminase levels)", ("ast", "alt")),
    (r"(?:serum )?(?:ast|sgot|aspartate (?:amino)?transferase|aspartate transaminase|aspartate aminotransferase"
     r"|serum got|got)", ("ast",)),
    (r"(?:serum )?(?:alt|sgpt|alanine (?:amino)?transferase|alanine transaminase|alanine aminotransferase"
     r"|serum gpt|gpt)", ("alt",)),
    (r"(?:serum |total |serum total |plasma )*bilirubin", ("bilirubin",)),
    (r"(?:estimated |calculated |measured )?(?:serum )?creatinine clearance(?: rate)?|crcl|cr cl|clcr",
     ("creatinine_clearance",)),
    (r"(?:serum |blood |plasma )?creatinine|(?:serum )?cr|scr", ("creatinine",)),
    # how the rate is measured does not change it: "radioisotope glomerular filtration rate" (as "GFR" alone)
    (r"e?gfr|estimated glomerular filtration rate|estimated gfr|(?:(?:radioisotope|radionuclide|isotopic|nuclear"
     r"|measured) )?(?:glomerular filtration rate|gfr)", ("egfr",)),
    (r"(?:westergren )?(?:esr|erythrocyte sedimentation rate|sed rate)", ("esr",)),
    (r"(?:serum )?(?:high[- ]sensitivity |hs-?)?(?:crp|c-reactive protein|c reactive protein)", ("crp",)),
    (r"(?:serum |blood )?(?:h(?:a)?emoglobin|hb|hgb)(?: level| concentration| value)?", ("hemoglobin",)),
    (r"(?:wbc|white blood cells?|white blood cell count|white cell count|white count|(?:total )?leu[ck]ocytes?"
     r"|(?:total )?leu[ck]ocyte count|wbc count)", ("wbc",)),
    (r"(?:absolute )?(?:neutrophils?|granulocytes?|neutrophil granulocytes?)(?: count)?|anc|agc",
     ("neutrophils",)),
    (r"(?:absolute )?lymphocytes?(?: count)?|alc|absolute lymphocyte count", ("lymphocytes",)),
    (r"(?:platelets?|platelet counts?|plt|thrombocytes?|thrombocyte count)", ("platelets",)),
    (r"(?:serum )?igg(?: level)?", ("igg",)),
    (r"(?:serum )?(?:c3|complement c3|c3 complement)(?: level)?", ("c3",)),
    (r"(?:serum )?(?:c4|complement c4|c4 complement)(?: level)?", ("c4",)),
    (r"anti-? ?(?:ds ?dna|double[- ]stranded dna)(?: antibod(?:y|ies))?(?: titer| titre| level)?", ("anti_dsdna",)),
    (r"(?:serum )?(?:ck|cpk|creatine (?:phospho)?kinase)(?: level)?", ("ck",)),
    (r"(?:mean |resting |mean resting )?(?:qtc[fb]?(?: interval)?|corrected qt(?: interval)?|qt(?: interval)? corrected"
     r"(?: for heart rate)?)", ("qtc",)),
    (r"(?:serum )?(?:alkaline phosphatase|alk phos|alp)", ("alp",)),
    (r"(?:serum )?(?:ggt|gamma[- ]?gt|gamma[- ]glutamyl ?transferase|gamma[- ]glutamyl transpeptidase|ggtp)", ("ggt",)),
    (r"(?:serum )?albumin", ("albumin",)),
    (r"inr|international normali[sz]ed ratio", ("inr",)),
    (r"systolic(?: blood pressure| bp)?|sbp", ("systolic_bp",)),
    (r"diastolic(?: blood pressure| bp)?|dbp", ("diastolic_bp",)),
    (r"hba1c|glycated h(?:a)?emoglobin|h(?:a)?emoglobin a1c|glycosylated h(?:a)?emoglobin", ("hba1c",)),
    # spelled out, with the second shortened or put "at": "Forced Expiratory Volume in 1 sec (FEV1) >= 70 % of
    # predicted" (its unit is % predicted: an absolute "FEV1 less than 1 L" has no fact and stays unread)
    (r"(?:baseline )?forced expiratory volume (?:in|at|during the first) (?:1|one) (?:sec(?:ond)?|s)",
     ("fev1_percent",)),
    # the HIV trials' "CD4+ cell count", "absolute CD4 lymphocyte count" (a percentage has no unit here: not read)
    (r"(?:absolute )?cd4\+?(?: ?\(t4\))?(?: t)?(?:[- ](?:cells?|lymphocytes?|lymphocyte|t[- ]cells?"
     r"|t[- ]lymphocytes?))?(?: counts?)?", ("cd4_count",)),
]
_NAME_RE = [(re.compile(p), ids) for p, ids in _LAB_NAMES]
_QUALIFIER = re.compile(r"^(?:serum|plasma|blood|total|screening|baseline|the) |(?: levels?| values?| counts?"
                        r"| concentrations?| results?| titer| titre)$")


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Lower-case abbreviations of numeric analytes that name one analyte only ("ggt", "ldh")."""
    seen: dict[str, set[str]] = {}
    for analyte in vocab_labs.all():
        if analyte.group or not analyte.numeric:
            continue
        for abbr in analyte.abbreviations:
            seen.setdefault(abbr.lower(), set()).add(analyte.id)
    excluded = {a.lower() for a in vocab_labs.excluded_abbreviations()} | {
        a.lower() for a in vocab_labs.ambiguous()}
    return {a: next(iter(ids)) for a, ids in seen.items() if len(ids) == 1 and a not in excluded and len(a) >= 2}


def _one_name(part: str) -> tuple[str, ...] | None:
    """The analytes one name stands for, or None."""
    part = part.strip()
    for pat, ids in _NAME_RE:
        if pat.fullmatch(part):
            return ids
    for _ in range(3):
        for pat, ids in _NAME_RE:  # "cd4 concentrations": the name without its qualifier
            if pat.fullmatch(part):
                return ids
        hits = [a for a in vocab_labs.lookup(part) if not a.group and a.numeric]
        if len(hits) == 1:
            return (hits[0].id,)
        if part in _abbreviations():
            return (_abbreviations()[part],)
        shorter = _QUALIFIER.sub("", part).strip()
        if shorter == part:
            break
        part = shorter
    return None


def _lab_names(text: str) -> tuple[list[str], str] | None:
    """The labs named in ``text`` ("ast, alt, or ggt", "ast/alt") and how they are joined:
    "one", "group" (one name for several), "or", "and" or "," (a bare list)."""
    text = re.sub(r"^(?:either|both) ", "", text.strip())
    whole = _one_name(text)
    if whole is not None:
        return list(whole), ("group" if len(whole) > 1 else "one")
    # "transaminases (alt, ast)": the group name restated by its members
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", text)
    if m and _one_name(m.group(1)) and _lab_names(m.group(2)):
        outer, inner = _one_name(m.group(1)), _lab_names(m.group(2))
        if inner and set(inner[0]) == set(outer):
            return list(outer), "group"
        return None
    parts = re.split(r"\s*(?:,\s*(?:and/or|or|and)?|\band/or\b|\bor\b|\band\b|/)\s*", text)
    joins = re.findall(r"\band/or\b|\bor\b|\band\b|/|,", text)
    found: list[str] = []
    for part in parts:
        ids = _one_name(part)
        if ids is None:
            return None
        found.extend(ids)
    if "/" in joins and {"fev1_percent", "fvc_percent"} <= set(found):
        return None  # "FEV1/FVC": the ratio of the two, not either of them
    found = list(dict.fromkeys(found))  # "AST/SGOT": one analyte restated
    kinds = {("or" if j in ("or", "and/or", "/") else "and" if j == "and" else ",") for j in joins}
    kinds.discard(",")
    if len(kinds) > 1:
        return None
    return found, (kinds.pop() if kinds else ",")
