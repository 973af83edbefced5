"""Negative treatment history per drug or class: "no biologic ever", "no JAK inhibitor".

A clinician often knows that a patient never had a class of drug without claiming the whole
treatment list is complete. Each entry of ``never_treated_with`` (a drug name, brand, or a
class word) is decided on its own: a count or a "since last dose" fact over that class is
exact even while the rest of the list is open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from core.patient.drugs import Drug, all_drugs, lookup_drug, normalise_name

# Class words clinicians use, to the drug-table test they mean.
_CLASS_WORDS: dict[str, Callable[[Drug], bool]] = {
    "bdmard": lambda d: d.drug_class == "bDMARD",
    "biologic": lambda d: d.drug_class == "bDMARD",
    "biologics": lambda d: d.drug_class == "bDMARD",
    "biologic dmard": lambda d: d.drug_class == "bDMARD",
    "tsdmard": lambda d: d.drug_class == "tsDMARD",
    "jak inhibitor": lambda d: d.drug_class == "tsDMARD" and (d.mechanism or "").upper().startswith("JAK"),
    "jak_inhibitor": lambda d: d.drug_class == "tsDMARD" and (d.mechanism or "").upper().startswith("JAK"),
    "b/tsdmard": lambda d: d.is_btsdmard,
    "btsdmard": lambda d: d.is_btsdmard,
    "csdmard": lambda d: d.is_csdmard,
    "dmard": lambda d: d.is_dmard,
    "glucocorticoid": lambda d: d.is_glucocorticoid,
    "steroid": lambda d: d.is_glucocorticoid,
    "immunosuppressant": lambda d: d.is_immunosuppressant,
}


def _mechanism_test(word: str) -> Callable[[Drug], bool] | None:
    """'tnf inhibitor', 'il 6', 'cd20': any drug whose mechanism names it."""
    core = word.replace(" inhibitor", "").replace(" antagonist", "").replace(" ", "").replace("-", "")
    mechanisms = {(d.mechanism or "").replace("-", "").replace(" ", "").casefold() for d in all_drugs()}
    if core and core in mechanisms:
        return lambda d: (d.mechanism or "").replace("-", "").replace(" ", "").casefold() == core
    return None


class NeverTreated:
    """Which drugs of the table the profile says were never given."""

    def __init__(self, entries: Iterable[str]):
        self.tests: list[Callable[[Drug], bool]] = []
        self.names: set[str] = set()
        for entry in entries:
            word = normalise_name(entry)
            drug = lookup_drug(entry)
            if drug is not None:
                self.names.add(drug.name)
            elif word in _CLASS_WORDS:
                self.tests.append(_CLASS_WORDS[word])
            elif (test := _mechanism_test(word)) is not None:
                self.tests.append(test)
            else:
                self.names.add(word)  # a drug not in the table: its name alone is known never given

    def drug(self, drug: Drug) -> bool:
        return drug.name in self.names or any(test(drug) for test in self.tests)

    def covers(self, member: Callable[[Drug], bool]) -> bool:
        """True when every table drug of a class (``member``) is known never given."""
        # Stops at the first member given or not known: computed for a dozen classes per set of facts,
        # and for each day an earliest-date search looks at, a full pass over the table each time was
        # most of the time of a screening for a child (0.9 s per answer).
        found = False
        for drug in all_drugs():
            if member(drug):
                if not self.drug(drug):
                    return False
                found = True
        return found

    def drug_names(self) -> frozenset[str]:
        if not self.tests:  # names alone: the table drugs it covers are among them (computed per set of facts)
            return frozenset(self.names)
        return frozenset({d.name for d in all_drugs() if self.drug(d)} | self.names)
