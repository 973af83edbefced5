"""Condition names that say more than their concept: never read in criteria.

The condition vocabulary files a narrower name under a broader concept when a patient's diagnosis is looked up
("adenocarcinoma of the prostate" is a prostate cancer, "renal cell carcinoma" a kidney cancer, "dyspnea at rest"
a dyspnoea). That direction is right for a patient; for a criterion it widens the rule: "Histologically confirmed
adenocarcinoma of the prostate" read as "prostate cancer: yes" takes a small-cell prostate cancer too, "No
dyspnea at rest" read as "no dyspnoea" excludes dyspnoea on exertion (independent audits, ``benchmarks/audits``).
So the extractor's dictionary (``concepts.automaton``) leaves out a condition term that names a histology or a
qualifier its concept's own label does not: the criterion then gets no rule, or a ``confirm`` for that part.
"""

from __future__ import annotations

import re
from functools import cache

_NARROWING = re.compile(
    r"\b(?:adenocarcinomas?|squamous cell|transitional cell|urothelial|renal cell|ductal|lobular|small cell"
    r"|large cell|clear cell|serous|mucinous|papillary|follicular|medullary|anaplastic|germ cell|glioblastomas?"
    r"|astrocytomas?|oligodendrogliomas?|at rest|on exertion)\b")
_SAME = {"transitional cell": "urothelial"}  # one histology, two names: not narrower than each other


def _words(text: str) -> set[str]:
    found = {m.group(0).rstrip("s") if m.group(0).endswith("omas") else m.group(0)
             for m in _NARROWING.finditer(text.lower())}
    return {_SAME.get(w, w) for w in found}


@cache
def _label_words(concept_id: str) -> frozenset[str]:
    from core.vocab import conditions

    concept = conditions.get(concept_id)
    return frozenset(_words(concept.label)) if concept is not None else frozenset()


def narrower_than_concept(concept_id: str, term: str) -> bool:
    """Whether a condition term names a histology or qualifier that its concept's label does not."""
    return bool(_words(term) - _label_words(concept_id))
