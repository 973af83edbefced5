"""PDQ laboratory lines printed without their line breaks (issue 16, task h-labs9): "Hematopoietic: WBC at least
4000/mm3 Granulocyte count at least 1500/mm3 Platelet count at least 100,000/mm3", "Bilirubin no greater than 2.5
mg/dL AST no greater than 4 times normal Renal: Creatinine no greater than 2.5 mg/dL".

An inclusion item is cut before a PDQ heading ("Hepatic:", "Renal:" …) and before a capitalised analyte name that
follows a unit or a number (the end of a threshold). "Not specified" and "See Disease Characteristics" pieces say
nothing and are left out. ``propose`` reads each piece on its own and proposes their conjunction only when every
piece is read (``_glued``), as for the glued "Other:" items of ``normalise.glued_items``.

Not cut: two performance scales one after the other ("Karnofsky 70-100% ECOG 0-2" names the same requirement on two
scales, an alternative, not both), and anything without a heading or a threshold's end before the analyte.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"\s*\b(?:Hematopoietic|Haematopoietic|Hepatic|Renal|Cardiovascular|Pulmonary|Performance "
                      r"status|Life expectancy|Coagulation|Other)\s*:\s*")
_ANALYTE = re.compile(r"\s+(?=(?:WBC|White blood cell|Platelet|Hemoglobin|Haemoglobin|Hb|Hgb|Absolute|Granulocyte"
                      r"|Neutrophil|ANC|Bilirubin|Total bilirubin|SGOT|SGPT|AST|ALT|Transaminases?|Alkaline phosphatase"
                      r"|PT|PTT|INR|Creatinine|LVEF|Left ventricular ejection|Ejection fraction|FEV1|DLCO|Albumin"
                      r"|Lymphocyte|CD4|Serum [A-Za-z]+)\b)")
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
            if _THRESHOLD_END.search(before) and len(before.split()) >= 2:
                pieces.append(segment[start:m.start()])
                start = m.end()
        pieces.append(segment[start:])
    pieces = [p.strip(" .;,") for p in pieces]
    pieces = [p for p in pieces if p and not _EMPTY.fullmatch(p)]
    if len(pieces) < 2 or sum(1 for p in pieces if _SCALE.match(p)) > 1:
        return [text]
    return pieces
