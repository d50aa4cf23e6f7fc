"""The header rows of a 公开表 as published, worked out once for the PDF, the workbook
and the window.

A table's columns, left to right, each carry a header path (outermost first): 01's
收入 side is (收入, 项目) | (收入, 行次) | (收入, 金额); 09's third column is
(预算数, 公务用车购置及运行费, 小计).  The header cells come from the paths: a text
spans the neighbouring columns whose paths share it (and everything above it), and a
path's last text reaches down to the last header row (or, in a table aligned 'bottom',
stands in it alone).  Under the header rows every table but 06 prints a 栏次 row, where
its layout prints 栏次 at all (上海's prints neither 栏次 nor 行次).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .catalog import FUNCTIONAL
from .forms import CodeTable, FixedTable, Table

CODE, NAME, LABEL, LINE, AMOUNT = "code", "name", "label", "line", "amount"

ITEM = "项目"
ROW_NO = "行次"
COL_NO = "栏次"
NAME_HEADER = "科目名称"
CODE_PARTS = "类款项"   # the 栏次 row's cell under a 功能分类 code column, as published


@dataclass(frozen=True)
class HeaderColumn:
    kind: str                 # CODE, NAME, LABEL, LINE or AMOUNT
    path: tuple[str, ...]     # header texts, outermost first
    lanci: str = ""           # what the 栏次 row says in this column
    column: str = ""          # the 栏次 of an AMOUNT column
    section: int = 0          # the section (fixed table) or block (06) whose rows it shows


@dataclass(frozen=True)
class HeaderCell:
    """One cell of the header rows: rows from 0 (the first header row), columns from
    0 (the table's first column), both ranges inclusive."""
    text: str
    top: int
    left: int
    bottom: int
    right: int


@dataclass(frozen=True)
class TableHeader:
    columns: tuple[HeaderColumn, ...]
    numbered: bool            # a 栏次 row under the header rows
    align: str = "top"        # see :func:`header_cells`

    @property
    def depth(self) -> int:
        """How many header rows the paths take (the 栏次 row not counted)."""
        return header_depth([c.path for c in self.columns])

    def cells(self) -> list[HeaderCell]:
        """The header rows' cells, then (when ``numbered``) the 栏次 row's, one per column."""
        out = header_cells([c.path for c in self.columns], self.align)
        if self.numbered:
            row = self.depth
            out += [HeaderCell(c.lanci, row, i, row, i) for i, c in enumerate(self.columns)]
        return out


def is_labelled(section) -> bool:
    """Whether a fixed table's section shows 项目 and 行次 columns (09's does not)."""
    return any(r.label for r in section.rows)


def table_header(spec: Table) -> TableHeader:
    """The columns of a table as published, left to right, with their header paths.  What a
    layout leaves out is not there: the 行次 column, the 栏次 row, a block's heading."""
    if isinstance(spec, CodeTable) and spec.side_blocks:
        # 06: 编码 | 名称 | 决算数 per block, under the block's heading; no 栏次 row.
        return TableHeader(tuple(
            col
            for i, b in enumerate(spec.side_blocks)
            for top in [(b.heading,) if b.heading else ()]
            for col in (HeaderColumn(CODE, (*top, spec.code_header), section=i),
                        HeaderColumn(NAME, (*top, NAME_HEADER), section=i),
                        *(HeaderColumn(AMOUNT, (*top, *c.header), c.printed_number, c.id, i) for c in spec.columns))
        ), numbered=False, align=spec.header_align)
    if isinstance(spec, CodeTable):
        top = (spec.header_title,)
        code_lanci = CODE_PARTS if spec.classification == FUNCTIONAL else ""
        return TableHeader((
            HeaderColumn(CODE, (*top, spec.code_header), code_lanci),
            HeaderColumn(NAME, (*top, NAME_HEADER), COL_NO),
            *(HeaderColumn(AMOUNT, c.header, c.printed_number, c.id) for c in spec.columns),
        ), numbered=spec.column_numbers, align=spec.header_align)
    assert isinstance(spec, FixedTable)
    columns = []
    for i, section in enumerate(spec.sections):
        top = (section.title,) if section.title else ()
        if is_labelled(section):
            columns.append(HeaderColumn(LABEL, (*top, ITEM), COL_NO, section=i))
            if spec.row_numbers:
                columns.append(HeaderColumn(LINE, (*top, ROW_NO), section=i))
        columns += [HeaderColumn(AMOUNT, (*top, *c.header), c.printed_number, c.id, i) for c in section.columns]
    return TableHeader(tuple(columns), numbered=spec.column_numbers, align=spec.header_align)


def header_depth(paths: Sequence[tuple[str, ...]]) -> int:
    return max((len(p) for p in paths), default=0)


def header_cells(paths: Sequence[tuple[str, ...]], align: str = "top") -> list[HeaderCell]:
    """The merged cells of header rows drawn from column header paths.

    A text spans the neighbouring columns that share it and everything above it, and stands
    over the same header rows (leaves merge only with leaves, heads with heads).  Aligned
    'top', a path's texts stand one a row from the first, and its last text reaches down to
    the last header row.  Aligned 'bottom', its last text stands in the last header row alone
    and the text above it reaches down to meet it (上海's 三公: 预算数 | 决算数 under every
    item, however deep the item).
    """
    depth = header_depth(paths)
    slots = [_slots(path, depth, align) for path in paths]
    out = []
    for c, column in enumerate(slots):
        for slot in column:
            if c > 0 and slot in slots[c - 1]:
                continue               # part of the cell begun to its left
            e = c
            while e + 1 < len(slots) and slot in slots[e + 1]:
                e += 1
            prefix, top, bottom = slot
            out.append(HeaderCell(prefix[-1], top, c, bottom, e))
    out.sort(key=lambda cell: (cell.top, cell.left))
    return out


def _slots(path: tuple[str, ...], depth: int, align: str) -> list[tuple[tuple[str, ...], int, int]]:
    """Where each text of a path stands: (the path down to it, first row, last row)."""
    n = len(path)
    rows = [(i, i) for i in range(n)]
    if n:
        if align == "bottom" and n >= 2:
            rows[n - 2] = (n - 2, depth - 2)
            rows[n - 1] = (depth - 1, depth - 1)
        else:
            rows[n - 1] = (n - 1, depth - 1)
    return [(tuple(path[:i + 1]), top, bottom) for i, (top, bottom) in enumerate(rows)]
