"""The header rows of a 公开表 as published, worked out once for the PDF, the workbook
and the window.

A table's columns, left to right, each carry a header path (outermost first): 01's
收入 side is (收入, 项目) | (收入, 行次) | (收入, 金额); 09's third column is
(预算数, 公务用车购置及运行费, 小计).  The header cells come from the paths: a text
spans the neighbouring columns whose paths share it (and everything above it), and a
path's last text reaches down to the last header row.  Under the header rows every
table but 06 prints a 栏次 row.
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

    @property
    def depth(self) -> int:
        """How many header rows the paths take (the 栏次 row not counted)."""
        return header_depth([c.path for c in self.columns])

    def cells(self) -> list[HeaderCell]:
        """The header rows' cells, then (when ``numbered``) the 栏次 row's, one per column."""
        out = header_cells([c.path for c in self.columns])
        if self.numbered:
            row = self.depth
            out += [HeaderCell(c.lanci, row, i, row, i) for i, c in enumerate(self.columns)]
        return out


def is_labelled(section) -> bool:
    """Whether a fixed table's section shows 项目 and 行次 columns (09's does not)."""
    return any(r.label for r in section.rows)


def table_header(spec: Table) -> TableHeader:
    """The columns of a table as published, left to right, with their header paths."""
    if isinstance(spec, CodeTable) and spec.side_blocks:
        # 06: 编码 | 名称 | 决算数 per block, under the block's heading; no 栏次 row.
        return TableHeader(tuple(
            col
            for i, b in enumerate(spec.side_blocks)
            for col in (HeaderColumn(CODE, (b.heading, spec.code_header), section=i),
                        HeaderColumn(NAME, (b.heading, NAME_HEADER), section=i),
                        *(HeaderColumn(AMOUNT, (b.heading, *c.header), c.id, c.id, i) for c in spec.columns))
        ), numbered=False)
    if isinstance(spec, CodeTable):
        top = (spec.header_title,)
        code_lanci = CODE_PARTS if spec.classification == FUNCTIONAL else ""
        return TableHeader((
            HeaderColumn(CODE, (*top, spec.code_header), code_lanci),
            HeaderColumn(NAME, (*top, NAME_HEADER), COL_NO),
            *(HeaderColumn(AMOUNT, c.header, c.id, c.id) for c in spec.columns),
        ), numbered=True)
    assert isinstance(spec, FixedTable)
    columns = []
    for i, section in enumerate(spec.sections):
        top = (section.title,) if section.title else ()
        if is_labelled(section):
            columns += [HeaderColumn(LABEL, (*top, ITEM), COL_NO, section=i),
                        HeaderColumn(LINE, (*top, ROW_NO), section=i)]
        columns += [HeaderColumn(AMOUNT, (*top, *c.header), c.id, c.id, i) for c in section.columns]
    return TableHeader(tuple(columns), numbered=True)


def header_depth(paths: Sequence[tuple[str, ...]]) -> int:
    return max((len(p) for p in paths), default=0)


def header_cells(paths: Sequence[tuple[str, ...]]) -> list[HeaderCell]:
    """The merged cells of header rows drawn from column header paths.

    A text spans the neighbouring columns that share it and everything above it
    (leaves merge only with leaves, heads with heads); a path's last text reaches
    down to the last header row.
    """
    depth = header_depth(paths)
    out = []
    for level in range(depth):
        c = 0
        while c < len(paths):
            path = paths[c]
            if level >= len(path):
                c += 1
                continue
            leaf = level == len(path) - 1
            e = c
            while (e + 1 < len(paths) and len(paths[e + 1]) > level and paths[e + 1][:level + 1] == path[:level + 1]
                   and (level == len(paths[e + 1]) - 1) == leaf):
                e += 1
            out.append(HeaderCell(path[level], level, c, depth - 1 if leaf else level, e))
            c = e + 1
    return out
