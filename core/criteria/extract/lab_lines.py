"""PDQ laboratory lines printed without their line breaks (issue 16, task h-labs9): "Hematopoietic: WBC at least
4000/mm3 Granulocyte count at least 1500/mm3 Platelet count at least 100,000/mm3", "Bilirubin no greater than 2.5
mg/dL AST no greater than 4 times normal Renal: Creatinine no greater than 2.5 mg/dL".

An inclusion item is cut before a PDQ heading ("Hepatic:", "Renal:" …) and before a capitalised analyte name that
follows a unit or a number (the end of a threshold). "Not specified" and "See Disease Characteristics" pieces say
nothing and are left out. ``propose`` reads each piece on its own and proposes their conjunction only when every
piece is read (``_glued``), as for the glued "Other:" items of ``normalise.glued_items``.

Not cut: a line with an upper-case "OR" (it joins groups of the glued statements), a threshold that does not open
with an analyte's name ("Ages 3-5 Creatinine no greater than 0.8 mg/dL": a limit for an age band), two performance
scales one after the other ("Karnofsky 70-100% ECOG 0-2" names the same requirement on two
scales, an alternative, not both: ``values._scales`` reads it), and anything without a heading or a threshold's end
before the analyte.
"""

from __future__ import annotations

from core.criteria.extract import rx as re

_HEADING = re.compile(r"\s*\b(?:Hematopoietic|Haematopoietic|Hepatic|Renal|Cardiovascular|Pulmonary|Performance "
                      r"status|Life expectancy|Coagulation|Other)\s*:\s*")
_NAMES = (r"(?:WBC|White blood cell|Platelet|Hemoglobin|Haemoglobin|Hb|Hgb|Absolute|Granulocyte|Neutrophil|ANC"
          r"|Bilirubin|Total bilirubin|SGOT|SGPT|AST|ALT|Transaminases?|Alkaline phosphatase|PT|PTT|INR|Creatinine|LVEF"
          r"|Left ventricular ejection|Ejection fraction|FEV1|DLCO|Albumin|Lymphocyte|CD4|Serum [A-Za-z]+)\b")
_ANALYTE = re.compile(rf"\s+(?={_NAMES})")
_STARTS_WITH_ANALYTE = re.compile(rf"\s*{_NAMES}")
_THRESHOLD_END = re.compile(r"(?:\d|/mm3|/mm\^3|/mm\(3\)|/ul|/l|dl|uln|\(uln\)|normal|/min|%|u/l|g/l|mmol/l|umol/l)"
                            r"\.?$", re.IGNORECASE)
_EMPTY = re.compile(r"(?:not specified|see disease characteristics)\.?", re.IGNORECASE)
_SCALE = re.compile(r"(?:performance status\s*:?\s*)?(?:ecog|zubrod|swog|who|karnofsky|lansky)\b", re.IGNORECASE)


def split(text: str) -> list[str]:
    """The statements of a glued PDQ laboratory line, or ``[text]`` when it is one (or not such a line)."""
    if re.search(r":\s*$", text):
        return [text]  # a heading at the end: the items after it may be its own (a lead-in), never cut
    pieces: list[str] = []
    for segment in _HEADING.split(text):
        start = 0
        for m in _ANALYTE.finditer(segment):
            before = segment[start:m.start()]
            # the end of a threshold ("… 100,000/mm3", "Bilirubin normal"), not a lone word ("Normal PT/PTT")
            # and a threshold of an analyte: "Ages 3-5 Creatinine no greater than 0.8 mg/dL" is a creatinine limit for
            # children of 3 to 5, not two requirements
            if _THRESHOLD_END.search(before) and len(before.split()) >= 2 and _STARTS_WITH_ANALYTE.match(before):
                pieces.append(segment[start:m.start()])
                start = m.end()
        pieces.append(segment[start:])
    pieces = [p.strip(" .;,") for p in pieces]
    pieces = [p for p in pieces if p and not _EMPTY.fullmatch(p)]
    # "… Alkaline phosphatase no greater than ULN OR SGOT/SGPT no greater than ULN …": an upper-case OR between
    # glued statements joins groups of them the line no longer shows
    if len(pieces) < 2 or sum(1 for p in pieces if _SCALE.match(p)) > 1 or re.search(r"\bOR\b", text):
        return [text]
    return pieces
