"""Table views: Chinese typed on a cell opens its editor; a table as tall as its rows.

A table with its own scroll bar inside a scrolling page makes the wheel scroll
one or the other depending on where the pointer is; a table that shows every
row leaves one scroll bar, the page's.
"""
from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QHeaderView, QSizePolicy, QTableView

MIN_ROWS = 3   # room to see an empty table is a table


class TypingTableView(QTableView):
    """A view on which an input method's text opens the cell's editor, as a key does.

    Qt opens the editor for the input method's first event but does not hand that event
    to it (it forwards only key and mouse events), so the first characters typed in
    Chinese on a cell were lost.
    """

    def inputMethodEvent(self, event):
        index = self.currentIndex()
        if (self.state() != QAbstractItemView.State.EditingState and index.isValid()
                and (event.commitString() or event.preeditString())
                and self.edit(index, QAbstractItemView.EditTrigger.AnyKeyPressed, event)):
            editor = self.indexWidget(index)
            if isinstance(editor, QComboBox):
                editor = editor.lineEdit()
            if editor is not None:
                QApplication.sendEvent(editor, event)
                return
        super().inputMethodEvent(event)


class FittingTableView(TypingTableView):
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
