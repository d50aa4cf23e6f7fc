"""The indicator table with its buttons, as the project and the 整体 forms show it."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QPushButton, QStyledItemDelegate, QVBoxLayout, QWidget,
)

from .indicator_model import Change, IndicatorColumn, IndicatorModel
from .inputs import NoteLabel
from .table_view import FittingTableView

# Columns that hold a few words; the others share what is left.
_NARROW = {"level1": 110, "category": 100}
_MEDIUM = {"level2": 160, "target": 150, "actual": 150}


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of the column's choices; a plain line where there are none."""

    def createEditor(self, parent, option, index):
        choices, free = index.model().choices(index.column())
        if not choices:
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        box.setEditable(free)
        box.addItems(choices)
        # Picking from the list is the whole edit: save and close at once.
        box.activated.connect(lambda _: (self.commitData.emit(box), self.closeEditor.emit(box)))
        return box

    def setEditorData(self, editor, index):
        if not isinstance(editor, QComboBox):
            return super().setEditorData(editor, index)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if editor.findText(value) < 0:
            editor.addItem(value)   # an imported name outside the choices stays selectable
        editor.setCurrentText(value)

    def setModelData(self, editor, model, index):
        if not isinstance(editor, QComboBox):
            return super().setModelData(editor, model, index)
        model.setData(index, editor.currentText())


class IndicatorTable(QWidget):
    def __init__(self, columns: tuple[IndicatorColumn, ...], change: Change, parent=None):
        super().__init__(parent)
        self.model = IndicatorModel(columns, change, self)
        self.view = FittingTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        header = self.view.horizontalHeader()
        for i, col in enumerate(columns):
            width = _NARROW.get(col.attr) or _MEDIUM.get(col.attr)
            if width:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, width)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        # A reset (rows added or removed) loses the current row; keep it.
        self._row = -1
        self.model.modelAboutToBeReset.connect(self._remember_row)
        self.model.modelReset.connect(lambda: self.select_row(self._row))

        self.note = NoteLabel(self)   # findings on the table as a whole (没有效益指标)
        buttons = QHBoxLayout()
        for text, slot in (("新增指标", self._add), ("删除指标", self._remove),
                           ("上移", lambda: self._move(-1)), ("下移", lambda: self._move(1))):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def current_row(self) -> int:
        return self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1

    def select_row(self, row: int) -> None:
        row = min(row, self.model.rowCount() - 1)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
            self.view.selectRow(row)

    def _remember_row(self) -> None:
        self._row = self.current_row()

    def _add(self) -> None:
        row = self.model.add(self.current_row())
        if row >= 0:
            self.select_row(row)
            self.view.setFocus()

    def _remove(self) -> None:
        row = self.current_row()
        if self.model.remove(row):
            self.select_row(row)

    def _move(self, step: int) -> None:
        row = self.current_row()
        if self.model.move(row, step):
            self.select_row(row + step)
