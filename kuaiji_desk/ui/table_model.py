"""One 公开表 of the open report as a Qt table model, shaped as it is published.

One model serves every table, read from the declaration and the table's layout:
a code table is [科目编码, 科目名称, its columns…]; a fixed table shows its
sections side by side, each as [项目, 行次, its columns…] (a section without row
labels, such as 09's, as its amounts only), the i-th row of every section on the
i-th line.  Everything data() returns is worked out once per change, so that
scrolling a table of 500 codes costs dictionary look-ups only.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from ..core import catalog, edits
from ..core.forms import TOTAL_ROW, CodeTable, Table
from ..core.layout import side_block_rows
from ..core.money import UNITS, AmountError, format_amount, format_plain, parse_amount
from ..core.naming import short_cell_name
from . import style
from .finding_marks import Mark, collect

CODE, NAME, LABEL, LINE, AMOUNT = "code", "name", "label", "line", "amount"

# The figure as plain text, for the clipboard: '1286.76', '' where nothing is shown.
PLAIN_ROLE = Qt.ItemDataRole.UserRole + 1

# Header words longer than this are broken across lines, so that an amount column
# of about 110 pixels shows 「公务用车购置及运行费」 whole.
HEADER_LINE_CHARS = 7

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_CENTRE = Qt.AlignmentFlag.AlignCenter
_ALIGNMENT = {AMOUNT: _RIGHT, LINE: _CENTRE, CODE: _LEFT, NAME: _LEFT, LABEL: _LEFT}


@dataclass(frozen=True)
class GridColumn:
    kind: str      # CODE, NAME, LABEL, LINE or AMOUNT
    section: int   # which section's rows it shows (always 0 for a code table)
    column: str    # the 栏次 of an AMOUNT column, '' for the others
    header: str


def _wrap(word: str) -> str:
    lines = math.ceil(len(word) / HEADER_LINE_CHARS)
    if lines <= 1:
        return word
    size = math.ceil(len(word) / lines)
    return "\n".join(word[i:i + size] for i in range(0, len(word), size))


def amount_header(path: tuple[str, ...], column_id: str) -> str:
    """'本年支出\n小计\n1': the header path, outermost first, then the 栏次 (if any)."""
    return "\n".join([*(_wrap(p) for p in path), *([column_id] if column_id else [])])


def grid_columns(spec: Table) -> list[GridColumn]:
    """The grid's columns as the report's layout prints the table (``spec``: its rendering):
    its columns in its order, a 行次 column and 栏次 where it prints them."""
    def number(c):
        return c.printed_number if spec.column_numbers else ""

    if isinstance(spec, CodeTable) and spec.side_blocks:
        # 06 as published: 编码 | 名称 | 决算数 per block, side by side.
        return [col
                for i, b in enumerate(spec.side_blocks)
                for top in [(b.heading,) if b.heading else ()]
                for col in (GridColumn(CODE, i, "", "\n".join([*top, _wrap(spec.code_header)])),
                            GridColumn(NAME, i, "", "\n".join([*top, "科目名称"])),
                            *(GridColumn(AMOUNT, i, c.id, amount_header((*top, *c.header), c.id))
                              for c in spec.columns))]
    if isinstance(spec, CodeTable):
        return [GridColumn(CODE, 0, "", "科目编码"), GridColumn(NAME, 0, "", "科目名称")] + [
            GridColumn(AMOUNT, 0, c.id, amount_header(c.header, number(c))) for c in spec.columns
        ]
    out = []
    for i, section in enumerate(spec.sections):
        if any(r.label for r in section.rows):
            title = f"{section.title}\n项目" if section.title else "项目"
            out.append(GridColumn(LABEL, i, "", title))
            if spec.row_numbers:
                out.append(GridColumn(LINE, i, "", "行次"))
        out += [GridColumn(AMOUNT, i, c.id, amount_header(c.header, number(c))) for c in section.columns]
    return out


def _span_words(ids: tuple[str, ...], unit: str) -> str:
    """('2', …, '7'), '栏' → '第2至7栏'; ('27', '28') → '第27、28行'."""
    numbers = [int(i) for i in ids] if all(i.isdigit() for i in ids) else None
    if numbers and len(numbers) > 2 and numbers == list(range(numbers[0], numbers[0] + len(numbers))):
        return f"第{numbers[0]}至{numbers[-1]}{unit}"
    return f"第{'、'.join(ids)}{unit}"


def exact_text(fen: int, unit: str) -> str:
    """The whole figure for editing: '1286.76', or '1286.761234' when typed to the 分 in 元.

    Never rounded: an editor opened and closed unchanged must not alter the figure.
    """
    number = Decimal(fen) / UNITS[unit]
    if number == number.quantize(Decimal("0.01")):
        return f"{number:.2f}"
    return f"{number.normalize():f}"


@dataclass
class _CellView:
    """What one cell shows; worked out when it is first painted."""
    text: str = ""
    fen: int | None = None
    background: QColor | None = None
    foreground: QColor | None = None
    tips: list[str] = field(default_factory=list)
    editable: bool = False
    summed: bool = False   # a 部门's figure: its units' added up


_EMPTY = _CellView()


class ReportTableModel(QAbstractTableModel):
    rejected = Signal(str)   # a Chinese message: typed text that is not an amount, a computed total typed into

    def __init__(self, session, table_id: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.table_id = table_id
        # Shaped as the report's layout prints the table; the sums and rules are the data model's.
        self.spec = session.report.publication.table(table_id)
        self._columns = grid_columns(self.spec)
        self._column_headers = {c.id: c.header for c in (*session.report.forms.table(table_id).columns,
                                                          *self.spec.columns)}
        self._is_code_table = isinstance(self.spec, CodeTable)
        self._catalog = catalog.load(self.spec.classification, session.report.year) if self._is_code_table else None
        self._bold_font = QFont()
        self._bold_font.setBold(True)
        self._marks = self._collect_marks(session.findings)
        self._build_grid()
        self._refresh()
        session.changed.connect(self._on_changed)
        session.checked.connect(self._on_checked)
        session.unit_changed.connect(self._on_unit_changed)

    # -- shape -----------------------------------------------------------------
    def _build_grid(self) -> None:
        self._layout = self.session.values.layout(self.table_id)
        if self._is_code_table and self.spec.side_blocks:
            sections = self._block_sections()
        elif self._is_code_table:
            rows = list(self._layout.rows)
            if self.spec.total_row and self.spec.total_at == "bottom":   # 合计 under the codes (上海's 五)
                rows.remove(TOTAL_ROW)
                rows.append(TOTAL_ROW)
            sections = [rows]
        else:   # the rows the layout prints; a blank row it prints to even the sides is None
            sections = [[r.id or None for r in s.rows] for s in self.spec.sections]
        lines = max(len(rows) for rows in sections)
        # _grid[i][s]: the row id that line i shows for section s, None past its end.
        self._grid = [[rows[i] if i < len(rows) else None for rows in sections] for i in range(lines)]
        # (row id, 栏次) → position; (row id, '') → the row's first text column.
        self._position: dict[tuple[str, str], tuple[int, int]] = {}
        for i, ids in enumerate(self._grid):
            for j, col in enumerate(self._columns):
                row = ids[col.section]
                if row is not None and (col.kind != AMOUNT or self._layout.has_cell(row, col.column)):
                    self._position.setdefault((row, col.column), (i, j))
        self._line_of = {row: i for i, ids in enumerate(self._grid) for row in ids if row is not None}
        self._parents: dict[str, list[str]] = {}
        for total, parts in self._layout.row_terms.items():
            for part in parts:
                self._parents.setdefault(part, []).append(total)
        self._bold_lines = {i for i, ids in enumerate(self._grid)
                            if any(r in self._layout.row_terms and not self.is_code_row(r) for r in ids if r)}

    def _block_sections(self) -> list[list[str | None]]:
        """Each block's rows, and on one last line each group's total under its first block."""
        blocks = side_block_rows(self._layout)
        height = max(len(rows) for rows in blocks)
        firsts = {}
        for i, b in enumerate(self.spec.side_blocks):
            firsts.setdefault(b.group, i)
        totals = {i: group for group, i in firsts.items() if group in self._layout.row_cols}
        return [rows + [None] * (height - len(rows)) + [totals.get(i)] for i, rows in enumerate(blocks)]

    def column_kind(self, column: int) -> str:
        return self._columns[column].kind

    def cell_of(self, index: QModelIndex) -> tuple[str, str] | None:
        """(row id, 栏次) of an amount cell, (row id, '') of a code, name, 项目 or 行次 cell."""
        if not index.isValid():
            return None
        col = self._columns[index.column()]
        row = self._grid[index.row()][col.section]
        if row is None or (col.kind == AMOUNT and not self._layout.has_cell(row, col.column)):
            return None
        return row, col.column

    def index_of(self, row_id: str, col_id: str) -> QModelIndex:
        pos = self._position.get((row_id, col_id))
        return self.index(*pos) if pos else QModelIndex()

    def is_code_row(self, row_id: str) -> bool:
        return self._is_code_table and row_id in self._layout.codes

    def label_of(self, row_id: str) -> str:
        return self._layout.labels.get(row_id, "")

    def is_stated_total(self, row_id: str, col_id: str) -> bool:
        return self._layout.is_total(row_id, col_id) and self.session.values.is_stated(self.table_id, row_id, col_id)

    # -- what is shown -----------------------------------------------------------
    def _collect_marks(self, findings) -> dict[tuple[str, str], Mark]:
        return collect(findings, lambda f: (f.row, f.column) if f.table == self.table_id else None)

    def _refresh(self) -> None:
        """Forgets what cells showed: each is worked out again when next painted.

        Lazily, cell by cell: after an edit a large table repaints only the cells
        in view, not the thousands it holds.
        """
        self._views: dict[tuple[int, int], _CellView] = {}

    def _view(self, pos: tuple[int, int]) -> "_CellView":
        view = self._views.get(pos)
        if view is None:
            view = self._views[pos] = self._work_out(pos)
        return view

    def _work_out(self, pos: tuple[int, int]) -> "_CellView":
        i, j = pos
        col = self._columns[j]
        row = self._grid[i][col.section]
        if row is None or (col.kind == AMOUNT and not self._layout.has_cell(row, col.column)):
            return _EMPTY
        view = self._amount_cell(row, col.column) if col.kind == AMOUNT else self._text_cell(row, col.kind)
        mark = self._marks.get((row, col.column))
        if mark:
            view.background = style.SEVERITY_BACKGROUND[mark[0]]
            view.tips.append(mark[1])
        return view

    def _amount_cell(self, row: str, col: str) -> "_CellView":
        key = (self.table_id, row, col)
        values, unit = self.session.values, self.session.unit
        if self.session.live is not None:
            return self._summed_cell(key)
        shown = self.session.report.cells.get(key)
        view = _CellView()
        if not self._layout.is_total(row, col):
            view.editable = True
        elif shown is None:
            view.background = style.TOTAL_BACKGROUND
            shown = values.computed(*key) or None   # a total of nothing stays blank
        else:
            # A stated total: kept as imported or typed over, until one of its parts changes.
            view.editable = True
            view.background = style.STATED_BACKGROUND
            view.tips.append(f"所列数 {format_amount(shown, unit)} {unit}（导入或填写），"
                             f"按各项计算为 {format_amount(values.computed(*key), unit)} {unit}；"
                             f"其各项一有改动，即按计算值")
        if shown is not None:
            view.fen = shown
            view.text = format_amount(shown, unit)
        return view

    def _summed_cell(self, key) -> "_CellView":
        """A 部门's figure: its units', added up; read-only, 单位明细 in its tooltip."""
        value = self.session.values.value_at(key)
        view = _CellView(summed=True)
        if self._layout.is_total(key[1], key[2]):
            view.background = style.TOTAL_BACKGROUND
        if value:
            view.fen, view.text = value, format_amount(value, self.session.unit)
        return view

    def unit_lines(self, index: QModelIndex) -> list[str]:
        """单位明细 of an amount cell of a 部门: each unit's figure, the internal transfers taken
        out, the 部门's figure; [] for any other cell."""
        cell = self.cell_of(index)
        if self.session.live is None or cell is None or self._columns[index.column()].kind != AMOUNT:
            return []
        key, unit = (self.table_id, *cell), self.session.unit
        figures = self.session.unit_figures(key)
        total = self.session.values.value_at(key)
        lines = [f"{name}：{format_amount(fen, unit)}" for name, fen in figures]
        taken = total - sum(fen for _, fen in figures)
        if taken:
            lines.append(f"内部往来抵消：{format_amount(taken, unit)}")
        lines.append(f"部门合计：{format_amount(total, unit)} {unit}")
        return lines

    def _text_cell(self, row: str, kind: str) -> "_CellView":
        view = _CellView(text=self._text_of(kind, row))
        if kind == CODE and row in self._layout.codes and self._catalog.get(row) is None:
            view.foreground = style.UNKNOWN_CODE_FOREGROUND
        if kind in (NAME, LABEL) and view.text:
            view.tips.append(view.text)   # the whole name, where the column elides it
        return view

    def _text_of(self, kind: str, row: str) -> str:
        if kind == CODE:
            return row if row in self._layout.codes else ""
        if kind == LINE:
            return row
        return self._layout.labels.get(row, "")

    # -- QAbstractTableModel ---------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._grid)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return self._header(section, orientation, role)

    def _header(self, section, orientation, role):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _CENTRE
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self._data(index, role)

    def _data(self, index, role):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGNMENT[self._columns[index.column()].kind]
        if role == Qt.ItemDataRole.FontRole:
            return self._bold_font if index.row() in self._bold_lines else None
        view = self._view((index.row(), index.column()))
        if role == Qt.ItemDataRole.DisplayRole:
            return view.text
        if role == Qt.ItemDataRole.EditRole:
            return "" if view.fen is None else exact_text(view.fen, self.session.unit)
        if role == PLAIN_ROLE:
            if self._columns[index.column()].kind != AMOUNT:
                return view.text
            return "" if view.fen is None else format_plain(view.fen, self.session.unit)
        if role == Qt.ItemDataRole.BackgroundRole:
            return view.background
        if role == Qt.ItemDataRole.ForegroundRole:
            return view.foreground
        if role == Qt.ItemDataRole.ToolTipRole:
            # A 部门's figures: 单位明细 worked out when asked for, not for every cell painted.
            tips = view.tips + (["单位明细（双击查看）：", *self.unit_lines(index)] if view.summed else [])
            return "\n".join(tips) if tips else None
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def is_editable(self, index: QModelIndex) -> bool:
        return index.isValid() and self._view((index.row(), index.column())).editable

    # -- changes ---------------------------------------------------------------------
    def parse(self, text) -> int | None:
        """Typed or pasted text → 分 in the unit shown; raises AmountError."""
        return parse_amount(str(text), self.session.unit)

    def read_only_reason(self, index: QModelIndex) -> str:
        """Why an amount cell cannot be typed into: the sum it is computed as, named.  '' for
        a cell that can be typed into (a stated total can: the figure typed replaces it) and
        for cells that are not amounts."""
        cell = self.cell_of(index)
        if cell is None or self._columns[index.column()].kind != AMOUNT or self.is_editable(index):
            return ""
        if self.session.live is not None:
            return "部门汇总数由所属单位的报告汇总得出，不能直接填写；双击可查看单位明细，请在单位报告中修改。"
        row, col = cell
        lay = self._layout
        rows = lay.row_terms.get(row)
        cols = lay.col_terms.get(col)
        row_words = None if rows is None else self._rows_words(row, rows)
        col_words = None if cols is None else _span_words(cols, "栏")
        if row_words and col_words:
            terms = f"{row_words}的{col_words}"
        elif row_words:
            terms = row_words
        elif col_words:
            terms = f"本行{col_words}"
        else:
            terms = "各项"   # a total of no rows (a 合计 over an empty table)
        return f"{self.cell_words(row, col)}由{terms}相加得出，不能直接填写；请填写其各项。"

    def _rows_words(self, row: str, terms: tuple[str, ...]) -> str:
        if not terms:
            return ""
        if not self._is_code_table:
            return _span_words(terms, "行")
        if row in self._layout.codes or row == TOTAL_ROW:
            return "其下各科目"
        return f"{'、'.join(terms)}类"   # a group of classes (06: 人员经费合计 = 301、303)

    def cell_words(self, row: str, col: str) -> str:
        """“201 一般公共服务支出”的“财政拨款收入”（第2栏）; “本年收入合计”（第27行）."""
        label = self._layout.labels.get(row, "")
        if self._is_code_table:
            name = f"“{row} {label}”" if row in self._layout.codes else f"“{label}”"
        else:
            name = f"“{label}”（第{row}行）" if label else ""
        if len(self._layout.row_cols[row]) == 1:
            return name
        column = f"“{''.join(self._column_headers[col])}”（第{col}栏）"
        return f"{name}的{column}" if name else column

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole:
            return False
        if not self.is_editable(index):
            reason = self.read_only_reason(index)
            if reason:
                self.rejected.emit(reason)
            return False
        try:
            fen = self.parse(value)
        except AmountError as exc:
            self.rejected.emit(f"{exc}，请输入数字，如 1286.76。")
            return False
        cell = self.cell_of(index)
        return self.apply_cells({cell: fen}, self.edit_label([cell]))

    def edit_label(self, cells, verb: str = "") -> str:
        """What the undo step says: the cell by name (公开03表 2010350 基本支出), or the table
        and how many cells."""
        if len(cells) == 1:
            [(row, col)] = cells
            what = short_cell_name(self.session.report, self._layout, row, col)
        else:
            what = f"{self.spec.caption} {len(cells)} 个单元格"
        return f"{verb} {what}" if verb else what

    def apply_cells(self, values: dict[tuple[str, str], int | None], label: str) -> bool:
        """Sets figures of this table as one undo step; cells that would not change are left out,
        and the stated totals above those that do go back to computed in the same step."""
        edit = edits.set_figures(self.session.report, {(self.table_id, r, c): fen for (r, c), fen in values.items()},
                                 label, self._layout)
        if not edit.cells:
            return True
        return self.session.apply(edit)

    def _everything_changed(self) -> None:
        if self._grid and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._grid) - 1, len(self._columns) - 1))

    def _rows_changed(self, rows) -> None:
        """Repaints only the lines of these rows: a large table stays quick to edit."""
        self._refresh()
        last = len(self._columns) - 1
        for line in sorted({self._line_of[r] for r in rows if r in self._line_of}):
            self.dataChanged.emit(self.index(line, 0), self.index(line, last))

    def _with_totals(self, rows) -> set[str]:
        """The rows and every total above them (款, 类, 合计, 总计 …)."""
        out, todo = set(), list(rows)
        while todo:
            row = todo.pop()
            if row not in out:
                out.add(row)
                todo.extend(self._parents.get(row, ()))
        return out

    def _on_changed(self, edit) -> None:
        if self.table_id in edit.parts:
            # Code rows may have come or gone: the rows are laid out anew.
            self._marks = self._collect_marks(self.session.findings)
            self.beginResetModel()
            self._build_grid()
            self._refresh()
            self.endResetModel()
            return
        rows = [r for t, r, _ in edit.keys if t == self.table_id]
        if rows:
            self._rows_changed(self._with_totals(rows))

    def _on_checked(self, findings) -> None:
        marks = self._collect_marks(findings)
        if marks != self._marks:
            moved = {key for key in marks.keys() | self._marks.keys() if marks.get(key) != self._marks.get(key)}
            self._marks = marks
            self._rows_changed(row for row, _ in moved)

    def _on_unit_changed(self, unit: str) -> None:
        self._refresh()
        self._everything_changed()
