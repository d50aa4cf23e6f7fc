"""The table view accountants type into, made to behave as Excel and WPS do.

Enter and Tab commit and move on, typing replaces a cell's figure, F2 edits it,
Delete clears the selection, Ctrl+C copies it as a spreadsheet does, and a block
copied from a spreadsheet pastes as one undo step.  Every figure goes through the model (so through the session).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QLineEdit, QStyledItemDelegate

from ..core.money import AmountError
from .table_model import AMOUNT, CODE, LABEL, LINE, NAME, PLAIN_ROLE
from .table_view import TypingTableView

COLUMN_WIDTHS = {CODE: 80, NAME: 260, LABEL: 260, LINE: 44, AMOUNT: 110}

_Hint = QAbstractItemDelegate.EndEditHint
_Trigger = QAbstractItemView.EditTrigger


def parse_block(text: str) -> list[list[str]]:
    """Spreadsheet clipboard text → rows of cells ('\\t' between cells, '\\r\\n' or '\\n' after rows)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


class _Delegate(QStyledItemDelegate):
    """Right-aligned editors; notes an Enter pressed in one, for the view to move on after it closes.

    The close hint alone cannot tell Enter apart: Qt closes an editor with the same
    hint when the user clicks into another row.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.enter_step = 0   # +1 after Enter, -1 after Shift+Enter (Excel moves up then)

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setAlignment(index.data(Qt.ItemDataRole.TextAlignmentRole))
        return editor

    def eventFilter(self, editor, event):
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter_step = -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
        return super().eventFilter(editor, event)


class GridView(TypingTableView):
    message = Signal(str)   # a Chinese message for the status bar: a refused paste or key

    def __init__(self, parent=None):
        super().__init__(parent)
        self._delegate = _Delegate(self)
        self.setItemDelegate(self._delegate)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(_Trigger.DoubleClicked | _Trigger.EditKeyPressed | _Trigger.AnyKeyPressed)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.horizontalHeader().setHighlightSections(False)

    def setModel(self, model):
        super().setModel(model)
        model.modelReset.connect(self._fit_columns)
        self._fit_columns()

    def _fit_columns(self) -> None:
        model = self.model()
        for column in range(model.columnCount()):
            self.setColumnWidth(column, COLUMN_WIDTHS[model.column_kind(column)])

    # -- keys ------------------------------------------------------------------------
    def keyPressEvent(self, event):
        key = event.key()
        if self.state() == QAbstractItemView.State.EditingState:
            # Keys an editor leaves alone (Enter, once it has committed) are not moves of their own.
            super().keyPressEvent(event)
        elif event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copy_selection()
            self.clear_selection()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._step(-1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1, 0)
        elif key == Qt.Key.Key_Tab:
            self._step(0, 1)
        elif key == Qt.Key.Key_Backtab:
            self._step(0, -1)
        else:
            super().keyPressEvent(event)

    def keyboardSearch(self, search: str) -> None:
        # Qt's jump to a cell starting with the typed text would surprise in a grid of
        # figures; a key typed on a total says why it cannot be typed into instead.
        index = self.currentIndex()
        if index.isValid() and self.model().column_kind(index.column()) == AMOUNT and self.model().cell_of(index):
            self.message.emit("合计数由各项计算得出，不能直接填写；请填写其各项。")

    def edit(self, index, trigger=None, event=None):
        if trigger is None:
            return super().edit(index)
        opened = super().edit(index, trigger, event)
        editor = self.indexWidget(index)
        if opened and trigger != _Trigger.AnyKeyPressed and isinstance(editor, QLineEdit):
            # F2 and double-click keep the figure to be corrected, cursor at its end, as in Excel;
            # a key typed on the cell replaces it (the view selected all for that).
            editor.deselect()
            editor.end(False)
        return opened

    def closeEditor(self, editor, hint):
        # The delegate has committed already; the view only moves on, and never opens
        # the next editor itself (Excel does not either).
        enter_step, self._delegate.enter_step = self._delegate.enter_step, 0
        move = {
            _Hint.SubmitModelCache: (enter_step, 0),   # Enter, or a click into another row (no step)
            _Hint.EditNextItem: (0, 1),                # Tab
            _Hint.EditPreviousItem: (0, -1),           # Shift+Tab
        }.get(hint)
        super().closeEditor(editor, _Hint.NoHint if move else hint)
        if move and move != (0, 0):
            self._step(*move)

    def _step(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid():
            return
        row = min(max(current.row() + rows, 0), model.rowCount() - 1)
        column = min(max(current.column() + columns, 0), model.columnCount() - 1)
        self.setCurrentIndex(model.index(row, column))

    # -- blocks ------------------------------------------------------------------------
    def _block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) around the selection, or the current cell."""
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return None
        rows = [i.row() for i in indexes]
        columns = [i.column() for i in indexes]
        return min(rows), min(columns), max(rows), max(columns)

    def copy_selection(self) -> None:
        block = self._block()
        if block is None:
            return
        top, left, bottom, right = block
        model = self.model()
        lines = [
            "\t".join(model.index(r, c).data(PLAIN_ROLE) or "" for c in range(left, right + 1)) + "\n"
            for r in range(top, bottom + 1)
        ]
        QGuiApplication.clipboard().setText("".join(lines))

    def clear_selection(self) -> None:
        model = self.model()
        cells = {model.cell_of(i): None for i in self.selectedIndexes() if model.is_editable(i)}
        if cells:
            model.apply_cells(cells, f"清除 {len(cells)} 个单元格")

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        block = self._block()
        if not text or block is None:
            return
        model = self.model()
        figures = []
        for i, line in enumerate(parse_block(text), 1):
            figures.append([])
            for j, cell in enumerate(line, 1):
                try:
                    figures[-1].append(model.parse(cell))
                except AmountError:
                    self.message.emit(f"第{i}行第{j}列的「{cell.strip()}」不是金额，未粘贴。")
                    return
        top, left = block[:2]
        fill = len(figures) == 1 and len(figures[0]) == 1
        if fill:
            # One figure over a selection fills the selection, as in Excel.
            targets = {(i.row(), i.column()): figures[0][0] for i in self.selectedIndexes()}
            targets[(top, left)] = figures[0][0]
        else:
            targets = {(top + i, left + j): fen for i, line in enumerate(figures) for j, fen in enumerate(line)}
        values = {}
        for (r, c), fen in targets.items():
            index = model.index(r, c)   # invalid past the table's edge: clipped
            if model.is_editable(index):
                values[model.cell_of(index)] = fen
        if not values:
            self.message.emit("所选位置没有可填写的单元格（合计数由计算得出），未粘贴。")
            return
        if model.apply_cells(values, f"粘贴 {len(values)} 个单元格") and not fill:
            bottom = min(top + len(figures), model.rowCount()) - 1
            right = min(left + max(len(line) for line in figures), model.columnCount()) - 1
            self._select(top, left, bottom, right)

    def _select(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self.model()
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
