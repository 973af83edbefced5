"""Drug class terms narrower than the class the vocabulary files them under (task h-judge8).

The drug vocabulary serves patient records as well as criteria: a patient on "the pill" is on a hormonal
contraceptive, one on "topical steroids" on a locally acting corticosteroid, so those words are filed under the
broader class. A criterion that names the narrower form means only it: "Use of birth control pills" does not exclude
a patient with a hormonal IUD, "Topical steroids" not a patient on an inhaler, "IV iron" not oral iron. The facts
are by class, not by route or form, so the extractor does not read such a term (its mention is not found; the
criterion, or that part of it, is left to the clinician).

A term is narrower when it carries a route or form word its class's label does not, or is an abbreviation of one
(OCP, COC: oral contraceptives; ICS: inhaled corticosteroids). Not applied to the systemic glucocorticoid class
("oral corticosteroids" is read as that class: the dose limits written against prednisone are its readings, and the
labels read it so; see benchmarks/audits/README.md, seed 5162).
"""

from __future__ import annotations

from functools import lru_cache

from core.criteria.extract import rx as re

_FORM = re.compile(r"\b(?:oral|pills?|topical|inhaled|intra-?articular|intraarticular|nasal|ophthalmic|intravenous"
                   r"|iv|injectable|subcutaneous)\b")
_FORM_ABBREVIATIONS = frozenset({"ocp", "ocps", "coc", "cocs", "ics"})
_KEPT = frozenset({"glucocorticoid"})


@lru_cache(maxsize=4096)
def narrower(concept_id: str, term: str) -> bool:
    """True when the vocabulary ``term`` names only a route or form of the drug class ``concept_id``."""
    from core.vocab import drugs

    if concept_id in _KEPT:
        return False
    concept = drugs.get(concept_id)
    if not isinstance(concept, drugs.DrugClass):
        return False
    words = term.casefold()
    if words in _FORM_ABBREVIATIONS:
        return True
    return bool(_FORM.search(words)) and not _FORM.search(concept.label.casefold())
