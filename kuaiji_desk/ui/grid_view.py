"""The table view accountants type into, made to behave as Excel and WPS do.

Enter and Tab commit and move on, typing replaces a cell's figure (and then ← →
commit and move too), F2 edits it, Delete clears the selection, Ctrl+C copies it as
a spreadsheet does, and a block copied from a spreadsheet pastes as one undo step.
Text that is not an amount stays in its editor, framed in red with the reason
beside it, until it is corrected or Esc drops it.  The header rows are the
published ones (:mod:`.header_view`), and the 求和/计数 of the selected cells is
offered for the status bar.  Every figure goes through the model (so through the session).
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, \
    QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QApplication, QLabel, QLineEdit, QStyledItemDelegate,
)

from ..core.headers import TableHeader, table_header
from ..core.money import AmountError, AmountOutOfRange, format_amount
from . import style
from .header_view import SpanningHeader
from .table_model import AMOUNT, CODE, LABEL, LINE, NAME, PLAIN_ROLE
from .table_view import TypingTableView

COLUMN_WIDTHS = {CODE: 80, NAME: 260, LABEL: 260, LINE: 44, AMOUNT: 110}

_Hint = QAbstractItemDelegate.EndEditHint
_Trigger = QAbstractItemView.EditTrigger
_Key = Qt.Key

# An editor opened by a key typed on its cell (Excel's 输入 mode: ← → commit and move);
# one opened by F2 or a double click corrects the figure (← → move the text cursor).
TYPED_OVER = "typed_over"
# Keys with which an editor's text would be committed and the cell left.
_LEAVING_KEYS = {_Key.Key_Return, _Key.Key_Enter, _Key.Key_Tab, _Key.Key_Backtab, _Key.Key_Up, _Key.Key_Down,
                 _Key.Key_PageUp, _Key.Key_PageDown}
_SIDEWAYS = {_Key.Key_Left: _Hint.EditPreviousItem, _Key.Key_Right: _Hint.EditNextItem}
REASON_PADDING = 14      # around the reason beside a refused editor (its frame and padding), in pixels


def parse_block(text: str) -> list[list[str]]:
    """Spreadsheet clipboard text → rows of cells ('\\t' between cells, '\\r\\n' or '\\n' after rows)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


