"""What the table editors (treatment courses, procedures) share: one row per entry, one cell
widget per column, a "complete" tick, errors shown against the row and column they name, Enter
moving through the cells and closing a name completer first.

A subclass sets ``COLUMNS`` (cell names, in order), ``FIELD_NAMES`` (a column's name in error
messages) and ``LIST_KEY`` (the answer's list: ``{LIST_KEY: [...], "complete": bool}``), and
builds ``self.table``, ``self.complete``, ``self.add_button``, ``self.error`` and ``add_row``;
``value`` fills ``self._kept`` (the table row of each answered entry, for error positions).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from core.i18n import _
from ui.screening.editors.base import INDEXED, Editor
from ui.screening.editors.completion import VocabCompleter


class TableEditor(Editor):
    COLUMNS: tuple[str, ...] = ()
    FIELD_NAMES: dict[str, str] = {}
    LIST_KEY = ""

    def cell(self, row: int, column: str) -> QWidget:
        return self.table.cellWidget(row, self.COLUMNS.index(column))

    def add_row(self, entry: dict | None = None) -> int:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        if not isinstance(value, dict):
            return
        self.table.setRowCount(0)
        for entry in value.get(self.LIST_KEY) or []:
            self.add_row(entry)
        if not self.table.rowCount():
            self.add_row()
        self.complete.setChecked(bool(value.get("complete")))

    def first_field(self) -> QWidget | None:
        return self.cell(0, self.COLUMNS[0]) if self.table.rowCount() else self.add_button

    def field_for(self, field: str | None) -> tuple[QWidget | None, QLabel | None]:
        m = INDEXED.match(field or "")
        if m and int(m.group(1)) < len(self._kept):
            column = m.group(2) if m.group(2) in self.COLUMNS else self.COLUMNS[0]
            return self.cell(self._kept[int(m.group(1))], column), self.error
        return None, self.error

    def show_error(self, field: str | None, message: str, focus: bool = True) -> bool:
        m = INDEXED.match(field or "")
        if m and int(m.group(1)) < len(self._kept):
            name = m.group(2)
            column = _(self.FIELD_NAMES[name]) if name in self.FIELD_NAMES else name.replace("_", " ")
            message = _("Row {row}, {column}: {message}").format(row=self._kept[int(m.group(1))] + 1, column=column,
                                                                  message=message)
        return super().show_error(field, message, focus)

    def enter_moves_focus(self, widget: QWidget | None) -> bool:
        return widget is not None and self.table.isAncestorOf(widget)

    def enter_was_for_completer(self, widget: QWidget | None) -> bool:
        completer = widget.completer() if isinstance(widget, QLineEdit) else None
        if isinstance(completer, VocabCompleter) and (completer.just_completed or completer.popup().isVisible()):
            completer.just_completed = False
            return True
        return False
