"""The Qt binding must keep None's reference count: PySide6 6.12.0 dropped one reference on
every void Qt call, so on Python < 3.12 a long session aborted with "none_dealloc"."""

from __future__ import annotations

import sys

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QTableWidget, QTableWidgetItem


def _void_calls(label, line, lst, item, table, n: int) -> None:
    for _ in range(n):
        label.setText("a")          # each of these returns nothing (None) to Python
        label.setToolTip("b")
        line.setText("c")
        lst.clear()
        item.setData("d")
        table.setItem(0, 0, QTableWidgetItem("e"))
        label.setVisible(True)


def test_ten_thousand_void_qt_calls_keep_none_refcount(qtbot):
    label, line, lst, table = QLabel(), QLineEdit(), QListWidget(), QTableWidget(2, 2)
    for w in (label, line, lst, table):
        qtbot.addWidget(w)
    model = QStandardItemModel()
    item = QStandardItem("x")
    model.appendRow(item)
    _void_calls(label, line, lst, item, table, 50)  # warm caches first
    before = sys.getrefcount(None)
    _void_calls(label, line, lst, item, table, 10_000 // 7 + 1)
    after = sys.getrefcount(None)
    # Immortal None (3.12+) reports a huge constant; mortal None must not drift by the calls.
    assert abs(after - before) < 50, f"None refcount drifted by {after - before} over 10,000 void Qt calls"
