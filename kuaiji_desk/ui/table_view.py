"""A table as tall as its rows, for tables on a page that scrolls as a whole.

A table with its own scroll bar inside a scrolling page makes the wheel scroll
one or the other depending on where the pointer is; a table that shows every
row leaves one scroll bar, the page's.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSizePolicy, QTableView

MIN_ROWS = 3   # room to see an empty table is a table


class FittingTableView(QTableView):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setWordWrap(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Long 三级指标 and 原因 wrap, and the row grows to show them.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setMinimumSectionSize(self.fontMetrics().height() + 8)   # room around one line
        self.verticalHeader().sectionResized.connect(lambda *_: self.updateGeometry())
        self.horizontalHeader().setHighlightSections(False)

    def setModel(self, model):
        super().setModel(model)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self.updateGeometry)

    def sizeHint(self) -> QSize:
        rows = self.verticalHeader().length()
        if self.model() is None or self.model().rowCount() == 0:
            rows = MIN_ROWS * self.verticalHeader().defaultSectionSize()
        height = self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())
