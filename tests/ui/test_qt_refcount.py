"""Painting must not wear down the reference count of None.

PySide6 6.12.0 on Python 3.11 released None once too often from Python overrides of Qt
virtuals (a delegate's paint calling super, a widget's paintEvent): every repaint took a few
references away until None was deallocated and the interpreter aborted ("none_dealloc"),
which a secretary scrolling a long list would meet. Python 3.12 makes None immortal; on 3.11
the pinned Qt release must not drift.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QTableView, QWidget


class _Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else 40

    def columnCount(self, parent=QModelIndex()):  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return f"{index.row()}:{index.column()}" if role == Qt.ItemDataRole.DisplayRole else None


class _Delegate(QStyledItemDelegate):
    def paint(self, painter, option, index):
        super().paint(painter, option, index)


class _Widget(QWidget):
    def paintEvent(self, event):  # noqa: N802
        pass


def _drift(action, times: int) -> int:
    before = sys.getrefcount(None)
    for _ in range(times):
        action()
    return sys.getrefcount(None) - before


def test_overridden_virtuals_keep_none_alive(qtbot, qapp):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(_Model(view))
    view.setItemDelegate(_Delegate(view))
    view.show()
    widget = _Widget()
    qtbot.addWidget(widget)
    widget.show()
    qapp.processEvents()
    assert _drift(view.grab, 20) > -20          # 6.12.0: about -360
    assert _drift(lambda: (widget.repaint(), qapp.processEvents()), 200) > -20  # 6.12.0: -400


def test_the_main_window_keeps_none_alive(qtbot, window):
    window.go_to("meetings")

    def paint_every_page():
        for key in window.page_keys:
            window.go_to(key)
            window.grab()

    paint_every_page()
    assert _drift(paint_every_page, 3) > -50   # 6.12.0: thousands