class _Delegate(QStyledItemDelegate):
    """Right-aligned editors that keep text which is not an amount (checked with the
    model's parser before anything is committed); ← → commit and move after typing
    over a cell; notes an Enter pressed in one, for the view to move on after it closes.

    The close hint alone cannot tell Enter apart: Qt closes an editor with the same
    hint when the user clicks into another row.
    """

    refused = Signal(str)   # why an editor's text was not committed

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.enter_step = 0   # +1 after Enter, -1 after Shift+Enter (Excel moves up then)
        self._cells: dict[QLineEdit, QPersistentModelIndex] = {}
        self.reason = QLabel(view.viewport())
        self.reason.setObjectName("refusal")
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet(
            f"QLabel#refusal {{ background: {style.REFUSED_BACKGROUND.name()}; color: {style.REFUSED_FRAME.name()};"
            f" border: 1px solid {style.REFUSED_FRAME.name()}; padding: 2px 4px; }}")
        self.reason.hide()

    def createEditor(self, parent, option, index):
        editor = super().createEditor(parent, option, index)
        if isinstance(editor, QLineEdit):
            editor.setAlignment(index.data(Qt.ItemDataRole.TextAlignmentRole))
            editor.textEdited.connect(lambda _text, e=editor: self._clear(e))
            self._cells[editor] = QPersistentModelIndex(index)
        return editor

    def destroyEditor(self, editor, index):
        self._cells.pop(editor, None)
        self.reason.hide()
        super().destroyEditor(editor, index)

    def cell_of(self, editor) -> QModelIndex:
        cell = self._cells.get(editor)
        return QModelIndex(cell) if cell is not None and cell.isValid() else QModelIndex()

    # -- refusing ------------------------------------------------------------------
    def refusal(self, editor) -> str | None:
        """Why the editor's text cannot be committed; None when it can."""
        model = self.view.model()
        if not isinstance(editor, QLineEdit) or model is None:
            return None
        try:
            model.parse(editor.text())
        except AmountOutOfRange as exc:   # a number, only too large: no example of one
            return f"{exc}；按 Esc 放弃修改。"
        except AmountError as exc:
            return f"{exc}，请输入数字，如 1286.76；按 Esc 放弃修改。"
        return None

    def refuse(self, editor) -> bool:
        """Frames the editor in red and shows why beside it, when its text is not an
        amount; the text stays to be corrected (← → now move the cursor).  False when
        the text is an amount."""
        reason = self.refusal(editor)
        if reason is None:
            return False
        editor.setProperty(TYPED_OVER, False)   # as Excel's 重试: now correcting, ← → move the cursor
        editor.setStyleSheet(f"QLineEdit {{ border: 2px solid {style.REFUSED_FRAME.name()}; }}")
        editor.setToolTip(reason)
        self.reason.setText(reason)
        self._place_reason(editor)
        self.reason.show()
        self.reason.raise_()
        self.refused.emit(reason)
        return True

    def _back_into(self, editor) -> None:
        focus = QApplication.focusWidget()
        if editor in self._cells and (focus is None or focus is self.view or self.view.isAncestorOf(focus)):
            editor.setFocus()

    def _clear(self, editor) -> None:
        """The text is being corrected: the frame and the reason go."""
        if editor.toolTip():
            editor.setStyleSheet("")
            editor.setToolTip("")
            self.reason.hide()

    def _place_reason(self, editor) -> None:
        """Under the editor (above it at the bottom of the view), inside the view."""
        area = self.view.viewport().rect()
        cell = editor.geometry()
        natural = self.reason.fontMetrics().horizontalAdvance(self.reason.text()) + REASON_PADDING
        width = min(max(cell.width(), natural), area.width())   # one line where the view is wide enough
        self.reason.setFixedWidth(width)
        height = self.reason.heightForWidth(width)
        self.reason.setFixedHeight(height)
        x = max(min(cell.left(), area.right() - width), 0)
        y = cell.bottom() + 1 if cell.bottom() + 1 + height <= area.bottom() else max(cell.top() - height, 0)
        self.reason.move(x, y)

    # -- keys ------------------------------------------------------------------------
    def eventFilter(self, editor, event):
        kind = event.type()
        if kind == QEvent.Type.KeyPress:
            key = event.key()
            if key == _Key.Key_F2:
                editor.setProperty(TYPED_OVER, False)   # as in Excel: now correcting, ← → move the cursor
                return True
            sideways = (key in _SIDEWAYS and bool(editor.property(TYPED_OVER))
                        and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
            if (key in _LEAVING_KEYS or sideways) and self.refuse(editor):
                return True
            if sideways:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, _SIDEWAYS[key])
                return True
            if key in (_Key.Key_Return, _Key.Key_Enter):
                self.enter_step = -1 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1
        elif kind == QEvent.Type.FocusOut and self.refusal(editor) is not None:
            # Not committed, not closed: the editor waits with its text (the view keeps the
            # cell current), and says why; a click elsewhere in the grid returns to it.
            self.refuse(editor)
            QTimer.singleShot(0, lambda: self._back_into(editor))
            return False
        elif kind == QEvent.Type.MouseButtonPress:
            editor.setProperty(TYPED_OVER, False)   # a click into the text, as in Excel
        elif kind in (QEvent.Type.Move, QEvent.Type.Resize) and self.reason.isVisible():
            self._place_reason(editor)
        return super().eventFilter(editor, event)


