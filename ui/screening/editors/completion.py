"""Completion from the vocabularies: drug names (core.vocab.drugs.search: generic, brand,
Chinese or Japanese name) and conditions (core.vocab.conditions.search: name, abbreviation
such as "SLE", or ICD-10 code such as "M32").

The vocabulary does the matching (a brand finds its generic, an abbreviation its concept), so
the pop-up shows its results unfiltered; picking one puts the concept's name in the field,
which is what is stored and recognised again on reading.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QWidget

from core.vocab.text import compact

VALUE_ROLE = Qt.ItemDataRole.UserRole + 7


def drug_suggestions(text: str, limit: int = 12) -> list[tuple[str, str]]:
    """(shown, inserted) pairs: "Humira — adalimumab" inserts "adalimumab" (drugs, not classes)."""
    from core.vocab import drugs

    key = compact(text)
    out = []
    for concept in drugs.search(text, limit=limit * 2):
        if concept.kind != "drug":
            continue
        matched = next((n for n in (*concept.brands, *concept.synonyms, *concept.abbreviations, *concept.zh,
                                    *concept.ja) if compact(n).startswith(key)), None)
        shown = concept.name if matched is None or compact(matched) == compact(concept.name) \
            else f"{matched} — {concept.name}"
        out.append((shown, concept.name))
        if len(out) >= limit:
            break
    return out


def condition_suggestions(text: str, limit: int = 12) -> list[tuple[str, str]]:
    """(shown, inserted) pairs: "SLE" offers "systemic lupus erythematosus (M32)" (shown in the active
    language: 系统性红斑狼疮 (M32); the English name is inserted, as the record stores it)."""
    from core.patient.fact_labels import local_name
    from core.vocab import conditions

    out = []
    for concept in conditions.search(text, limit=limit):
        codes = f" ({', '.join(concept.icd10[:2])})" if concept.icd10 else ""
        out.append((f"{local_name(concept, concept.label)}{codes}", concept.label))
    return out


class VocabCompleter(QCompleter):
    """A pop-up of vocabulary matches for what is typed; picking one inserts the concept's name."""

    def __init__(self, parent: QWidget, suggest: Callable[[str], list[tuple[str, str]]]):
        self._model = QStandardItemModel(parent)
        super().__init__(self._model, parent)
        self.suggest = suggest
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCompletionRole(VALUE_ROLE)  # the name inserted; the popup shows how it matched
        self.popup().setMinimumWidth(320)
        self.just_completed = False  # the Enter that picked a suggestion must not also accept the page
        self.activated.connect(self._completed)

    def _completed(self, *_args) -> None:
        self.just_completed = True

    def update_for(self, text: str) -> None:
        self.just_completed = False
        self._model.clear()
        for shown, value in self.suggest(text):
            item = QStandardItem(shown)
            item.setData(value, VALUE_ROLE)
            item.setToolTip(shown)
            self._model.appendRow(item)
        # Qt pre-selects the first row whose name starts with the typed text ("SLE" -> "Sleep
        # apnoea"); the vocabulary's order is the better one, so nothing is pre-selected.
        QTimer.singleShot(0, self, self._clear_selection)

    def _clear_selection(self) -> None:
        self.popup().setCurrentIndex(QModelIndex())
