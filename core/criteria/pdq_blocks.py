"""PDQ eligibility sections that a registry ran together into one paragraph, put back into a tree.

The NCI's PDQ records (about a sixth of the ClinicalTrials.gov archive) were written as a fixed
outline: a section heading ("DISEASE CHARACTERISTICS:", "PATIENT CHARACTERISTICS:", "PRIOR CONCURRENT
THERAPY:"), topic headings under it ("Age:", "Performance status:", "Hepatic:", "Chemotherapy:" …), and
one statement per line under each topic. Many archived records lost the line breaks: the whole section
is one item ("PATIENT CHARACTERISTICS: Age: 18 to 70 Performance status: ECOG 0-2 Hematopoietic:
Platelet count at least 100,000/mm3 Hemoglobin at least 10 g/dL Hepatic: …"), which no reader can
take as one statement, so every requirement in it was asked of the clinician as one block.

``split_block`` rebuilds the outline the record had: the section heading with a sub-item per topic
heading, and under each topic one sub-item per statement. Topic headings are the PDQ's own fixed list
(a colon after another word is left alone). Statements are cut only where the PDQ style starts a new
one with a capital after the end of the previous one: a starting word ("No", "Not", "At least", "Must",
"Negative", "Fertile") after a lower-case word or a lone capital ("hepatitis B No …"), or a measured item
("Platelet count", "Bilirubin", …) after a number or unit. A topic whose text has a lead-in of its own
("… one of the following:", "… as follows") or "OR"/"AND/OR" between statements keeps its text whole,
so alternatives are never cut into separate requirements. A text that does not start with a section heading
is not touched.
"""

from __future__ import annotations

import re

from core.trial_record import CriterionNode

SECTIONS = ("DISEASE CHARACTERISTICS", "PATIENT CHARACTERISTICS", "PRIOR CONCURRENT THERAPY")
TOPICS = ("Age", "Sex", "Menopausal status", "Performance status", "Life expectancy", "Hematopoietic",
          "Hepatic", "Renal", "Cardiovascular", "Cardiac", "Pulmonary", "Neurologic", "Gastrointestinal",
          "Immunologic", "Other", "Biologic therapy", "Chemotherapy", "Endocrine therapy", "Radiotherapy",
          "Surgery")
_SECTION = re.compile(r"^(" + "|".join(SECTIONS) + r"):\s+(?=\S)")
# a topic heading: the PDQ's word with its colon, at the start or after a space (never inside a statement's own colon)
_TOPIC = re.compile(r"(?:^|(?<=\s))(" + "|".join(re.escape(t) for t in TOPICS) + r"):(?=\s|$)")
# words that start a PDQ statement; and the measured items that start one after a number or unit
_STARTS = r"(?:No|Not|At least|Must|Negative|Fertile|Prior|Concurrent)"
_MEASURED = (r"(?:Absolute (?:neutrophil|granulocyte|lymphocyte)|Granulocyte|Neutrophil|Platelet|Hemoglobin|"
             r"Hematocrit|WBC|Lymphocyte|CD4|Bilirubin|Total bilirubin|Direct bilirubin|SGOT|SGPT|AST|ALT|"
             r"Alkaline phosphatase|"
             r"Transaminases|Albumin|Creatinine|BUN|Calcium|Ejection fraction|LVEF|FEV1|FVC|DLCO|PT|PTT|INR|"
             r"Hepatitis|HIV)")
_VALUE_END = re.compile(r"(?:\d|%|\)|mm3|mm\^3|/dL|/L|/min|ULN|normal|mg|g)$")
_CANDIDATE = re.compile(rf"\s+(?=(?P<start>{_STARTS}\s)|(?P<measured>{_MEASURED})\b)")
_LONE_CAPITAL = re.compile(r"\s[A-Z]")
_KEEP_WHOLE = re.compile(r"\bfollowing\b|\bas follows\b|:\s|\bOR\b|\bAND/OR\b|\bEITHER\b")


def is_block(text: str) -> bool:
    """A PDQ section run together with its contents on one line."""
    return bool(_SECTION.match(" ".join(text.split())))


def _statements(body: str) -> list[str]:
    body = body.strip()
    if not body:
        return []
    if _KEEP_WHOLE.search(body):
        return [body]
    cuts = [0]
    for found in _CANDIDATE.finditer(body):
        at = found.start()
        ends_value = bool(_VALUE_END.search(body, max(0, at - 8), at))  # no copy: long blocks stay linear
        # a lower-case word, or a lone capital ending a name ("hepatitis B", "vitamin K", "38 C"), ends a statement
        after_word = body[at - 1:at].islower() or bool(_LONE_CAPITAL.fullmatch(body, max(0, at - 2), at))
        if (found.group("start") and (after_word or ends_value)) or (found.group("measured") and ends_value):
            cuts.append(found.end())
    return [body[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(body)], strict=True) if body[a:b].strip()]


def _leaves(kind: str, texts: list[str]) -> list[CriterionNode]:
    return [CriterionNode(kind=kind, text=t) for t in texts]


def split_block(node: CriterionNode) -> bool:
    """Rebuild ``node`` (a leaf) as its PDQ outline, in place; False when it is no such block."""
    text = " ".join(node.text.split())
    section = _SECTION.match(text)
    if node.children or section is None:
        return False
    rest = text[section.end():]
    topics = list(_TOPIC.finditer(rest))
    children = _leaves(node.kind, _statements(rest[:topics[0].start()] if topics else rest))
    for i, found in enumerate(topics):
        end = topics[i + 1].start() if i + 1 < len(topics) else len(rest)
        statements = _statements(rest[found.end():end])
        children.append(CriterionNode(kind=node.kind, text=found.group(0).strip(),
                                      children=_leaves(node.kind, statements)))
    node.text, node.children = section.group(1) + ":", children
    return True