class GridView(TypingTableView):
    message = Signal(str)   # a Chinese message for the status bar: a refused paste or key
    # The 求和/计数 of the selected cells for the status bar, as Excel shows them:
    # 「求和 1,286.76  计数 3」 (计数 the cells that hold something, 求和 their figures in the
    # unit shown), 「计数 2」 without figures; '' when fewer than two cells hold anything.
    selection_summary = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._header_view = SpanningHeader(self)
        self.setHorizontalHeader(self._header_view)
        self._delegate = _Delegate(self)
        self._delegate.refused.connect(self.message)
        self.setItemDelegate(self._delegate)
        self._summary = ""
        self._summing = QTimer(self)   # one sum per turn of the event loop, however many changes
        self._summing.setSingleShot(True)
        self._summing.setInterval(0)
        self._summing.timeout.connect(self._sum_selection)
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
        for signal in (model.modelReset, model.dataChanged, self.selectionModel().selectionChanged):
            signal.connect(lambda *_: self._summing.start())
        self._header_view.show_header(self._published_header(model))
        self._fit_columns()

    @staticmethod
    def _published_header(model) -> TableHeader | None:
        """The table's header rows as published, when its columns are the model's."""
        spec = getattr(model, "spec", None)
        if spec is None:
            return None
        header = table_header(spec)
        if [c.kind for c in header.columns] != [model.column_kind(c) for c in range(model.columnCount())]:
            return None
        return header

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
        # figures; a key typed on a computed total says which sum it is instead (a stated
        # total is typed over: it is editable, so no key reaches here).
        reason = self.model().read_only_reason(self.currentIndex())
        if reason:
            self.message.emit(reason)

    def edit(self, index, trigger=None, event=None):
        if trigger is None:
            return super().edit(index)
        opened = super().edit(index, trigger, event)
        editor = self.indexWidget(index)
        if opened and isinstance(editor, QLineEdit):
            typed_over = trigger == _Trigger.AnyKeyPressed
            editor.setProperty(TYPED_OVER, typed_over)
            if not typed_over:
                # F2 and double-click keep the figure to be corrected, cursor at its end, as in Excel;
                # a key typed on the cell replaces it (the view selected all for that).
                editor.deselect()
                editor.end(False)
        return opened

    def _refused_editor(self):
        """The open editor, when it holds text that is not an amount."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        editor = self.indexWidget(self.currentIndex())
        return editor if editor is not None and self._delegate.refusal(editor) is not None else None

    def mousePressEvent(self, event):
        editor = self._refused_editor()
        if editor is not None:
            # A click elsewhere does not leave a cell whose text is not an amount: back to it.
            self._delegate.refuse(editor)
            editor.setFocus()
            event.accept()
            return
        super().mousePressEvent(event)

    def commitData(self, editor):
        if self._delegate.refusal(editor) is None:
            super().commitData(editor)

    def closeEditor(self, editor, hint):
        if hint != _Hint.RevertModelCache and self._delegate.refuse(editor):
            # However the view was leaving the cell (a jump to a code or a finding), the
            # editor stays open with its text and the cell current again; Esc drops it.
            cell = self._delegate.cell_of(editor)
            if cell.isValid() and cell != self.currentIndex():
                QTimer.singleShot(0, lambda: self._back_to(cell, editor))
            editor.setFocus()
            return
        # The delegate has committed already; the view only moves on, and never opens
        # the next editor itself (Excel does not either).
        enter_step, self._delegate.enter_step = self._delegate.enter_step, 0
        move = {
            _Hint.SubmitModelCache: (enter_step, 0),   # Enter, or a click into another row (no step)
            _Hint.EditNextItem: (0, 1),                # Tab, or → after typing over the cell
            _Hint.EditPreviousItem: (0, -1),           # Shift+Tab, or ←
        }.get(hint)
        super().closeEditor(editor, _Hint.NoHint if move else hint)
        if move and move != (0, 0):
            self._step(*move)

    def _back_to(self, cell: QModelIndex, editor) -> None:
        if cell.isValid() and self.indexWidget(cell) is editor:
            self.setCurrentIndex(cell)
            editor.setFocus()

    def _step(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid():
            return
        row = min(max(current.row() + rows, 0), model.rowCount() - 1)
        column = min(max(current.column() + columns, 0), model.columnCount() - 1)
        self.setCurrentIndex(model.index(row, column))

    # -- 求和 and 计数 ------------------------------------------------------------------
    def summary_text(self) -> str:
        """What ``selection_summary`` last said."""
        return self._summary

    def _sum_selection(self) -> None:
        model = self.model()
        blocks = self.selectionModel().selection()
        seen: set[tuple[int, int]] | None = set() if len(blocks) > 1 else None   # blocks may overlap
        count, figures, total = 0, 0, 0
        for block in blocks:
            for c in range(block.left(), block.right() + 1):
                amount = model.column_kind(c) == AMOUNT
                # An amount cell's exact figure (blank when it shows none); the text of the others.
                role = Qt.ItemDataRole.EditRole if amount else Qt.ItemDataRole.DisplayRole
                for r in range(block.top(), block.bottom() + 1):
                    if seen is not None:
                        if (r, c) in seen:
                            continue
                        seen.add((r, c))
                    text = model.data(model.index(r, c), role)
                    if not text:
                        continue
                    count += 1
                    if amount:
                        total += model.parse(text)   # in 分, exactly
                        figures += 1
        if count < 2:
            text = ""
        elif figures:
            text = f"求和 {format_amount(total, model.session.unit)}  计数 {count}"
        else:
            text = f"计数 {count}"
        if text != self._summary:
            self._summary = text
            self.selection_summary.emit(text)

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
            model.apply_cells(cells, model.edit_label(cells, "清除"))

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
        if model.apply_cells(values, model.edit_label(values, "粘贴")) and not fill:
            bottom = min(top + len(figures), model.rowCount()) - 1
            right = min(left + max(len(line) for line in figures), model.columnCount()) - 1
            self._select(top, left, bottom, right)

    def _select(self, top: int, left: int, bottom: int, right: int) -> None:
        model = self.model()
        selection = QItemSelection(model.index(top, left), model.index(bottom, right))
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
